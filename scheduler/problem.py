"""The planning problem, and everything about it that can be worked out before any search.

The solver, the greedy baseline, the explanations and the checker all need the same facts: on which days each
request may start in its host country, which trainers could fill each place of its team, how many travel days
each of them needs to get there, and which starts each trainer cannot take because an unavailable range, an
`away` range or a locked workshop is in the way. Computing them once, here, keeps the four in agreement and
keeps the CP-SAT model small: a start on which no full team is free never becomes a variable.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from curriculum.models import Programme
from scheduler.calendars import REASONS, valid_starts, working_calendar
from scheduler.hard_rules import check_switches
from scheduler.models import Period, PeriodSummary, Plan, Request, SolverInfo, Trainer, Workshop
from scheduler.statuses import ACTIVE_STATUSES

BlockReason = Literal["unavailable", "away", "workshop"]
FIXED_STATUSES = frozenset(ACTIVE_STATUSES)
"""Statuses of a locked workshop that still hold its trainers; a cancelled one frees them."""


@dataclass(frozen=True)
class PlanningProblem:
    """Everything a period plan is made from: the period, the pool, the requests and what may not change.

    `locked` workshops (confirmed or delivered) never move and keep their trainers busy; `previous` is the
    current plan, which re-planning changes as little as it can; `away` adds trainer absences given on the
    command line (trainer id, first day, last day); `dropped` requests are left out on the coordinator's word.

    `disabled` names HARD_RULES that neither the precomputation nor the model applies. Only tests set it, to
    show through the plan that each rule binds: a filter here that already drops a case would otherwise let a
    rule's test pass with the rule gone. `unfiltered` names MODEL_BACKED rules whose precomputed filter alone
    is off, to show that the model keeps them by itself. Both empty, the default: the planner users run.

    `workshop_ids` names the workshop of a request where it is not W-{request} (an earlier period's workshop
    already has that id, see tiptrain.planning).
    """

    period: Period
    trainers: Sequence[Trainer]
    requests: Sequence[Request]
    programmes: Mapping[str, Programme]
    locked: Sequence[Workshop] = ()
    previous: Sequence[Workshop] = ()
    away: Sequence[tuple[str, date, date]] = ()
    dropped: AbstractSet[str] = frozenset()
    workshop_ids: Mapping[str, str] = field(default_factory=dict)
    disabled: AbstractSet[str] = frozenset()
    unfiltered: AbstractSet[str] = frozenset()
    max_gap_days: int = 6
    """`[planning] max_gap_days`: at most this many days between two workshops and the trainer flies on."""
    km_per_preferred_day: int = 1000
    """`[planning] km_per_preferred_day`: the km one day off a preferred start weighs in the objective."""

    def __post_init__(self) -> None:
        check_switches(self.disabled, self.unfiltered)

    def filters_off(self) -> frozenset[str]:
        """Rules whose precomputed filter is not applied: those switched off and those left to the model."""
        return frozenset(self.disabled) | frozenset(self.unfiltered)


@dataclass(frozen=True)
class Block:
    """Days in which a trainer may have no workshop span: an absence or a locked workshop's span."""

    first: date
    last: date
    reason: BlockReason
    workshop: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A request that may be planned, with its possible starts and who could fill each place in its team.

    `starts` are the calendar's valid starts (working days only, inside window and period); `busy` holds, for
    each qualified trainer who has any, the starts that trainer cannot take (a block meets the span);
    `team_starts` are the starts on which a full team of distinct, free trainers exists.
    """

    request: Request
    programme: Programme
    workshop_id: str
    tz: str | None
    starts: tuple[date, ...]
    slots: tuple[str, ...]
    qualified: tuple[tuple[str, ...], ...]
    travel: Mapping[str, int]
    busy: Mapping[str, frozenset[date]]
    team_starts: tuple[date, ...]

    @property
    def days(self) -> int:
        return self.programme.days

    def trainers(self) -> list[str]:
        """Every trainer who qualifies for at least one place in the team, in id order."""
        return sorted({t for slot in self.qualified for t in slot})

    def free(self, trainer: str, start: date) -> bool:
        """Whether the trainer's span for a workshop starting on `start` misses all of the trainer's blocks."""
        return start not in self.busy.get(trainer, frozenset())

    def span(self, trainer: str, start: date) -> tuple[date, date]:
        """First and last day the trainer is taken by this workshop, travel included."""
        return span_of(start, self.days, self.travel[trainer])


@dataclass(frozen=True)
class Prepared:
    """The precomputed problem: candidates by request id (request order), locked request ids, blocks."""

    problem: PlanningProblem
    candidates: dict[str, Candidate]
    locked_requests: frozenset[str]
    blocks: dict[str, list[Block]]
    trainers: dict[str, Trainer]
    capacity: dict[str, int] = field(default_factory=dict)
    """Workshops each trainer may still take once locked ones are counted (never below 0)."""


def workshop_id(request_id: str, ids: Mapping[str, str] | None = None) -> str:
    """The id of the workshop that serves a request: `ids`' entry, else the request id prefixed with 'W-'."""
    return (ids or {}).get(request_id, f"W-{request_id}")


def span_of(start: date, days: int, travel: int) -> tuple[date, date]:
    """From `travel` days before the first day to `travel` days after the last (SPEC 4)."""
    return start - timedelta(days=travel), start + timedelta(days=days - 1 + travel)


def travel_days(trainer: Trainer, country: str) -> int:
    """Travel days each way for the trainer to run a workshop in `country`: none at home."""
    return 0 if trainer.home == country else trainer.travel_days


def speaks(trainer: Trainer, request: Request) -> bool:
    """Whether the trainer can teach the request: speaks its language, or it is interpreted."""
    return request.interpretation or request.language in trainer.languages


def qualifying(
    trainers: Iterable[Trainer], expertise: str, request: Request, off: AbstractSet[str] = frozenset()
) -> tuple[str, ...]:
    """Ids, in id order, of the trainers with this expertise who can teach the request (rules in `off` aside)."""
    experts = [t for t in trainers if "expertise" in off or expertise in t.expertise]
    return tuple(sorted(t.id for t in experts if "language" in off or speaks(t, request)))


def run_bounds(request: Request, period: Period, off: AbstractSet[str] = frozenset()) -> tuple[date, date]:
    """First and last day the request may run: inside its window and the period, unless either rule is off."""
    ranges = [] if "window" in off else [(request.window.earliest, request.window.latest)]
    if "period" not in off or not ranges:
        ranges.append((period.start, period.end))
    return max(first for first, _ in ranges), min(last for _, last in ranges)


def calendar_starts(
    request: Request, programme: Programme, period: Period, off: AbstractSet[str] = frozenset()
) -> tuple[date, ...]:
    """Valid starts of the request inside its window and the period, on its host country's working days."""
    first, last = run_bounds(request, period, off)
    if last < first:
        return ()
    return _calendar_starts(
        request.country,
        first,
        last,
        tuple(period.blackouts),
        ramadan="ramadan" in request.avoid,
        days=programme.days,
        ignore=frozenset(off) & frozenset(REASONS),
    )


@functools.lru_cache(maxsize=4096)
def _calendar_starts(
    country: str,
    first: date,
    last: date,
    blackouts: tuple[tuple[date, date], ...],
    *,
    ramadan: bool,
    days: int,
    ignore: frozenset[str],
) -> tuple[date, ...]:
    """Cached because generated and real request lists repeat the same country and window many times."""
    calendar = working_calendar(country, first, last, blackouts, avoid_ramadan=ramadan, ignore=ignore)
    return tuple(valid_starts(calendar, days, first, last))


def trainer_blocks(problem: PlanningProblem, trainers: Mapping[str, Trainer]) -> dict[str, list[Block]]:
    """Per trainer, the ranges no new span may touch: unavailable, away, and spans of locked workshops."""
    absent = "unavailable" not in problem.disabled
    blocks: dict[str, list[Block]] = {
        t: [Block(r.first, r.last, "unavailable") for r in tr.unavailable if absent] for t, tr in trainers.items()
    }
    for trainer_id, first, last in problem.away if absent else ():
        if trainer_id in blocks:
            blocks[trainer_id].append(Block(first, last, "away"))
    for workshop in active_locked(problem):
        for trainer_id in workshop.trainers:
            if trainer_id in trainers:
                travel = travel_days(trainers[trainer_id], workshop.country)
                first, last = span_of(workshop.start, len(workshop.days) or 1, travel)
                blocks[trainer_id].append(Block(first, last, "workshop", workshop.id))
    return {t: sorted(b, key=lambda x: (x.first, x.last)) for t, b in blocks.items()}


def active_locked(problem: PlanningProblem) -> list[Workshop]:
    """Locked workshops that still hold their trainers (cancelled ones do not)."""
    return [w for w in problem.locked if w.status in FIXED_STATUSES]


def locked_in_period(problem: PlanningProblem) -> list[Workshop]:
    """Locked workshops that still hold their trainers and fall (at least partly) inside the period.

    Only these count towards the target and the trainers' `max_workshops`, and only these appear in the
    period's plan; locked workshops outside it still block their trainers' spans.
    """
    period = problem.period
    return [w for w in active_locked(problem) if w.start <= period.end and w.end >= period.start]


def busy_starts(starts: Sequence[date], days: int, travel: int, blocks: Sequence[Block]) -> frozenset[date]:
    """The starts whose span (travel included) shares a day with any block."""
    busy: set[date] = set()
    for block in blocks:
        earliest = block.first - timedelta(days=days - 1 + travel)
        latest = block.last + timedelta(days=travel)
        busy.update(s for s in starts if earliest <= s <= latest)
    return frozenset(busy)


def has_team(
    qualified: Sequence[Sequence[str]], usable: AbstractSet[str] | None = None, *, distinct: bool = True
) -> bool:
    """Whether each slot can get its own trainer (a bipartite matching), using only `usable` trainers if given.

    Without `distinct` one trainer may fill several slots, so each slot needs only someone usable.
    """
    if not distinct:
        return all(any(usable is None or t in usable for t in slot) for slot in qualified)
    owner: dict[str, int] = {}

    def place(slot: int, seen: set[str]) -> bool:
        for trainer in qualified[slot]:
            if (usable is not None and trainer not in usable) or trainer in seen:
                continue
            seen.add(trainer)
            if trainer not in owner or place(owner[trainer], seen):
                owner[trainer] = slot
                return True
        return False

    return all(place(slot, set()) for slot in range(len(qualified)))


def _team_starts(
    starts: Sequence[date],
    qualified: tuple[tuple[str, ...], ...],
    busy: Mapping[str, frozenset[date]],
    off: AbstractSet[str] = frozenset(),
) -> tuple[date, ...]:
    """The starts on which a full team of distinct trainers is free (every start with 'team-size' off)."""
    if "team-size" in off:
        return tuple(starts)
    distinct = "distinct-trainers" not in off
    if not has_team(qualified, distinct=distinct):
        return ()
    if not busy:
        return tuple(starts)
    everyone = {t for slot in qualified for t in slot}
    return tuple(
        s for s in starts if has_team(qualified, {t for t in everyone if s not in busy.get(t, ())}, distinct=distinct)
    )


def candidate(
    problem: PlanningProblem,
    request: Request,
    trainers: Mapping[str, Trainer],
    blocks: Mapping[str, Sequence[Block]],
    capacity: Mapping[str, int],
) -> Candidate:
    """The precomputed facts of one request whose programme is known."""
    off = problem.filters_off()
    programme = problem.programmes[request.programme]
    starts = calendar_starts(request, programme, problem.period, off)
    slots = tuple(programme.team_slots())
    pool = [t for t in trainers.values() if capacity[t.id] > 0 or "max-workshops" in off]
    qualified = tuple(qualifying(pool, slot, request, off) for slot in slots)
    involved = {t for slot in qualified for t in slot}
    travel = {t: travel_days(trainers[t], request.country) for t in sorted(involved)}
    busy = {}
    for t in sorted(involved):
        kept = _filtering_blocks(blocks[t], off)
        taken = busy_starts(starts, programme.days, travel[t], kept) if kept else frozenset()
        if taken:
            busy[t] = taken
    return Candidate(
        request=request,
        programme=programme,
        workshop_id=workshop_id(request.id, problem.workshop_ids),
        tz=request.zone(),
        starts=starts,
        slots=slots,
        qualified=qualified,
        travel=travel,
        busy=busy,
        team_starts=_team_starts(starts, qualified, busy, off),
    )


def _filtering_blocks(blocks: Sequence[Block], off: AbstractSet[str]) -> Sequence[Block]:
    """The blocks that rule starts out in advance: all but absences ('unavailable' off) and locked spans ('locked' off).

    Both stay in `Prepared.blocks`, so the model still keeps them when only the filter is off.
    """
    if "unavailable" not in off and "locked" not in off:
        return blocks
    dropped = {"unavailable", "away"} if "unavailable" in off else set()
    dropped |= {"workshop"} if "locked" in off else set()
    return [b for b in blocks if b.reason not in dropped]


def prepare(problem: PlanningProblem) -> Prepared:
    """Precompute candidates for every request that is not dropped, locked, or of an unknown programme.

    With 'locked' switched off the locked workshops are left out altogether (they neither hold their trainers
    nor appear in the plan), so their requests are planned like any other.
    """
    if "locked" in problem.disabled:
        problem = dataclasses.replace(problem, locked=())
    trainers = {t.id: t for t in sorted(problem.trainers, key=lambda t: t.id)}
    blocks = trainer_blocks(problem, trainers)
    held = {t: sum(t in w.trainers for w in locked_in_period(problem)) for t in trainers}
    capacity = {t: max(0, _workshop_limit(problem, trainers[t]) - held[t]) for t in trainers}
    locked_requests = frozenset(w.request for w in locked_in_period(problem))
    skipped = problem.dropped | (frozenset() if "locked" in problem.unfiltered else locked_requests)
    candidates = {
        r.id: candidate(problem, r, trainers, blocks, capacity)
        for r in problem.requests
        if r.id not in skipped and r.programme in problem.programmes
    }
    return Prepared(problem, candidates, locked_requests, blocks, trainers, capacity)


def _workshop_limit(problem: PlanningProblem, trainer: Trainer) -> int:
    """The trainer's `max_workshops`; with that rule off, more than the period could ever give anyone."""
    return len(problem.requests) + len(problem.locked) if "max-workshops" in problem.disabled else trainer.max_workshops


def to_workshop(cand: Candidate, start: date, team: Sequence[str]) -> Workshop:
    """The planned workshop for a candidate placed on `start` with `team` in slot order."""
    days = [start + timedelta(days=i) for i in range(cand.days)]
    request = cand.request
    return Workshop(
        id=cand.workshop_id,
        request=request.id,
        country=request.country,
        city=request.city,
        programme=request.programme,
        language=request.language,
        start=start,
        end=days[-1],
        days=days,
        trainers=list(team),
        tz=cand.tz,
        priority=request.priority,
    )


def placed_workshops(prepared: Prepared, chosen: Mapping[str, tuple[date, Sequence[str]]]) -> list[Workshop]:
    """Locked workshops plus the chosen placements, sorted by start then id as the plan shows them."""
    new = [to_workshop(prepared.candidates[rid], start, team) for rid, (start, team) in chosen.items()]
    return sorted([*locked_in_period(prepared.problem), *new], key=lambda w: (w.start, w.id))


def locked_priority(prepared: Prepared) -> int:
    """Priority points of the locked workshops: theirs when recorded, else their request's, else none."""
    requests = {r.id: r for r in prepared.problem.requests}
    total = 0
    for workshop in locked_in_period(prepared.problem):
        if workshop.priority is not None:
            total += workshop.priority
        elif workshop.request in requests:
            total += requests[workshop.request].priority
    return total


def plan_of(prepared: Prepared, chosen: Mapping[str, tuple[date, Sequence[str]]], info: SolverInfo) -> Plan:
    """A plan (no reasons yet) from placements: locked workshops plus the chosen ones."""
    period = prepared.problem.period
    return Plan(
        period=PeriodSummary(start=period.start, end=period.end, target=period.target),
        workshops=placed_workshops(prepared, chosen),
        unscheduled=[],
        solver=info,
    )
