"""A request id an earlier period's workshop already used is planned under a new id, and that period stays out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from plan_kit import run_cli, store_workshops, tiny_workspace, tuesday_workshop, workshop_rows

LAST_YEAR = date(2026, 3, 3)
LAST_YEARS = [
    ("W-ml-early", "confirmed", "2026-03-03", "2026-03-03", "t-awa"),
    ("W-ml-old", "planned", "2026-03-10", "2026-03-10", "t-awa"),
]


def last_period(folder: Path) -> None:
    """Last year's register: W-ml-early confirmed and W-ml-old planned, both in 2026."""
    from tiptrain.register.api import Register

    url = f"sqlite:///{folder / 'tiptrain.db'}"
    early = tuesday_workshop().model_copy(update={"start": LAST_YEAR, "end": LAST_YEAR, "days": [LAST_YEAR]})  # type: ignore[attr-defined]
    old_day = date(2026, 3, 10)
    old = early.model_copy(
        update={"id": "W-ml-old", "request": "ml-old", "start": old_day, "end": old_day, "days": [old_day]}
    )
    store_workshops(url, date(2026, 1, 1), date(2026, 6, 30), early, old)
    with Register(url) as register:
        register.transition("W-ml-early", "confirmed", "last year")


def test_plan_reused_request_id_gets_the_period_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-early", date(2027, 3, 2), date(2027, 3, 5)))
    last_period(folder)

    code, out, err = run_cli(["--workspace", str(folder), "plan", "--time-limit", "2"], capsys)

    assert code == 0, err
    rows = workshop_rows(folder, capsys)
    assert rows[:2] == LAST_YEARS
    assert [(row[0], row[1]) for row in rows[2:]] == [("W-ml-early-2027", "planned")]
    assert "W-ml-early-2027" in out


def test_replan_in_a_new_period_reports_nothing_of_the_old_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-early", date(2027, 3, 2), date(2027, 3, 5)))
    last_period(folder)
    assert run_cli(["--workspace", str(folder), "plan", "--time-limit", "2"], capsys)[0] == 0
    planned = workshop_rows(folder, capsys)

    code, out, err = run_cli(["--workspace", str(folder), "replan", "--time-limit", "2"], capsys)

    assert code == 0, err
    assert out.splitlines() == ["no changes: all 1 workshops stay as they were"]
    assert err.splitlines()[-1] == "Register: 1 unchanged."
    assert workshop_rows(folder, capsys) == planned
