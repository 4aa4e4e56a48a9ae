"""`tiptrain notify list|send`: the invitations owed to trainers, and sending them (SPEC 11)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, print_table, say


@click.group()
def notify() -> None:
    """Tell the trainers: calendar invitations by e-mail to exactly the people a change affects.

    Every change to a workshop (planned, moved, re-staffed, confirmed, cancelled) records, in the same
    transaction, one message per trainer it affects. `notify send` sends them through the SMTP server of
    `[mail]` in tiptrain.toml, or writes them as .eml files with --to-dir. A message is marked sent only
    once the server accepted it; trainers without an e-mail in trainers.yaml are listed, never guessed.

    \b
    Example:
      tiptrain notify list
      tiptrain notify send
      tiptrain notify send --to-dir outbox-mail
    """


@notify.command("list")
@json_option
@pass_app
def list_messages(app: App, as_json: bool) -> None:
    """The messages waiting, interrupted and sent, and the trainers who cannot be reached (no e-mail).

    \b
    Example:
      tiptrain notify list --json
    """
    from tiptrain.notify import outbox_entries

    settings = app.settings()
    entries = outbox_entries(settings)
    addresses = _addresses(settings)
    rows = [_row(entry.model_dump(mode="json"), addresses) for entry in entries]
    if as_json:
        print_json(rows)
        return
    headers = ["id", "state", "method", "workshop", "seq", "trainer", "to", "sent", "note"]
    print_table(headers, [[row[h] for h in _KEYS] for row in rows])
    say(_summary(rows))


_KEYS = ("id", "state", "method", "workshop", "sequence", "trainer", "address", "sent_at", "note")


def _addresses(settings: Any) -> dict[str, str | None]:
    """Each trainer's e-mail in trainers.yaml as it is now (None when the file gives none)."""
    from scheduler.inputs import load_trainers

    if not settings.trainers_path.exists():
        return {}
    return {trainer.id: trainer.email for trainer in load_trainers(settings.trainers_path)}


def _row(entry: dict[str, Any], addresses: dict[str, str | None]) -> dict[str, Any]:
    """An entry with where it goes: the address it went to, or the address it will go to, or unreachable."""
    waiting = entry["state"] != "sent"
    address = addresses.get(entry["trainer"]) if waiting else entry["recipient"]
    if entry["state"] == "sending":
        address = entry["recipient"]
    note = entry["error"] or ""
    if entry["state"] == "sending":
        note = "interrupted: sent again first, with the same Message-ID"
    unreachable = waiting and address is None
    if unreachable:
        known = entry["trainer"] in addresses
        note = "unreachable: no e-mail in trainers.yaml" if known else "unreachable: not in trainers.yaml"
    return {**entry, "address": address, "reachable": not unreachable, "note": note}


def _summary(rows: list[dict[str, Any]]) -> str:
    counts = {state: sum(1 for row in rows if row["state"] == state) for state in ("pending", "sending", "sent")}
    unreachable = sorted({row["trainer"] for row in rows if not row["reachable"]})
    line = f"{counts['pending']} pending, {counts['sending']} interrupted, {counts['sent']} sent."
    if unreachable:
        line += f" Unreachable (no e-mail): {', '.join(unreachable)}."
    return line


@notify.command("send")
@click.option(
    "--to-dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write each message as an .eml file in this folder instead of sending it.",
)
@pass_app
def send(app: App, folder: Path | None) -> None:
    """Send the waiting messages through `[mail]` (password from the variable `password_env` names).

    Messages interrupted by a crash go first, unchanged. A refused connection or a server answering 421
    stops the run and leaves the rest pending for the next `notify send` (exit code 1).

    \b
    Example:
      SMTP_PASSWORD=... tiptrain notify send
      tiptrain notify send --to-dir outbox-mail
    """
    from tiptrain.documents import Documents
    from tiptrain.notify import FolderTransport, NotDelivered, send_outbox, smtp_transport

    settings = app.settings()
    transport = FolderTransport(folder) if folder is not None else smtp_transport(settings)
    report = send_outbox(settings, Documents.of(settings, app.catalogue()), transport)
    where = f"written to {folder}" if folder is not None else "sent"
    for entry in report.sent:
        click.echo(f"{where}: {entry.method} {entry.workshop} (sequence {entry.sequence}) to {entry.trainer}")
    for entry in report.unreachable:
        say(f"Unreachable: {entry.trainer} has no e-mail in trainers.yaml ({entry.method} {entry.workshop} waits)")
    for entry in report.refused:
        say(f"Not accepted: {entry.method} {entry.workshop} to {entry.trainer}: {entry.error}")
    say(f"{len(report.sent)} {where}; {report.waiting} still waiting.")
    if report.stopped is not None:
        raise NotDelivered(f"the mail server did not accept messages ({report.stopped}); run notify send again")


COMMANDS = [notify]
