"""The trainer's feed shows a chained leg of a trip (SPEC 4) as one travel event, "Dakar -> Bamako"."""

from __future__ import annotations

from datetime import date

from exportkit import NOW, ORGANIZER, TRAINERS, make_workshop
from icalcheck_kit import assert_libical_accepts_data
from icalendar import Calendar

from exports.ics import trainer_calendar
from scheduler.models import Workshop


def two_in_west_africa(gap_days: int) -> list[Workshop]:
    dakar = make_workshop("W-sn-dakar", city="Dakar", country="SN", start=date(2026, 2, 2), days=2)
    bamako = make_workshop("W-ml-bamako", start=date(2026, 2, 4 + gap_days), days=2)
    return [dakar, bamako]


def travel(data: bytes) -> dict[str, tuple[str, date, date]]:
    events = Calendar.from_ical(data).walk("VEVENT")
    return {
        str(e["UID"]): (str(e["SUMMARY"]), e["DTSTART"].dt, e["DTEND"].dt) for e in events if "travel" in str(e["UID"])
    }


def test_trainer_feed_chained_leg_is_one_travel_event() -> None:
    olga = TRAINERS["t-olga"]  # travel_days 2, lives in UA
    data = trainer_calendar(olga, two_in_west_africa(gap_days=4), organizer=ORGANIZER, trainers=TRAINERS, now=NOW)

    assert travel(data) == {
        "W-sn-dakar-t-olga-travel-out@tiptrain": ("Travel to Dakar, Senegal", date(2026, 1, 31), date(2026, 2, 2)),
        "W-sn-dakar-t-olga-travel-on@tiptrain": ("Dakar -> Bamako", date(2026, 2, 4), date(2026, 2, 8)),
        "W-ml-bamako-t-olga-travel-back@tiptrain": (
            "Travel back from Bamako, Mali",
            date(2026, 2, 10),
            date(2026, 2, 12),
        ),
    }
    assert_libical_accepts_data(data)


def test_trainer_feed_long_gap_travels_home_between() -> None:
    olga = TRAINERS["t-olga"]
    data = trainer_calendar(olga, two_in_west_africa(gap_days=7), organizer=ORGANIZER, trainers=TRAINERS, now=NOW)

    assert sorted(travel(data)) == [
        "W-ml-bamako-t-olga-travel-back@tiptrain",
        "W-ml-bamako-t-olga-travel-out@tiptrain",
        "W-sn-dakar-t-olga-travel-back@tiptrain",
        "W-sn-dakar-t-olga-travel-out@tiptrain",
    ]
