"""Bar charts drawn with reportlab.graphics, in the document's embedded fonts and colours.

Chart text is drawn as single strings (no paragraph markup), so labels here are plain text; every text
property is given the embedded font explicitly, because reportlab's graphics default to Helvetica.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String

from exports.pdf.styles import INK, MUTED, PRIMARY, RULE, Styles
from exports.text import shorten

Formatter = Callable[[float], str]


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
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 38 if len(categories) > 12 else 24
    chart.width, chart.height = width - 40, height - chart.y - 16
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = [styles.fonts.drawable(c) for c in categories] or [""]
    _style_common(chart, styles, number, max(values, default=0))
    labels = chart.categoryAxis.labels
    if len(categories) > 12:
        labels.angle, labels.boxAnchor, labels.dx, labels.dy = 45, "ne", 4, -2
    else:
        labels.boxAnchor, labels.dy = "n", -3
    chart.barLabels.boxAnchor, chart.barLabels.dy = "s", 2
    drawing.add(chart)
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
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 16
    chart.width, chart.height = width - label_width - 36, height - 22
    # the category axis runs upwards, so the list is reversed to put the first (largest) at the top
    chart.data = [list(reversed(values)) or [0]]
    chart.categoryAxis.categoryNames = [styles.fonts.drawable(shorten(c, 30)) for c in reversed(categories)] or [""]
    _style_common(chart, styles, number, max(values, default=0))
    chart.categoryAxis.labels.boxAnchor, chart.categoryAxis.labels.dx = "e", -5
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    return drawing


def _drawing(width: float, height: float, styles: Styles) -> Drawing:
    """A drawing whose starting font is the embedded one.

    reportlab otherwise starts every drawing in Helvetica, which would put an unembedded font into the PDF.
    """
    drawing = Drawing(width, height)
    drawing.initialFontName = styles.fonts.regular
    drawing.initialFontSize = 8
    return drawing


def _style_common(chart: VerticalBarChart | HorizontalBarChart, styles: Styles, number: Formatter, top: float) -> None:
    chart.bars[0].fillColor = PRIMARY
    chart.bars[0].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 6
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName = styles.fonts.regular
        labels.fontSize = 7.5
        labels.fillColor = INK
    chart.valueAxis.labels.fillColor = MUTED
    chart.barLabels.fontName = styles.fonts.bold
    chart.barLabelFormat = lambda value: styles.fonts.drawable(number(value))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_top(top)
    chart.valueAxis.valueStep = _nice_step(chart.valueAxis.valueMax)
    chart.valueAxis.labelTextFormat = lambda value: styles.fonts.drawable(number(value))
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.categoryAxis.strokeColor = RULE
    if isinstance(chart, VerticalBarChart):
        chart.categoryAxis.tickDown = 0
    else:
        chart.categoryAxis.tickLeft = 0


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


def caption(text: str, styles: Styles, width: float) -> Drawing:
    """A one-line muted caption as a drawing (used when a chart has no data)."""
    drawing = _drawing(width, 16, styles)
    drawing.add(String(0, 4, styles.fonts.drawable(text), fontName=styles.fonts.regular, fontSize=9, fillColor=MUTED))
    return drawing
