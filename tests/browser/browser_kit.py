"""The browser tests' kit: Debian's Chromium through Playwright, axe-core, screenshots and a live server.

Browsers cannot be downloaded here (`playwright install` fails), so Playwright drives the Chromium that
`.ci/system.sh` installs from Debian. Without it, or without the `playwright` package, a browser test is
skipped with the reason, except in CI (env CI=true), where it is a failure, not a silent skip.

axe-core is vendored in vendor/ (VENDORED.md says which release and its checksum). It is evaluated in
the page through the DevTools protocol, which the page's Content-Security-Policy does not govern: the app
forbids inline script (`script-src 'self'`), so `page.add_script_tag` would be refused, and a context with
`bypass_csp=True` would test the pages with their CSP switched off. This way the CSP stays in force.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from ci_kit import missing

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ENV = "TIPTRAIN_CHROMIUM"
SCREENSHOTS_ENV = "TIPTRAIN_SCREENSHOTS"
AXE_SOURCE = Path(__file__).parent / "vendor" / "axe.min.js"
SERIOUS = ("serious", "critical")


def chromium_executable() -> str:
    """The Chromium to drive (env TIPTRAIN_CHROMIUM, else `chromium` on PATH), or skip (fail in CI) without it.

    The `playwright` package is checked here too, so one fixture says everything a browser test needs.
    """
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or CHROMIUM
    absent = []
    if not Path(path).is_file():
        absent.append(f"Chromium at {path} (apt-get install chromium, or set {CHROMIUM_ENV})")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        absent.append("the playwright package (pip install -e '.[test]')")
    if absent:
        missing(f"CI needs {' and '.join(absent)} for the browser tests", f"no browser: {' and '.join(absent)}")
    return path


def sandbox_args() -> list[str]:
    """`--no-sandbox` where Chromium's sandbox cannot start: as root, and in CI containers."""
    if os.geteuid() == 0 or os.environ.get("CI", "").lower() == "true":
        return ["--no-sandbox"]
    return []


@dataclass(frozen=True)
class Violation:
    """One axe-core rule a page breaks, with the elements (CSS selectors) that break it."""

    rule: str
    impact: str
    help: str
    help_url: str
    targets: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help} at {', '.join(self.targets)} [{self.help_url}]"


@functools.cache
def _axe_source() -> str:
    return AXE_SOURCE.read_text(encoding="utf-8")


def run_axe(page: Page, options: Mapping[str, Any] | None = None) -> list[Violation]:
    """Every axe-core violation on the page as it is now (all rules axe runs by default, or `options`).

    axe is evaluated into the current document once; it must be run again after each navigation.
    """
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(_axe_source())
    found = page.evaluate(
        "async (options) => (await axe.run(document, options)).violations",
        {"resultTypes": ["violations"], **(options or {})},
    )
    return [
        Violation(
            rule=item["id"],
            impact=item["impact"] or "none",
            help=item["help"],
            help_url=item["helpUrl"],
            targets=tuple(" ".join(str(part) for part in node["target"]) for node in item["nodes"]),
        )
        for item in found
    ]


def assert_no_serious_violations(page: Page, options: Mapping[str, Any] | None = None) -> None:
    """Fail listing every serious or critical axe-core violation (rule, impact, help, elements) on the page."""
    serious = [violation for violation in run_axe(page, options) if violation.impact in SERIOUS]
    assert not serious, f"{page.url}: {len(serious)} serious or critical accessibility violations:\n" + "\n".join(
        f"  - {violation.describe()}" for violation in serious
    )


def watch_errors(page: Page) -> list[str]:
    """A list that fills with the page's console errors and uncaught exceptions from now on.

    A page that breaks its own CSP (an inline script or style the policy refuses) only says so here, in
    the console: `assert watch_errors(page) == []` after the visit catches it.
    """
    errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url")
            errors.append(f"{message.text} ({where})" if where else message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(f"uncaught {error.name}: {error.message}"))
    return errors


def log_in(page: Page, base: str, name: str, password: str) -> None:
    """Sign in through the log-in form (SPEC 9 field names), as a person would; asserts it left /login."""
    page.goto(f"{base}/login")
    form = page.locator("form:has([name=username])")
    form.locator("[name=username]").fill(name)
    form.locator("[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    assert "/login" not in page.url, f"signing in as {name} stayed on {page.url}"


def screenshot_folder() -> Path:
    """Where screenshots go: env TIPTRAIN_SCREENSHOTS, else tiptrain-screenshots in the temporary folder."""
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or Path(tempfile.gettempdir()) / "tiptrain-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save the page as `<name>.png` in the screenshot folder, so people can look at what the tests saw."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-.") or "page"
    path = screenshot_folder() / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the server is started on it just after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Health checks go straight to 127.0.0.1, whatever http_proxy says."""


def _healthy(url: str) -> bool:
    try:
        with NO_PROXY.open(url, timeout=2) as answer:
            return int(answer.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the server and everything it started (uvicorn workers): its own process group, TERM then KILL.

    Returns once no process of the group runs any more, so the next test finds the port and the register free.
    """
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
    with suppress(ProcessLookupError):  # whatever is left: a leader deaf to TERM, children that outlived it
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=5)
    deadline = time.monotonic() + 5
    while _group_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.02)


def _group_members(group: int) -> list[int]:
    """Running processes (not zombies) of a process group, read from /proc (Linux, where the tests run)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if fields[0] not in ("Z", "X") and int(fields[2]) == group:
            members.append(int(stat.parent.name))
    return members


def _log_tail(log: Path, limit: int = 4000) -> str:
    text = log.read_text(encoding="utf-8", errors="replace")
    return text[-limit:] if text.strip() else "(nothing)"


@contextmanager
def serve_command(
    command: Callable[[int], Sequence[str]],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    health_path: str = "/healthz",
    timeout: float = 60.0,
) -> Iterator[str]:
    """Run `command(port)` as a server on 127.0.0.1, yield its base URL once GET `health_path` answers 200.

    The server runs in a process group of its own, with stdout and stderr in a file (a pipe nobody reads
    would fill up and stall it). Whatever happens in the block, the group is ended afterwards. A server
    that exits or stays unhealthy for `timeout` seconds fails the test with the end of its output.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="tiptrain-server-") as folder:
        log = Path(folder) / "server.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                list(command(port)),
                cwd=cwd,
                env={**os.environ, **(env or {})},
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            _wait_healthy(process, base + health_path, timeout, log)
            yield base
        finally:
            _stop(process)


def _wait_healthy(process: subprocess.Popen[bytes], url: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not _healthy(url):
        if process.poll() is not None:
            pytest.fail(
                f"the server exited with code {process.returncode} before {url} answered 200; "
                f"its output:\n{_log_tail(log)}",
                pytrace=False,
            )
        if time.monotonic() > deadline:
            pytest.fail(
                f"{url} did not answer 200 within {timeout:g} s; the server's output:\n{_log_tail(log)}", pytrace=False
            )
        time.sleep(0.1)


@contextmanager
def live_server(
    workspace: Path, *, workers: int = 1, env: Mapping[str, str] | None = None, timeout: float = 60.0
) -> Iterator[str]:
    """`tiptrain --workspace WORKSPACE serve` on a free port of 127.0.0.1; yields its base URL (no slash)."""

    def command(port: int) -> list[str]:
        return [
            sys.executable, "-m", "tiptrain", "--workspace", str(workspace), "serve",
            "--host", "127.0.0.1", "--port", str(port), *(["--workers", str(workers)] if workers != 1 else []),
        ]  # fmt: skip

    with serve_command(command, cwd=workspace, env=env, timeout=timeout) as base:
        yield base
