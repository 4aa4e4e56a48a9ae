"""`tiptrain report`: the period's figures from the register, as PDF, JSON, CSV or Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from tiptrain.context import DAY, App, lang_option, pass_app
from tiptrain.render import say

FORMATS = ("pdf", "json", "csv", "md")


@click.command()
@click.option("--from", "first", type=DAY, help="First day (YYYY-MM-DD); default: the period's start.")
@click.option("--to", "last", type=DAY, help="Last day (YYYY-MM-DD); default: the period's end.")
@click.option("--format", "kind", type=click.Choice(FORMATS), default="md", show_default=True, help="Output format.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout."
)
@lang_option
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="PDF paper size.")
@pass_app
def report(
    app: App,
    first: date | None,
    last: date | None,
    kind: str,
    output: Path | None,
    lang: str | None,
    paper: str,
) -> None:
    """Report what was delivered: workshops, countries, participants by profession and sex, topics, cascade.

    Counts the delivered workshops whose first day lies in the range. A participant is a roster row present
    on at least one day; certificates use `[certificates] threshold` (default 0.8).

    \b
    Example:
      tiptrain report --from 2026-01-01 --to 2026-06-30 --format json -o report.json
      tiptrain report --format md
      tiptrain report --format pdf --lang fr -o rapport.pdf
    """
    from curriculum.errors import UsageError
    from tiptrain.commands.workshops import open_register
    from tiptrain.files import write_atomic
    from tiptrain.reporting import period_report, report_file

    with open_register(app) as register:
        figures = period_report(app, register, first, last)
    if kind == "pdf" and output is None:
        raise UsageError("--format pdf needs -o FILE.pdf (a PDF is not printed to the terminal)")
    data = report_file(app, figures, kind, lang or "en", paper)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_atomic(output, data)
    say(f"wrote {output}")


COMMANDS = [report]
