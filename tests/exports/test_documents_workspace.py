"""Documents made from a workspace's register (`tiptrain.documents`): certificates after a person is forgotten,
and provenance marks in `tiptrain agenda`.

These drive the application layer, but they test what the exports print, so they live with the PDF tests.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from exportkit import pdf_pages

from exports.models import Participant
from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.cli import cli
from tiptrain.register.api import Register

SETTINGS = """\
[period]
start = 2026-01-01
end = 2026-06-30

[register]
url = "sqlite:///tiptrain.db"

[programme]
name = "Global training initiative"
contact_name = "Ines"
contact_email = "ines@example.org"
"""
DAYS = [date(2026, 2, 2) + timedelta(days=n) for n in range(3)]
PEOPLE = [
    Participant(name="Awa Ndiaye", profession="judges", sex="f", country="ML", attendance=[True] * 3),
    Participant(name="Omar Ba", profession="police", sex="m", country="ML", attendance=[True] * 3),
    Participant(name="Lena Petrova", profession="prosecutors", sex="f", country="ML", attendance=[True] * 3),
]


def _register(workspace: Path) -> Register:
    return Register(f"sqlite:///{workspace / 'tiptrain.db'}")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace whose workshop W-ml-cj was delivered with three people present every day."""
    (tmp_path / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    workshop = Workshop(
        id="W-ml-cj",
        request="ml-cj",
        country="ML",
        city="Bamako",
        programme="criminal-justice-3d",
        language="en",
        start=DAYS[0],
        end=DAYS[-1],
        days=DAYS,
        trainers=["t-amina", "t-pedro"],
    )
    plan = Plan(
        period=PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=1),
        workshops=[workshop],
        unscheduled=[],
        solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
    )
    with _register(tmp_path) as register:
        register.store_plan(plan)
        register.transition("W-ml-cj", "confirmed")
        register.deliver("W-ml-cj", PEOPLE)
    return tmp_path


def _certificates(workspace: Path) -> list[str]:
    out = workspace / "certificates.pdf"
    result = CliRunner().invoke(
        cli, ["--workspace", str(workspace), "export", "certificates", "W-ml-cj", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return pdf_pages(out.read_bytes())


def test_certificates_leave_out_a_forgotten_person_and_keep_the_others_numbers(workspace: Path) -> None:
    before = _certificates(workspace)
    with _register(workspace) as register:
        register.forget("Omar Ba")

    after = _certificates(workspace)

    assert (len(before), len(after)) == (3, 2)
    assert ["(forgotten)" in page for page in after] == [False, False]
    assert ["Lena Petrova" in after[1], "W-ml-cj-003" in after[1]] == [True, True]


def test_agenda_table_marks_working_titles_and_draft_translations() -> None:
    args = ["agenda", "first-responders-1d", "--start", "2026-03-02", "--country", "ML", "--lang", "fr"]
    result = CliRunner().invoke(cli, args)
    line = next(line for line in result.output.splitlines() if "FAK-2" in line)
    assert line.endswith("(titre provisoire) (traduction provisoire)")


def test_agenda_json_gives_title_status_and_draft_translation_of_unit_sessions() -> None:
    args = ["agenda", "criminal-justice-3d", "--start", "2026-03-02", "--country", "ML", "--json"]
    result = CliRunner().invoke(cli, args)
    sessions = [s for day in json.loads(result.output)["days"] for s in day["sessions"] if s["unit"]]
    marks = {s["unit"]: (s["title_status"], s["draft_translation"]) for s in sessions}
    assert (marks["MAN-01"], marks["MAN-02"]) == (("published", False), ("working", False))


def test_pack_prints_the_test_of_the_workshops_programme(workspace: Path) -> None:
    out = workspace / "pack.pdf"
    result = CliRunner().invoke(cli, ["--workspace", str(workspace), "export", "pack", "W-ml-cj", "-o", str(out)])
    text = "\n".join(pdf_pages(out.read_bytes()))

    assert result.exit_code == 0, result.output
    assert ("Q-MAN-01-1" in text, "Q-MAN-08-1" in text, "Q-FAK-1-1" in text) == (True, True, False)
