"""`tiptrain report`: the period's figures from the register, as PDF, JSON, CSV or Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tiptrain.context import DAY, App, lang_option, pass_app
from tiptrain.render import say

if TYPE_CHECKING:
    from exports.models import PeriodReport
    from scheduler.models import Request, Trainer
    from tiptrain.settings import Settings

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
    from tiptrain.register.formats import report_csv, report_json, report_markdown

    settings = app.settings()
    start = first if first is not None else settings.period.start
    end = last if last is not None else settings.period.end
    with open_register(app) as register:
        figures = register.report(
            start,
            end,
            catalogue=app.catalogue(),
            threshold=settings.file.certificates.threshold,
            programme_name=settings.file.programme.name,
            trainers=_pool(settings),
            max_gap_days=settings.file.planning.max_gap_days,
            requests=_requests(app),
            targets=settings.file.indicators.model_dump(),
        )
    if kind == "pdf":
        if output is None:
            raise UsageError("--format pdf needs -o FILE.pdf (a PDF is not printed to the terminal)")
        write_atomic(output, _pdf(app, figures, lang or "en", paper))
        say(f"wrote {output}")
        return
    text = {"json": report_json, "csv": report_csv, "md": report_markdown}[kind](figures)
    if output is None:
        click.echo(text, nl=False)
        return
    write_atomic(output, text.encode("utf-8"))
    say(f"wrote {output}")


def _pool(settings: Settings) -> list[Trainer]:
    """The workspace's trainers, for the km of their trips; none (no travel figures) without a trainers file."""
    from scheduler.inputs import load_trainers

    return load_trainers(settings.trainers_path) if settings.trainers_path.exists() else []


def _requests(app: App) -> dict[str, Request]:
    """The workspace's requests by id, for the donor table's partners and regional countries (none without a file)."""
    from scheduler.inputs import load_requests

    path = app.settings().requests_path
    return {request.id: request for request in load_requests(path, app.catalogue())} if path.exists() else {}


def _pdf(app: App, figures: PeriodReport, lang: str, paper: str) -> bytes:
    """The period report as a PDF, with programme titles in the report's language."""
    from curriculum.models import in_language
    from exports.pdf.report import report_pdf
    from tiptrain.documents import configure_fonts

    configure_fonts(app.settings())
    titles = {p.id: in_language(p.title, lang) for p in app.catalogue().programmes.values()}
    units = {u.id: in_language(u.title, lang) for u in app.catalogue().units.values()}
    return report_pdf(figures, lang=lang, paper=paper, programme_titles=titles, unit_titles=units)


COMMANDS = [report]
