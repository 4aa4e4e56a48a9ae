"""The pack's pre- and post-test: the programme's questions (SPEC 10) and the answer sheets that go with them.

The questions come from the units the programme teaches (`curriculum.questions.programme_test`, chosen by
the caller so that the pack and the trainer's answer key print the same test). They are printed once, with
their choices a-d; participants answer twice, before and after the workshop, on an answer sheet whose
lines are what the answer-sheet import takes: the participant's name as on the roster, the test (pre or
post) ticked, and one row per question id with the letter ticked. A question without a translation is
printed in English and marked so, as handouts are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from curriculum.models import LETTERS, Question, in_language
from exports.labels import label
from exports.pdf.page import Bookmark
from exports.pdf.shaped import Span
from exports.pdf.styles import MUTED, PRIMARY, Styles
from exports.pdf.tables import CheckBox, column_widths, data_table, table_style
from exports.provenance import DRAFT_TRANSLATION

TESTS = ("pre", "post")
"""The two sittings of the test, as the answer-sheet import spells them (SPEC 10)."""


@dataclass(frozen=True)
class Printed:
    """A question as printed in one language: text and choices, and whether English stood in."""

    number: int
    id: str
    unit: str
    text: str
    choices: tuple[tuple[str, str], ...]
    answer: str
    english: bool


def printed(questions: Sequence[Question], lang: str) -> list[Printed]:
    """The questions numbered in test order, in `lang` where translated, else wholly in English.

    A question is printed in one language only: if its text or any choice lacks `lang`, all of it is
    English, so a participant never reads a choice set mixing two languages.
    """
    result = []
    for number, question in enumerate(questions, start=1):
        texts = [question.text, *(question.choices[letter] for letter in LETTERS)]
        shown = lang if all(lang in text for text in texts) else "en"
        result.append(
            Printed(
                number=number,
                id=question.id,
                unit=question.unit_id(),
                text=in_language(question.text, shown),
                choices=tuple((letter, in_language(question.choices[letter], shown)) for letter in LETTERS),
                answer=question.answer,
                english=shown != lang,
            )
        )
    return result


def quiz_pages(
    questions: Sequence[Question],
    minutes: tuple[int, int],
    styles: Styles,
    *,
    lang: str,
    available: float,
    draft: bool = True,
) -> list[Flowable]:
    """The questions (once), then an answer sheet for the pre-test and one for the post-test.

    `minutes` are the pre- and post-test times of the programme's day shape; `draft` says whether the
    units' translations are drafts, which translated questions then say under the heading.
    """
    title = label("test.title", lang)
    flow: list[Flowable] = [PageBreak(), Bookmark("test", title, 0), styles.p(title, styles.h1)]
    items = printed(questions, lang)
    if not items:
        return [*flow, styles.p(label("test.none", lang))]
    if draft and any(not item.english for item in items) and lang != "en":
        flow.append(styles.p(label(DRAFT_TRANSLATION, lang), styles.muted))
    flow.append(styles.p(label("test.instructions", lang, pre=minutes[0], post=minutes[1])))
    flow += [question_block(item, styles) for item in items]
    if any(item.english for item in items):
        flow += [Spacer(1, 8), styles.p(label("fallback.english", lang), styles.muted)]
    for number in range(1, len(TESTS) + 1):
        flow += answer_sheet(items, styles, lang=lang, available=available, key=f"sheet-{number}")
    return flow


def question_block(item: Printed, styles: Styles, answer: bool = False, after: Sequence[Flowable] = ()) -> Flowable:
    """'3.  Question text' with its id in grey, then the choices 'a)  ...' each on its line, kept on one page.

    With `answer` (the trainer's key) the right choice is printed bold; `after` is kept with the question.
    """
    head = styles.rich(
        [Span(f"{item.number}.", bold=True), Span("  " + item.text), Span("  " + item.id, size=7.5, color=MUTED)]
    )
    lines = [
        styles.rich(
            [Span(f"{letter})", bold=True), Span("  " + text, bold=answer and letter == item.answer)], styles.bullet
        )
        for letter, text in item.choices
    ]
    return KeepTogether([Spacer(1, 6), head, *lines, *after])


def answer_sheet(items: Sequence[Printed], styles: Styles, *, lang: str, available: float, key: str) -> list[Flowable]:
    """A page to tick: participant and test lines, then a row per question id with boxes a-d.

    The rows are the answer-sheet file's columns (SPEC 10), so that whoever types the sheets in copies
    the ticked letter under each question id.
    """
    title = label("test.sheet", lang)
    flow: list[Flowable] = [PageBreak(), Bookmark(key, title, 1), styles.p(title, styles.h1)]
    flow += [_header_lines(styles, lang, available), Spacer(1, 10)]
    rows = [[str(item.number), item.id, *(CheckBox() for _ in LETTERS)] for item in items]
    header = [label("test.number", lang), label("test.question", lang), *LETTERS]
    flow.append(
        data_table(
            header,
            rows,
            [0.8, 3, 1, 1, 1, 1],
            styles,
            available=available,
            centred_columns=range(2, 6),
            min_row_height=20,
        )
    )
    return flow


def _header_lines(styles: Styles, lang: str, available: float) -> Table:
    """'Participant (name as on the attendance sheet) ______' and 'Test: [ ] Pre-test [ ] Post-test'."""
    name = [styles.p(label("test.participant", lang), styles.cell_bold), ""]
    ticks: list[object] = []
    for test in TESTS:
        ticks += [CheckBox(), styles.p(label(f"test.{test}", lang), styles.cell)]
    tick_widths = [14.0, available * 0.2] * len(TESTS)
    if styles.rtl:
        ticks, tick_widths = list(reversed(ticks)), list(reversed(tick_widths))
    which = [
        styles.p(label("test.which", lang), styles.cell_bold),
        _plain_table([ticks], tick_widths, styles),
    ]
    widths = column_widths([4, 6], available)
    rows = [name, which]
    if styles.rtl:
        rows = [list(reversed(row)) for row in rows]
        widths = list(reversed(widths))
    table = Table(rows, colWidths=widths, rowHeights=[26, None])
    lined = 0 if styles.rtl else 1
    table.setStyle(
        table_style(
            styles,
            [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (lined, 0), (lined, 0), 0.6, PRIMARY)],
        )
    )
    return table


def _plain_table(rows: list[list[object]], widths: list[float], styles: Styles) -> Table:
    """A borderless table in the document's fonts, aligned to the start of the line."""
    table = Table(rows, colWidths=widths, hAlign="RIGHT" if styles.rtl else "LEFT")
    table.setStyle(table_style(styles, [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table
