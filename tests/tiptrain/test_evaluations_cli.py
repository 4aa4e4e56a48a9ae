"""`tiptrain workshops evaluations`: anonymous evaluation forms recorded whole or refused whole (SPEC 10)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text

from exports.models import FormAnswer
from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.cli import main
from tiptrain.register.api import Register

SETTINGS = """\
[period]
start = 2026-01-01
end = 2026-06-30
"""
ROSTER = """\
name,organisation,profession,sex,country,email,day1,day2,day3
Awa Ndiaye,Tribunal de Dakar,judges,f,SN,awa@example.org,1,1,1
Omar Ba,Police,police,m,ML,,1,1,1
Mariam Keita,Gendarmerie,police,f,ML,,1,1,0
"""
GOOD = """\
form,unit,rating,comment
1,MAN-01,4,Clear examples
1,overall,5,
2,MAN-01,2,
2,MAN-12,,Too short
3,overall,3,Room was cold
"""
BAD = """\
unit,rating,comment
MAN-01,4,Good
MAN-99,5,
MAN-02,7,
overall,good,
MAN-03,,
FAK-1,3,x
"""
UNITS = "MAN-01, MAN-02, MAN-03, MAN-05, MAN-06, MAN-07, MAN-08, MAN-12"


def run(workspace: Path, *args: str) -> tuple[int, str, str]:
    """Run the CLI as a user would: (exit code, stdout, stderr)."""
    code = 0
    with CliRunner().isolation() as (out, err, _):
        try:
            main(["--workspace", str(workspace), *args])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def three_days(workshop_id: str, start: date) -> Workshop:
    days = [start + timedelta(days=n) for n in range(3)]
    return Workshop(
        id=workshop_id,
        request=workshop_id[2:],
        country="ML",
        city="Bamako",
        programme="criminal-justice-3d",
        language="fr",
        start=days[0],
        end=days[-1],
        days=days,
        trainers=["t-amina", "t-pedro"],
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace with one delivered criminal-justice workshop (W-ml-cj) and one planned (W-ml-cj2)."""
    (tmp_path / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    solver = SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0)
    plan = Plan(
        period=PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=2),
        workshops=[three_days("W-ml-cj", date(2026, 2, 2)), three_days("W-ml-cj2", date(2026, 3, 2))],
        unscheduled=[],
        solver=solver,
    )
    with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}") as register:
        register.store_plan(plan)
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    run(tmp_path, "workshops", "confirm", "W-ml-cj")
    run(tmp_path, "workshops", "deliver", "W-ml-cj", "--roster", str(tmp_path / "roster.csv"))
    return tmp_path


def stored(workspace: Path, workshop_id: str = "W-ml-cj") -> list[FormAnswer]:
    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        return register.evaluations(workshop_id)


def write(workspace: Path, name: str, content: str) -> str:
    path = workspace / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_evaluations_file_is_recorded_sorted_without_form_numbers(workspace: Path) -> None:
    code, _, err = run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", write(workspace, "e.csv", GOOD))

    assert (code, err) == (0, "W-ml-cj: 5 evaluation answer(s) recorded\n")
    assert stored(workspace) == [
        FormAnswer(unit="MAN-01", rating=2),
        FormAnswer(unit="MAN-01", rating=4, comment="Clear examples"),
        FormAnswer(unit="MAN-12", rating=None, comment="Too short"),
        FormAnswer(unit="overall", rating=3, comment="Room was cold"),
        FormAnswer(unit="overall", rating=5),
    ]


def test_evaluations_bad_file_is_refused_whole_naming_every_bad_cell(workspace: Path) -> None:
    path = write(workspace, "bad.csv", BAD)

    code, out, err = run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", path)

    line = f"a line of the form: a unit of the programme ({UNITS}) or overall"
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "Error: 5 problems:",
        f"  {path}:3: unit: {line} (got 'MAN-99')",
        f"  {path}:4: rating: a whole number from 1 to 5 (got '7')",
        f"  {path}:5: rating: a whole number from 1 to 5 (got 'good')",
        f"  {path}:6: rating: a rating or a comment (the row answers nothing)",
        f"  {path}:7: unit: {line} (got 'FAK-1')",
    ]
    assert stored(workspace) == []


def test_evaluations_bad_file_leaves_the_recorded_answers_as_they_were(workspace: Path) -> None:
    run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", write(workspace, "e.csv", GOOD))
    before = stored(workspace)

    code, _, _ = run(
        workspace, "workshops", "evaluations", "W-ml-cj", "--file", write(workspace, "b.csv", BAD), "--replace"
    )

    assert (code, stored(workspace)) == (2, before)


def test_evaluations_the_same_line_twice_on_one_form_is_refused(workspace: Path) -> None:
    path = write(workspace, "twice.csv", "form,unit,rating\n1,MAN-01,4\n2,MAN-01,3\n1,MAN-01,5\n")

    code, _, err = run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", path)

    assert (code, err.splitlines()) == (
        2,
        [f"Error: {path}:4: unit: each line once per form (form 1 answers MAN-01 on row 2 already) (got 'MAN-01')"],
    )


@pytest.mark.parametrize("column", ["participant", "name", "email"])
def test_evaluations_a_column_naming_a_person_is_refused_as_not_anonymous(workspace: Path, column: str) -> None:
    path = write(workspace, "named.csv", f"{column},unit,rating\nAwa Ndiaye,MAN-01,4\n")

    code, _, err = run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", path)

    assert (code, err) == (2, f"Error: {path}:1: {column}: no column naming a person: evaluation forms are anonymous\n")
    assert stored(workspace) == []


def test_evaluations_of_a_workshop_not_delivered_are_refused(workspace: Path) -> None:
    code, _, err = run(workspace, "workshops", "evaluations", "W-ml-cj2", "--file", write(workspace, "e.csv", GOOD))

    assert (code, err) == (
        2,
        "Error: W-ml-cj2 is planned: evaluation forms are recorded for a delivered workshop; record its delivery "
        "first: tiptrain workshops deliver W-ml-cj2 --roster FILE\n",
    )


def test_evaluations_second_file_needs_replace_and_then_replaces_whole(workspace: Path) -> None:
    path = write(workspace, "e.csv", GOOD)
    run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", path)

    again = run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", path)
    one = write(workspace, "one.csv", "unit,rating\noverall,4\n")
    replaced = run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", one, "--replace")

    assert again[0] == 2
    assert (replaced[0], replaced[2]) == (0, "W-ml-cj: 1 evaluation answer(s) recorded (replacing 5)\n")
    assert stored(workspace) == [FormAnswer(unit="overall", rating=4)]


def test_evaluation_cannot_be_traced_to_a_participant(workspace: Path) -> None:
    """Forms typed in roster order, or in the reverse order, leave the same rows with no link to a person."""
    forms = [("1", "5", "from Awa"), ("2", "1", "from Omar"), ("3", "3", "from Mariam")]  # roster order
    rows = [f"{form},overall,{rating},{comment}" for form, rating, comment in forms]
    in_order = write(workspace, "in-order.csv", "\n".join(["form,unit,rating,comment", *rows]) + "\n")
    reversed_ = write(workspace, "reversed.csv", "\n".join(["form,unit,rating,comment", *reversed(rows)]) + "\n")
    run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", in_order)
    first = _table(workspace)
    run(workspace, "workshops", "evaluations", "W-ml-cj", "--file", reversed_, "--replace")
    second = _table(workspace)

    engine = create_engine(f"sqlite:///{workspace / 'tiptrain.db'}")
    columns = {column["name"] for column in inspect(engine).get_columns("evaluations")}
    links = {key["referred_table"] for key in inspect(engine).get_foreign_keys("evaluations")}
    engine.dispose()
    assert columns == {"id", "workshop_id", "unit", "rating", "comment"}
    assert links == {"workshops"}
    assert [row[1:] for row in first] == [row[1:] for row in second]  # same stored order whatever the file's
    assert [row[1:] for row in first] == [
        ("overall", 1, "from Omar"),
        ("overall", 3, "from Mariam"),
        ("overall", 5, "from Awa"),
    ]


def _table(workspace: Path) -> list[tuple[object, ...]]:
    """The evaluations table as stored, in key order: what someone holding the database file would see."""
    engine = create_engine(f"sqlite:///{workspace / 'tiptrain.db'}")
    with engine.connect() as connection:
        rows = [
            tuple(row)
            for row in connection.execute(text("SELECT id, unit, rating, comment FROM evaluations ORDER BY id"))
        ]
    engine.dispose()
    return rows
