"""Dates, numbers, country and language names written the way each language writes them (babel / CLDR).

Country and language names come from `curriculum.names`, the one place messages and documents share.

Results are cached: a calendar of 10,000 workshops asks for the same few hundred dates again and again.
"""

from __future__ import annotations

import functools
from datetime import date, time

from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import format_decimal, format_percent

from curriculum.names import country_name, language_name
from exports.labels import label, locale

__all__ = [
    "clock",
    "country_name",
    "date_range",
    "full_date",
    "language_name",
    "long_date",
    "month_name",
    "number",
    "percent",
    "quick_range",
    "short_date",
]
"""`country_name` and `language_name` are curriculum.names' own, re-exported for the documents' imports."""


@functools.lru_cache(maxsize=8192)
def long_date(day: date, lang: str) -> str:
    """'2 February 2026', '2 février 2026', '2 февраля 2026 г.'."""
    return format_date(day, "long", locale=locale(lang))


@functools.lru_cache(maxsize=4096)
def full_date(day: date, lang: str) -> str:
    """With the weekday: 'Monday, 2 February 2026'."""
    return format_date(day, "full", locale=locale(lang))


@functools.lru_cache(maxsize=4096)
def short_date(day: date, lang: str) -> str:
    """Compact, for tables: '02/02/2026' in British English, '02.02.2026' in Russian."""
    return format_date(day, "short", locale=locale(lang))


@functools.lru_cache(maxsize=4096)
def date_range(first: date, last: date, lang: str) -> str:
    """A span of days as the language writes it: '2–6 Feb 2026', '27 févr. – 3 mars 2026'; one day alone."""
    if first == last:
        return long_date(first, lang)
    return format_interval(first, last, "yMMMd", locale=locale(lang))


def quick_range(first: date, last: date, lang: str) -> str:
    """Like `date_range` but built from cached single dates: fast for thousands of distinct spans."""
    if first == last:
        return long_date(first, lang)
    return label("dates.range", lang, first=long_date(first, lang), last=long_date(last, lang))


@functools.lru_cache(maxsize=512)
def month_name(year: int, month: int, lang: str, short: bool = False) -> str:
    """'February 2026' (or 'Feb 2026' when short), for chart axes and report tables."""
    return format_skeleton("yMMM" if short else "yMMMM", date(year, month, 1), locale=locale(lang))


def clock(moment: time, lang: str) -> str:
    """A clock time, 24-hour in every language we print: '09:30'."""
    del lang  # every UN language reads 24-hour times in a printed agenda
    return f"{moment.hour:02d}:{moment.minute:02d}"


def number(value: float, lang: str) -> str:
    """'12,345' / '12 345' / '12.345'."""
    return format_decimal(value, locale=locale(lang))


def percent(value: float, lang: str) -> str:
    """A share 0-1 as a whole percentage: '85%', '85 %'."""
    return format_percent(value, format="#,##0%", locale=locale(lang))

