"""The trainer's answer key of a workshop's pre- and post-test (SPEC 10).

Right letters at a glance, then each question as the pack prints it, with the right choice in bold and the
unit it tests. The questions are the caller's (`curriculum.questions.programme_test`), the same list the pack prints, so
the key's numbering and the pack's cannot differ. Texts follow the pack's language rules (`quiz.printed`):
a question without a translation is printed in English and marked so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.platypus import Flowable, Spacer

from curriculum.models import Question, Unit
from exports.formats import country_name, date_range
from exports.labels import label
from exports.pdf.page import Bookmark, DocumentInfo, Furniture, build_pdf, frame_width
from exports.pdf.quiz import Printed, printed, question_block
from exports.pdf.shaped import Span
from exports.pdf.styles import MUTED, Styles, stylesheet
from exports.pdf.tables import data_table
from exports.provenance import marked_title
from exports.text import plain
from scheduler.models import Workshop


def answer_key_pdf(
    workshop: Workshop,
    questions: Sequence[Question],
    units: Mapping[str, Unit],
    *,
    lang: str,
    title: str,
    paper: str = "a4",
    organiser: str = "",
    invariant: bool = False,
) -> bytes:
    """The answer key in `lang`: a table of number, question id, unit and letter, then every question.

    `units` gives the titles of the units the questions test (a unit missing there is shown by its id).
    """
    styles = stylesheet(lang)
    heading = plain(title)
    place = label("place", lang, city=plain(workshop.city), country=country_name(workshop.country, lang))
    width = frame_width(paper)
    items = printed(questions, lang)
    name = label("key.title", lang)
    flow: list[Flowable] = [Bookmark("key", name), styles.p(name, styles.h1)]
    flow.append(styles.p(f"{heading} · {place} · {date_range(workshop.start, workshop.end, lang)}", styles.muted))
    flow += [Spacer(1, 4), styles.p(label("key.warning", lang), styles.h3)]
    if not items:
        flow.append(styles.p(label("test.none", lang)))
    else:
        flow += _summary(items, units, styles, lang, width)
        flow += [_question(item, units.get(item.unit), styles, lang) for item in items]
        if any(item.english for item in items):
            flow += [Spacer(1, 8), styles.p(label("fallback.english", lang), styles.muted)]
    info = DocumentInfo(
        title=label("key.meta.title", lang, title=heading, place=place),
        subject=name,
        author=plain(organiser) or "tiptrain",
        lang=lang,
        keywords=(workshop.id, workshop.programme),
    )
    furniture = Furniture(header_start=heading, header_end=place, footer_start=plain(organiser))
    return build_pdf(flow, info=info, styles=styles, paper=paper, furniture=furniture, invariant=invariant)


def _summary(
    items: Sequence[Printed], units: Mapping[str, Unit], styles: Styles, lang: str, width: float
) -> list[Flowable]:
    """'Answers at a glance': one row per question, for marking sheets quickly."""
    flow: list[Flowable] = [Bookmark("key-summary", label("key.summary", lang), 1)]
    flow.append(styles.p(label("key.summary", lang), styles.h2))
    rows = [[str(item.number), item.id, _unit_name(item.unit, units, lang), item.answer] for item in items]
    header = [
        label("test.number", lang),
        label("test.question", lang),
        label("field.unit", lang),
        label("key.answer", lang),
    ]
    flow.append(data_table(header, rows, [0.8, 2.2, 8, 1.4], styles, available=width, centred_columns=[3]))
    return flow


def _question(item: Printed, unit: Unit | None, styles: Styles, lang: str) -> Flowable:
    """The question with its choices, the right one bold, then 'Right answer: b · Unit FAK-1 · title'."""
    note = f"{label('key.right', lang, letter=item.answer)} · {_unit_line(item.unit, unit, lang)}"
    return question_block(item, styles, answer=True, after=[styles.rich([Span(note, color=MUTED)], styles.small)])


def _unit_name(unit_id: str, units: Mapping[str, Unit], lang: str) -> str:
    unit = units.get(unit_id)
    return _unit_line(unit_id, unit, lang) if unit else unit_id


def _unit_line(unit_id: str, unit: Unit | None, lang: str) -> str:
    """'FAK-1 · Recognising human trafficking (working title)', or the bare id when the unit is unknown."""
    if unit is None:
        return unit_id
    return label("session.unit", lang, unit=unit_id, title=marked_title(unit.text("title", lang)[0], unit, lang))
