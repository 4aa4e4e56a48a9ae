"""`tiptrain agenda`: a programme laid out day by day with clock times."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import click

from tiptrain.context import DAY, App, json_option, lang_option, pass_app
from tiptrain.render import print_json, print_table, say

if TYPE_CHECKING:
    from curriculum.agenda import Agenda
    from curriculum.models import Catalogue


@click.command()
@click.argument("programme_id")
@click.option("--start", "start", required=True, type=DAY, help="First day (YYYY-MM-DD).")
@click.option("--country", help="Host country (ISO 3166-1 alpha-2); gives the time zone and working days.")
@click.option("--tz", help="IANA time zone, required when the country's zones keep different offsets on those days.")
@lang_option
@json_option
@pass_app
def agenda(
    app: App, programme_id: str, start: date, country: str | None, tz: str | None, lang: str | None, as_json: bool
) -> None:
    """Print the day-by-day agenda of a programme.

    Units come in an order that respects prerequisites; a unit longer than what is left of a block or a
    day is split into parts.

    \b
    Example:
      tiptrain agenda tot-5d --start 2026-03-02 --country ML
    """
    from curriculum.agenda import build_agenda
    from curriculum.errors import UsageError
    from curriculum.timezones import resolve_zone

    first_day = start
    if country is None and tz is None:
        raise UsageError("give the host --country (or a --tz) so that clock times have a time zone")
    catalogue = app.catalogue()
    programme = catalogue.programme(programme_id)
    days = (first_day, first_day + timedelta(days=programme.days - 1))
    zone = resolve_zone(country.upper(), tz, days=days) if country else resolve_zone_only(tz)
    host = country.upper() if country else None
    built = build_agenda(
        programme,
        catalogue.units,
        first_day,
        zone,
        language=lang or "en",
        country=host,
        fixed_titles=session_names(lang),
    )
    if country:
        _warn_non_working_days(country.upper(), [day.date for day in built.days])
    if as_json:
        print_json(_with_provenance(built.model_dump(mode="json"), catalogue, lang or "en"))
        return
    rows = _rows(built, catalogue, lang or "en")
    print_table(["date", "time", "kind", "unit", "title"], rows, title=f"{built.title} ({built.tz})")


def _rows(built: Agenda, catalogue: Catalogue, lang: str) -> list[tuple[str, ...]]:
    """One table row per session; a unit's title is followed by its working-title and draft-translation marks."""
    from exports.labels import label
    from exports.provenance import marked_title

    rows: list[tuple[str, ...]] = []
    for day in built.days:
        for session in day.sessions:
            title = session.title
            if session.parts:
                title = label("session.part", lang, title=title, part=session.part, parts=session.parts)
            if session.unit in catalogue.units:
                title = marked_title(title, catalogue.units[session.unit], lang)
            when = f"{session.start:%H:%M}-{session.end:%H:%M}"
            rows.append((day.date.isoformat(), when, session.kind, session.unit or "", title))
    return rows


def _with_provenance(agenda: dict[str, Any], catalogue: Catalogue, lang: str) -> dict[str, Any]:
    """The agenda's JSON with `title_status` and `draft_translation` on every unit session."""
    from exports.provenance import DRAFT_TRANSLATION, mark_keys

    for day in agenda["days"]:
        for session in day["sessions"]:
            unit = catalogue.units.get(session.get("unit") or "")
            if unit is not None:
                session["title_status"] = unit.title_status
                session["draft_translation"] = DRAFT_TRANSLATION in mark_keys(unit, lang)
    return agenda


def session_names(lang: str | None) -> dict[str, str]:
    """Names of the sessions that are not units (break, lunch, opening, ...) in `lang`, from the exports' labels."""
    from curriculum.agenda import FIXED_TITLES
    from exports.labels import label

    return {kind: label(f"session.{kind}", lang or "en") for kind in FIXED_TITLES}


def resolve_zone_only(tz: str | None) -> str:
    """A time zone given without a country, checked against the IANA tables."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from curriculum.errors import UsageError

    try:
        ZoneInfo(str(tz))
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"--tz {tz!r} is not an IANA time zone such as Africa/Bamako") from None
    return str(tz)


def _warn_non_working_days(country: str, days: list[date]) -> None:
    """Say which agenda days fall on the host's weekend or public holidays (the planner never does that)."""
    from scheduler.calendars import public_holidays, weekend_days

    weekend = weekend_days(country)
    holidays = public_holidays(country, days[0], days[-1])
    for day in days:
        if day.weekday() in weekend:
            say(f"Warning: {day.isoformat()} is a weekend day in {country}.")
        elif day in holidays:
            say(f"Warning: {day.isoformat()} is a public holiday in {country} ({holidays[day]}).")


COMMANDS = [agenda]
