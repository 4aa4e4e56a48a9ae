"""Days written YYYY-MM-DD, and what is said about anything else."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from curriculum.dates import DAY_EXPECTED, day_expected, parse_day, parse_span


@given(st.dates(min_value=date(1, 1, 1)))
def test_parse_day_reads_every_iso_day(day: date) -> None:
    assert parse_day(day.isoformat()) == day


@given(st.text(max_size=12))
def test_parse_day_anything_else_says_what_was_expected(text: str) -> None:
    try:
        parse_day(text)
    except ValueError as error:
        assert str(error) == DAY_EXPECTED or str(error).startswith("an existing day (")


@pytest.mark.parametrize(
    "text", ["2027/02/03", "3 Feb 2027", "03.02.2027", "2027-2-3", "20270203", "", "2027-02-03T10:00"]
)
def test_parse_day_other_formats_say_yyyy_mm_dd(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_day(text)

    assert str(caught.value) == "a date written YYYY-MM-DD, such as 2027-02-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-02-29", "an existing day (February 2027 has no day 29: it has 28 days)"),
        ("2028-02-30", "an existing day (February 2028 has no day 30: it has 29 days)"),
        ("2027-04-31", "an existing day (April 2027 has no day 31: it has 30 days)"),
        ("2027-13-01", "an existing day (there is no month 13: months run from 01 to 12)"),
        ("2027-00-10", "an existing day (there is no month 00: months run from 01 to 12)"),
        ("0000-01-01", "an existing day (there is no year 0000: years run from 0001)"),
    ],
)
def test_parse_day_well_written_day_that_does_not_exist_says_so(text: str, expected: str) -> None:
    assert day_expected(text) == expected


def test_parse_span_range_and_single_day() -> None:
    assert (parse_span("2027-03-01..2027-03-14"), parse_span(" 2027-03-01 ")) == (
        (date(2027, 3, 1), date(2027, 3, 14)),
        (date(2027, 3, 1), date(2027, 3, 1)),
    )


def test_day_expected_of_a_number_says_how_days_are_written() -> None:
    assert day_expected(20270203) == DAY_EXPECTED
