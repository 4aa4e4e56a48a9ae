"""Re-staffing confirmed workshops: an absent trainer is swapped for a qualified, free one, or reported."""

from __future__ import annotations

import dataclasses
from typing import Any

from builders import day, problem, programme, request, trainer, workshop

from scheduler.check import violations
from scheduler.models import Trainer, Workshop
from scheduler.problem import PlanningProblem
from scheduler.replan import replan
from scheduler.restaff import Conflict, restaff, with_restaffed


def confirmed(request_id: str = "r-a", *, trainers: tuple[str, ...] = ("t-a",), **extra: Any) -> Workshop:
    """A confirmed workshop on Wednesday 4 March."""
    return workshop(request_id, start=day(2), trainers=trainers, status="confirmed", **extra)


def one_confirmed(*pool: Trainer, away: tuple[int, int] = (2, 2), **extra: Any) -> PlanningProblem:
    """One confirmed one-day workshop on Wednesday 4 March held by t-a, who is away on the given day offsets."""
    return problem(
        trainers=list(pool) or [trainer("t-a"), trainer("t-b")],
        requests=[request("r-a")],
        locked=[confirmed()],
        away=[("t-a", day(away[0]), day(away[1]))],
        **extra,
    )


def test_restaff_absent_trainer_replaced_with_sequence_raised_and_reason() -> None:
    found = restaff(one_confirmed())

    [change] = found.restaffed
    assert (change.workshop, change.after.trainers, change.after.sequence) == ("W-r-a", ["t-b"], 1)
    assert change.after.days == change.before.days
    assert change.reason == "re-staffed: t-a away 2026-03-04..2026-03-04 -> t-b"
    assert found.conflicts == []


def test_restaff_nobody_qualifies_reports_conflict_naming_trainer_and_days() -> None:
    found = restaff(one_confirmed(trainer("t-a"), trainer("t-b", expertise=["psychology"]), away=(1, 5)))

    assert found.restaffed == []
    assert found.conflicts == [
        Conflict(
            workshop="W-r-a",
            trainer="t-a",
            first=day(1),
            last=day(5),
            expertise="law-enforcement",
            reason="no other trainer with law-enforcement expertise who speaks en",
        )
    ]
    assert found.conflicts[0].line() == (
        "CONFLICT W-r-a: t-a away 2026-03-03..2026-03-07; no other trainer with law-enforcement expertise who speaks en"
    )


def test_restaff_everyone_busy_conflict_says_they_are_taken() -> None:
    busy = trainer("t-b", unavailable=[(day(2), day(2))])

    found = restaff(one_confirmed(trainer("t-a"), busy))

    assert [c.reason for c in found.conflicts] == [
        "every other trainer with law-enforcement expertise who speaks en (t-b) is busy, away or at their "
        "workshop limit on 2026-03-04..2026-03-04 (travel days included)"
    ]


def test_restaff_absence_on_a_travel_day_only_still_replaces() -> None:
    abroad = confirmed(country="ES")
    p = problem(
        trainers=[trainer("t-a"), trainer("t-b", home="ES")],
        requests=[request("r-a", country="ES")],
        locked=[abroad],
        away=[("t-a", day(1), day(1))],
    )

    found = restaff(p)

    assert [c.after.trainers for c in found.restaffed] == [["t-b"]]


def test_restaff_absence_outside_the_span_changes_nothing() -> None:
    found = restaff(one_confirmed(away=(4, 6)))

    assert (found.restaffed, found.conflicts) == ([], [])


def test_restaff_replacement_needs_the_slot_expertise() -> None:
    pool = [trainer("t-a"), trainer("t-b", expertise=["psychology"]), trainer("t-z")]

    found = restaff(one_confirmed(*pool))

    assert [c.after.trainers for c in found.restaffed] == [["t-z"]]


def test_restaff_replacement_fills_the_absent_trainers_slot_of_a_mixed_team() -> None:
    team = programme("pair", team={"law-enforcement": 1, "psychology": 1})
    pool = [
        trainer("t-a"),
        trainer("t-p", expertise=["psychology"]),
        trainer("t-q", expertise=["psychology"]),
        trainer("t-b"),
    ]
    p = problem(
        trainers=pool,
        requests=[request("r-a", programme="pair")],
        programmes=[team],
        locked=[confirmed(trainers=("t-a", "t-p"), programme="pair")],
        away=[("t-p", day(2), day(2))],
    )

    found = restaff(p)

    assert [c.after.trainers for c in found.restaffed] == [["t-a", "t-q"]]


def test_restaff_replacement_speaks_the_language_unless_interpreted() -> None:
    pool = [trainer("t-a"), trainer("t-b", languages=["fr"])]
    interpreted = dataclasses.replace(one_confirmed(*pool), requests=[request("r-a", interpretation=True)])

    plain = restaff(one_confirmed(*pool))
    with_interpreter = restaff(interpreted)

    assert [c.trainer for c in plain.conflicts] == ["t-a"]
    assert [c.after.trainers for c in with_interpreter.restaffed] == [["t-b"]]


def test_restaff_replacement_free_including_travel_days() -> None:
    # t-b's planned workshop in Spain on Thursday takes Wednesday as a travel day, the day of the confirmed one;
    # t-c has as many workshops, so only the travel day keeps t-b out
    pool = [trainer("t-a"), trainer("t-b"), trainer("t-c")]
    planned = [
        workshop("r-b", start=day(3), trainers=["t-b"], country="ES"),
        workshop("r-c", start=day(9), trainers=["t-c"]),
    ]
    p = one_confirmed(*pool, previous=planned)

    found = restaff(p)

    assert [c.after.trainers for c in found.restaffed] == [["t-c"]]


def test_restaff_replacement_under_max_workshops() -> None:
    pool = [trainer("t-a"), trainer("t-b", max_workshops=1), trainer("t-c", max_workshops=2)]
    held = [
        workshop("r-b", start=day(9), trainers=["t-b"], status="confirmed"),
        workshop("r-c", start=day(10), trainers=["t-c"], status="confirmed"),
    ]

    found = restaff(one_confirmed(*pool, previous=held))

    assert [c.after.trainers for c in found.restaffed] == [["t-c"]]


def test_restaff_prefers_fewest_workshops_then_id() -> None:
    pool = [trainer("t-a"), trainer("t-b"), trainer("t-c"), trainer("t-d")]
    planned = [
        workshop("r-b", start=day(9), trainers=["t-b"]),
        workshop("r-c", start=day(9), trainers=["t-c"]),
        workshop("r-d", start=day(10), trainers=["t-b"]),
    ]

    by_load = restaff(one_confirmed(*pool, previous=planned))
    by_id = restaff(one_confirmed(*pool[:3], previous=planned[:2]))

    assert [c.after.trainers for c in by_load.restaffed] == [["t-d"]]
    assert [c.after.trainers for c in by_id.restaffed] == [["t-b"]]


def test_restaff_takes_a_trainer_with_a_planned_workshop_when_nobody_else_is_free() -> None:
    pool = [trainer("t-a"), trainer("t-b")]
    planned = workshop("r-b", start=day(2), trainers=["t-b"])

    found = restaff(one_confirmed(*pool, previous=[planned]))

    assert [c.after.trainers for c in found.restaffed] == [["t-b"]]


def test_restaff_never_touches_delivered_or_planned_workshops() -> None:
    delivered = workshop("r-a", start=day(2), trainers=["t-a"], status="delivered")
    planned = workshop("r-b", start=day(2), trainers=["t-a"])
    p = problem(
        trainers=[trainer("t-a"), trainer("t-b")],
        requests=[request("r-a"), request("r-b")],
        locked=[delivered],
        previous=[planned],
        away=[("t-a", day(2), day(2))],
    )

    found = restaff(p)

    assert (found.restaffed, found.conflicts) == ([], [])


def test_restaff_second_workshop_sees_the_first_replacement_as_taken() -> None:
    pool = [trainer("t-a"), trainer("t-b"), trainer("t-c")]
    p = problem(
        trainers=pool,
        requests=[request("r-a"), request("r-b")],
        locked=[confirmed("r-a", trainers=("t-a",)), confirmed("r-b", trainers=("t-c",))],
        away=[("t-a", day(2), day(2)), ("t-c", day(2), day(2))],
    )

    found = restaff(p)

    assert [(c.workshop, c.after.trainers) for c in found.restaffed] == [("W-r-a", ["t-b"])]
    assert [(c.workshop, c.trainer) for c in found.conflicts] == [("W-r-b", "t-c")]


def test_restaff_then_replan_lists_the_change_and_breaks_no_rule() -> None:
    pool = [trainer("t-a"), trainer("t-b")]
    p = one_confirmed(*pool, previous=[confirmed()])

    plan, diff = replan(with_restaffed(p, restaff(p)), time_limit=5, workers=1)

    assert [(w.id, w.trainers) for w in plan.workshops] == [("W-r-a", ["t-b"])]
    assert diff.lines() == ["re-staffed W-r-a: t-a -> t-b", "0 workshops unchanged"]
    assert violations(with_restaffed(p, restaff(p)), plan) == []


def test_restaff_two_absent_trainers_both_replaced_when_a_matching_exists() -> None:
    # t-x could take either place and comes first by id; only t-x can take the psychology place
    pair = programme("pair", team={"law-enforcement": 1, "psychology": 1})
    pool = [
        trainer("t-a"),
        trainer("t-p", expertise=["psychology"]),
        trainer("t-x", expertise=["law-enforcement", "psychology"]),
        trainer("t-y"),
    ]
    p = problem(
        trainers=pool,
        requests=[request("r-a", programme="pair")],
        programmes=[pair],
        locked=[confirmed(trainers=("t-a", "t-p"), programme="pair")],
        away=[("t-a", day(2), day(2)), ("t-p", day(2), day(2))],
    )

    found = restaff(p)

    assert [c.after.trainers for c in found.restaffed] == [["t-y", "t-x"]]
    assert found.restaffed[0].reason == (
        "re-staffed: t-a away 2026-03-04..2026-03-04 -> t-y; t-p away 2026-03-04..2026-03-04 -> t-x"
    )
    assert found.conflicts == []
