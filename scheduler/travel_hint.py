"""A first solution for the travel phase: the priority plan's dates and workshops, teams changed for short trips.

The priority phase leaves teams that ignore km: on the L period almost every trainer flies home between
workshops, and CP-SAT's neighbourhood searches, starting from that plan, found about 1 % fewer km in the
travel phase's share of the limit. This local search keeps every workshop and its dates (so priority, moved
workshops and days off preferred dates stay as they are) and moves one place of a team at a time to the
trainer with whom the two trainers concerned fly least, flying on from one workshop to the next when the gap
allows (`scheduler.travel`). The travel phase then starts from the better of this plan and the priority
plan and improves it further, dates included.

A workshop of the previous plan (re-plans) keeps its team, so the changes phase's count stays as reached.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from scheduler.problem import Candidate, Prepared
from scheduler.travel import home_of, km_between, place

Placement = tuple[date, list[str]]


def short_trip_teams(
    prepared: Prepared,
    chosen: Mapping[str, Placement],
    keep: Sequence[str] = (),
    passes: int = 4,
    until: float | None = None,
) -> dict[str, Placement]:
    """The same workshops on the same dates with teams changed, one place at a time, while it saves km.

    Each pass goes through the workshops in date order and gives each place to the free qualifying trainer
    (not on the team, not at `max_workshops`, no span overlapping) with whom the two trainers concerned fly
    least, their whole trips recounted; it stops after `passes` passes or one that changed nothing. Every
    step keeps every hard rule, so the result is a plan whatever happens. `keep` names requests whose team
    must not change (the previous plan's workshops when re-planning). The search also stops, between two
    workshops, once `time.perf_counter()` passes `until`: what it found by then is kept.
    """
    book = _Book(prepared, {rid: (start, list(team)) for rid, (start, team) in chosen.items()})
    fixed = set(keep)
    order = sorted((rid for rid in chosen if rid not in fixed), key=lambda rid: (chosen[rid][0], rid))
    for _ in range(passes):
        changed = False
        for rid in order:
            if until is not None and time.perf_counter() > until:
                break
            changed = sum(book.improve(rid, k) for k in range(len(book.teams[rid][1]))) > 0 or changed
        if not changed or (until is not None and time.perf_counter() > until):
            break
    cands = prepared.candidates
    return {rid: (start, _in_rank_order(cands[rid], team)) for rid, (start, team) in book.teams.items()}


@dataclass
class _Book:
    """The placements being improved, with each trainer's workshops in date order and their trips' km."""

    prepared: Prepared
    teams: dict[str, Placement]
    dated: dict[str, list[tuple[date, str]]] = field(default_factory=dict)
    km: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for rid, (start, team) in self.teams.items():
            for trainer in team:
                self.dated.setdefault(trainer, []).append((start, rid))
        for trainer, items in self.dated.items():
            items.sort()
            self.km[trainer] = self.trip_km(trainer, items)

    def trip_km(self, trainer: str, items: Sequence[tuple[date, str]]) -> int:
        """Km of the trainer's trips over these workshops (date order), as `scheduler.travel` counts them."""
        home = home_of(self.prepared.trainers[trainer])
        where, last, total = home, None, 0
        for start, rid in items:
            cand = self.prepared.candidates[rid]
            here = place(cand.request.country, cand.request.city)
            if last is not None and (start - last).days - 1 > self.prepared.problem.max_gap_days:
                total += km_between(where, home)
                where = home
            total += km_between(where, here)
            where, last = here, start + timedelta(days=cand.days - 1)
        return total + km_between(where, home)

    def can_take(self, trainer: str, rid: str) -> bool:
        cand, start = self.prepared.candidates[rid], self.teams[rid][0]
        items = self.dated.get(trainer, [])
        if not cand.free(trainer, start) or len(items) >= self.prepared.capacity.get(trainer, 0):
            return False
        first, last = cand.span(trainer, start)
        spans = (self.prepared.candidates[other].span(trainer, day) for day, other in items)
        return all(last < a or b < first for a, b in spans)

    def improve(self, rid: str, k: int) -> bool:
        """Give place k of the workshop to the trainer who saves most km, if any does; whether one did."""
        cand, (start, team) = self.prepared.candidates[rid], self.teams[rid]
        now = team[k]
        without = [item for item in self.dated[now] if item[1] != rid]
        freed = self.km[now] - self.trip_km(now, without)
        best: tuple[int, str, list[tuple[date, str]]] | None = None
        for other in cand.qualified[k]:
            if other in team or not self.can_take(other, rid):
                continue
            items = sorted([*self.dated.get(other, []), (start, rid)])
            added = self.trip_km(other, items) - self.km.get(other, 0)
            if added < freed and (best is None or added < best[0]):
                best = (added, other, items)
        if best is None:
            return False
        added, other, items = best
        self.dated[now], self.km[now] = without, self.km[now] - freed
        self.dated[other], self.km[other] = items, self.km.get(other, 0) + added
        team[k] = other
        return True


def placements_km(prepared: Prepared, chosen: Mapping[str, Placement]) -> int:
    """The km of the trips the placements make the trainers fly (SPEC 4, as `scheduler.travel` counts them)."""
    return sum(_Book(prepared, {rid: (start, list(team)) for rid, (start, team) in chosen.items()}).km.values())


def _in_rank_order(cand: Candidate, team: list[str]) -> list[str]:
    """Trainers of neighbouring places with the same expertise in id order, as the model's symmetry rule wants."""
    ordered = list(team)
    k = 0
    while k < len(ordered):
        end = k
        while end + 1 < len(ordered) and cand.slots[end + 1] == cand.slots[k]:
            end += 1
        ordered[k : end + 1] = sorted(ordered[k : end + 1])
        k = end + 1
    return ordered
