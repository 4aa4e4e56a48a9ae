"""The participant pack, with "page x of y", an outline and the document's language.

Cover, practical information, agenda, one handout per unit, indicator checklist, evaluation form, pre- and
post-test, notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from curriculum.agenda import Agenda, AgendaDay, Session
from curriculum.models import Catalogue, Programme, Question, Unit
from exports.evaluation import OVERALL, form_lines
from exports.formats import clock, country_name, date_range, full_date, language_name, percent
from exports.formats import number as decimal
from exports.labels import label
from exports.pdf import forms, quiz
from exports.pdf.page import Bookmark, DocumentInfo, Furniture, build_pdf, frame_width
from exports.pdf.shaped import Span
from exports.pdf.styles import ACCENT, MARGIN, MUTED, PRIMARY, Styles, page_size, stylesheet
from exports.pdf.tables import data_table, key_value_table
from exports.provenance import DRAFT_TRANSLATION
from exports.provenance import marks as provenance_marks
from exports.text import plain
from scheduler.models import Workshop


def participant_pack(
    workshop: Workshop,
    agenda: Agenda,
    catalogue: Catalogue,
    *,
    lang: str,
    paper: str = "a4",
    partner: str | None = None,
    organiser: str,
    team: Sequence[str] = (),
    threshold: float = 0.8,
    questions: Sequence[Question] = (),
    invariant: bool = False,
) -> bytes:
    """The pack every participant gets, in `lang`, on A4 or US Letter.

    `team` holds the trainers' names; `threshold` is the share of days that earns a certificate;
    `questions` are the programme's pre- and post-test (`curriculum.questions.programme_test`), given by
    the caller so that the pack and the answer key print the same test. Unit text missing in `lang` is
    printed in English and marked so.
    """
    styles = stylesheet(lang)
    units = _units(agenda, catalogue)
    programme = catalogue.programmes.get(agenda.programme)
    title = plain(agenda.title)
    place = label("place", lang, city=plain(workshop.city), country=country_name(workshop.country, lang))
    width = frame_width(paper)
    height = page_size(paper)[1] - 2 * MARGIN
    flow: list[Flowable] = []
    summary, about = _about(programme, lang)
    flow += cover(
        title, place, workshop, styles, lang, partner=partner, organiser=organiser, summary=summary, about=about
    )
    flow += provenance(styles, lang, organiser=organiser)
    flow += practical(
        workshop, agenda, styles, lang, width, team=team, partner=partner, organiser=organiser, threshold=threshold
    )
    flow += agenda_section(agenda, styles, lang, width, units=catalogue.units)
    flow += forms.section("handouts", label("pack.handouts", lang), styles, heading=False)
    for number, unit in enumerate(units):
        flow += handout(unit, styles, lang, width, first=number == 0)
    flow += forms.checklist(styles, lang, width)
    lines = form_lines(programme) if programme else [*(u.id for u in units), OVERALL]
    flow += forms.evaluation(lines, catalogue.units, styles, lang, width)
    minutes = (programme.day.pre_test_minutes, programme.day.post_test_minutes) if programme else (20, 20)
    draft = any(unit.translation == "draft" for unit in units)
    flow += quiz.quiz_pages(questions, minutes, styles, lang=lang, available=width, draft=draft)
    flow += forms.notes_page(styles, lang, width, height)
    info = DocumentInfo(
        title=label("pack.meta.title", lang, title=title, place=place),
        subject=label("pack.meta.subject", lang, dates=date_range(workshop.start, workshop.end, lang)),
        author=plain(organiser),
        lang=lang,
        keywords=(workshop.id, agenda.programme),
    )
    furniture = Furniture(header_start=title, header_end=place, footer_start=plain(organiser), skip_first=True)
    return build_pdf(flow, info=info, styles=styles, paper=paper, furniture=furniture, invariant=invariant)


def cover(
    title: str,
    place: str,
    workshop: Workshop,
    styles: Styles,
    lang: str,
    *,
    partner: str | None,
    organiser: str,
    summary: str | None = None,
    about: str | None = None,
) -> list[Flowable]:
    """Programme title, host city and country, dates, language, partner and organiser; the programme's aim."""
    flow: list[Flowable] = [
        Bookmark("cover", label("pack.cover", lang)),
        Rule(5, PRIMARY),
        Spacer(1, 70),
        styles.p(label("pack.kicker", lang).upper(), styles.cover_kicker),
        styles.p(title, styles.cover_title),
        styles.p(place, styles.cover_subtitle),
        styles.p(date_range(workshop.start, workshop.end, lang), styles.cover_subtitle),
        Spacer(1, 18),
        Rule(1.2, ACCENT, 0.25, at_end=styles.rtl),
        Spacer(1, 14),
        styles.p(label("pack.language", lang, language=language_name(workshop.language, lang)), styles.cover_meta),
    ]
    if partner and plain(partner):
        flow.append(styles.p(label("pack.partner", lang, partner=plain(partner)), styles.cover_meta))
    flow.append(styles.p(label("pack.organiser", lang, organiser=plain(organiser)), styles.cover_meta))
    if summary:
        flow += [Spacer(1, 36), styles.p(about or label("pack.about", lang), styles.h3), styles.p(summary)]
    return flow


def provenance(styles: Styles, lang: str, *, organiser: str) -> list[Flowable]:
    """The cover's last block: where the pack comes from and what its marks mean.

    It names the two UNODC publications the pack is built on, says the programme prepared it (it is not
    a UNODC text) and explains the working-title and draft-translation marks.
    """
    note = styles.muted
    return [
        Spacer(1, 18),
        KeepTogether(
            [
                styles.p(label("pack.provenance.title", lang), styles.h3),
                styles.p(label("pack.provenance.sources", lang), note),
                styles.p(label("pack.provenance.issuer", lang, organiser=plain(organiser)), note),
                styles.p(label("pack.provenance.marks", lang), note),
            ]
        ),
    ]


def practical(
    workshop: Workshop,
    agenda: Agenda,
    styles: Styles,
    lang: str,
    width: float,
    *,
    team: Sequence[str],
    partner: str | None,
    organiser: str,
    threshold: float,
) -> list[Flowable]:
    """Dates, place, daily hours, language, team and partner; then what participants should know."""
    flow = forms.section("practical", label("pack.practical", lang), styles)
    days = len(agenda.days) or len(workshop.days)
    pairs: list[tuple[str, str | None]] = [
        (
            label("field.dates", lang),
            label("dates.with_count", lang, count=days, range=date_range(workshop.start, workshop.end, lang)),
        ),
        (
            label("field.place", lang),
            label("place", lang, city=plain(workshop.city), country=country_name(workshop.country, lang)),
        ),
        (label("field.hours", lang), _hours(agenda, lang)),
        (label("field.timezone", lang), agenda.tz),
        (label("field.language", lang), language_name(workshop.language, lang)),
    ]
    if team:
        pairs.append((label("field.team", lang), label("list.separator", lang).join(plain(name) for name in team)))
    if partner and plain(partner):
        pairs.append((label("field.partner", lang), plain(partner)))
    pairs.append((label("field.organiser", lang), plain(organiser)))
    flow.append(key_value_table(pairs, styles, available=width))
    flow.append(styles.p(label("pack.know", lang), styles.h2))
    needed = _days_needed(threshold, days)
    notes = [
        label("pack.know.sign", lang),
        label("pack.know.certificate", lang, share=percent(threshold, lang), needed=needed, days=days),
        label("pack.know.id", lang),
        label("pack.know.phones", lang),
        label("pack.know.confidential", lang),
        label("pack.know.needs", lang),
    ]
    flow += forms.bullets(notes, styles)
    return flow


def agenda_section(
    agenda: Agenda, styles: Styles, lang: str, width: float, *, units: Mapping[str, Unit] | None = None
) -> list[Flowable]:
    """One table per day: clock times and sessions, pauses shaded; each day kept on one page when it fits.

    Sessions of `units` that have a working title or a draft translation carry the marks saying so.
    """
    flow = forms.section("agenda", label("pack.agenda", lang), styles)
    flow.append(styles.p(label("pack.agenda.intro", lang, tz=agenda.tz), styles.muted))
    for index, day in enumerate(agenda.days, start=1):
        heading = label("agenda.day_heading", lang, day=index, date=full_date(day.date, lang))
        flow.append(
            KeepTogether(
                [
                    Bookmark(f"agenda-day-{index}", heading, level=1),
                    styles.p(heading, styles.h2),
                    _day_table(day, styles, lang, width, units or {}),
                ]
            )
        )
    return flow


def _day_table(day: AgendaDay, styles: Styles, lang: str, width: float, units: Mapping[str, Unit]) -> Table:
    rows: list[list[object]] = []
    pauses: list[int] = []
    for number, session in enumerate(day.sessions):
        if session.kind in ("break", "lunch"):
            pauses.append(number)
        cell = _session_cell(session, styles, lang, units.get(session.unit or ""))
        rows.append([f"{clock(session.start, lang)}–{clock(session.end, lang)}", cell])
    header = [label("agenda.time", lang), label("agenda.session", lang)]
    return data_table(
        header,
        rows,
        [1.3, 6],
        styles,
        available=width,
        zebra=False,
        shaded_rows=pauses,
    )


def _session_cell(session: Session, styles: Styles, lang: str, unit: Unit | None = None) -> Flowable:
    if not session.unit:
        style = styles.cell if session.kind not in ("break", "lunch") else styles.muted
        return styles.p(label(f"session.{session.kind}", lang), style)
    title = label("session.unit", lang, unit=session.unit, title=plain(session.title))
    if session.parts:
        title = label("session.part", lang, title=title, part=session.part, parts=session.parts)
    spans = [Span(title)]
    notes = [label("fallback.mark", lang)] if session.fallback else []
    if unit is not None and provenance_marks(unit, lang):
        notes.append(provenance_marks(unit, lang))
    spans += [Span("  " + note, size=7.5, color=MUTED) for note in notes]
    return styles.rich(spans, styles.cell)


def handout(unit: Unit, styles: Styles, lang: str, width: float, *, first: bool = False) -> list[Flowable]:
    """A unit's page: title, duration, summary, objectives, key points and activities."""
    title, title_fallback = unit.text("title", lang)
    summary, summary_fallback = unit.text("summary", lang)
    objectives, objectives_fallback = _local_list(unit.objectives, lang)
    points, points_fallback = _local_list(unit.key_points, lang)
    heading = label("session.unit", lang, unit=unit.id, title=plain(title))
    flow = forms.section(f"unit-{unit.id}", heading, styles, new_page=not first, level=1)
    if provenance_marks(unit, lang):
        flow.append(styles.p(provenance_marks(unit, lang), styles.muted))
    flow.append(
        styles.p(
            label(
                "handout.meta",
                lang,
                count=len(unit.activities),
                duration=duration(unit.minutes, lang),
                activities=decimal(len(unit.activities), lang),
            ),
            styles.muted,
        )
    )
    flow.append(styles.p(summary))
    flow.append(styles.p(label("handout.objectives", lang), styles.h2))
    flow.append(styles.p(label("handout.objectives.lead", lang)))
    flow += forms.bullets(objectives, styles)
    flow.append(styles.p(label("handout.key_points", lang), styles.h2))
    flow += forms.bullets(points, styles)
    flow.append(styles.p(label("handout.activities", lang), styles.h2))
    rows = [
        [
            label(f"activity.{a.kind}", lang),
            label("duration.m", lang, minutes=a.minutes),
            _local(a.description, lang)[0],
        ]
        for a in unit.activities
    ]
    header = [label("handout.activity", lang), label("handout.time", lang), label("handout.what", lang)]
    flow.append(data_table(header, rows, [1.5, 1, 6], styles, available=width))
    activity_fallback = any(_local(a.description, lang)[1] for a in unit.activities)
    if title_fallback or summary_fallback or objectives_fallback or points_fallback or activity_fallback:
        flow += [Spacer(1, 8), styles.p(label("fallback.english", lang), styles.muted)]
    return flow


def duration(minutes: int, lang: str) -> str:
    """'2 h 30 min', '45 min', '2 h'."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return label("duration.hm", lang, hours=hours, minutes=rest)
    return label("duration.h", lang, hours=hours) if hours else label("duration.m", lang, minutes=rest)


class Rule(Flowable):
    """A horizontal rule of a given thickness and colour across a share of the frame width.

    A short rule starts at the left edge, or at the right one with `at_end` (a right-to-left page).
    """

    def __init__(self, thickness: float, color: object, share: float = 1.0, *, at_end: bool = False) -> None:
        super().__init__()
        self.thickness, self.color, self.share, self.at_end = thickness, color, share, at_end
        self.line_width = self.frame_width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        del available_height
        self.frame_width = available_width
        self.line_width = available_width * self.share
        return available_width, self.thickness

    def draw(self) -> None:
        self.canv.setFillColor(self.color)
        x = self.frame_width - self.line_width if self.at_end else 0
        self.canv.rect(x, 0, self.line_width, self.thickness, stroke=0, fill=1)


def _about(programme: Programme | None, lang: str) -> tuple[str | None, str]:
    """The programme's summary in `lang` (or English) and its heading, marked when it is a draft translation."""
    if programme is None or not programme.summary:
        return None, label("pack.about", lang)
    summary, fallback = _local(programme.summary, lang)
    draft = not fallback and lang != "en" and programme.translation == "draft"
    return summary, label("pack.about", lang) + (" " + label(DRAFT_TRANSLATION, lang) if draft else "")


def _units(agenda: Agenda, catalogue: Catalogue) -> list[Unit]:
    """The agenda's units in teaching order, each once."""
    ids = dict.fromkeys(s.unit for day in agenda.days for s in day.sessions if s.unit)
    return [catalogue.unit(unit_id) for unit_id in ids if unit_id]


def _hours(agenda: Agenda, lang: str) -> str:
    """'09:00–17:00': the earliest start and latest end, with a pointer to the agenda when days differ."""
    spans = {(day.sessions[0].start, max(s.end for s in day.sessions)) for day in agenda.days if day.sessions}
    if not spans:
        return "-"
    first, last = min(start for start, _ in spans), max(end for _, end in spans)
    text = f"{clock(first, lang)}–{clock(last, lang)}"
    return text if len(spans) == 1 else label("pack.hours.vary", lang, hours=text)


def _days_needed(threshold: float, days: int) -> int:
    """Fewest days present that reach the threshold (4 of 5 at 80 %)."""
    return next(n for n in range(days + 1) if n >= threshold * days - 1e-9)


def _local(values: Mapping[Any, str], lang: str) -> tuple[str, bool]:
    return (values[lang], False) if lang in values else (values["en"], lang != "en")


def _local_list(values: Mapping[Any, list[str]], lang: str) -> tuple[list[str], bool]:
    return (values[lang], False) if lang in values else (values["en"], lang != "en")
