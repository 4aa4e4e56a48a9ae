"""`tiptrain db upgrade|downgrade|current`: the register's schema version (Alembic migrations)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, say

if TYPE_CHECKING:
    from sqlalchemy import Engine


@contextmanager
def _engine(app: App) -> Iterator[Engine]:
    """The register's engine without migrating it, errors made readable, closed afterwards."""
    from tiptrain.register.db import BUSY_TIMEOUT, make_engine, readable_errors

    url = app.settings().register_url
    with readable_errors(url, BUSY_TIMEOUT):
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


@click.group()
def db() -> None:
    """Show or change the schema version of the register.

    Every command brings the register up to date by itself; these are for checking, and for going back
    before installing an older tiptrain.

    \b
    Example:
      tiptrain db current
      tiptrain db upgrade
    """


@db.command("current")
@json_option
@pass_app
def current(app: App, as_json: bool) -> None:
    """Print the register's schema revision and the newest one this tiptrain knows.

    \b
    Example:
      tiptrain db current --json
    """
    from tiptrain.register import migrate

    with _engine(app) as engine:
        found = migrate.current(engine)
    head = migrate.head()
    if as_json:
        print_json({"current": found, "head": head, "up_to_date": found == head})
        return
    state = "up to date" if found == head else "behind: run `tiptrain db upgrade`"
    click.echo(f"current: {found or 'empty'}  head: {head}  ({state})")


@db.command("upgrade")
@click.argument("revision", default="head")
@pass_app
def upgrade(app: App, revision: str) -> None:
    """Bring the register's schema up to REVISION (default: the newest).

    \b
    Example:
      tiptrain db upgrade
    """
    from tiptrain.register import migrate

    with _engine(app) as engine:
        migrate.upgrade(engine, revision)
        found = migrate.current(engine)
    say(f"register schema at {found}")


@db.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Go ahead: tables of newer revisions are dropped with their data.")
@pass_app
def downgrade(app: App, revision: str, yes: bool) -> None:
    """Take the register's schema back to REVISION ('base' removes every table and all data).

    \b
    Example:
      tiptrain db downgrade base --yes
    """
    from curriculum.errors import UsageError
    from tiptrain.register import migrate

    if not yes:
        raise UsageError("a downgrade deletes the data of newer schema revisions; add --yes to go ahead")
    with _engine(app) as engine:
        migrate.downgrade(engine, revision)
        found = migrate.current(engine)
    say(f"register schema at {found or 'base (empty)'}")


COMMANDS = [db]
