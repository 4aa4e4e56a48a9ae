"""Evaluation files as coordinators save them: XLSX with numbers, CSV in a legacy encoding under a title row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from register_builders import workshop
from test_register_report import CATALOGUE

from curriculum.errors import InvalidInput
from exports.models import FormAnswer
from tiptrain.register.evaluations import read_evaluations

CJ = workshop("W-cj", date(2026, 3, 2))
"""A criminal-justice workshop of the small catalogue: its form's lines are U-2, U-3 and overall."""


def test_evaluations_xlsx_with_numeric_cells_is_read(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["form", "unit", "rating", "comment"], [1, "U-2", 4.0, None], [1, "overall", 5, "Très utile"]):
        sheet.append(row)
    book.save(tmp_path / "forms.xlsx")

    answers = read_evaluations(tmp_path / "forms.xlsx", CJ, CATALOGUE)

    assert answers == [FormAnswer(unit="U-2", rating=4), FormAnswer(unit="overall", rating=5, comment="Très utile")]


def test_evaluations_csv_in_windows_1252_under_a_title_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    path.write_bytes(
        "Fiches d'évaluation, Bamako\nunit;rating;comment\nU-3;2;Trop rapide, séance à refaire\n".encode("cp1252")
    )

    answers = read_evaluations(path, CJ, CATALOGUE)

    assert answers == [FormAnswer(unit="U-3", rating=2, comment="Trop rapide, séance à refaire")]


def test_evaluations_column_the_form_does_not_ask_for_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    path.write_text("unit,rating,trainer\nU-2,4,t-amina\n", encoding="utf-8")

    with pytest.raises(InvalidInput) as refused:
        read_evaluations(path, CJ, CATALOGUE)

    assert str(refused.value) == (
        f"{path}:1: trainer: only the columns the evaluation form asks for (unit, rating, comment, form)"
    )


def test_evaluations_line_codes_are_read_in_any_case(tmp_path: Path) -> None:
    path = tmp_path / "forms.csv"
    path.write_text("unit,rating\nu-2,4\nOverall,5\n", encoding="utf-8")

    assert read_evaluations(path, CJ, CATALOGUE) == [
        FormAnswer(unit="U-2", rating=4),
        FormAnswer(unit="overall", rating=5),
    ]
