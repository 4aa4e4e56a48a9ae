"""The plan page in Chromium: a coordinator filters, opens a month, re-plans and watches it finish; Arabic mirrors.

One server for the module over web_kit's workspace (the sample's 35 requests, a stored plan of three
workshops); the re-plan solves the sample with a short time limit, so the pages after it show a full plan
and its left-out requests with their reasons.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from browser_kit import assert_no_serious_violations, live_server, log_in, screenshot, watch_errors

from tests.tiptrain.web.web_kit import PASSWORD, build_workspace, user_name

if TYPE_CHECKING:
    from playwright.sync_api import Page

SOLVE_MS = 120_000
"""How long the re-plan may take on a busy machine (it runs with a 3 s time limit, up to three attempts)."""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(build_workspace(tmp_path_factory.mktemp("served"))) as url:
        yield url


def test_coordinator_filters_the_plan_opens_a_month_and_replans(page: Page, base: str) -> None:
    from playwright.sync_api import expect

    errors = watch_errors(page)
    log_in(page, base, user_name("coordinator"), PASSWORD)
    page.goto(f"{base}/plan?lang=en")
    page.select_option("#filter-country", "ML")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    filtered = page.locator("table.plan-table tbody tr").count()
    with page.expect_navigation():
        page.get_by_role("link", name="February 2027").first.click()
    events = page.locator("table.calendar a.event")
    in_month = [events.nth(n).get_attribute("href") for n in range(events.count())]
    page.fill("#time-limit", "3")
    with page.expect_navigation():
        page.get_by_role("button", name="Start re-plan").click()
    started = page.url
    expect(page.locator(".run.status-done")).to_be_visible(timeout=SOLVE_MS)
    screenshot(page, "plan-run-en", full_page=False)

    assert (filtered, in_month, "/plan?run=" in started) == (1, ["/workshops/W-ml-bamako"] * 3, True)
    assert page.locator("ul.summary li").first.inner_text().startswith("23 workshops planned of 35 requests")
    assert errors == []


def test_plan_in_arabic_is_right_to_left_with_monday_on_the_right(page: Page, base: str) -> None:
    log_in(page, base, user_name("coordinator"), PASSWORD)
    page.goto(f"{base}/plan?month=2027-02&lang=ar")
    headers = page.locator("table.calendar thead th")
    monday, sunday = headers.first.bounding_box(), headers.last.bounding_box()
    screenshot(page, "plan-ar")
    assert_no_serious_violations(page)

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert monday is not None and sunday is not None
    assert monday["x"] > sunday["x"]  # the week's first day sits on the right in Arabic
    assert headers.first.locator("abbr").get_attribute("title") == "الاثنين"


def test_plan_and_dashboard_have_no_serious_violations(page: Page, base: str) -> None:
    log_in(page, base, user_name("coordinator"), PASSWORD)
    for path, name in (("/plan?lang=en", "plan-en"), ("/?lang=en", "dashboard-en"), ("/?lang=ar", "dashboard-ar")):
        page.goto(base + path)
        screenshot(page, name)
        assert_no_serious_violations(page)
