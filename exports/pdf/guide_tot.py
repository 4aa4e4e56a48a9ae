"""The facilitator guide's pages for a training of trainers: the teach-back plan and the assessment rubric.

The plan says who presents which module, in which round, group and time (`curriculum.teachback`); with no
roster yet the trainees are numbered places to fill in. The rubric is the catalogue's trainer checklist
of the teach-back rounds: its list items are the criteria, scored on the scale below, and a recording
sheet has a row per trainee with a score box per criterion and the "certified trainer" decision.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.platypus import Flowable, Spacer

from curriculum.models import Material
from curriculum.teachback import TeachBackSlot
from exports.formats import clock, short_date
from exports.labels import label
from exports.pdf import forms
from exports.pdf.materials import body_flowables, local
from exports.pdf.styles import Styles
from exports.pdf.tables import CheckBox, data_table

SCALE = (1, 2, 3, 4)
"""Scores of the rubric, from 'not yet' to 'strong' (`guide.rubric.scale.<n>`)."""


def teach_back_section(
    plan: Sequence[TeachBackSlot],
    trainees: Sequence[str],
    styles: Styles,
    lang: str,
    width: float,
    *,
    dated: bool,
    titles: Mapping[str, str],
) -> list[Flowable]:
    """Who presents what, when: one row per trainee's turn, in round and group order; `titles` names modules."""
    flow = forms.section("teach-back", label("guide.teachback", lang), styles)
    flow.append(styles.p(label("guide.teachback.intro", lang)))
    if not trainees:
        flow.append(styles.p(label("guide.teachback.numbered", lang), styles.muted))
    if not plan:
        flow.append(styles.p(label("guide.teachback.none", lang)))
        return flow
    rows: list[list[object]] = []
    for slot in sorted(plan, key=lambda s: (s.round, s.group, s.turn)):
        day = short_date(slot.day, lang) if dated else ""
        when = f"{day} {clock(slot.start, lang)}–{clock(slot.end, lang)}".strip()
        module = label("session.unit", lang, unit=slot.module, title=titles.get(slot.module, ""))
        rows.append([str(slot.round), str(slot.group), when, slot.trainee, styles.p(module, styles.cell_small)])
    header = [
        label("guide.teachback.round", lang),
        label("guide.teachback.group", lang),
        label("agenda.time", lang),
        label("guide.teachback.trainee", lang),
        label("guide.teachback.module", lang),
    ]
    flow.append(data_table(header, rows, [1.1, 1.3, 2.4, 3, 4.4], styles, available=width, centred_columns=[0, 1]))
    return flow


def criteria(rubric: Material, lang: str) -> list[str]:
    """The rubric's criteria: the list items of its body."""
    body = local(rubric.body, lang)[0]
    return [line.strip()[2:] for line in body.splitlines() if line.strip().startswith("- ")]


def rubric_section(
    rubric: Material | None, trainees: Sequence[str], styles: Styles, lang: str, width: float
) -> list[Flowable]:
    """The criteria with the scale, then the recording sheet: score per criterion and certified yes/no."""
    if rubric is None:
        return []
    flow = forms.section("rubric", label("guide.rubric", lang), styles)
    body = local(rubric.body, lang)[0]
    intro = "\n".join(line for line in body.splitlines() if not line.strip().startswith("- "))
    flow += body_flowables(intro, styles)
    items = criteria(rubric, lang)
    scale = [label(f"guide.rubric.scale.{n}", lang) for n in SCALE]
    rows: list[list[object]] = [[f"{n}. {text}", *(CheckBox() for _ in SCALE)] for n, text in enumerate(items, start=1)]
    header = [label("guide.rubric.criterion", lang), *scale]
    flow.append(
        data_table(header, rows, [5, 1.5, 1.5, 1.5, 1.5], styles, available=width, centred_columns=[1, 2, 3, 4])
    )
    flow += [Spacer(1, 12), styles.p(label("guide.rubric.sheet", lang), styles.h2)]
    certified = label("guide.rubric.certified", lang)
    flow.append(styles.p(label("guide.rubric.record", lang, column=certified), styles.muted))
    names = list(trainees) or [label("guide.teachback.place", lang, number=n) for n in range(1, 21)]
    sheet: list[list[object]] = [[name, *("" for _ in items), ""] for name in names]
    header = [label("guide.teachback.trainee", lang), *(str(n) for n in range(1, len(items) + 1))]
    header.append(label("guide.rubric.certified", lang))
    weights = [4.0, *(0.7 for _ in items), 2.2]
    flow.append(data_table(header, sheet, weights, styles, available=width, zebra=False, min_row_height=20))
    return flow
