"""The interface language: `?lang=` (remembered in a cookie), else the cookie, else the browser's, else English.

Labels come from exports/locales/*.json, the same files the documents use (keys `web.*` for the pages);
dates and numbers are formatted by babel for the language. Arabic pages are `dir="rtl"`.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal
from fastapi import Request

from exports.labels import is_rtl, label, locale

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
LANG_COOKIE = "tiptrain_lang"
NATIVE_NAMES = {"ar": "العربية", "en": "English", "es": "Español", "fr": "Français", "ru": "Русский", "zh": "中文"}
"""How each language names itself in the switcher."""


def chosen(request: Request) -> str | None:
    """The language asked for with `?lang=` on this request, when it is one of the six."""
    asked = request.query_params.get("lang")
    return asked if asked in LANGUAGES else None


def language(request: Request) -> str:
    """The language of this request's page."""
    asked = chosen(request) or request.cookies.get(LANG_COOKIE)
    if asked in LANGUAGES:
        return str(asked)
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def direction(lang: str) -> str:
    """The `dir` attribute of a page in `lang`."""
    return "rtl" if is_rtl(lang) else "ltr"


class Texts:
    """Labels, dates and numbers in one language: what templates call `t()`, `day()` and `number()`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, key: str, count: int | None = None, **values: object) -> str:
        """The label `key` (see exports.labels.label)."""
        return label(key, self.lang, count=count, **values)

    def day(self, value: date) -> str:
        """A date as the language writes it (babel, medium length)."""
        return format_date(value, format="medium", locale=locale(self.lang))

    def number(self, value: float) -> str:
        return format_decimal(value, locale=locale(self.lang))
