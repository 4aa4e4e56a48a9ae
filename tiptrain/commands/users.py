"""`tiptrain users add|list|disable|password|token`: the accounts of the web application (SPEC 9)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, print_table, say

if TYPE_CHECKING:
    from tiptrain.register.accounts import Accounts

ROLES = ("coordinator", "office", "trainer", "viewer")


def open_accounts(app: App) -> Accounts:
    """The accounts of the workspace's register."""
    from tiptrain.register.accounts import Accounts
    from tiptrain.register.api import Register

    return Accounts(Register(app.settings().register_url))


def check_trainer(app: App, trainer: str) -> None:
    """Refuse a trainer id the workspace's trainers (its file, else the register's) do not hold, when it has any."""
    from curriculum.errors import UsageError
    from tiptrain.inputs_sync import workspace_trainers

    known = sorted(t.id for t in workspace_trainers(app.settings()))
    if known and trainer not in known:
        raise UsageError(f"--trainer {trainer!r}: no such trainer in the workspace; known: {', '.join(known)}")


def read_password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@click.group()
def users() -> None:
    """Accounts of the web application (`tiptrain serve`): who may sign in, and what they reach.

    \b
    Roles:
      coordinator  everything
      office       the workshops hosted in its countries (--countries ML,SN)
      trainer      their own workshops, documents and calendar (--trainer ID)
      viewer       plan and report, no personal data
    \b
    Example:
      tiptrain users add awa --role office --countries ML,SN
      printf '%s\\n' "$PASSWORD" | tiptrain users add kofi --role coordinator --password-stdin
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may see and do.")
@click.option("--countries", default="", help="Office users: ISO country codes, comma-separated (ML,SN).")
@click.option("--trainer", "trainer", default=None, help="Trainer users: their id in trainers.yaml.")
@click.option("--password-stdin", is_flag=True, help="Read the password from one line of standard input.")
@pass_app
def add(app: App, name: str, role: str, countries: str, trainer: str | None, password_stdin: bool) -> None:
    """Add a user; the password is asked twice (hidden) unless --password-stdin.

    \b
    Example:
      tiptrain users add awa --role office --countries ML,SN
    """
    from tiptrain.register.accounts import check_account, check_password

    codes = [code.strip().upper() for code in countries.split(",") if code.strip()]
    check_account(name, role, codes, trainer)  # before asking for a password
    if trainer:
        check_trainer(app, trainer)
    password = read_password(password_stdin)
    check_password(password)
    user = open_accounts(app).add_user(name, role, password, codes, trainer)
    say(f"added {user.name} ({user.role})")


@users.command("list")
@json_option
@pass_app
def list_users(app: App, as_json: bool) -> None:
    """List the users with their role and reach (never a password hash)."""
    found = open_accounts(app).users()
    if as_json:
        from dataclasses import asdict

        print_json([asdict(user) for user in found])  # name, role, countries, trainer, disabled
        return
    rows = [[u.name, u.role, ",".join(u.countries) or u.trainer or "", "disabled" if u.disabled else ""] for u in found]
    print_table(["name", "role", "reach", "state"], rows, title="Users")


@users.command("disable")
@click.argument("name")
@pass_app
def disable(app: App, name: str) -> None:
    """Disable a user: no more logins; their sessions and API tokens end at once."""
    open_accounts(app).disable(name)
    say(f"disabled {name}")


@users.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from one line of standard input.")
@pass_app
def password(app: App, name: str, password_stdin: bool) -> None:
    """Set a user's password; their open sessions end."""
    from tiptrain.register.accounts import check_password

    accounts = open_accounts(app)
    accounts.existing(name)  # before asking for the password
    new = read_password(password_stdin)
    check_password(new)
    accounts.set_password(name, new)
    say(f"password of {name} changed")


@users.command("token")
@click.argument("name")
@pass_app
def token(app: App, name: str) -> None:
    """Print a new bearer token for the JSON API, once: it is not stored and cannot be shown again.

    \b
    Example:
      curl -H "Authorization: Bearer $(tiptrain users token awa)" http://127.0.0.1:8000/api/me
    """
    click.echo(open_accounts(app).new_api_token(name))


COMMANDS = [users]
