"""A first-fit planner: the baseline the CP-SAT plan must beat (SPEC 7), and the solver's starting hint.

Requests are taken by priority (highest first, then id); each gets its earliest start on which every place of
its team can be filled, place by place, with the first qualifying trainer in id order who is free over the
whole span (travel included), has not reached `max_workshops` and is not already on the team. It respects
every hard rule and stops at the period's target. It never revisits a choice, which is what makes it a
baseline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from scheduler.explain import explain_prepared
from scheduler.models import Plan, SolverInfo
from scheduler.problem import Candidate, PlanningProblem, Prepared, locked_in_period, locked_priority, plan_of
from scheduler.problem import prepare as prepare_problem

Placement = tuple[date, list[str]]


@dataclass
class _Ledger:
    """What the greedy pass has handed out so far: spans and workshop counts per trainer."""

    capacity: Mapping[str, int]
    spans: dict[str, list[tuple[date, date]]] = field(default_factory=dict)
    load: dict[str, int] = field(default_factory=dict)

    def can_take(self, trainer: str, first: date, last: date) -> bool:
        if self.load.get(trainer, 0) >= self.capacity.get(trainer, 0):
            return False
        return all(last < a or b < first for a, b in self.spans.get(trainer, []))

    def take(self, trainer: str, first: date, last: date) -> None:
        self.spans.setdefault(trainer, []).append((first, last))
        self.load[trainer] = self.load.get(trainer, 0) + 1


def _first_fit_team(cand: Candidate, start: date, ledger: _Ledger) -> list[str] | None:
    """Place by place, the first free qualifying trainer in id order; None when a place stays empty."""
    team: list[str] = []
    for slot in cand.qualified:
        for trainer in slot:
            if trainer in team or not cand.free(trainer, start):
                continue
            if ledger.can_take(trainer, *cand.span(trainer, start)):
                team.append(trainer)
                break
        else:
            return None
    return team


def _keepable(cand: Candidate, placement: Placement, ledger: _Ledger) -> bool:
    """Whether an earlier placement still keeps every hard rule, given what the ledger already holds."""
    start, team = placement
    if start not in cand.team_starts or len(team) != len(cand.slots) or len(set(team)) != len(team):
        return False
    if any(trainer not in cand.qualified[k] or not cand.free(trainer, start) for k, trainer in enumerate(team)):
        return False
    return all(ledger.can_take(trainer, *cand.span(trainer, start)) for trainer in team)


def greedy_assignments(prepared: Prepared, keep: Mapping[str, Placement] | None = None) -> dict[str, Placement]:
    """Request id -> (start, team in slot order) chosen first-fit, in the order they were placed.

    `keep` (the previous plan when re-planning) is placed first wherever it still keeps every rule, so that
    the solver's hint changes nothing that need not change; the baseline itself keeps nothing.
    """
    room = max(0, prepared.problem.period.target - len(locked_in_period(prepared.problem)))
    ledger = _Ledger(prepared.capacity)
    order = sorted(
        (c for c in prepared.candidates.values() if c.team_starts),
        key=lambda c: (-c.request.priority, c.request.id),
    )
    chosen: dict[str, Placement] = {}
    for cand in order:
        placement = (keep or {}).get(cand.request.id)
        if len(chosen) < room and placement is not None and _keepable(cand, placement, ledger):
            _take(ledger, cand, placement, chosen)
    for cand in order:
        if len(chosen) >= room:
            break
        if cand.request.id in chosen:
            continue
        for start in cand.team_starts:
            team = _first_fit_team(cand, start, ledger)
            if team is not None:
                _take(ledger, cand, (start, team), chosen)
                break
    return chosen


def _take(ledger: _Ledger, cand: Candidate, placement: Placement, chosen: dict[str, Placement]) -> None:
    start, team = placement
    for trainer in team:
        ledger.take(trainer, *cand.span(trainer, start))
    chosen[cand.request.id] = (start, list(team))


def greedy_plan(problem: PlanningProblem, *, explain_left_out: bool = True) -> Plan:
    """The first-fit plan, with reasons for what it left out; solver figures give its priority points."""
    prepared = prepare_problem(problem)
    chosen = greedy_assignments(prepared)
    scheduled = sum(prepared.candidates[rid].request.priority for rid in chosen) + locked_priority(prepared)
    plan = plan_of(
        prepared, chosen, SolverInfo(status="FEASIBLE", objective=scheduled, bound=scheduled, gap=0.0, seconds=0.0)
    )
    if not explain_left_out:
        return plan
    return plan.model_copy(update={"unscheduled": explain_prepared(prepared, plan)})
