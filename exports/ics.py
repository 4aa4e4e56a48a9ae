"""iCalendar (RFC 5545) feeds with icalendar 7: the plan, one trainer's workshops and travel, one workshop's agenda.

Deterministic: the clock is injected (`now` gives DTSTAMP), PRODID is fixed, UIDs are built from ids and
stay the same across runs and re-plans, so a calendar client updates an event (SEQUENCE is the workshop's
sequence, raised by the register on every change) instead of adding a copy. Cancelled workshops stay in the
feed with STATUS:CANCELLED, so subscribers see them go. Every event has exactly one ORGANIZER (the programme's
contact) and no ATTENDEE: RFC 5546 forbids ATTENDEE in METHOD:PUBLISH, and libical's iTIP check refuses it.
The team is named in the DESCRIPTION instead, with each trainer's e-mail when the pool gives one; no address
is ever invented.

User text (cities, names, partners) is made one line with control characters removed and then handed to
icalendar, which escapes `,` `;` `\\` and line breaks itself; nothing is pre-escaped here. Output is joined
and folded by `exports.ical_writer.serialize`, which gives the same bytes as `Calendar.to_ical()` (a test
holds it to that) in a fraction of the time, so 10,000 workshops fit the 3-second budget.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Parameters, vCalAddress, vDDDTypes, vInt, vText

from curriculum.agenda import Agenda, Session
from curriculum.emails import is_email
from curriculum.models import Catalogue
from exports.formats import country_name, date_range, language_name
from exports.ical_writer import serialize
from exports.labels import label
from exports.text import plain, plain_lines
from scheduler.models import Trainer, Workshop
from scheduler.travel import MAX_GAP_DAYS

PRODID = "-//tiptrain//tiptrain calendar export//EN"
UID_DOMAIN = "tiptrain"
STATUS = {"planned": "TENTATIVE", "confirmed": "CONFIRMED", "delivered": "CONFIRMED", "cancelled": "CANCELLED"}
TravelDays = Callable[[Trainer, Workshop], Sequence[date]] | Mapping[str, Sequence[date]]
"""Travel days of a trainer for a workshop: a function, or a map from workshop id to days."""


@dataclass(frozen=True)
class _Shared:
    """What every event of one calendar shares, built once (icalendar objects are slow to make)."""

    organizer: vCalAddress
    stamp: vDDDTypes
    lang: str
    language: Parameters
    date_value: Parameters
    trainers: Mapping[str, Trainer]
    catalogue: Catalogue | None
    partners: Mapping[str, str]
    days: dict[date, vDDDTypes] = field(default_factory=dict)
    texts: dict[str, vText] = field(default_factory=dict)
    tokens: dict[str | int, vText | vInt] = field(default_factory=dict)

    def text(self, value: str, multiline: bool = False) -> vText:
        """A text property in the calendar's language; equal texts share one object (rendered once)."""
        prop = self.texts.get(value)
        if prop is None:
            prop = vText(plain_lines(value) if multiline else plain(value))
            prop.params = self.language
            if not multiline:
                self.texts[value] = prop
        return prop

    def token(self, value: str | int) -> vText | vInt:
        """A shared property object for a repeated value (STATUS, TRANSP, SEQUENCE)."""
        prop = self.tokens.get(value)
        if prop is None:
            prop = self.tokens[value] = vInt(value) if isinstance(value, int) else vText(value)
        return prop

    def day(self, value: date) -> vDDDTypes:
        prop = self.days.get(value)
        if prop is None:
            prop = self.days[value] = vDDDTypes(value)
            prop.params = self.date_value
        return prop


def plan_calendar(
    workshops: Iterable[Workshop],
    *,
    organizer: tuple[str, str],
    trainers: Mapping[str, Trainer],
    now: datetime,
    lang: str = "en",
    catalogue: Catalogue | None = None,
    partners: Mapping[str, str] | None = None,
) -> bytes:
    """The plan as a feed: one all-day event per workshop, cancelled ones included as CANCELLED.

    `organizer` is (name, e-mail) of the programme contact; `partners` maps request ids to partner names.
    """
    shared = _shared(organizer, trainers, now, lang=lang, catalogue=catalogue, partners=partners)
    calendar = _calendar(label("ics.calendar.plan", lang), lang)
    for workshop in sorted(workshops, key=lambda w: (w.start, w.id)):
        calendar.add_component(_workshop_event(workshop, shared))
    return serialize(calendar)


def trainer_calendar(
    trainer: Trainer,
    workshops: Iterable[Workshop],
    *,
    organizer: tuple[str, str],
    trainers: Mapping[str, Trainer],
    now: datetime,
    lang: str = "en",
    travel_days: TravelDays | None = None,
    catalogue: Catalogue | None = None,
    partners: Mapping[str, str] | None = None,
    max_gap_days: int | None = MAX_GAP_DAYS,
) -> bytes:
    """One trainer's workshops, and their travel days as separate all-day events.

    Workshops the trainer is not on are skipped. Travel days default to the planning rule: `travel_days`
    days before the first day and after the last, none in the trainer's home country. Where the trainer
    flies straight on to the next workshop (at most `max_gap_days` between them, SPEC 4; None: never) the
    travel back and the travel out become one travel event, "Dakar -> Bamako".
    """
    shared = _shared(
        organizer, {**trainers, trainer.id: trainer}, now, lang=lang, catalogue=catalogue, partners=partners
    )
    calendar = _calendar(label("ics.calendar.trainer", lang, name=plain(trainer.name)), lang)
    days_of = _travel_lookup(travel_days)
    mine = sorted((w for w in workshops if trainer.id in w.trainers), key=lambda w: (w.start, w.id))
    chained = _chained([w for w in mine if w.status != "cancelled"], max_gap_days)
    arriving = {w.id for w in chained.values()}
    for workshop in mine:
        calendar.add_component(_workshop_event(workshop, shared))
        days = sorted(days_of(trainer, workshop))
        if workshop.id in arriving:
            days = [d for d in days if d > workshop.end]
        if workshop.id in chained:
            onward = [d for d in days if d > workshop.end]
            days = [d for d in days if d < workshop.start]
            arrival = [d for d in days_of(trainer, chained[workshop.id]) if d < chained[workshop.id].start]
            calendar.add_component(_leg_event(trainer, workshop, chained[workshop.id], onward + arrival, shared))
        for event in _travel_events(trainer, workshop, days, shared):
            calendar.add_component(event)
    return serialize(calendar)


def _chained(workshops: Sequence[Workshop], max_gap_days: int | None) -> dict[str, Workshop]:
    """Workshop id -> the next workshop, where the trainer flies straight on (SPEC 4 trips)."""
    if max_gap_days is None:
        return {}
    return {
        a.id: b
        for a, b in itertools.pairwise(workshops)
        if a.country != b.country and (b.start - a.end).days - 1 <= max_gap_days
    }


def _leg_event(trainer: Trainer, origin: Workshop, destination: Workshop, days: list[date], shared: _Shared) -> Event:
    """One all-day event for a chained leg, "Dakar -> Bamako", over the travel days between the workshops."""
    days = sorted(set(days)) or [origin.end + timedelta(days=1)]
    event = _base_event(origin, shared, f"{origin.id}-{trainer.id}-travel-on@{UID_DOMAIN}")
    event["DTSTART"] = shared.day(days[0])
    event["DTEND"] = shared.day(days[-1] + timedelta(days=1))
    summary = f"{plain(origin.city)} -> {plain(destination.city)}"
    event["SUMMARY"] = shared.text(_summary(summary, destination, shared.lang))
    description = label(
        "ics.travel.description",
        shared.lang,
        workshop=destination.id,
        place=_place(destination, shared.lang),
        name=plain(trainer.name),
    )
    event["DESCRIPTION"] = shared.text(description, multiline=True)
    return event


def workshop_calendar(
    workshop: Workshop,
    agenda: Agenda,
    *,
    organizer: tuple[str, str],
    trainers: Mapping[str, Trainer],
    now: datetime,
    lang: str = "en",
    pauses: bool = False,
) -> bytes:
    """Each agenda session as a timed event in the host time zone, with the VTIMEZONE it needs.

    Breaks and lunch are left out unless `pauses`. Zones that are always UTC+0 come out as UTC times.
    UIDs count days and sessions (`{id}-d2-3@tiptrain`), not dates, so a moved workshop updates in place.
    """
    shared = _shared(organizer, trainers, now, lang=lang, catalogue=None, partners=None)
    calendar = _calendar(
        label("ics.calendar.workshop", lang, title=plain(agenda.title), city=plain(workshop.city)), lang
    )
    zone = ZoneInfo(agenda.tz)
    total = len(agenda.days)
    for index, day in enumerate(agenda.days, start=1):
        sessions = [s for s in day.sessions if pauses or s.kind not in ("break", "lunch")]
        for number, session in enumerate(sessions, start=1):
            event = _base_event(workshop, shared, f"{workshop.id}-d{index}-{number}@{UID_DOMAIN}")
            event["DTSTART"] = vDDDTypes(datetime.combine(day.date, session.start, tzinfo=zone))
            event["DTEND"] = vDDDTypes(datetime.combine(day.date, session.end, tzinfo=zone))
            event["SUMMARY"] = shared.text(_summary(_session_title(session, lang), workshop, lang))
            description = _session_description(workshop, agenda, session, day=index, total=total, shared=shared)
            event["DESCRIPTION"] = shared.text(description, multiline=True)
            calendar.add_component(event)
    if agenda.days:
        first, last = agenda.days[0].date, agenda.days[-1].date
        calendar.add_missing_timezones(first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1))
    return serialize(calendar)


def workshop_uid(workshop_id: str) -> str:
    """The UID of a workshop's event in every feed and invitation: the same across runs and re-plans."""
    return f"{workshop_id}@{UID_DOMAIN}"


def trainer_events(
    trainer: Trainer,
    workshop: Workshop,
    *,
    organizer: tuple[str, str],
    trainers: Mapping[str, Trainer],
    now: datetime,
    lang: str = "en",
    catalogue: Catalogue | None = None,
    partners: Mapping[str, str] | None = None,
) -> list[Event]:
    """The events one workshop puts in one trainer's feed: the workshop, then their travel days.

    The same UIDs, SEQUENCE and texts as `trainer_calendar`, for the iTIP invitations (exports.itip) that
    add ATTENDEE and their own METHOD to them.
    """
    shared = _shared(
        organizer, {**trainers, trainer.id: trainer}, now, lang=lang, catalogue=catalogue, partners=partners
    )
    travel = sorted(default_travel_days(trainer, workshop))
    return [_workshop_event(workshop, shared), *_travel_events(trainer, workshop, travel, shared)]


def default_travel_days(trainer: Trainer, workshop: Workshop) -> list[date]:
    """The planning rule: `travel_days` days either side of the workshop, none when it is at home."""
    if workshop.country == trainer.home or trainer.travel_days == 0:
        return []
    before = [workshop.start - timedelta(days=n) for n in range(trainer.travel_days, 0, -1)]
    after = [workshop.end + timedelta(days=n) for n in range(1, trainer.travel_days + 1)]
    return before + after


def address(email: str) -> str:
    """The organizer's mailto: URI; a value that is not one plain e-mail address is refused, never replaced.

    The address comes from `[programme] contact_email`, which the settings already validate, so this only
    fails when a caller passes something else; an invented placeholder would be e-mailed by clients.
    """
    cleaned = plain(email)
    if cleaned != email or not is_email(cleaned):
        raise ValueError(f"the organizer needs one plain e-mail address, not {email!r}")
    return f"mailto:{cleaned}"


def _shared(
    organizer: tuple[str, str],
    trainers: Mapping[str, Trainer],
    now: datetime,
    *,
    lang: str,
    catalogue: Catalogue | None,
    partners: Mapping[str, str] | None,
) -> _Shared:
    if now.tzinfo is None:
        raise ValueError("now must be a timezone-aware datetime (DTSTAMP is written in UTC)")
    name, email = organizer
    contact = vCalAddress(address(email))
    contact.params["CN"] = plain(name) or "tiptrain"
    return _Shared(
        organizer=contact,
        stamp=vDDDTypes(now.astimezone(UTC).replace(microsecond=0)),
        lang=lang,
        language=Parameters({"LANGUAGE": lang}),
        date_value=Parameters({"VALUE": "DATE"}),
        trainers=trainers,
        catalogue=catalogue,
        partners=partners or {},
    )


def _calendar(name: str, lang: str) -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", plain(name), parameters={"LANGUAGE": lang})
    return calendar


def _base_event(workshop: Workshop, shared: _Shared, uid: str) -> Event:
    """UID, DTSTAMP, SEQUENCE, STATUS, ORGANIZER, LOCATION; no ATTENDEE (RFC 5546 forbids it in PUBLISH)."""
    event = Event()
    event["UID"] = vText(uid)
    event["DTSTAMP"] = shared.stamp
    event["SEQUENCE"] = shared.token(workshop.sequence)
    event["STATUS"] = shared.token(STATUS[workshop.status])
    event["ORGANIZER"] = shared.organizer
    event["LOCATION"] = shared.text(_place(workshop, shared.lang))
    if workshop.status == "cancelled":
        event["TRANSP"] = shared.token("TRANSPARENT")
    return event


def _workshop_event(workshop: Workshop, shared: _Shared) -> Event:
    event = _base_event(workshop, shared, workshop_uid(workshop.id))
    event["DTSTART"] = shared.day(workshop.start)
    event["DTEND"] = shared.day(workshop.end + timedelta(days=1))
    title = _programme_title(workshop.programme, shared)
    event["SUMMARY"] = shared.text(
        _summary(
            label("ics.workshop.summary", shared.lang, programme=title, place=_place(workshop, shared.lang)),
            workshop,
            shared.lang,
        )
    )
    event["DESCRIPTION"] = shared.text(_workshop_description(workshop, title, shared), multiline=True)
    return event


def _travel_events(trainer: Trainer, workshop: Workshop, days: list[date], shared: _Shared) -> list[Event]:
    """One all-day event per run of consecutive travel days: out before the workshop, back after it."""
    place = _place(workshop, shared.lang)
    runs = _runs(days)
    events: list[Event] = []
    for direction, key in (("out", "ics.travel.to"), ("back", "ics.travel.from")):
        chosen = [run for run in runs if (run[-1] < workshop.start) == (direction == "out")]
        for number, run in enumerate(chosen, start=1):
            suffix = direction if len(chosen) == 1 else f"{direction}-{number}"
            event = _base_event(workshop, shared, f"{workshop.id}-{trainer.id}-travel-{suffix}@{UID_DOMAIN}")
            event["DTSTART"] = shared.day(run[0])
            event["DTEND"] = shared.day(run[-1] + timedelta(days=1))
            event["SUMMARY"] = shared.text(_summary(label(key, shared.lang, place=place), workshop, shared.lang))
            description = label(
                "ics.travel.description", shared.lang, workshop=workshop.id, place=place, name=plain(trainer.name)
            )
            event["DESCRIPTION"] = shared.text(description, multiline=True)
            events.append(event)
    return events


def _session_title(session: Session, lang: str) -> str:
    title = session.title if session.unit else label(f"session.{session.kind}", lang)
    if session.unit:
        title = label("session.unit", lang, unit=session.unit, title=plain(title))
    if session.parts:
        title = label("session.part", lang, title=title, part=session.part, parts=session.parts)
    return title


def _session_description(
    workshop: Workshop, agenda: Agenda, session: Session, *, day: int, total: int, shared: _Shared
) -> str:
    lang = shared.lang
    lines = [
        _field("field.workshop", plain(agenda.title), lang),
        _field("field.place", _place(workshop, lang), lang),
        label("agenda.day_of", lang, day=day, days=total),
        _field("field.team", _team(workshop, shared), lang),
    ]
    if session.fallback:
        lines.append(label("fallback.english", lang))
    lines.append(_field("field.status", label(f"status.{workshop.status}", lang), lang))
    return "\n".join(lines)


def _workshop_description(workshop: Workshop, title: str, shared: _Shared) -> str:
    lang = shared.lang
    lines = [
        _field("field.programme", title, lang),
        _field(
            "field.dates",
            label(
                "dates.with_count", lang, count=len(workshop.days), range=date_range(workshop.start, workshop.end, lang)
            ),
            lang,
        ),
        _field("field.place", _place(workshop, lang), lang),
        _field("field.language", language_name(workshop.language, lang), lang),
        _field("field.team", _team(workshop, shared), lang),
    ]
    partner = plain(shared.partners.get(workshop.request, ""))
    if partner:
        lines.append(_field("field.partner", partner, lang))
    lines.append(_field("field.status", label(f"status.{workshop.status}", lang), lang))
    lines.append(_field("field.workshop_id", workshop.id, lang))
    return "\n".join(lines)


def _team(workshop: Workshop, shared: _Shared) -> str:
    """The trainers by name ('Amina Diallo, Pedro Álvarez').

    This is where a PUBLISH feed names its team: RFC 5546 allows no ATTENDEE there. Names only: a feed is
    shared by its subscription URL, so trainers' e-mail addresses stay out of it (they belong in the iTIP
    invitations sent to each trainer). Trainers unknown to the pool appear by id.
    """
    names: list[str] = []
    for trainer_id in dict.fromkeys(workshop.trainers):
        trainer = shared.trainers.get(trainer_id)
        names.append(trainer_id if trainer is None else (plain(trainer.name) or trainer_id))
    return label("list.separator", shared.lang).join(names) or "-"


def _field(key: str, value: str, lang: str) -> str:
    """'Dates: 2–6 Feb 2026', with the language's own punctuation ('Dates : ...' in French)."""
    before, after = _field_frame(key, lang)
    return f"{before}{value}{after}"


@functools.lru_cache(maxsize=256)
def _field_frame(key: str, lang: str) -> tuple[str, str]:
    """The text before and after the value of a field line, worked out once per field and language."""
    before, _, after = label("field.line", lang, field=label(key, lang), value="\x00").partition("\x00")
    return before, after


def _summary(text: str, workshop: Workshop, lang: str) -> str:
    if workshop.status == "cancelled":
        return label("ics.cancelled", lang, summary=text)
    return text


def _place(workshop: Workshop, lang: str) -> str:
    return _place_of(workshop.city, workshop.country, lang)


@functools.lru_cache(maxsize=4096)
def _place_of(city: str, country: str, lang: str) -> str:
    """'Bamako, Mali': the city as given (one line, no control characters) and the country's name."""
    return label("place", lang, city=plain(city), country=country_name(country, lang))


def _programme_title(programme_id: str, shared: _Shared) -> str:
    if shared.catalogue is not None and programme_id in shared.catalogue.programmes:
        titles = shared.catalogue.programmes[programme_id].title
        return plain(titles.get(shared.lang) or titles["en"])  # type: ignore[call-overload]
    return programme_id


def _travel_lookup(travel_days: TravelDays | None) -> Callable[[Trainer, Workshop], Sequence[date]]:
    if travel_days is None:
        return default_travel_days
    if callable(travel_days):
        return travel_days
    table = travel_days
    return lambda _trainer, workshop: table.get(workshop.id, ())


def _runs(days: list[date]) -> list[list[date]]:
    """Consecutive days grouped: [1, 2, 5] -> [[1, 2], [5]]."""
    runs: list[list[date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        elif not runs or day != runs[-1][-1]:
            runs.append([day])
    return runs
