"""`tiptrain workshops list|confirm|cancel|deliver|history|link-trainer`: track workshops in the register."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import click

from scheduler.statuses import WORKSHOP_STATUSES  # noqa: TID253 (typing only: no pydantic, --help stays light)
from tiptrain.commands.scores import scores as scores_command
from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, print_table, say

if TYPE_CHECKING:
    from tiptrain.register.api import Register, Replaced

STATUSES = WORKSHOP_STATUSES
DAY = click.DateTime(formats=["%Y-%m-%d"])


def open_register(app: App) -> Register:
    """The workspace's register (env TIPTRAIN_DB_URL or `[register] url`), migrated to the newest schema."""
    from tiptrain.register.api import Register

    return Register(app.settings().register_url)


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


@click.group()
def workshops() -> None:
    """Track workshops: list them, confirm or cancel them, record their delivery with the roster.

    A workshop goes planned -> confirmed -> delivered, or planned/confirmed -> cancelled; every change
    is kept with its time and reason, and raises the workshop's calendar sequence.

    \b
    Example:
      tiptrain workshops list --status planned
      tiptrain workshops confirm W-ml-bamako-tot --reason "host confirmed by e-mail"
      tiptrain workshops deliver W-ml-bamako-tot --roster roster-bamako.xlsx
    """


@workshops.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only workshops with this status.")
@click.option("--from", "first", type=DAY, help="Only workshops with a day on or after this date (YYYY-MM-DD).")
@click.option("--to", "last", type=DAY, help="Only workshops with a day on or before this date (YYYY-MM-DD).")
@json_option
@pass_app
def list_workshops(app: App, status: str | None, first: datetime | None, last: datetime | None, as_json: bool) -> None:
    """List the register's workshops by start date, with status and calendar sequence.

    \b
    Example:
      tiptrain workshops list --from 2026-03-01 --to 2026-03-31 --json
    """
    with open_register(app) as register:
        found = register.workshops(status, _day(first), _day(last))
    if as_json:
        print_json([workshop.model_dump(mode="json") for workshop in found])
        return
    rows = [(w.id, w.status, w.sequence, w.start, w.end, w.country, w.city, w.programme, w.trainers) for w in found]
    print_table(["id", "status", "seq", "start", "end", "country", "city", "programme", "trainers"], rows)


def _change(app: App, workshop_id: str, status: str, reason: str | None) -> None:
    with open_register(app) as register:
        before = register.workshop(workshop_id)
        after = register.transition(workshop_id, status, reason)
    say(f"{workshop_id}: {before.status} -> {after.status} (sequence {after.sequence})")
    from tiptrain.notify import waiting_line

    say(waiting_line(app.settings().register_url))


REASON = click.option("--reason", help="Why, kept in the workshop's history.")


@workshops.command("confirm")
@click.argument("workshop_id")
@REASON
@pass_app
def confirm(app: App, workshop_id: str, reason: str | None) -> None:
    """Confirm a planned workshop: its dates and team are agreed and will not move in a re-plan.

    \b
    Example:
      tiptrain workshops confirm W-ml-bamako-tot --reason "ministry letter of 12 January"
    """
    _change(app, workshop_id, "confirmed", reason)


@workshops.command("cancel")
@click.argument("workshop_id")
@REASON
@pass_app
def cancel(app: App, workshop_id: str, reason: str | None) -> None:
    """Cancel a planned or confirmed workshop (calendars show it as cancelled).

    \b
    Example:
      tiptrain workshops cancel W-fj-suva-cj --reason "host postponed to next period"
    """
    _change(app, workshop_id, "cancelled", reason)


@workshops.command("deliver")
@click.argument("workshop_id")
@click.option(
    "--roster",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="CSV or XLSX roster: name, organisation, profession, sex, country, email, day1..dayN, pre_test, post_test.",
)
@click.option(
    "--replace",
    is_flag=True,
    help="Replace the roster of a delivered workshop whole (a corrected file); kept in its history.",
)
@pass_app
def deliver(app: App, workshop_id: str, roster: str, replace: bool) -> None:
    """Record a confirmed workshop as delivered, with its roster; a roster with any error is refused whole.

    CSV in UTF-8 or a legacy encoding (Windows-1252 ...), separated by commas or semicolons, or XLSX; title
    rows above the header are skipped. Professions may be written in the workshop's language ("Policier").
    Other columns, and professions outside the programme's audiences, are warnings: the roster is kept.

    \b
    Example:
      tiptrain workshops deliver W-ml-bamako-tot --roster roster-bamako.csv
      tiptrain workshops deliver W-ml-bamako-tot --roster roster-bamako-corrected.xlsx --replace
    """
    from tiptrain.date_warnings import early_roster
    from tiptrain.register.lifecycle import check_deliverable
    from tiptrain.register.roster import read_roster_file

    with open_register(app) as register:
        workshop = register.workshop(workshop_id)
        if not (replace and workshop.status == "delivered"):
            check_deliverable(workshop_id, workshop.status)  # before reading the file: say what to do first
        programme = app.catalogue().programmes.get(workshop.programme)
        audiences = list(programme.audiences) if programme is not None else None
        tot = programme is not None and programme.trains_trainers
        read = read_roster_file(roster, workshop, audiences, trains_trainers=tot)
        early = early_roster(workshop, register.today())
        replaced = register.replace_roster(workshop_id, read.participants) if replace else None
        if replaced is None:
            register.deliver(workshop_id, read.participants)
    for line in [*read.warnings, *([early] if early else []), *_forgotten_warning(replaced)]:
        say(f"Warning: {line}")
    say(_delivered_line(app, workshop_id, read.participants, replaced.old if replaced and replaced.old else None))


def _forgotten_warning(replaced: Replaced | None) -> list[str]:
    """A replaced roster cannot tell who was forgotten on request: the new file may bring their data back."""
    if replaced is None or not replaced.forgotten:
        return []
    return [
        f"{replaced.forgotten} participant(s) of the old roster had been forgotten on request; if the new file "
        "names them again, forget them again: tiptrain participants forget ID"
    ]


def _delivered_line(app: App, workshop_id: str, participants: list[Any], old: int | None) -> str:
    threshold = app.settings().file.certificates.threshold
    present = sum(person.attended() for person in participants)
    certificates = sum(person.earns_certificate(threshold) for person in participants)
    done = f"roster replaced ({old} -> {len(participants)})" if old is not None else "delivered"
    return (
        f"{workshop_id}: {done}; {len(participants)} on the roster, {present} present at least one day, "
        f"{certificates} certificate(s)"
    )


@workshops.command("history")
@click.argument("workshop_id")
@json_option
@pass_app
def history(app: App, workshop_id: str, as_json: bool) -> None:
    """Show every status change of a workshop, with time (UTC), reason and sequence.

    \b
    Example:
      tiptrain workshops history W-ml-bamako-tot
    """
    with open_register(app) as register:
        changes = register.history(workshop_id)
    if as_json:
        print_json([change.model_dump(mode="json") for change in changes])
        return
    rows: list[tuple[Any, ...]] = [
        (f"{c.at:%Y-%m-%d %H:%M:%S}Z", c.old or "", c.new, c.sequence, c.reason) for c in changes
    ]
    print_table(["time (UTC)", "from", "to", "seq", "reason"], rows)


@workshops.command("link-trainer")
@click.argument("workshop_id")
@click.argument("trainer_id")
@pass_app
def link_trainer(app: App, workshop_id: str, trainer_id: str) -> None:
    """Record that a trainer was trained at a workshop (a ToT), for the report's cascade count.

    Trainers with `trained_at` in trainers.yaml are linked the same way when the plan is stored.

    \b
    Example:
      tiptrain workshops link-trainer W-ml-bamako-tot t-moussa
    """
    with open_register(app) as register:
        added = register.link_trainer(workshop_id, trainer_id)
    say(f"{trainer_id} trained at {workshop_id}: " + ("recorded" if added else "already recorded"))


@workshops.command("evaluations")
@click.argument("workshop_id")
@click.option(
    "--file",
    "path",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="CSV or XLSX, one row per line answered on a form: unit (or overall), rating 1-5, comment; optional form.",
)
@click.option("--replace", is_flag=True, help="Replace the workshop's recorded answers with this complete file.")
@pass_app
def evaluations(app: App, workshop_id: str, path: str, replace: bool) -> None:
    """Record a delivered workshop's anonymous evaluation forms; a file with any error is refused whole.

    The columns are what the pack's evaluation form asks: `unit` (the code on the form's line: a unit of
    the programme, or `overall`), `rating` (1-5) and `comment`. A `form` column may number the forms, so
    that a form answering a line twice is caught; it is not stored. Forms are anonymous: a column naming a
    person (participant, name, email) is refused, and answers are stored in no order that leads back to
    the roster.

    \b
    Example:
      tiptrain workshops evaluations W-ml-bamako-tot --file evaluations-bamako.csv
    """
    from tiptrain.register.evaluations import import_evaluations

    with open_register(app) as register:
        done = import_evaluations(register, workshop_id, path, app.catalogue(), replace=replace)
    replaced = f" (replacing {done.replaced})" if done.replaced else ""
    say(f"{workshop_id}: {done.answers} evaluation answer(s) recorded{replaced}")

workshops.add_command(scores_command)

COMMANDS = [workshops]
