"""libical as the judge of every calendar the tests write: `assert_libical_accepts(paths)`.

libical is the parser behind Evolution and KDE; `shared/tools/icalcheck` (beside the repository, or the
path in env ICALCHECK) runs its parser and its RFC 5546 (iTIP) restriction check, which is what refused
ATTENDEE in our METHOD:PUBLISH feeds. The tool compiles itself on first use, so it needs gcc, pkg-config
and libical-dev; without them a test is skipped with the reason, except in CI (env CI=true), where a
missing checker is a failure, not a silent skip (as postgres_kit does for PostgreSQL).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ci_kit import missing

ICALCHECK_ENV = "ICALCHECK"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TOOL = ROOT.parent / "shared" / "tools" / "icalcheck"


def icalcheck_tool() -> Path:
    """The checker to run, or skip (fail in CI) when it or what it builds with is missing."""
    tool = Path(os.environ.get(ICALCHECK_ENV) or DEFAULT_TOOL)
    absent = _missing(tool)
    if absent:
        missing(f"CI needs libical's checker: {absent}", f"no libical check: {absent}")
    return tool


def _missing(tool: Path) -> str:
    """Why the checker cannot run here, or '' when it can; checked first so the tool never reaches apt-get."""
    if not tool.is_file():
        return f"{tool} not found (set {ICALCHECK_ENV} to the icalcheck script)"
    for program in ("gcc", "pkg-config"):
        if shutil.which(program) is None:
            return f"{program} is not installed (apt-get install libical-dev pkg-config gcc)"
    found = subprocess.run(["pkg-config", "--exists", "libical"], check=False)
    if found.returncode != 0:
        return "libical-dev is not installed (apt-get install libical-dev pkg-config gcc)"
    return ""


def assert_libical_accepts(paths: Iterable[Path]) -> None:
    """Every file parses in libical with no error and passes the iTIP check for its METHOD."""
    files = [str(path) for path in paths]
    assert files, "no calendar to check"
    tool = icalcheck_tool()
    result = subprocess.run([str(tool), *files], capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, f"libical refuses:\n{result.stdout}{result.stderr}"


def assert_libical_accepts_data(*calendars: bytes) -> None:
    """The same for calendars held in memory: written to a temporary folder, checked, removed."""
    with tempfile.TemporaryDirectory(prefix="icalcheck-") as folder:
        paths = []
        for number, data in enumerate(calendars):
            path = Path(folder) / f"calendar-{number}.ics"
            path.write_bytes(data)
            paths.append(path)
        assert_libical_accepts(paths)
