"""Sign-in sheets: one landscape page per workshop day (more when the roster is long), names filled in."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak, Spacer, Table

from exports.formats import country_name, full_date
from exports.labels import label
from exports.models import Participant
from exports.pdf.page import Bookmark, DocumentInfo, Furniture, RunningTitle, build_pdf, frame_width
from exports.pdf.styles import PRIMARY, Styles, stylesheet
from exports.pdf.tables import column_widths, data_table, table_style
from exports.text import plain
from scheduler.models import Workshop

ROW_HEIGHT = 25
"""Room to sign in, in points (about 9 mm)."""
COLUMNS = (0.45, 3.2, 3.0, 1.9, 2.6)
"""No., name, organisation, profession, signature."""


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

    Each day lists the roster (name, organisation, profession) and then blank numbered rows up to
    `expected` people, for walk-ins. A long roster runs onto more pages with the column heads repeated.
    """
    styles = stylesheet(lang)
    heading = plain(title or workshop.programme)
    place = label("place", lang, city=plain(workshop.city), country=country_name(workshop.country, lang))
    width = frame_width(paper, turned=True)
    rows = _rows(participants, expected, lang)
    flow: list[Flowable] = []
    days = list(workshop.days)
    for index, day in enumerate(days, start=1):
        when = label("agenda.day_heading", lang, day=index, date=full_date(day, lang))
        if index > 1:
            flow.append(PageBreak())
        flow += [
            RunningTitle(when),
            Bookmark(f"day-{index}", when),
            styles.p(label("signin.title", lang), styles.h1),
            styles.p(
                label(
                    "signin.subtitle",
                    lang,
                    title=heading,
                    place=place,
                    day=index,
                    days=len(days),
                    date=full_date(day, lang),
                )
            ),
            Spacer(1, 4),
            _table(rows, styles, lang, width),
            Spacer(1, 10),
            _certify(styles, lang, width),
        ]
    info = DocumentInfo(
        title=label("signin.meta.title", lang, title=heading, place=place),
        subject=label("signin.title", lang),
        author=plain(organiser) or "tiptrain",
        lang=lang,
        keywords=(workshop.id,),
    )
    furniture = Furniture(header_start=f"{heading} · {place}", footer_start=plain(organiser))
    return build_pdf(flow, info=info, styles=styles, paper=paper, turned=True, furniture=furniture, invariant=invariant)


def _rows(participants: Sequence[Participant], expected: int, lang: str) -> list[list[object]]:
    """Roster rows in roster order, then empty numbered rows up to `expected`."""
    rows: list[list[object]] = [
        [str(number), plain(p.name), plain(p.organisation), label(f"profession.{p.profession}", lang), None]
        for number, p in enumerate(participants, start=1)
    ]
    rows += [[str(number), None, None, None, None] for number in range(len(rows) + 1, expected + 1)]
    return rows


def _table(rows: list[list[object]], styles: Styles, lang: str, width: float) -> Table:
    header = [
        label(f"signin.{column}", lang) for column in ("number", "name", "organisation", "profession", "signature")
    ]
    return data_table(
        header,
        rows,
        COLUMNS,
        styles,
        available=width,
        min_row_height=ROW_HEIGHT,
        centred_columns=[0],
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
    table = Table([cells], colWidths=widths, rowHeights=[26], hAlign="LEFT")
    lined = (1, 3) if not styles.rtl else (0, 2)
    table.setStyle(
        table_style(
            styles,
            [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *(("LINEBELOW", (c, 0), (c, 0), 0.6, PRIMARY) for c in lined)],
        )
    )
    return table
