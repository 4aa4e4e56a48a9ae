"""The small PDF helpers one by one: style sheet, table builder, page template, bookmarks, metadata."""

from __future__ import annotations

import io
import itertools

import pytest
from exportkit import needs_pdftotext, pdf_fonts, pdf_pages, pdftotext
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, Table

from exports.pdf.page import Bookmark, DocumentInfo, Furniture, RunningTitle, build_pdf, fit_line, frame_width
from exports.pdf.shaped import ShapedParagraph, Span, break_units, line_pieces
from exports.pdf.styles import page_size, stylesheet
from exports.pdf.tables import CheckBox, WritingLines, cell, column_widths, data_table, key_value_table

STYLES = stylesheet("en")
INFO = DocumentInfo(title="Title <x> & y", subject="Subject", author="Author", lang="en", keywords=("k1",))


@pytest.mark.parametrize(
    ("paper", "turned", "expected"),
    [
        ("a4", False, A4),
        ("letter", False, LETTER),
        ("a4", True, (A4[1], A4[0])),
        ("letter", True, (LETTER[1], LETTER[0])),
    ],
)
def test_page_size(paper: str, turned: bool, expected: tuple[float, float]) -> None:
    assert page_size(paper, turned) == pytest.approx(expected)


def test_page_size_unknown_paper() -> None:
    with pytest.raises(ValueError, match="a4, letter"):
        page_size("a5")


@pytest.mark.parametrize("lang", ["en", "fr", "ru", "es"])
def test_stylesheet_uses_only_embedded_fonts(lang: str) -> None:
    styles = stylesheet(lang)
    names = {styles.body.fontName, styles.h1.fontName, styles.head.fontName, styles.body.bulletFontName}
    assert all(name.startswith("tiptrain-") for name in names)


@pytest.mark.parametrize(
    ("weights", "available", "expected"),
    [([1, 3], 400, [100, 300]), ([2, 2, 4], 80, [20, 20, 40]), ([5], 10, [10])],
)
def test_column_widths_scale_weights(weights: list[float], available: float, expected: list[float]) -> None:
    assert column_widths(weights, available) == pytest.approx(expected)


@pytest.mark.parametrize("weights", [[], [1, 0], [-1, 2]])
def test_column_widths_reject_empty_or_non_positive(weights: list[float]) -> None:
    with pytest.raises(ValueError, match="positive"):
        column_widths(weights, 100)


@pytest.mark.parametrize(
    ("value", "kind"),
    [("text <b>", Paragraph), (None, str), (CheckBox(), CheckBox)],
)
def test_cell_makes_text_a_paragraph_and_passes_flowables(value: object, kind: type) -> None:
    assert isinstance(cell(value, STYLES), kind)  # type: ignore[arg-type]


def test_cell_text_is_escaped_not_markup() -> None:
    made = cell("A<B & Co", STYLES)
    assert isinstance(made, Paragraph)
    assert made.getPlainText() == "A<B & Co"


def test_data_table_rejects_rows_of_the_wrong_width() -> None:
    with pytest.raises(ValueError, match="2 cells"):
        data_table(["a", "b"], [["1"]], [1, 1], STYLES, available=100)


def test_data_table_repeats_its_header_and_fits_the_width() -> None:
    table = data_table(["a", "b"], [["1", "2"]] * 3, [1, 3], STYLES, available=400)
    assert table.repeatRows == 1
    assert sum(table._colWidths) == pytest.approx(400)


def test_data_table_right_to_left_reverses_columns() -> None:
    table = data_table(["first", "last"], [["1", "2"]], [1, 3], stylesheet("ar"), available=400)
    assert table._colWidths == pytest.approx([300, 100])


def test_key_value_table_two_columns() -> None:
    table = key_value_table([("Dates", "2–6 Feb"), ("Place", "Bamako")], STYLES, available=300)
    assert isinstance(table, Table)
    assert (len(table._cellvalues), len(table._cellvalues[0])) == (2, 2)


@pytest.mark.parametrize(
    ("text", "room", "expected"), [("short", 500, "short"), ("", 10, ""), ("a rather long header line", 40, None)]
)
def test_fit_line_cuts_long_text_with_an_ellipsis(text: str, room: float, expected: str | None) -> None:
    fitted = fit_line(text, STYLES, room)
    if expected is None:
        assert fitted.endswith("…")
        assert len(fitted) < len(text)
    else:
        assert fitted == expected


def test_writing_lines_take_their_height() -> None:
    assert WritingLines(4, 20).wrap(300, 1000) == (300, 80)


def _document(**furniture: object) -> bytes:
    flow = [
        Bookmark("one", "First <section>"),
        Paragraph("page one", STYLES.body),
        PageBreak(),
        RunningTitle("Running & title"),
        Bookmark("two", "Second", level=1),
        Paragraph("page two", STYLES.body),
    ]
    return build_pdf(flow, info=INFO, styles=STYLES, furniture=Furniture(**furniture), invariant=True)  # type: ignore[arg-type]


def test_build_pdf_numbers_pages_x_of_y() -> None:
    pages = pdf_pages(_document(header_start="Header", footer_start="Footer"))
    assert ["Page 1 of 2" in pages[0], "Page 2 of 2" in pages[1]] == [True, True]


def test_build_pdf_running_title_in_the_header_from_its_page_on() -> None:
    pages = pdf_pages(_document(header_start="Header", header_end="Start"))
    assert ("Start" in pages[0], "Running & title" in pages[1]) == (True, True)


def test_build_pdf_skip_first_leaves_a_cover_bare() -> None:
    pages = pdf_pages(_document(footer_start="Footer", skip_first=True))
    assert ("Footer" in pages[0], "Footer" in pages[1]) == (False, True)


def test_build_pdf_outline_points_at_the_right_pages() -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_document()))
    outline = reader.outline
    first, children = outline[0], outline[1]
    assert first.title == "First <section>"
    assert reader.get_destination_page_number(first) == 0
    assert reader.get_destination_page_number(children[0]) == 1


def test_build_pdf_metadata_and_language() -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_document()))
    assert (reader.metadata.title, reader.metadata.author, reader.metadata.subject) == (
        "Title <x> & y",
        "Author",
        "Subject",
    )
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_build_pdf_invariant_is_byte_identical() -> None:
    assert _document(footer_start="x") == _document(footer_start="x")


def test_build_pdf_embeds_every_font() -> None:
    fonts = pdf_fonts(_document(header_start="Header"))
    assert fonts
    assert all(fonts.values()), fonts


def test_frame_width_is_page_less_margins() -> None:
    assert frame_width("a4") == pytest.approx(A4[0] - 2 * 2 * 72 / 2.54)


ARABIC = stylesheet("ar")
LONG_ARABIC = (
    "استخدم هذه القائمة عندما تواجه حالة قد تنطوي على اتجار بالأشخاص في القاهرة، مصر (W-eg-cairo-tot) "
    "يوم 2 فبراير 2026. ضع علامة على ما تراه أو تسمعه ودوّن التفاصيل."
)


def test_styles_pick_the_shaped_paragraph_for_right_to_left_text() -> None:
    assert isinstance(ARABIC.p("كشف الحضور"), ShapedParagraph)
    assert isinstance(ARABIC.p("Police nationale"), ShapedParagraph)  # Latin in an Arabic document sits at the right
    assert isinstance(STYLES.p("محمد علي"), ShapedParagraph)  # an Arabic name in an English document is joined
    assert isinstance(STYLES.p("Amina Diallo"), Paragraph)


def test_shaped_paragraph_wraps_the_logical_text_into_lines_that_fit() -> None:
    paragraph = ShapedParagraph([Span(LONG_ARABIC)], ARABIC.body, ARABIC.fonts, rtl=True)
    width, height = paragraph.wrap(180, 1000)
    lines = paragraph._lines
    assert lines is not None and len(lines) >= 3
    assert height == pytest.approx(len(lines) * ARABIC.body.leading)
    for line in lines:
        assert sum(ARABIC.measure(span.text, ARABIC.body.fontSize) for span in line) <= 180 + 0.01
    assert " ".join("".join(span.text for span in line) for line in lines).split() == LONG_ARABIC.split()
    assert width == 180


def test_shaped_paragraph_cuts_a_word_longer_than_the_line() -> None:
    paragraph = ShapedParagraph([Span("W-" + "x" * 80)], ARABIC.cell, ARABIC.fonts, rtl=True)
    paragraph.wrap(60, 1000)
    assert paragraph._lines is not None and len(paragraph._lines) > 2
    assert "".join(span.text for line in paragraph._lines for span in line) == "W-" + "x" * 80


def test_shaped_paragraph_splits_between_pages_by_whole_lines() -> None:
    paragraph = ShapedParagraph([Span(LONG_ARABIC * 3)], ARABIC.body, ARABIC.fonts, rtl=True)
    _, height = paragraph.wrap(200, 10_000)
    parts = paragraph.split(200, height / 2)
    assert len(parts) == 2
    heights = [part.wrap(200, 10_000)[1] for part in parts]
    assert sum(heights) == pytest.approx(height)
    assert heights[0] <= height / 2
    assert paragraph.split(200, 1) == []


def test_shaped_paragraph_keeps_styled_spans_in_their_font() -> None:
    paragraph = ARABIC.rich([Span("التاريخ:", bold=True), Span(" 2 فبراير 2026")])
    assert isinstance(paragraph, ShapedParagraph)
    line = paragraph.break_lines(400)[0]
    pieces = line_pieces(line, ARABIC.fonts, rtl=True, size=10, color=None)
    assert [p.font for p in pieces if p.text.strip(" :")][-1] == ARABIC.fonts.bold  # the label, at the right
    assert pieces[0].font == ARABIC.fonts.regular


def test_shaped_paragraph_prints_hostile_text_exactly() -> None:
    paragraph = ARABIC.p("شركة A<B & Co")
    assert paragraph.getPlainText() == "شركة A<B & Co"
    data = build_pdf([paragraph], info=INFO, styles=ARABIC, invariant=True)
    assert "A<B & Co" in pdf_pages(data)[0]


def test_canvas_lines_are_anchored_at_the_start_of_their_direction() -> None:
    pieces = line_pieces([Span("رقم الشهادة W-1")], ARABIC.fonts, rtl=True, size=8, color=None)
    assert pieces[0].text.startswith("W-1")  # drawn first, at the left: it is read last


CHINESE = stylesheet("zh")
SOURCES = "依据两份出版物编写：《执法人员应对人口贩运急救包》和《刑事司法从业人员打击人口贩运手册》（2009年）。"
NO_LINE_STARTS_WITH = "，。、；：？！）》」』】”"
NO_LINE_ENDS_WITH = "（《「『【“"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("编写：《急救包》（2009年）。", ["编", "写：", "《急", "救", "包》", "（2009", "年）。"]),
        ("由Global training为其", ["由", "Global", " ", "training", "为", "其"]),
        ("标有“（暂定）”的", ["标", "有", "“（暂", "定）”", "的"]),
        ("don’t split (here)", ["don’t", " ", "split", " ", "(here)"]),
    ],
)
def test_break_units_keep_chinese_punctuation_with_its_neighbour(text: str, expected: list[str]) -> None:
    assert break_units(text) == expected


def _printed_lines(style_sheet: object, text: str, widths: list[float]) -> list[list[str]]:
    """The lines pdftotext reads back from `text` printed as one paragraph in each of `widths`."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 200 * len(widths)), invariant=1)
    for number, width in enumerate(widths):
        paragraph = style_sheet.p(text)  # type: ignore[attr-defined]
        _, height = paragraph.wrapOn(canvas, width, 200)
        paragraph.drawOn(canvas, 20, 200 * (len(widths) - number) - 10 - height)
    canvas.showPage()
    canvas.save()
    lines = [line for line in pdftotext(buffer.getvalue()).splitlines() if line.strip()]
    assert "".join(lines) == SOURCES * len(widths)
    found: list[list[str]] = []
    for line in lines:
        if not found or "".join(found[-1]) == SOURCES:
            found.append([])
        found[-1].append(line)
    return found


@needs_pdftotext
def test_chinese_lines_break_between_characters_but_not_at_their_punctuation() -> None:
    """reportlab's CJK wrapping put ，and ：first on a line and left 《 last; every width here used to."""
    paragraphs = _printed_lines(CHINESE, SOURCES, [61, 85, 163, 196, 214])
    bad = [
        (before, after)
        for lines in paragraphs
        for before, after in itertools.pairwise(lines)
        if after[0] in NO_LINE_STARTS_WITH or before[-1] in NO_LINE_ENDS_WITH
    ]
    assert ([len(lines) > 1 for lines in paragraphs], bad) == ([True] * 5, [])
