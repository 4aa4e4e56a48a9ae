"""Bar charts as inline SVG drawn on the server: no JavaScript, no chart library, readable by screen readers.

`bar_chart` lays the bars out (this module); the page's `svg_chart` macro draws them as an
`<svg role="img">` named by its `<title>` and summed up by its `<desc>` (every bar's label and value), and
the page puts the same figures in a table beside it. Colours are presentation attributes (`fill=`),
never `style=`, so the Content-Security-Policy holds. Right-to-left pages get bars growing from the
right: the geometry is mirrored here, and SVG text anchored at `start` follows the page's direction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 400
"""The viewBox width; the SVG scales to its container."""
ROW = 40
"""Height of one bar's row: its label above, the bar below."""
VALUE_ROOM = 56
"""Room kept after the longest bar for its value."""
BAR = 14
COLOURS = {
    "planned": "#5b6673",
    "confirmed": "#0b5cab",
    "delivered": "#1b7a3d",
    "cancelled": "#a33a2a",
}
"""Fill of a bar by key, the status colours of tiptrain.css; other keys get DEFAULT_FILL."""
DEFAULT_FILL = "#0b5cab"


@dataclass(frozen=True)
class Bar:
    """One bar: its key (for the colour), the label shown and the value, with the value as written."""

    key: str
    label: str
    value: float
    shown: str


@dataclass(frozen=True)
class PlacedBar:
    """A bar with its place in the viewBox: the label's x, the rectangle and the value's x, and the row's top."""

    bar: Bar
    top: int
    label_x: float
    bar_x: float
    length: float
    value_x: float
    fill: str

    @property
    def label_y(self) -> int:
        return self.top + 14

    @property
    def bar_y(self) -> int:
        return self.top + 20

    @property
    def value_y(self) -> int:
        return self.top + 32


@dataclass(frozen=True)
class Chart:
    """A laid-out horizontal bar chart: what the template's `svg_chart` macro draws."""

    id: str
    title: str
    desc: str
    width: int
    height: int
    bar_height: int
    bars: tuple[PlacedBar, ...]


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, rtl: bool = False) -> Chart:
    """Bars scaled to the largest value (a negative value draws as 0 long but keeps its written value)."""
    largest = max((bar.value for bar in bars), default=0) or 1
    room = WIDTH - VALUE_ROOM
    lengths = [round(room * max(bar.value, 0) / largest, 1) for bar in bars]
    placed = tuple(
        _place(index, bar, length, rtl) for index, (bar, length) in enumerate(zip(bars, lengths, strict=True))
    )
    desc = "; ".join(f"{bar.label}: {bar.shown}" for bar in bars)
    return Chart(chart_id, title, desc, WIDTH, max(ROW * len(bars), ROW), BAR, placed)


def _place(index: int, bar: Bar, length: float, rtl: bool) -> PlacedBar:
    """Row `index`'s geometry, mirrored on right-to-left pages."""
    return PlacedBar(
        bar=bar,
        top=index * ROW,
        label_x=WIDTH if rtl else 0,
        bar_x=round(WIDTH - length, 1) if rtl else 0,
        length=length,
        value_x=round(WIDTH - length - 4, 1) if rtl else round(length + 4, 1),
        fill=COLOURS.get(bar.key, DEFAULT_FILL),
    )
