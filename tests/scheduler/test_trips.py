"""Trips (SPEC 4): chained workshops, going home when the gap is long, km, and the lexicographic phases."""

from __future__ import annotations

import dataclasses

from scheduler.models import Plan
from scheduler.problem import PlanningProblem, prepare
from scheduler.rules import build_model
from scheduler.solver import solve
from scheduler.travel import km_between, place, plan_trips
from tests.scheduler.builders import day, problem, request, trainer, workshop

WEST_AFRICA = (("r-sn", "SN", "Dakar"), ("r-ml", "ML", "Bamako"), ("r-gn", "GN", "Conakry"), ("r-ci", "CI", "Abidjan"))


def four_neighbours(km_per_preferred_day: int) -> PlanningProblem:
    """One trainer in Paris, four one-day workshops in neighbouring West African countries.

    Their preferred days are 9 to 11 days apart, so a planner that ignores trips sends the trainer home
    between them; each window also allows days that chain them.
    """
    windows = [(0, 10, 0), (3, 14, 10), (11, 24, 21), (18, 29, 29)]
    requests = [
        request(rid, country=country, earliest=day(a), latest=day(b), preferred=day(p)).model_copy(
            update={"city": city}
        )
        for (rid, country, city), (a, b, p) in zip(WEST_AFRICA, windows, strict=True)
    ]
    pool = [trainer("t-a", home="FR")]
    return dataclasses.replace(problem(trainers=pool, requests=requests), km_per_preferred_day=km_per_preferred_day)


def legs(plan: Plan) -> list[str]:
    return [leg.label() for trips in plan.trips for leg in trips.legs]


def test_trips_four_neighbours_are_chained_into_one_trip() -> None:
    p = four_neighbours(km_per_preferred_day=100)

    plan = solve(p, time_limit=5, workers=1)

    assert legs(plan) == [
        "Paris -> Dakar",
        "Dakar -> Bamako",
        "Bamako -> Conakry",
        "Conakry -> Abidjan",
        "Abidjan -> Paris",
    ]
    assert plan.travel.trips == 1


def test_trips_gap_too_long_sends_the_trainer_home() -> None:
    requests = [
        request("r-sn", country="SN", earliest=day(0), latest=day(1)).model_copy(update={"city": "Dakar"}),
        request("r-ml", country="ML", earliest=day(14), latest=day(15)).model_copy(update={"city": "Bamako"}),
    ]
    p = problem(trainers=[trainer("t-a", home="FR")], requests=requests)

    plan = solve(p, time_limit=5, workers=1)

    assert legs(plan) == ["Paris -> Dakar", "Dakar -> Paris", "Paris -> Bamako", "Bamako -> Paris"]
    assert plan.travel.trips == 2


def test_trips_max_gap_days_setting_lets_a_longer_gap_chain() -> None:
    sn = workshop("r-sn", start=day(0), country="SN").model_copy(update={"city": "Dakar"})
    ml = workshop("r-ml", start=day(14), country="ML").model_copy(update={"city": "Bamako"})

    summary, trips = plan_trips([trainer("t-a", home="FR")], [ml, sn], max_gap_days=14)

    assert [leg.label() for leg in trips[0].legs] == ["Paris -> Dakar", "Dakar -> Bamako", "Bamako -> Paris"]
    assert summary.trips == 1


def test_trips_home_city_is_where_trips_start() -> None:
    lyon = trainer("t-a", home="FR").model_copy(update={"home_city": "Marseille"})
    sn = workshop("r-sn", start=day(0), country="SN").model_copy(update={"city": "Dakar"})

    _, trips = plan_trips([lyon], [sn])

    assert [leg.label() for leg in trips[0].legs] == ["Marseille -> Dakar", "Dakar -> Marseille"]


def test_km_between_is_zero_inside_one_country_and_great_circle_across() -> None:
    assert km_between(place("FR", "Paris"), place("FR", "Marseille")) == 0
    assert km_between(place("SN", "Dakar"), place("ML", "Bamako")) == 1049


def test_place_unknown_city_falls_back_to_the_capital() -> None:
    assert place("DE", "Nowhere-on-Earth").name == "Berlin"


def test_priority_phase_is_never_traded_for_km() -> None:
    far = request("r-far", country="PE", priority=3).model_copy(update={"city": "Lima"})
    near = request("r-near", country="FR", priority=2)
    p = problem(trainers=[trainer("t-a", home="FR")], requests=[far, near], target=1)

    plan = solve(p, time_limit=5, workers=1)

    assert [w.request for w in plan.workshops] == ["r-far"]
    assert [(ph.name, ph.status, ph.objective) for ph in plan.solver.phases[:1]] == [("priority", "OPTIMAL", 3.0)]


def test_phases_are_reported_in_spec_order() -> None:
    plan = solve(problem(requests=[request()]), time_limit=5, workers=1)

    assert [phase.name for phase in plan.solver.phases] == ["priority", "travel-teams", "travel"]
    assert plan.solver.objective == plan.solver.phases[0].objective


def test_phases_of_a_replan_put_changes_right_after_priority() -> None:
    p = problem(requests=[request()], previous=[workshop("r-a", start=day(2))])

    plan = solve(p, time_limit=5, workers=1)

    assert [phase.name for phase in plan.solver.phases] == ["priority", "changes", "travel-teams", "travel"]


def test_priority_phase_model_has_no_load_or_trip_literals() -> None:
    p = problem(trainers=[trainer("t-a"), trainer("t-b")], requests=[request("r-a"), request("r-b")])

    v, goals = build_model(prepare(p))

    assert (v.load, v.spread, v.trips) == ({}, None, None)
    assert [goal.name for goal in goals] == ["priority", "travel"]
