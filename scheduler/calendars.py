"""Working-day calendars of host countries: the days on which a workshop may run.

A workshop runs on consecutive calendar days that are all working days of its host country (spec section 4),
so the planner needs, per country and period, the days left once weekends, public holidays, period blackouts
and (when a request asks) Ramadan are taken out, and how many days each of those removed, so that a request
with no possible dates can be explained to its coordinator in one sentence.

Weekends and holidays come from `holidays`, Ramadan from `hijridate` (Umm al-Qura). Both libraries are
imported inside functions so that `tiptrain --help` stays fast.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from curriculum.errors import UsageError
from curriculum.names import country_name

if TYPE_CHECKING:
    from holidays import HolidayBase

# The order matters: a day removed for several reasons counts under the first one that applies.
REASONS: tuple[str, ...] = ("weekend", "holiday", "blackout", "ramadan")
_DEFAULT_WEEKEND = frozenset({5, 6})
_ENGLISH = "en_US"
_UMM_AL_QURA_RANGE = "1924-08-01 to 2077-11-16"


@dataclass(frozen=True)
class WorkingCalendar:
    """The working days of one country over a date range, with what removed the other days and why."""

    country: str
    start: date
    end: date
    working: tuple[date, ...]
    removed: dict[str, int]
    holiday_names: dict[date, str] = field(default_factory=dict)


def _days(start: date, end: date) -> Iterator[date]:
    """Every calendar day from start to end, both included."""
    for offset in range((end - start).days + 1):
        yield start + timedelta(days=offset)


@functools.cache
def _holiday_class(country: str) -> type[HolidayBase] | None:
    """The `holidays` class of a country; None when the library does not know the code.

    The caller validates codes, so an unknown one here gets Saturday-Sunday and no holidays rather than
    stopping a whole plan.
    """
    import holidays

    try:
        return type(holidays.country_holidays(country))
    except NotImplementedError:
        return None


@functools.cache
def _holidays_for(country: str, year: int) -> HolidayBase | None:
    """The country's public holidays of one year, in English where the library has English names.

    The language is passed explicitly because the default is the country's own language (French in Mali).
    """
    cls = _holiday_class(country)
    if cls is None:
        return None
    language = _ENGLISH if _ENGLISH in cls.supported_languages else None
    return cls(years=year, language=language)


def weekend_days(country: str) -> frozenset[int]:
    """The country's weekend as Python weekday numbers (Monday is 0): {4, 5} in EG, SA, JO; {5, 6} in most."""
    cls = _holiday_class(country)
    return _DEFAULT_WEEKEND if cls is None else frozenset(cls.weekend)


def public_holidays(country: str, start: date, end: date) -> dict[date, str]:
    """The country's public holidays from start to end (both included), by date, with English names."""
    found: dict[date, str] = {}
    for year in range(start.year, end.year + 1):
        calendar = _holidays_for(country, year)
        if calendar is not None:
            found.update((day, name) for day, name in calendar.items() if start <= day <= end)
    return dict(sorted(found.items()))


def _is_weekend(country: str, day: date) -> bool:
    """Whether the day is a weekend day there.

    Asked of the library day by day because weekends changed (the UAE moved to Saturday-Sunday in 2022) and
    some countries turn a weekend day into a working day to bridge a holiday.
    """
    calendar = _holidays_for(country, day.year)
    if calendar is None:
        return day.weekday() in _DEFAULT_WEEKEND
    return calendar.is_weekend(day) and day not in calendar.weekend_workdays


def ramadan_days(start: date, end: date) -> set[date]:
    """The days of Ramadan (Umm al-Qura) from start to end, both included.

    Umm al-Qura is the calendar `hijridate` tabulates (Saudi Arabia's); local observance can differ by a day or two.
    """
    from hijridate import Gregorian, Hijri

    try:
        first = Gregorian.fromdate(start).to_hijri().year
        last = Gregorian.fromdate(end).to_hijri().year
        spans = [
            (Hijri(year, 9, 1).to_gregorian(), Hijri(year, 10, 1).to_gregorian()) for year in range(first, last + 1)
        ]
    except OverflowError as exc:
        raise UsageError(f"Ramadan dates are known only from {_UMM_AL_QURA_RANGE} (got {start} to {end})") from exc
    days: set[date] = set()
    for begin, after in spans:
        first_day = date(begin.year, begin.month, begin.day)
        last_day = date(after.year, after.month, after.day) - timedelta(days=1)
        days.update(_days(max(first_day, start), min(last_day, end)))
    return days


def _check_range(start: date, end: date, what: str) -> None:
    """Reject a range that ends before it starts, naming it, instead of silently treating it as empty."""
    if end < start:
        raise UsageError(f"{what} ends ({end}) before it starts ({start})")


def _removal_reason(
    country: str,
    day: date,
    holiday_names: dict[date, str],
    blackouts: Sequence[tuple[date, date]],
    ramadan: set[date],
    *,
    ignore: AbstractSet[str] = frozenset(),
) -> str | None:
    """The first reason, in REASONS order and not in `ignore`, that the day is not a working day; else None."""
    if "weekend" not in ignore and _is_weekend(country, day):
        return "weekend"
    if "holiday" not in ignore and day in holiday_names:
        return "holiday"
    if "blackout" not in ignore and any(first <= day <= last for first, last in blackouts):
        return "blackout"
    if "ramadan" not in ignore and day in ramadan:
        return "ramadan"
    return None


def working_calendar(
    country: str,
    start: date,
    end: date,
    blackouts: Sequence[tuple[date, date]] = (),
    *,
    avoid_ramadan: bool = False,
    ignore: AbstractSet[str] = frozenset(),
) -> WorkingCalendar:
    """The working days of `country` from start to end, and how many days each reason removed.

    `ignore` names REASONS that remove no day: a test switches one calendar rule off this way to show that
    the plan then breaks it (see `scheduler.problem.PlanningProblem.disabled`); the planner passes none.
    """
    _check_range(start, end, "the calendar range")
    for first, last in blackouts:
        _check_range(first, last, "a blackout")
    names = public_holidays(country, start, end)
    ramadan = ramadan_days(start, end) if avoid_ramadan else set()
    removed = dict.fromkeys(REASONS, 0)
    working: list[date] = []
    for day in _days(start, end):
        reason = _removal_reason(country, day, names, blackouts, ramadan, ignore=ignore)
        if reason is None:
            working.append(day)
        else:
            removed[reason] += 1
    return WorkingCalendar(country, start, end, tuple(working), removed, names)


def valid_starts(calendar: WorkingCalendar, days: int, earliest: date, latest: date) -> list[date]:
    """Every first day of `days` consecutive calendar days that are all working days within [earliest, latest].

    `latest` is the last day the workshop may run, not the last day it may start.
    """
    if days < 1:
        raise UsageError(f"a workshop lasts at least 1 day (got {days})")
    starts: list[date] = []
    run = 0
    previous: date | None = None
    for day in calendar.working:
        if not earliest <= day <= latest:
            continue
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        previous = day
        if run >= days:
            starts.append(day - timedelta(days=days - 1))
    return starts


def _longest_run(working: Sequence[date]) -> int:
    """The length of the longest stretch of consecutive working days."""
    longest = run = 0
    previous: date | None = None
    for day in working:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        previous = day
        longest = max(longest, run)
    return longest


def _plural(count: int, word: str) -> str:
    """'1 day', '2 days'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _holiday_clause(calendar: WorkingCalendar) -> str:
    """'public holidays remove 2 days (Labor Day, Easter Monday)', the names once each, at most three."""
    names = list(dict.fromkeys(calendar.holiday_names.values()))
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"public holidays remove {_plural(calendar.removed['holiday'], 'day')} ({shown})"


def _removal_clauses(calendar: WorkingCalendar) -> list[str]:
    """One clause per reason that removed at least one day, in REASONS order."""
    removed = calendar.removed
    clauses = {
        "weekend": f"weekends remove {_plural(removed['weekend'], 'day')}",
        "holiday": _holiday_clause(calendar) if removed["holiday"] else "",
        "blackout": f"blackouts remove {_plural(removed['blackout'], 'day')}",
        "ramadan": f"Ramadan removes {_plural(removed['ramadan'], 'day')}",
    }
    return [clauses[reason] for reason in REASONS if removed[reason]]


def window_report(
    country: str,
    earliest: date,
    latest: date,
    days: int,
    blackouts: Sequence[tuple[date, date]] = (),
    *,
    avoid_ramadan: bool = False,
) -> str:
    """One sentence for a coordinator: how many starts a request's window allows or, when none, why not.

    When no start exists, each reason that removed days is named with its count, so the coordinator sees
    whether widening the window, moving a blackout or dropping `avoid: ramadan` would help.
    """
    place = country_name(country)
    span = f"{_plural(days, 'consecutive working day')} in {place} between {earliest} and {latest}"
    if latest < earliest:
        return f"no {span}: the window ends before it starts"
    calendar = working_calendar(country, earliest, latest, blackouts, avoid_ramadan=avoid_ramadan)
    starts = valid_starts(calendar, days, earliest, latest)
    if starts:
        return f"{_plural(len(starts), 'possible start')} for {span}, the first on {starts[0]}"
    length = (latest - earliest).days + 1
    clauses = [f"the window has only {_plural(length, 'day')}"] if length < days else []
    clauses += _removal_clauses(calendar)
    if calendar.working and length >= days:
        clauses.append(f"the longest run of working days left is {_plural(_longest_run(calendar.working), 'day')}")
    return f"no {span}: " + "; ".join(clauses)
