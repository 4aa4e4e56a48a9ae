"""Opening the register: the engine for a URL, SQLite made safe for several writers, errors made readable.

SQLite gets WAL (readers never wait for the writer), a busy timeout, foreign keys, and explicit BEGIN
statements so that a write transaction takes the write lock up front (`BEGIN IMMEDIATE`) instead of failing
half way; its file is created readable by its owner only (SPEC 8) before SQLite ever opens it. PostgreSQL
is reached through psycopg 3; write transactions there queue on one advisory lock, the same discipline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.engine import URL, make_url

from curriculum.errors import TiptrainError, UsageError

BUSY_TIMEOUT = 30.0
"""Seconds a command waits for another one that holds the register before giving up."""
WRITE_LOCK_KEY = 0x7469707472
"""PostgreSQL advisory lock that write transactions take, so they run one after the other."""
WRITE_OPTION = "tiptrain_write"


class RegisterBusy(TiptrainError):
    """Another command held the register for longer than the busy timeout."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the register is busy; try again (another tiptrain command held it for more than {seconds:g} s)"
        )


class RegisterUnavailable(TiptrainError):
    """The register's database cannot be opened or reached."""


def normalise_url(url: str) -> URL:
    """The URL as SQLAlchemy should use it: PostgreSQL always through psycopg 3; unknown kinds refused."""
    try:
        parsed = make_url(url)
    except exc.ArgumentError:
        raise UsageError(f"register url {url!r} is not a database URL such as sqlite:///tiptrain.db") from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return parsed
    raise UsageError(f"register url {parsed.render_as_string()!r}: only sqlite:/// and postgresql:// are supported")


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL, or None for an in-memory database or another backend."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    if str(url.database).startswith("file:"):
        return None
    return Path(str(url.database))


def create_private_file(path: Path) -> None:
    """Create an empty file that only its owner can read and write, unless it is there already."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise RegisterUnavailable(f"cannot create the register {path}: {error.strerror}") from None
    os.close(handle)


def make_engine(url: str, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """An engine for the register at `url`; SQLite files are created (mode 0600) before the first connect."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    path = sqlite_path(parsed)
    if path is not None:
        create_private_file(path)
    engine = create_engine(parsed, connect_args={"timeout": busy_timeout})
    _sqlite_events(engine, busy_timeout)
    return engine


def _sqlite_events(engine: Engine, busy_timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the write lock when they begin."""
    return engine.execution_options(**{WRITE_OPTION: True})


def take_write_lock(connection: Any, busy_timeout: float) -> None:
    """On PostgreSQL, queue behind other writers (SQLite did this in BEGIN IMMEDIATE)."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(text(f"SET LOCAL lock_timeout = '{int(busy_timeout * 1000)}ms'"))
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


@contextmanager
def readable_errors(url: str, busy_timeout: float) -> Iterator[None]:
    """Turn a lock timeout into RegisterBusy and an unreachable database into RegisterUnavailable."""
    try:
        yield
    except exc.OperationalError as error:
        if _is_busy(error):
            raise RegisterBusy(busy_timeout) from None
        shown = normalise_url(url).render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
        raise RegisterUnavailable(f"cannot use the register {shown}: {reason}") from None


def _is_busy(error: exc.OperationalError) -> bool:
    message = str(error.orig).lower()
    code = getattr(error.orig, "sqlstate", None)
    return "database is locked" in message or "database is busy" in message or code == "55P03"
