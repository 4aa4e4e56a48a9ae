"""iTIP invitations (SPEC 11): REQUEST and CANCEL e-mails that libical and Python's email package read back."""

from __future__ import annotations

import email
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import default

import pytest
from exportkit import TRAINERS, make_trainer, make_workshop
from icalcheck_kit import assert_libical_accepts_data
from icalendar import Calendar

from exports.itip import invitation_calendar, invitation_message, trainer_language

NOW = datetime(2026, 1, 10, 9, 30, tzinfo=UTC)
ORGANIZER = ("Training coordinator", "coordinator@example.org")
OLGA = TRAINERS["t-olga"]


def message(method: str = "REQUEST", **changes: object) -> EmailMessage:
    workshop = make_workshop(sequence=3, **changes)  # type: ignore[arg-type]
    data = invitation_message(
        workshop,
        OLGA,
        method=method,
        organizer=ORGANIZER,
        sender="planning@example.org",
        message_id="<abc@example.org>",
        trainers=TRAINERS,
        now=NOW,
    )
    parsed = email.message_from_bytes(data, policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def calendar_of(parsed: EmailMessage) -> Calendar:
    part = next(p for p in parsed.walk() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_content())


def test_itip_request_carries_method_sequence_uid_organizer_and_the_trainer_as_attendee() -> None:
    parsed = message()
    calendar = calendar_of(parsed)
    events = calendar.walk("VEVENT")

    assert parsed["To"] == "Olga Petrenko <olga@example.org>"
    assert parsed["Message-ID"] == "<abc@example.org>"
    assert str(calendar["METHOD"]) == "REQUEST"
    assert [str(e["UID"]) for e in events] == [
        "W-ml-bamako-tot@tiptrain",
        "W-ml-bamako-tot-t-olga-travel-out@tiptrain",
        "W-ml-bamako-tot-t-olga-travel-back@tiptrain",
    ]
    assert [int(e["SEQUENCE"]) for e in events] == [3, 3, 3]
    assert [str(e["ATTENDEE"]) for e in events] == ["mailto:olga@example.org"] * 3
    assert str(events[0]["ORGANIZER"]) == "mailto:coordinator@example.org"


def test_itip_calendar_part_is_text_calendar_with_its_method_parameter() -> None:
    part = next(p for p in message("CANCEL").walk() if p.get_content_type() == "text/calendar")

    assert part.get_param("method") == "CANCEL"


def test_itip_text_is_in_the_trainers_language() -> None:
    parsed = message()
    text = next(p for p in parsed.walk() if p.get_content_type() == "text/plain").get_content()

    assert trainer_language(OLGA) == "fr"
    assert text.splitlines()[0] == "Bonjour Olga Petrenko,"
    assert parsed["Subject"].startswith("Invitation à un atelier : ")


def test_itip_cancel_of_a_running_workshop_uninvites_without_status_and_cancels_travel() -> None:
    events = calendar_of(message("CANCEL")).walk("VEVENT")

    assert [e.get("STATUS") for e in events] == [None, "CANCELLED", "CANCELLED"]


def test_itip_cancel_of_a_cancelled_workshop_says_cancelled() -> None:
    events = calendar_of(message("CANCEL", status="cancelled")).walk("VEVENT")

    assert [str(e["STATUS"]) for e in events] == ["CANCELLED"] * 3


def test_itip_request_and_cancel_pass_libicals_itip_check() -> None:
    calendars = [
        invitation_calendar(
            make_workshop(sequence=2, status=status),
            OLGA,
            method=method,
            organizer=ORGANIZER,
            trainers=TRAINERS,
            now=NOW,
        )
        for method, status in (
            ("REQUEST", "planned"),
            ("REQUEST", "confirmed"),
            ("CANCEL", "planned"),
            ("CANCEL", "cancelled"),
        )
    ]

    assert_libical_accepts_data(*calendars)


def test_itip_trainer_without_email_is_refused_not_invented() -> None:
    nobody = make_trainer("t-nobody", "No Address")

    with pytest.raises(ValueError, match="t-nobody has no e-mail"):
        invitation_calendar(make_workshop(), nobody, method="REQUEST", organizer=ORGANIZER, trainers=TRAINERS, now=NOW)


def test_itip_message_bytes_depend_only_on_their_inputs() -> None:
    def make() -> bytes:
        return invitation_message(
            make_workshop(),
            OLGA,
            method="REQUEST",
            organizer=ORGANIZER,
            sender="planning@example.org",
            message_id="<abc@example.org>",
            trainers=TRAINERS,
            now=NOW,
        )

    assert make() == make()
