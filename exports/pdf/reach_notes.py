"""The first page's lines on participating countries and languages, laid out for the pack's cover.

What the lines say is `exports.reach`'s; this module only sets them: the countries as one more line of the
cover's meta block, the language notes in a shaded box so a participant who reads another language sees
at once why the pack is in the language it is in.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from exports.labels import is_rtl
from exports.pdf.styles import ACCENT, SHADE, Styles, stylesheet
from exports.reach import Reach, countries_text, language_notes
from scheduler.models import Workshop


def cover_lines(workshop: Workshop, reach: Reach | None, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """The participating countries (regional workshops) and the language notes, for under the cover's meta."""
    if reach is None:
        reach = Reach()
    flow: list[Flowable] = []
    if reach.countries:
        flow.append(styles.p(countries_text(workshop.country, reach.countries, lang), styles.cover_meta))
    notes = language_notes(reach, lang, workshop.language)
    if notes:
        flow += [Spacer(1, 14), note_box(notes, styles, width)]
    return flow


def note_box(notes: Sequence[tuple[str, str]], styles: Styles, width: float) -> Table:
    """(language, text) paragraphs in a shaded box with an accent rule on the reading side.

    A note in a language written the other way from the document's (Ukrainian in an Arabic pack) is set
    with that language's own styles, so its full stop stays at its end.
    """
    rows = [[(styles if is_rtl(written) == styles.rtl else stylesheet(written)).p(text)] for written, text in notes]
    table = Table(rows, colWidths=[width])
    edge = (-1, 0) if styles.rtl else (0, 0)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEBEFORE" if not styles.rtl else "LINEAFTER", edge, (edge[0], -1), 2.5, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table
