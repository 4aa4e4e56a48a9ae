"""Pages that print cleanly: no text leaves its cell, overlaps other text or runs off the page, in any language."""

from __future__ import annotations

import io

import pytest
from exportkit import (
    SAMPLE_NAMES,
    bundled_catalogue,
    make_agenda,
    make_participant,
    make_workshop,
    pdf_pages,
    sample_document,
)
from layoutkit import Box, layout_problems
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from exports.labels import label
from exports.pdf import participant_pack, signin_sheets
from exports.pdf.styles import stylesheet
from exports.pdf.tables import CheckBox, data_table

SIX = ("ar", "en", "es", "fr", "ru", "zh")


def _languages() -> list[object]:
    return list(SIX)


def _canvas_pdf(draw: object) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 300), invariant=1)
    draw(canvas)  # type: ignore[operator]
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_layout_problems_none_on_separate_lines() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(60, 200, "first line")
        canvas.drawString(60, 186, "second line")
        canvas.line(60, 180, 300, 180)

    assert layout_problems(_canvas_pdf(draw)) == []


def test_layout_problems_finds_overlapping_words() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(60, 200, "first")
        canvas.drawString(62, 196, "second")

    assert layout_problems(_canvas_pdf(draw)) == ["page 1: 'first' overlaps 'second'"]


def test_layout_problems_finds_a_line_through_a_word() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(60, 200, "crossed")
        canvas.line(40, 203, 300, 203)

    assert layout_problems(_canvas_pdf(draw)) == ["page 1: 'crossed' is crossed by a line"]


def test_layout_problems_finds_text_off_the_printable_area() -> None:
    def draw(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(380, 200, "edge")

    assert layout_problems(_canvas_pdf(draw)) == ["page 1: 'edge' leaves the printable area"]


def test_box_overlap_needs_both_directions() -> None:
    left, right = Box("a", 0, 0, 10, 10), Box("b", 10.2, 0, 20, 10)
    assert (left.overlaps(right), left.overlaps(Box("c", 5, 5, 15, 15))) == (False, True)


def test_data_table_row_grows_past_its_minimum_height_for_long_text() -> None:
    """A minimum row height used to be a fixed one: two lines of text ran over the row's rules."""
    styles = stylesheet("en")
    text = "A long indicator that needs several lines in a narrow column of the checklist table. " * 2
    table = data_table(["", "Indicator"], [[CheckBox(), text]], [1, 4], styles, available=200, min_row_height=19)
    table.wrap(200, 1000)
    needed = Paragraph(text, styles.cell).wrap(160 - 10, 1000)[1]
    assert table._rowHeights[1] == pytest.approx(needed + 8)  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", _languages())
@pytest.mark.parametrize("kind", ["pack", "signin", "certificates"])
def test_document_prints_cleanly(kind: str, lang: str) -> None:
    data, _ = sample_document(kind, lang)
    assert layout_problems(data) == []


@pytest.mark.parametrize("lang", ["en", "ru", "ar"])
def test_five_day_pack_prints_cleanly(lang: str) -> None:
    """The longest pack: five days of agenda, eleven handouts, the whole evaluation grid."""
    catalogue = bundled_catalogue()
    workshop = make_workshop(programme="tot-5d", days=5)
    data = participant_pack(
        workshop,
        make_agenda(catalogue, workshop, "Africa/Bamako", lang),
        catalogue,
        lang=lang,
        organiser="Programme on trafficking in persons and smuggling of migrants",
        partner="Ministry of Justice and Public Security of the Republic",
        team=["Amina Diallo", "Pedro Álvarez", "Olga Petrenko"],
        invariant=True,
    )
    assert layout_problems(data) == []


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_checklist_and_its_actions_share_one_page(lang: str) -> None:
    """Rows that grow with their text still leave the checklist a single sheet to carry."""
    pages = [page for page in pdf_pages(sample_document("pack", lang)[0]) if label("checklist.title", lang) in page]
    assert [label("checklist.actions.title", lang) in page for page in pages] == [True]


@pytest.mark.parametrize("lang", _languages())
def test_full_signin_sheet_prints_cleanly(lang: str) -> None:
    """Thirty people with long organisations: rows at their smallest, names and codes in every cell."""
    roster = [
        make_participant(
            f"{SAMPLE_NAMES[lang]} {n}",
            [True, True],
            profession="labour-inspectors",
            organisation="Direction régionale de la police judiciaire et de la lutte contre la criminalité",
        )
        for n in range(1, 23)
    ]
    data = signin_sheets(make_workshop(days=2), roster, 30, lang=lang, organiser="Global training initiative")
    assert layout_problems(data) == []
