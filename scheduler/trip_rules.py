"""Trips in the CP-SAT model: the km a plan makes its trainers fly, with workshops chained into trips.

Every trainer on a team abroad costs a return flight from home (`2 x km(home, workshop)`). A chain literal
`chain[i,j,t]` says that trainer t flies straight from workshop i to workshop j, which saves
`km(i, home) + km(home, j) - km(i, j)`. It may be true only when, as SPEC 4 has it, j is t's very next
workshop and starts at most `max_gap_days` days after i ends:

- an optional interval runs from the end of i's span to the start of j's; its size, the free days between
  the spans, is at most `max_gap_days` less the travel days, so the days between the workshops are at most
  `max_gap_days` and j comes after i;
- that interval joins t's spans (and locked workshops) in one no-overlap constraint, so nothing of t's lies
  between i and j.

Chain literals exist only for pairs that save km and whose possible starts allow such a gap, only for
trainers who qualify for both, only between workshops of the plan the travel phase starts from, and only
the `SUCCESSORS` that save most out of each workshop plus those that plan flies, which keeps the model small
on large periods (L: 47,000 chains, built in 5 s). A chain that would save nothing
(one end in the trainer's home country) is not modelled: its km are those of the two return flights up to
the difference between a city and its country's capital. Chaining is never forced: the objective takes
every saving it can, and `scheduler.travel` computes the plan's real trips afterwards.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from scheduler.rules import LinearExpr, Literal, Variables
from scheduler.travel import Place, home_of, km_between, place

SUCCESSORS = 3
"""Chains modelled out of each workshop, per trainer: the ones that save the most km. All of them made the M
period's model eight times larger (24,000 chains) and the travel phase too slow to use them; a plan that
chains elsewhere is still counted right by `scheduler.travel`, the model only does not aim for it."""


@dataclass
class Trips:
    """The chain literals of a model and the km expression they belong to."""

    km: LinearExpr
    chains: dict[tuple[str, str, str], Literal] = field(default_factory=dict)
    """chains[(trainer, i, j)]: the trainer flies straight from workshop i to workshop j."""
    between: dict[tuple[str, str, str], cp_model.IntVar] = field(default_factory=dict)
    """between[(trainer, i, j)]: free days between the two spans when chained (0 to max_gap_days less travel)."""


def _can_follow(v: Variables, days: Mapping[str, list[int]], arc: tuple[str, str, str], max_gap: int) -> bool:
    """Whether some starts put j after i with spans apart and at most `max_gap` days between the workshops.

    `days` holds each request's possible starts as sorted day numbers.
    """
    trainer, i, j = arc
    ci, cj = v.candidate(i), v.candidate(j)
    least = ci.days + ci.travel[trainer] + cj.travel[trainer]
    most = ci.days + max_gap
    later, earlier = days[j], days[i]
    if least > most or later[-1] < earlier[0] + least or later[0] > earlier[-1] + most:
        return False
    for si in earlier:
        k = bisect.bisect_left(later, si + least)
        if k < len(later) and later[k] <= si + most:
            return True
    return False


def _where(v: Variables, rid: str) -> Place:
    request = v.candidate(rid).request
    return place(request.country, request.city)


def _by_trainer(v: Variables) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rid, works in v.works.items():
        for trainer in works:
            found.setdefault(trainer, []).append(rid)
    return dict(sorted(found.items()))


def return_flights(v: Variables) -> LinearExpr:
    """Km of a return flight from home for every trainer on every team (0 in the home country)."""
    terms: list[LinearExpr] = []
    for rid, works in v.works.items():
        request = v.candidate(rid).request
        there = place(request.country, request.city)
        for trainer, literal in works.items():
            km = km_between(home_of(v.prepared.trainers[trainer]), there)
            if km:
                terms.append(2 * km * literal)
    return LinearExpr.sum(terms)


def add_trips(v: Variables, max_gap: int, hint: Mapping[str, tuple[date, Sequence[str]]] | None = None) -> Trips:
    """Chain literals for every trainer and the plan's km: return flights less the savings of chains.

    With a `hint` plan, chains join only the workshops it holds (the travel phase keeps the priority it
    reached, so the plan rarely changes which requests it serves, and the L period's model stays a tenth of
    the size), and every chain the hint flies is modelled, so that the model counts the hint's km as
    `scheduler.travel` does and does not leave it for a worse plan.
    """
    trips = Trips(km=LinearExpr.sum([]))
    savings: list[LinearExpr] = []
    used = follows(v, hint or {}, max_gap)
    days = {rid: sorted(v.day(s) for s in starts) for rid, starts in v.x.items()}
    for trainer, rids in _by_trainer(v).items():
        kept = [rid for rid in rids if hint is None or rid in hint]
        arcs = _arcs(v, days, trainer, kept, max_gap=max_gap, used={(i, j) for t, i, j in used if t == trainer})
        if arcs:
            savings += _chain_trainer(v, trips, trainer, arcs, max_gap)
    trips.km = return_flights(v) - LinearExpr.sum(savings)
    return trips


def _arcs(
    v: Variables,
    days: Mapping[str, list[int]],
    trainer: str,
    rids: Sequence[str],
    *,
    max_gap: int,
    used: set[tuple[str, str]],
) -> list[tuple[str, str, int]]:
    """Out of each workshop, the `SUCCESSORS` possible chains that save the most, and every one in `used`.

    A chain saves `km(i, home) + km(home, j) - km(i, j)`; only chains that save something are kept.
    """
    home = home_of(v.prepared.trainers[trainer])
    there = {rid: _where(v, rid) for rid in rids}
    out = {rid: km_between(home, there[rid]) for rid in rids}
    arcs: list[tuple[str, str, int]] = []
    for i in rids:
        ranked = sorted((-(out[i] + out[j] - km_between(there[i], there[j])), j) for j in rids if j != i)
        found = 0
        for minus, j in ranked:
            if minus >= 0 or (found >= SUCCESSORS and (i, j) not in used):
                continue
            if _can_follow(v, days, (trainer, i, j), max_gap):
                arcs.append((i, j, -minus))
                found += 1
    return sorted(arcs)


def _chain_trainer(
    v: Variables, trips: Trips, trainer: str, arcs: Sequence[tuple[str, str, int]], max_gap: int
) -> list[LinearExpr]:
    model = v.model
    spans = _spans(v, trainer)
    out: dict[str, list[Literal]] = {}
    into: dict[str, list[Literal]] = {}
    terms: list[LinearExpr] = []
    for i, j, saved in arcs:
        ci, cj = v.candidate(i), v.candidate(j)
        chain = model.new_bool_var(f"chain[{trainer},{i},{j}]")
        trips.chains[(trainer, i, j)] = chain
        model.add_implication(chain, v.works[i][trainer])
        model.add_implication(chain, v.works[j][trainer])
        first = v.start[i] + ci.days + ci.travel[trainer]
        room = max_gap - ci.travel[trainer] - cj.travel[trainer]
        between = model.new_int_var(0, room, f"between[{trainer},{i},{j}]")
        trips.between[(trainer, i, j)] = between
        spans.append(
            model.new_optional_interval_var(
                first, between, v.start[j] - cj.travel[trainer], chain, f"gap[{trainer},{i},{j}]"
            )
        )
        out.setdefault(i, []).append(chain)
        into.setdefault(j, []).append(chain)
        terms.append(saved * chain)
    for group in (*out.values(), *into.values()):
        if len(group) > 1:
            model.add_at_most_one(group)
    model.add_no_overlap(spans)
    return terms


def _spans(v: Variables, trainer: str) -> list[cp_model.IntervalVar]:
    """The trainer's optional workshop spans and the fixed spans of their locked workshops."""
    model = v.model
    intervals: list[cp_model.IntervalVar] = []
    for rid, works in v.works.items():
        if trainer in works:
            cand = v.candidate(rid)
            travel = cand.travel[trainer]
            intervals.append(
                model.new_optional_fixed_size_interval_var(
                    v.start[rid] - travel, cand.days + 2 * travel, works[trainer], f"trip-span[{rid},{trainer}]"
                )
            )
    for block in v.prepared.blocks.get(trainer, []):
        if block.reason == "workshop":
            first = v.day(block.first)
            intervals.append(model.new_fixed_size_interval_var(first, v.day(block.last) - first + 1, "locked"))
    return intervals


def hint_trips(v: Variables, trips: Trips, chosen: Mapping[str, tuple[date, Sequence[str]]], max_gap: int) -> None:
    """Hint every chain literal from placements: true where it joins a trainer's workshop to their next one."""
    chained = follows(v, chosen, max_gap)
    for key, literal in trips.chains.items():
        trainer, a, b = key
        v.model.add_hint(literal, key in chained)
        free = _free_days(v, trainer, a, b, chosen) if key in chained else 0
        v.model.add_hint(trips.between[key], free)


def follows(v: Variables, chosen: Mapping[str, tuple[date, Sequence[str]]], max_gap: int) -> set[tuple[str, str, str]]:
    """(trainer, i, j) for every workshop j a trainer flies to straight from workshop i in the placements.

    Locked workshops take their place in each trainer's sequence, so a chain never jumps over one.
    """
    sequence: dict[str, list[tuple[date, str]]] = {}
    for rid, (start, team) in chosen.items():
        for trainer in team:
            sequence.setdefault(trainer, []).append((start, rid))
    for trainer, blocks in v.prepared.blocks.items():
        for block in blocks:
            if block.reason == "workshop" and trainer in sequence:
                sequence[trainer].append((block.first, ""))
    found: set[tuple[str, str, str]] = set()
    for trainer, items in sequence.items():
        items.sort()
        for (a_start, a), (b_start, b) in itertools.pairwise(items):
            if a and b and (b_start - a_start).days - v.candidate(a).days <= max_gap:
                found.add((trainer, a, b))
    return found


def _free_days(v: Variables, trainer: str, a: str, b: str, chosen: Mapping[str, tuple[date, Sequence[str]]]) -> int:
    ca, cb = v.candidate(a), v.candidate(b)
    days = (chosen[b][0] - chosen[a][0]).days - ca.days
    return days - ca.travel[trainer] - cb.travel[trainer]
