"""The served fonts in Chromium: Chinese pages draw with the served Noto Sans SC, other pages fetch only "中文".

The machine running the tests has no Chinese font (Debian's chromium package brings none), so without the
served faces "中文" would be drawn as boxes. Which font files a page fetches is read from its responses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx2
import pytest
from browser_kit import live_server, log_in, screenshot, watch_errors

from tests.tiptrain.web.web_kit import PASSWORD, build_workspace, user_name

if TYPE_CHECKING:
    from playwright.sync_api import Page

LOADED = "() => [...document.fonts].filter(face => face.status === 'loaded').map(face => face.family).sort()"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(build_workspace(tmp_path_factory.mktemp("served"))) as url:
        warm_subsets(url)
        yield url


def warm_subsets(base: str) -> None:
    """Have the server make the subsets first (seconds each, once), so no page load waits on them."""
    css = httpx2.get(f"{base}/fonts/fonts.css").text
    for path in re.findall(r'url\("(/fonts/[^"]+\.woff2)"\)', css):
        httpx2.get(base + path, timeout=300).raise_for_status()


def watch_fonts(page: Page) -> list[str]:
    """The names (without version) of the font files the page fetches from now on, filled as it runs.

    Watched from the start of a test: a file fetched by an earlier page may come from Chromium's memory
    cache later without a response event.
    """
    names: list[str] = []
    page.on("response", lambda answer: names.append(answer.url.rsplit("/", 1)[1]) if "/fonts/" in answer.url else 0)
    return names


def fonts_after(page: Page, url: str, names: list[str]) -> list[str]:
    """Open `url`, wait for its fonts; the distinct font files fetched so far (the stylesheet left out)."""
    page.goto(url)
    page.evaluate("() => document.fonts.ready")
    page.wait_for_load_state("networkidle")
    return sorted(set(names) - {"fonts.css"})


def test_chinese_login_page_draws_with_the_served_chinese_faces(page: Page, base: str) -> None:
    errors = watch_errors(page)

    fetched = fonts_after(page, f"{base}/login?lang=zh", watch_fonts(page))
    loaded = page.evaluate(LOADED)
    screenshot(page, "login-zh")

    assert fetched == ["arabic-name.woff2", "chinese-name.woff2", "chinese.woff2"]
    assert loaded == ["tiptrain Arabic name", "tiptrain Chinese", "tiptrain Chinese"]
    assert [error for error in errors if not error.endswith("/favicon.ico)")] == []


def test_english_login_page_fetches_only_the_switcher_characters(page: Page, base: str) -> None:
    fetched = fonts_after(page, f"{base}/login?lang=en", watch_fonts(page))

    assert fetched == ["arabic-name.woff2", "chinese-name.woff2"]  # the switcher's names only


def test_arabic_dashboard_renders_with_the_served_fonts(page: Page, base: str) -> None:
    names = watch_fonts(page)
    log_in(page, base, user_name("coordinator"), PASSWORD)

    fetched = fonts_after(page, f"{base}/?lang=ar", names)
    screenshot(page, "dashboard-fonts-ar")

    assert fetched == ["arabic-bold.woff2", "arabic-name.woff2", "arabic.woff2", "chinese-name.woff2"]
    assert page.evaluate(LOADED) == ["tiptrain Arabic", "tiptrain Arabic", "tiptrain Arabic name", "tiptrain Chinese"]
