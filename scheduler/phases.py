"""The steps of the lexicographic solve (SPEC 4) between CP-SAT runs: fix, hint, fix dates, add trips.

`scheduler.solver` runs the phases; what happens to the model between two of them lives here: the reached
objective becomes a constraint, the plan found becomes the next complete hint, the travel goal is split in
a dates-kept step and a free one, and the km of trips join the model once priority is settled.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import date

from ortools.sat.python import cp_model

from scheduler.rules import Goal, Variables, trainer_load_spread
from scheduler.trip_rules import add_trips, hint_trips


def hint_values(v: Variables, solver: cp_model.CpSolver) -> None:
    """Hint every variable of the model with its value in the solver's last solution."""
    model = v.model
    values = [
        (model.get_int_var_from_proto_index(k), solver.value(model.get_int_var_from_proto_index(k)))
        for k in range(len(model.proto.variables))
    ]
    model.clear_hints()
    for var, value in values:
        model.add_hint(var, value)


def fix(v: Variables, goal: Goal, solver: cp_model.CpSolver) -> None:
    """Keep what a phase reached: its objective may not get worse in the phases that follow."""
    reached = round(solver.objective_value)
    v.model.add(goal.expression >= reached if goal.maximise else goal.expression <= reached)


DATES_KEPT = "travel-teams"
"""The travel phase starts with a step that keeps every workshop's dates and changes only teams (and so
trips): a much smaller search that finds most of the km a better team saves, measured on the M and L
periods; the travel phase proper then moves dates too."""


def steps_of(goals: list[Goal], *, travel: bool) -> list[Goal]:
    """The phases to run: the goals, with the travel goal split in two when trips are planned."""
    steps: list[Goal] = []
    for goal in goals:
        if goal.name == "travel" and travel:
            steps.append(dataclasses.replace(goal, name=DATES_KEPT, share=goal.share / 3))
            steps.append(dataclasses.replace(goal, share=goal.share * 2 / 3))
        else:
            steps.append(goal)
    return steps


def keep_dates(v: Variables, solver: cp_model.CpSolver | None) -> dict[int, list[int]]:
    """Fix every start and presence literal to its value in the solver's plan; their domains as they were."""
    saved: dict[int, list[int]] = {}
    if solver is None:
        return saved
    for rid, starts in v.x.items():
        for literal in (v.present[rid], *starts.values()):
            domain = v.model.proto.variables[literal.index].domain
            saved[literal.index] = list(domain)
            value = solver.value(literal)
            domain[0], domain[1] = value, value  # a literal's domain is [0, 1]
    return saved


def release(v: Variables, saved: dict[int, list[int]]) -> None:
    """Give the literals `keep_dates` fixed their domains back."""
    for index, (low, high) in saved.items():
        domain = v.model.proto.variables[index].domain
        domain[0], domain[1] = low, high


def with_trips(v: Variables, goal: Goal, chosen: dict[str, tuple[date, list[str]]], *, trips: bool = True) -> Goal:
    """A travel goal with even load and (unless `trips` is false) the km of trips added.

    Both join the model the first time (hinted from the previous phase's plan) and are reused after.
    """
    if goal.name not in ("travel", DATES_KEPT):
        return goal
    if v.spread is None:
        v.spread = trainer_load_spread(v)[0]
        hint_load(v, chosen)
    if trips and v.trips is None:
        max_gap = v.prepared.problem.max_gap_days
        v.trips = add_trips(v, max_gap, chosen)
        hint_trips(v, v.trips, chosen, max_gap)
    if goal.km_added:
        return goal
    extra = v.spread + v.trips.km if trips else v.spread
    return dataclasses.replace(goal, expression=goal.expression + extra, km_added=True)


def hint_load(v: Variables, chosen: Mapping[str, tuple[date, Sequence[str]]]) -> None:
    """Hint the even-load literals (`trainer_load_spread`) from placements: the k-th true up to the count."""
    load: dict[str, int] = {}
    for _, team in chosen.values():
        for trainer in team:
            load[trainer] = load.get(trainer, 0) + 1
    for trainer, chain in v.load.items():
        for k, literal in enumerate(chain, start=1):
            v.model.add_hint(literal, k <= load.get(trainer, 0))
