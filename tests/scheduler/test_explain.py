"""Reasons for requests left out: impossible on their own, or displaced by named workshops or the target."""

from __future__ import annotations

from datetime import date

from builders import PERIOD, day, problem, programme, request, trainer, workshop

from scheduler.explain import explain, language_name
from scheduler.models import Plan, Unscheduled
from scheduler.solver import solve

PAIR = programme("pair", team={"law-enforcement": 2})


def reasons(p: object) -> list[Unscheduled]:
    plan = solve(p, time_limit=5, workers=1)  # type: ignore[arg-type]
    return plan.unscheduled


def test_language_name_chinese() -> None:
    assert language_name("zh") == "Chinese"


def test_explain_weekend_window_is_impossible_naming_weekends() -> None:
    p = problem(requests=[request(earliest=day(5), latest=day(6))])

    assert reasons(p) == [
        Unscheduled(
            request="r-a",
            kind="impossible",
            rule="no-dates",
            reason="no 1 consecutive working day in France between 2026-03-07 and 2026-03-08: weekends remove 2 days",
        )
    ]


def test_explain_holiday_window_names_the_holiday() -> None:
    april = PERIOD.model_copy(update={"end": date(2026, 4, 30)})
    p = problem(requests=[request(earliest=date(2026, 4, 4), latest=date(2026, 4, 6))], period=april)

    assert [u.reason for u in reasons(p)] == [
        "no 1 consecutive working day in France between 2026-04-04 and 2026-04-06: weekends remove 2 days; "
        "public holidays remove 1 day (Easter Monday)"
    ]


def test_explain_window_outside_the_period() -> None:
    p = problem(requests=[request(earliest=date(2026, 5, 4), latest=date(2026, 5, 8))])

    assert [(u.rule, u.reason) for u in reasons(p)] == [
        ("no-dates", "its window (2026-05-04 to 2026-05-08) lies outside the period (2026-03-01 to 2026-03-31)")
    ]


def test_explain_language_nobody_speaks_names_the_language() -> None:
    p = problem(requests=[request(language="zh")])

    assert [(u.kind, u.rule, u.reason) for u in reasons(p)] == [
        (
            "impossible",
            "no-trainer",
            "no trainer who speaks Chinese has law enforcement expertise; 1 without Chinese could run it with "
            "interpretation",
        )
    ]


def test_explain_expertise_nobody_has() -> None:
    legal = programme("legal", team={"legislative-drafting": 1})
    p = problem(requests=[request(programme="legal")], programmes=[legal])

    assert [u.reason for u in reasons(p)] == ["no trainer has legislative drafting expertise"]


def test_explain_team_needs_more_distinct_trainers_than_qualify() -> None:
    p = problem(requests=[request(programme="pair")], programmes=[PAIR])

    assert [(u.rule, u.reason) for u in reasons(p)] == [
        (
            "team-size",
            "the team needs 2 distinct trainers (law enforcement, law enforcement) and only 1 qualifies (t-a)",
        )
    ]


def test_explain_unknown_programme() -> None:
    p = problem(requests=[request(programme="juggling")])

    assert [(u.rule, u.reason) for u in reasons(p)] == [
        ("unknown-programme", "its programme 'juggling' is not in the catalogue")
    ]


def test_explain_dropped_by_the_coordinator() -> None:
    p = problem(requests=[request()], dropped={"r-a"})

    assert [(u.kind, u.rule) for u in reasons(p)] == [("impossible", "dropped")]


def test_explain_every_team_away_on_every_date() -> None:
    p = problem(trainers=[trainer(unavailable=[(day(0), day(30))])], requests=[request(latest=day(4))])

    assert [(u.kind, u.rule, u.reason) for u in reasons(p)] == [
        (
            "impossible",
            "unavailable",
            "every trainer team that could run it is away or unavailable on each of its 5 possible start dates",
        )
    ]


def test_explain_demand_above_target_displaces_the_lowest_priority() -> None:
    wanted = [request("r-5", priority=5), request("r-4", priority=4), request("r-2", priority=2)]
    p = problem(trainers=[trainer("t-a"), trainer("t-b")], requests=wanted, target=2)

    assert reasons(p) == [
        Unscheduled(
            request="r-2",
            kind="displaced",
            rule="target",
            reason="the period's target of 2 workshops is reached; its priority 2 is below the lowest scheduled "
            "priority 4 (W-r-4)",
            by=["W-r-4"],
        )
    ]


def test_explain_busy_trainer_displaces_naming_the_workshop() -> None:
    p = problem(requests=[request("r-high", latest=day(0), priority=5), request("r-low", latest=day(0), priority=2)])

    assert reasons(p) == [
        Unscheduled(
            request="r-low",
            kind="displaced",
            rule="trainers",
            reason="on each of its 1 possible start dates the trainers it needs are busy with W-r-high",
            by=["W-r-high"],
        )
    ]


def test_explain_trainer_at_limit_is_named() -> None:
    p = problem(
        trainers=[trainer(max_workshops=1)],
        requests=[request("r-high", priority=5), request("r-low", priority=1)],
    )

    assert [(u.rule, u.reason, u.by) for u in reasons(p)] == [
        (
            "trainers",
            "on each of its 22 possible start dates the trainers it needs are at their workshop limit (t-a)",
            ["W-r-high"],
        )
    ]


def test_explain_locked_workshop_displaces() -> None:
    locked = workshop("r-old", start=day(0), status="confirmed")
    p = problem(requests=[request(latest=day(0))], locked=[locked])

    assert [(u.kind, u.by) for u in reasons(p)] == [("displaced", ["W-r-old"])]


def test_explain_plan_holding_everything_gives_no_reasons() -> None:
    p = problem(requests=[request()])
    plan = solve(p, time_limit=5, workers=1)

    assert explain(p, plan) == []


def test_explain_room_left_but_not_placed_blames_the_time_limit() -> None:
    p = problem(requests=[request()])
    empty = Plan.model_validate(
        {
            "period": {"start": PERIOD.start, "end": PERIOD.end, "target": 23},
            "workshops": [],
            "unscheduled": [],
            "solver": {"status": "FEASIBLE", "objective": 0, "bound": 3, "gap": 1.0, "seconds": 5.0},
        }
    )

    assert [(u.kind, u.rule) for u in explain(p, empty)] == [("displaced", "time-limit")]


def test_explain_higher_priority_left_out_at_the_target_blames_the_time_limit() -> None:
    p = problem(requests=[request("r-low", priority=1), request("r-high", priority=5)], target=1)
    stopped_early = Plan.model_validate(
        {
            "period": {"start": PERIOD.start, "end": PERIOD.end, "target": 1},
            "workshops": [workshop("r-low", priority=1)],
            "unscheduled": [],
            "solver": {"status": "FEASIBLE", "objective": 1, "bound": 5, "gap": 0.8, "seconds": 5.0},
        }
    )

    assert [(u.request, u.rule, u.by) for u in explain(p, stopped_early)] == [("r-high", "time-limit", ["W-r-low"])]
