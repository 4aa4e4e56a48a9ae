"""The hard rules of SPEC 4 by name, so that tests can switch each off and show through the plan that it binds.

A rule may live in two places: a filter in `scheduler.problem` that leaves impossible choices out before any
variable exists, and a constraint in `scheduler.rules`. A test of the rule that leaves the filter on passes
with the constraint gone; so `PlanningProblem.disabled` switches a rule off in both places, and
`PlanningProblem.unfiltered` switches only the filter off to show the model keeps the rule by itself.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from scheduler.calendars import REASONS

HARD_RULES: tuple[str, ...] = (
    *REASONS,
    "window",
    "period",
    "team-size",
    "distinct-trainers",
    "expertise",
    "language",
    "overlap",
    "unavailable",
    "max-workshops",
    "target",
    "locked",
)
"""The hard rules of SPEC 4 by name: the calendar's (weekends, public holidays, blackouts, Ramadan when avoided),
the window and the period, one trainer per place, distinct trainers, expertise, language (unless interpreted),
no overlapping spans, no span in an unavailable or away range, `max_workshops`, `target`, locked workshops.
Each can be switched off, its precomputed filter with it, through `PlanningProblem.disabled`."""
MODEL_BACKED: tuple[str, ...] = (
    "team-size",
    "distinct-trainers",
    "expertise",
    "language",
    "unavailable",
    "max-workshops",
    "locked",
)
"""Hard rules that the precomputation filters and the model enforces as well, so that either alone keeps them;
`PlanningProblem.unfiltered` turns the filter off to show the model's half. The calendar, window and period
live only in the precomputed starts, overlap and target only in the model."""


def check_switches(disabled: AbstractSet[str], unfiltered: AbstractSet[str]) -> None:
    """Refuse a misspelt rule name, which would otherwise switch nothing off and let a test pass for nothing."""
    unknown = sorted(set(disabled) - set(HARD_RULES))
    if unknown:
        raise ValueError(f"unknown hard rules {unknown}; the rules are {', '.join(HARD_RULES)}")
    unbacked = sorted(set(unfiltered) - set(MODEL_BACKED))
    if unbacked:
        raise ValueError(f"no model rule backs the filter of {unbacked}; only {', '.join(MODEL_BACKED)}")
