"""Schema versions of the register: Alembic run in code, with the migrations shipped inside the package.

No alembic.ini is needed: the Config is built here and given the caller's connection, already inside a
write transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so several processes that
open a new register at once migrate it exactly once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from curriculum.errors import TiptrainError, UsageError
from tiptrain.register.db import take_write_lock, writer

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at the bundled migrations, using `connection` when given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head() -> str:
    """The newest schema revision this version of tiptrain knows."""
    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if found is None:  # pragma: no cover - the package always ships migrations
        raise TiptrainError(f"no migrations found in {MIGRATIONS}")
    return found


@cache
def revisions() -> tuple[str, ...]:
    """Every known revision, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return tuple(rev.revision for rev in reversed(list(script.walk_revisions())))


def current(engine: Engine) -> str | None:
    """The revision the register's schema is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", busy_timeout: float = 30.0) -> None:
    """Bring the schema up to `revision` in one write transaction."""
    _check_known(engine)
    with writer(engine).begin() as connection:
        take_write_lock(connection, busy_timeout)
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str, busy_timeout: float = 30.0) -> None:
    """Take the schema back to `revision` ('base' empties it) in one write transaction."""
    if revision not in ("base", *revisions()):
        known = ", ".join(["base", *revisions()])
        raise UsageError(f"no schema revision {revision!r}; known: {known}")
    _check_known(engine)
    with writer(engine).begin() as connection:
        take_write_lock(connection, busy_timeout)
        command.downgrade(alembic_config(connection), revision)


def ensure_head(engine: Engine, busy_timeout: float = 30.0) -> None:
    """Upgrade the schema to head unless it is there already (the common case costs one query)."""
    if current(engine) != head():
        upgrade(engine, "head", busy_timeout)


def _check_known(engine: Engine) -> None:
    found = current(engine)
    if found is not None and found not in revisions():
        raise TiptrainError(
            f"the register's schema is at revision {found}, which this tiptrain does not know; "
            "it was written by a newer tiptrain: upgrade tiptrain"
        )
