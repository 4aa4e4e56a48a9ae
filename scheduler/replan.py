"""Minimal-change re-planning: plan again after something changed, keeping all of the current plan it can.

The current plan comes in as `previous`. Confirmed and delivered workshops of it never move (they join
`locked`); the planned ones may, but the objective counts every previous workshop that moves, changes team or
drops out, right after priority and before every other goal, so the new plan changes only what the new facts
(a trainer away, a dropped request) or a higher priority force. The result comes with a diff a coordinator
can read line by line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from scheduler.models import Plan, Workshop
from scheduler.problem import FIXED_STATUSES, PlanningProblem, locked_in_period
from scheduler.solver import Progress, solve
from scheduler.statuses import LOCKED_STATUSES

_LOCKING = frozenset(LOCKED_STATUSES)


class Change(BaseModel):
    """One workshop before and after re-planning (None where it did not exist)."""

    model_config = ConfigDict(frozen=True)

    workshop: str
    before: Workshop | None = None
    after: Workshop | None = None
    reason: str | None = None
    """For a dropped workshop: why its request is no longer in the plan."""


class PlanDiff(BaseModel):
    """What re-planning changed: workshops moved (dates), re-staffed (team), dropped and added."""

    model_config = ConfigDict(frozen=True)

    moved: list[Change] = []
    restaffed: list[Change] = []
    dropped: list[Change] = []
    added: list[Change] = []
    unchanged: int = 0

    def changed(self) -> int:
        """How many workshops changed in any way (one that moved and changed team counts once)."""
        ids = {c.workshop for group in (self.moved, self.restaffed, self.dropped, self.added) for c in group}
        return len(ids)

    def lines(self) -> list[str]:
        """The diff for people: one line per change, then how many workshops stayed as they were."""
        lines = [f"moved {c.workshop}: {_dates(c.before)} -> {_dates(c.after)}" for c in self.moved]
        lines += [f"re-staffed {c.workshop}: {_team(c.before)} -> {_team(c.after)}" for c in self.restaffed]
        lines += [
            f"dropped {c.workshop} (was {_dates(c.before)})" + (f": {c.reason}" if c.reason else "")
            for c in self.dropped
        ]
        lines += [f"added {c.workshop}: {_dates(c.after)}, {_team(c.after)}" for c in self.added]
        if not lines:
            return [f"no changes: all {self.unchanged} workshops stay as they were"]
        return [*lines, f"{self.unchanged} workshops unchanged"]


def _dates(workshop: Workshop | None) -> str:
    if workshop is None:
        return "-"
    return str(workshop.start) if workshop.start == workshop.end else f"{workshop.start} to {workshop.end}"


def _team(workshop: Workshop | None) -> str:
    return "-" if workshop is None else ", ".join(workshop.trainers)


def diff_plans(
    before: Sequence[Workshop], after: Sequence[Workshop], reasons: dict[str, str] | None = None
) -> PlanDiff:
    """Compare two lists of workshops by id; cancelled workshops count as absent.

    `reasons` maps request ids to why they are out of the new plan, for the dropped lines.
    """
    old = {w.id: w for w in before if w.status != "cancelled"}
    new = {w.id: w for w in after if w.status != "cancelled"}
    reasons = reasons or {}
    moved, restaffed, unchanged = [], [], 0
    for wid in sorted(old.keys() & new.keys()):
        a, b = old[wid], new[wid]
        if a.days != b.days:
            moved.append(Change(workshop=wid, before=a, after=b))
        if sorted(a.trainers) != sorted(b.trainers):
            restaffed.append(Change(workshop=wid, before=a, after=b))
        unchanged += a.days == b.days and sorted(a.trainers) == sorted(b.trainers)
    dropped = [
        Change(workshop=w, before=old[w], reason=reasons.get(old[w].request)) for w in sorted(old.keys() - new.keys())
    ]
    added = [Change(workshop=w, after=new[w]) for w in sorted(new.keys() - old.keys())]
    return PlanDiff(moved=moved, restaffed=restaffed, dropped=dropped, added=added, unchanged=unchanged)


def with_previous(problem: PlanningProblem) -> PlanningProblem:
    """The problem with the previous plan split: confirmed/delivered workshops locked, planned ones to keep.

    Planned workshops of other periods are not this plan's to keep (their requests are other requests).
    """
    locked_ids = {w.id for w in problem.locked}
    fixed = [w for w in problem.previous if w.status in _LOCKING and w.id not in locked_ids]
    movable = [
        w
        for w in _in_period(problem, problem.previous)
        if w.status in FIXED_STATUSES - _LOCKING and w.id not in locked_ids
    ]
    return dataclasses.replace(problem, locked=[*problem.locked, *fixed], previous=movable)


def replan(
    problem: PlanningProblem,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    workers: int = 8,
    progress: Progress | None = None,
) -> tuple[Plan, PlanDiff]:
    """Plan again from `problem.previous`, honouring `away` and `dropped`, and say what changed.

    After priority the fewest previous workshops move, change team or drop out; locked ones stay as they are.
    The diff covers the period only: locked workshops of other periods block their trainers but are never
    reported as dropped.
    """
    prepared = with_previous(problem)
    plan = solve(prepared, seed=seed, time_limit=time_limit, workers=workers, progress=progress)
    reasons = {u.request: u.reason for u in plan.unscheduled}
    earlier = _in_period(problem, problem.previous)
    known = {w.id for w in earlier}
    ours = locked_in_period(dataclasses.replace(prepared, previous=()))
    before = [*earlier, *(w for w in ours if w.id not in known)]
    return plan, diff_plans(before, plan.workshops, reasons)


def _in_period(problem: PlanningProblem, workshops: Sequence[Workshop]) -> list[Workshop]:
    period = problem.period
    return [w for w in workshops if w.start <= period.end and w.end >= period.start]
