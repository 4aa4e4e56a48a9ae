"""A workshop confirmed while the solver runs: the plan is solved again, or refused, never double-booked.

The solver is wrapped so that, before it returns, another connection changes the register, as a second
coordinator's `workshops confirm` would. Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from plan_kit import TUESDAY, run_cli, store_workshops, tiny_workspace, tuesday_workshop, workshop_rows
from postgres_kit import fresh_schema, postgres_url

REQUESTS = (("ml-early", date(2027, 3, 2), date(2027, 3, 5)), ("ml-tuesday", TUESDAY, TUESDAY))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def workspace(
    request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, str]]:
    """The tiny workspace whose register holds W-ml-early planned on Tuesday; (folder, register url)."""
    folder = tiny_workspace(tmp_path / "ws", capsys, *REQUESTS)
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'tiptrain.db'}"
        store_workshops(url, date(2027, 1, 1), date(2027, 6, 30), tuesday_workshop())
        yield folder, url
        return
    with fresh_schema(postgres_url()) as url:
        monkeypatch.setenv("TIPTRAIN_DB_URL", url)
        store_workshops(url, date(2027, 1, 1), date(2027, 6, 30), tuesday_workshop())
        yield folder, url


def meddle_during_solve(monkeypatch: pytest.MonkeyPatch, meddle: Callable[[int], None]) -> list[int]:
    """Make every solve call `meddle(n)` (n = 1, 2, ...) before it returns; the list counts the calls."""
    import scheduler.replan
    import scheduler.solver

    real = scheduler.solver.solve
    calls: list[int] = []

    def solve(*args: Any, **kwargs: Any) -> Any:
        plan = real(*args, **kwargs)
        calls.append(len(calls) + 1)
        meddle(len(calls))
        return plan

    monkeypatch.setattr(scheduler.solver, "solve", solve)
    monkeypatch.setattr(scheduler.replan, "solve", solve)
    return calls


def test_plan_with_a_confirmation_during_the_solve_is_solved_again(
    workspace: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiptrain.register.api import Register

    folder, url = workspace

    def confirm(call: int) -> None:
        if call == 1:
            with Register(url) as other:
                other.transition("W-ml-early", "confirmed", "host letter")

    calls = meddle_during_solve(monkeypatch, confirm)

    code, out, err = run_cli(["--workspace", str(folder), "plan", "--time-limit", "2"], capsys)

    assert code == 0, err
    assert workshop_rows(folder, capsys) == [("W-ml-early", "confirmed", "2027-03-02", "2027-03-02", "t-awa")]
    assert calls == [1, 2]
    assert "ml-tuesday" in out
    assert err.splitlines()[-2:] == [
        "The register changed while solving; solved again from it (2 solves in all).",
        "Register: 1 unchanged.",
    ]


def test_plan_stops_when_the_register_keeps_changing(
    workspace: tuple[Path, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiptrain.register.api import Register

    folder, url = workspace
    before = workshop_rows(folder, capsys)

    def link(call: int) -> None:
        with Register(url) as other:
            other.link_trainer("W-ml-early", f"t-visitor-{call}")

    calls = meddle_during_solve(monkeypatch, link)

    code, _, err = run_cli(["--workspace", str(folder), "plan", "--time-limit", "2"], capsys)

    assert (code, calls) == (1, [1, 2, 3])
    assert err.splitlines()[-1] == (
        "Error: the register changed while planning (a trainer link, an absence or a roster was recorded); "
        "nothing was stored. Run the command again."
    )
    assert workshop_rows(folder, capsys) == before
