"""Re-staffing confirmed workshops whose trainer has become unavailable.

A confirmed workshop never moves (hosts have booked rooms and invited people), so when one of its trainers is
away during it (travel days included), the only remedy the planner may apply is to swap that trainer for
another who could have been chosen in the first place: the same slot's expertise, the workshop's language
unless it is interpreted, free on the whole span including travel days, not away or unavailable, and still
under `max_workshops`. When nobody qualifies, the workshop is reported as a conflict naming the trainer and the
days, so a person decides; it is never changed silently. Delivered workshops are history and are left alone.

Candidates are tried in a fixed order (the fewest workshops first, then id), so the same register gives the
same choice. A trainer free of every other workshop is preferred; failing that, one free of confirmed and
delivered workshops, whose planned workshops the re-plan then moves or re-staffs around the new duty.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from curriculum.models import Programme
from scheduler.models import Trainer, Workshop
from scheduler.problem import FIXED_STATUSES, PlanningProblem, has_team, span_of, travel_days

Absence = tuple[str, date, date]
"""A trainer id and the first and last day the trainer cannot work (as in `PlanningProblem.away`)."""


class Restaffed(BaseModel):
    """A confirmed workshop whose team changed because a trainer is away; `reason` goes into its history."""

    model_config = ConfigDict(frozen=True)

    workshop: str
    before: Workshop
    after: Workshop
    reason: str


class Conflict(BaseModel):
    """A confirmed workshop that keeps an absent trainer because nobody qualifies to take the place."""

    model_config = ConfigDict(frozen=True)

    workshop: str
    trainer: str
    first: date
    last: date
    expertise: str
    reason: str

    def line(self) -> str:
        """The line a coordinator reads: which workshop, who, which days, and why nobody replaces them."""
        return f"CONFLICT {self.workshop}: {self.trainer} away {self.first}..{self.last}; {self.reason}"


class Restaffing(BaseModel):
    """What re-staffing decided: the workshops whose team changed and the conflicts left to a person."""

    model_config = ConfigDict(frozen=True)

    restaffed: list[Restaffed] = []
    conflicts: list[Conflict] = []


@dataclasses.dataclass(frozen=True)
class _Pool:
    """The facts every choice needs: trainers by id, absences by trainer, the period for counting load."""

    trainers: Mapping[str, Trainer]
    away: Mapping[str, list[tuple[date, date]]]
    period: tuple[date, date]


def _overlaps(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def trainer_span(workshop: Workshop, trainer: Trainer) -> tuple[date, date]:
    """The days the trainer is taken by the workshop, travel included (SPEC 4)."""
    return span_of(workshop.start, len(workshop.days) or 1, travel_days(trainer, workshop.country))


def _absences_met(pool: _Pool, workshop: Workshop, trainer_id: str) -> list[tuple[date, date]]:
    """The trainer's absences (command line or recorded) that share a day with their span for the workshop."""
    trainer = pool.trainers.get(trainer_id)
    if trainer is None:
        return []
    span = trainer_span(workshop, trainer)
    return [absence for absence in pool.away.get(trainer_id, []) if _overlaps(absence, span)]


def _is_free(pool: _Pool, trainer: Trainer, workshop: Workshop, others: Sequence[Workshop]) -> bool:
    """No unavailable range, absence or other workshop of the trainer meets the span (travel on both sides)."""
    span = trainer_span(workshop, trainer)
    blocked = [(r.first, r.last) for r in trainer.unavailable] + pool.away.get(trainer.id, [])
    blocked += [trainer_span(other, trainer) for other in others if trainer.id in other.trainers]
    return not any(_overlaps(span, block) for block in blocked)


def _load(pool: _Pool, trainer_id: str, others: Sequence[Workshop]) -> int:
    """How many workshops of the period the trainer already holds."""
    first, last = pool.period
    return sum(trainer_id in w.trainers and w.start <= last and w.end >= first for w in others)


def _qualifies(trainer: Trainer, workshop: Workshop, expertise: str, interpreted: bool) -> bool:
    """Whether the trainer could take a place of the workshop: the expertise, its language, not in it already.

    The workshop's own language counts (what the host agreed to), not its request's, which may have changed.
    """
    speaks = interpreted or workshop.language in trainer.languages
    return expertise in trainer.expertise and speaks and trainer.id not in workshop.trainers


def _options(
    pool: _Pool, workshop: Workshop, expertise: str, interpreted: bool, others: Sequence[Workshop]
) -> list[str]:
    """Qualified, free trainers under their limit for one place, in preference order (fewest workshops, id)."""
    found = [
        t.id
        for t in pool.trainers.values()
        if _qualifies(t, workshop, expertise, interpreted)
        and _load(pool, t.id, others) < t.max_workshops
        and _is_free(pool, t, workshop, others)
    ]
    return sorted(found, key=lambda t: (_load(pool, t, others), t))


def _choose(options: Sequence[Sequence[str]]) -> list[str | None]:
    """One distinct trainer per place, first preferences first, keeping every later place fillable if it can be."""
    chosen: list[str | None] = []
    for index, mine in enumerate(options):
        taken = {t for t in chosen if t is not None}
        later = [[t for t in rest if t not in taken] for rest in options[index + 1 :] if rest]
        free = [t for t in mine if t not in taken]
        keeps = [t for t in free if has_team([[u for u in rest if u != t] for rest in later])]
        chosen.append(next(iter(keeps or free), None))
    return chosen


def _why_nobody(pool: _Pool, workshop: Workshop, expertise: str, interpreted: bool) -> str:
    """Why no one can take the place: nobody with the skills at all, or everyone with them is taken."""
    language = "" if interpreted else f" who speaks {workshop.language}"
    skilled = [t.id for t in pool.trainers.values() if _qualifies(t, workshop, expertise, interpreted)]
    if not skilled:
        return f"no other trainer with {expertise} expertise{language}"
    return (
        f"every other trainer with {expertise} expertise{language} ({', '.join(skilled)}) is busy, away or at "
        f"their workshop limit on {workshop.start}..{workshop.end} (travel days included)"
    )


def _restaff_one(
    pool: _Pool, workshop: Workshop, slots: Sequence[str], interpreted: bool, others: Sequence[Workshop]
) -> tuple[Workshop, list[str], list[Conflict]]:
    """The workshop with every absent trainer it can replace replaced, the history phrases, and the conflicts."""
    hit = [(i, t, _absences_met(pool, workshop, t)) for i, t in enumerate(workshop.trainers)]
    hit = [(i, t, met) for i, t, met in hit if met and i < len(slots)]
    options = [_options(pool, workshop, slots[i], interpreted, others) for i, _, _ in hit]
    team = list(workshop.trainers)
    phrases: list[str] = []
    conflicts: list[Conflict] = []
    for (index, absent, met), replacement in zip(hit, _choose(options), strict=True):
        first, last = min(a for a, _ in met), max(b for _, b in met)
        if replacement is None:
            reason = _why_nobody(pool, workshop, slots[index], interpreted)
            conflicts.append(
                Conflict(
                    workshop=workshop.id, trainer=absent, first=first, last=last, expertise=slots[index], reason=reason
                )
            )
            continue
        team[index] = replacement
        phrases.append(f"{absent} away {first}..{last} -> {replacement}")
    return workshop.model_copy(update={"trainers": team}), phrases, conflicts


def restaff(problem: PlanningProblem) -> Restaffing:
    """Replace absent trainers on the confirmed workshops of `problem.locked` and `problem.previous`.

    Absences are `problem.away`. Workshops are handled by start, then id; each replacement counts as taken
    for the workshops handled after it.
    """
    pool = _Pool(
        trainers={t.id: t for t in sorted(problem.trainers, key=lambda t: t.id)},
        away=_by_trainer(problem.away),
        period=(problem.period.start, problem.period.end),
    )
    current = _current(problem)
    requests = {r.id: r for r in problem.requests}
    result = Restaffing()
    for workshop in sorted(current.values(), key=lambda w: (w.start, w.id)):
        programme = problem.programmes.get(workshop.programme)
        if workshop.status != "confirmed" or programme is None:
            continue
        request = requests.get(workshop.request)
        interpreted = request is not None and request.interpretation
        after = _restaff_tiers(pool, workshop, programme, interpreted, current)
        result = _merged(result, workshop, *after)
        current[workshop.id] = after[0]
    return result


def _restaff_tiers(
    pool: _Pool, workshop: Workshop, programme: Programme, interpreted: bool, current: Mapping[str, Workshop]
) -> tuple[Workshop, list[str], list[Conflict]]:
    """Try replacements free of every other workshop; for places still open, free of locked ones only."""
    others = [w for w in current.values() if w.id != workshop.id and w.status in FIXED_STATUSES]
    slots = programme.team_slots()
    first = _restaff_one(pool, workshop, slots, interpreted, others)
    if not first[2]:
        return first
    locked = [w for w in others if w.status != "planned"]
    second = _restaff_one(pool, first[0], slots, interpreted, locked)
    return second[0], first[1] + second[1], second[2]


def _merged(
    result: Restaffing, before: Workshop, after: Workshop, phrases: list[str], conflicts: list[Conflict]
) -> Restaffing:
    """The result with one workshop's outcome added."""
    restaffed = list(result.restaffed)
    if phrases:
        after = after.model_copy(update={"sequence": before.sequence + 1})
        reason = "re-staffed: " + "; ".join(phrases)
        restaffed.append(Restaffed(workshop=before.id, before=before, after=after, reason=reason))
    return Restaffing(restaffed=restaffed, conflicts=[*result.conflicts, *conflicts])


def _by_trainer(away: Iterable[Absence]) -> dict[str, list[tuple[date, date]]]:
    found: dict[str, list[tuple[date, date]]] = {}
    for trainer_id, first, last in away:
        found.setdefault(trainer_id, []).append((first, last))
    return {t: sorted(set(ranges)) for t, ranges in found.items()}


def _current(problem: PlanningProblem) -> dict[str, Workshop]:
    """Every workshop of the problem by id; a locked one wins over its copy in `previous`."""
    return {w.id: w for w in [*problem.previous, *problem.locked]}


def with_restaffed(problem: PlanningProblem, restaffing: Restaffing) -> PlanningProblem:
    """The problem whose locked workshops carry their new teams, so the solver plans around them.

    `previous` keeps the old teams, so a re-plan's diff lists the change as re-staffed.
    """
    new = {r.workshop: r.after for r in restaffing.restaffed}
    locked_ids = {w.id for w in problem.locked}
    locked = [new.get(w.id, w) for w in problem.locked]
    locked += [w for wid, w in new.items() if wid not in locked_ids]
    return dataclasses.replace(problem, locked=locked)
