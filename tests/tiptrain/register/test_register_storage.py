"""The register's storage: migrations, the file's permissions, a busy register, several writers at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from register_builders import plan, work, workshop
from sqlalchemy import Engine, create_engine, inspect, text

from tiptrain.register import migrate
from tiptrain.register.api import Register
from tiptrain.register.db import WRITE_LOCK_KEY, RegisterBusy, make_engine
from tiptrain.register.orm import Base

TABLES = {
    "alembic_version",
    "answers",
    "attendance",
    "cascade_courses",
    "certificate_revocations",
    "certificates",
    "evaluations",
    "input_files",
    "outbox",
    "participants",
    "plan_runs",
    "requests",
    "status_history",
    "trainer_absences",
    "trainer_unavailable",
    "trainers",
    "trainer_links",
    "workshop_days",
    "workshop_trainers",
    "workshops",
    # the web application's accounts (0007)
    "api_tokens",
    "app_secrets",
    "feed_tokens",
    "login_failures",
    "users",
    "web_sessions",
}


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_migrations_empty_to_head_match_the_models(register: Register) -> None:
    engine = make_engine(register.url)
    try:
        before = (migrate.current(engine), table_names(engine))
        migrate.upgrade(engine)
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        after = (migrate.current(engine), table_names(engine))
    finally:
        engine.dispose()

    assert before == (None, set())
    assert after == ("0010", TABLES)
    assert differences == []


def test_migrations_downgrade_to_base_and_up_again_round_trip(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))
    register.close()
    engine = make_engine(register.url)
    try:
        migrate.downgrade(engine, "base")
        emptied = (migrate.current(engine), table_names(engine))
        migrate.upgrade(engine)
        again = (migrate.current(engine), table_names(engine))
    finally:
        engine.dispose()

    assert emptied == (None, {"alembic_version"})
    assert again == ("0010", TABLES)
    assert register.workshops() == []
    assert register.store_plan(plan(workshop("W-a", date(2026, 2, 2)))).added == ["W-a"]


def test_register_opens_at_head_on_first_use(register: Register) -> None:
    register.workshops()

    assert migrate.current(register.engine) == migrate.head()


def test_register_file_created_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "tiptrain.db"

    with Register(f"sqlite:///{path}") as register:
        register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}

    assert modes == {"tiptrain.db": 0o600, "tiptrain.db-wal": 0o600, "tiptrain.db-shm": 0o600}


def test_register_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'tiptrain.db'}")
    try:
        with engine.connect() as connection:
            found = [connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in ("journal_mode", "foreign_keys")]
    finally:
        engine.dispose()

    assert found == ["wal", 1]


def test_register_postgres_url_without_driver_uses_psycopg() -> None:
    engine = make_engine("postgresql://someone@127.0.0.1:1/none")

    assert engine.url.drivername == "postgresql+psycopg"


def hold_write_lock(url: str) -> tuple[object, object]:
    """Another client holding the register's write lock: (thing to release, connection)."""
    if url.startswith("sqlite:///"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        return connection, connection
    engine = create_engine(url)
    connection = engine.connect()
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": WRITE_LOCK_KEY})
    return engine, connection


def test_register_busy_gives_clear_error_and_writes_nothing(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))
    owner, connection = hold_write_lock(register.url)
    try:
        with Register(register.url, busy_timeout=0.2) as waiting, pytest.raises(RegisterBusy) as raised:
            waiting.transition("W-a", "confirmed")
    finally:
        connection.close()  # type: ignore[attr-defined]
        if isinstance(owner, Engine):
            owner.dispose()

    assert str(raised.value) == "the register is busy; try again (another tiptrain command held it for more than 0.2 s)"
    assert register.workshop("W-a").status == "planned"


def test_register_unreachable_database_is_one_clear_error() -> None:
    from tiptrain.register.db import RegisterUnavailable

    with pytest.raises(RegisterUnavailable) as raised:
        Register("postgresql://nobody:secret@127.0.0.1:1/none").workshops()

    assert str(raised.value).startswith("cannot use the register postgresql+psycopg://nobody:***@127.0.0.1:1/none: ")


WRITERS = 6


def test_register_several_writer_processes_lose_nothing(register: Register) -> None:
    context = multiprocessing.get_context("forkserver")  # imports once in the server, then forks each writer
    context.set_forkserver_preload(["tiptrain.register.api"])
    barrier = context.Barrier(WRITERS)
    processes = [context.Process(target=work, args=(register.url, n, barrier)) for n in range(WRITERS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)

    assert [process.exitcode for process in processes] == [0] * WRITERS
    found = {w.id: (w.status, w.sequence, w.start.day) for w in register.workshops()}
    assert found == {
        workshop_id: state
        for n in range(WRITERS)
        for workshop_id, state in {
            f"W-{n}-1": ("delivered", 3, 2),
            f"W-{n}-2": ("cancelled", 2, 9),
            f"W-{n}-3": ("planned", 1, 16),
        }.items()
    }
    assert [len(register.history(f"W-{n}-1")) for n in range(WRITERS)] == [4] * WRITERS
    assert [len(register.participants(f"W-{n}-1")) for n in range(WRITERS)] == [5] * WRITERS
    assert register.trainer_links() == [(f"t-{n}", f"W-{n}-1") for n in range(WRITERS)]
