"""`tiptrain requests import|export|list|accept|decline`: the workshop requests the register holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, print_table, say

REVIEW = ("proposed", "accepted", "declined")
FILE = click.Path(dir_okay=False, path_type=Path)


def open_register(app: App) -> Any:
    """The workspace's register."""
    from tiptrain.register.api import Register

    return Register(app.settings().register_url)


@click.group()
def requests() -> None:
    """Workshop requests in the register: import and export files, review proposals.

    The register holds the requests; requests.yaml, CSV and XLSX files are import and export formats.
    Only accepted requests are planned: those imported from a file are accepted, those an office
    proposes on the web wait for review.

    \b
    Example:
      tiptrain requests import requests.xlsx
      tiptrain requests export requests.csv
      tiptrain requests list --status proposed
      tiptrain requests accept ml-bamako-tot --priority 4
    """


@requests.command("import")
@click.argument("path", metavar="FILE", type=FILE)
@click.option("--replace", is_flag=True, help="Also remove the requests the file does not list.")
@pass_app
def import_requests(app: App, path: Path, replace: bool) -> None:
    """Import requests from a YAML, CSV or XLSX file, and print what changed.

    The whole file is checked first: any problem is reported (file, line, field) and nothing is written.
    New requests are accepted; existing ones take the file's values and keep their review. Requests the
    file does not list stay, unless --replace.
    """
    from tiptrain.inputs_sync import import_file

    with open_register(app) as register:
        changes = import_file(register, "requests", path, app.catalogue(), replace=replace)
    for line in changes.lines():
        click.echo(line)


@requests.command("export")
@click.argument("path", metavar="FILE", type=FILE)
@pass_app
def export_requests(app: App, path: Path) -> None:
    """Write every request of the register (any review status) to a YAML, CSV or XLSX file.

    Importing the file again changes nothing.
    """
    from tiptrain.inputs_sync import export_file

    with open_register(app) as register:
        count = export_file(register, "requests", path)
    say(f"Wrote {count} requests to {path}.")


@requests.command("list")
@click.option("--status", type=click.Choice(REVIEW), help="Only requests in this review status.")
@json_option
@pass_app
def list_requests(app: App, status: str | None, as_json: bool) -> None:
    """List the register's requests with their review status, in file order."""
    from tiptrain.register.requests_review import requests as reviewed

    with open_register(app) as register:
        found = reviewed(register, status=status)
    if as_json:
        print_json([_json(item) for item in found])
        return
    rows = [
        (
            r.request.id,
            r.request.country,
            r.request.city,
            r.request.programme,
            r.request.priority,
            r.status,
            r.proposed_by,
            r.decline_reason or "",
        )
        for r in found
    ]
    print_table(
        ["request", "country", "city", "programme", "priority", "status", "proposed by", "declined because"],
        rows,
        title="Requests",
    )


def _json(item: Any) -> dict[str, Any]:
    return {
        **item.request.model_dump(mode="json"),
        "status": item.status,
        "decline_reason": item.decline_reason,
        "proposed_by": item.proposed_by,
        "reviewed_by": item.reviewed_by,
        "updated_at": item.updated_at.isoformat(),
    }


@requests.command("accept")
@click.argument("request_id", metavar="ID")
@click.option("--priority", type=click.IntRange(1, 5), help="Set the request's priority (1-5) as it is accepted.")
@pass_app
def accept_request(app: App, request_id: str, priority: int | None) -> None:
    """Accept a proposed (or declined) request: the next plan includes it."""
    from tiptrain.register.requests_review import accept

    with open_register(app) as register:
        done = accept(register, request_id, by=_user(), priority=priority)
    say(f"{request_id}: accepted, priority {done.request.priority}; the next `tiptrain plan` includes it.")


@requests.command("decline")
@click.argument("request_id", metavar="ID")
@click.option("--reason", required=True, help="Why, in words the office that proposed it will read.")
@pass_app
def decline_request(app: App, request_id: str, reason: str) -> None:
    """Decline a request with a reason; it is not planned."""
    from tiptrain.register.requests_review import decline

    with open_register(app) as register:
        decline(register, request_id, reason=reason, by=_user())
    say(f"{request_id}: declined; plans leave it out.")


def _user() -> str:
    """Who reviews at the terminal: the login name, as the history records it."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "terminal"


COMMANDS = [requests]
