"""An independent check of a finished plan against every hard rule of SPEC section 4.

It re-derives everything from the inputs with the calendar module and plain loops, sharing no code with the
model, so a mistake in the model or in the precomputation shows up here as a violation instead of agreeing
with itself. Tests run it on solver, greedy and re-plan output; the demo can run it on what it ships.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta

from scheduler.calendars import working_calendar
from scheduler.models import Plan, Trainer, Workshop
from scheduler.problem import PlanningProblem

Span = tuple[date, date, str]


def _overlap(a_first: date, a_last: date, b_first: date, b_last: date) -> bool:
    return a_first <= b_last and b_first <= a_last


def _span(workshop: Workshop, trainer: Trainer) -> tuple[date, date]:
    travel = 0 if trainer.home == workshop.country else trainer.travel_days
    return workshop.start - timedelta(days=travel), workshop.end + timedelta(days=travel)


def _calendar_violations(problem: PlanningProblem, workshop: Workshop) -> Iterator[str]:
    """Consecutive working days of the host country, inside window and period, of the programme's length."""
    request = next((r for r in problem.requests if r.id == workshop.request), None)
    if request is None:
        yield f"{workshop.id}: no request {workshop.request!r}"
        return
    programme = problem.programmes.get(request.programme)
    if programme is None:
        yield f"{workshop.id}: unknown programme {request.programme!r}"
        return
    days = workshop.days
    expected = [workshop.start + timedelta(days=i) for i in range(programme.days)]
    if days != expected or workshop.end != expected[-1]:
        shown = ", ".join(str(d) for d in days)
        yield f"{workshop.id}: days {shown} are not {programme.days} consecutive days from {workshop.start}"
        return
    period = problem.period
    first, last = max(request.window.earliest, period.start), min(request.window.latest, period.end)
    if workshop.start < first or workshop.end > last:
        yield f"{workshop.id}: {workshop.start} to {workshop.end} is outside its window or the period"
        return
    calendar = working_calendar(
        request.country, workshop.start, workshop.end, period.blackouts, avoid_ramadan="ramadan" in request.avoid
    )
    for day in days:
        if day not in calendar.working:
            yield f"{workshop.id}: {day} is not a working day in {request.country}"


def _team_violations(problem: PlanningProblem, workshop: Workshop, trainers: dict[str, Trainer]) -> Iterator[str]:
    """One distinct trainer per place, each with the place's expertise and the language (unless interpreted)."""
    request = next((r for r in problem.requests if r.id == workshop.request), None)
    programme = problem.programmes.get(request.programme) if request else None
    if request is None or programme is None:
        return
    slots = programme.team_slots()
    if len(workshop.trainers) != len(slots):
        yield f"{workshop.id}: {len(workshop.trainers)} trainers for {len(slots)} places"
    if len(set(workshop.trainers)) != len(workshop.trainers):
        yield f"{workshop.id}: a trainer fills two places"
    for slot, trainer_id in zip(slots, workshop.trainers, strict=False):
        trainer = trainers.get(trainer_id)
        if trainer is None:
            yield f"{workshop.id}: unknown trainer {trainer_id}"
            continue
        if slot not in trainer.expertise:
            yield f"{workshop.id}: {trainer_id} lacks {slot} expertise"
        if not request.interpretation and request.language not in trainer.languages:
            yield f"{workshop.id}: {trainer_id} does not speak {request.language}"


def _in_period(problem: PlanningProblem, workshop: Workshop) -> bool:
    return _overlap(workshop.start, workshop.end, problem.period.start, problem.period.end)


def _trainer_violations(problem: PlanningProblem, plan: Plan, trainers: dict[str, Trainer]) -> Iterator[str]:
    """Spans never overlap each other, an unavailable range or an away range; no one above max_workshops.

    Locked workshops the plan does not show (those of other periods) still take their trainers' days, so
    their spans join the check; only the period's workshops count towards max_workshops. What people
    already confirmed is not the plan's doing: a clash between two locked workshops, or of a locked one
    with an absence, is not the plan's violation (re-staffing those is another matter).
    """
    locked = {w.id for w in problem.locked}
    spans = _trainer_spans(problem, plan, trainers)
    counted = {w.id for w in [*plan.workshops, *problem.locked] if _in_period(problem, w)}
    away = [(t, first, last, "away") for t, first, last in problem.away]
    absences = away + [(t.id, r.first, r.last, "unavailable") for t in trainers.values() for r in t.unavailable]
    for trainer_id, taken in sorted(spans.items()):
        inside = sum(wid in counted for _, _, wid in taken)
        if inside > trainers[trainer_id].max_workshops and any(wid not in locked for _, _, wid in taken):
            yield f"{trainer_id}: {inside} workshops, above max_workshops {trainers[trainer_id].max_workshops}"
        for (a1, a2, a), (b1, b2, b) in itertools.combinations(sorted(taken), 2):
            if _overlap(a1, a2, b1, b2) and not {a, b} <= locked:
                yield f"{trainer_id}: spans of {a} and {b} overlap (travel included)"
        for who, first, last, why in absences:
            for s1, s2, wid in taken:
                if who == trainer_id and wid not in locked and _overlap(s1, s2, first, last):
                    yield f"{trainer_id}: {wid} meets an {why} range {first} to {last}"


def _trainer_spans(problem: PlanningProblem, plan: Plan, trainers: dict[str, Trainer]) -> dict[str, list[Span]]:
    """Per trainer, the spans (travel included) of the plan's workshops and of locked ones it does not show."""
    spans: dict[str, list[Span]] = {}
    shown = {w.id for w in plan.workshops}
    outside = [w for w in problem.locked if w.id not in shown and w.status != "cancelled"]
    for workshop in [*(w for w in plan.workshops if w.status != "cancelled"), *outside]:
        for trainer_id in dict.fromkeys(workshop.trainers):
            if trainer_id in trainers:
                spans.setdefault(trainer_id, []).append((*_span(workshop, trainers[trainer_id]), workshop.id))
    return spans


def _plan_violations(problem: PlanningProblem, plan: Plan) -> Iterator[str]:
    """The target, one workshop per request, dropped requests out, locked workshops unchanged.

    Only the period's locked workshops must appear in the plan; those of other periods are none of its
    business (they still block their trainers, see _trainer_violations).
    """
    period = problem.period
    active = [w for w in plan.workshops if w.status != "cancelled"]
    inside = [w for w in active if w.start <= period.end and w.end >= period.start]
    if len(inside) > period.target:
        yield f"{len(inside)} workshops, above the target of {period.target}"
    for request, group in itertools.groupby(sorted(w.request for w in active)):
        if len(list(group)) > 1:
            yield f"request {request} has several workshops"
    locked_ids = {w.id for w in problem.locked}
    for workshop in active:
        if workshop.request in problem.dropped:
            yield f"{workshop.id}: request {workshop.request} was dropped"
        expected = problem.workshop_ids.get(workshop.request, f"W-{workshop.request}")
        if workshop.id not in locked_ids and workshop.id != expected:
            yield f"{workshop.id}: id should be {expected}"
    planned = {w.id: w for w in plan.workshops}
    for locked in problem.locked:
        if locked.status == "cancelled" or not _in_period(problem, locked):
            continue
        found = planned.get(locked.id)
        if found is None or (found.start, found.days, found.trainers) != (locked.start, locked.days, locked.trainers):
            yield f"{locked.id}: a {locked.status} workshop moved, changed team or went missing"


def violations(problem: PlanningProblem, plan: Plan) -> list[str]:
    """Every hard rule a plan breaks, one line each; an empty list means the plan is valid."""
    trainers = {t.id: t for t in problem.trainers}
    locked = {w.id for w in problem.locked}
    found = list(_plan_violations(problem, plan))
    for workshop in plan.workshops:
        if workshop.id in locked or workshop.status == "cancelled":
            continue
        found += _calendar_violations(problem, workshop)
        found += _team_violations(problem, workshop, trainers)
    found += _trainer_violations(problem, plan, trainers)
    return found
