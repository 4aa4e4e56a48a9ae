"""`tiptrain export ics|pack|signin|certificates`: calendars and printable documents from the register."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tiptrain.context import App, lang_option, pass_app
from tiptrain.render import is_terminal, say

if TYPE_CHECKING:
    from curriculum.agenda import Agenda
    from curriculum.models import Catalogue
    from scheduler.models import Trainer, Workshop

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
    programs update them; cancelled workshops stay in the file marked as cancelled.

    \b
    Example:
      tiptrain export ics -o plan.ics
      tiptrain export ics --trainer t-amina -o amina.ics
      tiptrain export ics --workshop W-ml-bamako-tot --lang fr -o bamako-sessions.ics
    """
    from datetime import UTC, datetime

    from curriculum.errors import UsageError
    from exports.ics import plan_calendar, trainer_calendar, workshop_calendar
    from tiptrain.files import write_atomic

    if trainer_id and workshop_id:
        raise UsageError("give --trainer or --workshop, not both")
    settings = app.settings()
    programme = settings.file.programme
    organizer = (programme.contact_name, programme.contact_email)
    trainers = _trainers(app)
    catalogue = app.catalogue()
    now = datetime.now(UTC)
    with _register(app) as register:
        if workshop_id:
            workshop = register.workshop(workshop_id)
            language = lang or workshop.language
            agenda = _agenda(workshop, catalogue, language)
            data = workshop_calendar(workshop, agenda, organizer=organizer, trainers=trainers, now=now, lang=language)
        elif trainer_id:
            if trainer_id not in trainers:
                known = ", ".join(sorted(trainers)) or "none"
                raise UsageError(f"no trainer {trainer_id!r} in {settings.trainers_path}; known: {known}")
            data = trainer_calendar(
                trainers[trainer_id],
                register.workshops(),
                organizer=organizer,
                trainers=trainers,
                now=now,
                lang=lang or "en",
                catalogue=catalogue,
                partners=_partners(app),
            )
        else:
            data = plan_calendar(
                register.workshops(),
                organizer=organizer,
                trainers=trainers,
                now=now,
                lang=lang or "en",
                catalogue=catalogue,
                partners=_partners(app),
            )
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
    form, pre- and post-test and a notes page, in the workshop's language unless --lang says otherwise.

    \b
    Example:
      tiptrain export pack W-ml-bamako-tot --lang fr -o pack-bamako.pdf
    """
    from exports.pdf import participant_pack
    from tiptrain.files import write_atomic

    _configure_fonts(app)
    catalogue = app.catalogue()
    with _register(app) as register:
        workshop = register.workshop(workshop_id)
    language = lang or workshop.language
    trainers = _trainers(app)
    settings = app.settings()
    data = participant_pack(
        workshop,
        _agenda(workshop, catalogue, language),
        catalogue,
        lang=language,
        paper=paper,
        partner=_partners(app).get(workshop.request),
        organiser=settings.file.programme.name,
        team=[trainers[t].name if t in trainers else t for t in workshop.trainers],
        threshold=settings.file.certificates.threshold,
    )
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

    \b
    Example:
      tiptrain export signin W-ml-bamako-tot -o signin-bamako.pdf
    """
    from exports.pdf import signin_sheets
    from tiptrain.files import write_atomic

    _configure_fonts(app)
    catalogue = app.catalogue()
    with _register(app) as register:
        workshop = register.workshop(workshop_id)
        roster = register.participants(workshop_id)
    language = lang or workshop.language
    programme = catalogue.programmes.get(workshop.programme)
    rows = expected if expected is not None else max(len(roster), programme.participants.max if programme else 0)
    data = signin_sheets(
        workshop,
        roster,
        rows,
        lang=language,
        paper=paper,
        title=_programme_title(catalogue, workshop, language),
        organiser=app.settings().file.programme.name,
    )
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

    One page per participant present on enough days (by default 80 %: 4 of 5 days).

    \b
    Example:
      tiptrain export certificates W-ml-bamako-tot --threshold 0.8 -o certificates-bamako.pdf
    """
    from curriculum.errors import UsageError
    from exports.pdf import certificates
    from tiptrain.files import write_atomic

    _configure_fonts(app)
    catalogue = app.catalogue()
    settings = app.settings()
    with _register(app) as register:
        workshop = register.workshop(workshop_id)
        roster = register.participants(workshop_id)
    if not roster:
        raise UsageError(
            f"{workshop_id} has no roster yet: record it with `tiptrain workshops deliver {workshop_id} --roster FILE`"
        )
    language = lang or workshop.language
    programme = catalogue.programmes.get(workshop.programme)
    units = [catalogue.units[u] for u in (programme.units if programme else []) if u in catalogue.units]
    trainers = _trainers(app)
    data = certificates(
        workshop,
        roster,
        units,
        threshold=threshold or settings.file.certificates.threshold,
        lang=language,
        paper=paper,
        signatories=[trainers[t].name if t in trainers else t for t in workshop.trainers],
        progress=_progress(),
        title=_programme_title(catalogue, workshop, language),
        organiser=settings.file.programme.name,
    )
    write_atomic(output, data)
    say(f"Wrote {output}")


def _register(app: App) -> Any:
    from tiptrain.register.api import Register

    return Register(app.settings().register_url)


def _trainers(app: App) -> dict[str, Trainer]:
    """The workspace's trainers by id; none when the workspace has no trainer file."""
    from scheduler.inputs import load_trainers

    path = app.settings().trainers_path
    return {t.id: t for t in load_trainers(path)} if path.exists() else {}


def _partners(app: App) -> dict[str, str]:
    """Partner of each request, by request id, from the workspace's requests file when there is one."""
    from scheduler.inputs import load_requests

    path = app.settings().requests_path
    if not path.exists():
        return {}
    return {r.id: r.partner for r in load_requests(path, app.catalogue()) if r.partner}


def _agenda(workshop: Workshop, catalogue: Catalogue, lang: str) -> Agenda:
    """The workshop's programme laid out on its dates, in its host's time zone."""
    from curriculum.agenda import build_agenda
    from curriculum.timezones import resolve_zone

    zone = resolve_zone(workshop.country, workshop.tz)
    return build_agenda(
        catalogue.programme(workshop.programme),
        catalogue.units,
        workshop.start,
        zone,
        language=lang,
        country=workshop.country,
    )


def _programme_title(catalogue: Catalogue, workshop: Workshop, lang: str) -> str:
    programme = catalogue.programmes.get(workshop.programme)
    if programme is None:
        return workshop.programme
    titles: dict[str, str] = {str(code): text for code, text in programme.title.items()}
    return titles.get(lang) or titles["en"]


def _configure_fonts(app: App) -> None:
    """Use the TrueType file named in `[fonts] chinese` for Chinese characters."""
    from exports.fonts import use_font_file

    chinese = app.settings().file.fonts.chinese
    if chinese:
        use_font_file("cjk", app.settings().workspace / chinese)


def _progress() -> Any:
    """On a terminal, a line on stderr every 100 certificates; nothing when output is piped."""
    if not is_terminal():
        return None

    def report(done: int, total: int) -> None:
        if done == total or done % 100 == 0:
            say(f"  {done} of {total} certificates")

    return report


COMMANDS = [export]
