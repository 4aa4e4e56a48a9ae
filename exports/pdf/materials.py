"""Printing the catalogue's materials: cases, fact patterns, role briefs, checklists and fillable forms.

The pack prints a unit's participant materials after its handout; the facilitator guide prints the trainer's
own (model answers, briefs the trainer plays). A material's body is plain text: a blank line starts a new
paragraph and a line starting with "- " is a list item. A form starts on a page of its own, so that it can
be copied, with labelled lines to write on, then a grid of blank rows under its column headings. Text
missing in the language is printed in English and marked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, TableStyle

from curriculum.models import Catalogue, FormLayout, Material, Unit
from exports.labels import label
from exports.pdf.page import Bookmark
from exports.pdf.styles import RULE, Styles
from exports.pdf.tables import WritingLines, data_table
from exports.text import plain

WRITING_GAP = 22.0
"""Points between the lines of a form field: room for handwriting."""


def local(values: Mapping[Any, str], lang: str) -> tuple[str, bool]:
    """The text in `lang`, else English; the flag says English stood in."""
    return (values[lang], False) if lang in values else (values["en"], lang != "en")


def material_heading(material: Material, lang: str) -> str:
    """The material's title (its titles name their kind: 'Case study: Dario'), marked when English stands in."""
    title, english = local(material.title, lang)
    return f"{plain(title)} {label('fallback.mark', lang)}" if english else plain(title)


def material_block(material: Material, styles: Styles, lang: str, width: float, *, level: int = 2) -> list[Flowable]:
    """One material: heading with its marks, the body, and for a form its fields and table."""
    heading = material_heading(material, lang)
    flow: list[Flowable] = [Bookmark(f"material-{material.id}", heading, level), styles.p(heading, styles.h3)]
    notes = [label(f"material.kind.{material.kind}", lang)]
    if material.audience == "trainer":
        notes.append(label("material.for_trainer", lang))
    body, english = local(material.body, lang)
    if english:
        notes.append(label("fallback.english", lang))
    elif lang != "en" and material.translation == "draft":
        notes.append(label("mark.draft_translation", lang))
    flow.append(styles.p(" · ".join(notes), styles.muted))
    flow += body_flowables(body, styles)
    if material.form is not None:
        flow += form_flowables(material.form, styles, lang, width)
    start: list[Flowable] = [PageBreak()] if material.form is not None else []  # a form is copied on its own
    return [*start, KeepTogether(flow[:4]), *flow[4:], Spacer(1, 10)]


def body_flowables(body: str, styles: Styles) -> list[Flowable]:
    """Paragraphs and bulleted items of a material's plain-text body, in order."""
    flow: list[Flowable] = []
    for block in body.strip().split("\n\n"):
        for line in block.splitlines():
            text = line.strip()
            if text.startswith("- "):
                flow.append(styles.p(text[2:], styles.bullet, bullet="•"))
            elif text:
                flow.append(styles.p(text))
    return flow


def form_flowables(form: FormLayout, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """Labelled writing lines for each field, then the table of blank rows to fill in by hand."""
    flow: list[Flowable] = []
    for field in form.fields:
        text = local(field, lang)[0]
        flow.append(KeepTogether([styles.p(text, styles.cell_bold), WritingLines(2, WRITING_GAP)]))
    if form.columns:
        header = [local(column, lang)[0] for column in form.columns]
        rows: list[list[object]] = [["" for _ in header] for _ in range(form.rows)]
        weights = [1.0] * len(header)
        table = data_table(header, rows, weights, styles, available=width, zebra=False, min_row_height=24)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE)]))  # boxes to write in
        flow += [Spacer(1, 6), table]
    return flow


def unit_materials(
    unit: Unit, catalogue: Catalogue, audience: str, styles: Styles, *, lang: str, width: float
) -> list[Flowable]:
    """The unit's materials for `audience`, under a heading; nothing when it has none."""
    chosen = catalogue.materials_of(unit, audience)
    if not chosen:
        return []
    flow: list[Flowable] = [Spacer(1, 8), styles.p(label("material.section", lang, unit=unit.id), styles.h2)]
    for material in chosen:
        flow += material_block(material, styles, lang, width)
    return flow


def material_titles(materials: Sequence[Material], lang: str) -> list[str]:
    """Headings of materials, as the guide lists what to print."""
    return [material_heading(m, lang) for m in materials]
