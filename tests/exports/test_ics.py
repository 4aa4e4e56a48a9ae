"""iCalendar feeds: golden files, stable UIDs, statuses, one ORGANIZER, no injection, independent parsers."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta

import pytest
from exportkit import GOLDEN, NOW, ORGANIZER, TRAINERS, make_agenda, make_trainer, make_workshop, tiny_catalogue
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalcheck_kit import assert_libical_accepts, assert_libical_accepts_data
from icalendar import Calendar, Event, vCalAddress, vText

from curriculum.models import Catalogue
from exports.ical_writer import serialize
from exports.ics import (
    PRODID,
    address,
    default_travel_days,
    plan_calendar,
    trainer_calendar,
    workshop_calendar,
)
from exports.text import plain
from scheduler.models import Workshop

UPDATE = os.environ.get("TIPTRAIN_UPDATE_GOLDEN") == "1"
"""Set to rewrite the golden files after a deliberate change; review the diff before committing."""


TINY = tiny_catalogue()
"""Goldens use this fixed catalogue, so edits to the bundled curriculum do not change them."""


def three_workshops() -> list[Workshop]:
    return [
        make_workshop("W-ml-bamako-tot", programme="demo-2d", days=2, status="confirmed", sequence=2),
        make_workshop(
            "W-ua-kyiv-cj",
            programme="demo-2d",
            city="Kyiv",
            country="UA",
            start=date(2026, 3, 30),
            days=2,
            trainers=("t-olga", "t-pedro"),
            status="cancelled",
            sequence=3,
            language="ru",
        ),
        make_workshop(
            "W-fj-suva-fr",
            programme="demo-1d",
            city="Suva",
            country="FJ",
            start=date(2026, 4, 14),
            days=1,
            trainers=("t-amina",),
            language="en",
        ),
    ]


def events(data: bytes) -> list[Event]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(data)
    assert path.exists(), f"no golden file {name}: run with TIPTRAIN_UPDATE_GOLDEN=1 and review it"
    assert data.decode() == path.read_bytes().decode()
    assert_libical_accepts([path])


def test_plan_three_workshops_matches_golden() -> None:
    data = plan_calendar(
        three_workshops(),
        organizer=ORGANIZER,
        trainers=TRAINERS,
        now=NOW,
        catalogue=TINY,
        partners={"ml-bamako-tot": "Ministère de la Justice"},
    )
    check_golden("plan_three_workshops.ics", data)


def test_plan_three_workshops_in_french_matches_golden() -> None:
    data = plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW, catalogue=TINY, lang="fr")
    check_golden("plan_three_workshops_fr.ics", data)


def test_trainer_with_travel_days_matches_golden() -> None:
    data = trainer_calendar(
        TRAINERS["t-olga"], three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW, catalogue=TINY
    )
    check_golden("trainer_olga_with_travel_days.ics", data)


def test_workshop_agenda_in_kyiv_in_summer_time_matches_golden() -> None:
    workshop = three_workshops()[1]
    data = workshop_calendar(
        workshop, make_agenda(TINY, workshop, "Europe/Kyiv"), organizer=ORGANIZER, trainers=TRAINERS, now=NOW
    )
    check_golden("workshop_agenda_kyiv_in_summer_time.ics", data)
    assert data.count(b"BEGIN:VTIMEZONE") == 1
    assert b"DTSTART;TZID=Europe/Kyiv:20260330T090000" in data


def test_workshop_agenda_in_bamako_is_written_in_utc_matches_golden() -> None:
    workshop = make_workshop("W-ml-bamako-fr", programme="demo-1d", days=1, trainers=("t-amina",))
    data = workshop_calendar(
        workshop, make_agenda(TINY, workshop, "Africa/Bamako"), organizer=ORGANIZER, trainers=TRAINERS, now=NOW
    )
    check_golden("workshop_agenda_bamako_in_utc.ics", data)
    assert b"VTIMEZONE" not in data
    assert b"DTSTART:20260202T090000Z" in data


def test_plan_event_is_all_day_and_ends_the_day_after_the_last(catalogue: Catalogue) -> None:
    event = events(plan_calendar(three_workshops()[:1], organizer=ORGANIZER, trainers=TRAINERS, now=NOW))[0]
    assert (event["DTSTART"].dt, event["DTEND"].dt) == (date(2026, 2, 2), date(2026, 2, 4))
    assert event["DTSTART"].params["VALUE"] == "DATE"


def test_plan_uids_stable_across_runs_and_replans() -> None:
    first = plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW)
    moved = [
        w.model_copy(
            update={
                "start": w.start + timedelta(days=7),
                "end": w.end + timedelta(days=7),
                "days": [d + timedelta(days=7) for d in w.days],
                "sequence": w.sequence + 1,
            }
        )
        for w in three_workshops()
    ]
    later = plan_calendar(moved, organizer=ORGANIZER, trainers=TRAINERS, now=NOW + timedelta(days=3))
    assert [str(e["UID"]) for e in events(first)] == [str(e["UID"]) for e in events(later)]
    assert [e["SEQUENCE"] for e in events(later)] == [3, 4, 1]


def test_plan_same_input_same_bytes() -> None:
    one = plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW)
    assert one == plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW)


@pytest.mark.parametrize(
    ("status", "expected"),
    [("planned", "TENTATIVE"), ("confirmed", "CONFIRMED"), ("delivered", "CONFIRMED"), ("cancelled", "CANCELLED")],
)
def test_status_maps_to_icalendar_status(status: str, expected: str) -> None:
    data = plan_calendar([make_workshop(status=status)], organizer=ORGANIZER, trainers=TRAINERS, now=NOW)
    assert str(events(data)[0]["STATUS"]) == expected


def test_cancelled_workshop_stays_in_the_feed_as_cancelled_and_free() -> None:
    found = {
        str(e["UID"]): e
        for e in events(plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW))
    }
    cancelled = found["W-ua-kyiv-cj@tiptrain"]
    assert (str(cancelled["STATUS"]), str(cancelled["TRANSP"])) == ("CANCELLED", "TRANSPARENT")
    assert str(cancelled["SUMMARY"]).startswith("Cancelled: ")


def every_feed(lang: str = "en") -> list[bytes]:
    """The three kinds of feed, with trainers who have an e-mail and one who has none."""
    workshop = three_workshops()[1]
    return [
        plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW, catalogue=TINY, lang=lang),
        trainer_calendar(
            TRAINERS["t-olga"], three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW, lang=lang
        ),
        workshop_calendar(
            workshop,
            make_agenda(TINY, workshop, "Europe/Kyiv", lang),
            organizer=ORGANIZER,
            trainers=TRAINERS,
            now=NOW,
            lang=lang,
            pauses=True,
        ),
    ]


def test_publish_feeds_have_one_organizer_and_no_attendee() -> None:
    organizers = []
    attendees = []
    for data in every_feed():
        for event in events(data):
            found = event.get("ORGANIZER")
            organizers.append(len(found) if isinstance(found, list) else 1)
            attendees.append(event.get("ATTENDEE"))

    assert set(organizers) == {1}
    assert attendees == [None] * len(attendees)
    assert all(b"ATTENDEE" not in data for data in every_feed())


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "zh", "ru", "es"])
def test_every_feed_is_accepted_by_libical(lang: str) -> None:
    assert_libical_accepts_data(*every_feed(lang))


def test_no_feed_invents_an_address() -> None:
    joined = b"".join(every_feed())

    assert b".invalid" not in joined
    assert sorted(set(re.findall(rb"mailto:[^\s;:,>]+", joined.replace(b"\r\n ", b"")))) == [
        b"mailto:training.coordinator@example.org"
    ]


def test_plan_description_names_the_team_without_addresses() -> None:
    event = events(plan_calendar(three_workshops()[:1], organizer=ORGANIZER, trainers=TRAINERS, now=NOW))[0]

    team = next(line for line in str(event["DESCRIPTION"]).split("\n") if line.startswith("Trainers: "))

    assert team == f"Trainers: {team_of(('t-amina', 't-pedro', 't-olga'))}"


def test_agenda_session_description_names_the_team() -> None:
    workshop = three_workshops()[1]
    data = workshop_calendar(
        workshop, make_agenda(TINY, workshop, "Europe/Kyiv"), organizer=ORGANIZER, trainers=TRAINERS, now=NOW
    )

    lines = str(events(data)[0]["DESCRIPTION"]).split("\n")

    assert lines[3] == f"Trainers: {team_of(('t-olga', 't-pedro'))}"


def team_of(ids: tuple[str, ...]) -> str:
    """What the description should say: the names alone (a feed is shared; e-mail addresses stay out)."""
    return ", ".join(TRAINERS[t].name for t in ids)


def test_calendar_is_publish_with_fixed_prodid_and_utc_stamp() -> None:
    calendar = Calendar.from_ical(plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW))
    assert (str(calendar["METHOD"]), str(calendar["PRODID"])) == ("PUBLISH", PRODID)
    assert {e["DTSTAMP"].dt for e in calendar.walk("VEVENT")} == {NOW}


def test_naive_clock_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        plan_calendar([], organizer=ORGANIZER, trainers=TRAINERS, now=datetime(2026, 1, 1))  # noqa: DTZ001


def test_address_is_the_organizer_email_as_a_mailto_uri() -> None:
    assert address("amina@example.org") == "mailto:amina@example.org"


@pytest.mark.parametrize("email", ["", "not an address", "a@b.org\r\nATTENDEE:x"])
def test_address_refuses_what_is_not_one_email_instead_of_inventing_one(email: str) -> None:
    with pytest.raises(ValueError, match="organizer needs one plain e-mail address"):
        address(email)


def test_trainer_travel_days_are_separate_all_day_events() -> None:
    olga = TRAINERS["t-olga"]
    data = trainer_calendar(olga, three_workshops()[:1], organizer=ORGANIZER, trainers=TRAINERS, now=NOW)
    spans = {str(e["UID"]): (e["DTSTART"].dt, e["DTEND"].dt) for e in events(data)}
    assert spans == {
        "W-ml-bamako-tot@tiptrain": (date(2026, 2, 2), date(2026, 2, 4)),
        "W-ml-bamako-tot-t-olga-travel-out@tiptrain": (date(2026, 1, 31), date(2026, 2, 2)),
        "W-ml-bamako-tot-t-olga-travel-back@tiptrain": (date(2026, 2, 4), date(2026, 2, 6)),
    }


def test_no_travel_days_at_home() -> None:
    at_home = make_trainer("t-home", "Home Trainer", home="ML", travel_days=2)
    assert default_travel_days(at_home, make_workshop()) == []


def test_trainer_calendar_accepts_travel_days_as_a_mapping() -> None:
    olga = TRAINERS["t-olga"]
    data = trainer_calendar(
        olga,
        three_workshops()[:1],
        organizer=ORGANIZER,
        trainers=TRAINERS,
        now=NOW,
        travel_days={"W-ml-bamako-tot": [date(2026, 1, 30), date(2026, 2, 6)]},
    )
    assert len(events(data)) == 3


def test_workshop_sessions_uids_count_days_and_sessions(catalogue: Catalogue) -> None:
    workshop = make_workshop("W-ml-bamako-fr", programme="first-responders-1d", days=1)  # the bundled catalogue
    data = workshop_calendar(
        workshop, make_agenda(catalogue, workshop, "Africa/Bamako"), organizer=ORGANIZER, trainers=TRAINERS, now=NOW
    )
    uids = [str(e["UID"]) for e in events(data)]
    assert uids[:2] == ["W-ml-bamako-fr-d1-1@tiptrain", "W-ml-bamako-fr-d1-2@tiptrain"]
    assert len(uids) == len(set(uids))


HOSTILE = [
    "Kyiv\r\nATTENDEE:mailto:evil@example.com",
    "Kyiv\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil",
    'Kyiv; ROLE=CHAIR: "quoted", comma',
    "Kyiv:DESCRIPTION:evil",
    "Kyiv\\n\\,\\;",
]


@pytest.mark.parametrize("city", HOSTILE)
def test_user_text_cannot_add_properties_or_events(city: str) -> None:
    workshop = make_workshop(city=city, trainers=("t-amina", "t-evil"))
    evil = make_trainer("t-evil", city)
    data = plan_calendar([workshop], organizer=(city, "c@example.org"), trainers={**TRAINERS, "t-evil": evil}, now=NOW)
    assert_libical_accepts_data(data)
    found = events(data)
    assert len(found) == 1
    event = found[0]
    assert sorted(event.keys()) == sorted(
        [
            "SUMMARY",
            "DTSTART",
            "DTEND",
            "DTSTAMP",
            "UID",
            "SEQUENCE",
            "DESCRIPTION",
            "LOCATION",
            "ORGANIZER",
            "STATUS",
        ]
    )
    assert str(event["LOCATION"]) == f"{plain(city)}, Mali"
    assert f"Trainers: {team_of(('t-amina',))}, {plain(city)}\n" in str(event["DESCRIPTION"])


def test_trainer_email_that_would_add_a_property_is_refused_by_the_model() -> None:
    with pytest.raises(ValueError, match=re.escape("an e-mail address such as name@example.org")):
        make_trainer("t-evil", "Evil", email="x@example.org\r\nORGANIZER:mailto:evil@example.org")


def test_output_parses_with_the_independent_ics_package() -> None:
    import ics

    workshop = three_workshops()[1]
    for data in (
        plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW, catalogue=TINY),
        trainer_calendar(TRAINERS["t-olga"], three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW),
        workshop_calendar(
            workshop, make_agenda(TINY, workshop, "Europe/Kyiv"), organizer=ORGANIZER, trainers=TRAINERS, now=NOW
        ),
    ):
        parsed = ics.Calendar(data.decode())
        assert len(parsed.events) == len(events(data))
        assert {e.uid for e in parsed.events} == {str(e["UID"]) for e in events(data)}


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(city=st.text(min_size=1, max_size=120), name=st.text(max_size=80))
def test_any_user_text_stays_inside_its_property(city: str, name: str) -> None:
    workshop = make_workshop(city=city, trainers=("t-any",))
    trainer = make_trainer("t-any", name or "x")
    data = plan_calendar([workshop], organizer=(name, "c@example.org"), trainers={"t-any": trainer}, now=NOW)
    found = events(data)
    assert len(found) == 1
    assert len(found[0].keys()) == 10
    assert str(found[0]["LOCATION"]) == f"{plain(city)}, Mali"


@settings(deadline=None, max_examples=80)
@given(texts=st.lists(st.text(max_size=200), min_size=1, max_size=4))
def test_fast_serializer_gives_the_same_bytes_as_icalendar(texts: list[str]) -> None:
    calendar = Calendar()
    calendar.add("PRODID", "-//x//y//EN")
    calendar.add("VERSION", "2.0")
    for number, text in enumerate(texts):
        event = Event()
        event.add("UID", f"{number}@x")
        event.add("SUMMARY", text, parameters={"LANGUAGE": "en"})
        event.add("DESCRIPTION", plain(text) * 3)
        attendee = vCalAddress("mailto:a@example.org")
        attendee.params["CN"] = plain(text) or "x"
        event["ATTENDEE"] = [attendee]
        event["X-NOTE"] = vText(text)
        calendar.add_component(event)
    assert serialize(calendar) == calendar.to_ical()


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_plan_three_workshops_in_arabic_and_chinese_matches_golden(lang: str) -> None:
    data = plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW, catalogue=TINY, lang=lang)
    check_golden(f"plan_three_workshops_{lang}.ics", data)


def test_workshop_agenda_in_arabic_matches_golden() -> None:
    workshop = make_workshop("W-eg-cairo-tot", programme="demo-1d", city="Cairo", country="EG", days=1, language="ar")
    agenda = make_agenda(TINY, workshop, "Africa/Cairo", "ar")
    data = workshop_calendar(workshop, agenda, organizer=ORGANIZER, trainers=TRAINERS, now=NOW, lang="ar")
    check_golden("workshop_agenda_cairo_ar.ics", data)


@pytest.mark.parametrize(
    ("lang", "location", "summary_start"),
    [("ar", "Kyiv، أوكرانيا", "ملغاة: "), ("zh", "Kyiv（乌克兰）", "已取消："), ("es", "Kyiv, Ucrania", "Cancelado: ")],
)
def test_text_properties_are_in_the_calendar_language(lang: str, location: str, summary_start: str) -> None:
    data = plan_calendar(three_workshops(), organizer=ORGANIZER, trainers=TRAINERS, now=NOW, catalogue=TINY, lang=lang)
    cancelled = next(e for e in events(data) if str(e["UID"]) == "W-ua-kyiv-cj@tiptrain")
    assert str(cancelled["LOCATION"]) == location
    assert str(cancelled["SUMMARY"]).startswith(summary_start)
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert cancelled[name].params["LANGUAGE"] == lang
    import ics

    assert len(ics.Calendar(data.decode()).events) == 3


@pytest.mark.parametrize("text", ["\ufeff", "\ufeffx", "a\ufeffb"])
def test_fast_serializer_matches_icalendar_on_a_leading_byte_order_mark(text: str) -> None:
    calendar = Calendar()
    event = Event()
    event.add("UID", "0@x")
    event.add("SUMMARY", text)
    event["X-NOTE"] = vText(text)
    calendar.add_component(event)

    assert serialize(calendar) == calendar.to_ical()
