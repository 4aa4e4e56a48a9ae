"""The certificate check (anyone) and the outbox (coordinator) in Chromium, in English and Arabic, with axe.

One server for the module over web_kit's workspace, in which W-ml-bamako was delivered with two invented
participants, so that one certificate code exists to check.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_kit import assert_no_serious_violations, live_server, log_in, screenshot, watch_errors

from exports.models import Participant
from tests.tiptrain.web.web_kit import PASSWORD, build_workspace, open_register, user_name

if TYPE_CHECKING:
    from playwright.sync_api import Page


def delivered(workspace: Path) -> str:
    """Deliver W-ml-bamako with two invented participants; the first one's certificate code."""
    people = [
        Participant.model_validate(
            {"name": name, "profession": "police", "sex": "f", "country": "ML", "attendance": [True] * 3}
        )
        for name in ("Fatou Inventee", "Mariam Inventee")
    ]
    with open_register(workspace) as register:
        register.transition("W-ml-bamako", "confirmed")
        register.deliver("W-ml-bamako", people)
        return register.certificate_codes("W-ml-bamako", 0.8)[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    workspace = build_workspace(tmp_path_factory.mktemp("verify-served"))
    code = delivered(workspace)
    with live_server(workspace) as url:
        yield url, code


def test_verify_page_shows_a_valid_certificate_in_english_and_arabic(page: Page, served: tuple[str, str]) -> None:
    base, code = served
    errors = watch_errors(page)
    seen = {}
    for lang in ("en", "ar"):
        answer = page.goto(f"{base}/verify/{code}?lang={lang}")
        screenshot(page, f"verify-{lang}")
        assert_no_serious_violations(page)
        seen[lang] = (answer.status if answer else None, page.locator("html").get_attribute("dir"))

    assert seen == {"en": (200, "ltr"), "ar": (200, "rtl")}
    assert page.locator("dl.certificate").inner_text().count("Fatou Inventee") == 1
    assert [error for error in errors if not error.endswith("/favicon.ico)")] == []


def test_verify_form_checks_a_typed_code_without_login(page: Page, served: tuple[str, str]) -> None:
    base, code = served
    page.goto(f"{base}/verify")
    page.locator("#code").fill(code.lower().replace("-", " "))
    with page.expect_navigation():
        page.locator("form [type=submit]").click()

    assert page.locator(".verdict-valid").count() == 1


def test_outbox_page_for_the_coordinator_in_english_and_arabic(page: Page, served: tuple[str, str]) -> None:
    base, _ = served
    log_in(page, base, user_name("coordinator"), PASSWORD)
    for lang in ("en", "ar"):
        page.goto(f"{base}/outbox?lang={lang}")
        screenshot(page, f"outbox-{lang}")
        assert_no_serious_violations(page)
    page.locator("form[action='/outbox/send'] [type=submit]").click()
    page.wait_for_load_state()
    screenshot(page, "outbox-sent-ar")

    assert page.locator(".notice.error").count() >= 1  # no [mail] in the sample workspace: the reason is shown
