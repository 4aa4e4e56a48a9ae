"""Dates, numbers and country names in each language (babel)."""

from __future__ import annotations

from datetime import date

import pytest

from exports.formats import country_name, date_range, language_name, long_date, number, percent


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "2 February 2026"), ("fr", "2 février 2026"), ("es", "2 de febrero de 2026")],
)
def test_long_date_in_each_language(lang: str, expected: str) -> None:
    assert long_date(date(2026, 2, 2), lang) == expected


def test_date_range_one_day_is_that_day() -> None:
    assert date_range(date(2026, 2, 2), date(2026, 2, 2), "en") == "2 February 2026"


def test_date_range_within_a_month_names_the_month_once() -> None:
    assert date_range(date(2026, 2, 2), date(2026, 2, 6), "fr") == "2–6 févr. 2026"


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [("ML", "en", "Mali"), ("ML", "ru", "Мали"), ("CI", "fr", "Côte d’Ivoire"), ("QQ", "en", "QQ")],
)
def test_country_name_in_language_or_code(code: str, lang: str, expected: str) -> None:
    assert country_name(code, lang) == expected


def test_language_name_in_language() -> None:
    assert (language_name("fr", "en"), language_name("fr", "fr")) == ("French", "français")


@pytest.mark.parametrize(("lang", "expected"), [("en", "12,345"), ("es", "12.345")])
def test_number_grouping(lang: str, expected: str) -> None:
    assert number(12345, lang) == expected


def test_percent_rounds_to_whole() -> None:
    assert percent(0.853, "en") == "85%"
