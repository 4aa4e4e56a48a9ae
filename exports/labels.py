"""Every label of every document, keyed by an id, in the six UN languages: `label(key, lang)`.

The texts live in `exports/locales/<lang>.json`, one flat file per language, so a translator adds a
language by adding one file; the tests hold all six (ar, en, es, fr, ru, zh) to English's keys. English is
what any missing key or language falls back to, key by key: a language whose file is partial (or a draft,
like Portuguese) prints its own words where it has them and English elsewhere, and `missing_keys` says
where. Keys starting with `_` are notes about the file, not labels: `"_translation": "draft"` marks a
translation nobody has reviewed yet (`is_draft`). A value is either a string with `{name}` placeholders, or,
for texts that depend on a number, a map of CLDR plural categories (`zero one two few many other`) to
strings; `count=` picks the category with babel's plural rules for the language (Arabic uses all six,
Chinese only `other`).

Labels hold no markup and are stored in logical (reading) order, Arabic included: callers escape the
finished sentence (with user values formatted in) once, with `exports.text.markup`, or lay it out with
`exports.pdf.shaped`, or hand it to icalendar, which escapes on its own.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from curriculum.names import DEFAULT_LANGUAGE, babel_locale

RTL_LANGUAGES = frozenset({"ar"})
"""Languages written right to left: their pages are mirrored."""
META_PREFIX = "_"
"""Keys of a label file that describe the file (`_translation`), not labels."""


@functools.cache
def table(lang: str) -> dict[str, Any]:
    """The labels of one language as stored; empty when the language has no file yet."""
    if not lang.isalpha() or len(lang) > 3:
        return {}
    source = resources.files("exports").joinpath("locales", f"{lang}.json")
    if not source.is_file():
        return {}
    loaded: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return loaded


def languages() -> list[str]:
    """Languages that have a label file, in code order."""
    folder = resources.files("exports").joinpath("locales")
    return sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json"))


@functools.cache
def locale(lang: str) -> Locale:
    """The babel locale for a language code (English when the code is unknown to CLDR): curriculum.names'."""
    return babel_locale(lang)


def missing_keys(lang: str) -> list[str]:
    """English's label keys that `lang`'s file lacks (they print in English), sorted; all of them without a file."""
    own = table(lang)
    return sorted(key for key in table(DEFAULT_LANGUAGE) if key not in own and not key.startswith(META_PREFIX))


PACK_COVERAGE = 0.5
"""Share of English's labels a language needs for a whole pack in it to be worth printing unasked (the demo)."""


def coverage(lang: str) -> float:
    """Share of English's labels that `lang` has its own text for: 1.0 for English, 0.0 without a file."""
    english = [key for key in table(DEFAULT_LANGUAGE) if not key.startswith(META_PREFIX)]
    return 1 - len(missing_keys(lang)) / len(english)


def is_draft(lang: str) -> bool:
    """Whether `lang`'s label file says it is a draft translation (`"_translation": "draft"`)."""
    return table(lang).get("_translation") == "draft"


def has_label(key: str, lang: str) -> bool:
    """Whether `lang` has its own text for `key` (rather than falling back to English)."""
    return key in table(lang)


def label(key: str, lang: str, /, count: int | None = None, **values: object) -> str:
    """The text of `key` in `lang` (English when missing), with plural form for `count` and values filled in.

    Raises KeyError for a key that English lacks: that is a programming error, caught by the tests.
    """
    raw = _raw(key, lang, None if count is None else plural_category(lang, count))
    if count is not None:
        values.setdefault("count", _count(count, lang))
    return raw.format_map(values) if values else raw


@functools.lru_cache(maxsize=8192)
def _raw(key: str, lang: str, category: str | None) -> str:
    """The stored text for a key, language and plural category, English standing in for what is missing."""
    raw = table(lang).get(key)
    if raw is None:
        lang, raw = DEFAULT_LANGUAGE, table(DEFAULT_LANGUAGE)[key]
    if isinstance(raw, dict):
        raw = raw.get(category or "other") or raw["other"]
    return str(raw)


@functools.lru_cache(maxsize=4096)
def _count(count: int, lang: str) -> str:
    return format_decimal(count, locale=locale(lang))


@functools.lru_cache(maxsize=4096)
def plural_category(lang: str, count: int) -> str:
    """CLDR plural category of `count` in `lang`: 'one', 'few', 'other' ..."""
    return str(locale(lang).plural_form(count))


def is_rtl(lang: str) -> bool:
    """Whether the language runs right to left (Arabic)."""
    return lang in RTL_LANGUAGES
