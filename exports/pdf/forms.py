"""The pack's forms: indicator checklist, evaluation form, notes page (the pre- and post-test is in `quiz`).

Every text is ours, kept in the label files; the checklist's indicators are written in our own words for
front-line officers, grouped the way an officer looks at a situation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from curriculum.models import Unit
from exports.evaluation import COLUMNS, OVERALL, SCALE
from exports.labels import label
from exports.pdf.page import Bookmark
from exports.pdf.styles import PRIMARY, SHADE, Styles
from exports.pdf.tables import CheckBox, WritingLines, data_table, table_style
from exports.provenance import marked_title

CHECKLIST: tuple[tuple[str, int], ...] = (
    ("documents", 3),
    ("control", 4),
    ("work", 4),
    ("debt", 3),
    ("fear", 3),
    ("children", 2),
)
"""Indicator groups and how many items each has (`checklist.<group>.<n>` in the labels)."""
ACTIONS = 5


def section(
    key: str, title: str, styles: Styles, *, new_page: bool = True, level: int = 0, heading: bool = True
) -> list[Flowable]:
    """The start of a section: a page break, a bookmark (outline entry at `level`) and the heading."""
    flow: list[Flowable] = [PageBreak()] if new_page else []
    flow.append(Bookmark(key, title, level))
    if heading:
        flow.append(styles.p(title, styles.h1))
    return flow


def checklist(styles: Styles, lang: str, available: float) -> list[Flowable]:
    """The First Aid Kit indicator checklist: groups of indicators with a box to tick and room for notes."""
    flow = section("checklist", label("checklist.title", lang), styles)
    flow.append(styles.p(label("checklist.intro", lang)))
    rows: list[list[object]] = []
    groups: list[int] = []
    for group, count in CHECKLIST:
        groups.append(len(rows))
        rows.append([styles.p(label(f"checklist.group.{group}", lang), styles.cell_bold), None, None])
        rows += [[CheckBox(), label(f"checklist.{group}.{n}", lang), None] for n in range(1, count + 1)]
    header = ["", label("checklist.indicator", lang), label("checklist.notes", lang)]
    table = data_table(
        header,
        rows,
        [0.6, 11, 3],
        styles,
        available=available,
        zebra=False,
        shaded_rows=groups,
        spanned_rows=groups,
        centred_columns=[0],
        min_row_height=15,
        padding=2,
    )
    flow += [Spacer(1, 2), table, Spacer(1, 8)]
    actions = [styles.p(label("checklist.actions.title", lang), styles.h3)]
    actions += [_bullet(label(f"checklist.action.{n}", lang), styles) for n in range(1, ACTIONS + 1)]
    flow.append(KeepTogether(_boxed(actions, available, styles)))
    return flow


def evaluation(
    lines: Sequence[str], units: Mapping[str, Unit], styles: Styles, lang: str, available: float
) -> list[Flowable]:
    """The anonymous evaluation form: exactly the lines `workshops evaluations` reads (exports.evaluation).

    One line per unit of `lines` and one for the workshop as a whole (`overall`), each starting with the
    code a coordinator types in the file's `unit` column, then boxes 1 to SCALE and room for a comment.
    """
    flow = section("evaluation", label("evaluation.title", lang), styles)
    flow.append(styles.p(label("evaluation.intro", lang, scale=SCALE)))
    scale = [str(n) for n in range(1, SCALE + 1)]
    header = [label("field.unit", lang), *scale, label("evaluation.comment", lang)]
    weights = [7, *[0.7] * SCALE, 4.5]

    def grid(rows: list[list[object]], height: float) -> Flowable:
        return data_table(
            header,
            rows,
            weights,
            styles,
            available=available,
            centred_columns=range(1, SCALE + 1),
            min_row_height=height,
        )

    flow.append(styles.p(label("evaluation.units", lang), styles.h2))
    flow.append(grid([_rating_row(_unit_line(units[key], lang), scale) for key in lines if key != OVERALL], 26))
    flow.append(styles.p(label("evaluation.overall.title", lang), styles.h2))
    overall = label("session.unit", lang, unit=OVERALL, title=label("evaluation.overall.title", lang))
    flow.append(grid([_rating_row(overall, scale)], 90))
    entry = label("evaluation.entry", lang, columns=", ".join(COLUMNS))
    flow += [Spacer(1, 8), styles.p(entry, styles.small)]
    return flow


def _rating_row(line: str, scale: Sequence[str]) -> list[object]:
    return [line, *(CheckBox() for _ in scale), ""]


def notes_page(styles: Styles, lang: str, available: float, height: float) -> list[Flowable]:
    """A page of writing lines."""
    flow = section("notes", label("notes.title", lang), styles)
    flow.append(WritingLines(max(1, int((height - 60) // 24)), 24))
    del available
    return flow


def _boxed(flowables: list[Flowable], available: float, styles: Styles) -> Table:
    """Flowables inside a shaded box with a coloured edge."""
    table = Table([[flowables]], colWidths=[available])
    table.setStyle(
        table_style(
            styles,
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LINEAFTER" if styles.rtl else "LINEBEFORE", (0, 0), (0, -1), 3, PRIMARY),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ],
        )
    )
    return table


def _bullet(text: str, styles: Styles) -> Flowable:
    return styles.p(text, styles.bullet, bullet="•")


def bullets(texts: Sequence[str], styles: Styles) -> list[Flowable]:
    """A bulleted list, one paragraph per item."""
    return [_bullet(text, styles) for text in texts]


def _unit_line(unit: Unit, lang: str) -> str:
    """'FAK-1 · Title (working title)': a unit as the evaluation grid lists it, with its provenance marks."""
    return label("session.unit", lang, unit=unit.id, title=marked_title(_title(unit, lang), unit, lang))


def _title(unit: Unit, lang: str) -> str:
    return unit.text("title", lang)[0]
