"""Page templates: header and footer with "page x of y", bookmarks (the PDF outline), metadata, one build call.

"Page x of y" needs the page count before the first page is finished. The canvas here keeps each page's
drawing until the document ends, then draws every header and footer with the total known. Bookmarks made
meanwhile are kept with their page and replayed when it is really written, so the outline points at the
right pages (a plain deferred canvas would point every bookmark at page 1).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from exports.labels import label
from exports.pdf.styles import MARGIN, RULE, Styles, page_size
from exports.text import plain

PRINTABLE_EDGE = 18.0
"""Paper that office printers leave blank (about 5 mm): the header keeps its glyphs a quarter inch inside."""


@dataclass(frozen=True)
class DocumentInfo:
    """PDF metadata: what viewers show as title, subject, author, and the language of the text."""

    title: str
    subject: str
    author: str
    lang: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Furniture:
    """What repeats on pages: a header (start and end text) and a footer (start text, then page x of y)."""

    header_start: str = ""
    header_end: str = ""
    footer_start: str = ""
    numbered: bool = True
    skip_first: bool = False
    """Leave the first page (a cover) bare."""


class Bookmark(Flowable):
    """An invisible mark that adds an outline entry pointing at the page where it lands."""

    _ZERO_SIZE = 1

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.level = level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        del available_width, available_height
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key, fit="XYZ", top=None)
        self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)


class RunningTitle(Flowable):
    """An invisible mark that sets the header's end text from this page on (e.g. the day of a sign-in sheet)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        del available_width, available_height
        return 0, 0

    def draw(self) -> None:
        self.canv.running_title = self.text


def _furnished_canvas(
    furniture: Furniture, styles: Styles, lang: str, edges: tuple[float, float] = (MARGIN, MARGIN)
) -> type[Canvas]:
    """A canvas class that draws the furniture on every page once the page count is known.

    `edges` are the top and bottom margins: the header and footer sit inside them.
    """

    class FurnishedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._marks: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
            self.running_title = furniture.header_end

        def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802 - reportlab's name
            self._marks.append(("bookmarkPage", args, kwargs))

        def addOutlineEntry(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802 - reportlab's name
            self._marks.append(("addOutlineEntry", args, kwargs))

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            state = dict(self.__dict__)
            state["_marks"] = self._marks
            self._pages.append(state)
            self._marks = []
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                for method, args, kwargs in state["_marks"]:
                    getattr(Canvas, method)(self, *args, **kwargs)
                if not (furniture.skip_first and number == 1):
                    draw_furniture(
                        self,
                        furniture,
                        styles,
                        lang=lang,
                        page=number,
                        pages=total,
                        running=self.running_title,
                        edges=edges,
                    )
                Canvas.showPage(self)
            Canvas.save(self)

    return FurnishedCanvas


def draw_furniture(
    canvas: Canvas,
    furniture: Furniture,
    styles: Styles,
    *,
    lang: str,
    page: int,
    pages: int,
    running: str,
    edges: tuple[float, float] = (MARGIN, MARGIN),
) -> None:
    """Header text and a rule at the top, footer text and "page x of y" at the bottom (inside the margins).

    The header line sits 16 points above the body, but its top (where a glyph one em tall ends: the line's
    baseline is `leading - fontSize` above `top`) stays `PRINTABLE_EDGE` from the paper's edge. On the narrow
    top margin of sign-in sheets, Chinese ideographs, which fill the em square (0.88 em above the baseline),
    otherwise reached past it where Latin capitals (0.7 em) still fit.
    """
    width, height = canvas._pagesize
    inner = width - 2 * MARGIN
    top = min(height - edges[0] + 16, height - PRINTABLE_EDGE - styles.furniture.leading)
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    _pair(canvas, styles, furniture.header_start, running, y=top, inner=inner)
    canvas.line(MARGIN, top - 4, width - MARGIN, top - 4)
    bottom = edges[1] - 22
    canvas.line(MARGIN, bottom + 12, width - MARGIN, bottom + 12)
    number = label("page.of", lang, page=page, pages=pages) if furniture.numbered else ""
    _pair(canvas, styles, furniture.footer_start, number, y=bottom, inner=inner)
    canvas.restoreState()


def _pair(canvas: Canvas, styles: Styles, start: str, end: str, *, y: float, inner: float) -> None:
    """Two one-line texts on a line, one at each margin; a text too long for its room is cut short."""
    end_text = fit_line(end, styles, inner * 0.6)
    end_width = text_width(end_text, styles) + 2 if end_text else 0
    start_room = inner - end_width - 12
    start_text = fit_line(start, styles, start_room)
    if styles.rtl:
        places = (
            (start_text, styles.furniture, MARGIN + inner - start_room, start_room),
            (end_text, styles.furniture_end, MARGIN, end_width),
        )
    else:
        places = (
            (start_text, styles.furniture, MARGIN, start_room),
            (end_text, styles.furniture_end, MARGIN + inner - end_width, end_width),
        )
    for text, style, x, room in places:
        if text and room > 0:
            paragraph = styles.p(text, style)
            paragraph.wrapOn(canvas, room, 20)
            paragraph.drawOn(canvas, x, y)


def text_width(text: str, styles: Styles, size: float | None = None) -> float:
    """Printed width of one line of furniture text, shaped and in the fonts that draw it."""
    return styles.measure(text, size or styles.furniture.fontSize)


def fit_line(text: str, styles: Styles, room: float, size: float | None = None) -> str:
    """`text` as it is when it fits on one line of `room` points, else cut and ended with an ellipsis."""
    text = plain(text)
    if text_width(text, styles, size) <= room:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + "…", styles, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…" if low else ""


def build_pdf(
    flowables: Sequence[Flowable],
    *,
    info: DocumentInfo,
    styles: Styles,
    paper: str = "a4",
    turned: bool = False,
    furniture: Furniture | None = None,
    invariant: bool = False,
    margins: tuple[float, float, float, float] | None = None,
) -> bytes:
    """Lay out `flowables` on pages and return the PDF bytes.

    `turned` gives landscape pages; `margins` are (left, right, top, bottom) in points. With `invariant`
    the bytes are the same on every run (fixed dates and ids), for tests and golden files.
    """
    size = page_size(paper, turned)
    left, right, top, bottom = margins or (MARGIN, MARGIN, MARGIN, MARGIN)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=info.title,
        subject=info.subject,
        author=info.author,
        creator="tiptrain",
        producer="tiptrain",
        keywords=list(info.keywords),
        lang=info.lang,
        invariant=1 if invariant else 0,
        initialFontName=styles.fonts.regular,
        initialFontSize=10,
        displayDocTitle=1,
    )
    frame = Frame(
        left,
        bottom,
        size[0] - left - right,
        size[1] - top - bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=size)])
    canvas_class = _furnished_canvas(furniture or Furniture(numbered=False), styles, info.lang, (top, bottom))
    document.build(list(flowables), canvasmaker=canvas_class)
    return buffer.getvalue()


def frame_width(paper: str, turned: bool = False, margins: tuple[float, float] | None = None) -> float:
    """Width of the text frame of a page: the page width less the side margins."""
    left, right = margins or (MARGIN, MARGIN)
    return page_size(paper, turned)[0] - left - right
