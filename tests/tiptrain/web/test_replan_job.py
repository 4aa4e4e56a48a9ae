"""Re-planning from the web in the background, and every plan run recorded (web and command line)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient
from web_kit import csrf_of, open_register

from curriculum.errors import UsageError
from tiptrain.cli import cli
from tiptrain.plan_runs import Recorder, RunGoing, last_runs, queue_run, run, start_run
from tiptrain.planning import PlanOptions
from tiptrain.register.orm_plan_runs import PlanRunRow
from tiptrain.web.replan_jobs import wait

TINY_REQUESTS = """\
requests:
  - id: ml-bamako
    country: ML
    city: Bamako
    programme: criminal-justice-3d
    language: fr
    audiences: [police, prosecutors]
    participants: 20
    window: {earliest: 2027-02-01, latest: 2027-02-26}
    priority: 3
  - id: cn-beijing-tot
    country: CN
    city: Beijing
    tz: Asia/Shanghai
    programme: tot-5d
    language: zh
    audiences: [police, prosecutors, victim-services]
    participants: 20
    window: {earliest: 2027-05-10, latest: 2027-06-25}
    priority: 4
"""
"""Two requests: Bamako fits (its workshop is stored already), Beijing is impossible (no Chinese psychologist)."""


@pytest.fixture
def tiny(web_workspace: Path) -> Path:
    """The web workspace with two requests only, so a solve takes a moment."""
    (web_workspace / "requests.yaml").write_text(TINY_REQUESTS, encoding="utf-8")
    return web_workspace


def replan(client: TestClient, time_limit: str = "2") -> tuple[int, str]:
    """POST the re-plan form as the page offers it: (status, Location or page)."""
    token = csrf_of(client.get("/plan").text)
    answer = client.post("/plan/replan", data={"csrf_token": token, "time_limit": time_limit}, follow_redirects=False)
    return answer.status_code, answer.headers.get("location", answer.text)


def run_id(location: str) -> int:
    found = re.fullmatch(r"/plan\?run=(\d+)", location)
    assert found is not None, location
    return int(found.group(1))


def test_replan_runs_in_the_background_and_shows_its_result(
    client_for: Callable[[str], TestClient], tiny: Path
) -> None:
    client = client_for("coordinator")

    status, location = replan(client)
    wait(run_id(location))
    page = client.get(location).text

    assert (status, "done</span>" in page, '<meta http-equiv="refresh"' in page) == (303, True, False)
    assert "1 workshops planned of 2 requests (target 23)" in page
    assert "Cancelled (dropped by re-plan) (2)" in page  # Kyiv and Dakar are no longer requested


def test_replan_records_the_user_in_the_run_and_the_workshop_history(
    client_for: Callable[[str], TestClient], tiny: Path
) -> None:
    _, location = replan(client_for("coordinator"))
    wait(run_id(location))

    with open_register(tiny) as register:
        recorded = run(register, run_id(location))
        actors = {change.actor for change in register.history("W-ua-kyiv")}

    assert recorded is not None
    assert (recorded.by, recorded.mode, recorded.status, recorded.progress) == ("kofi", "plan", "done", 1.0)
    assert [item.request for item in recorded.unscheduled] == ["cn-beijing-tot"]
    assert actors == {None, "kofi"}  # stored by the web_kit builder, then dropped by kofi's re-plan


def test_replan_failure_shows_its_message(client_for: Callable[[str], TestClient], tiny: Path) -> None:
    (tiny / "requests.yaml").write_text("requests:\n  - id: broken\n", encoding="utf-8")
    client = client_for("coordinator")

    _, location = replan(client)
    wait(run_id(location))
    page = client.get(location).text

    assert "failed</span>" in page
    assert re.search(r'<p class="notice error" role="alert">[^<]*requests\.yaml[^<]*country', page) is not None


@pytest.mark.parametrize("role", ["office", "trainer", "viewer"])
def test_replan_by_another_role_answers_403(client_for: Callable[[str], TestClient], tiny: Path, role: str) -> None:
    status, _ = replan(client_for(role))

    with open_register(tiny) as register:
        assert (status, last_runs(register, ("queued", "running", "done", "failed"))) == (403, [])


def test_replan_without_csrf_token_answers_403(client_for: Callable[[str], TestClient], tiny: Path) -> None:
    answer = client_for("coordinator").post("/plan/replan", data={"time_limit": "2"}, follow_redirects=False)

    with open_register(tiny) as register:
        assert (answer.status_code, last_runs(register, ("queued",))) == (403, [])


def test_replan_while_a_run_is_going_answers_409(client_for: Callable[[str], TestClient], tiny: Path) -> None:
    with open_register(tiny) as register:
        going = start_run(register, "replan", "command")  # e.g. `tiptrain replan` in another process

    status, page = replan(client_for("coordinator"))

    assert (status, "A re-plan is running already" in page, f'href="/plan?run={going.id}"' in page) == (409, True, True)


def test_replan_after_an_abandoned_run_starts(client_for: Callable[[str], TestClient], tiny: Path) -> None:
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    with open_register(tiny) as register, register.transaction(write=True) as session:
        session.add(
            PlanRunRow(mode="plan", status="running", by="command", started_at=long_ago, updated_at=long_ago,
                       progress=0.2, summary=[], changes={}, unscheduled=[])
        )  # fmt: skip

    status, location = replan(client_for("coordinator"))
    wait(run_id(location))

    assert status == 303


@pytest.mark.parametrize("value", ["0", "601", "soon"])
def test_replan_with_a_bad_time_limit_answers_400(
    client_for: Callable[[str], TestClient], tiny: Path, value: str
) -> None:
    status, page = replan(client_for("coordinator"), value)

    assert (status, "time_limit" in page) == (400, True)


def test_queue_run_refuses_a_second_live_run(tiny: Path) -> None:
    with open_register(tiny) as register:
        queue_run(register, "plan", "kofi")

        with pytest.raises(RunGoing, match="is queued since"):
            queue_run(register, "plan", "kofi")


def test_cli_plan_records_its_run(tiny: Path) -> None:
    result = CliRunner().invoke(cli, ["--workspace", str(tiny), "plan", "--time-limit", "2"])

    with open_register(tiny) as register:
        recorded = last_runs(register)[0]
    assert result.exit_code == 0, result.output
    assert (recorded.by, recorded.mode, recorded.status, recorded.error) == ("command", "plan", "done", None)
    assert [(item.request, item.country, item.kind) for item in recorded.unscheduled] == [
        ("cn-beijing-tot", "CN", "impossible")
    ]
    assert recorded.summary[0].startswith("1 workshops planned of 2 requests")


def test_cli_replan_that_fails_records_its_error(tiny: Path) -> None:
    result = CliRunner().invoke(cli, ["--workspace", str(tiny), "replan", "--drop", "nowhere", "--time-limit", "1"])

    with open_register(tiny) as register:
        recorded = last_runs(register, ("failed",))[0]
    expected = "--drop: no accepted request 'nowhere' to drop"
    assert (type(result.exception), recorded.mode, recorded.error) == (UsageError, "replan", expected)


def test_recorder_records_the_share_of_the_time_limit_and_passes_progress_on(tiny: Path) -> None:
    heard: list[tuple[float, float, float]] = []
    options = PlanOptions(time_limit=10.0, progress=lambda *report: heard.append(report))
    with open_register(tiny) as register:
        recorder = Recorder(register, start_run(register, "plan", "command").id, options)

        recorder.options.progress(5.0, 6.0, 4.0)  # type: ignore[misc]
        recorded = run(register, recorder.run_id)

    assert (heard, recorded.progress if recorded else None) == ([(5.0, 6.0, 4.0)], 0.4)
