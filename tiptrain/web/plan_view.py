"""What the plan page shows, as pure functions: filters from the query, a month's calendar, left-out requests.

The route (tiptrain/web/routes/plan.py) reads the register and the user; these functions only choose and
arrange, so each rule is tested on its own: the filters a link carries, the weeks of a month with the
workshops on their days, and which left-out requests (and which words of their reasons) a user may see.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from babel.dates import format_date, format_time

from curriculum.errors import UsageError
from exports.labels import locale
from scheduler.models import Workshop
from scheduler.statuses import WORKSHOP_STATUSES
from tiptrain.plan_runs import LeftOut
from tiptrain.register.accounts import User

HIDDEN_WORKSHOP = "another workshop"
HIDDEN_TRAINER = "a trainer"
"""What replaces, in a left-out request's reason, a workshop out of the user's reach and (for viewers) a trainer."""


@dataclass(frozen=True)
class Filters:
    """The table's filters, as the query string of a link carries them (empty: everything)."""

    status: str = ""
    country: str = ""
    programme: str = ""
    month: tuple[int, int] | None = None

    @property
    def month_text(self) -> str:
        return f"{self.month[0]:04d}-{self.month[1]:02d}" if self.month else ""

    def query(self, **changed: object) -> str:
        """The query string of this view with some filters changed (month as a (year, month) pair or None)."""
        chosen = replace(self, **changed)  # type: ignore[arg-type]
        pairs = [
            ("status", chosen.status),
            ("country", chosen.country),
            ("programme", chosen.programme),
            ("month", chosen.month_text),
        ]
        return urlencode([(name, value) for name, value in pairs if value])

    def keeps(self, workshop: Workshop) -> bool:
        """Whether `workshop` passes every filter (the month: one of its days falls in it)."""
        if self.status and workshop.status != self.status:
            return False
        if self.country and workshop.country != self.country:
            return False
        if self.programme and workshop.programme != self.programme:
            return False
        return self.month is None or any((d.year, d.month) == self.month for d in workshop.days)


def parse_filters(query: Mapping[str, str]) -> Filters:
    """The filters of a query string; UsageError naming the parameter when one is not understood."""
    status = query.get("status", "").strip()
    if status and status not in WORKSHOP_STATUSES:
        raise UsageError(f"status {status!r}: expected one of {', '.join(WORKSHOP_STATUSES)}")
    country = query.get("country", "").strip().upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise UsageError(f"country {country!r}: expected a two-letter code such as ML")
    programme = query.get("programme", "").strip()
    if len(programme) > 64:
        raise UsageError("programme: expected a programme id of at most 64 characters")
    return Filters(status, country, programme, parse_month(query.get("month", "")))


def parse_month(text: str) -> tuple[int, int] | None:
    """`YYYY-MM` as (year, month); None when empty; UsageError otherwise."""
    text = text.strip()
    if not text:
        return None
    found = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise UsageError(f"month {text!r}: expected YYYY-MM, e.g. 2027-03")
    return int(found.group(1)), int(found.group(2))


def shifted(month: tuple[int, int], by: int) -> tuple[int, int]:
    """The month `by` months after (or before) `month`."""
    index = month[0] * 12 + month[1] - 1 + by
    return index // 12, index % 12 + 1


def shown_month(filters: Filters, first: date, last: date, today: date) -> tuple[int, int]:
    """The calendar's month: the filter's, else this month when the period holds today, else the period's first."""
    if filters.month is not None:
        return filters.month
    if first <= today <= last:
        return today.year, today.month
    return first.year, first.month


@dataclass(frozen=True)
class Cell:
    """One day of the calendar (None outside the month) and the workshops held that day."""

    day: date | None
    workshops: tuple[Workshop, ...] = ()


def month_weeks(month: tuple[int, int], workshops: Iterable[Workshop]) -> list[list[Cell]]:
    """The weeks of `month`, Monday first, each day with the workshops that have it among their days."""
    by_day: dict[date, list[Workshop]] = {}
    for workshop in workshops:
        for held in workshop.days:
            by_day.setdefault(held, []).append(workshop)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(*month)
    return [[Cell(d, tuple(by_day.get(d, ()))) if d.month == month[1] else Cell(None) for d in week] for week in weeks]


def visible_left_out(
    left: Sequence[LeftOut], user: User, out_of_reach: Iterable[str], trainers: Iterable[str]
) -> list[LeftOut]:
    """The left-out requests `user` may see, with what their reasons name beyond the user's reach hidden.

    Coordinators and viewers see every request, offices those asked for in their countries, trainers none.
    A reason names workshops and trainers: workshops out of the user's reach are hidden, and so are
    trainers from viewers, who see no personal data.
    """
    if user.role == "trainer":
        return []
    shown = [item for item in left if user.role != "office" or item.country in user.countries]
    hidden = dict.fromkeys(out_of_reach, HIDDEN_WORKSHOP)
    if not user.sees_personal_data:
        hidden.update(dict.fromkeys(trainers, HIDDEN_TRAINER))
    return [replace(item, reason=redact(item.reason, hidden)) for item in shown]


def redact(text: str, hidden: Mapping[str, str]) -> str:
    """`text` with each whole id in `hidden` replaced by its word (ids are letters, digits, '-', '_', '.')."""
    if not hidden:
        return text
    names = "|".join(re.escape(name) for name in sorted(hidden, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.-])({names})(?![\w-])")
    return pattern.sub(lambda found: hidden[found.group(1)], text)


def moment(value: datetime, lang: str) -> str:
    """A time stamp (a run's start) as the language writes date, time and zone: '1 Dec 2026 20:14 UTC'."""
    chosen = locale(lang)
    when = format_time(value, "HH:mm z", tzinfo=UTC, locale=chosen)
    return f"{format_date(value, format='medium', locale=chosen)} {when}"
