"""The `tiptrain` command group: global options, and the one place where errors become exit codes.

Commands live in `tiptrain/commands/`, one module per noun; each parses options, calls one library function
and renders the result. Nothing heavy is imported here so that `tiptrain --help` stays fast (SPEC 7).
"""

from __future__ import annotations

import sys
import traceback
from importlib.metadata import PackageNotFoundError, version

import click

from tiptrain.commands import (
    agenda,
    cascade,
    catalogue,
    certificates,
    db,
    demo,
    export,
    init,
    notify,
    participants,
    plan,
    report,
    workshops,
)
from tiptrain.context import App


def _version() -> str:
    try:
        return version("tiptrain")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=str),
    envvar="TIPTRAIN_WORKSPACE",
    default=".",
    show_default="current folder, or $TIPTRAIN_WORKSPACE",
    help="Folder holding tiptrain.toml, trainers.yaml, requests.yaml and the register.",
)
@click.option("--debug", is_flag=True, help="Show the full traceback of any error.")
@click.version_option(_version(), "--version", prog_name="tiptrain")
@click.pass_context
def cli(context: click.Context, workspace: str, debug: bool) -> None:
    """Plan, equip and record anti-trafficking training workshops.

    \b
    Start here:
      tiptrain demo --out demo-out     the whole job on sample data
      tiptrain init my-period          a workspace of your own to edit
    """
    context.obj = App(workspace=workspace, debug=debug)


for _module in (init, catalogue, agenda, plan, workshops, participants, export, report, db, demo, notify):
    for _command in _module.COMMANDS:
        cli.add_command(_command)
for _module in (cascade, certificates):  # issue 13: follow-on courses, certificate codes
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; turn tiptrain's errors into one message and their exit code, tracebacks only with --debug."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="tiptrain", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted; nothing was written.", err=True)
        sys.exit(130)
    except Exception as error:  # the one place that turns every error into a message
        sys.exit(_report(error, debug))
    sys.exit(0)


def _report(error: Exception, debug: bool) -> int:
    """Print an error the way a user can act on it; return its exit code."""
    from curriculum.errors import TiptrainError

    if debug:
        traceback.print_exception(error)
    if isinstance(error, TiptrainError):
        click.echo(f"Error: {error}", err=True)
        return error.exit_code
    click.echo(f"Internal error: {type(error).__name__}: {error}", err=True)
    if not debug:
        click.echo("Run again with --debug for the traceback, and please report it.", err=True)
    return 1
