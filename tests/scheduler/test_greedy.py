"""The first-fit baseline: priority first, earliest start, first trainers by id, every hard rule kept."""

from __future__ import annotations

from builders import day, problem, request, small_world, trainer

from scheduler.check import violations
from scheduler.greedy import greedy_plan


def test_greedy_plan_breaks_no_hard_rule() -> None:
    world = small_world()

    assert violations(world, greedy_plan(world)) == []


def test_greedy_plan_takes_requests_by_priority_up_to_the_target() -> None:
    p = problem(requests=[request("r-a", priority=1), request("r-b", priority=5), request("r-c", priority=3)], target=2)

    assert [w.request for w in greedy_plan(p).workshops] == ["r-b", "r-c"]


def test_greedy_plan_first_start_and_first_trainer_by_id() -> None:
    p = problem(trainers=[trainer("t-b"), trainer("t-a")], requests=[request(earliest=day(2))])

    assert [(w.start, w.trainers) for w in greedy_plan(p).workshops] == [(day(2), ["t-a"])]


def test_greedy_plan_skips_a_start_whose_trainer_is_taken() -> None:
    p = problem(requests=[request("r-a", latest=day(1), priority=5), request("r-b", latest=day(1), priority=4)])

    assert [(w.request, w.start) for w in greedy_plan(p).workshops] == [("r-a", day(0)), ("r-b", day(1))]


def test_greedy_plan_objective_is_its_priority_points() -> None:
    p = problem(requests=[request("r-a", priority=2), request("r-b", priority=4)])

    assert greedy_plan(p).solver.objective == 6


def test_greedy_plan_explains_what_it_left_out() -> None:
    p = problem(requests=[request("r-a", priority=2), request("r-b", priority=4)], target=1)

    assert [(u.request, u.rule) for u in greedy_plan(p).unscheduled] == [("r-a", "target")]
