"""`tiptrain export guide`: the facilitator guide of a workshop in the register, or of a bare programme."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_export_cli import SETTINGS, TRAINERS, workshop

from curriculum.errors import TiptrainError
from scheduler.models import PeriodSummary, Plan, SolverInfo
from tiptrain.commands.export import export
from tiptrain.context import App
from tiptrain.register.api import Register


@pytest.fixture
def space(tmp_path: Path) -> Path:
    """A workspace with one planned criminal-justice workshop in French."""
    (tmp_path / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "trainers.yaml").write_text(TRAINERS, encoding="utf-8")
    plan = Plan(
        period=PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=1),
        workshops=[workshop("W-ml-cj", date(2026, 2, 2))],
        unscheduled=[],
        solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
    )
    with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}") as register:
        register.store_plan(plan)
    return tmp_path


def _invoke(space: Path, *args: str) -> tuple[int, BaseException | None]:
    result = CliRunner().invoke(export, ["guide", *args], obj=App(workspace=str(space)))
    return result.exit_code, result.exception if not isinstance(result.exception, SystemExit) else None


def _text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_export_guide_workshop_is_in_its_language_with_pack_pages(space: Path) -> None:
    out = space / "guide.pdf"

    code, _ = _invoke(space, "W-ml-cj", "-o", str(out))
    text = _text(out)

    assert code == 0
    assert ("Guide de l'animateur" in text, "Étape par étape" in text, "dossier du participant, page" in text) == (
        True,
        True,
        True,
    )


def test_export_guide_programme_numbers_days_and_places(space: Path) -> None:
    out = space / "guide-tot.pdf"

    code, _ = _invoke(space, "tot-5d", "-o", str(out))
    text = _text(out)

    assert code == 0
    assert ("Day 5" in text, "Teach-back plan" in text, "Trainee 20" in text) == (True, True, True)


def test_export_guide_unknown_workshop_is_a_usage_error_and_writes_nothing(space: Path) -> None:
    out = space / "none.pdf"

    _, error = _invoke(space, "W-nowhere", "-o", str(out))

    assert (isinstance(error, TiptrainError), getattr(error, "exit_code", None), out.exists()) == (True, 2, False)
