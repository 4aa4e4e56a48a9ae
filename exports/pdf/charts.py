"""Bar charts drawn with reportlab.graphics shapes, in the document's embedded fonts and colours.

The bars, grid and labels are placed here rather than by reportlab's chart classes, for two reasons: every
label is drawn through `exports.pdf.shaped.line_shapes`, so Arabic is joined and ordered, and Chinese
month or country names are drawn in runs of the fonts that have their characters (the Chinese font has no
digits); and a right-to-left document gets its charts mirrored: names on the right, bars growing to the
left, months running from right to left, the value axis on the right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.graphics.shapes import Drawing, Group, Line, Rect

from exports.pdf.shaped import line_shapes
from exports.pdf.styles import INK, MUTED, PRIMARY, RULE, Styles
from exports.text import shorten

Formatter = Callable[[float], str]
SIZE = 7.5
"""Font size of every chart label."""


def column_chart(
    categories: Sequence[str],
    values: Sequence[float],
    styles: Styles,
    *,
    width: float,
    height: float = 170,
    number: Formatter = str,
) -> Drawing:
    """Upright bars, one per category (months along the bottom), each with its value on top."""
    drawing = _drawing(width, height, styles)
    rtl = styles.rtl
    turned = len(categories) > 12
    bottom, top = (38 if turned else 24), height - 16
    left, right = (10, width - 30) if rtl else (30, width - 10)
    peak = _nice_top(max(values, default=0))
    _grid_rows(drawing, styles, number, peak, left=left, right=right, bottom=bottom, top=top)
    slot = (right - left) / max(1, len(categories))
    bar = slot * 0.75
    for index, (name, value) in enumerate(zip(categories, values, strict=False)):
        start = right - (index + 1) * slot if rtl else left + index * slot
        centre = start + slot / 2
        tall = (top - bottom) * value / peak
        drawing.add(Rect(centre - bar / 2, bottom, bar, tall, fillColor=PRIMARY, strokeColor=None))
        drawing.add(_text(number(value), centre, bottom + tall + 2, styles, anchor="middle", bold=True))
        label = _text(name, 0, 0, styles, anchor="right" if turned else "middle")
        if turned:
            label.transform = (0.7071, 0.7071, -0.7071, 0.7071, centre + 3, bottom - 6)
        else:
            label.translate(centre, bottom - 3 - SIZE)
        drawing.add(label)
    drawing.add(Line(left, bottom, right, bottom, strokeColor=RULE, strokeWidth=0.5))
    return drawing


def row_chart(
    categories: Sequence[str],
    values: Sequence[float],
    styles: Styles,
    *,
    width: float,
    number: Formatter = str,
    label_width: float = 150,
) -> Drawing:
    """Lying bars for named categories (professions, countries), largest at the top, values at their ends."""
    rows = max(1, len(categories))
    height = 22 + rows * 17
    drawing = _drawing(width, height, styles)
    rtl = styles.rtl
    bottom, top = 16.0, height - 6
    axis = width - label_width if rtl else label_width
    reach = width - label_width - 36
    peak = _nice_top(max(values, default=0))
    _grid_columns(drawing, styles, number, peak, axis=axis, reach=reach, bottom=bottom, top=top)
    slot = (top - bottom) / rows
    for index, (name, value) in enumerate(zip(categories, values, strict=False)):
        middle = top - (index + 0.5) * slot
        long = reach * value / peak
        x = axis - long if rtl else axis
        drawing.add(Rect(x, middle - slot * 0.36, long, slot * 0.72, fillColor=PRIMARY, strokeColor=None))
        end = axis - long - 3 if rtl else axis + long + 3
        drawing.add(_text(number(value), end, middle - SIZE / 3, styles, anchor="right" if rtl else "left", bold=True))
        room = label_width - 10
        shown = _fit(name, room, styles)
        label_x = axis + 5 if rtl else axis - 5
        drawing.add(_text(shown, label_x, middle - SIZE / 3, styles, anchor="left" if rtl else "right"))
    drawing.add(Line(axis, bottom, axis, top, strokeColor=RULE, strokeWidth=0.5))
    return drawing


def caption(text: str, styles: Styles, width: float) -> Drawing:
    """A one-line muted caption as a drawing (used when a chart has no data)."""
    drawing = _drawing(width, 16, styles)
    x = width if styles.rtl else 0
    drawing.add(_text(text, x, 4, styles, anchor="start", size=9, color=MUTED))
    return drawing


def _grid_rows(
    drawing: Drawing,
    styles: Styles,
    number: Formatter,
    peak: float,
    *,
    left: float,
    right: float,
    bottom: float,
    top: float,
) -> None:
    """Horizontal grid lines at round values, their values beside the axis (left, or right when mirrored)."""
    step = _nice_step(peak)
    value = 0.0
    while value <= peak + 1e-9:
        y = bottom + (top - bottom) * value / peak
        drawing.add(Line(left, y, right, y, strokeColor=RULE, strokeWidth=0.3))
        x, anchor = (right + 4, "left") if styles.rtl else (left - 4, "right")
        drawing.add(_text(number(value), x, y - SIZE / 3, styles, anchor=anchor, color=MUTED))
        value += step


def _grid_columns(
    drawing: Drawing,
    styles: Styles,
    number: Formatter,
    peak: float,
    *,
    axis: float,
    reach: float,
    bottom: float,
    top: float,
) -> None:
    """Upright grid lines at round values, their values under the chart."""
    step = _nice_step(peak)
    value = 0.0
    while value <= peak + 1e-9:
        x = axis - reach * value / peak if styles.rtl else axis + reach * value / peak
        drawing.add(Line(x, bottom, x, top, strokeColor=RULE, strokeWidth=0.3))
        drawing.add(_text(number(value), x, bottom - 10, styles, anchor="middle", color=MUTED))
        value += step


def _text(
    text: str,
    x: float,
    y: float,
    styles: Styles,
    *,
    anchor: str,
    bold: bool = False,
    size: float = SIZE,
    color: Any = INK,
) -> Group:
    value = styles.fonts.spaced(text)
    return line_shapes(value, x, y, styles.fonts, rtl=styles.rtl, size=size, color=color, anchor=anchor, bold=bold)


def _fit(text: str, room: float, styles: Styles) -> str:
    """A category name cut at a word (with an ellipsis) until it fits `room` points."""
    shown = shorten(text, 30)
    while len(shown) > 4 and styles.measure(shown, SIZE) > room:
        shown = shorten(text, len(shown) - 2)
    return shown


def _drawing(width: float, height: float, styles: Styles) -> Drawing:
    """A drawing whose starting font is the embedded one.

    reportlab otherwise starts every drawing in Helvetica, which would put an unembedded font into the PDF.
    """
    drawing = Drawing(width, height)
    drawing.initialFontName = styles.fonts.regular
    drawing.initialFontSize = 8
    return drawing


def _nice_step(top: float) -> float:
    """A round step giving about 4 to 5 grid lines up to `top` (whole numbers: these are counts)."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 5:
            return step
    return max(1.0, round(top / 5))


def _nice_top(top: float) -> float:
    """The value axis end: the next multiple of a round step above the largest bar, with headroom for labels."""
    target = max(1.0, top * 1.12)
    step = _nice_step(target)
    return step * -(-target // step)
