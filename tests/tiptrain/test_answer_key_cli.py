"""`tiptrain export answer-key`: the trainer's key to the test the workshop's pack prints (SPEC 10)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_export_cli import SETTINGS, TRAINERS, workshop

from curriculum.catalogue import load_catalogue
from curriculum.errors import UsageError
from curriculum.questions import answer_key, programme_test
from scheduler.models import PeriodSummary, Plan, SolverInfo
from tiptrain.commands.export import export
from tiptrain.context import App
from tiptrain.register.api import Register


@pytest.fixture
def space(tmp_path: Path) -> Path:
    """A workspace with one planned criminal-justice workshop in English and one in Arabic."""
    (tmp_path / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "trainers.yaml").write_text(TRAINERS, encoding="utf-8")
    plan = Plan(
        period=PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=2),
        workshops=[
            workshop("W-ml-cj", date(2026, 2, 2), language="en"),
            workshop("W-eg-cj", date(2026, 4, 6), country="EG", city="Cairo", language="ar"),
        ],
        unscheduled=[],
        solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
    )
    with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}") as register:
        register.store_plan(plan)
    return tmp_path


def _invoke(space: Path, *args: str) -> tuple[int, BaseException | None]:
    result = CliRunner().invoke(export, ["answer-key", *args], obj=App(workspace=str(space)))
    return result.exit_code, result.exception if not isinstance(result.exception, SystemExit) else None


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_answer_key_csv_is_the_programme_tests_answers(space: Path) -> None:
    out = space / "key.csv"
    expected = answer_key(programme_test(load_catalogue([]), "criminal-justice-3d"))

    assert _invoke(space, "W-ml-cj", "-o", str(out)) == (0, None)
    assert _rows(out) == [["question", "unit", "answer"], *map(list, expected)]


def test_answer_key_format_option_wins_over_the_suffix(space: Path) -> None:
    out = space / "key.txt"

    assert _invoke(space, "W-ml-cj", "--format", "csv", "-o", str(out)) == (0, None)
    assert _rows(out)[0] == ["question", "unit", "answer"]


def test_answer_key_pdf_gives_each_question_its_letter_and_unit(space: Path) -> None:
    out = space / "key.pdf"
    test = programme_test(load_catalogue([]), "criminal-justice-3d")

    assert _invoke(space, "W-ml-cj", "-o", str(out)) == (0, None)
    text = " ".join(_pdf_text(out).split())
    assert text.startswith("Answer key")
    for number, question in enumerate(test, start=1):
        assert f"{number} {question.id} {question.unit_id()} · " in text
        assert f"Right answer: {question.answer} · {question.unit_id()} · " in text


def test_answer_key_of_an_unknown_workshop_is_refused_and_writes_nothing(space: Path) -> None:
    out = space / "key.csv"

    _, error = _invoke(space, "W-xx-none", "-o", str(out))

    assert isinstance(error, UsageError)
    assert not out.exists()
