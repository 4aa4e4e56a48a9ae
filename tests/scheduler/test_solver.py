"""The solver as a whole: plan shape, determinism, progress, locked workshops, and quality against greedy."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest
from builders import day, problem, programme, request, small_world, trainer, workshop

from scheduler.check import violations
from scheduler.greedy import greedy_plan
from scheduler.models import Plan
from scheduler.solver import solve

TEAM_OF_THREE = programme("three-way", team={"psychology": 1, "law-enforcement": 1, "criminal-justice": 1})


def without_seconds(plan: Plan) -> str:
    data = json.loads(plan.model_dump_json())
    data["solver"].pop("seconds")
    for phase in data["solver"]["phases"]:
        phase.pop("seconds")
    return json.dumps(data, sort_keys=True)


def scheduled_priority(plan: Plan) -> int:
    return sum(w.priority or 0 for w in plan.workshops)


@pytest.fixture(scope="module")
def world_plan() -> Plan:
    return solve(small_world(), time_limit=5, workers=2, seed=0)


def test_solve_tiny_problem_plan_in_spec_shape() -> None:
    p = problem(requests=[request("r-a", preferred=day(1))])

    data = json.loads(solve(p, time_limit=5, workers=1).model_dump_json())

    assert data["period"] == {"start": "2026-03-01", "end": "2026-03-31", "target": 23}
    assert data["workshops"][0] | {"tz": None} == {
        "id": "W-r-a",
        "request": "r-a",
        "country": "FR",
        "city": "Lyon",
        "programme": "one-day",
        "language": "en",
        "start": "2026-03-03",
        "end": "2026-03-03",
        "days": ["2026-03-03"],
        "trainers": ["t-a"],
        "status": "planned",
        "tz": None,
        "priority": 3,
        "sequence": 0,
    }
    assert data["unscheduled"] == []
    assert data["solver"]["status"] == "OPTIMAL"


def test_solve_time_zone_comes_from_the_country() -> None:
    plan = solve(problem(requests=[request()]), time_limit=5, workers=1)

    assert plan.workshops[0].tz == "Europe/Paris"


def test_solve_objective_is_priority_points_less_a_fraction() -> None:
    plan = solve(problem(requests=[request(priority=4)]), time_limit=5, workers=1)

    assert (math.ceil(plan.solver.objective), plan.solver.bound, plan.solver.gap) == (4, plan.solver.objective, 0.0)


def test_solve_no_requests_gives_an_empty_optimal_plan() -> None:
    plan = solve(problem(), time_limit=5, workers=1)

    assert (plan.workshops, plan.unscheduled, plan.solver.status, plan.solver.objective) == ([], [], "OPTIMAL", 0.0)


def test_solve_workshops_sorted_by_start_then_id() -> None:
    p = problem(
        trainers=[trainer("t-a"), trainer("t-b")],
        requests=[
            request("r-c", latest=day(0)),
            request("r-b", earliest=day(2), latest=day(2)),
            request("r-a", latest=day(0)),
        ],
    )

    plan = solve(p, time_limit=5, workers=1)

    assert [(w.start, w.id) for w in plan.workshops] == [(day(0), "W-r-a"), (day(0), "W-r-c"), (day(2), "W-r-b")]


def test_solve_team_listed_in_programme_slot_order() -> None:
    team = [trainer("t-1", expertise=["criminal-justice"]), trainer("t-2", expertise=["psychology"]), trainer("t-3")]
    p = problem(trainers=team, requests=[request(programme="three-way")], programmes=[TEAM_OF_THREE])

    plan = solve(p, time_limit=5, workers=1)

    assert plan.workshops[0].trainers == ["t-3", "t-1", "t-2"]  # law-enforcement, criminal-justice, psychology


def test_solve_multi_day_workshop_lists_every_day() -> None:
    p = problem(requests=[request(programme="three", latest=day(4))], programmes=[programme("three", days=3)])

    plan = solve(p, time_limit=5, workers=1)

    assert plan.workshops[0].days in ([day(0), day(1), day(2)], [day(1), day(2), day(3)], [day(2), day(3), day(4)])


def test_solve_keeps_locked_workshops_as_they_are() -> None:
    locked = workshop("r-old", start=day(3), status="confirmed")
    p = problem(requests=[request("r-a", latest=day(4))], locked=[locked])

    plan = solve(p, time_limit=5, workers=1)

    assert [w.id for w in plan.workshops] == ["W-r-a", "W-r-old"]
    assert plan.workshops[1] == locked


def test_solve_reports_progress_in_priority_points() -> None:
    seen: list[tuple[float, float, float]] = []

    solve(problem(requests=[request(priority=5)]), time_limit=5, workers=1, progress=lambda *a: seen.append(a))

    assert [math.ceil(objective) for objective, _, _ in seen][-1:] == [5]
    assert all(bound >= objective and seconds >= 0 for objective, bound, seconds in seen)


def test_solve_same_seed_gives_the_same_plan(world_plan: Plan) -> None:
    again = solve(small_world(), time_limit=5, workers=2, seed=0)

    assert without_seconds(again) == without_seconds(world_plan)


def test_solve_world_plan_breaks_no_hard_rule(world_plan: Plan) -> None:
    assert violations(small_world(), world_plan) == []


def test_solve_world_plan_at_least_as_good_as_greedy(world_plan: Plan) -> None:
    greedy = greedy_plan(small_world())

    assert scheduled_priority(world_plan) >= scheduled_priority(greedy)
    assert world_plan.solver.objective >= greedy.solver.objective - 1


def test_solve_world_plan_explains_every_request_left_out(world_plan: Plan) -> None:
    world = small_world()
    planned = {w.request for w in world_plan.workshops}

    assert sorted(u.request for u in world_plan.unscheduled) == sorted(
        r.id for r in world.requests if r.id not in planned
    )


def test_solve_plan_does_not_depend_on_the_worker_count(world_plan: Plan) -> None:
    alone = solve(small_world(), time_limit=5, workers=1, seed=0)

    assert without_seconds(alone) == without_seconds(world_plan)


def test_solve_locked_workshop_outside_the_period_does_not_count_towards_the_target() -> None:
    earlier = workshop("r-old", start=date(2026, 2, 2), status="delivered")
    p = problem(requests=[request("r-a")], locked=[earlier], target=1)

    plan = solve(p, time_limit=5, workers=1)

    assert [w.id for w in plan.workshops] == ["W-r-a"]
