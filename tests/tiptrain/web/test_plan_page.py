"""The plan page: reach in the table, the calendar and the left-out requests; filters; the month calendar."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from web_kit import open_register

from tiptrain.register.orm_plan_runs import PlanRunRow

ALL = {"W-ml-bamako", "W-ua-kyiv", "W-sn-dakar"}


def part(page: str, opening: str) -> str:
    """The HTML of the element that starts with `opening` up to its table's end (the table or the calendar)."""
    start = page.index(opening)
    return page[start : page.index("</table>", start)]


def links(html: str) -> set[str]:
    return set(re.findall(r'href="/workshops/([^"]+)"', html))


def table(page: str) -> set[str]:
    opening = '<table class="responsive plan-table">'
    return links(part(page, opening)) if opening in page else set()


def calendar(page: str) -> set[str]:
    return links(part(page, '<table class="calendar">'))


def add_run(workspace: Path, **values: Any) -> int:
    """Store a plan run as `tiptrain plan` would have left it (done, with two left-out requests)."""
    now = datetime.now(UTC)
    row: dict[str, Any] = {
        "mode": "plan", "status": "done", "by": "command", "started_at": now, "updated_at": now,
        "finished_at": now, "progress": 1.0, "summary": ["3 workshops planned of 5 requests."],
        "changes": {"added": ["W-ml-bamako"]}, "unscheduled": LEFT_OUT, "error": None,
    }  # fmt: skip
    row.update(values)
    with open_register(workspace) as register, register.transaction(write=True) as session:
        added = PlanRunRow(**row)
        session.add(added)
        session.flush()
        return added.id


LEFT_OUT = [
    {
        "request": "ml-segou", "country": "ML", "city": "Ségou", "programme": "criminal-justice-3d",
        "kind": "displaced", "rule": "busy", "reason": "its trainers are busy with W-ua-kyiv (t-nikolai)",
    },
    {
        "request": "ua-lviv", "country": "UA", "city": "Lviv", "programme": "criminal-justice-3d",
        "kind": "impossible", "rule": "no-trainer", "reason": "only 1 qualifies (t-irina)",
    },
]  # fmt: skip


@pytest.mark.parametrize(
    ("role", "expected"),
    [("coordinator", ALL), ("viewer", ALL), ("office", {"W-ml-bamako"}), ("trainer", {"W-ml-bamako", "W-sn-dakar"})],
)
def test_plan_table_lists_only_workshops_in_reach(
    client_for: Callable[[str], TestClient], role: str, expected: set[str]
) -> None:
    page = client_for(role).get("/plan").text

    assert table(page) == expected


def test_plan_calendar_shows_only_workshops_in_reach(client_for: Callable[[str], TestClient]) -> None:
    clients = {role: client_for(role) for role in ("coordinator", "office", "trainer")}
    months = {"coordinator": "2027-03", "office": "2027-02", "trainer": "2027-04"}

    seen = {role: calendar(clients[role].get(f"/plan?month={months[role]}").text) for role in clients}
    hidden = {role: calendar(clients[role].get(f"/plan?month={month}").text) for role, month in
              (("office", "2027-03"), ("office", "2027-04"))}  # fmt: skip

    assert seen == {"coordinator": {"W-ua-kyiv"}, "office": {"W-ml-bamako"}, "trainer": {"W-sn-dakar"}}
    assert hidden == {"office": set()}


def test_plan_page_names_no_trainer_to_a_viewer(client_for: Callable[[str], TestClient]) -> None:
    seen = {role: client_for(role).get("/plan").text for role in ("coordinator", "viewer")}
    shown = [("Amina" in page, "t-amina" in page, ">Trainers</th>" in page) for page in seen.values()]

    assert shown == [(True, False, True), (False, False, False)]


def test_plan_page_without_session_redirects_to_login(client: TestClient) -> None:
    answer = client.get("/plan?status=planned", follow_redirects=False)

    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2Fplan%3Fstatus%3Dplanned")


FILTERED = {
    "status=confirmed": {"W-ml-bamako"},
    "status=planned": {"W-ua-kyiv", "W-sn-dakar"},
    "country=UA": {"W-ua-kyiv"},
    "country=sn": {"W-sn-dakar"},
    "programme=criminal-justice-3d": ALL,
    "programme=nothing-like-it": set(),
    "month=2027-04": {"W-sn-dakar"},
    "status=planned&month=2027-03": {"W-ua-kyiv"},
    "status=&country=&month=": ALL,
}


def test_plan_filters_narrow_the_table(client_for: Callable[[str], TestClient], web_workspace: Path) -> None:
    with open_register(web_workspace) as register:
        register.transition("W-ml-bamako", "confirmed")
    client = client_for("coordinator")

    seen = {query: table(client.get(f"/plan?{query}").text) for query in FILTERED}

    assert seen == FILTERED


def test_plan_filter_without_match_says_so(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("coordinator").get("/plan?status=delivered").text

    assert (table(page), "No workshop matches these filters." in page) == (set(), True)


def test_plan_filter_not_understood_answers_400_naming_it(client_for: Callable[[str], TestClient]) -> None:
    client = client_for("coordinator")
    queries = ["status=finished", "month=2027-13", "month=March", "country=Mali"]

    seen = [(client.get(f"/plan?{q}").status_code, q.split("=")[0] in client.get(f"/plan?{q}").text) for q in queries]

    assert seen == [(400, True)] * 4


def test_plan_filter_choices_offer_only_countries_in_reach(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("office").get("/plan").text
    select = page[page.index('<select id="filter-country"') : page.index("</select>", page.index("filter-country"))]

    assert re.findall(r'<option value="([^"]*)"', select) == ["", "ML"]


def test_plan_filters_keep_their_values_in_the_form(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("coordinator").get("/plan?status=planned&month=2027-03").text

    assert re.findall(r'<option value="([^"]+)" selected>', page) == ["planned", "2027-03"]


def test_plan_calendar_puts_a_workshop_on_each_of_its_days(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("coordinator").get("/plan?month=2027-02").text
    cells = re.findall(
        r'<td class="busy">\s*<span class="day-number">(\d+)</span>', part(page, '<table class="calendar">')
    )

    assert (cells, "February 2027" in page) == (["1", "2", "3"], True)


def test_plan_calendar_links_the_months_around_it_keeping_the_filters(
    client_for: Callable[[str], TestClient],
) -> None:
    page = client_for("coordinator").get("/plan?status=planned&month=2027-01").text

    assert (
        re.findall(r'href="/plan\?([^"]*)" rel="(prev|next)"', page),
        'href="/plan?status=planned">All months' in page,
    ) == ([("status=planned&amp;month=2026-12", "prev"), ("status=planned&amp;month=2027-02", "next")], True)


def test_plan_calendar_opens_on_the_period_start_when_today_is_outside_it(
    client_for: Callable[[str], TestClient],
) -> None:
    page = client_for("coordinator").get("/plan").text

    assert '<h2 id="plan-month">January 2027</h2>' in page


def test_plan_calendar_starts_its_weeks_on_monday_in_arabic_too(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("coordinator").get("/plan?month=2027-02&lang=ar").text
    first = re.search(r'<th scope="col"><abbr title="([^"]+)">', part(page, '<table class="calendar">'))

    assert (first.group(1) if first else None, '<html lang="ar" dir="rtl">' in page) == ("الاثنين", True)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            "coordinator",
            ["its trainers are busy with W-ua-kyiv (t-nikolai)", "only 1 qualifies (t-irina)"],
        ),
        ("viewer", ["its trainers are busy with W-ua-kyiv (a trainer)", "only 1 qualifies (a trainer)"]),
        ("office", ["its trainers are busy with another workshop (t-nikolai)"]),
    ],
)
def test_plan_left_out_requests_show_what_the_role_may_see(
    client_for: Callable[[str], TestClient], web_workspace: Path, role: str, expected: list[str]
) -> None:
    add_run(web_workspace)

    page = client_for(role).get("/plan").text

    assert re.findall(r'class="reason">([^<]*)</td>', page) == expected


def test_plan_left_out_requests_are_not_shown_to_a_trainer(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    add_run(web_workspace)

    page = client_for("trainer").get("/plan").text

    assert ("Requests left out" in page, "ml-segou" in page) == (False, False)


def test_plan_left_out_requests_come_from_the_last_finished_run(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    add_run(web_workspace)
    add_run(web_workspace, unscheduled=LEFT_OUT[1:])
    add_run(web_workspace, status="failed", unscheduled=[], error="no plan")

    page = client_for("coordinator").get("/plan").text

    assert re.findall(r'class="id">([^<]*)</td>', page) == ["ua-lviv"]


def test_plan_page_of_a_running_run_refreshes_itself(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    running = add_run(web_workspace, status="running", progress=0.4, finished_at=None)
    done = add_run(web_workspace)
    client = client_for("coordinator")

    pages = [client.get(f"/plan?run={number}").text for number in (running, done)]

    assert [('<meta http-equiv="refresh" content="2">' in page) for page in pages] == [True, False]
    assert 'value="40"' in pages[0]


def test_plan_page_of_a_failed_run_shows_its_message(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    failed = add_run(web_workspace, status="failed", error="no feasible plan: the team is too small")

    page = client_for("coordinator").get(f"/plan?run={failed}").text

    assert '<p class="notice error" role="alert">no feasible plan: the team is too small</p>' in page


@pytest.mark.parametrize("run", ["999", "abc"])
def test_plan_page_of_an_unknown_run_answers_404(client_for: Callable[[str], TestClient], run: str) -> None:
    assert client_for("coordinator").get(f"/plan?run={run}").status_code == 404


def test_plan_page_offers_the_replan_form_only_to_a_coordinator(client_for: Callable[[str], TestClient]) -> None:
    forms = {role: 'action="/plan/replan"' in client_for(role).get("/plan").text for role in ("coordinator", "office")}

    assert forms == {"coordinator": True, "office": False}


def test_dashboard_shows_the_last_plan_run_naming_its_author_except_to_a_viewer(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    add_run(web_workspace, by="kofi")
    add_run(web_workspace, status="running", by="kofi", finished_at=None)  # not finished: not the last run

    pages = {role: client_for(role).get("/").text for role in ("coordinator", "viewer")}

    assert [(", by kofi" in page, "Plan run 1," in page) for page in pages.values()] == [(True, True), (False, False)]
    assert "Plan run 1 · " in pages["viewer"]


def test_dashboard_progress_bar_carries_its_value_in_text(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("coordinator").get("/").text

    assert '<progress id="progress-bar" max="23" value="0" aria-labelledby="progress-title"' in page
    assert '<p id="progress-text" class="percent">0% of the target delivered</p>' in page
