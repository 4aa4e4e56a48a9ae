"""`tiptrain feeds url|rotate`: calendar subscription URLs of the plan and of each trainer (SPEC 9)."""

from __future__ import annotations

import click

from tiptrain.commands.users import check_trainer, open_accounts
from tiptrain.context import App, pass_app
from tiptrain.render import say

DEFAULT_BASE = "http://127.0.0.1:8000"


def _target(app: App, trainer: str | None, plan: bool) -> tuple[str, str | None]:
    from curriculum.errors import UsageError

    if plan == bool(trainer):
        raise UsageError("give exactly one of --trainer ID or --plan")
    if trainer:
        check_trainer(app, trainer)
        return "trainer", trainer
    return "plan", None


@click.group()
def feeds() -> None:
    """Calendar subscriptions: each trainer and the plan have a feed URL with an unguessable token.

    \b
    Example:
      tiptrain feeds url --trainer t-amina --base https://training.example.org
      tiptrain feeds rotate --trainer t-amina      the old URL stops working
    """


@feeds.command("url")
@click.option("--trainer", default=None, help="The feed of this trainer's workshops.")
@click.option("--plan", is_flag=True, help="The feed of the whole plan.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Where `tiptrain serve` is reached.")
@pass_app
def url(app: App, trainer: str | None, plan: bool, base: str) -> None:
    """Print the feed URL (BASE/feeds/TOKEN.ics), making the token on first use."""
    from curriculum.errors import UsageError

    if not base.startswith(("http://", "https://")):
        raise UsageError(f"--base {base!r}: expected a URL starting with http:// or https://")
    kind, trainer_id = _target(app, trainer, plan)
    token = open_accounts(app).feed_token(kind, trainer_id)
    click.echo(f"{base.rstrip('/')}/feeds/{token}.ics")


@feeds.command("rotate")
@click.option("--trainer", default=None, help="The feed of this trainer's workshops.")
@click.option("--plan", is_flag=True, help="The feed of the whole plan.")
@pass_app
def rotate(app: App, trainer: str | None, plan: bool) -> None:
    """Give the feed a new token: the old URL answers 404 from now on; print the new URL with `feeds url`."""
    kind, trainer_id = _target(app, trainer, plan)
    open_accounts(app).rotate_feed(kind, trainer_id)
    say(f"new token for the {kind} feed{' of ' + trainer_id if trainer_id else ''}; see `tiptrain feeds url`")


COMMANDS = [feeds]
