"""Workspaces for the planning tests: the sample one from `tiptrain init`, and a tiny one built to race.

The tiny workspace has one trainer and two one-day requests in Mali: `ml-early` may run on any of four
days, `ml-tuesday` only on Tuesday 2027-03-02. A register that already holds W-ml-early on that Tuesday
gets a plan that moves W-ml-early to make room for ml-tuesday; if W-ml-early is confirmed meanwhile, the
only valid plan keeps it and leaves ml-tuesday out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tiptrain.cli import main

TUESDAY = date(2027, 3, 2)

TRAINERS = """\
trainers:
  - id: t-awa
    name: Awa Invented-Diallo
    expertise: [law-enforcement]
    languages: [fr]
    home: ML
    travel_days: 0
    max_workshops: {max_workshops}
"""

REQUEST = """\
  - id: {id}
    country: ML
    city: Bamako
    programme: first-responders-1d
    language: fr
    audiences: [police]
    participants: 15
    window: {{earliest: {first}, latest: {last}}}
    priority: {priority}
"""


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the real `tiptrain` entry point; exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as done:
        main(args)
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


def sample_workspace(folder: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample workspace `tiptrain init` writes."""
    code, _, err = run_cli(["init", str(folder)], capsys)
    assert code == 0, err
    return folder


def requests_text(*requests: tuple[str, date, date], priorities: dict[str, int] | None = None) -> str:
    """requests.yaml with these one-day requests (id, earliest, latest) in Bamako, priority 3 unless given."""
    given = priorities or {}
    body = "".join(
        REQUEST.format(id=rid, first=first, last=last, priority=given.get(rid, 3)) for rid, first, last in requests
    )
    return "requests:\n" + body


def tiny_workspace(
    folder: Path, capsys: pytest.CaptureFixture[str], *requests: tuple[str, date, date], max_workshops: int = 6
) -> Path:
    """The sample settings with one trainer (t-awa) and these requests."""
    sample_workspace(folder, capsys)
    (folder / "trainers.yaml").write_text(TRAINERS.format(max_workshops=max_workshops), encoding="utf-8")
    (folder / "requests.yaml").write_text(requests_text(*requests), encoding="utf-8")
    return folder


def workshop_rows(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str, str, str, str]]:
    """(id, status, start, end, team) of every workshop, from `workshops list --json`."""
    import json

    code, out, err = run_cli(["--workspace", str(folder), "workshops", "list", "--json"], capsys)
    assert code == 0, err
    return [(w["id"], w["status"], w["start"], w["end"], ",".join(w["trainers"])) for w in json.loads(out)]


def tuesday_workshop() -> object:
    """W-ml-early, planned on TUESDAY with t-awa, as an earlier plan stored it."""
    from scheduler.models import Workshop

    return Workshop(
        id="W-ml-early",
        request="ml-early",
        country="ML",
        city="Bamako",
        programme="first-responders-1d",
        language="fr",
        start=TUESDAY,
        end=TUESDAY,
        days=[TUESDAY],
        trainers=["t-awa"],
        tz="Africa/Bamako",
        priority=3,
    )


def store_workshops(url: str, start: date, end: date, *workshops: object) -> None:
    """Store a plan of these workshops for the period [start, end], as an earlier `plan` would have."""
    from scheduler.models import PeriodSummary, Plan, SolverInfo
    from tiptrain.register.api import Register

    solver = SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0)
    plan = Plan(
        period=PeriodSummary(start=start, end=end, target=23),
        workshops=list(workshops),  # type: ignore[arg-type]
        unscheduled=[],
        solver=solver,
    )
    with Register(url) as register:
        register.store_plan(plan)
