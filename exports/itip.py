"""iTIP invitations by e-mail (RFC 5546 carried as RFC 6047 iMIP): one trainer, one workshop, one message.

A message is a MIME e-mail: a short text in the trainer's language (from the labels) and, as its
alternative, a `text/calendar; method=REQUEST` or `method=CANCEL` part. The calendar holds the events the
trainer's own feed shows for the workshop (exports.ics: the same UIDs, SEQUENCE and texts, so a client that
already has the event updates it instead of adding a second one), each with the ORGANIZER and the trainer
as ATTENDEE, with their real address: a trainer without one gets no message, never an invented address.

A CANCEL of a workshop that still runs (the trainer was taken off its team) carries no STATUS, as RFC 5546
asks when attendees are uninvited; the trainer's travel days for it are cancelled outright. Pure: the
clock, the Message-ID and the sender are given, and the MIME boundary comes from the Message-ID, so the same
inputs give the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from icalendar import Calendar, Event, vCalAddress, vText

from curriculum.models import Catalogue
from exports.ical_writer import serialize
from exports.ics import PRODID, address, trainer_events, workshop_uid
from exports.labels import label
from exports.text import plain
from scheduler.models import Trainer, Workshop

METHODS = ("REQUEST", "CANCEL")
LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


def trainer_language(trainer: Trainer) -> str:
    """The first of the trainer's languages that the labels have; English otherwise."""
    return next((lang for lang in trainer.languages if lang in LANGUAGES), "en")


def invitation_calendar(
    workshop: Workshop,
    trainer: Trainer,
    *,
    method: str,
    organizer: tuple[str, str],
    trainers: Mapping[str, Trainer],
    now: datetime,
    catalogue: Catalogue | None = None,
    partners: Mapping[str, str] | None = None,
) -> bytes:
    """The iTIP calendar of one REQUEST or CANCEL to `trainer` (who must have an e-mail) about `workshop`."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if trainer.email is None:
        raise ValueError(f"{trainer.id} has no e-mail address; an invitation is never sent to an invented one")
    lang = trainer_language(trainer)
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method)
    events = trainer_events(
        trainer,
        workshop,
        organizer=organizer,
        trainers=trainers,
        now=now,
        lang=lang,
        catalogue=catalogue,
        partners=partners,
    )
    for event in events:
        _address_to(event, trainer, method)
        if method == "CANCEL":
            _cancel(event, workshop)
        calendar.add_component(event)
    return serialize(calendar)


def invitation_message(
    workshop: Workshop,
    trainer: Trainer,
    *,
    method: str,
    organizer: tuple[str, str],
    sender: str,
    message_id: str,
    trainers: Mapping[str, Trainer],
    now: datetime,
    catalogue: Catalogue | None = None,
    partners: Mapping[str, str] | None = None,
) -> bytes:
    """The whole e-mail, CRLF line ends, ready for SMTP or an .eml file.

    `sender` is the From address (`[mail] from`); replies go to the organizer when it differs.
    """
    ics = invitation_calendar(
        workshop,
        trainer,
        method=method,
        organizer=organizer,
        trainers=trainers,
        now=now,
        catalogue=catalogue,
        partners=partners,
    )
    lang = trainer_language(trainer)
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    summary = str(event["SUMMARY"])
    message = EmailMessage(policy=SMTP)
    message["Subject"] = label(f"notify.subject.{method.lower()}", lang, summary=summary)
    message["From"] = formataddr((plain(organizer[0]), sender))
    message["To"] = formataddr((plain(trainer.name), str(trainer.email)))
    if sender != organizer[1]:
        message["Reply-To"] = formataddr((plain(organizer[0]), organizer[1]))
    message["Date"] = format_datetime(now.astimezone(UTC))
    message["Message-ID"] = message_id
    message.set_content(_text(trainer, method, str(event["DESCRIPTION"]), organizer[0], lang))
    message.add_alternative(ics.decode("utf-8"), subtype="calendar", params={"method": method}, cte="quoted-printable")
    message.set_boundary("tiptrain-" + hashlib.sha256(message_id.encode()).hexdigest()[:32])
    return message.as_bytes()


def _text(trainer: Trainer, method: str, description: str, organizer: str, lang: str) -> str:
    paragraphs = [
        label("notify.greeting", lang, name=plain(trainer.name)),
        label(f"notify.{method.lower()}", lang),
        description,
        label("notify.closing", lang) + "\n" + plain(organizer),
    ]
    return "\n\n".join(paragraphs) + "\n"


def _address_to(event: Event, trainer: Trainer, method: str) -> None:
    """The trainer as the one ATTENDEE: a required participant, asked to answer invitations."""
    attendee = vCalAddress(address(str(trainer.email)))
    attendee.params["CN"] = plain(trainer.name) or trainer.id
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    attendee.params["CUTYPE"] = "INDIVIDUAL"
    if method == "REQUEST":
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "TRUE"
    event["ATTENDEE"] = attendee


def _cancel(event: Event, workshop: Workshop) -> None:
    """A cancelled workshop is CANCELLED; an uninvited trainer's copy has no STATUS; travel is cancelled."""
    if str(event["UID"]) == workshop_uid(workshop.id) and workshop.status != "cancelled":
        del event["STATUS"]
        return
    event["STATUS"] = vText("CANCELLED")
