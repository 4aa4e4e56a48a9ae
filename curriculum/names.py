"""Country and language names from CLDR (babel): the one place every message and document takes them from.

Messages of the planner (scheduler) and printed documents (exports) used to look names up separately, in
American and British English, so a plan said 'St. Lucia' where the pack said 'St Lucia'. They now all call
these functions, which sit in the bottom layer so every package may import them. `lang` is a language code
of tiptrain's documents ('en', 'fr', 'zh'); `BABEL_LOCALES` says which CLDR locale writes each one.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

DEFAULT_LANGUAGE = "en"
BABEL_LOCALES = {"en": "en_GB", "zh": "zh_Hans", "pt": "pt_PT"}
"""CLDR locale used for a language: British English matches the programme's spelling (organisation, programme),
European Portuguese the draft labels' (planeado, equipa)."""


@functools.cache
def babel_locale(lang: str) -> Locale:
    """The babel locale for a language code (English when the code is unknown to CLDR)."""
    from babel import Locale

    try:
        return Locale.parse(BABEL_LOCALES.get(lang, lang))
    except (ValueError, LookupError):
        return Locale.parse(BABEL_LOCALES[DEFAULT_LANGUAGE])


@functools.lru_cache(maxsize=1024)
def country_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The country's name in the language ('Mali', 'Мали'); the code itself when CLDR does not know it."""
    name = babel_locale(lang).territories.get(code.upper()) if code.isalpha() and len(code) == 2 else None
    return str(name) if name else code


@functools.lru_cache(maxsize=256)
def language_name(code: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A language's name in the language of the text: 'French', 'français'; the code when CLDR lacks it."""
    name = babel_locale(lang).languages.get(code)
    return str(name) if name else code
