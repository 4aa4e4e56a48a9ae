"""Several commands at once on one register, on SQLite and on PostgreSQL: nothing lost, a clear busy message.

Eight processes start together on an empty register (so they also race to create and migrate it), each
storing a plan, then confirming, cancelling, delivering a roster and forgetting a participant through the
real commands. Then one client holds the write lock while a command waits for it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hardening_driver import worker
from hardening_kit import BACKENDS, make_workspace, register_url, run_cli, store, workshop

WORKERS = 8


@pytest.mark.parametrize("backend", BACKENDS)
def test_eight_processes_at_once_lose_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forkserver: Any, backend: str
) -> None:
    from tiptrain.register.api import Register

    workspace = make_workspace(tmp_path / "workspace")
    with register_url(backend, workspace, monkeypatch) as url:
        env = {"TIPTRAIN_DB_URL": url} if backend == "postgres" else {}
        barrier = forkserver.Barrier(WORKERS)
        logs = [tmp_path / f"worker-{n}.log" for n in range(WORKERS)]
        processes = [
            forkserver.Process(target=worker, args=(str(workspace), n, env, barrier, str(logs[n])))
            for n in range(WORKERS)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(timeout=180)
        with Register(url) as register:
            found = {w.id: (w.status, w.sequence) for w in register.workshops()}
            histories = [len(register.history(f"W-{n}-1")) for n in range(WORKERS)]
            rosters = [[p.name for p in register.participants(f"W-{n}-1")] for n in range(WORKERS)]

    assert [process.exitcode for process in processes] == [0] * WORKERS, [log.read_text() for log in logs]
    assert found == {
        workshop_id: state
        for n in range(WORKERS)
        for workshop_id, state in {
            f"W-{n}-1": ("delivered", 2),
            f"W-{n}-2": ("cancelled", 1),
            f"W-{n}-3": ("planned", 0),
        }.items()
    }
    assert histories == [4] * WORKERS  # planned, confirmed, delivered, a participant forgotten
    assert rosters == [["(forgotten)", f"P{n} 1", f"P{n} 2", f"P{n} 3"] for n in range(WORKERS)]


@pytest.fixture(params=BACKENDS)
def held(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A workspace with a planned workshop W-a, whose register's write lock another client holds."""
    from sqlalchemy import create_engine, text

    from tiptrain.register.db import WRITE_LOCK_KEY

    workspace = make_workspace(tmp_path)
    with register_url(request.param, workspace, monkeypatch) as url:
        store(url, workshop("W-a", date(2026, 2, 2)))
        if request.param == "sqlite":
            holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            holder.execute("BEGIN IMMEDIATE")
            yield workspace
            holder.close()
            return
        engine = create_engine(url)
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": WRITE_LOCK_KEY})
            yield workspace
        engine.dispose()


@pytest.mark.parametrize(
    "argv",
    [["workshops", "confirm", "W-a"], ["workshops", "cancel", "W-a"], ["participants", "forget", "P-1"]],
    ids=["confirm", "cancel", "forget"],
)
def test_register_held_too_long_gives_a_clear_retry_message(
    held: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("TIPTRAIN_BUSY_TIMEOUT", "0.3")

    started = time.monotonic()
    outcome = run_cli(held, *argv)
    seconds = time.monotonic() - started

    assert (outcome.code, outcome.err) == (
        1,
        "Error: the register is busy; try again (another tiptrain command held it for more than 0.3 s)\n",
    )
    assert seconds < 5
    assert "W-a  planned" in run_cli(held, "workshops", "list").out  # reading never waits for the writer


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "inf", "99999"])
def test_busy_timeout_setting_out_of_range_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("TIPTRAIN_BUSY_TIMEOUT", value)

    outcome = run_cli(make_workspace(tmp_path), "workshops", "list")

    assert (outcome.code, outcome.err) == (
        2,
        f"Error: TIPTRAIN_BUSY_TIMEOUT={value!r}: expected a number of seconds above 0 and at most 3600\n",
    )
