"""`tiptrain report`: the period's figures from the register, as JSON, CSV or Markdown."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from tiptrain.context import App, pass_app
from tiptrain.render import say

DAY = click.DateTime(formats=["%Y-%m-%d"])
FORMATS = ("json", "csv", "md")


@click.command()
@click.option("--from", "first", type=DAY, help="First day (YYYY-MM-DD); default: the period's start.")
@click.option("--to", "last", type=DAY, help="Last day (YYYY-MM-DD); default: the period's end.")
@click.option("--format", "kind", type=click.Choice(FORMATS), default="md", show_default=True, help="Output format.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout."
)
@pass_app
def report(app: App, first: datetime | None, last: datetime | None, kind: str, output: Path | None) -> None:
    """Report what was delivered: workshops, countries, participants by profession and sex, topics, cascade.

    Counts the delivered workshops whose first day lies in the range. A participant is a roster row present
    on at least one day; certificates use `[certificates] threshold` (default 0.8).

    \b
    Example:
      tiptrain report --from 2026-01-01 --to 2026-06-30 --format json -o report.json
      tiptrain report --format md
    """
    from tiptrain.commands.workshops import open_register
    from tiptrain.files import write_atomic
    from tiptrain.register.formats import report_csv, report_json, report_markdown

    settings = app.settings()
    start = first.date() if first is not None else settings.period.start
    end = last.date() if last is not None else settings.period.end
    with open_register(app) as register:
        figures = register.report(
            start,
            end,
            catalogue=app.catalogue(),
            threshold=settings.file.certificates.threshold,
            programme_name=settings.file.programme.name,
        )
    text = {"json": report_json, "csv": report_csv, "md": report_markdown}[kind](figures)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(output, text.encode("utf-8"))
    say(f"wrote {output}")


COMMANDS = [report]
