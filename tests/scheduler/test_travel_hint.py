"""The travel phase's first solution (scheduler.travel_hint): same workshops and dates, teams for short trips."""

from __future__ import annotations

import time
from datetime import date

from scheduler.check import violations
from scheduler.problem import Prepared, plan_of, prepare
from scheduler.solver import solve_prepared
from scheduler.travel_hint import placements_km, short_trip_teams
from tests.scheduler.builders import day, problem, request, small_world, trainer, workshop


def senegal_and_mali() -> tuple[Prepared, dict[str, tuple[date, list[str]]]]:
    """A Dakar and a Bamako workshop in one week, both staffed from Paris; a trainer lives in Dakar."""
    pool = [trainer("t-fr", home="FR"), trainer("t-sn", home="SN")]
    requests = [
        request("r-sn", country="SN", earliest=day(0), latest=day(0)).model_copy(update={"city": "Dakar"}),
        request("r-ml", country="ML", earliest=day(3), latest=day(3)).model_copy(update={"city": "Bamako"}),
    ]
    prepared = prepare(problem(trainers=pool, requests=requests))
    return prepared, {"r-sn": (day(0), ["t-fr"]), "r-ml": (day(3), ["t-fr"])}


def test_short_trip_teams_give_a_workshop_to_the_trainer_who_flies_less() -> None:
    prepared, chosen = senegal_and_mali()

    better = short_trip_teams(prepared, chosen)

    assert better == {"r-sn": (day(0), ["t-sn"]), "r-ml": (day(3), ["t-sn"])}
    assert placements_km(prepared, better) < placements_km(prepared, chosen)


def test_short_trip_teams_keep_the_teams_of_a_replan() -> None:
    prepared, chosen = senegal_and_mali()

    better = short_trip_teams(prepared, chosen, keep=["r-ml"])

    assert better == {"r-sn": (day(0), ["t-sn"]), "r-ml": (day(3), ["t-fr"])}


def test_short_trip_teams_keep_every_hard_rule_and_never_fly_more() -> None:
    p = small_world()
    prepared = prepare(p)
    chosen = solve_prepared(prepared, time_limit=5, workers=1, travel=False)
    before = {w.request: (w.start, list(w.trainers)) for w in chosen.workshops}

    better = short_trip_teams(prepared, before)

    assert violations(p, plan_of(prepared, better, chosen.solver)) == []
    assert placements_km(prepared, better) <= placements_km(prepared, before)
    assert {rid: start for rid, (start, _) in better.items()} == {rid: start for rid, (start, _) in before.items()}


def test_phases_past_the_deadline_still_give_the_plan_they_were_hinted_and_skip_travel() -> None:
    p = problem(requests=[request("r-a"), request("r-b")], previous=[workshop("r-a", start=day(2))])

    plan = solve_prepared(prepare(p), time_limit=5, workers=1, deadline=time.perf_counter() - 1)

    assert [ph.name for ph in plan.solver.phases] == ["priority", "changes"]
    assert sorted(w.request for w in plan.workshops) == ["r-a", "r-b"]
    assert violations(p, plan) == []
