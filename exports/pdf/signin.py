"""Sign-in sheets: one landscape page per workshop day (more when the roster is long), names filled in.

The columns are the roster's (SPEC 3), so that a coordinator can type the roster straight from the sheets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from curriculum.models import AUDIENCES
from exports.formats import country_name, full_date
from exports.labels import label
from exports.models import Participant
from exports.pdf.page import Bookmark, DocumentInfo, Furniture, RunningTitle, build_pdf, fit_line, frame_width
from exports.pdf.shaped import Span
from exports.pdf.styles import MARGIN, MUTED, PRIMARY, Styles, page_size, stylesheet
from exports.pdf.tables import CELL_PADDING, column_widths, data_table, table_style
from exports.text import plain
from scheduler.models import Workshop

ROW_HEIGHT = (13.0, 25.0)
"""Smallest and largest room to sign in, in points (4.6 to 9 mm): rows shrink so that a day fits a page."""
PADDING = 1.5
"""Space above and below a row's text: small, so a row of printed text is no taller than the smallest row."""
EDGE = 1.5 * cm
"""Top and bottom margins of a sheet: narrower than other documents', to give 30 people a page."""
COLUMNS = (0.6, 2.9, 2.6, 1.75, 0.75, 0.95, 2.35, 2.1)
"""No., name, organisation, profession code, sex, country, e-mail, signature."""
HEADS = ("number", "name", "organisation", "profession", "sex", "country", "email", "signature")


def signin_sheets(
    workshop: Workshop,
    participants: Sequence[Participant],
    expected: int,
    *,
    lang: str,
    paper: str = "a4",
    title: str | None = None,
    organiser: str = "",
    invariant: bool = False,
) -> bytes:
    """Attendance sheets for every day of the workshop, in `lang`, on A4 or US Letter turned to landscape.

    Each day lists the roster and then blank numbered rows up to `expected` people, for walk-ins, with the
    columns a roster needs (SPEC 3): name, organisation, profession as the vocabulary's code, sex, country,
    optional e-mail. Rows shrink (down to `ROW_HEIGHT[0]`) so that a day fits on one page; a longer list
    runs onto more pages with the column heads repeated. A short notice says what the data is used for.
    """
    styles = stylesheet(lang)
    heading = plain(title or workshop.programme)
    place = label("place", lang, city=plain(workshop.city), country=country_name(workshop.country, lang))
    width = frame_width(paper, turned=True)
    room = page_size(paper, turned=True)[1] - 2 * EDGE
    widths = column_widths(COLUMNS, width)
    rows = _rows(participants, expected, _Compact.of(styles), widths[2])
    notes = _notes(styles, lang, workshop.country, plain(organiser))
    room -= _head_height(styles, lang, width)
    needs = _needs(rows, styles, lang, width)
    flow: list[Flowable] = []
    days = list(workshop.days)
    for index, day in enumerate(days, start=1):
        when = label("agenda.day_heading", lang, day=index, date=full_date(day, lang))
        subtitle = label(
            "signin.subtitle", lang, title=heading, place=place, day=index, days=len(days), date=full_date(day, lang)
        )
        if index > 1:
            flow.append(PageBreak())
        flow += [RunningTitle(when), Bookmark(f"day-{index}", when)]
        flow += _day(rows, needs, notes, styles, lang, width=width, room=room, subtitle=subtitle)
    info = DocumentInfo(
        title=label("signin.meta.title", lang, title=heading, place=place),
        subject=label("signin.title", lang),
        author=plain(organiser) or "tiptrain",
        lang=lang,
        keywords=(workshop.id,),
    )
    furniture = Furniture(header_start=f"{heading} · {place}", footer_start=plain(organiser))
    margins = (MARGIN, MARGIN, EDGE, EDGE)
    return build_pdf(
        flow,
        info=info,
        styles=styles,
        paper=paper,
        turned=True,
        furniture=furniture,
        invariant=invariant,
        margins=margins,
    )


def _day(
    rows: list[list[object]],
    needs: Sequence[float],
    notes: list[Flowable],
    styles: Styles,
    lang: str,
    *,
    width: float,
    room: float,
    subtitle: str,
) -> list[Flowable]:
    """One day's sheet: heading, the table with rows as tall as `room` allows, the trainer's line, notes."""
    top = [_heading(label("signin.title", lang), subtitle, styles), Spacer(1, 2)]
    bottom = [Spacer(1, 6), _certify(styles, lang, width), Spacer(1, 4), *notes]
    height = _row_height(room - _height([*top, *bottom], width), needs)
    return [*top, _table(rows, styles, lang, width, height), *bottom]


@dataclass(frozen=True)
class _Compact:
    """The small type of a sheet's rows and notes: 8 points, so 30 rows and the notes fit a page."""

    styles: Styles
    cell: ParagraphStyle
    centred: ParagraphStyle
    note: ParagraphStyle

    @classmethod
    def of(cls, styles: Styles) -> _Compact:
        cell = styles.cell.clone("signin_cell", fontSize=8 * _scale(styles), leading=10 * _scale(styles))
        note = styles.cell_small.clone("signin_note", fontSize=7 * _scale(styles), leading=8.6 * _scale(styles))
        return cls(styles, cell, cell.clone("signin_centred", alignment=TA_CENTER), note)

    def p(self, text: str, centred: bool = False) -> Flowable:
        return self.styles.p(text, self.centred if centred else self.cell)


def _scale(styles: Styles) -> float:
    """The language's type scale (Arabic is set larger), read off the body style."""
    return float(styles.body.fontSize) / 10


def _heading(title: str, subtitle: str, styles: Styles) -> Flowable:
    """One line: the sheet's title in bold, then programme, place and day in smaller type."""
    spans = [Span(title, bold=True), Span("   " + subtitle, size=9 * _scale(styles), color=MUTED)]
    return styles.rich(spans, styles.h2)


def _rows(participants: Sequence[Participant], expected: int, compact: _Compact, room: float) -> list[list[object]]:
    """Roster rows in roster order, then empty numbered rows up to `expected`.

    The profession is printed as the roster's code (a legend under the table names each one); a long
    organisation is cut to one line (the register keeps it whole); the e-mail column is left blank: the
    sheet passes from hand to hand, so addresses on file are not shown to the room.
    """
    fit = room - 2 * CELL_PADDING[1] - 1
    rows: list[list[object]] = [
        [
            compact.p(str(number), centred=True),
            compact.p(plain(p.name)),
            compact.p(fit_line(plain(p.organisation), compact.styles, fit, compact.cell.fontSize)),
            compact.p(p.profession),
            compact.p(p.sex, centred=True),
            compact.p(p.country, centred=True),
            None,
            None,
        ]
        for number, p in enumerate(participants, start=1)
    ]
    rows += [[compact.p(str(n), centred=True), *[None] * 7] for n in range(len(rows) + 1, expected + 1)]
    return rows


def _notes(styles: Styles, lang: str, country: str, organiser: str) -> list[Flowable]:
    """Under the table: the profession codes, what sex and country take, and the privacy notice."""
    separator = label("list.separator.long", lang)
    codes = separator.join(f"{code} = {label(f'profession.{code}', lang)}" for code in AUDIENCES)
    keeper = organiser or label("signin.keeper", lang)
    note = _Compact.of(styles).note
    legend = f"{label('signin.codes', lang, codes=codes)} {label('signin.sex_country', lang, example=country)}"
    return [
        styles.p(legend, note),
        styles.p(label("signin.privacy", lang, keeper=keeper), note),
    ]


def _height(flowables: Sequence[Flowable], width: float) -> float:
    """Height the flowables take in a frame `width` wide, spacing included."""
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables)


def _head_height(styles: Styles, lang: str, width: float) -> float:
    """Height of the table's header row (the column heads may wrap)."""
    return _table([], styles, lang, width, None).wrap(width, 10_000)[1]


def _needs(rows: list[list[object]], styles: Styles, lang: str, width: float) -> list[float]:
    """Height each row's text needs (a name may wrap), before any minimum."""
    table = _table(rows, styles, lang, width, None)
    table.wrap(width, 1_000_000)
    return list(table._rowHeights[1:])


def _padding(styles: Styles) -> float:
    """Room above and below a row's text: small, but enough for the font's descent (deep in Arabic's Amiri)."""
    from reportlab.pdfbase import pdfmetrics

    cell = _Compact.of(styles).cell
    descent = -pdfmetrics.getFont(styles.fonts.regular).face.descent / 1000 * cell.fontSize
    return max(PADDING, descent - (cell.leading - cell.fontSize) + 0.5)


def _row_height(room: float, needs: Sequence[float]) -> float:
    """The tallest minimum row height, within `ROW_HEIGHT`, at which every row fits in `room` points.

    Rows whose text needs more keep their own height; when even the smallest rows do not fit, the
    smallest is used and the day runs onto a second page.
    """
    smallest, largest = ROW_HEIGHT

    def total(height: float) -> float:
        return sum(max(height, need) for need in needs)

    if total(smallest) > room:
        return smallest
    low, high = smallest, largest
    for _ in range(20):
        middle = (low + high) / 2
        low, high = (middle, high) if total(middle) <= room else (low, middle)
    return low


def _table(rows: list[list[object]], styles: Styles, lang: str, width: float, height: float | None) -> Table:
    header = [label(f"signin.{column}", lang) for column in HEADS]
    return data_table(
        header,
        rows,
        COLUMNS,
        styles,
        available=width,
        min_row_height=height,
        centred_columns=[0, 4, 5],
        padding=_padding(styles),
    )


def _certify(styles: Styles, lang: str, width: float) -> Table:
    """The line under a day's list: checked by (trainer's name) ____, signature ____."""
    cells = [
        styles.p(label("signin.checked", lang), styles.cell_bold),
        "",
        styles.p(label("signin.signature", lang), styles.cell_bold),
        "",
    ]
    widths = column_widths([2.6, 4, 1.4, 3], width)
    if styles.rtl:
        cells, widths = list(reversed(cells)), list(reversed(widths))
    table = Table([cells], colWidths=widths, rowHeights=[20], hAlign="LEFT")
    lined = (1, 3) if not styles.rtl else (0, 2)
    table.setStyle(
        table_style(
            styles,
            [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *(("LINEBELOW", (c, 0), (c, 0), 0.6, PRIMARY) for c in lined)],
        )
    )
    return table
