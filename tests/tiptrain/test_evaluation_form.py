"""The printed evaluation form and `workshops evaluations` agree: what the pack asks is what the import takes."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from curriculum.agenda import build_agenda
from curriculum.catalogue import load_catalogue
from curriculum.errors import InvalidInput
from curriculum.models import Catalogue
from exports.evaluation import COLUMNS
from exports.labels import label
from exports.pdf import participant_pack
from scheduler.models import Workshop
from tiptrain.register.evaluations import read_evaluations

PROGRAMME = "criminal-justice-3d"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue([])


def bamako(programme: str, days: int) -> Workshop:
    dates = [date(2026, 2, 2) + timedelta(days=n) for n in range(days)]
    return Workshop(
        id="W-ml-bamako",
        request="ml-bamako",
        country="ML",
        city="Bamako",
        programme=programme,
        language="en",
        start=dates[0],
        end=dates[-1],
        days=dates,
        trainers=["t-amina"],
    )


def printed_form(catalogue: Catalogue, workshop: Workshop) -> str:
    """The text of the pack's evaluation form pages, as an independent PDF reader extracts it."""
    agenda = build_agenda(
        catalogue.programme(workshop.programme), catalogue.units, workshop.start, "Africa/Bamako", language="en"
    )
    pack = participant_pack(workshop, agenda, catalogue, lang="en", organiser="Programme", invariant=True)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pack)).pages]
    start = next(n for n, text in enumerate(pages) if label("evaluation.units", "en") in text)
    end = next(n for n, text in enumerate(pages) if n > start and label("test.title", "en") in text)
    return "\n".join(pages[start:end])


def printed_lines(text: str) -> list[str]:
    """The codes that start the form's lines ('MAN-01 · Title', 'overall · The workshop as a whole')."""
    return re.findall(r"^(\S+) · ", text, re.MULTILINE)


def answers_file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text("\n".join([",".join(COLUMNS), *(f"{line},4,fine" for line in lines)]) + "\n", encoding="utf-8")
    return path


def test_printed_form_lines_are_exactly_what_the_import_accepts(catalogue: Catalogue, tmp_path: Path) -> None:
    workshop = bamako(PROGRAMME, 3)
    printed = printed_lines(printed_form(catalogue, workshop))
    others = sorted(set(catalogue.units) - set(printed))

    accepted = read_evaluations(answers_file(tmp_path, printed), workshop, catalogue)
    with pytest.raises(InvalidInput) as refused:
        read_evaluations(answers_file(tmp_path, others), workshop, catalogue)

    assert printed == [*catalogue.programme(PROGRAMME).units, "overall"]
    assert sorted(answer.unit for answer in accepted) == sorted(printed)
    assert [(problem.line, problem.field) for problem in refused.value.problems] == [
        (row, "unit") for row in range(2, len(others) + 2)
    ]


def test_printed_form_names_the_columns_the_import_reads(catalogue: Catalogue) -> None:
    text = " ".join(printed_form(catalogue, bamako("first-responders-1d", 1)).split())

    assert "columns unit, rating, comment:" in text
    assert COLUMNS == ("unit", "rating", "comment")
