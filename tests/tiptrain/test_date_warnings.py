"""Dates that make sense: warnings for past request windows, past plans and rosters recorded early (issue 11)."""

from __future__ import annotations

from datetime import date, timedelta

from scheduler.models import PeriodSummary, Plan, Request, SolverInfo, Workshop
from tiptrain.date_warnings import early_roster, plan_date_warnings

TODAY = date(2026, 3, 10)
PERIOD = PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=23)


def request(request_id: str, latest: date) -> Request:
    return Request.model_validate(
        {
            "id": request_id,
            "country": "ML",
            "city": "Bamako",
            "programme": "criminal-justice-3d",
            "language": "fr",
            "audiences": ["police"],
            "participants": 20,
            "window": {"earliest": latest - timedelta(days=60), "latest": latest},
            "priority": 3,
        }
    )


def workshop(workshop_id: str, start: date, status: str = "planned") -> Workshop:
    days = [start + timedelta(days=n) for n in range(3)]
    return Workshop.model_validate(
        {
            "id": workshop_id,
            "request": workshop_id.removeprefix("W-"),
            "country": "ML",
            "city": "Bamako",
            "programme": "criminal-justice-3d",
            "language": "fr",
            "start": days[0],
            "end": days[-1],
            "days": days,
            "trainers": ["t-amina"],
            "status": status,
        }
    )


def plan(*workshops: Workshop, period: PeriodSummary = PERIOD) -> Plan:
    solver = SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0)
    return Plan(period=period, workshops=list(workshops), unscheduled=[], solver=solver)


def test_plan_date_warnings_none_when_everything_lies_ahead() -> None:
    found = plan_date_warnings(plan(workshop("W-a", date(2026, 3, 16))), [request("a", date(2026, 5, 1))], TODAY)

    assert found == []


def test_plan_date_warnings_request_window_in_the_past() -> None:
    requests = [request("ml-old", date(2026, 2, 27)), request("ml-new", date(2026, 5, 1))]

    found = plan_date_warnings(plan(), requests, TODAY)

    assert found == [
        "1 request(s) have a window that ended before today (2026-03-10): ml-old (window ended 2026-02-27)"
    ]


def test_plan_date_warnings_planned_workshops_starting_before_today_but_not_confirmed_ones() -> None:
    workshops = [
        workshop("W-done", date(2026, 2, 2), "delivered"),
        workshop("W-early", date(2026, 3, 9)),
        workshop("W-later", date(2026, 3, 16)),
    ]

    found = plan_date_warnings(plan(*workshops), [], TODAY)

    assert found == ["1 planned workshop(s) would start before today (2026-03-10): W-early (2026-03-09)"]


def test_plan_date_warnings_period_ended_says_so_once() -> None:
    found = plan_date_warnings(plan(workshop("W-a", date(2026, 2, 2))), [], date(2026, 7, 1))

    assert found == [
        "the period 2026-01-01..2026-06-30 ended before today (2026-07-01); check [period] in tiptrain.toml"
    ]


def test_plan_date_warnings_long_lists_are_cut() -> None:
    requests = [request(f"r-{n}", date(2026, 1, 10 + n)) for n in range(7)]

    found = plan_date_warnings(plan(), requests, TODAY)

    assert found[0].endswith("r-4 (window ended 2026-01-14) and 2 more")


def test_early_roster_only_before_the_last_day() -> None:
    three_days = workshop("W-a", date(2026, 3, 9))  # 9, 10, 11 March

    found = [early_roster(three_days, day) for day in (date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 12))]

    assert found == [
        "W-a: roster recorded before the last day (2026-03-11); attendance may still change",
        None,
        None,
    ]
