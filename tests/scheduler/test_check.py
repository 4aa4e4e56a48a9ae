"""The independent checker: silent on a valid plan, one line for each hard rule a broken plan breaks."""

from __future__ import annotations

from datetime import date

from builders import PERIOD, day, problem, programme, request, trainer, workshop

from scheduler.check import violations
from scheduler.models import Plan, Workshop

PAIR = programme("pair", team={"law-enforcement": 2})


def plan_of(*workshops: Workshop, target: int = 23) -> Plan:
    return Plan.model_validate(
        {
            "period": {"start": PERIOD.start, "end": PERIOD.end, "target": target},
            "workshops": list(workshops),
            "unscheduled": [],
            "solver": {"status": "OPTIMAL", "objective": 0, "bound": 0, "gap": 0, "seconds": 0},
        }
    )


def test_violations_valid_plan_has_none() -> None:
    p = problem(requests=[request()])

    assert violations(p, plan_of(workshop(start=day(0)))) == []


def test_violations_weekend_day() -> None:
    p = problem(requests=[request()])

    assert violations(p, plan_of(workshop(start=day(5)))) == ["W-r-a: 2026-03-07 is not a working day in FR"]


def test_violations_days_not_consecutive() -> None:
    p = problem(requests=[request()])
    broken = workshop(start=day(0)).model_copy(update={"days": [day(1)]})

    assert violations(p, plan_of(broken)) == ["W-r-a: days 2026-03-03 are not 1 consecutive days from 2026-03-02"]


def test_violations_outside_the_window() -> None:
    p = problem(requests=[request(latest=day(3))])

    assert violations(p, plan_of(workshop(start=day(4)))) == [
        "W-r-a: 2026-03-06 to 2026-03-06 is outside its window or the period"
    ]


def test_violations_wrong_expertise_and_language() -> None:
    p = problem(trainers=[trainer("t-x", expertise=["psychology"], languages=["fr"])], requests=[request()])

    assert violations(p, plan_of(workshop(trainers=["t-x"]))) == [
        "W-r-a: t-x lacks law-enforcement expertise",
        "W-r-a: t-x does not speak en",
    ]


def test_violations_same_trainer_twice_in_a_team() -> None:
    p = problem(requests=[request(programme="pair")], programmes=[PAIR])

    assert violations(p, plan_of(workshop(trainers=["t-a", "t-a"], programme="pair"))) == [
        "W-r-a: a trainer fills two places"
    ]


def test_violations_overlapping_spans_with_travel() -> None:
    p = problem(trainers=[trainer(home="DE")], requests=[request("r-a"), request("r-b")])

    assert violations(p, plan_of(workshop("r-a", start=day(0)), workshop("r-b", start=day(2)))) == [
        "t-a: spans of W-r-a and W-r-b overlap (travel included)"
    ]


def test_violations_unavailable_and_away() -> None:
    p = problem(
        trainers=[trainer(unavailable=[(day(0), day(0))])], requests=[request()], away=[("t-a", day(0), day(1))]
    )

    assert violations(p, plan_of(workshop(start=day(0)))) == [
        "t-a: W-r-a meets an away range 2026-03-02 to 2026-03-03",
        "t-a: W-r-a meets an unavailable range 2026-03-02 to 2026-03-02",
    ]


def test_violations_above_max_workshops_and_target() -> None:
    p = problem(trainers=[trainer(max_workshops=1)], requests=[request("r-a"), request("r-b")], target=1)

    assert violations(p, plan_of(workshop("r-a", start=day(0)), workshop("r-b", start=day(1)), target=1)) == [
        "2 workshops, above the target of 1",
        "t-a: 2 workshops, above max_workshops 1",
    ]


def test_violations_locked_workshop_moved() -> None:
    locked = workshop("r-a", start=day(0), status="confirmed")
    p = problem(requests=[request()], locked=[locked])

    assert violations(p, plan_of(locked.model_copy(update={"start": day(1), "end": day(1), "days": [day(1)]}))) == [
        "W-r-a: a confirmed workshop moved, changed team or went missing"
    ]


def test_violations_dropped_request_planned() -> None:
    p = problem(requests=[request()], dropped={"r-a"})

    assert violations(p, plan_of(workshop())) == ["W-r-a: request r-a was dropped"]


def test_violations_unknown_request() -> None:
    p = problem(requests=[request()])

    assert violations(p, plan_of(workshop("r-zz"))) == ["W-r-zz: no request 'r-zz'"]


def test_violations_holiday_in_april() -> None:
    april = PERIOD.model_copy(update={"end": date(2026, 4, 30)})
    p = problem(requests=[request(latest=date(2026, 4, 30))], period=april)

    assert violations(p, plan_of(workshop(start=date(2026, 4, 6)))) == ["W-r-a: 2026-04-06 is not a working day in FR"]


def test_violations_locked_workshop_of_another_period_is_not_missing() -> None:
    last_year = workshop("r-a", start=date(2025, 3, 3), status="confirmed")
    renamed = workshop("r-a", start=day(0), trainers=("t-b",)).model_copy(update={"id": "W-r-a-2026"})
    p = problem(
        trainers=[trainer(), trainer("t-b")],
        requests=[request()],
        locked=[last_year],
        workshop_ids={"r-a": "W-r-a-2026"},
    )

    assert violations(p, plan_of(renamed)) == []


def test_violations_plan_overlapping_a_locked_workshop_outside_the_plan() -> None:
    before = workshop("r-old", start=date(2026, 2, 27), country="DE", status="confirmed")
    p = problem(trainers=[trainer(travel_days=3)], requests=[request()], locked=[before])

    assert violations(p, plan_of(workshop(start=day(0)))) == [
        "t-a: spans of W-r-old and W-r-a overlap (travel included)"
    ]
