"""`tiptrain cascade add|import|list` as a user runs them: messages, exit codes, nothing half-written."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from test_workshops_cli import run

from exports.models import Participant
from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.register.api import Register

SETTINGS = """\
[period]
start = 2026-01-01
end = 2026-06-30
"""


def tot_workspace(folder: Path) -> Path:
    """A workspace whose register holds a delivered 5-day ToT (bundled `tot-5d`) with two trainees."""
    (folder / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    days = [date(2026, 2, 2) + timedelta(days=n) for n in range(5)]
    tot = Workshop(
        id="W-sn-dakar-tot",
        request="sn-dakar-tot",
        country="SN",
        city="Dakar",
        programme="tot-5d",
        language="fr",
        start=days[0],
        end=days[-1],
        days=days,
        trainers=["t-amina"],
    )
    period = PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=1)
    solver = SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0)
    people = [
        Participant(name="Mariama Sarr", profession="police", sex="f", country="SN", attendance=[True] * 5),
        Participant(name="Cheikh Fall", profession="prosecutors", sex="m", country="GM", attendance=[True] * 5),
    ]
    with Register(f"sqlite:///{folder / 'tiptrain.db'}") as register:
        register.store_plan(Plan(period=period, workshops=[tot], unscheduled=[], solver=solver))
        register.transition(tot.id, "confirmed")
        register.deliver(tot.id, people)
    return folder


def test_cascade_add_then_list_as_json(tmp_path: Path) -> None:
    workspace = tot_workspace(tmp_path)
    add = ["--workshop", "W-sn-dakar-tot", "--date", "2026-03-10", "--country", "SN", "--participants", "25"]

    added = run(workspace, "cascade", "add", "--trainee", "mariama sarr", *add, "--audience", "police")
    code, out, _ = run(workspace, "cascade", "list", "--json")

    assert added[0] == 0
    assert added[2] == (
        "recorded: Mariama Sarr (P-1, trained at W-sn-dakar-tot) ran a course in SN on 2026-03-10: 25 participant(s)\n"
    )
    assert code == 0
    assert [(c["trainee"], c["participants"], c["audience"], c["source"]) for c in json.loads(out)] == [
        ("Mariama Sarr", 25, "police", "command")
    ]


def test_cascade_add_names_close_names_for_a_trainee_not_on_the_roster(tmp_path: Path) -> None:
    workspace = tot_workspace(tmp_path)
    add = ["--workshop", "W-sn-dakar-tot", "--date", "2026-03-10", "--country", "SN", "--participants", "25"]

    code, out, error = run(workspace, "cascade", "add", "--trainee", "Mariam Sar", *add)

    assert (code, out) == (2, "")
    assert error == (
        "Error: cascade add: trainee: a person on the roster of W-sn-dakar-tot (a name or an id such as P-17); "
        "did you mean Mariama Sarr? (got 'Mariam Sar')\n"
    )


def test_cascade_import_refuses_a_bad_file_whole_with_exit_2(tmp_path: Path) -> None:
    workspace = tot_workspace(tmp_path)
    path = tmp_path / "courses.csv"
    path.write_text(
        "trainee,workshop,date,country,participants\n"
        "Mariama Sarr,W-sn-dakar-tot,2026-03-10,SN,25\n"
        "Cheikh Fall,W-sn-dakar-tot,2026-03-12,GM,lots\n",
        encoding="utf-8",
    )

    code, _, error = run(workspace, "cascade", "import", str(path))
    listed = run(workspace, "cascade", "list", "--json")

    assert code == 2
    assert error == (f"Error: {path}:3: participants: a whole number of participants from 1 to 100000 (got 'lots')\n")
    assert listed[1] == "[]\n"
