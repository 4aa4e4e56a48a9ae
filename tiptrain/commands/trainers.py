"""`tiptrain trainers import|export|list`: the trainer pool the register holds."""

from __future__ import annotations

from pathlib import Path

import click

from tiptrain.commands.requests import FILE, open_register
from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, print_table, say


@click.group()
def trainers() -> None:
    """The trainer pool in the register: import and export files.

    The register holds the trainers and their unavailable days (which trainers keep up to date on the
    web); trainers.yaml, CSV and XLSX files are import and export formats.

    \b
    Example:
      tiptrain trainers import trainers.yaml
      tiptrain trainers export trainers.xlsx
    """


@trainers.command("import")
@click.argument("path", metavar="FILE", type=FILE)
@click.option("--replace", is_flag=True, help="Also remove the trainers the file does not list.")
@pass_app
def import_trainers(app: App, path: Path, replace: bool) -> None:
    """Import trainers from a YAML, CSV or XLSX file, and print what changed.

    The whole file is checked first: any problem is reported (file, line, field) and nothing is written.
    A trainer's unavailable days become the file's. Trainers the file does not list stay, unless --replace.
    """
    from tiptrain.inputs_sync import import_file

    with open_register(app) as register:
        changes = import_file(register, "trainers", path, replace=replace)
    for line in changes.lines():
        click.echo(line)


@trainers.command("export")
@click.argument("path", metavar="FILE", type=FILE)
@pass_app
def export_trainers(app: App, path: Path) -> None:
    """Write every trainer of the register to a YAML, CSV or XLSX file; importing it again changes nothing."""
    from tiptrain.inputs_sync import export_file

    with open_register(app) as register:
        count = export_file(register, "trainers", path)
    say(f"Wrote {count} trainers to {path}.")


@trainers.command("list")
@json_option
@pass_app
def list_trainers(app: App, as_json: bool) -> None:
    """List the register's trainers with their unavailable days."""
    from tiptrain.register.requests_review import trainers as pool

    with open_register(app) as register:
        found = pool(register)
    if as_json:
        print_json([trainer.model_dump(mode="json", by_alias=True) for trainer in found])
        return
    rows = [
        (t.id, t.name, t.home, ", ".join(t.expertise), "; ".join(f"{r.first}..{r.last}" for r in t.unavailable))
        for t in found
    ]
    print_table(["trainer", "name", "home", "expertise", "unavailable"], rows, title="Trainers")


COMMANDS = [trainers]
