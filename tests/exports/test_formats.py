"""Dates, numbers and country names in each language (babel)."""

from __future__ import annotations

from datetime import date

import pytest

from exports.formats import country_name, date_range, full_date, language_name, long_date, month_name, number, percent


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "2 February 2026"),
        ("fr", "2 février 2026"),
        ("es", "2 de febrero de 2026"),
        ("ru", "2 февраля 2026\u202fг."),
        ("ar", "2 فبراير 2026"),
        ("zh", "2026年2月2日"),
    ],
)
def test_long_date_in_each_language(lang: str, expected: str) -> None:
    assert long_date(date(2026, 2, 2), lang) == expected


def test_date_range_one_day_is_that_day() -> None:
    assert date_range(date(2026, 2, 2), date(2026, 2, 2), "en") == "2 February 2026"


def test_date_range_within_a_month_names_the_month_once() -> None:
    assert date_range(date(2026, 2, 2), date(2026, 2, 6), "fr") == "2–6 févr. 2026"


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("ML", "en", "Mali"),
        ("ML", "ru", "Мали"),
        ("CI", "fr", "Côte d’Ivoire"),
        ("QQ", "en", "QQ"),
        ("EG", "ar", "مصر"),
        ("EG", "zh", "埃及"),
        ("ML", "es", "Mali"),
    ],
)
def test_country_name_in_language_or_code(code: str, lang: str, expected: str) -> None:
    assert country_name(code, lang) == expected


def test_language_name_in_language() -> None:
    assert (language_name("fr", "en"), language_name("fr", "fr")) == ("French", "français")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "12,345"), ("es", "12.345"), ("ar", "12,345"), ("zh", "12,345"), ("ru", "12\u00a0345")],
)
def test_number_grouping(lang: str, expected: str) -> None:
    assert number(12345, lang) == expected


def test_percent_rounds_to_whole() -> None:
    assert percent(0.853, "en") == "85%"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ar", "الاثنين، 2 فبراير 2026"), ("zh", "2026年2月2日星期一"), ("fr", "lundi 2 février 2026")],
)
def test_full_date_has_the_weekday(lang: str, expected: str) -> None:
    assert full_date(date(2026, 2, 2), lang) == expected


def test_arabic_uses_the_digits_cldr_gives_for_ar_everywhere() -> None:
    """CLDR's `ar` writes Latin digits (numbering system latn): dates, numbers and percentages agree."""
    texts = [long_date(date(2026, 2, 2), "ar"), number(1234.5, "ar"), percent(0.85, "ar"), month_name(2026, 4, "ar")]
    assert texts == ["2 فبراير 2026", "1,234.5", "85%", "أبريل 2026"]
    assert not any("\u0660" <= char <= "\u0669" for text in texts for char in text)


def test_chinese_date_range_and_language_names() -> None:
    assert date_range(date(2026, 2, 2), date(2026, 2, 6), "zh").replace("\u2009", " ") == "2026年2月2日 – 6日"
    assert (language_name("ar", "zh"), language_name("zh", "ar")) == ("阿拉伯语", "الصينية")
