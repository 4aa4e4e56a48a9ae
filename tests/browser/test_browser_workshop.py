"""The workshop page in Chromium: the coordinator confirms a workshop, the office delivers one with a roster.

One server for the module over web_kit's workspace, where W-sn-dakar is already delivered (for the
screenshots: roster, history and every section filled). Each journey works on its own workshop, so the
tests do not depend on their order: the coordinator on W-ua-kyiv, the office on W-ml-bamako (its country).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_kit import assert_no_serious_violations, live_server, log_in, screenshot, watch_errors

from exports.models import Participant
from tests.tiptrain.web.web_kit import PASSWORD, build_workspace, open_register, user_name

if TYPE_CHECKING:
    from playwright.sync_api import Page

HEADER = "name,organisation,profession,sex,country,email,day1,day2,day3"
GOOD_ROW = "Oumar Diallo,Tribunal de Bamako,judges,m,ML,,1,1,1"
BAD_ROW = "Mariam Koné,Brigade des mineurs,police,q,ML,mariam@example.org,1,1,1"
FIXED_ROW = "Mariam Koné,Brigade des mineurs,police,f,ML,mariam@example.org,1,1,1"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workspace = build_workspace(tmp_path_factory.mktemp("served-workshop"))
    people = [
        Participant(
            name=name, organisation=organisation, profession=profession, sex=sex, country="SN",
            attendance=[True, True, present],
        )
        for name, organisation, profession, sex, present in [
            ("Fatou Ndiaye", "Police nationale", "police", "f", True),
            ("Cheikh Sarr", "Parquet de Dakar", "prosecutors", "m", True),
            ("Aminata Fall", "Tribunal de Dakar", "judges", "f", False),
        ]
    ]  # fmt: skip
    with open_register(workspace) as register:
        register.transition("W-sn-dakar", "confirmed", "host agreed", by="kofi")
        register.deliver("W-sn-dakar", people, by="kofi")
    with live_server(workspace) as url:
        yield url


def roster(*rows: str) -> dict[str, object]:
    """A file for Playwright's set_input_files, as the office would pick it."""
    return {"name": "roster-bamako.csv", "mimeType": "text/csv", "buffer": "\n".join([HEADER, *rows]).encode()}


def test_coordinator_opens_a_workshop_from_the_dashboard_and_confirms_it(page: Page, base: str) -> None:
    errors = watch_errors(page)
    log_in(page, base, user_name("coordinator"), PASSWORD)
    page.goto(f"{base}/plan")
    if page.locator("a[href='/workshops/W-ua-kyiv']").count() == 0:  # no plan page yet: the dashboard lists it
        page.goto(f"{base}/")

    with page.expect_navigation():
        page.locator("a[href='/workshops/W-ua-kyiv']").first.click()
    page.locator("#confirm-reason").fill("Ministry letter of 12 January")
    with page.expect_navigation():
        page.locator("#confirm-form button[type=submit]").click()

    assert page.url == f"{base}/workshops/W-ua-kyiv?done=confirmed"
    assert page.locator("#status").inner_text() == "confirmed"
    last = page.locator("table.history tbody tr").last
    assert last.locator("td").all_inner_texts()[1:] == ["planned → confirmed", "kofi", "Ministry letter of 12 January"]
    assert [error for error in errors if "/plan" not in error and "favicon" not in error] == []


def test_office_delivers_with_a_corrected_roster_and_downloads_the_certificates(page: Page, base: str) -> None:
    from pypdf import PdfReader

    log_in(page, base, user_name("office"), PASSWORD)
    page.goto(f"{base}/workshops/W-ml-bamako")
    with page.expect_navigation():
        page.locator("#confirm-form button[type=submit]").click()

    page.locator("#roster").set_input_files(roster(GOOD_ROW, BAD_ROW))  # type: ignore[arg-type]
    with page.expect_navigation():
        page.locator("#deliver-form button[type=submit]").click()
    refused = page.locator("table.problems tbody tr").all_inner_texts()
    screenshot(page, "workshop-roster-errors-en")
    assert_no_serious_violations(page)
    page.locator("#roster").set_input_files(roster(GOOD_ROW, FIXED_ROW))  # type: ignore[arg-type]
    with page.expect_navigation():
        page.locator("#deliver-form button[type=submit]").click()
    status = page.locator("#status").inner_text()
    with page.expect_download() as downloading:
        page.locator("#download-certificates").click()
    saved = Path(downloading.value.path())
    text = "\n".join(sheet.extract_text() or "" for sheet in PdfReader(io.BytesIO(saved.read_bytes())).pages)

    assert [row.split("\t") for row in refused] == [["3", "sex", "'q'", "'f', 'm' or 'x'"]]
    assert status == "delivered"
    assert downloading.value.suggested_filename == "certificates-W-ml-bamako-fr.pdf"
    assert "Mariam Koné" in text and "Oumar Diallo" in text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_workshop_page_has_no_serious_violations(page: Page, base: str, lang: str) -> None:
    errors = watch_errors(page)
    log_in(page, base, user_name("coordinator"), PASSWORD)

    answer = page.goto(f"{base}/workshops/W-sn-dakar?lang={lang}")
    screenshot(page, f"workshop-{lang}")

    assert answer is not None and answer.status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_no_serious_violations(page)
    assert [error for error in errors if "favicon" not in error] == []
