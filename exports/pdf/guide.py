"""The facilitator guide: what a trainer needs to run every session of a workshop without another document.

Per session of the agenda, in order: time and duration, then for a unit its objectives, what to prepare
(room, equipment, materials to print and where participants find them in their pack), the steps with
their clock times and minutes (the unit's activities), questions to ask, common difficulties and the
trainer's own materials; fixed sessions (opening, tests, closing) get their short instructions. Then, for
a training of trainers, the teach-back plan and the assessment rubric with its recording sheet
(`exports.pdf.guide_tot`), and the answer key of the pre- and post-test.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from curriculum.agenda import Agenda, Session
from curriculum.models import Catalogue, Material, Programme, Question, Unit
from curriculum.teachback import TeachBackSlot, Timed, activity_times
from exports.formats import clock, full_date
from exports.labels import label
from exports.pdf import forms
from exports.pdf.answer_key import key_flowables
from exports.pdf.guide_tot import rubric_section, teach_back_section
from exports.pdf.materials import local, material_block, material_heading
from exports.pdf.page import Bookmark, DocumentInfo, Furniture, build_pdf, frame_width
from exports.pdf.quiz import printed
from exports.pdf.styles import Styles, stylesheet
from exports.pdf.tables import data_table
from exports.provenance import marked_title
from exports.text import plain

FIXED_STEPS = {"opening": 3, "pre-test": 3, "post-test": 3, "closing": 3}
"""How many instruction lines each fixed session has in the labels (`guide.fixed.<kind>.<n>`)."""


@dataclass(frozen=True)
class GuideContext:
    """Who, where and when: the parts of the guide that come from the workshop (or a bare programme)."""

    title: str
    place: str
    organiser: str
    dated: bool = True
    """False for a guide of a programme without a workshop: days are numbered, not dated."""
    team: Sequence[str] = ()
    trainees: Sequence[str] = ()
    questions: Sequence[Question] = ()
    pack_pages: Mapping[str, int] = field(default_factory=dict)
    """Page of each bookmark of the participant pack ('unit-FAK-4', 'material-FAK-4-scene-log')."""
    teach_back: Sequence[TeachBackSlot] = ()


def facilitator_guide(
    context: GuideContext,
    agenda: Agenda,
    catalogue: Catalogue,
    *,
    lang: str,
    paper: str = "a4",
    keywords: tuple[str, ...] = (),
    invariant: bool = False,
) -> bytes:
    """The guide in `lang` as PDF bytes."""
    styles = stylesheet(lang)
    width = frame_width(paper)
    programme = catalogue.programmes.get(agenda.programme)
    flow = _cover(context, agenda, styles, lang)
    flow += _sessions(context, agenda, catalogue, styles, lang=lang, width=width)
    if programme is not None and programme.trains_trainers:
        titles = {u.id: u.text("title", lang)[0] for u in catalogue.units.values()}
        flow += teach_back_section(
            context.teach_back, context.trainees, styles, lang, width, dated=context.dated, titles=titles
        )
        flow += rubric_section(_rubric(programme, catalogue), context.trainees, styles, lang, width)
    flow += forms.section("key", label("key.title", lang), styles)
    flow.append(styles.p(label("key.warning", lang), styles.h3))
    flow += key_flowables(printed(context.questions, lang), catalogue.units, styles, lang, width)
    info = DocumentInfo(
        title=label("guide.meta.title", lang, title=context.title, place=context.place),
        subject=label("guide.title", lang),
        author=plain(context.organiser) or "tiptrain",
        lang=lang,
        keywords=keywords,
    )
    furniture = Furniture(
        header_start=context.title, header_end=label("guide.title", lang), footer_start=plain(context.organiser)
    )
    return build_pdf(flow, info=info, styles=styles, paper=paper, furniture=furniture, invariant=invariant)


def _cover(context: GuideContext, agenda: Agenda, styles: Styles, lang: str) -> list[Flowable]:
    """Title page: what the guide is for, the workshop, the team, and how the guide is laid out."""
    flow: list[Flowable] = [
        Bookmark("guide", label("guide.title", lang)),
        styles.p(label("guide.title", lang).upper(), styles.cover_kicker),
        styles.p(context.title, styles.cover_title),
        styles.p(context.place, styles.cover_subtitle),
    ]
    if context.dated and agenda.days:
        first, last = agenda.days[0].date, agenda.days[-1].date
        flow.append(styles.p(f"{full_date(first, lang)} – {full_date(last, lang)}", styles.cover_subtitle))
    if context.team:
        team = label("list.separator", lang).join(plain(name) for name in context.team)
        flow.append(styles.p(label("guide.team", lang, team=team), styles.cover_meta))
    flow += [Spacer(1, 12), styles.p(label("guide.confidential", lang), styles.h3)]
    flow += forms.bullets([label(f"guide.howto.{n}", lang) for n in range(1, 5)], styles)
    flow.append(styles.p(label("pack.agenda.intro", lang, tz=agenda.tz), styles.muted))
    return flow


def _sessions(
    context: GuideContext, agenda: Agenda, catalogue: Catalogue, styles: Styles, *, lang: str, width: float
) -> list[Flowable]:
    """Every session of every day; a unit's full guidance comes with its first part."""
    flow: list[Flowable] = []
    seen: set[str] = set()
    times = {u: activity_times(agenda, catalogue.units[u]) for u in _unit_ids(agenda) if u in catalogue.units}
    programme = catalogue.programmes.get(agenda.programme)
    for number, day in enumerate(agenda.days, start=1):
        heading = _day_heading(number, day.date, lang, context.dated)
        flow += [PageBreak(), Bookmark(f"day-{number}", heading), styles.p(heading, styles.h1)]
        previous = day.sessions[0].start if day.sessions else None
        for session in day.sessions:
            flow += _free_time(previous, session.start, styles, lang)
            previous = session.end
            if session.kind in ("break", "lunch"):
                flow.append(
                    styles.p(_when(session, lang) + " · " + label(f"session.{session.kind}", lang), styles.muted)
                )
            elif session.unit and session.unit in catalogue.units:
                unit = catalogue.units[session.unit]
                first = unit.id not in seen
                seen.add(unit.id)
                steps = [
                    t for t in times.get(unit.id, []) if t.day == day.date and session.start <= t.start < session.end
                ]
                flow += _unit_session(
                    session,
                    unit,
                    steps,
                    first=first,
                    context=context,
                    catalogue=catalogue,
                    styles=styles,
                    lang=lang,
                    width=width,
                )
            else:
                flow += _fixed_session(session, styles, lang)
        if programme is not None and previous is not None:
            flow += _free_time(previous, programme.day.end, styles, lang)
    return flow


def _free_time(start: time | None, end: time, styles: Styles, lang: str) -> list[Flowable]:
    """A line for minutes the agenda leaves free (a unit kept whole rather than cut), when there are any."""
    if start is None or end <= start:
        return []
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    when = f"{clock(start, lang)}–{clock(end, lang)} ({label('duration.m', lang, minutes=minutes)})"
    return [styles.p(f"{when} · {label('guide.buffer', lang)}", styles.muted)]


def _fixed_session(session: Session, styles: Styles, lang: str) -> list[Flowable]:
    heading = f"{_when(session, lang)} · {label(f'session.{session.kind}', lang)}"
    lines = [label(f"guide.fixed.{session.kind}.{n}", lang) for n in range(1, FIXED_STEPS.get(session.kind, 0) + 1)]
    return [KeepTogether([styles.p(heading, styles.h2), *forms.bullets(lines, styles)])]


def _unit_session(
    session: Session,
    unit: Unit,
    steps: Sequence[Timed],
    *,
    first: bool,
    context: GuideContext,
    catalogue: Catalogue,
    styles: Styles,
    lang: str,
    width: float,
) -> list[Flowable]:
    """One session of a unit: heading, then (first part only) objectives and preparation, then its steps."""
    title = label("session.unit", lang, unit=unit.id, title=marked_title(unit.text("title", lang)[0], unit, lang))
    if session.parts:
        title = label("session.part", lang, title=title, part=session.part, parts=session.parts)
    heading = f"{_when(session, lang)} · {title}"
    flow: list[Flowable] = [Bookmark(f"guide-{unit.id}-{session.part or 1}", heading, 1), styles.p(heading, styles.h2)]
    notes = unit.facilitation
    if first:
        objectives = local_list(unit.objectives, lang)
        head = [*flow, styles.p(label("handout.objectives", lang), styles.h3), *forms.bullets(objectives, styles)]
        flow = [KeepTogether(head)]  # never a heading alone at the foot of a page
        prepare = local_list(notes.prepare, lang) if notes and notes.prepare else []
        prepare += _to_print(unit, catalogue, context.pack_pages, lang)
        flow += [styles.p(label("guide.prepare", lang), styles.h3), *forms.bullets(prepare, styles)]
    elif session.part:
        flow.append(styles.p(label("guide.continues", lang, part=session.part - 1), styles.muted))
    table = [
        styles.p(label("guide.steps", lang), styles.h3),
        _steps_table(unit, steps, catalogue, styles, lang=lang, width=width),
    ]
    flow = [*flow, *table] if first else [KeepTogether([*flow, *table])]
    if session.part in (None, session.parts):
        if notes and notes.questions:
            flow += [styles.p(label("guide.questions", lang), styles.h3)]
            flow += forms.bullets(local_list(notes.questions, lang), styles)
        if notes and notes.difficulties:
            flow += [styles.p(label("guide.difficulties", lang), styles.h3)]
            flow += forms.bullets(local_list(notes.difficulties, lang), styles)
    if first:
        for material in catalogue.materials_of(unit, "trainer"):
            flow += material_block(material, styles, lang, width)
    return [*flow, Spacer(1, 6)]


def _steps_table(
    unit: Unit, steps: Sequence[Timed], catalogue: Catalogue, styles: Styles, *, lang: str, width: float
) -> Flowable:
    """Clock times, minutes, kind and instruction of each activity in this session, with the materials it uses."""
    rows: list[list[object]] = []
    for step in steps:
        activity = unit.activities[step.index]
        text = local(activity.description, lang)[0]
        used = [material_heading(catalogue.materials[m], lang) for m in activity.materials if m in catalogue.materials]
        cell = (
            styles.p(text, styles.cell)
            if not used
            else [styles.p(text, styles.cell), styles.p("→ " + "; ".join(used), styles.cell_small)]
        )
        rows.append(
            [
                f"{clock(step.start, lang)}–{clock(step.end, lang)}",
                label("duration.m", lang, minutes=activity.minutes),
                label(f"activity.{activity.kind}", lang),
                cell,
            ]
        )
    header = [
        label("agenda.time", lang),
        label("handout.time", lang),
        label("handout.activity", lang),
        label("guide.instruction", lang),
    ]
    return data_table(header, rows, [1.6, 1, 1.5, 6], styles, available=width)


def _to_print(unit: Unit, catalogue: Catalogue, pages: Mapping[str, int], lang: str) -> list[str]:
    """'Print for each participant: Scene log (pack, page 14)': where the participant materials are."""
    lines: list[str] = []
    handout = pages.get(f"unit-{unit.id}")
    if handout:
        lines.append(label("guide.where.handout", lang, page=handout))
    for material in catalogue.materials_of(unit, "participant"):
        page = pages.get(f"material-{material.id}")
        where = label("guide.where.page", lang, page=page) if page else label("guide.where.pack", lang)
        lines.append(label("guide.print", lang, material=material_heading(material, lang), where=where))
    return lines


def _rubric(programme: Programme, catalogue: Catalogue) -> Material | None:
    """The trainer's checklist that the teach-back rounds use: the assessment rubric (None without one)."""
    found = [
        catalogue.materials[material]
        for unit_id in programme.units
        if unit_id in catalogue.units
        for activity in catalogue.units[unit_id].activities
        if activity.teach_back
        for material in activity.materials
        if material in catalogue.materials and catalogue.materials[material].audience == "trainer"
    ]
    return found[0] if found else None


def local_list(values: Mapping[Any, list[str]] | None, lang: str) -> list[str]:
    """The list in `lang`, else in English with the English mark on its first line."""
    if not values:
        return []
    if lang in values:
        return list(values[lang])
    english = list(values["en"])
    return [f"{english[0]} {label('fallback.mark', lang)}", *english[1:]] if english and lang != "en" else english


def _when(session: Session, lang: str) -> str:
    minutes = (session.end.hour * 60 + session.end.minute) - (session.start.hour * 60 + session.start.minute)
    return f"{clock(session.start, lang)}–{clock(session.end, lang)} ({label('duration.m', lang, minutes=minutes)})"


def _day_heading(number: int, day: date, lang: str, dated: bool) -> str:
    if dated:
        return label("agenda.day_heading", lang, day=number, date=full_date(day, lang))
    return label("guide.day", lang, day=number)


def _unit_ids(agenda: Agenda) -> list[str]:
    return list(dict.fromkeys(s.unit for day in agenda.days for s in day.sessions if s.unit))
