"""`tiptrain export ics|pack|answer-key|signin|certificates`: calendars and printable documents from the register."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tiptrain.context import App, lang_option, pass_app
from tiptrain.render import is_terminal, say

if TYPE_CHECKING:
    from tiptrain.documents import Documents

PAPERS = ("a4", "letter")
OUTPUT = click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
PAPER = click.option(
    "--paper", type=click.Choice(PAPERS), default="a4", show_default=True, help="Paper size: A4 or US Letter."
)


@click.group()
def export() -> None:
    """Write calendars (.ics) and printable PDFs for workshops in the register.

    Files are written whole or not at all. PDFs use embedded fonts and print on A4 or US Letter.

    \b
    Example:
      tiptrain export ics -o plan.ics
      tiptrain export pack W-ml-bamako-tot --lang fr -o pack-bamako.pdf
    """


@export.command("ics")
@click.option("--trainer", "trainer_id", help="Only this trainer's workshops, with their travel days.")
@click.option("--workshop", "workshop_id", help="This workshop's agenda sessions as timed events.")
@lang_option
@OUTPUT
@pass_app
def export_ics(app: App, trainer_id: str | None, workshop_id: str | None, lang: str | None, output: Path) -> None:
    """Write an iCalendar file: the whole plan, one trainer, or one workshop's sessions.

    Events keep their UID across re-plans and carry the workshop's sequence and status, so calendar
    programs update them; cancelled workshops stay in the file marked as cancelled. Titles, descriptions
    and places are in English for the plan and a trainer, in the workshop's language for one workshop,
    unless --lang says otherwise.

    \b
    Example:
      tiptrain export ics -o plan.ics
      tiptrain export ics --trainer t-amina -o amina.ics
      tiptrain export ics --workshop W-ml-bamako-tot --lang fr -o bamako-sessions.ics
    """
    from datetime import UTC, datetime

    from curriculum.errors import UsageError
    from tiptrain.files import write_atomic

    if trainer_id and workshop_id:
        raise UsageError("give --trainer or --workshop, not both")
    documents = _documents(app)
    now = datetime.now(UTC)
    with _register(app) as register:
        if workshop_id:
            workshop = register.workshop(workshop_id)
            data = documents.workshop_ics(workshop, now, lang or workshop.language)
        elif trainer_id:
            if trainer_id not in documents.trainers:
                known = ", ".join(sorted(documents.trainers)) or "none"
                raise UsageError(f"no trainer {trainer_id!r} in {app.settings().trainers_path}; known: {known}")
            data = documents.trainer_ics(documents.trainers[trainer_id], register.workshops(), now, lang or "en")
        else:
            data = documents.plan_ics(register.workshops(), now, lang or "en")
    write_atomic(output, data)
    say(f"Wrote {output}")


@export.command("pack")
@click.argument("workshop_id")
@lang_option
@PAPER
@OUTPUT
@pass_app
def export_pack(app: App, workshop_id: str, lang: str | None, paper: str, output: Path) -> None:
    """Write the participant pack of a workshop as PDF.

    Cover, practical information, agenda, a handout per unit, the indicator checklist, the evaluation
    form, the programme's pre- and post-test with two answer sheets (`export answer-key` gives the
    trainer's key) and a notes page, in the workshop's language unless --lang says otherwise.

    \b
    Example:
      tiptrain export pack W-ml-bamako-tot --lang fr -o pack-bamako.pdf
    """
    from tiptrain.files import write_atomic

    documents = _documents(app)
    with _register(app) as register:
        workshop = register.workshop(workshop_id)
    data = documents.pack(workshop, lang or workshop.language, paper=paper)
    write_atomic(output, data)
    say(f"Wrote {output}")


@export.command("answer-key")
@click.argument("workshop_id")
@lang_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("pdf", "csv")),
    default=None,
    help="pdf (questions, choices, answers and units) or csv (question, unit, answer). Default: from -o's suffix.",
)
@PAPER
@OUTPUT
@pass_app
def export_answer_key(app: App, workshop_id: str, lang: str | None, fmt: str | None, paper: str, output: Path) -> None:
    """Write the trainer's answer key to a workshop's pre- and post-test.

    The test is the one the workshop's pack prints: questions drawn from its programme's units. The PDF
    lists each question with its choices, the right letter and the unit it tests, in the workshop's
    language unless --lang says otherwise; the CSV has one row per question: question, unit, answer.

    \b
    Example:
      tiptrain export answer-key W-ml-bamako-tot -o key-bamako.pdf
      tiptrain export answer-key W-ml-bamako-tot --format csv -o key-bamako.csv
    """
    from tiptrain.files import write_atomic

    documents = _documents(app)
    with _register(app) as register:
        workshop = register.workshop(workshop_id)
    chosen = fmt or ("csv" if output.suffix.lower() == ".csv" else "pdf")
    data = documents.answer_key(workshop, lang or workshop.language, chosen, paper=paper)
    write_atomic(output, data)
    say(f"Wrote {output}")


@export.command("signin")
@click.argument("workshop_id")
@click.option("--expected", type=click.IntRange(0, 1000), help="Rows to print (default: the programme's maximum).")
@lang_option
@PAPER
@OUTPUT
@pass_app
def export_signin(app: App, workshop_id: str, expected: int | None, lang: str | None, paper: str, output: Path) -> None:
    """Write the sign-in sheets of a workshop as PDF: a landscape page per day, roster names filled in.

    Before delivery the register has no roster, so the sheets have numbered blank rows to fill by hand.
    In the workshop's language unless --lang says otherwise.

    \b
    Example:
      tiptrain export signin W-ml-bamako-tot -o signin-bamako.pdf
    """
    from tiptrain.files import write_atomic

    documents = _documents(app)
    with _register(app) as register:
        workshop = register.workshop(workshop_id)
        roster = register.participants(workshop_id)
    data = documents.signin(workshop, roster, lang or workshop.language, paper=paper, expected=expected)
    write_atomic(output, data)
    say(f"Wrote {output}")


@export.command("certificates")
@click.argument("workshop_id")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True),
    help="Share of days needed (default: [certificates] threshold in tiptrain.toml, 0.8).",
)
@lang_option
@PAPER
@OUTPUT
@pass_app
def export_certificates(
    app: App, workshop_id: str, threshold: float | None, lang: str | None, paper: str, output: Path
) -> None:
    """Write certificates of participation for a delivered workshop.

    One page per participant present on enough days (by default 80 %: 4 of 5 days), in the workshop's
    language unless --lang says otherwise.

    \b
    Example:
      tiptrain export certificates W-ml-bamako-tot --threshold 0.8 -o certificates-bamako.pdf
    """
    from curriculum.errors import UsageError
    from tiptrain.files import write_atomic

    documents = _documents(app)
    with _register(app) as register:
        workshop = register.workshop(workshop_id)
        roster = register.participants(workshop_id)
        if not roster:
            raise UsageError(
                f"{workshop_id} has no roster yet: record it with "
                f"`tiptrain workshops deliver {workshop_id} --roster FILE`"
            )
        language = lang or workshop.language
        data = documents.certificates(
            workshop, roster, language, register=register, paper=paper, threshold=threshold, progress=_progress()
        )
    write_atomic(output, data)
    say(f"Wrote {output}")


def _register(app: App) -> Any:
    from tiptrain.register.api import Register

    return Register(app.settings().register_url)


def _documents(app: App) -> Documents:
    """The workspace's document maker: settings, catalogue, trainers, partners and fonts."""
    from tiptrain.documents import Documents

    return Documents.of(app.settings(), app.catalogue())


def _progress() -> Any:
    """On a terminal, a line on stderr every 100 certificates; nothing when output is piped."""
    if not is_terminal():
        return None

    def report(done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            say(f"  {done} of {total} certificates")

    return report


COMMANDS = [export]
