"""Labels: one file per language, English complete, placeholders and plural forms consistent."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from exports.labels import is_draft, is_rtl, label, languages, missing_keys, plural_category, table

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = {"zero", "one", "two", "few", "many", "other"}
SIX = ("ar", "en", "es", "fr", "ru", "zh")
"""The six UN languages: every label must exist in each of them."""
TRANSLATIONS = [lang for lang in SIX if lang != "en"]
EXTRA = ("pt", "uk")
"""Languages beyond the six with a label file: Portuguese (draft, complete when shipped), Ukrainian (partial)."""


def _fields(value: object) -> set[str]:
    texts = value.values() if isinstance(value, dict) else [value]
    return {field for text in texts for _, field, _, _ in string.Formatter().parse(str(text)) if field}


def test_languages_are_the_six_un_languages_and_every_label_file() -> None:
    assert tuple(languages()) == tuple(sorted(SIX + EXTRA))


@pytest.mark.parametrize("lang", EXTRA)
def test_extra_language_has_no_key_english_lacks_and_its_placeholders(lang: str) -> None:
    english = table("en")
    own = {key: value for key, value in table(lang).items() if not key.startswith("_")}
    wrong = {key: _fields(value) - _fields(english[key]) for key, value in own.items() if key in english}
    assert (sorted(set(own) - set(english)), {k: v for k, v in wrong.items() if v}) == ([], {})


@pytest.mark.parametrize("lang", EXTRA)
def test_extra_language_is_marked_draft(lang: str) -> None:
    assert is_draft(lang) is True


def test_partial_language_falls_back_to_english_key_by_key() -> None:
    assert (label("pack.kicker", "uk"), label("signin.title", "uk")) == ("Матеріали учасника", "Attendance sheet")


def test_missing_keys_of_a_partial_language_are_english_keys_it_lacks() -> None:
    assert ("signin.title" in missing_keys("uk"), "pack.kicker" in missing_keys("uk"), missing_keys("en")) == (
        True,
        False,
        [],
    )


def test_portuguese_labels_are_written_in_portuguese() -> None:
    assert label("certificate.title", "pt") == "Certificado de participação"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translation_has_every_english_key_and_no_other(lang: str) -> None:
    missing = sorted(set(table("en")) - set(table(lang)))
    extra = sorted(set(table(lang)) - set(table("en")))
    assert (missing, extra) == ([], [])


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_plural_labels_stay_plural_and_plain_ones_plain(lang: str) -> None:
    english = table("en")
    assert {k for k, v in table(lang).items() if isinstance(v, dict)} == {
        k for k, v in english.items() if isinstance(v, dict)
    }


@pytest.mark.parametrize(("lang", "script"), [("ar", "\u0600-\u06ff"), ("zh", "\u4e00-\u9fff")])
def test_arabic_and_chinese_labels_are_written_in_their_script(lang: str, script: str) -> None:
    """Every label with words in it has letters of the language (not English left in by mistake)."""
    letters = re.compile(f"[{script}]")
    texts = {
        f"{key}.{form}" if form else key: text
        for key, value in table(lang).items()
        for form, text in (value.items() if isinstance(value, dict) else [("", value)])
    }
    english_left = {
        key: text
        for key, text in texts.items()
        if re.search(r"[A-Za-z]{2}", re.sub(r"\{[a-z_]+\}", "", text)) or not letters.search(text)
    }
    structural = {k: v for k, v in english_left.items() if not re.sub(r"\{[a-z_]+\}|[\s\W]", "", v)}
    assert {k: v for k, v in english_left.items() if k not in structural} == {}


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translation_uses_only_the_placeholders_english_offers(lang: str) -> None:
    english = table("en")
    wrong = {key: _fields(value) - _fields(english[key]) for key, value in table(lang).items()}
    assert {key: extra for key, extra in wrong.items() if extra} == {}


@pytest.mark.parametrize("lang", SIX)
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
        ("ar", 0, "0 حلقة عمل"),
        ("ar", 1, "حلقة عمل واحدة"),
        ("ar", 2, "حلقتي عمل"),
        ("ar", 3, "3 حلقات عمل"),
        ("ar", 11, "11 حلقة عمل"),
        ("ar", 100, "100 حلقة عمل"),
        ("ar", 1234, "1,234 حلقة عمل"),
        ("zh", 1, "1期讲习班"),
        ("zh", 23, "23期讲习班"),
    ],
)
def test_label_count_picks_the_plural_form_and_formats_the_number(lang: str, count: int, expected: str) -> None:
    assert label("report.n.workshops", lang, count=count) == expected


def test_label_unknown_key_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        label("no.such.key", "en")


def test_plural_category_russian_few() -> None:
    assert plural_category("ru", 2) == "few"


@pytest.mark.parametrize(
    ("count", "category"), [(0, "zero"), (1, "one"), (2, "two"), (7, "few"), (103, "few"), (11, "many"), (100, "other")]
)
def test_arabic_has_all_six_plural_categories(count: int, category: str) -> None:
    assert plural_category("ar", count) == category


@pytest.mark.parametrize("lang", ["ar", "zh"])
def test_every_arabic_plural_category_or_chinese_other_is_written(lang: str) -> None:
    wanted = CATEGORIES if lang == "ar" else {"other"}
    assert {key: set(v) for key, v in table(lang).items() if isinstance(v, dict) and set(v) != wanted} == {}


def test_arabic_is_right_to_left_and_english_is_not() -> None:
    assert (is_rtl("ar"), is_rtl("en")) == (True, False)


def test_every_literal_label_used_in_the_code_exists_in_english() -> None:
    english = table("en")
    used: set[str] = set()
    for source in (ROOT / "exports").rglob("*.py"):
        used |= set(re.findall(r'label\(\s*"([a-z0-9_.\-]+)"', source.read_text(encoding="utf-8")))
    assert used
    assert sorted(used - set(english)) == []
