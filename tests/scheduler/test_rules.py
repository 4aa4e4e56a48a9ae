"""Each planning rule on its own: a tiny problem where the rule forces the outcome, and one where it holds anyway.

Hard rules are tested through `solve_rules`, which maximises scheduled priority under only the rules named,
so that a test can also show what happens without the rule. Where the precomputation already filters a case
out (calendar, qualification, absences), the test either hands the rule a candidate with that filter undone
or plans through `solve` twice: with the filter, and with the model alone (`PlanningProblem.unfiltered`), so it
fails whether the filter and the constraint or the constraint alone is gone. `test_rule_switches` shows for
every hard rule that the plan breaks it once rule and filter are switched off.
"""

from __future__ import annotations

from datetime import date

import pytest
from builders import (
    MONDAY,
    day,
    problem,
    programme,
    request,
    solve_rules,
    trainer,
    with_candidate,
    workshop,
)

from scheduler.problem import prepare
from scheduler.rules import (
    at_most_target_workshops,
    distinct_trainers_per_workshop,
    locked_workshops_fixed,
    max_workshops_per_trainer,
    no_span_in_absence,
    no_trainer_overlap_with_travel,
    team_has_expertise,
    team_speaks_language,
)
from scheduler.solver import solve

PAIR = programme("pair", team={"law-enforcement": 2})
DUO = programme("duo", team={"law-enforcement": 1, "psychology": 1})


MODEL_ALONE = pytest.mark.parametrize("alone", [False, True], ids=["with-filter", "model-alone"])
"""Runs a test with the rule's precomputed filter on, then off (the model's constraint alone keeps the rule)."""


def left_to_model(rule: str, alone: bool) -> frozenset[str]:
    return frozenset({rule}) if alone else frozenset()


def starts(placements: dict[str, tuple[date, list[str]]]) -> dict[str, date]:
    return {rid: start for rid, (start, _) in placements.items()}


def teams(placements: dict[str, tuple[date, list[str]]]) -> dict[str, list[str]]:
    return {rid: team for rid, (_, team) in placements.items()}


# ---------------------------------------------------------------- one start per scheduled request


def test_one_start_per_scheduled_request_takes_the_only_working_day() -> None:
    p = problem(requests=[request(earliest=day(5), latest=day(7))])  # Saturday to Monday

    assert starts(solve_rules(p)) == {"r-a": day(7)}


def test_one_start_per_scheduled_request_weekend_window_schedules_nothing() -> None:
    p = problem(requests=[request(earliest=day(5), latest=day(6))])  # Saturday and Sunday

    assert solve_rules(p) == {}


def test_one_start_per_scheduled_request_never_spans_a_weekend() -> None:
    three = programme("three", days=3)
    p = problem(requests=[request(programme="three", earliest=day(3), latest=day(9))], programmes=[three])

    assert starts(solve_rules(p)) == {"r-a": day(7)}  # Thursday-Saturday is out; Monday-Wednesday fits


# ---------------------------------------------------------------- one trainer per slot


def test_one_trainer_per_slot_fills_every_place() -> None:
    p = problem(
        trainers=[trainer("t-a"), trainer("t-b", expertise=["psychology"])],
        requests=[request(programme="duo")],
        programmes=[DUO],
    )

    assert teams(solve_rules(p)) == {"r-a": ["t-a", "t-b"]}


def test_one_trainer_per_slot_leaves_out_a_team_with_an_empty_place() -> None:
    p = problem(trainers=[trainer("t-a")], requests=[request(programme="duo")], programmes=[DUO])

    assert solve_rules(p) == {}


# ---------------------------------------------------------------- distinct trainers


def test_distinct_trainers_per_workshop_refuses_one_trainer_in_two_places() -> None:
    p = problem(trainers=[trainer("t-a")], requests=[request(programme="pair")], programmes=[PAIR])
    undone = with_candidate(prepare(p), "r-a", team_starts=prepare(p).candidates["r-a"].starts)

    assert teams(solve_rules(undone)) == {"r-a": ["t-a", "t-a"]}
    assert solve_rules(undone, distinct_trainers_per_workshop) == {}


def test_distinct_trainers_per_workshop_orders_interchangeable_places_by_id() -> None:
    p = problem(trainers=[trainer("t-b"), trainer("t-a")], requests=[request(programme="pair")], programmes=[PAIR])

    assert teams(solve_rules(p, distinct_trainers_per_workshop)) == {"r-a": ["t-a", "t-b"]}


# ---------------------------------------------------------------- expertise and language


def test_team_has_expertise_refuses_a_trainer_without_it() -> None:
    p = problem(trainers=[trainer("t-a"), trainer("t-psy", expertise=["psychology"])], requests=[request()])
    undone = with_candidate(prepare(p), "r-a", qualified=(("t-psy",),))

    assert teams(solve_rules(undone)) == {"r-a": ["t-psy"]}
    assert solve_rules(undone, team_has_expertise) == {}


@MODEL_ALONE
def test_team_has_expertise_picks_the_expert(alone: bool) -> None:
    at_home = trainer("t-a", expertise=["psychology"])
    expert_abroad = trainer("t-b", home="DE")  # without the rule, the trainer at home would travel less
    p = problem(trainers=[at_home, expert_abroad], requests=[request()], unfiltered=left_to_model("expertise", alone))

    assert plan_teams(p) == {"r-a": ["t-b"]}


def test_team_speaks_language_refuses_a_trainer_without_it() -> None:
    p = problem(trainers=[trainer("t-a"), trainer("t-fr", languages=["fr"])], requests=[request()])
    undone = with_candidate(prepare(p), "r-a", qualified=(("t-fr",),))

    assert teams(solve_rules(undone)) == {"r-a": ["t-fr"]}
    assert solve_rules(undone, team_speaks_language) == {}


def test_team_speaks_language_interpretation_opens_the_team() -> None:
    p = problem(trainers=[trainer("t-en")], requests=[request(language="fr", interpretation=True)])

    assert teams(solve_rules(p, team_speaks_language)) == {"r-a": ["t-en"]}


@MODEL_ALONE
def test_team_speaks_language_without_interpretation_leaves_it_out(alone: bool) -> None:
    p = problem(
        trainers=[trainer("t-en")], requests=[request(language="fr")], unfiltered=left_to_model("language", alone)
    )

    plan = solve(p, time_limit=5, workers=1)

    assert (plan.workshops, [u.rule for u in plan.unscheduled]) == ([], ["no-trainer"])


# ---------------------------------------------------------------- trainer spans


def test_no_trainer_overlap_with_travel_one_trainer_one_day() -> None:
    p = problem(
        requests=[request("r-a", latest=MONDAY, priority=4), request("r-b", latest=MONDAY, priority=3)],
    )

    assert starts(solve_rules(p)) == {"r-a": MONDAY, "r-b": MONDAY}
    assert starts(solve_rules(p, no_trainer_overlap_with_travel)) == {"r-a": MONDAY}


def test_no_trainer_overlap_with_travel_counts_travel_days() -> None:
    travelling = trainer("t-a", home="DE", travel_days=1)
    p = problem(
        trainers=[travelling],
        requests=[
            request("r-a", latest=day(0), priority=4),
            request("r-b", earliest=day(2), latest=day(2), priority=3),  # spans Sun-Tue and Tue-Thu share Tuesday
        ],
    )

    assert starts(solve_rules(p, no_trainer_overlap_with_travel)) == {"r-a": day(0)}


def test_no_trainer_overlap_with_travel_home_trainer_works_back_to_back() -> None:
    p = problem(requests=[request("r-a", latest=day(0)), request("r-b", earliest=day(1), latest=day(1))])

    assert starts(solve_rules(p, no_trainer_overlap_with_travel)) == {"r-a": day(0), "r-b": day(1)}


def test_no_span_in_absence_keeps_out_of_unavailable_days() -> None:
    p = problem(trainers=[trainer(unavailable=[(day(0), day(1))])], requests=[request(latest=day(1))])
    undone = with_candidate(prepare(p), "r-a", busy={}, team_starts=(day(0), day(1)))

    assert list(solve_rules(undone)) == ["r-a"]
    assert solve_rules(undone, no_span_in_absence) == {}


@MODEL_ALONE
def test_no_span_in_absence_travel_day_meets_unavailable_day(alone: bool) -> None:
    away_from_home = trainer(home="DE", unavailable=[(day(0), day(1))])
    wanted = request(latest=day(3), preferred=day(0))
    p = problem(trainers=[away_from_home], requests=[wanted], unfiltered=left_to_model("unavailable", alone))

    assert plan_starts(p) == {"r-a": day(3)}  # Wednesday's span starts on Tuesday, the last day away


@MODEL_ALONE
def test_no_span_in_absence_respects_away_ranges(alone: bool) -> None:
    p = problem(
        requests=[request(latest=day(4))],
        away=[("t-a", day(0), day(4))],
        unfiltered=left_to_model("unavailable", alone),
    )

    assert plan_starts(p) == {}


# ---------------------------------------------------------------- limits


def test_max_workshops_per_trainer_stops_at_the_limit() -> None:
    p = problem(trainers=[trainer(max_workshops=1)], requests=[request("r-a"), request("r-b", priority=5)])

    assert starts(solve_rules(p, max_workshops_per_trainer)).keys() == {"r-b"}


def test_max_workshops_per_trainer_below_the_limit_takes_both() -> None:
    p = problem(trainers=[trainer(max_workshops=2)], requests=[request("r-a"), request("r-b")])

    assert sorted(solve_rules(p, max_workshops_per_trainer)) == ["r-a", "r-b"]


def test_at_most_target_workshops_keeps_the_higher_priority() -> None:
    p = problem(requests=[request("r-a", priority=2), request("r-b", priority=5)], target=1)

    assert sorted(solve_rules(p, at_most_target_workshops)) == ["r-b"]


def test_at_most_target_workshops_counts_locked_workshops() -> None:
    p = problem(requests=[request("r-a")], target=1, locked=[workshop("r-old", status="confirmed")])

    assert solve_rules(p, at_most_target_workshops) == {}


def test_at_most_target_workshops_room_left_takes_all() -> None:
    p = problem(requests=[request("r-a"), request("r-b")], target=2)

    assert sorted(solve_rules(p, at_most_target_workshops)) == ["r-a", "r-b"]


# ---------------------------------------------------------------- locked workshops


def test_locked_workshops_fixed_blocks_the_trainer_on_its_span() -> None:
    locked = workshop("r-old", start=MONDAY, status="confirmed")
    p = problem(requests=[request(latest=day(1))], locked=[locked])
    undone = with_candidate(prepare(p), "r-a", busy={}, team_starts=(day(0), day(1)))

    assert starts(solve_rules(undone, locked_workshops_fixed)) == {"r-a": day(1)}


@MODEL_ALONE
def test_locked_workshops_fixed_blocks_travel_days_too(alone: bool) -> None:
    locked = workshop("r-old", start=MONDAY, status="confirmed")
    p = problem(
        trainers=[trainer(home="DE")],
        requests=[request(latest=day(2))],
        locked=[locked],
        unfiltered=left_to_model("locked", alone),
    )

    plan = solve(p, time_limit=5, workers=1)

    assert plan.workshops == [locked]  # Tuesday and Wednesday spans start on Monday and Tuesday, still taken


def test_locked_workshops_fixed_locked_request_is_not_planned_again() -> None:
    locked = workshop("r-a", start=day(2), status="confirmed")
    p = problem(trainers=[trainer("t-a"), trainer("t-b")], requests=[request("r-a")], locked=[locked])

    plan = solve(p, time_limit=5, workers=1)

    assert plan.workshops == [locked]


def test_locked_workshops_fixed_cancelled_workshop_frees_its_trainer() -> None:
    cancelled = workshop("r-old", start=MONDAY, status="cancelled")
    p = problem(requests=[request(latest=day(0))], locked=[cancelled])

    assert starts(solve_rules(p, locked_workshops_fixed)) == {"r-a": MONDAY}


# ---------------------------------------------------------------- soft rules (through the whole objective)


def plan_starts(p: object) -> dict[str, date]:
    plan = solve(p, time_limit=5, workers=1)  # type: ignore[arg-type]
    return {w.request: w.start for w in plan.workshops}


def plan_teams(p: object) -> dict[str, list[str]]:
    plan = solve(p, time_limit=5, workers=1)  # type: ignore[arg-type]
    return {w.request: w.trainers for w in plan.workshops}


def test_scheduled_priority_fills_the_target_with_the_highest() -> None:
    p = problem(requests=[request("r-a", priority=2), request("r-b", priority=5), request("r-c", priority=4)], target=2)

    assert sorted(plan_starts(p)) == ["r-b", "r-c"]


def test_scheduled_priority_outweighs_every_lower_goal() -> None:
    cosy = request("r-low", priority=3, preferred=day(0))
    awkward = request("r-high", priority=4, earliest=day(14), latest=day(23), preferred=day(14))
    busy = trainer(home="DE", travel_days=2, unavailable=[(day(9), day(20))])
    p = problem(trainers=[busy], requests=[cosy, awkward], target=1)

    assert plan_starts(p) == {"r-high": day(23)}


def test_preferred_start_distance_lands_on_the_preferred_day() -> None:
    p = problem(requests=[request(preferred=day(9))])

    assert plan_starts(p) == {"r-a": day(9)}


def test_preferred_start_distance_takes_the_nearest_working_day() -> None:
    p = problem(requests=[request(preferred=day(12))])  # a Saturday: Friday is one day away, Monday two

    assert plan_starts(p) == {"r-a": day(11)}


def test_trainer_load_spread_shares_work_between_equal_trainers() -> None:
    p = problem(trainers=[trainer("t-a"), trainer("t-b")], requests=[request("r-a"), request("r-b")])

    assert sorted(team[0] for team in plan_teams(p).values()) == ["t-a", "t-b"]


def test_trainer_load_spread_single_trainer_takes_both() -> None:
    p = problem(requests=[request("r-a"), request("r-b")])

    assert plan_teams(p) == {"r-a": ["t-a"], "r-b": ["t-a"]}


def test_travel_day_total_prefers_the_trainer_at_home() -> None:
    p = problem(trainers=[trainer("t-a", home="DE"), trainer("t-b", home="FR")], requests=[request()])

    assert plan_teams(p) == {"r-a": ["t-b"]}


def test_travel_day_total_prefers_fewer_travel_days() -> None:
    far = trainer("t-a", home="DE", travel_days=2)
    near = trainer("t-b", home="ES", travel_days=1)
    p = problem(trainers=[far, near], requests=[request()])

    assert plan_teams(p) == {"r-a": ["t-b"]}


def test_changes_from_previous_outweigh_the_preferred_day() -> None:
    before = workshop("r-a", start=day(2))
    p = problem(requests=[request(preferred=day(0))], previous=[before])

    assert plan_starts(p) == {"r-a": day(2)}


def test_changes_from_previous_without_a_previous_plan_the_preferred_day_wins() -> None:
    p = problem(requests=[request(preferred=day(0))])

    assert plan_starts(p) == {"r-a": day(0)}
