"""Days as tiptrain reads them everywhere (data files, settings, options): ISO 8601, written YYYY-MM-DD.

One parser and one wording, so that `2027/02/03` in a request file, `--from 3.2.2027` on the command line and
`start = "3 Feb 2027"` in tiptrain.toml all say the same thing: how a day is written. A day that is written
right but does not exist (`2027-02-30`) says so, with the length of that month, instead of a parser's words.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

DAY_FORMAT = "YYYY-MM-DD"
DAY_EXPECTED = f"a date written {DAY_FORMAT}, such as 2027-02-03"
"""What a problem or an option error says is expected of a day."""

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTHS = tuple(calendar.month_name)  # English names: the C locale tiptrain runs in never changes them


def parse_day(text: str) -> date:
    """The day `text` names in the YYYY-MM-DD form (spaces around it ignored).

    Raises ValueError whose message is what was expected: `DAY_EXPECTED`, or why a well-written day does not
    exist (see `not_a_day`).
    """
    found = _ISO_DAY.fullmatch(text.strip())
    if found is None:
        raise ValueError(DAY_EXPECTED)
    year, month, day = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(not_a_day(year, month, day)) from None


def parse_span(text: str) -> tuple[date, date]:
    """The first and last day of `FROM..TO` (or of a single day), in the order written.

    Raises ValueError saying what was expected, as `parse_day` does, so that `--trainer-away ID:FROM..TO` and a
    spreadsheet's `unavailable` cell word a bad day the same way.
    """
    first, separator, last = text.partition("..")
    return parse_day(first), parse_day(last if separator else first)


def not_a_day(year: int, month: int, day: int) -> str:
    """What is expected instead of a YYYY-MM-DD day that does not exist: 2027-02-30, 2027-13-01."""
    if year < 1:
        return f"an existing day (there is no year {year:04d}: years run from 0001)"
    if not 1 <= month <= 12:
        return f"an existing day (there is no month {month:02d}: months run from 01 to 12)"
    length = calendar.monthrange(year, month)[1]
    return f"an existing day ({_MONTHS[month]} {year} has no day {day:02d}: it has {length} days)"


def day_expected(value: object) -> str:
    """What to say about `value` where a day was expected.

    Why it is not a day when it is written YYYY-MM-DD, else how a day is written.
    """
    if isinstance(value, str):
        try:
            parse_day(value)
        except ValueError as error:
            return str(error)
    return DAY_EXPECTED
