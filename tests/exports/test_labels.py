"""Labels: one file per language, English complete, placeholders and plural forms consistent."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from exports.labels import is_rtl, label, languages, plural_category, table

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = {"zero", "one", "two", "few", "many", "other"}


def _fields(value: object) -> set[str]:
    texts = value.values() if isinstance(value, dict) else [value]
    return {field for text in texts for _, field, _, _ in string.Formatter().parse(str(text)) if field}


def test_languages_have_english_french_spanish_russian() -> None:
    assert {"en", "fr", "es", "ru"} <= set(languages())


@pytest.mark.parametrize("lang", ["fr", "es", "ru"])
def test_translation_has_every_english_key_and_no_other(lang: str) -> None:
    assert set(table(lang)) == set(table("en"))


@pytest.mark.parametrize("lang", ["fr", "es", "ru"])
def test_translation_uses_only_the_placeholders_english_offers(lang: str) -> None:
    english = table("en")
    wrong = {key: _fields(value) - _fields(english[key]) for key, value in table(lang).items()}
    assert {key: extra for key, extra in wrong.items() if extra} == {}


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru"])
def test_plural_labels_name_only_cldr_categories_and_have_other(lang: str) -> None:
    plurals = {key: value for key, value in table(lang).items() if isinstance(value, dict)}
    assert plurals
    for key, forms in plurals.items():
        assert set(forms) <= CATEGORIES, key
        assert "other" in forms, key


def test_label_falls_back_to_english_for_a_language_without_a_file() -> None:
    assert label("signin.title", "xx") == "Attendance sheet"


def test_label_fills_values() -> None:
    assert label("page.of", "fr", page=3, pages=12) == "Page 3 sur 12"


@pytest.mark.parametrize(
    ("lang", "count", "expected"),
    [
        ("en", 1, "1 workshop"),
        ("en", 23, "23 workshops"),
        ("ru", 1, "1 семинар"),
        ("ru", 3, "3 семинара"),
        ("ru", 5, "5 семинаров"),
        ("ru", 21, "21 семинар"),
        ("fr", 0, "0 atelier"),
        ("es", 1234, "1.234 talleres"),
    ],
)
def test_label_count_picks_the_plural_form_and_formats_the_number(lang: str, count: int, expected: str) -> None:
    assert label("report.n.workshops", lang, count=count) == expected


def test_label_unknown_key_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        label("no.such.key", "en")


def test_plural_category_russian_few() -> None:
    assert plural_category("ru", 2) == "few"


def test_arabic_is_right_to_left_and_english_is_not() -> None:
    assert (is_rtl("ar"), is_rtl("en")) == (True, False)


def test_every_literal_label_used_in_the_code_exists_in_english() -> None:
    english = table("en")
    used: set[str] = set()
    for source in (ROOT / "exports").rglob("*.py"):
        used |= set(re.findall(r'label\(\s*"([a-z0-9_.\-]+)"', source.read_text(encoding="utf-8")))
    assert used
    assert sorted(used - set(english)) == []
