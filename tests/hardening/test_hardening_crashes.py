"""Commands killed with SIGKILL half way: never half a file at the target, never half a roster in the register.

A child process runs the real command (forked from a server that has imported tiptrain, so it starts at
once); the test first lets one run finish to learn how long the command takes, then kills fresh runs at
spread-out moments of that span and checks the invariant after each kill. No hook in the product is needed.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hardening_driver import command
from hardening_kit import make_workspace, roster_row, sqlite_url, store, workshop, write_roster

from tiptrain.files import STALE_PART_SECONDS, part_files, write_atomic

KILLS = 4
"""Kills per command; with the spread below they land in startup, in the work, and while writing."""


def run_child(context: Any, argv: list[str], log: Path, kill_after: float | None = None) -> tuple[int | None, float]:
    """Run `tiptrain ARGV` in a child; SIGKILL it after `kill_after` seconds. (exit code, seconds it ran)."""
    process = context.Process(target=command, args=(argv, {}, str(log)))
    started = time.monotonic()
    process.start()
    process.join(timeout=kill_after if kill_after is not None else 120)
    if process.is_alive():
        process.kill()
        process.join()
    return process.exitcode, time.monotonic() - started


def moments(span: float, seed: int) -> list[float]:
    """KILLS moments spread over the command's span (plus a little), shuffled so that no order is favoured."""
    generator = random.Random(seed)
    found = [span * (n + generator.random()) / KILLS for n in range(KILLS)]
    generator.shuffle(found)
    return found


# --- a PDF export killed: the target is absent or whole ------------------------------------------------------

PEOPLE = 400


@pytest.fixture(scope="module")
def delivered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with W-a delivered to PEOPLE participants (certificates take a second or two)."""
    from exports.models import Participant
    from tiptrain.register.api import Register

    workspace = make_workspace(tmp_path_factory.mktemp("certificates"))
    store(sqlite_url(workspace), workshop("W-a", date(2026, 2, 2)))
    people = [
        Participant(name=f"Participant {n}", profession="police", sex="f", country="ML", attendance=[True] * 3)
        for n in range(PEOPLE)
    ]
    with Register(sqlite_url(workspace)) as register:
        register.transition("W-a", "confirmed")
        register.deliver("W-a", people)
    return workspace


def pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def test_certificates_killed_at_any_moment_leave_no_partial_file(delivered: Path, forkserver: Any) -> None:
    target = delivered / "out" / "certificates.pdf"
    argv = ["--workspace", str(delivered), "export", "certificates", "W-a", "-o", str(target)]
    code, span = run_child(forkserver, argv, delivered / "full.log")
    assert (code, pages(target)) == (0, PEOPLE)

    outcomes = []
    for moment in moments(span, seed=8):
        target.unlink(missing_ok=True)
        code, _ = run_child(forkserver, argv, delivered / "killed.log", kill_after=moment)
        outcomes.append(code)
        assert not target.exists() or pages(target) == PEOPLE  # whole, when the kill came after the rename
        assert [path.name for path in target.parent.glob("*.pdf")] == ([target.name] if target.exists() else [])
        assert all(part.name.startswith(".certificates.pdf.") for part in part_files(target))

    assert -9 in outcomes  # at least one run was really killed


def test_write_killed_while_writing_leaves_only_a_hidden_part_file_that_the_next_write_removes(
    tmp_path: Path, forkserver: Any
) -> None:
    target = tmp_path / "big.pdf"
    writer = forkserver.Process(target=_write_big, args=(str(target),))
    writer.start()
    deadline = time.monotonic() + 30
    while not part_files(target) and time.monotonic() < deadline and writer.is_alive():
        time.sleep(0.001)
    writer.kill()
    writer.join()
    leftovers = part_files(target)
    assert not target.exists()
    assert len(leftovers) == 1
    assert leftovers[0].name.startswith(".big.pdf.")
    assert leftovers[0].suffix == ".part"

    fresh = target.with_name(".big.pdf.fresh.part")
    fresh.write_bytes(b"another command is writing this one")
    old = time.time() - STALE_PART_SECONDS - 60
    os.utime(leftovers[0], (old, old))
    write_atomic(target, b"%PDF-1.7 whole")

    assert target.read_bytes() == b"%PDF-1.7 whole"
    assert part_files(target) == [fresh]


def _write_big(path: str) -> None:
    write_atomic(Path(path), bytes(200_000_000))  # long enough to be caught writing


def test_write_atomic_interrupted_in_process_removes_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def interrupted(self: Path, other: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")

    assert (target.read_bytes(), part_files(target)) == (b"old", [])


def test_write_atomic_into_an_unwritable_place_is_one_clear_error(tmp_path: Path) -> None:
    from tiptrain.files import CannotWrite

    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be")

    with pytest.raises(CannotWrite) as raised:
        write_atomic(blocker / "report.pdf", b"x")

    assert str(raised.value).startswith(f"cannot write {blocker / 'report.pdf'}: ")


# --- a roster import killed: the register holds all of it or none of it -------------------------------------

ROWS = 1000


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with W-a confirmed and a roster of ROWS people; its register file is the template."""
    from tiptrain.register.api import Register

    workspace = make_workspace(tmp_path_factory.mktemp("roster"))
    store(sqlite_url(workspace), workshop("W-a", date(2026, 2, 2)))
    with Register(sqlite_url(workspace)) as register:
        register.transition("W-a", "confirmed")
    write_roster(workspace / "roster.csv", [roster_row(f"Person {n}", days="1,1,0") for n in range(ROWS)])
    shutil.copyfile(workspace / "tiptrain.db", workspace / "template.db")
    return workspace


def register_state(workspace: Path) -> tuple[str, int, int, str]:
    """(status, participants, history entries, SQLite integrity) of W-a."""
    from tiptrain.register.api import Register

    with sqlite3.connect(workspace / "tiptrain.db") as raw:
        integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
    with Register(sqlite_url(workspace)) as register:
        status = register.workshop("W-a").status
        return status, len(register.participants("W-a")), len(register.history("W-a")), integrity


def fresh_register(workspace: Path) -> None:
    for path in workspace.glob("tiptrain.db*"):
        path.unlink()
    shutil.copyfile(workspace / "template.db", workspace / "tiptrain.db")


def test_roster_import_killed_at_any_moment_is_all_or_nothing(confirmed: Path, forkserver: Any) -> None:
    argv = ["--workspace", str(confirmed), "workshops", "deliver", "W-a", "--roster", str(confirmed / "roster.csv")]
    fresh_register(confirmed)
    code, span = run_child(forkserver, argv, confirmed / "full.log")
    assert (code, register_state(confirmed)) == (0, ("delivered", ROWS, 3, "ok"))

    states = []
    for moment in moments(span, seed=6):
        fresh_register(confirmed)
        code, _ = run_child(forkserver, argv, confirmed / "killed.log", kill_after=moment)
        state = register_state(confirmed)
        states.append(state)
        assert state in {("confirmed", 0, 2, "ok"), ("delivered", ROWS, 3, "ok")}, (code, moment)

    assert ("confirmed", 0, 2, "ok") in states  # at least one kill came before the commit
