"""Alembic environment for the register.

`tiptrain.register.migrate` runs migrations with a Config built in code and hands over its own connection
(already inside a write transaction), so that a migration and the lock around it are one transaction.
The `alembic` command line also works during development: set `sqlalchemy.url` in the Config.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from tiptrain.register.orm import Base

config = context.config
target_metadata = Base.metadata


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise SystemExit("set sqlalchemy.url, or run migrations through tiptrain.register.migrate")
    engine = create_engine(url)
    try:
        with engine.begin() as own:
            run_with(own)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
