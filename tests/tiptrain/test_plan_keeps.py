"""`tiptrain plan` keeps a published plan: re-planned with the fewest changes, `--fresh` only after a yes."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from plan_kit import requests_text, run_cli, sample_workspace, tiny_workspace, workshop_rows


def test_plan_again_after_a_cancel_moves_nothing_else(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = sample_workspace(tmp_path / "ws", capsys)
    base = ["--workspace", str(folder)]
    assert run_cli([*base, "plan", "--time-limit", "5"], capsys)[0] == 0
    before = workshop_rows(folder, capsys)
    assert run_cli([*base, "workshops", "cancel", "W-sn-dakar-vp"], capsys)[0] == 0

    code, _, err = run_cli([*base, "plan", "--time-limit", "5"], capsys)

    after = {row[0]: row for row in workshop_rows(folder, capsys)}
    assert code == 0, err
    assert [after[row[0]] for row in before if row[0] != "W-sn-dakar-vp"] == [
        row for row in before if row[0] != "W-sn-dakar-vp"
    ]
    assert after["W-sn-dakar-vp"][1] == "cancelled"
    assert "Kept the period's 22 published workshops; re-planned with minimal change:" in err.splitlines()


def test_plan_fresh_without_an_answer_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-early", date(2027, 3, 2), date(2027, 3, 5)))
    assert run_cli(["--workspace", str(folder), "plan", "--time-limit", "2"], capsys)[0] == 0
    before = workshop_rows(folder, capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))

    code, _, err = run_cli(["--workspace", str(folder), "plan", "--fresh", "--time-limit", "2"], capsys)

    assert code == 2
    assert "This may move or cancel 1 planned workshops whose calendars may already be sent. Continue?" in err
    assert err.splitlines()[-1].startswith("Error: nothing changed: a fresh plan needs a yes")
    assert workshop_rows(folder, capsys) == before


def test_plan_fresh_declined_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-early", date(2027, 3, 2), date(2027, 3, 5)))
    assert run_cli(["--workspace", str(folder), "plan", "--time-limit", "2"], capsys)[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))

    code, _, err = run_cli(["--workspace", str(folder), "plan", "--fresh", "--time-limit", "2"], capsys)

    assert code == 2
    assert err.splitlines()[-1].startswith("Error: nothing changed: a fresh plan needs a yes")
    assert [row[1] for row in workshop_rows(folder, capsys)] == ["planned"]


def test_plan_fresh_with_yes_starts_over_without_asking(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-early", date(2027, 3, 2), date(2027, 3, 5)))
    assert run_cli(["--workspace", str(folder), "plan", "--time-limit", "2"], capsys)[0] == 0

    code, _, err = run_cli(["--workspace", str(folder), "plan", "--fresh", "--yes", "--time-limit", "2"], capsys)

    assert code == 0, err
    assert "Continue?" not in err
    assert "Kept the period's" not in err
    assert err.splitlines()[-1] == "Register: 1 unchanged."


EARLY = ("ml-early", date(2027, 3, 2), date(2027, 3, 5))
LATE = ("ml-late", date(2027, 3, 9), date(2027, 3, 12))


def test_plan_brings_back_a_request_dropped_by_replan_once_it_fits_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tiptrain.register.api import Register

    folder = tiny_workspace(tmp_path / "ws", capsys, EARLY, LATE, max_workshops=1)
    base = ["--workspace", str(folder)]
    requests = folder / "requests.yaml"
    requests.write_text(requests_text(EARLY, LATE, priorities={"ml-late": 1}), encoding="utf-8")
    assert run_cli([*base, "plan", "--time-limit", "2"], capsys)[0] == 0
    requests.write_text(requests_text(EARLY, LATE, priorities={"ml-early": 1}), encoding="utf-8")
    assert run_cli([*base, "plan", "--time-limit", "2"], capsys)[0] == 0
    requests.write_text(requests_text(EARLY, LATE, priorities={"ml-late": 1}), encoding="utf-8")

    code, _, err = run_cli([*base, "plan", "--time-limit", "2"], capsys)

    with Register(f"sqlite:///{folder / 'tiptrain.db'}") as register:
        back = register.history("W-ml-early")
    assert code == 0, err
    assert [(c.old, c.new, c.sequence, c.reason) for c in back] == [
        (None, "planned", 0, "plan"),
        ("planned", "cancelled", 1, "dropped by re-plan"),
        ("cancelled", "planned", 2, "back in the plan (plan)"),
    ]
    assert err.splitlines()[-1] == "Register: 1 back (back in the plan), 1 cancelled (dropped by re-plan)."
    assert [row[:2] for row in workshop_rows(folder, capsys)] == [
        ("W-ml-early", "planned"),
        ("W-ml-late", "cancelled"),
    ]


def test_plan_never_brings_back_a_workshop_a_person_cancelled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, EARLY)
    base = ["--workspace", str(folder)]
    assert run_cli([*base, "plan", "--time-limit", "2"], capsys)[0] == 0
    assert run_cli([*base, "workshops", "cancel", "W-ml-early"], capsys)[0] == 0

    code, out, _ = run_cli([*base, "plan", "--time-limit", "2"], capsys)

    assert (code, workshop_rows(folder, capsys)[0][1]) == (0, "cancelled")
    assert "the coordinator took it out of the plan (dropped, or its workshop cancelled: final)" in out


def test_plan_keeps_out_a_request_dropped_with_replan_drop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tiptrain.register.api import Register

    folder = tiny_workspace(tmp_path / "ws", capsys, EARLY)
    base = ["--workspace", str(folder)]
    assert run_cli([*base, "plan", "--time-limit", "2"], capsys)[0] == 0
    assert run_cli([*base, "replan", "--drop", "ml-early", "--time-limit", "2"], capsys)[0] == 0

    code, _, err = run_cli([*base, "plan", "--time-limit", "2"], capsys)

    with Register(f"sqlite:///{folder / 'tiptrain.db'}") as register:
        reasons = [c.reason for c in register.history("W-ml-early")]
    assert code == 0, err
    assert reasons == ["plan", "dropped by the coordinator (replan --drop)"]
    assert workshop_rows(folder, capsys)[0][1] == "cancelled"
