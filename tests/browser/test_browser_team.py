"""The team's pages in Chromium: a trainer marks days away and subscribes to their feed, an office proposes a
request the coordinator declines with a reason the office then reads, and the report draws its SVG charts.

One server for the module: web_kit's workspace with the sample files imported into the register (as `plan`
does) and the Bamako workshop delivered, so the report has figures to draw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_kit import assert_no_serious_violations, live_server, log_in, screenshot, watch_errors

from exports.models import Participant
from tests.tiptrain.web.web_kit import PASSWORD, build_workspace, open_register, user_name
from tiptrain.context import App
from tiptrain.inputs_sync import import_workspace
from tiptrain.settings import load_settings

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROSTER = [
    Participant(name="Awa Test", profession="police", sex="f", country="ML", attendance=[True, True, True]),
    Participant(name="Binta Test", profession="judges", sex="f", country="ML", attendance=[True, True, False]),
    Participant(name="Cheick Test", profession="border-guards", sex="m", country="ML", attendance=[True, True, True]),
]
"""Invented people for the delivered Bamako workshop."""


def team_workspace(folder: Path) -> Path:
    """web_kit's workspace, its files imported into the register, W-ml-bamako delivered, W-ua-kyiv cancelled."""
    build_workspace(folder)
    with open_register(folder) as register:
        import_workspace(register, load_settings(folder), App(workspace=str(folder)).catalogue())
        register.transition("W-ml-bamako", "confirmed")
        register.deliver("W-ml-bamako", ROSTER)
        register.transition("W-ua-kyiv", "cancelled", "no venue")
    return folder


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(team_workspace(tmp_path_factory.mktemp("served") / "ws")) as url:
        yield url


def test_trainer_marks_days_away_and_fetches_their_feed(page: Page, base: str) -> None:
    errors = watch_errors(page)
    log_in(page, base, user_name("trainer"), PASSWORD)
    page.get_by_role("link", name="My schedule").click()
    assert page.url == f"{base}/trainers/t-amina"
    assert_no_serious_violations(page)

    page.get_by_role("link", name="Change days away").click()
    page.get_by_label("First day, row 2").fill("2027-03-08")
    page.get_by_label("Last day, row 2").fill("2027-03-12")
    with page.expect_navigation():
        page.get_by_role("button", name="Save days away").click()
    saved = page.get_by_role("status").inner_text()
    screenshot(page, "availability-en")
    assert_no_serious_violations(page)
    page.get_by_role("link", name="Back to the schedule").click()
    listed = page.locator("ul.ranges li").all_inner_texts()

    feed_url = page.get_by_label("Subscription address").input_value()
    feed = page.request.get(feed_url)

    assert saved == "Days away saved."
    assert listed == ["8 Mar 2027 – 12 Mar 2027", "7 Jun 2027 – 18 Jun 2027"]
    assert feed_url.startswith(f"{base}/feeds/")
    assert (feed.status, feed.headers["content-type"]) == (200, "text/calendar; charset=utf-8")
    assert ("Bamako" in feed.text(), "Dakar" in feed.text(), "Kyiv" in feed.text()) == (True, True, False)
    page.goto(f"{base}/trainers/t-amina?lang=ar")
    screenshot(page, "trainer-ar")
    assert_no_serious_violations(page)
    assert [e for e in errors if not e.endswith("/favicon.ico)")] == []


def test_office_proposal_is_declined_with_a_reason_the_office_reads(new_page: Callable[..., Page], base: str) -> None:
    office, coordinator = new_page(), new_page()
    log_in(office, base, user_name("office"), PASSWORD)
    office.goto(f"{base}/requests?lang=en")
    form = office.locator("form.propose-form")
    form.get_by_label("Programme").select_option("criminal-justice-3d")
    form.get_by_label("City").fill("Sikasso")
    form.get_by_label("Earliest start").fill("2027-03-01")
    form.get_by_label("Latest end").fill("2027-04-30")
    form.get_by_label("Participants", exact=True).fill("20")
    form.get_by_label("Workshop language").select_option("fr")
    form.get_by_label("Police officer").check()
    with office.expect_navigation():
        form.get_by_role("button", name="Propose").click()
    proposed = office.get_by_role("status").inner_text()
    screenshot(office, "requests-en")
    assert_no_serious_violations(office)

    log_in(coordinator, base, user_name("coordinator"), PASSWORD)
    coordinator.goto(f"{base}/requests?status=proposed&lang=en")
    row = coordinator.locator("#request-ml-sikasso-criminal-justice-3d")
    row.get_by_label("Reason to decline").fill("No trainer is free in March")
    with coordinator.expect_navigation():
        row.get_by_role("button", name="Decline").click()
    assert_no_serious_violations(coordinator)
    office.goto(f"{base}/requests?status=declined&lang=ar")
    assert_no_serious_violations(office)
    office.goto(f"{base}/requests?status=declined&lang=en")
    reason = office.locator("#request-ml-sikasso-criminal-justice-3d .reason").inner_text()

    assert proposed == "Request ml-sikasso-criminal-justice-3d proposed; it waits for the coordinator's review."
    assert reason == "Reason: No trainer is free in March"


def test_report_draws_svg_charts_in_english_and_arabic(page: Page, base: str) -> None:
    errors = watch_errors(page)
    log_in(page, base, user_name("viewer"), PASSWORD)
    seen = {}
    for lang in ("en", "ar"):
        page.goto(f"{base}/report?lang={lang}")
        charts = page.locator("svg.chart[role=img]")
        seen[lang] = (
            charts.count(),
            charts.first.bounding_box() is not None,
            page.locator("html").get_attribute("dir"),
        )
        screenshot(page, f"report-{lang}")
        assert_no_serious_violations(page)

    assert seen == {"en": (3, True, "ltr"), "ar": (3, True, "rtl")}
    assert [e for e in errors if not e.endswith("/favicon.ico)")] == []
