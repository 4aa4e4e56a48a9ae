"""Minimal-change re-planning: nothing moves without a reason, and only what the reason touches changes."""

from __future__ import annotations

import dataclasses

from builders import day, problem, request, trainer, workshop

from scheduler.explain import TAKEN_OUT
from scheduler.models import Plan
from scheduler.problem import PlanningProblem
from scheduler.replan import Change, PlanDiff, diff_plans, replan
from scheduler.solver import solve


def two_week_problem(**extra: object) -> PlanningProblem:
    """Two one-day workshops in different weeks, three interchangeable trainers."""
    return problem(
        trainers=[trainer("t-a"), trainer("t-b"), trainer("t-c")],
        requests=[
            request("r-a", latest=day(4), priority=4),
            request("r-b", earliest=day(7), latest=day(11), priority=3),
        ],
        **extra,
    )


def current_plan(p: PlanningProblem) -> Plan:
    return solve(p, time_limit=5, workers=1)


def test_replan_nothing_changed_moves_nothing() -> None:
    p = two_week_problem()
    before = current_plan(p)

    plan, diff = replan(dataclasses.replace(p, previous=before.workshops), time_limit=5, workers=1)

    assert plan.workshops == before.workshops
    assert diff.lines() == ["no changes: all 2 workshops stay as they were"]


def test_replan_trainer_away_changes_only_the_workshop_it_touches() -> None:
    p = two_week_problem()
    before = current_plan(p)
    hit = before.workshops[0]
    away = [(hit.trainers[0], hit.start, hit.start)]

    plan, diff = replan(dataclasses.replace(p, previous=before.workshops, away=away), time_limit=5, workers=1)

    assert diff.changed() == 1
    assert [c.workshop for c in diff.moved + diff.restaffed] == [hit.id]
    assert plan.workshops[1] == before.workshops[1]


def test_replan_keeps_confirmed_workshops_even_when_the_trainer_is_needed() -> None:
    confirmed = workshop("r-a", start=day(2), trainers=["t-a"], status="confirmed", priority=4)
    p = problem(requests=[request("r-a", latest=day(4), priority=4, preferred=day(0))], previous=[confirmed])

    plan, diff = replan(p, time_limit=5, workers=1)

    assert plan.workshops == [confirmed]
    assert diff.changed() == 0


def test_replan_dropped_request_is_listed_with_its_reason() -> None:
    p = two_week_problem()
    before = current_plan(p)

    _, diff = replan(dataclasses.replace(p, previous=before.workshops, dropped={"r-b"}), time_limit=5, workers=1)

    assert [(c.workshop, c.reason) for c in diff.dropped] == [("W-r-b", TAKEN_OUT)]
    assert diff.moved + diff.restaffed + diff.added == []


def test_replan_freed_capacity_adds_a_waiting_request() -> None:
    p = problem(requests=[request("r-a", priority=5), request("r-b", priority=2)], target=1)
    before = current_plan(p)
    wider = dataclasses.replace(p, period=p.period.model_copy(update={"target": 2}), previous=before.workshops)

    _, diff = replan(wider, time_limit=5, workers=1)

    assert ([c.workshop for c in diff.added], diff.moved, diff.restaffed) == (["W-r-b"], [], [])


def test_diff_plans_reads_as_lines() -> None:
    a = workshop("r-a", start=day(0), trainers=["t-a"])
    b = workshop("r-b", start=day(1), trainers=["t-a"])
    c = workshop("r-c", start=day(2), trainers=["t-b"])

    diff = diff_plans(
        [a, b, c],
        [
            a.model_copy(update={"start": day(3), "end": day(3), "days": [day(3)]}),
            b.model_copy(update={"trainers": ["t-c"]}),
            workshop("r-d", start=day(4), trainers=["t-d"]),
        ],
        {"r-c": TAKEN_OUT},
    )

    assert diff.lines() == [
        "moved W-r-a: 2026-03-02 -> 2026-03-05",
        "re-staffed W-r-b: t-a -> t-c",
        f"dropped W-r-c (was 2026-03-04): {TAKEN_OUT}",
        "added W-r-d: 2026-03-06, t-d",
        "0 workshops unchanged",
    ]


def test_diff_plans_same_team_in_another_order_is_not_restaffed() -> None:
    a = workshop("r-a", trainers=["t-a", "t-b"])

    assert diff_plans([a], [a.model_copy(update={"trainers": ["t-b", "t-a"]})]) == PlanDiff(unchanged=1)


def test_diff_plans_cancelled_workshops_count_as_absent() -> None:
    a = workshop("r-a", status="cancelled")

    assert diff_plans([a], [a]) == PlanDiff()


def test_plan_diff_changed_counts_a_workshop_once() -> None:
    a = workshop("r-a")
    diff = PlanDiff(
        moved=[Change(workshop=a.id, before=a, after=a)], restaffed=[Change(workshop=a.id, before=a, after=a)]
    )

    assert diff.changed() == 1


def test_replan_locked_workshops_given_apart_are_not_reported_as_added() -> None:
    confirmed = workshop("r-old", start=day(3), status="confirmed")
    p = two_week_problem(locked=[confirmed])
    before = current_plan(p)
    movable = [w for w in before.workshops if w.status == "planned"]

    _, diff = replan(dataclasses.replace(p, previous=movable), time_limit=5, workers=1)

    assert (diff.changed(), diff.unchanged) == (0, 3)


def test_replan_reports_nothing_of_another_period() -> None:
    from datetime import date

    last_year = workshop("r-a", start=date(2025, 3, 3), status="confirmed")
    last_year_planned = workshop("r-b", start=date(2025, 3, 10), status="planned")
    kept = workshop("r-a", start=day(0)).model_copy(update={"id": "W-r-a-2026"})
    p = problem(
        requests=[request()],
        locked=[last_year],
        previous=[last_year, last_year_planned, kept],
        workshop_ids={"r-a": "W-r-a-2026"},
    )

    plan, diff = replan(p, time_limit=5)

    assert [w.id for w in plan.workshops] == ["W-r-a-2026"]
    assert diff.lines() == ["no changes: all 1 workshops stay as they were"]
