"""The style sheet of every document: colours, paper sizes and paragraph styles on the embedded fonts."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from exports.fonts import FontSet, font_set
from exports.labels import is_rtl
from exports.pdf.shaped import ShapedParagraph, Span, draw_line
from exports.shaping import has_rtl, shape, visual
from exports.text import markup, plain, plain_inline

PAPERS = {"a4": A4, "letter": LETTER}
CJK_LANGUAGES = frozenset({"zh"})
TYPE_SCALE = {"ar": (1.1, 1.3)}
"""Type size and line spacing factors of a language: Amiri's Arabic is small on its body and tall with marks."""
"""Languages written without spaces between words: lines may break between any two characters."""

PRIMARY = colors.HexColor("#1d4e89")
"""Headings, rules, table heads: a dark UN-like blue that prints well in grey too."""
ACCENT = colors.HexColor("#2a7f9e")
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5b6770")
RULE = colors.HexColor("#b8c4ce")
SHADE = colors.HexColor("#eef3f8")
ZEBRA = colors.HexColor("#f6f8fa")
PAUSE = colors.HexColor("#f1f1ee")
WHITE = colors.white


def page_size(paper: str, turned: bool = False) -> tuple[float, float]:
    """Width and height in points of 'a4' or 'letter', portrait or turned to landscape."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    size = PAPERS[paper]
    return landscape(size) if turned else size


@dataclass(frozen=True)
class Styles:
    """Paragraph styles of one language, and the fonts they use."""

    fonts: FontSet
    rtl: bool
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_small: ParagraphStyle
    head: ParagraphStyle
    cover_kicker: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    furniture: ParagraphStyle
    furniture_end: ParagraphStyle
    centered: ParagraphStyle

    @property
    def start(self) -> int:
        """Alignment of the start of a line: left, or right in a right-to-left language."""
        return TA_RIGHT if self.rtl else TA_LEFT

    @property
    def end(self) -> int:
        return TA_LEFT if self.rtl else TA_RIGHT

    def markup(self, text: object) -> str:
        """User or label text as safe paragraph markup, with fallback fonts for what the main font lacks.

        For reportlab's Paragraph, so for text without right-to-left letters (`p` and `rich` decide).
        """
        value = self.fonts.spaced(plain(text))
        if self.fonts.visible.issuperset(map(ord, value)):
            return markup(value)  # the main family draws it all: most text, at no cost
        if has_rtl(value):
            value = visual(value, self.rtl)
        return markup(self.fonts.printable(value), self.fonts.face_for)

    def p(self, text: object, style: ParagraphStyle | None = None, bullet: str | None = None) -> Flowable:
        """A paragraph printing `text` exactly (escaped; never read as markup), in the document's direction."""
        return self.rich([Span(plain(text))], style, bullet)

    def rich(self, spans: Sequence[Span], style: ParagraphStyle | None = None, bullet: str | None = None) -> Flowable:
        """A paragraph of spans (a bold label, then a value in a smaller grey ...), each escaped.

        Right-to-left documents, and any text with Arabic letters, are laid out by `ShapedParagraph`
        (joined letters, display order), and so are Chinese documents (reportlab's CJK wrapping lets a line
        start with ，or ：and end with 《); the rest by reportlab's Paragraph.
        """
        style = style or self.body
        spans = [Span(self.fonts.spaced(plain_inline(s.text)), s.bold, s.size, s.color) for s in spans]
        if self.rtl or self.fonts.lang in CJK_LANGUAGES or any(has_rtl(span.text) for span in spans):
            return ShapedParagraph(spans, style, self.fonts, rtl=self.rtl, bullet=bullet)
        parts = []
        for span in spans:
            body = span.text.lstrip(" ")
            text = self.markup(body)
            if span.size or span.color:
                size = f' size="{span.size}"' if span.size else ""
                color = f' color="{_hex(span.color)}"' if span.color else ""
                text = f"<font{size}{color}>{text}</font>"
            parts.append(" " * (len(span.text) - len(body)) + (f"<b>{text}</b>" if span.bold else text))
        return Paragraph("".join(parts), style, bulletText=bullet)

    def labelled(self, name: object, value: object, style: ParagraphStyle | None = None) -> Flowable:
        """'**Name:** value' with the name bold; both escaped."""
        return self.rich([Span(plain(name), bold=True), Span(" " + plain(value))], style)

    def measure(self, text: object, size: float, bold: bool = False) -> float:
        """Printed width of one line of text: shaped, and each run in the font that draws it."""
        value = self.fonts.spaced(plain(text))
        return self.fonts.width(shape(value) if has_rtl(value) else value, size, bold)

    def line(
        self,
        canvas: Canvas,
        text: object,
        x: float,
        y: float,
        *,
        size: float,
        color: object = INK,
        anchor: str = "start",
        bold: bool = False,
    ) -> None:
        """One line on a canvas, anchored at its 'start' (the right edge in a right-to-left document), 'end' ..."""
        value = self.fonts.spaced(plain(text))
        draw_line(canvas, value, x, y, self.fonts, rtl=self.rtl, size=size, color=color, anchor=anchor, bold=bold)


def _hex(color: object) -> str:
    return str(color.hexval()).replace("0x", "#") if hasattr(color, "hexval") else str(color)


@functools.cache
def stylesheet(lang: str) -> Styles:
    """The styles for documents in `lang` (cached; fonts are registered on first use)."""
    fonts = font_set(lang)
    rtl = is_rtl(lang)
    start = TA_RIGHT if rtl else TA_LEFT
    size, spacing = TYPE_SCALE.get(lang, (1.0, 1.0))
    base = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=10 * size,
        leading=14 * spacing,
        textColor=INK,
        alignment=start,
        spaceAfter=4,
        splitLongWords=1,
        bulletFontName=fonts.regular,
        wordWrap="CJK" if lang in CJK_LANGUAGES else None,
    )

    def derive(name: str, **changes: Any) -> ParagraphStyle:
        if "fontSize" in changes:
            changes["fontSize"] *= size
            changes["leading"] *= spacing
        return ParagraphStyle(name, parent=base, **changes)

    return Styles(
        fonts=fonts,
        rtl=rtl,
        body=base,
        small=derive("small", fontSize=8.5, leading=11),
        muted=derive("muted", fontSize=9, leading=12, textColor=MUTED),
        h1=derive("h1", fontName=fonts.bold, fontSize=18, leading=23, textColor=PRIMARY, spaceAfter=10),
        h2=derive(
            "h2",
            fontName=fonts.bold,
            fontSize=12.5,
            leading=16,
            textColor=PRIMARY,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        h3=derive("h3", fontName=fonts.bold, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        bullet=derive(
            "bullet",
            leftIndent=0 if rtl else 14,
            rightIndent=14 if rtl else 0,
            bulletIndent=3,
            spaceAfter=2.5,
        ),
        cell=derive("cell", fontSize=9, leading=11.5, spaceAfter=0),
        cell_bold=derive("cell_bold", fontName=fonts.bold, fontSize=9, leading=11.5, spaceAfter=0),
        cell_small=derive("cell_small", fontSize=7.5, leading=9.5, spaceAfter=0, textColor=MUTED),
        head=derive("head", fontName=fonts.bold, fontSize=9, leading=11.5, textColor=WHITE, spaceAfter=0),
        cover_kicker=derive(
            "cover_kicker", fontName=fonts.bold, fontSize=11, leading=14, textColor=ACCENT, spaceAfter=10
        ),
        cover_title=derive(
            "cover_title", fontName=fonts.bold, fontSize=28, leading=34, textColor=PRIMARY, spaceAfter=14
        ),
        cover_subtitle=derive("cover_subtitle", fontSize=16, leading=21, spaceAfter=6),
        cover_meta=derive("cover_meta", fontSize=11.5, leading=16, textColor=MUTED, spaceAfter=2),
        furniture=derive("furniture", fontSize=8, leading=10, textColor=MUTED, spaceAfter=0),
        furniture_end=derive(
            "furniture_end",
            fontSize=8,
            leading=10,
            textColor=MUTED,
            spaceAfter=0,
            alignment=TA_LEFT if rtl else TA_RIGHT,
        ),
        centered=derive("centered", alignment=TA_CENTER),
    )


MARGIN = 2 * cm
"""Page margin on every side of portrait pages; header and footer sit inside the top and bottom ones."""
