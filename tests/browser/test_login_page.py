"""`tiptrain serve` in Chromium: the log-in page of a new workspace, as a new user first sees it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from browser_kit import assert_no_serious_violations, live_server, screenshot, watch_errors
from click.testing import CliRunner

from tiptrain.cli import cli

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_login_page_loads_in_chromium_without_serious_violations(page: Page, tmp_path: Path) -> None:
    workspace = tmp_path / "period"
    assert CliRunner().invoke(cli, ["init", str(workspace)]).exit_code == 0
    errors = watch_errors(page)

    with live_server(workspace) as base:
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
