"""`tiptrain workshops`, `tiptrain report` and `tiptrain db` on a workspace with a SQLite register."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.cli import cli, main
from tiptrain.register.api import Register

SETTINGS = """\
[period]
start = 2026-01-01
end = 2026-06-30

[register]
url = "sqlite:///tiptrain.db"
"""
ROSTER = """\
name,organisation,profession,sex,country,email,day1,day2,day3
Awa Ndiaye,Tribunal de Dakar,judges,f,SN,awa@example.org,1,1,1
Omar Ba,Police,police,m,ML,,1,0,0
"""
PLAN_KEYS = {"id", "request", "country", "city", "programme", "language", "start", "end", "days", "trainers", "status"}


def run(workspace: Path, *args: str) -> tuple[int, str, str]:
    """Run the CLI as a user would (errors become messages and exit codes): (exit code, stdout, stderr)."""
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
    """A workspace whose register holds two planned workshops."""
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
    return tmp_path


def test_workshops_list_json_has_plan_keys_and_sequence(workspace: Path) -> None:
    code, out, _ = run(workspace, "workshops", "list", "--json")

    found = json.loads(out)
    assert code == 0
    assert [(w["id"], w["status"], w["sequence"]) for w in found] == [
        ("W-ml-cj", "planned", 0),
        ("W-ml-cj2", "planned", 0),
    ]
    assert PLAN_KEYS | {"sequence"} <= set(found[0])
    assert found[0]["days"] == ["2026-02-02", "2026-02-03", "2026-02-04"]


def test_workshops_list_filters_by_status_and_dates(workspace: Path) -> None:
    run(workspace, "workshops", "confirm", "W-ml-cj2")

    by_status = run(workspace, "workshops", "list", "--status", "confirmed", "--json")
    by_dates = run(workspace, "workshops", "list", "--from", "2026-02-04", "--to", "2026-02-28", "--json")

    assert [w["id"] for w in json.loads(by_status[1])] == ["W-ml-cj2"]
    assert [w["id"] for w in json.loads(by_dates[1])] == ["W-ml-cj"]


def test_workshops_list_table_when_piped(workspace: Path) -> None:
    code, out, _ = run(workspace, "workshops", "list")

    assert code == 0
    assert out.splitlines()[0].split() == [
        "id",
        "status",
        "seq",
        "start",
        "end",
        "country",
        "city",
        "programme",
        "trainers",
    ]
    assert out.splitlines()[1].split()[:4] == ["W-ml-cj", "planned", "0", "2026-02-02"]


def test_workshops_confirm_deliver_history_and_report(workspace: Path) -> None:
    confirmed = run(workspace, "workshops", "confirm", "W-ml-cj", "--reason", "letter of 12 January")
    delivered = run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(workspace / "roster.csv"))
    history = run(workspace, "workshops", "history", "W-ml-cj", "--json")
    report = run(workspace, "report", "--format", "json")

    assert (confirmed[0], confirmed[2].splitlines()[0]) == (0, "W-ml-cj: planned -> confirmed (sequence 1)")
    assert (delivered[0], delivered[2]) == (
        0,
        "W-ml-cj: delivered; 2 on the roster, 2 present at least one day, 1 certificate(s)\n",
    )
    assert [(c["old"], c["new"], c["reason"], c["sequence"]) for c in json.loads(history[1])] == [
        (None, "planned", "plan", 0),
        ("planned", "confirmed", "letter of 12 January", 1),
        ("confirmed", "delivered", "roster of 2 rows", 2),
    ]
    figures = json.loads(report[1])
    assert (report[0], figures["workshops_delivered"], figures["participants"], figures["by_sex"]) == (
        0,
        1,
        2,
        {"f": 1, "m": 1},
    )
    assert {"from", "to", "countries", "by_profession", "by_programme", "topics", "attendance_rate", "cascade"} <= set(
        figures
    )
    assert figures["countries"] == ["ML", "SN"]


def test_workshops_deliver_bad_roster_exit_2_and_nothing_written(workspace: Path) -> None:
    run(workspace, "workshops", "confirm", "W-ml-cj")
    bad = workspace / "bad.csv"
    bad.write_text(ROSTER.replace("judges,f", "judges,q").replace("police,m,ML", "police,m,XX"), encoding="utf-8")

    code, _, err = run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(bad))

    assert code == 2
    assert err == (
        "Error: 2 problems:\n"
        f"  {bad}:2: sex: 'f', 'm' or 'x' (got 'q')\n"
        f"  {bad}:3: country: an ISO 3166-1 alpha-2 country code such as ML (got 'XX')\n"
    )
    assert json.loads(run(workspace, "workshops", "list", "--status", "confirmed", "--json")[1])[0]["id"] == "W-ml-cj"


def test_workshops_deliver_again_without_replace_exit_2_naming_replace(workspace: Path) -> None:
    run(workspace, "workshops", "confirm", "W-ml-cj")
    run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(workspace / "roster.csv"))

    code, _, err = run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(workspace / "roster.csv"))

    assert (code, err) == (
        2,
        "Error: W-ml-cj is already delivered with its roster; to correct the roster, replace it whole: "
        "tiptrain workshops deliver W-ml-cj --roster FILE --replace\n",
    )


def test_workshops_deliver_replace_corrects_the_roster_and_keeps_it_in_history(workspace: Path) -> None:
    run(workspace, "workshops", "confirm", "W-ml-cj")
    run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(workspace / "roster.csv"))
    corrected = workspace / "corrected.csv"
    corrected.write_text(ROSTER.replace("1,0,0", "1,1,1") + "Fatou Sow,Police,police,f,ML,,1,1,1\n", encoding="utf-8")

    code, _, err = run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(corrected), "--replace")

    history = json.loads(run(workspace, "workshops", "history", "W-ml-cj", "--json")[1])
    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        names = [(p.name, p.attendance) for p in register.participants("W-ml-cj")]
    assert (code, err) == (
        0,
        "W-ml-cj: roster replaced (2 -> 3); 3 on the roster, 3 present at least one day, 3 certificate(s)\n",
    )
    assert (history[-1]["new"], history[-1]["reason"]) == (
        "delivered",
        "roster replaced: 2 -> 3 rows (2 people kept with their ids)",
    )
    assert names == [
        ("Awa Ndiaye", [True, True, True]),
        ("Omar Ba", [True, True, True]),
        ("Fatou Sow", [True, True, True]),
    ]


def test_workshops_deliver_warnings_on_stderr_and_roster_kept(workspace: Path) -> None:
    run(workspace, "workshops", "confirm", "W-ml-cj")
    roster = workspace / "roster-notes.csv"
    text = (
        ROSTER.replace("day3\n", "day3,notes\n").replace("police,m", "coordinators,m").replace("1,1,1\n", "1,1,1,VIP\n")
    )
    roster.write_text(text, encoding="utf-8")

    code, _, err = run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(roster))

    assert (code, err.splitlines()) == (
        0,
        [
            f"Warning: {roster}:1: column(s) 'notes' are not roster columns (name, organisation, profession, sex, "
            "country, email, day1 ... dayN, pre_test, post_test): read but not stored",
            f"Warning: {roster}: row(s) 3: profession coordinators is not among the programme's audiences "
            "(police, prosecutors, judges); the participant(s) are kept",
            "W-ml-cj: delivered; 2 on the roster, 2 present at least one day, 1 certificate(s)",
        ],
    )


def test_workshops_deliver_before_the_last_day_warns_and_delivers(workspace: Path) -> None:
    ahead = three_days("W-ml-soon", datetime.now(UTC).date() + timedelta(days=2))  # the register clock is UTC
    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        register.store_plan(
            Plan(
                period=PeriodSummary(start=ahead.start, end=ahead.end, target=1),
                workshops=[ahead],
                unscheduled=[],
                solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
            )
        )
        register.transition("W-ml-soon", "confirmed")

    code, _, err = run(workspace, "workshops", "deliver", "W-ml-soon", "--roster", str(workspace / "roster.csv"))

    assert (code, err.splitlines()[0]) == (
        0,
        f"Warning: W-ml-soon: roster recorded before the last day ({ahead.end}); attendance may still change",
    )


def test_workshops_deliver_planned_workshop_refused_before_reading_roster(workspace: Path) -> None:
    code, _, err = run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", "missing.csv")

    assert (code, err) == (
        2,
        "Error: W-ml-cj is planned, not confirmed; confirm it first: tiptrain workshops confirm W-ml-cj\n",
    )


def test_workshops_cancel_delivered_refused_with_allowed_changes(workspace: Path) -> None:
    run(workspace, "workshops", "confirm", "W-ml-cj")
    run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(workspace / "roster.csv"))

    code, _, err = run(workspace, "workshops", "cancel", "W-ml-cj", "--reason", "oops")

    assert (code, err) == (
        2,
        "Error: cannot change W-ml-cj from delivered to cancelled; "
        "from delivered it can go to: none (delivered is final)\n",
    )


def test_workshops_unknown_id_exit_2(workspace: Path) -> None:
    code, _, err = run(workspace, "workshops", "history", "W-xx")

    assert (code, err) == (2, "Error: no workshop 'W-xx' in the register; see the ids with `tiptrain workshops list`\n")


def test_workshops_link_trainer_records_once(workspace: Path) -> None:
    first = run(workspace, "workshops", "link-trainer", "W-ml-cj", "t-moussa")
    again = run(workspace, "workshops", "link-trainer", "W-ml-cj", "t-moussa")

    assert (first[0], first[2], again[2]) == (
        0,
        "t-moussa trained at W-ml-cj: recorded\n",
        "t-moussa trained at W-ml-cj: already recorded\n",
    )


@pytest.mark.parametrize(
    ("kind", "first_line"),
    [("csv", "key,value"), ("md", "# Global training initiative against trafficking in persons: report")],
)
def test_report_writes_file_atomically(workspace: Path, kind: str, first_line: str) -> None:
    target = workspace / "out" / f"report.{kind}"

    code, out, err = run(
        workspace, "report", "--from", "2026-01-01", "--to", "2026-03-31", "--format", kind, "-o", str(target)
    )

    assert (code, out, err) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8").splitlines()[0] == first_line
    assert sorted(p.name for p in target.parent.iterdir()) == [f"report.{kind}"]


def test_report_pdf_needs_an_output_file(workspace: Path) -> None:
    code, _, err = run(workspace, "report", "--format", "pdf")

    assert code == 2
    assert err.strip() == "Error: --format pdf needs -o FILE.pdf (a PDF is not printed to the terminal)"


def test_report_pdf_writes_a_pdf(workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    code, _, err = run(workspace, "report", "--format", "pdf", "--lang", "fr", "-o", str(target))

    assert (code, err.strip()) == (0, f"wrote {target}")
    assert target.read_bytes().startswith(b"%PDF-")


def test_db_current_upgrade_and_downgrade_guard(workspace: Path) -> None:
    current = run(workspace, "db", "current", "--json")
    upgraded = run(workspace, "db", "upgrade")
    guarded = run(workspace, "db", "downgrade", "base")

    assert json.loads(current[1]) == {"current": "0010", "head": "0010", "up_to_date": True}
    assert upgraded[0:3:2] == (0, "register schema at 0010\n")
    assert guarded[0:3:2] == (
        2,
        "Error: a downgrade deletes the data of newer schema revisions; add --yes to go ahead\n",
    )


def test_db_downgrade_with_yes_empties_and_commands_migrate_again(workspace: Path) -> None:
    down = run(workspace, "db", "downgrade", "base", "--yes")
    listed = run(workspace, "workshops", "list", "--json")

    assert down[0:3:2] == (0, "register schema at base (empty)\n")
    assert (listed[0], json.loads(listed[1])) == (0, [])


@pytest.mark.parametrize(
    "command",
    [
        ["workshops"],
        ["workshops", "list"],
        ["workshops", "confirm"],
        ["workshops", "cancel"],
        ["workshops", "deliver"],
        ["workshops", "history"],
        ["workshops", "link-trainer"],
        ["report"],
        ["db"],
        ["db", "current"],
        ["db", "upgrade"],
        ["db", "downgrade"],
    ],
)
def test_help_has_example(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])

    assert result.exit_code == 0
    assert "  Example:\n    tiptrain " in result.output


def test_workshops_deliver_certified_trainer_on_a_course_that_trains_no_trainers_exit_2(workspace: Path) -> None:
    run(workspace, "workshops", "confirm", "W-ml-cj")
    roster = workspace / "certified.csv"
    lines = ROSTER.splitlines()
    roster.write_text(f"{lines[0]},certified_trainer\n{lines[1]},yes\n{lines[2]},\n", encoding="utf-8")

    code, _, err = run(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(roster))

    assert code == 2
    assert err == (
        f"Error: {roster}:2: certified_trainer: an empty cell: W-ml-cj's programme criminal-justice-3d does not "
        "train trainers, so nobody is certified as a trainer there (1 row(s) filled; leave the column out) "
        "(got 'yes')\n"
    )
    assert json.loads(run(workspace, "workshops", "list", "--status", "confirmed", "--json")[1])[0]["id"] == "W-ml-cj"


def test_workshops_deliver_certified_trainer_at_a_tot_stored(workspace: Path) -> None:
    days = [date(2026, 4, 6) + timedelta(days=n) for n in range(5)]
    tot = three_days("W-ml-tot", days[0]).model_copy(update={"programme": "tot-5d", "end": days[-1], "days": days})
    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        register.store_plan(
            Plan(
                period=PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=1),
                workshops=[tot],
                unscheduled=[],
                solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
            )
        )
    run(workspace, "workshops", "confirm", "W-ml-tot")
    roster = workspace / "tot.csv"
    roster.write_text(
        "name,organisation,profession,sex,country,day1,day2,day3,day4,day5,certified_trainer\n"
        "Awa Ndiaye,Police,police,f,SN,1,1,1,1,1,yes\n"
        "Omar Ba,Police,police,m,ML,1,1,1,1,1,no\n",
        encoding="utf-8",
    )

    code, _, err = run(workspace, "workshops", "deliver", "W-ml-tot", "--roster", str(roster))

    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        stored = [person.certified_trainer for person in register.participants("W-ml-tot")]
    assert (code, err, stored) == (
        0,
        "W-ml-tot: delivered; 2 on the roster, 2 present at least one day, 2 certificate(s)\n",
        [True, False],
    )
