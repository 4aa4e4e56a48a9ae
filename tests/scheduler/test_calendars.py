"""Working-day calendars: weekends, public holidays, blackouts, Ramadan, and the starts they leave."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from curriculum.errors import UsageError
from scheduler.calendars import (
    public_holidays,
    ramadan_days,
    valid_starts,
    weekend_days,
    window_report,
    working_calendar,
)

ROOT = Path(__file__).resolve().parents[2]


def test_weekend_days_egypt_is_friday_saturday() -> None:
    assert weekend_days("EG") == frozenset({4, 5})


def test_weekend_days_france_is_saturday_sunday() -> None:
    assert weekend_days("FR") == frozenset({5, 6})


def test_weekend_days_unknown_code_falls_back_to_saturday_sunday() -> None:
    assert weekend_days("ZZ") == frozenset({5, 6})


def test_public_holidays_france_may_day_in_english() -> None:
    assert public_holidays("FR", date(2026, 5, 1), date(2026, 5, 1)) == {date(2026, 5, 1): "Labor Day"}


def test_public_holidays_mali_may_day_in_english() -> None:
    assert public_holidays("ML", date(2026, 5, 1), date(2026, 5, 1)) == {date(2026, 5, 1): "Labor Day"}


def test_public_holidays_serbia_orthodox_christmas() -> None:
    assert public_holidays("RS", date(2026, 1, 7), date(2026, 1, 7)) == {date(2026, 1, 7): "Orthodox Christmas Day"}


def test_public_holidays_range_spanning_two_years_is_sorted() -> None:
    found = public_holidays("FR", date(2026, 12, 20), date(2027, 1, 5))

    assert found == {date(2026, 12, 25): "Christmas Day", date(2027, 1, 1): "New Year's Day"}


def test_public_holidays_ukraine_2026_has_none() -> None:
    assert public_holidays("UA", date(2026, 1, 1), date(2026, 12, 31)) == {}


def test_public_holidays_unknown_code_has_none() -> None:
    assert public_holidays("ZZ", date(2026, 1, 1), date(2026, 12, 31)) == {}


def test_ramadan_days_2026_runs_from_18_february_to_19_march() -> None:
    days = ramadan_days(date(2026, 1, 1), date(2026, 12, 31))

    assert (min(days), max(days), len(days)) == (date(2026, 2, 18), date(2026, 3, 19), 30)


def test_ramadan_days_clipped_to_the_range() -> None:
    days = ramadan_days(date(2026, 3, 10), date(2026, 3, 31))

    assert sorted(days) == [date(2026, 3, day) for day in range(10, 20)]


def test_ramadan_days_outside_umm_al_qura_tables_raises() -> None:
    with pytest.raises(UsageError):
        ramadan_days(date(2080, 1, 1), date(2080, 12, 31))


def test_working_calendar_removed_counts_hand_counted_france() -> None:
    # Mon 27 April to Sun 10 May 2026: weekends 2, 3, 9, 10 May; holidays 1 May (Labour), 8 May (Victory);
    # blackout 6 May.
    calendar = working_calendar("FR", date(2026, 4, 27), date(2026, 5, 10), [(date(2026, 5, 6), date(2026, 5, 6))])

    assert calendar.removed == {"weekend": 4, "holiday": 2, "blackout": 1, "ramadan": 0}
    assert calendar.working == (
        date(2026, 4, 27),
        date(2026, 4, 28),
        date(2026, 4, 29),
        date(2026, 4, 30),
        date(2026, 5, 4),
        date(2026, 5, 5),
        date(2026, 5, 7),
    )
    assert calendar.holiday_names == {date(2026, 5, 1): "Labor Day", date(2026, 5, 8): "Victory Day"}


def test_working_calendar_day_counts_under_first_reason_only() -> None:
    # Fri 30 Oct .. Mon 2 Nov 2026, all blacked out; All Saints' Day falls on Sunday 1 November.
    calendar = working_calendar("FR", date(2026, 10, 30), date(2026, 11, 2), [(date(2026, 10, 30), date(2026, 11, 2))])

    assert calendar.removed == {"weekend": 2, "holiday": 0, "blackout": 2, "ramadan": 0}
    assert calendar.working == ()


def test_working_calendar_egypt_avoiding_ramadan_removes_its_days() -> None:
    # Sun 15 .. Sat 21 February 2026: Ramadan begins Wednesday 18; Friday and Saturday are the weekend.
    calendar = working_calendar("EG", date(2026, 2, 15), date(2026, 2, 21), avoid_ramadan=True)

    assert calendar.removed == {"weekend": 2, "holiday": 0, "blackout": 0, "ramadan": 2}
    assert calendar.working == (date(2026, 2, 15), date(2026, 2, 16), date(2026, 2, 17))


def test_working_calendar_without_avoid_ramadan_keeps_its_days() -> None:
    calendar = working_calendar("EG", date(2026, 2, 15), date(2026, 2, 21))

    assert calendar.removed["ramadan"] == 0
    assert len(calendar.working) == 5


def test_working_calendar_ukraine_2026_removes_weekends_only() -> None:
    calendar = working_calendar("UA", date(2026, 1, 1), date(2026, 1, 31))

    assert calendar.removed == {"weekend": 9, "holiday": 0, "blackout": 0, "ramadan": 0}
    assert len(calendar.working) == 22


def test_working_calendar_reversed_range_raises() -> None:
    with pytest.raises(UsageError):
        working_calendar("FR", date(2026, 5, 2), date(2026, 5, 1))


def test_working_calendar_reversed_blackout_raises() -> None:
    with pytest.raises(UsageError):
        working_calendar("FR", date(2026, 5, 1), date(2026, 5, 9), [(date(2026, 5, 5), date(2026, 5, 4))])


def test_valid_starts_never_cross_a_weekend() -> None:
    calendar = working_calendar("FR", date(2026, 3, 2), date(2026, 3, 15))

    assert valid_starts(calendar, 5, date(2026, 3, 2), date(2026, 3, 15)) == [date(2026, 3, 2), date(2026, 3, 9)]


def test_valid_starts_egypt_week_runs_sunday_to_thursday() -> None:
    calendar = working_calendar("EG", date(2026, 2, 1), date(2026, 2, 7))

    assert valid_starts(calendar, 5, date(2026, 2, 1), date(2026, 2, 7)) == [date(2026, 2, 1)]


def test_valid_starts_never_cross_a_blackout() -> None:
    calendar = working_calendar("FR", date(2026, 3, 2), date(2026, 3, 8), [(date(2026, 3, 4), date(2026, 3, 4))])

    assert valid_starts(calendar, 2, date(2026, 3, 2), date(2026, 3, 8)) == [date(2026, 3, 2), date(2026, 3, 5)]


def test_valid_starts_respect_window_bounds() -> None:
    calendar = working_calendar("FR", date(2026, 3, 1), date(2026, 3, 31))

    starts = valid_starts(calendar, 3, date(2026, 3, 3), date(2026, 3, 12))

    assert starts == [date(2026, 3, 3), date(2026, 3, 4), date(2026, 3, 9), date(2026, 3, 10)]


def test_valid_starts_one_day_workshop_is_every_working_day() -> None:
    calendar = working_calendar("FR", date(2026, 4, 27), date(2026, 5, 10))

    assert valid_starts(calendar, 1, date(2026, 4, 27), date(2026, 5, 10)) == list(calendar.working)


def test_valid_starts_zero_days_raises() -> None:
    calendar = working_calendar("FR", date(2026, 3, 2), date(2026, 3, 8))

    with pytest.raises(UsageError):
        valid_starts(calendar, 0, date(2026, 3, 2), date(2026, 3, 8))


def test_window_report_short_weekend_window_mentions_weekends() -> None:
    report = window_report("ML", date(2026, 3, 7), date(2026, 3, 8), 5)

    assert report == (
        "no 5 consecutive working days in Mali between 2026-03-07 and 2026-03-08: "
        "the window has only 2 days; weekends remove 2 days"
    )


def test_window_report_names_holidays_and_longest_run() -> None:
    report = window_report("FR", date(2026, 4, 30), date(2026, 5, 3), 2)

    assert report == (
        "no 2 consecutive working days in France between 2026-04-30 and 2026-05-03: "
        "weekends remove 2 days; public holidays remove 1 day (Labor Day); "
        "the longest run of working days left is 1 day"
    )


def test_window_report_counts_blackouts_and_ramadan() -> None:
    report = window_report(
        "EG", date(2026, 2, 15), date(2026, 2, 21), 3, [(date(2026, 2, 16), date(2026, 2, 16))], avoid_ramadan=True
    )

    assert report == (
        "no 3 consecutive working days in Egypt between 2026-02-15 and 2026-02-21: "
        "weekends remove 2 days; blackouts remove 1 day; Ramadan removes 2 days; "
        "the longest run of working days left is 1 day"
    )


def test_window_report_with_starts_gives_count_and_first() -> None:
    report = window_report("FR", date(2026, 3, 2), date(2026, 3, 15), 5)

    assert report == (
        "2 possible starts for 5 consecutive working days in France between 2026-03-02 and 2026-03-15, "
        "the first on 2026-03-02"
    )


def test_window_report_reversed_window_says_so() -> None:
    report = window_report("ML", date(2026, 3, 8), date(2026, 3, 7), 1)

    assert report == (
        "no 1 consecutive working day in Mali between 2026-03-08 and 2026-03-07: the window ends before it starts"
    )


def test_calendars_import_leaves_heavy_libraries_unloaded() -> None:
    code = "import sys, scheduler.calendars; print(sorted({'holidays', 'hijridate', 'babel'} & set(sys.modules)))"

    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)

    assert result.stdout.strip() == "[]"
