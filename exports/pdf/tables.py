"""Table builders and small drawn pieces (check boxes, writing lines) shared by every document.

Cells given as text become paragraphs through the one escaping helper, so they wrap inside their column
instead of running off the page, and user text cannot be read as markup. Column widths are given as
weights and scaled to the width available, so the same table fits A4 and US Letter.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from exports.pdf.styles import PRIMARY, RULE, SHADE, ZEBRA, Styles

Cell: TypeAlias = "str | Flowable | None"
CELL_PADDING = (4, 5)
"""Top/bottom and left/right padding of a data table's cells, in points."""


def column_widths(weights: Sequence[float], available: float) -> list[float]:
    """Weights scaled to add up to `available` points: [1, 3] over 400 -> [100, 300]."""
    if not weights or any(w <= 0 for w in weights):
        raise ValueError("column weights must be positive")
    total = sum(weights)
    return [available * w / total for w in weights]


def cell(value: Cell, styles: Styles, style: Any = None) -> Flowable | str:
    """A table cell: text becomes an escaped, wrapping paragraph; flowables pass through; None is empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return styles.p(value, style or styles.cell)
    return value


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    weights: Sequence[float],
    styles: Styles,
    *,
    available: float,
    zebra: bool = True,
    min_row_height: float | None = None,
    shaded_rows: Sequence[int] = (),
    spanned_rows: Sequence[int] = (),
    centred_columns: Sequence[int] = (),
    padding: float = CELL_PADDING[0],
) -> Table:
    """A table with a coloured header row that repeats on every page it runs onto.

    `shaded_rows` (indexes into `rows`) get a light fill, e.g. breaks in an agenda or group titles;
    `spanned_rows` have their first cell run across the whole row (a group title); `centred_columns`
    centre their content, e.g. numbers and check boxes. Columns are reversed for a right-to-left
    language so the table reads from the right. `padding` is the space above and below each cell's text.
    """
    width = len(header)
    if any(len(row) != width for row in rows):
        raise ValueError(f"every row needs {width} cells, like the header")
    centre = set(centred_columns)
    body = [
        [cell(value, styles, _centred(styles.cell) if c in centre else None) for c, value in enumerate(row)]
        for row in rows
    ]
    head = [cell(text, styles, _centred(styles.head) if c in centre else styles.head) for c, text in enumerate(header)]
    widths = column_widths(weights, available)
    data = [head, *body]
    if styles.rtl:
        data = [list(reversed(row)) for row in data]
        widths = list(reversed(widths))
        centred_columns = [width - 1 - c for c in centred_columns]
        for r in spanned_rows:  # the title cell moved to the last column: bring it back to the span's start
            data[r + 1] = [data[r + 1][-1], *data[r + 1][:-1]]
    heights = None
    if min_row_height is not None:
        spans = {r + 1 for r in spanned_rows}
        heights = [None] + [
            max(min_row_height, row_height(row, widths, spanned=r in spans, padding=padding))
            for r, row in enumerate(data[1:], 1)
        ]
    table = Table(data, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="CENTER")
    style = _table_style(styles, len(body), zebra, shaded_rows, centred_columns)
    if padding != CELL_PADDING[0]:
        style.add("TOPPADDING", (0, 1), (-1, -1), padding)
        style.add("BOTTOMPADDING", (0, 1), (-1, -1), padding)
    for r in spanned_rows:
        style.add("SPAN", (0, r + 1), (-1, r + 1))
    table.setStyle(style)
    return table


def row_height(
    row: Sequence[Flowable | str], widths: Sequence[float], *, spanned: bool = False, padding: float = CELL_PADDING[0]
) -> float:
    """Height a row needs for its tallest cell, with the cell padding of `data_table`.

    reportlab takes a row height as exact, not as a minimum: text taller than a fixed row runs over the
    rules and into the next row. So a minimum height is applied only after measuring what the cells need.
    A spanned row's first cell (in the row's first column) has the width of the whole row.
    """
    tallest = 0.0
    for column, value in enumerate(row):
        if isinstance(value, str):
            continue
        width = sum(widths) if spanned and column == 0 else widths[column]
        _, height = value.wrap(width - 2 * CELL_PADDING[1], 10_000)
        tallest = max(tallest, height)
    return tallest + 2 * padding


def table_style(styles: Styles, commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style that draws plain-string cells in the embedded font (reportlab's default is Helvetica)."""
    return TableStyle(
        [("FONTNAME", (0, 0), (-1, -1), styles.fonts.regular), ("FONTSIZE", (0, 0), (-1, -1), 9), *commands]
    )


@functools.cache
def _centred(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-centred", parent=style, alignment=TA_CENTER)


def _table_style(styles: Styles, rows: int, zebra: bool, shaded: Sequence[int], centred: Sequence[int]) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), PRIMARY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.6, PRIMARY),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING[0]),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING[0]),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING[1]),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING[1]),
    ]
    if zebra:
        commands += [("BACKGROUND", (0, r), (-1, r), ZEBRA) for r in range(2, rows + 1, 2)]
    commands += [("BACKGROUND", (0, r + 1), (-1, r + 1), SHADE) for r in shaded]
    commands += [("ALIGN", (c, 0), (c, -1), "CENTER") for c in centred]
    return table_style(styles, commands)


def key_value_table(
    pairs: Sequence[tuple[str, Cell]],
    styles: Styles,
    *,
    available: float,
    key_weight: float = 1,
    value_weight: float = 2.6,
) -> Table:
    """Two columns, names in bold on a light fill: for practical information and figures."""
    data = [[cell(key, styles, styles.cell_bold), cell(value, styles)] for key, value in pairs]
    widths = column_widths([key_weight, value_weight], available)
    if styles.rtl:
        data = [list(reversed(row)) for row in data]
        widths = list(reversed(widths))
    table = Table(data, colWidths=widths, hAlign="CENTER")
    key_column = 1 if styles.rtl else 0
    table.setStyle(
        table_style(
            styles,
            [
                ("BACKGROUND", (key_column, 0), (key_column, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, PRIMARY),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, PRIMARY),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ],
        )
    )
    return table


class CheckBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 9) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        del available_width, available_height
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.HexColor("#44505a"))
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class WritingLines(Flowable):
    """Ruled lines to write on: `count` lines `gap` points apart across the width."""

    def __init__(self, count: int, gap: float = 20) -> None:
        super().__init__()
        self.count = count
        self.gap = gap
        self.line_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        del available_height
        self.line_width = available_width
        return available_width, self.count * self.gap

    def draw(self) -> None:
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.5)
        for n in range(self.count):
            y = n * self.gap + 1
            self.canv.line(0, y, self.line_width, y)
