"""The report's learning pages: the gain chart and tables print what the report holds, and nothing without it."""

from __future__ import annotations

from datetime import date

import pytest
from exportkit import pdf_fonts, pdf_text

from exports.labels import label
from exports.models import PeriodReport
from exports.pdf import report_pdf

FIGURE = {"participants": 12, "pre": 0.4, "post": 0.9, "gain": 0.5}


def report(**learning: object) -> PeriodReport:
    return PeriodReport.model_validate(
        {
            "from": date(2026, 1, 1),
            "to": date(2026, 6, 30),
            "workshops_delivered": 1,
            "countries": ["ML"],
            "participants": 12,
            "by_profession": {"police": 12},
            "by_sex": {"f": 6, "m": 6},
            "by_programme": {"p": 1},
            "topics": {},
            "attendance_rate": 1.0,
            "cascade": 0,
            **learning,
        }
    )


LEARNING = {
    "learning": {"U-a": FIGURE, "U-b": {**FIGURE, "post": 0.3, "gain": -0.1}},
    "learning_programmes": {"p": {**FIGURE, "gain": 0.2, "weakest_units": ["U-b"]}},
    "weakest_units": ["U-b"],
    "questions": {
        "Q-U-a-1": {**FIGURE, "unit": "U-a", "discrimination": 0.05, "flags": ["discriminates-poorly"]},
        "Q-U-b-1": {**FIGURE, "unit": "U-b", "discrimination": None, "flags": []},
    },
}


def test_report_pdf_prints_gain_per_unit_weakest_units_and_flagged_questions() -> None:
    titles = {"U-a": "Spotting the signs", "U-b": "Talking to victims"}

    text = " ".join(pdf_text(report_pdf(report(**LEARNING), lang="en", invariant=True, unit_titles=titles)).split())

    expected = [
        label("report.learning.title", "en"),
        label("report.chart.gain", "en"),
        "Spotting the signs 12 40% 90% +50",
        "Talking to victims 12 40% 30% -10",
        "Weakest gain: Talking to victims.",
        "Q-U-a-1 12 40% 90% +50 0.05 discriminates poorly",
    ]
    assert [phrase for phrase in expected if phrase not in text] == []


def test_report_pdf_without_answer_sheets_has_no_learning_section() -> None:
    text = pdf_text(report_pdf(report(), lang="en", invariant=True))

    assert label("report.learning.title", "en") not in text


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_report_pdf_learning_pages_use_embedded_fonts_only(lang: str) -> None:
    fonts = pdf_fonts(report_pdf(report(**LEARNING), lang=lang, invariant=True))

    assert fonts and all(fonts.values()), fonts
