"""The browser kit itself, on pages of its own: Chromium starts, axe judges, screenshots land, servers end."""

from __future__ import annotations

import http.server
import struct
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browser_kit import (
    assert_no_serious_violations,
    chromium_executable,
    run_axe,
    screenshot,
    serve_command,
    watch_errors,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

CSP = "default-src 'self'; script-src 'self'; frame-ancestors 'none'"
CLEAN = """<!doctype html><html lang="en"><head><title>Clean</title></head>
<body><main><h1>Workshops</h1><img src="/logo.svg" alt="Programme logo"><p>Nothing to see.</p></main></body></html>"""
NO_ALT = """<!doctype html><html lang="en"><head><title>Broken</title></head>
<body><main><h1>Workshops</h1><img id="logo" src="/logo.svg"></main></body></html>"""
INLINE = CLEAN.replace("</main>", "<script>document.title = 'ran'</script></main>")
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18"/></svg>'
PAGES = {"/clean": CLEAN, "/no-alt": NO_ALT, "/inline": INLINE, "/logo.svg": LOGO}


class StrictSite(http.server.BaseHTTPRequestHandler):
    """Serves PAGES with the app's Content-Security-Policy: no inline script may run."""

    def do_GET(self) -> None:
        body = PAGES.get(self.path, "").encode()
        self.send_response(200 if body else 404)
        kind = "image/svg+xml" if self.path.endswith(".svg") else "text/html; charset=utf-8"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is not the place for an access log."""


@pytest.fixture(scope="module")
def strict_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StrictSite)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_browser_renders_a_page_in_headless_chromium(page: Page) -> None:
    page.set_content(CLEAN)

    assert page.title() == "Clean"
    assert "HeadlessChrome" in page.evaluate("navigator.userAgent")


@pytest.mark.parametrize("browser_locale", ["ar"])
def test_page_speaks_the_parametrized_locale(page: Page) -> None:
    assert page.evaluate("navigator.language") == "ar"


def test_axe_finds_no_violation_on_a_clean_page(page: Page) -> None:
    page.set_content(CLEAN)

    assert run_axe(page) == []


def test_axe_finds_an_image_without_alt(page: Page) -> None:
    page.set_content(NO_ALT)

    found = [(violation.rule, violation.impact, violation.targets) for violation in run_axe(page)]

    assert found == [("image-alt", "critical", ("#logo",))]


def test_serious_violations_fail_with_rule_impact_help_and_element(page: Page) -> None:
    page.set_content(NO_ALT)

    with pytest.raises(AssertionError) as failure:
        assert_no_serious_violations(page)

    assert "image-alt (critical): Images must have alternative text at #logo" in str(failure.value)


def test_axe_runs_under_the_apps_csp_and_leaves_it_in_force(page: Page, strict_site: str) -> None:
    page.goto(f"{strict_site}/clean")
    clean = run_axe(page)
    page.goto(f"{strict_site}/no-alt")
    broken = [violation.rule for violation in run_axe(page)]
    inline_ran = page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = true';"
        " document.head.append(s); return window.ran === true; }"
    )

    assert (clean, broken, inline_ran) == ([], ["image-alt"], False)


def test_watch_errors_reports_what_the_csp_refused(page: Page, strict_site: str) -> None:
    errors = watch_errors(page)
    page.goto(f"{strict_site}/clean")
    after_clean = list(errors)
    page.goto(f"{strict_site}/inline")

    assert after_clean == []
    assert len(errors) == 1
    assert "violates the following Content Security Policy directive" in errors[0]
    assert page.title() == "Clean"


def test_contexts_of_new_page_keep_cookies_apart(new_page: Callable[..., Page], strict_site: str) -> None:
    first, second = new_page(), new_page(locale="fr-FR")
    first.goto(f"{strict_site}/clean")
    second.goto(f"{strict_site}/clean")
    first.evaluate("document.cookie = 'session=first'")

    assert (first.evaluate("document.cookie"), second.evaluate("document.cookie")) == ("session=first", "")
    assert second.evaluate("navigator.language") == "fr-FR"


def test_screenshot_writes_a_png_named_after_the_page(
    page: Page, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIPTRAIN_SCREENSHOTS", str(tmp_path))
    page.set_viewport_size({"width": 800, "height": 600})
    page.set_content(CLEAN)

    path = screenshot(page, "kit/clean page")

    data = path.read_bytes()
    assert path == tmp_path / "kit-clean-page.png"
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", data[16:20])[0] == 800  # IHDR width


def test_chromium_missing_skips_with_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIPTRAIN_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("CI", raising=False)

    with pytest.raises(pytest.skip.Exception, match=r"no browser: Chromium at .*no-chromium"):
        chromium_executable()


def test_chromium_missing_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TIPTRAIN_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("CI", "true")

    with pytest.raises(pytest.fail.Exception, match=r"CI needs Chromium at .*no-chromium"):
        chromium_executable()


# The live server's machinery, with Python's own http.server standing in for `tiptrain serve`

SPAWNING_SERVER = """
import subprocess, sys, http.server, functools
port, pid_file, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3]
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
open(pid_file, "w").write(str(child.pid))
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
"""


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as answer:
        return int(answer.status)


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for its parent to reap it counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def static_server(folder: Path) -> Callable[[int], list[str]]:
    (folder / "healthz").write_text("ok")
    return lambda port: [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", "--directory", str(folder),
                         str(port)]  # fmt: skip


def test_serve_command_yields_a_healthy_url_and_stops_the_server(tmp_path: Path) -> None:
    with serve_command(static_server(tmp_path)) as base:
        inside = get(f"{base}/healthz")

    assert inside == 200
    with pytest.raises(urllib.error.URLError):
        get(f"{base}/healthz")


def test_serve_command_ends_the_servers_children_when_the_test_fails(tmp_path: Path) -> None:
    (tmp_path / "healthz").write_text("ok")
    pid_file = tmp_path / "child.pid"
    command = lambda port: [sys.executable, "-c", SPAWNING_SERVER, str(port), str(pid_file), str(tmp_path)]  # noqa: E731

    with pytest.raises(RuntimeError, match="the test failed"), serve_command(command):
        child = int(pid_file.read_text())
        assert alive(child)
        raise RuntimeError("the test failed")

    assert not alive(child)


def test_serve_command_fails_with_the_output_of_a_server_that_exits() -> None:
    crash = "import sys; sys.stderr.write('no register in this workspace'); sys.exit(3)"

    with pytest.raises(pytest.fail.Exception) as failure, serve_command(lambda port: [sys.executable, "-c", crash]):
        pass

    assert "exited with code 3" in str(failure.value)
    assert "no register in this workspace" in str(failure.value)


def test_serve_command_fails_with_the_output_of_a_server_that_never_answers() -> None:
    mute = "import time; print('starting slowly', flush=True); time.sleep(600)"

    with (
        pytest.raises(pytest.fail.Exception) as failure,
        serve_command(lambda port: [sys.executable, "-c", mute], timeout=1),
    ):
        pass

    assert "/healthz did not answer 200 within 1 s" in str(failure.value)
    assert "starting slowly" in str(failure.value)
