"""Certificates of participation: one landscape page for each participant present on enough days.

Everything but the name, the number and the verification code is the same on every certificate of a
workshop, so it is drawn once into a PDF form and placed on each page; only the name, the code and its QR
code are drawn per page. That keeps 1,000 certificates to a few seconds and a small file.

A certificate carries the verification code the register issued for its holder (exports never touch the
register: the caller passes the codes in) and a QR code of the verification URL followed by the code,
drawn as reportlab rectangles from segno's module matrix, so any phone camera opens the verification.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.flowables import KeepInFrame

from curriculum.models import Unit
from exports.certcodes import grouped
from exports.formats import country_name, date_range, long_date
from exports.formats import number as figure
from exports.labels import label
from exports.models import Participant
from exports.pdf.shaped import Span
from exports.pdf.styles import ACCENT, INK, MUTED, PRIMARY, RULE, Styles, page_size, stylesheet
from exports.provenance import marked_title
from exports.text import plain
from scheduler.models import Workshop

FORM = "certificate"
NAME_MAX, NAME_MIN = 30.0, 16.0
"""Font sizes of the name: as large as fits on one line between these, else wrapped at the smallest."""
Progress = Callable[[int, int], None]


def eligible(
    participants: Sequence[Participant], threshold: float = 0.8, withheld: Collection[int] = ()
) -> list[tuple[int, Participant]]:
    """Participants present on at least `threshold` of the days, with their number in the roster (from 1).

    Roster numbers in `withheld` get no certificate (people whose data was erased on request); the others
    keep their numbers, so certificate references already issued stay valid.
    """
    return [(n, p) for n, p in enumerate(participants, start=1) if n not in withheld and p.earns_certificate(threshold)]


@dataclass(frozen=True)
class _Layout:
    """Where the per-page parts go, found while drawing the shared part."""

    width: float
    height: float
    name_top: float
    name_box: float
    name_width: float
    verify_url: str = ""
    codes: Mapping[int, str] = field(default_factory=dict)


def certificates(
    workshop: Workshop,
    participants: Sequence[Participant],
    units: Sequence[Unit],
    *,
    threshold: float = 0.8,
    lang: str,
    paper: str = "a4",
    signatories: Sequence[str] = (),
    progress: Progress | None = None,
    title: str | None = None,
    organiser: str = "",
    invariant: bool = False,
    withheld: Collection[int] = (),
    codes: Mapping[int, str] | None = None,
    verify_url: str = "",
    contact_minutes: int | None = None,
    roles: Sequence[str] = (),
) -> bytes:
    """One certificate page per participant present on at least `threshold` of the days (80 %: 4 of 5).

    `units` are listed as covered; `signatories` get a signature line each (one unnamed line when empty),
    with `roles` (same order) printed under the names; `progress(done, total)` is called after each page.
    An empty PDF page says so when nobody qualifies. `withheld` are roster numbers (from 1) that get no
    page, as `eligible` says. With `codes` (roster number -> verification code), only those numbers get a
    page, each with its code and a QR code of `verify_url` + code; `contact_minutes` prints the hours.
    """
    styles = stylesheet(lang)
    if codes is not None:
        withheld = set(withheld) | {n for n in range(1, len(participants) + 1) if n not in codes}
    chosen = eligible(participants, threshold, withheld)
    width, height = page_size(paper, turned=True)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(width, height),
        invariant=1 if invariant else 0,
        lang=lang,
        initialFontName=styles.fonts.regular,
        initialFontSize=10,
        pageCompression=1,
    )
    heading = plain(title or workshop.programme)
    canvas.setTitle(label("certificate.meta.title", lang, title=heading, city=plain(workshop.city)))
    canvas.setSubject(label("certificate.title", lang))
    canvas.setAuthor(plain(organiser) or "tiptrain")
    canvas.setCreator("tiptrain")
    canvas.setProducer("tiptrain")
    canvas.setKeywords(workshop.id)
    shared = _Shared(heading, plain(organiser), signatories, roles, contact_minutes, bool(codes))
    layout = _shared_form(canvas, workshop, units, styles, lang=lang, shared=shared)
    layout = replace(layout, verify_url=verify_url, codes=codes or {})
    for done, (number, participant) in enumerate(chosen, start=1):
        _page(canvas, layout, styles, lang=lang, workshop=workshop, number=number, participant=participant)
        if progress is not None:
            progress(done, len(chosen))
    if not chosen:
        none = label("certificate.none", lang, share=round(threshold * 100))
        styles.line(canvas, none, width / 2, height / 2, size=14, anchor="middle")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _page(
    canvas: Canvas,
    layout: _Layout,
    styles: Styles,
    *,
    lang: str,
    workshop: Workshop,
    number: int,
    participant: Participant,
) -> None:
    canvas.doForm(FORM)
    name = plain(participant.name)
    key = f"certificate-{number}"
    canvas.bookmarkPage(key)
    canvas.addOutlineEntry(name, key, level=0)
    paragraph = _name_paragraph(name, styles, layout.name_width)
    _, used = paragraph.wrap(layout.name_width, layout.name_box)
    y = layout.name_top - (layout.name_box - used) / 2 - used
    paragraph.drawOn(canvas, (layout.width - layout.name_width) / 2, y)
    reference = label("certificate.number", lang, number=f"{workshop.id}-{number:03d}")
    end = 58 if styles.rtl else layout.width - 58
    code = layout.codes.get(number)
    if code is None:
        styles.line(canvas, reference, end, 48, size=8, color=MUTED, anchor="end")
    else:
        _verification(canvas, styles, lang, end=end, code=code, url=layout.verify_url, reference=reference)
    canvas.showPage()


QR_SIZE = 74.0
"""Side of the QR code in points (26 mm): a phone reads it from arm's length."""
QR_MASK = 2
"""The data mask of every QR code (0-7): fixed, see `draw_qr`."""


def _verification(
    canvas: Canvas, styles: Styles, lang: str, *, end: float, code: str, url: str, reference: str
) -> None:
    """The QR code of the verification URL in the corner, with the code and the reference under it."""
    left = end - QR_SIZE if not styles.rtl else end
    draw_qr(canvas, url + code, left, 66, QR_SIZE)
    styles.line(canvas, label("certificate.code", lang, code=grouped(code)), end, 52, size=9, bold=True, anchor="end")
    styles.line(canvas, reference, end, 41, size=7, color=MUTED, anchor="end")


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """A QR code of `data` (error correction M) as black squares in a `size` square at (x, y), no margin.

    Drawn in module units (one path, runs of dark modules as one rectangle each), which keeps 1,000 pages
    fast and small; the blank page around the code is the quiet zone scanners need. The data mask is
    fixed: choosing the best of eight would triple the time, and any mask is a valid QR code.
    """
    import segno

    rows = list(segno.make(data, error="m", micro=False, mask=QR_MASK).matrix_iter(scale=1, border=0))
    canvas.saveState()
    canvas.translate(x, y + size)
    canvas.scale(size / len(rows), -size / len(rows))
    path = canvas.beginPath()
    for index, row in enumerate(rows):
        start = None
        for column, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                path.rect(start, index, column - start, 1)
                start = None
    canvas.setFillColor(INK)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _name_paragraph(name: str, styles: Styles, width: float) -> Flowable:
    """The name as large as fits on one line, or wrapped at the smallest size when even that is too wide."""
    natural = styles.measure(name, NAME_MAX, bold=True) or 1
    size = max(NAME_MIN, min(NAME_MAX, NAME_MAX * width / natural * 0.98))
    style = styles.cover_title.clone(
        "certificate_name", fontSize=size, leading=size * 1.2, alignment=1, textColor=INK, spaceAfter=0
    )
    return styles.p(name, style)


@dataclass(frozen=True)
class _Shared:
    """What every certificate of the workshop shows the same way."""

    heading: str
    organiser: str
    signatories: Sequence[str]
    roles: Sequence[str]
    contact_minutes: int | None
    coded: bool
    """Whether pages carry a QR code in the corner (the signatures then keep clear of it)."""


def _shared_form(
    canvas: Canvas, workshop: Workshop, units: Sequence[Unit], styles: Styles, *, lang: str, shared: _Shared
) -> _Layout:
    """Draw everything but the name, number and code into a form; return where the name goes."""
    heading, organiser = shared.heading, shared.organiser
    width, height = canvas._pagesize
    inner = width - 220
    canvas.beginForm(FORM)
    _border(canvas, width, height)
    bold, centred = styles.fonts.bold, styles.centered
    top = height - 78
    if organiser:
        kicker = centred.clone("kicker", fontName=bold, fontSize=10.5, leading=13, textColor=ACCENT)
        top = _draw(canvas, styles.p(organiser.upper(), kicker), width, top, inner) - 14
    title = centred.clone("title", fontName=bold, fontSize=30, leading=36, textColor=PRIMARY)
    top = _draw(canvas, styles.p(label("certificate.title", lang), title), width, top, inner) - 12
    quiet = centred.clone("certify", fontSize=12.5, leading=16, textColor=MUTED)
    top = _draw(canvas, styles.p(label("certificate.certify", lang), quiet), width, top, inner) - 6
    name_top, name_box = top, 80.0
    top -= name_box
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.8)
    canvas.line(width / 2 - 190, top - 2, width / 2 + 190, top - 2)
    top -= 16
    top = _draw(canvas, styles.p(label("certificate.took_part", lang), quiet), width, top, inner) - 4
    programme = centred.clone("programme", fontName=bold, fontSize=17, leading=21, textColor=PRIMARY)
    top = _draw(canvas, styles.p(heading, programme), width, top, inner) - 4
    held = label(
        "certificate.held",
        lang,
        place=label("place", lang, city=plain(workshop.city), country=country_name(workshop.country, lang)),
        dates=date_range(workshop.start, workshop.end, lang),
    )
    top = _draw(canvas, styles.p(held, centred.clone("held", fontSize=12.5, leading=16)), width, top, inner) - 4
    if shared.contact_minutes:
        hours = label("certificate.hours", lang, hours=figure(round(shared.contact_minutes / 60, 1), lang))
        top = _draw(canvas, styles.p(hours, centred.clone("hours", fontSize=11, leading=14)), width, top, inner)
    _units(canvas, units, styles, lang=lang, width=width, top=top - 6, bottom=150)
    _signatures(canvas, shared, styles, lang, width)
    issued = label("certificate.issued", lang, date=long_date(workshop.end, lang))
    styles.line(canvas, issued, width - 58 if styles.rtl else 58, 48, size=8, color=MUTED)
    canvas.endForm()
    return _Layout(width, height, name_top, name_box, inner)


def _draw(canvas: Canvas, paragraph: Flowable, width: float, top: float, inner: float) -> float:
    """Draw a paragraph centred under `top`; return the y where it ends."""
    _, used = paragraph.wrap(inner, 500)
    paragraph.drawOn(canvas, (width - inner) / 2, top - used)
    return top - used


def _units(
    canvas: Canvas, units: Sequence[Unit], styles: Styles, *, lang: str, width: float, top: float, bottom: float
) -> None:
    """'Units covered: ...' in small type, shrunk to fit the room left above the signatures."""
    if not units:
        return
    listed = label("list.separator.long", lang).join(
        label("session.unit", lang, unit=u.id, title=marked_title(plain(u.text("title", lang)[0]), u, lang))
        for u in units
    )
    style = styles.centered.clone("units", fontSize=8.5, leading=11, textColor=MUTED)
    text = styles.rich([Span(label("certificate.units", lang), bold=True), Span("  " + listed)], style)
    inner = width - 260
    frame = KeepInFrame(inner, top - bottom, [text], mode="shrink")
    _, used = frame.wrapOn(canvas, inner, top - bottom)
    frame.drawOn(canvas, (width - inner) / 2, top - used)


def _signatures(canvas: Canvas, shared: _Shared, styles: Styles, lang: str, width: float) -> None:
    """A line, a name and its role for each signatory, spread evenly above the bottom edge.

    With a QR code in the corner the lines share the width left beside it.
    """
    names = [plain(n) for n in shared.signatories] or [label("certificate.signature", lang)]
    roles = [*(plain(r) for r in shared.roles), *([""] * len(names))][: len(names)]
    pairs = list(zip(names, roles, strict=True))
    if styles.rtl:
        pairs.reverse()
    reserved = QR_SIZE + 40 if shared.coded else 0.0
    start = 80 + (reserved if styles.rtl else 0)
    slot = (width - 160 - reserved) / len(pairs)
    line = min(190.0, slot - 30)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.7)
    for index, (name, role) in enumerate(pairs):
        centre = start + slot * (index + 0.5)
        canvas.line(centre - line / 2, 112, centre + line / 2, 112)
        paragraph = styles.p(name, styles.centered.clone("signatory", fontSize=9.5, leading=12))
        _, used = paragraph.wrap(line, 40)
        paragraph.drawOn(canvas, centre - line / 2, 106 - used)
        if role:
            small = styles.p(role, styles.centered.clone("role", fontSize=8, leading=10, textColor=MUTED))
            _, below = small.wrap(line, 30)
            small.drawOn(canvas, centre - line / 2, 104 - used - below)


def _border(canvas: Canvas, width: float, height: float) -> None:
    canvas.setStrokeColor(PRIMARY)
    canvas.setLineWidth(2.5)
    canvas.rect(28, 28, width - 56, height - 56)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.6)
    canvas.rect(35, 35, width - 70, height - 70)
