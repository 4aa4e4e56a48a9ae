"""Every hard rule of SPEC 4 binds: switched off (its precomputed filter with it), the plan breaks it.

For each rule a tiny problem where the rule decides the outcome is solved twice through `solve`, as users get
plans: once as is, when the independent checker (`scheduler.check.violations`) finds nothing, and once with
the rule in `PlanningProblem.disabled`, when the checker names exactly what that rule forbids. A rule whose
code (model constraint and precomputed filter) were gone would make the first half fail; a switch that left a
filter in place would make the second half fail. Rules kept both by a filter and by the model are also solved
with only the filter off (`PlanningProblem.unfiltered`), so that a model constraint gone fails a test too.
The rule names come from the code, so a new rule without a case here fails
`test_rule_cases_cover_every_hard_rule`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest
from builders import PERIOD, day, problem, programme, request, trainer, workshop

from scheduler.check import violations
from scheduler.hard_rules import HARD_RULES, MODEL_BACKED
from scheduler.models import Period, Plan, Request, Workshop
from scheduler.problem import PlanningProblem
from scheduler.rules import HARD, SWITCH, one_start_per_scheduled_request
from scheduler.solver import solve

PAIR = programme("pair", team={"law-enforcement": 2})
DUO = programme("duo", team={"law-enforcement": 1, "psychology": 1})
APRIL = Period(start=date(2026, 4, 1), end=date(2026, 4, 30), target=23)
SAT_TO_MON = Period(start=day(5), end=day(7), target=23)


@dataclass(frozen=True)
class Case:
    """A problem in which `rule` decides the plan, and what the checker says of the plan made without it."""

    id: str
    rule: str
    problem: PlanningProblem
    broken: list[str]


def only_on(offset: int, rid: str = "r-a", **fields: Any) -> Request:
    """A one-day request whose window is the single day `offset` days after Monday 2 March 2026."""
    return request(rid, earliest=day(offset), latest=day(offset), **fields)


def confirmed(rid: str, offset: int) -> Workshop:
    return workshop(rid, start=day(offset), status="confirmed")


def world(*requests: Request, **fields: Any) -> PlanningProblem:
    return problem(requests=requests, **fields)


CASES = [
    Case(
        "weekend",
        "weekend",
        world(only_on(5)),  # Saturday
        ["W-r-a: 2026-03-07 is not a working day in FR"],
    ),
    Case(
        "holiday",
        "holiday",
        world(request(earliest=date(2026, 4, 6), latest=date(2026, 4, 6)), period=APRIL),  # Easter Monday
        ["W-r-a: 2026-04-06 is not a working day in FR"],
    ),
    Case(
        "blackout",
        "blackout",
        world(only_on(0), period=PERIOD.model_copy(update={"blackouts": [(day(0), day(0))]})),
        ["W-r-a: 2026-03-02 is not a working day in FR"],
    ),
    Case(
        "ramadan",
        "ramadan",
        world(only_on(0, avoid=["ramadan"])),  # Ramadan 1447 runs from 18 February to 19 March 2026
        ["W-r-a: 2026-03-02 is not a working day in FR"],
    ),
    Case(
        "window",
        "window",
        world(request(earliest=day(5), latest=day(6)), period=SAT_TO_MON),  # the window holds only a weekend
        ["W-r-a: 2026-03-09 to 2026-03-09 is outside its window or the period"],
    ),
    Case(
        "period",
        "period",
        world(only_on(0), period=PERIOD.model_copy(update={"start": day(1)})),
        ["W-r-a: 2026-03-02 to 2026-03-02 is outside its window or the period"],
    ),
    Case(
        "team-size",
        "team-size",
        world(only_on(0, programme="duo"), programmes=[DUO]),  # nobody has psychology
        ["W-r-a: 0 trainers for 2 places"],
    ),
    Case(
        "distinct-trainers",
        "distinct-trainers",
        world(only_on(0, programme="pair"), programmes=[PAIR]),  # one trainer for a team of two
        ["W-r-a: a trainer fills two places"],
    ),
    Case(
        "expertise",
        "expertise",
        world(only_on(0), trainers=[trainer("t-psy", expertise=["psychology"])]),
        ["W-r-a: t-psy lacks law-enforcement expertise"],
    ),
    Case(
        "language",
        "language",
        world(only_on(0, language="fr")),  # the trainer speaks English only, no interpretation
        ["W-r-a: t-a does not speak fr"],
    ),
    Case(
        "overlap",
        "overlap",
        world(only_on(0, priority=4), only_on(0, "r-b")),
        ["t-a: spans of W-r-a and W-r-b overlap (travel included)"],
    ),
    Case(
        "overlap-travel-days",
        "overlap",
        world(only_on(0, priority=4), only_on(1, "r-b"), trainers=[trainer(home="DE")]),  # Sun-Tue and Mon-Wed
        ["t-a: spans of W-r-a and W-r-b overlap (travel included)"],
    ),
    Case(
        "unavailable",
        "unavailable",
        world(only_on(0), trainers=[trainer(unavailable=[(day(0), day(0))])]),
        ["t-a: W-r-a meets an unavailable range 2026-03-02 to 2026-03-02"],
    ),
    Case(
        "unavailable-travel-day",
        "unavailable",
        world(only_on(0), trainers=[trainer(home="DE", unavailable=[(day(-1), day(-1))])]),
        ["t-a: W-r-a meets an unavailable range 2026-03-01 to 2026-03-01"],
    ),
    Case(
        "unavailable-away",
        "unavailable",
        world(only_on(0), away=[("t-a", day(0), day(0))]),
        ["t-a: W-r-a meets an away range 2026-03-02 to 2026-03-02"],
    ),
    Case(
        "max-workshops",
        "max-workshops",
        world(only_on(0, priority=4), only_on(1, "r-b"), trainers=[trainer(max_workshops=1)]),
        ["t-a: 2 workshops, above max_workshops 1"],
    ),
    Case(
        "max-workshops-counts-locked",
        "max-workshops",
        world(only_on(1), trainers=[trainer(max_workshops=1)], locked=[confirmed("r-old", 0)]),
        ["t-a: 2 workshops, above max_workshops 1"],
    ),
    Case(
        "target",
        "target",
        world(only_on(0, priority=4), only_on(1, "r-b"), target=1),
        ["2 workshops, above the target of 1"],
    ),
    Case(
        "target-counts-locked",
        "target",
        world(only_on(1), target=1, locked=[confirmed("r-old", 0)]),
        ["2 workshops, above the target of 1"],
    ),
    Case(
        "locked-never-moves",
        "locked",
        world(only_on(0), locked=[confirmed("r-a", 2)]),  # confirmed on Wednesday, outside today's window
        ["W-r-a: a confirmed workshop moved, changed team or went missing"],
    ),
    Case(
        "locked-holds-its-trainer-on-travel-days",
        "locked",
        world(only_on(1), trainers=[trainer(home="DE")], locked=[confirmed("r-old", 0)]),
        [
            "W-r-old: a confirmed workshop moved, changed team or went missing",
            "t-a: spans of W-r-old and W-r-a overlap (travel included)",
        ],
    ),
]


def plan_of(p: PlanningProblem) -> Plan:
    return solve(p, time_limit=5, workers=1)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_switched_off_the_plan_breaks_exactly_that_rule(case: Case) -> None:
    off = replace(case.problem, disabled=frozenset({case.rule}))

    plan = plan_of(off)

    assert violations(case.problem, plan) == case.broken


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_switched_on_the_plan_keeps_it(case: Case) -> None:
    plan = plan_of(case.problem)

    assert violations(case.problem, plan) == []


BACKED = [c for c in CASES if c.rule in MODEL_BACKED]


@pytest.mark.parametrize("case", BACKED, ids=[c.id for c in BACKED])
def test_rule_filter_off_the_model_alone_keeps_it(case: Case) -> None:
    unfiltered = replace(case.problem, unfiltered=frozenset({case.rule}))

    plan = plan_of(unfiltered)

    assert (violations(case.problem, plan), plan.workshops) == ([], plan_of(case.problem).workshops)


def test_rule_cases_cover_every_hard_rule() -> None:
    assert sorted({c.rule for c in CASES}) == sorted(HARD_RULES)


def test_rule_switches_name_every_model_rule_but_the_frame() -> None:
    switched = [rule for rule in HARD if rule is not one_start_per_scheduled_request]

    assert list(SWITCH) == switched
    assert set(MODEL_BACKED) <= set(SWITCH.values()) <= set(HARD_RULES)


def test_rule_switches_unknown_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown hard rules \\['weekends'\\]"):
        problem(disabled=frozenset({"weekends"}))


def test_rule_switches_filter_without_a_model_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="no model rule backs the filter of \\['weekend'\\]"):
        problem(unfiltered=frozenset({"weekend"}))
