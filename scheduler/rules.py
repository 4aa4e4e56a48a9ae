"""The planning rules of SPEC section 4, one named function each, as CP-SAT constraints and objective terms.

Variables (`create_variables`) exist only where the precomputation in `scheduler.problem` allows them: a start
variable per request for each start on which a full team is free, a slot variable per trainer who qualifies
for that place. HARD rules add constraints over them; SOFT rules each return one linear term and the largest
value it can take; `goals` puts them in the order of SPEC 4, which `scheduler.solver` optimises one after the
other (lexicographically): priority first, then (when re-planning) fewer changes, then km flown and closeness
to preferred dates (trips are added by `scheduler.trip_rules`), then even load.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ortools.sat.python import cp_model

from scheduler.problem import Block, Candidate, Prepared, busy_starts, locked_in_period

Literal = cp_model.IntVar
LinearExpr = cp_model.LinearExpr


@dataclass
class Variables:
    """The decision variables of one model, keyed by request id (and slot index, trainer id)."""

    model: cp_model.CpModel
    prepared: Prepared
    x: dict[str, dict[date, Literal]] = field(default_factory=dict)
    """x[request][start]: the workshop starts on that day."""
    present: dict[str, Literal] = field(default_factory=dict)
    """present[request]: the request is scheduled."""
    y: dict[str, list[dict[str, Literal]]] = field(default_factory=dict)
    """y[request][slot][trainer]: the trainer fills that place of the team."""
    works: dict[str, dict[str, Literal]] = field(default_factory=dict)
    """works[request][trainer]: the trainer is on the team (in whichever place)."""
    start: dict[str, cp_model.IntVar] = field(default_factory=dict)
    """start[request]: the first day as a day number from the period start (its earliest when not scheduled)."""
    load: dict[str, list[Literal]] = field(default_factory=dict)
    """load[trainer]: ordered literals, the k-th true when the trainer has at least k new workshops."""
    restaffed: dict[str, Literal] = field(default_factory=dict)
    """restaffed[request]: the previous plan's workshop lost a trainer of its team."""
    trips: Any = None
    """The chain literals and km of `scheduler.trip_rules`, once added (after the priority phase)."""
    spread: LinearExpr | None = None
    """The even-load term (`trainer_load_spread`), once added (after the priority phase)."""

    def candidate(self, request_id: str) -> Candidate:
        return self.prepared.candidates[request_id]

    def day(self, value: date) -> int:
        """Day number of a date, counted from the period's first day."""
        return (value - self.prepared.problem.period.start).days


def create_variables(model: cp_model.CpModel, prepared: Prepared) -> Variables:
    """Start, presence and slot variables for every candidate that has at least one start with a free team."""
    v = Variables(model, prepared)
    for rid, cand in prepared.candidates.items():
        if not cand.team_starts:
            continue
        v.present[rid] = model.new_bool_var(f"present[{rid}]")
        v.x[rid] = {s: model.new_bool_var(f"x[{rid},{s}]") for s in cand.team_starts}
        usable = {t for t in cand.trainers() if any(cand.free(t, s) for s in cand.team_starts)}
        v.y[rid] = [
            {t: model.new_bool_var(f"y[{rid},{k},{t}]") for t in slot if t in usable}
            for k, slot in enumerate(cand.qualified)
        ]
        v.works[rid] = _works(model, rid, v.y[rid])
    return v


def _works(model: cp_model.CpModel, rid: str, slots: list[dict[str, Literal]]) -> dict[str, Literal]:
    """One literal per trainer for 'on the team'; the slot literal itself when the trainer fits one place only.

    'On the team' is the OR of the trainer's places; that a trainer takes at most one of them is left to
    `distinct_trainers_per_workshop`, the rule's single home.
    """
    places: dict[str, list[Literal]] = {}
    for slot in slots:
        for trainer, literal in slot.items():
            places.setdefault(trainer, []).append(literal)
    works: dict[str, Literal] = {}
    for trainer in sorted(places):
        if len(places[trainer]) == 1:
            works[trainer] = places[trainer][0]
        else:
            works[trainer] = model.new_bool_var(f"works[{rid},{trainer}]")
            model.add(works[trainer] <= LinearExpr.sum(places[trainer]))
            for place in places[trainer]:
                model.add_implication(place, works[trainer])
    return works


# ---------------------------------------------------------------- HARD


def one_start_per_scheduled_request(v: Variables) -> None:
    """A scheduled request starts on exactly one of its valid starts; an unscheduled one on none.

    Only starts on which the host country has `days` consecutive working days inside window and period exist
    as variables, so this is where the calendar rule takes hold. The start day number is tied to the choice
    so that trainer spans can be laid out as intervals.
    """
    for rid, starts in v.x.items():
        v.model.add_exactly_one([*starts.values(), ~v.present[rid]])
        days = [v.day(s) for s in starts]
        v.start[rid] = v.model.new_int_var(min(days), max(days), f"start[{rid}]")
        placed = LinearExpr.weighted_sum(list(starts.values()), days)
        v.model.add(v.start[rid] == placed + min(days) * ~v.present[rid])


def one_trainer_per_slot(v: Variables) -> None:
    """Each place of a scheduled workshop's team gets exactly one trainer; an unscheduled one gets none."""
    for rid, slots in v.y.items():
        for slot in slots:
            v.model.add(LinearExpr.sum(list(slot.values())) == v.present[rid])


def distinct_trainers_per_workshop(v: Variables) -> None:
    """No trainer fills two places of the same team.

    Places of the same expertise are interchangeable, so their trainers are also put in id order: that removes
    mirror-image teams the search would otherwise explore twice.
    """
    for rid, slots in v.y.items():
        trainers = sorted({t for slot in slots for t in slot})
        for trainer in trainers:
            v.model.add_at_most_one([slot[trainer] for slot in slots if trainer in slot])
        expertise = v.candidate(rid).slots
        rank = {t: i for i, t in enumerate(trainers)}
        for k in range(len(slots) - 1):
            if expertise[k] == expertise[k + 1]:
                lower = LinearExpr.weighted_sum(list(slots[k].values()), [rank[t] for t in slots[k]])
                upper = LinearExpr.weighted_sum(list(slots[k + 1].values()), [rank[t] for t in slots[k + 1]])
                v.model.add(lower + 1 <= upper).only_enforce_if(v.present[rid])


def team_has_expertise(v: Variables) -> None:
    """Each place is filled by a trainer with that place's expertise.

    `scheduler.problem.qualifying` already leaves other trainers out when variables are made; this rule keeps
    any slot variable that slipped through (a hand-built candidate, say) at zero.
    """
    trainers = v.prepared.trainers
    for rid, slots in v.y.items():
        for expertise, slot in zip(v.candidate(rid).slots, slots, strict=True):
            for trainer, literal in slot.items():
                if expertise not in trainers[trainer].expertise:
                    v.model.add(literal == 0)


def team_speaks_language(v: Variables) -> None:
    """Every trainer on the team speaks the workshop's language, unless the request has interpretation."""
    trainers = v.prepared.trainers
    for rid, works in v.works.items():
        request = v.candidate(rid).request
        for trainer, literal in works.items():
            if not request.interpretation and request.language not in trainers[trainer].languages:
                v.model.add(literal == 0)


def no_trainer_overlap_with_travel(v: Variables) -> None:
    """A trainer's spans (travel days before and after included) never overlap each other.

    Each (request, trainer) pair is an optional interval of `days + 2 * travel` days starting `travel` days
    before the workshop, present when the trainer is on the team; one no-overlap constraint per trainer.
    """
    per_trainer: dict[str, list[cp_model.IntervalVar]] = {}
    for rid, works in v.works.items():
        cand = v.candidate(rid)
        for trainer, literal in works.items():
            travel = cand.travel[trainer]
            interval = v.model.new_optional_fixed_size_interval_var(
                v.start[rid] - travel, cand.days + 2 * travel, literal, f"span[{rid},{trainer}]"
            )
            per_trainer.setdefault(trainer, []).append(interval)
    for intervals in per_trainer.values():
        if len(intervals) > 1:
            v.model.add_no_overlap(intervals)


def no_span_in_absence(v: Variables) -> None:
    """No trainer's span (travel included) meets one of their unavailable or `away` ranges.

    Those ranges are fixed, so instead of more intervals they forbid the starts they touch.
    """
    _forbid_blocked_starts(v, lambda block: block.reason in ("unavailable", "away"))


def _forbid_blocked_starts(v: Variables, chosen: Callable[[Block], bool]) -> None:
    """A trainer on the team rules out every start whose span meets one of the chosen blocks."""
    for rid, works in v.works.items():
        cand = v.candidate(rid)
        for trainer, literal in works.items():
            blocks = [b for b in v.prepared.blocks.get(trainer, []) if chosen(b)]
            busy = busy_starts(list(v.x[rid]), cand.days, cand.travel[trainer], blocks) if blocks else ()
            if busy:
                v.model.add(literal + LinearExpr.sum([v.x[rid][s] for s in sorted(busy)]) <= 1)


def max_workshops_per_trainer(v: Variables) -> None:
    """No trainer works more than `max_workshops` workshops in the period, locked ones included."""
    for trainer, literals in _by_trainer(v).items():
        capacity = v.prepared.capacity.get(trainer, 0)
        if len(literals) > capacity:
            v.model.add(LinearExpr.sum(literals) <= capacity)


def at_most_target_workshops(v: Variables) -> None:
    """The period holds at most `target` workshops, locked ones inside the period included."""
    room = max(0, v.prepared.problem.period.target - len(locked_in_period(v.prepared.problem)))
    if len(v.present) > room:
        v.model.add(LinearExpr.sum(list(v.present.values())) <= room)


def locked_workshops_fixed(v: Variables) -> None:
    """Confirmed and delivered workshops never move, and their trainers stay taken.

    Their requests get no variables (and are kept out here should one slip through); their trainers' spans
    stay blocked, so a new workshop may not use those trainers on days that meet them.
    """
    for rid in sorted(v.prepared.locked_requests & v.present.keys()):
        v.model.add(v.present[rid] == 0)
    _forbid_blocked_starts(v, lambda block: block.reason == "workshop")


HARD: tuple[Callable[[Variables], None], ...] = (
    one_start_per_scheduled_request,
    one_trainer_per_slot,
    distinct_trainers_per_workshop,
    team_has_expertise,
    team_speaks_language,
    no_trainer_overlap_with_travel,
    no_span_in_absence,
    max_workshops_per_trainer,
    at_most_target_workshops,
    locked_workshops_fixed,
)
SWITCH: dict[Callable[[Variables], None], str] = {
    one_trainer_per_slot: "team-size",
    distinct_trainers_per_workshop: "distinct-trainers",
    team_has_expertise: "expertise",
    team_speaks_language: "language",
    no_trainer_overlap_with_travel: "overlap",
    no_span_in_absence: "unavailable",
    max_workshops_per_trainer: "max-workshops",
    at_most_target_workshops: "target",
    locked_workshops_fixed: "locked",
}
"""The name in HARD_RULES that switches each HARD function off. `one_start_per_scheduled_request` has none: it
is the model's frame (one start or none), and the calendar, window and period rules it carries live in the
precomputed starts, which `scheduler.problem` switches off by name."""


def _by_trainer(v: Variables) -> dict[str, list[Literal]]:
    """Every 'on the team' literal of each trainer, trainers in id order."""
    found: dict[str, list[Literal]] = {}
    for works in v.works.values():
        for trainer, literal in works.items():
            found.setdefault(trainer, []).append(literal)
    return dict(sorted(found.items()))


# ---------------------------------------------------------------- SOFT
# Each returns (term, largest value the term can take); priority is maximised, the others minimised.

Term = tuple[LinearExpr, int]
DAY_WEIGHT = 1
"""Per day between a workshop's start and its preferred start."""
LOAD_WEIGHT = 2
"""Per unit of a trainer's squared workshop count: moving one workshop from a trainer with 3 to one with 1
saves (9 + 1) - (4 + 4) = 2 units, that is 4 points."""


def scheduled_priority(v: Variables) -> Term:
    """Total priority of the scheduled requests: the goal that comes before every other."""
    terms = [v.candidate(rid).request.priority * lit for rid, lit in v.present.items()]
    return LinearExpr.sum(terms), sum(v.candidate(rid).request.priority for rid in v.present)


def preferred_start_distance(v: Variables) -> Term:
    """Days between each workshop's start and its request's preferred start, summed (DAY_WEIGHT each)."""
    terms: list[LinearExpr] = []
    largest = 0
    for rid, starts in v.x.items():
        preferred = v.candidate(rid).request.preferred_start
        if preferred is None:
            continue
        distance = {s: abs((s - preferred).days) * DAY_WEIGHT for s in starts}
        terms += [d * starts[s] for s, d in distance.items() if d]
        largest += max(distance.values())
    return LinearExpr.sum(terms), largest


def trainer_load_spread(v: Variables) -> Term:
    """Sum over trainers of their workshop count squared (LOAD_WEIGHT each), so work spreads evenly.

    The square is linear here: load is the sum of ordered literals b1 >= b2 >= ..., and the k-th one costs
    what the k-th workshop adds to the square (2k - 1, counting workshops already locked).
    """
    terms: list[LinearExpr] = []
    largest = 0
    for trainer, literals in _by_trainer(v).items():
        # never below 0: with 'max-workshops' switched off (tests only) capacity exceeds max_workshops
        held = max(0, v.prepared.trainers[trainer].max_workshops - v.prepared.capacity.get(trainer, 0))
        steps = min(len(literals), v.prepared.capacity.get(trainer, 0))
        if steps < 1:
            continue
        chain = [v.model.new_bool_var(f"load[{trainer},{k}]") for k in range(1, steps + 1)]
        v.load[trainer] = chain
        v.model.add(LinearExpr.sum(chain) == LinearExpr.sum(literals))
        for earlier, later in itertools.pairwise(chain):
            v.model.add_implication(later, earlier)
        costs = [(2 * (held + k) - 1) * LOAD_WEIGHT for k in range(1, steps + 1)]
        terms += [c * b for c, b in zip(costs, chain, strict=True)]
        largest += sum(costs)
    return LinearExpr.sum(terms), largest


def changes_from_previous(v: Variables) -> Term:
    """Workshops of the previous plan that move, change team or drop out (dropping counts as both).

    Only used when re-planning; a previous workshop whose start is no longer possible has to move, and one
    whose trainer is no longer usable has to change team.
    """
    terms: list[LinearExpr] = []
    largest = 0
    for workshop in v.prepared.problem.previous:
        rid = workshop.request
        if rid not in v.present:
            continue
        kept = v.x[rid].get(workshop.start)
        moved = v.present[rid] - kept if kept is not None else v.present[rid]
        terms += [moved, 2 * (1 - v.present[rid])]
        terms += [_restaffed(v, rid, workshop.trainers)]
        largest += 2
    return LinearExpr.sum(terms), largest


def _restaffed(v: Variables, rid: str, before: Iterable[str]) -> Literal:
    """A literal that is true when the scheduled workshop lacks any trainer of its previous team."""
    changed = v.model.new_bool_var(f"restaffed[{rid}]")
    v.restaffed[rid] = changed
    works = v.works[rid]
    for trainer in before:
        keeps = works.get(trainer)
        v.model.add(changed >= (v.present[rid] - keeps if keeps is not None else v.present[rid]))
    return changed


@dataclass(frozen=True)
class Goal:
    """One phase of the lexicographic objective (SPEC 4): what it optimises and in which direction."""

    name: str
    expression: LinearExpr
    maximise: bool
    share: float
    """This phase's share of the time limit, before time left over by earlier phases is carried on."""
    km_added: bool = False
    """Whether even load and the km of trips (`scheduler.trip_rules`) are already part of `expression`."""


def goals(v: Variables) -> list[Goal]:
    """The phases in SPEC 4's order: priority, changes (re-plans only), then travel with load.

    The travel phase here holds the days off preferred dates; `scheduler.phases` adds the km of trips and
    even load once priority is fixed, so that the priority phase searches the smaller model: with the load
    literals in it, the L period (seed 5) stopped at 1,275 priority points in 60 s, without them it proved
    1,278 in 48 s. Even load is folded into the travel phase at one unit per load unit (a few km), a
    tie-breaker, rather than given a phase of its own: measured on the M period, a third phase spent 8 s of
    a 30 s solve, mostly loading the model again, for no change.
    """
    found = [Goal("priority", scheduled_priority(v)[0], maximise=True, share=0.6)]
    if v.prepared.problem.previous:
        found.append(Goal("changes", changes_from_previous(v)[0], maximise=False, share=0.1))
    days, _ = preferred_start_distance(v)
    weight = v.prepared.problem.km_per_preferred_day
    found.append(Goal("travel", weight * days, maximise=False, share=0.4))
    return found


def build_model(prepared: Prepared) -> tuple[Variables, list[Goal]]:
    """A CP-SAT model with every HARD rule (but those a test switched off) and the goals of each phase."""
    v = create_variables(cp_model.CpModel(), prepared)
    off = prepared.problem.disabled
    for rule in HARD:
        if SWITCH.get(rule) not in off:
            rule(v)
    return v, goals(v)
