"""Text that tiptrain lays out itself: right-to-left paragraphs, and single lines on a canvas or a chart.

reportlab's Paragraph neither joins Arabic letters nor orders a right-to-left line. `ShapedParagraph` wraps
the *logical* text into lines, measuring each word in its joined (shaped) form, then hands each line to
`exports.shaping.display` (joined letters, display order, mirrored brackets) and draws it aligned to the
start of the line: the right edge in a right-to-left document. Each visual run is split once more by font
(`FontSet.runs`), so a Latin name, digits, Chinese or Cyrillic inside Arabic text are drawn in a font that
has them. The same line builder serves canvas strings (certificates) and chart labels (`line_shapes`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.graphics.shapes import Group, String
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from exports.fonts import FontSet
from exports.shaping import display, shape
from exports.text import plain, plain_inline

_TOKENS = re.compile(r"\s+|\S+")
_CJK = "\u2e80-\u2fff\u3001-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
"""Chinese, Japanese and Korean characters and punctuation: a line may break before and after each."""
_OPENING = "（《〈「『【〔［｛“"
"""Opening punctuation: never last on a line, it stays with the character after it."""
_CLOSING = "，。、；：？！）》〉」』】〕］｝”…·％"
"""Closing punctuation: never first on a line, it stays with the character before it."""
_CJK_TOKENS = re.compile(f"\\s+|[{_OPENING}]*(?:[{_CJK}]|[^\\s{_CJK}“”]+)[{_CLOSING}]*|[“”]")
"""Spaces, and units between which a line may break: a CJK character or a run of other text, with the
opening punctuation before it and the closing punctuation after it."""
_HAS_CJK = re.compile(f"[{_CJK}]")


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph in one style: bold or not, and a size or colour other than the style's."""

    text: str
    bold: bool = False
    size: float | None = None
    color: Any = None


class Piece(NamedTuple):
    """A run of one line in one font, size and colour, in display order."""

    font: str
    size: float
    color: Any
    text: str
    width: float


def is_bold(style: ParagraphStyle, fonts: FontSet) -> bool:
    """Whether a paragraph style is set in the bold face of the document's main family."""
    return style.fontName in (fonts.bold, fonts.bold_italic)


def line_pieces(
    spans: Sequence[Span], fonts: FontSet, *, rtl: bool, size: float, color: Any, bold: bool = False
) -> list[Piece]:
    """One logical line of spans as pieces to draw from left to right."""
    runs = display(tuple((span.text, index) for index, span in enumerate(spans)), rtl)
    pieces: list[Piece] = []
    for text, index in runs:
        span = spans[index]
        height = span.size or size
        for font, run in fonts.runs(text, bold or span.bold):
            pieces.append(Piece(font, height, span.color or color, run, stringWidth(run, font, height)))
    return pieces


def draw_pieces(canvas: Canvas, pieces: Sequence[Piece], x: float, y: float) -> None:
    """Draw pieces one after the other from `x` on the baseline `y`."""
    for piece in pieces:
        canvas.setFont(piece.font, piece.size)
        canvas.setFillColor(piece.color)
        canvas.drawString(x, y, piece.text)
        x += piece.width


def draw_line(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    fonts: FontSet,
    *,
    rtl: bool,
    size: float,
    color: Any,
    anchor: str = "start",
    bold: bool = False,
) -> None:
    """One line of text at `x`, anchored as `_offset` says: its start, end, middle, left or right."""
    pieces = line_pieces([Span(plain(text))], fonts, rtl=rtl, size=size, color=color, bold=bold)
    width = sum(piece.width for piece in pieces)
    draw_pieces(canvas, pieces, x - _offset(anchor, rtl, width), y)


def line_shapes(
    text: str,
    x: float,
    y: float,
    fonts: FontSet,
    *,
    rtl: bool,
    size: float,
    color: Any,
    anchor: str = "start",
    bold: bool = False,
) -> Group:
    """One line of text as chart shapes (a String per font run), anchored like `draw_line`."""
    pieces = line_pieces([Span(plain(text))], fonts, rtl=rtl, size=size, color=color, bold=bold)
    left = x - _offset(anchor, rtl, sum(piece.width for piece in pieces))
    group = Group()
    for piece in pieces:
        group.add(String(left, y, piece.text, fontName=piece.font, fontSize=piece.size, fillColor=piece.color))
        left += piece.width
    return group


def _offset(anchor: str, rtl: bool, width: float) -> float:
    """How far left of the anchor point a line of `width` starts.

    Anchors are 'left', 'right', 'middle', or the direction's own 'start' and 'end' (the start is the right
    edge in a right-to-left document).
    """
    if anchor in ("middle", "left", "right"):
        return {"middle": width / 2, "left": 0.0, "right": width}[anchor]
    return width if (anchor == "end") != rtl else 0.0


class ShapedParagraph(Flowable):
    """A paragraph wrapped on its logical text and drawn line by line in display order.

    It takes the paragraph style's font size, leading, colour, alignment, indents and spacing; `rtl` is the
    paragraph direction. A bullet sits at the start edge (the right, in a right-to-left document).
    """

    def __init__(
        self,
        spans: Sequence[Span],
        style: ParagraphStyle,
        fonts: FontSet,
        *,
        rtl: bool,
        bullet: str | None = None,
        lines: list[list[Span]] | None = None,
    ) -> None:
        super().__init__()
        self.spans = [Span(plain_inline(span.text), span.bold, span.size, span.color) for span in spans]
        self.style = style
        self.fonts = fonts
        self.rtl = rtl
        self.bullet = bullet
        self.bold = is_bold(style, fonts)
        self._lines = lines
        self._wrapped_for: float | None = None if lines is None else -1.0
        self.width = self.height = 0.0

    def getPlainText(self) -> str:  # noqa: N802 - reportlab's name
        return "".join(span.text for span in self.spans)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        del available_height
        if self._lines is None or (self._wrapped_for not in (available_width, -1.0)):
            self._lines = self.break_lines(self._room(available_width))
            self._wrapped_for = available_width
        self.width = available_width
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        assert self._lines is not None
        fitting = int((available_height + 1e-6) // self.style.leading)
        if fitting <= 0:
            return []
        if fitting >= len(self._lines):
            return [self]
        first = ShapedParagraph(
            self.spans, self.style.clone(self.style.name, spaceAfter=0), self.fonts, rtl=self.rtl, bullet=self.bullet
        )
        first._lines = self._lines[:fitting]
        rest = ShapedParagraph(self.spans, self.style.clone(self.style.name, spaceBefore=0), self.fonts, rtl=self.rtl)
        rest._lines = self._lines[fitting:]
        first._wrapped_for = rest._wrapped_for = -1.0
        return [first, rest]

    def _room(self, width: float) -> float:
        return max(1.0, width - self.style.leftIndent - self.style.rightIndent)

    def break_lines(self, room: float) -> list[list[Span]]:
        """Words (`break_units`) of the logical text filled into lines no wider than `room`; over-long ones are cut."""
        lines: list[list[tuple[str, int]]] = [[]]
        used = 0.0
        for index, span in enumerate(self.spans):
            size = span.size or self.style.fontSize
            bold = self.bold or span.bold
            for token in break_units(span.text):
                width = word_width(self.fonts, token, size, bold)
                if token.isspace():
                    if lines[-1]:
                        lines[-1].append((token, index))
                        used += width
                    continue
                if used + width > room and _has_text(lines[-1]):
                    _trim(lines[-1])
                    lines.append([])
                    used = 0.0
                rest = token
                while width > room and len(rest) > 1:
                    head = _longest_head(rest, room - used, self.fonts, size, bold)
                    lines[-1].append((head, index))
                    lines.append([])
                    used = 0.0
                    rest = rest[len(head) :]
                    width = word_width(self.fonts, rest, size, bold)
                lines[-1].append((rest, index))
                used += width
        _trim(lines[-1])
        return [[_span(self.spans[index], text) for text, index in _joined(line)] for line in lines if line] or [[]]

    def draw(self) -> None:
        style = self.style
        assert self._lines is not None
        room = self._room(self.width)
        y = self.height - style.fontSize
        for number, line in enumerate(self._lines):
            pieces = line_pieces(
                line, self.fonts, rtl=self.rtl, size=style.fontSize, color=style.textColor, bold=self.bold
            )
            width = sum(piece.width for piece in pieces)
            x = style.leftIndent + self._start_offset(room, width)
            draw_pieces(self.canv, pieces, x, y)
            if number == 0 and self.bullet:
                self._draw_bullet(y)
            y -= style.leading

    def _start_offset(self, room: float, width: float) -> float:
        alignment = self.style.alignment
        if alignment == TA_CENTER:
            return (room - width) / 2
        if alignment == TA_RIGHT or (alignment not in (TA_LEFT, TA_RIGHT) and self.rtl):
            return room - width
        return 0.0

    def _draw_bullet(self, y: float) -> None:
        style = self.style
        assert self.bullet is not None
        pieces = line_pieces([Span(self.bullet)], self.fonts, rtl=self.rtl, size=style.fontSize, color=style.textColor)
        width = sum(piece.width for piece in pieces)
        indent = style.bulletIndent
        x = self.width - indent - width if self.rtl else indent
        draw_pieces(self.canv, pieces, x, y)


def break_units(text: str) -> list[str]:
    """`text` as spaces and the pieces between which a line may break.

    Words break at spaces. Chinese has none: a line may break between any two characters, except before
    closing punctuation (，。）》) and after opening punctuation (（《), which stay with their neighbour.
    """
    if _HAS_CJK.search(text) is None:
        return _TOKENS.findall(text)
    return _CJK_TOKENS.findall(text)


@functools.lru_cache(maxsize=65536)
def word_width(fonts: FontSet, word: str, size: float, bold: bool) -> float:
    """Printed width of a word in its joined form (words repeat: the answers are kept)."""
    return fonts.width(shape(word), size, bold)


def _span(like: Span, text: str) -> Span:
    return Span(text, like.bold, like.size, like.color)


def _has_text(line: list[tuple[str, int]]) -> bool:
    return any(not text.isspace() for text, _ in line)


def _trim(line: list[tuple[str, int]]) -> None:
    while line and line[-1][0].isspace():
        line.pop()


def _joined(line: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Neighbouring tokens of the same span joined back into one text."""
    joined: list[tuple[str, int]] = []
    for text, index in line:
        if joined and joined[-1][1] == index:
            joined[-1] = (joined[-1][0] + text, index)
        else:
            joined.append((text, index))
    return joined


def _longest_head(token: str, room: float, fonts: FontSet, size: float, bold: bool) -> str:
    """The longest start of a word that fits in `room` (at least one character)."""
    low, high = 1, len(token)
    while low < high:
        middle = (low + high + 1) // 2
        if word_width(fonts, token[:middle], size, bold) <= room:
            low = middle
        else:
            high = middle - 1
    return token[:low]
