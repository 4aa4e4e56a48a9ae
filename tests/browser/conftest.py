"""Fixtures of the browser tests: one Chromium per test run, a fresh context (cookies, locale) per test.

Every test that uses the `browser` fixture (directly or through `page` / `new_page`) is marked `browser`,
so `pytest -m "not browser"` leaves them out. Helpers (axe, screenshots, live server) are in browser_kit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
from browser_kit import chromium_executable, sandbox_args

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

TIMEOUT_MS = 15_000
"""Playwright waits up to 30 s by default; a broken page should fail sooner than that."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `browser` every test that starts the browser, wherever it is."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; skips (fails in CI) without it or without the playwright package."""
    return chromium_executable()


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """The one headless Chromium of the test run (a launch costs about a second or more here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=sandbox_args(), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_locale() -> str:
    """The browser's language (Accept-Language, navigator.language); override with
    `@pytest.mark.parametrize("browser_locale", ["ar"])`."""
    return "en-GB"


@pytest.fixture
def new_page(browser: Browser, browser_locale: str) -> Iterator[Callable[..., Page]]:
    """A factory of pages, each in a context of its own (its own cookies: several users at once).

    `new_page(locale="fr-FR", **context_options)` takes Playwright's `Browser.new_context` options
    (viewport, color_scheme, ...); every context is closed after the test.
    """
    contexts: list[BrowserContext] = []

    def open_page(locale: str | None = None, **options: Any) -> Page:
        context = browser.new_context(locale=locale or browser_locale, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A page in a fresh context (no cookies) in the `browser_locale` language."""
    return new_page()
