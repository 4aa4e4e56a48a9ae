"""The style sheet of every document: colours, paper sizes and paragraph styles on the embedded fonts."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph

from exports.fonts import FontSet, font_set
from exports.labels import is_rtl
from exports.text import markup, plain

PAPERS = {"a4": A4, "letter": LETTER}

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
        """User or label text as safe paragraph markup, with fallback fonts for what the main font lacks."""
        return markup(self.fonts.spaced(plain(text)), self.fonts.face_for)

    def p(self, text: object, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph printing `text` exactly (escaped; never read as markup)."""
        return Paragraph(self.markup(text), style or self.body)

    def labelled(self, name: str, value: object, style: ParagraphStyle | None = None) -> Paragraph:
        """'**Name:** value' with the name bold; both escaped."""
        return Paragraph(f"<b>{self.markup(name)}</b>  {self.markup(value)}", style or self.body)


@functools.cache
def stylesheet(lang: str) -> Styles:
    """The styles for documents in `lang` (cached; fonts are registered on first use)."""
    fonts = font_set(lang)
    rtl = is_rtl(lang)
    start = TA_RIGHT if rtl else TA_LEFT
    base = ParagraphStyle(
        "body",
        fontName=fonts.regular,
        fontSize=10,
        leading=14,
        textColor=INK,
        alignment=start,
        spaceAfter=4,
        splitLongWords=1,
        bulletFontName=fonts.regular,
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
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
            bulletIndent=0 if rtl else 3,
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
