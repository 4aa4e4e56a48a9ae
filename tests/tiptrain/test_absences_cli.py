"""`tiptrain replan --trainer-away` on the sample workspace: absences recorded, confirmed workshops re-staffed
or reported, and a later plain `plan` keeping the trainer out of those days."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.inputs import load_trainers
from tiptrain.cli import main
from tiptrain.register.api import Register

CONFIRMED = "W-ml-bamako-tot"
"""The sample's francophone training of trainers: its psychology place has few French speakers."""

pytestmark = pytest.mark.slow


def run(workspace: Path, *args: str) -> tuple[int, str, str]:
    """The CLI as a user runs it: (exit code, stdout, stderr)."""
    code = 0
    with CliRunner().isolation() as (out, err, _):
        try:
            main(["--workspace", str(workspace), *args])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def planned_json(workspace: Path, *args: str) -> dict[str, Any]:
    code, out, err = run(workspace, *args, "--time-limit", "10", "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The sample workspace, planned, with the Bamako training of trainers confirmed."""
    folder = tmp_path / "period"
    assert run(folder, "init", str(folder))[0] == 0
    planned_json(folder, "plan")
    assert run(folder, "workshops", "confirm", CONFIRMED)[0] == 0
    return folder


def confirmed_team(workspace: Path) -> dict[str, Any]:
    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        return register.workshop(CONFIRMED).model_dump(mode="json")


def psychologist(workspace: Path) -> str:
    """The trainer in the confirmed workshop's psychology place (the sample's tot-5d team puts it last)."""
    return confirmed_team(workspace)["trainers"][-1]


def spans_of(trainer: str, workshops: list[dict[str, Any]], travel: int) -> list[tuple[str, date, date]]:
    """Each workshop's days widened by the travel days on both sides."""
    pad = timedelta(days=travel)
    return [
        (w["id"], date.fromisoformat(w["start"]) - pad, date.fromisoformat(w["end"]) + pad)
        for w in workshops
        if trainer in w["trainers"] and w["status"] != "cancelled"
    ]


def test_replan_trainer_away_restaffs_confirmed_workshop_and_plan_keeps_it(workspace: Path) -> None:
    absent = psychologist(workspace)
    before = confirmed_team(workspace)
    first, last = before["start"], "2027-02-10"

    replanned = planned_json(workspace, "replan", "--trainer-away", f"{absent}:{first}..{last}")
    again = planned_json(workspace, "plan")

    after = confirmed_team(workspace)
    [change] = replanned["restaffed"]
    replacement = after["trainers"][-1]
    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        history = register.history(CONFIRMED)
        recorded = register.absences()
    assert (after["start"], after["days"]) == (before["start"], before["days"])
    assert after["trainers"][:-1] == before["trainers"][:-1]
    assert replacement not in (absent, *before["trainers"])
    assert after["sequence"] == before["sequence"] + 1
    assert history[-1].reason == f"re-staffed: {absent} away {first}..{last} -> {replacement}"
    assert change["reason"] == history[-1].reason
    assert replanned["conflicts"] == []
    assert replanned["absences"] == [{"trainer": absent, "from": first, "to": last}]
    assert recorded == [(absent, date.fromisoformat(first), date.fromisoformat(last))]
    travel = {t.id: t.travel_days for t in load_trainers(workspace / "trainers.yaml")}[absent]
    inside = [
        span
        for span in spans_of(absent, again["workshops"], travel)
        if span[1] <= date.fromisoformat(last) and date.fromisoformat(first) <= span[2]
    ]
    assert inside == []


def test_replan_trainer_away_nobody_qualifies_reports_conflict(workspace: Path) -> None:
    absent = psychologist(workspace)
    before = confirmed_team(workspace)
    colleagues = [
        t.id
        for t in load_trainers(workspace / "trainers.yaml")
        if "psychology" in t.expertise and "fr" in t.languages and t.id != absent
    ]
    days = f"{before['start']}..{before['end']}"
    options = [arg for who in [absent, *colleagues] for arg in ("--trainer-away", f"{who}:{days}")]

    code, out, err = run(workspace, "replan", *options, "--time-limit", "10")
    replanned = planned_json(workspace, "replan")

    expected = (
        f"CONFLICT {CONFIRMED}: {absent} away {days}; every other trainer with psychology expertise who speaks fr "
        f"({', '.join(sorted(colleagues))}) is busy, away or at their workshop limit on {days} (travel days included)"
    )
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith("CONFLICT")] == [expected]
    assert "1 CONFLICT(S): a confirmed workshop keeps a trainer who is away" in err
    assert f"Recorded: {absent} away {days}; every later plan keeps them out of those days." in err
    assert [(c["workshop"], c["trainer"], c["first"], c["last"]) for c in replanned["conflicts"]] == [
        (CONFIRMED, absent, before["start"], before["end"])
    ]
    assert confirmed_team(workspace) == before


def test_recorded_absence_reaches_the_checker_of_every_later_plan(workspace: Path) -> None:
    from curriculum.catalogue import load_catalogue
    from scheduler.check import violations
    from scheduler.models import PeriodSummary, Plan, SolverInfo
    from tiptrain.planning import build_problem, load_inputs
    from tiptrain.settings import load_settings

    settings = load_settings(workspace)
    catalogue = load_catalogue(settings.catalogue_paths)
    absent = psychologist(workspace)
    with Register(settings.register_url) as register:
        held = register.workshop(CONFIRMED)
        register.record_absences([(absent, held.start, held.start)])
        state = register.period_state(settings.period.start, settings.period.end)
        problem = build_problem(settings, catalogue, load_inputs(settings, catalogue), state)
    period = PeriodSummary(start=settings.period.start, end=settings.period.end, target=settings.period.target)
    solver = SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0)
    # as a new plan would hold it: a confirmed workshop's clash with an absence is re-staffing's business
    planned = held.model_copy(update={"status": "planned"})
    unlocked = dataclasses.replace(problem, locked=[])

    found = violations(unlocked, Plan(period=period, workshops=[planned], unscheduled=[], solver=solver))

    assert problem.away == ((absent, held.start, held.start),)
    assert found == [f"{absent}: {CONFIRMED} meets an away range {held.start} to {held.start}"]
