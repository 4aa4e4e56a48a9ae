"""`tiptrain serve` in Chromium: the log-in page and the dashboard behind it, as a new user first sees them.

One server for the module (web_kit's workspace: the sample, a small stored plan, one user of each role);
each test still gets a fresh browser context, so no session carries over.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from browser_kit import assert_no_serious_violations, live_server, log_in, screenshot, watch_errors

from tests.tiptrain.web.web_kit import PASSWORD, build_workspace, user_name

if TYPE_CHECKING:
    from playwright.sync_api import Page


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(build_workspace(tmp_path_factory.mktemp("served"))) as url:
        yield url


def test_login_page_loads_in_chromium_without_serious_violations(page: Page, base: str) -> None:
    errors = watch_errors(page)
    seen = {}
    for lang in ("en", "ar"):
        answer = page.goto(f"{base}/login?lang={lang}")
        screenshot(page, f"login-{lang}")
        assert_no_serious_violations(page)
        fields = [page.locator(f"form [name={name}]").count() for name in ("username", "password", "csrf_token")]
        seen[lang] = (answer.status if answer else None, page.locator("html").get_attribute("dir"), fields)

    assert seen == {"en": (200, "ltr", [1, 1, 1]), "ar": (200, "rtl", [1, 1, 1])}
    # the app serves no /favicon.ico yet, which Chromium asks for on its own (reported to the coordinator)
    assert [error for error in errors if not error.endswith("/favicon.ico)")] == []


def test_coordinator_signs_in_to_a_dashboard_without_serious_violations(page: Page, base: str) -> None:
    log_in(page, base, user_name("coordinator"), PASSWORD)
    screenshot(page, "dashboard-en")

    assert page.url == f"{base}/"
    assert_no_serious_violations(page)
