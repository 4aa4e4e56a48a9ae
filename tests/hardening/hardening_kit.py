"""Helpers for the hardening tests: run the CLI as a user would, build workspaces, reach PostgreSQL.

A module of its own (not conftest) so that test files and the subprocess driver can import it by name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from postgres_kit import fresh_schema, postgres_url

PYTHON = sys.executable
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DRIVER = HERE / "hardening_driver.py"

SETTINGS = """\
[period]
start = 2026-01-01
end = 2026-06-30

[register]
url = "sqlite:///tiptrain.db"

[programme]
name = {programme}
contact_name = "Ines"
contact_email = "ines@example.org"
"""
TRAINERS = """\
trainers:
  - {id: t-amina, name: Amina Diallo, expertise: [law-enforcement], languages: [fr], home: SN}
  - {id: t-pedro, name: Pedro Alvarez, expertise: [criminal-justice], languages: [fr], home: ES}
"""
ROSTER_HEADER = "name,organisation,profession,sex,country,email,day1,day2,day3"


@dataclass(frozen=True)
class Outcome:
    """What a command did: its exit code and what it printed."""

    code: int
    out: str
    err: str


def run_cli(workspace: Path | None, *args: str) -> Outcome:
    """Run `tiptrain` in this process through its real entry point (errors become messages and exit codes)."""
    from click.testing import CliRunner

    from tiptrain.cli import main

    argv = [*(["--workspace", str(workspace)] if workspace is not None else []), *args]
    code = 0
    with CliRunner().isolation() as (out, err, _):
        try:
            main(argv)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return Outcome(code, out.getvalue().decode(), err.getvalue().decode())


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a child process: this one, the source tree importable, plus `extra`."""
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(HERE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def tiptrain_process(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tiptrain ARGS` in a child process and wait for it."""
    return subprocess.run(
        [PYTHON, "-m", "tiptrain", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or child_env(),
        check=False,
    )


def workshop(workshop_id: str, start: date, *, city: str = "Bamako", days: int = 3, **fields: object) -> object:
    """A workshop of the criminal-justice programme on `days` consecutive days, as a plan holds it."""
    from scheduler.models import Workshop

    dates = [start + timedelta(days=n) for n in range(days)]
    values: dict[str, object] = {
        "id": workshop_id,
        "request": workshop_id.removeprefix("W-"),
        "country": "ML",
        "city": city,
        "programme": "criminal-justice-3d",
        "language": "fr",
        "start": dates[0],
        "end": dates[-1],
        "days": dates,
        "trainers": ["t-amina", "t-pedro"],
        **fields,
    }
    return Workshop.model_validate(values)


def store(url: str, *workshops: object, period: tuple[date, date] | None = None) -> None:
    """Store a plan of `period` (default the first half of 2026) holding these workshops at `url`.

    Planned workshops of the period that the plan does not hold are cancelled, as a re-plan does.
    """
    from scheduler.models import PeriodSummary, Plan, SolverInfo
    from tiptrain.register.api import Register

    first, last = period or (date(2026, 1, 1), date(2026, 6, 30))
    plan = Plan(
        period=PeriodSummary(start=first, end=last, target=23),
        workshops=list(workshops),
        unscheduled=[],
        solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
    )
    with Register(url) as register:
        register.store_plan(plan)


def make_workspace(
    folder: Path, *, programme: str = "Programme", trainers: str = TRAINERS, requests: str | None = None
) -> Path:
    """A workspace folder with settings and trainers (and requests when given); the register is not made."""
    folder.mkdir(parents=True, exist_ok=True)
    quoted = json.dumps(programme, ensure_ascii=False)  # a JSON string is a TOML basic string
    (folder / "tiptrain.toml").write_text(SETTINGS.format(programme=quoted), encoding="utf-8")
    (folder / "trainers.yaml").write_text(trainers, encoding="utf-8")
    if requests is not None:
        (folder / "requests.yaml").write_text(requests, encoding="utf-8")
    return folder


def sqlite_url(workspace: Path) -> str:
    return f"sqlite:///{workspace / 'tiptrain.db'}"


def roster_row(name: str, organisation: str = "Police", *, email: str = "", days: str = "1,1,1") -> str:
    """One CSV roster line (fields with commas or quotes quoted)."""
    cells = [name, organisation, "police", "f", "ML", email]
    quoted = ['"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"') else cell for cell in cells]
    return ",".join([*quoted, days])


def write_roster(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([ROSTER_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


# --- PostgreSQL -------------------------------------------------------------------------------------------


@contextmanager
def register_url(backend: str, workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The register URL of `workspace` on `backend`; for PostgreSQL, TIPTRAIN_DB_URL points the CLI at it."""
    if backend == "sqlite":
        monkeypatch.delenv("TIPTRAIN_DB_URL", raising=False)
        yield sqlite_url(workspace)
        return
    with fresh_schema(postgres_url(), prefix="h") as url:
        monkeypatch.setenv("TIPTRAIN_DB_URL", url)
        yield url


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
