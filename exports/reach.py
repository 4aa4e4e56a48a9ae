"""Who a workshop reaches beyond its host and its language: the notes a pack and a certificate print.

A regional workshop brings participants from other countries (the request's `regional`); participants may
read a language the course catalogue does not have (the request's `participant_languages`), and a pack may
be printed in a language whose labels exist while the catalogue's unit texts do not (Portuguese). The pack
says all of this on its first page, in words a participant understands: in the pack's language and, when a
label file has the words, in each participant language too. Pure functions over labels; no reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel.lists import format_list

from curriculum.models import LANGUAGES
from exports.formats import country_name, language_name
from exports.labels import has_label, is_draft, label, locale, missing_keys

SECTIONS: dict[str, str] = {
    "pack": "pack.cover",
    "field": "pack.practical",
    "agenda": "pack.agenda",
    "session": "pack.agenda",
    "handout": "pack.handouts",
    "activity": "pack.handouts",
    "checklist": "checklist.title",
    "evaluation": "evaluation.title",
    "test": "test.title",
    "notes": "notes.title",
}
"""Label-key prefix -> the label naming the part of a pack those labels are printed in."""

NOTE_KEYS = ("pack.lang.fallback", "pack.lang.interpretation")
"""What a participant language's label file needs for the pack to speak to its readers in their language."""


@dataclass(frozen=True)
class Reach:
    """A workshop's other participating countries and participant languages, from its request.

    `countries` are alpha-2 codes besides the host; `languages` the participant languages other than the
    workshop's; `interpreted` the (workshop language, participant language) pairs interpreters bridge.
    """

    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    interpreted: tuple[tuple[str, str], ...] = ()


def text_language(lang: str, workshop_language: str) -> str:
    """The language unit texts are printed in: `lang` when the catalogue has it, else the workshop's."""
    return lang if lang in LANGUAGES else workshop_language


def countries_text(host: str, countries: Sequence[str], lang: str) -> str:
    """'Participating countries: Cabo Verde, Benin, Guinea and Togo': the host first, the others by name."""
    others = sorted({country_name(code, lang) for code in countries if code != host})
    names = [country_name(host, lang), *others]
    return label("pack.countries", lang, countries=format_list(names, locale=locale(lang)))


def pair_text(pair: tuple[str, str], lang: str) -> str:
    """'English–Ukrainian': an interpretation pair, the languages named in `lang`."""
    return "–".join(language_name(code, lang) for code in pair)


def language_notes(reach: Reach, lang: str, workshop_language: str) -> list[tuple[str, str]]:
    """The first page's notes on languages as (language the note is written in, text), in print order.

    1. the unit texts are in the workshop's language when the catalogue lacks `lang` (a Portuguese pack);
    2. for each participant language the catalogue lacks, the pack's texts are in `lang` and why, with the
       interpretation pair when there is one, in `lang` and again in that language when it has the words;
    3. that `lang`'s labels are a draft translation, and the parts printed in English because its label
       file is partial.
    """
    notes: list[tuple[str, str]] = []
    texts = text_language(lang, workshop_language)
    if texts != lang:
        for written in dict.fromkeys((lang, texts)):
            notes.append((written, _missing_text("pack.lang.units", written, texts, lang)))
    for code in reach.languages:
        if code in LANGUAGES or code == lang:
            continue
        pairs = [pair for pair in reach.interpreted if pair[1] == code]
        readers = [lang, code] if all(has_label(key, code) for key in NOTE_KEYS) else [lang]
        for written in readers:
            text = _missing_text("pack.lang.fallback", written, lang, code)
            for pair in pairs:
                text += " " + label("pack.lang.interpretation", written, pair=pair_text(pair, written))
            notes.append((written, text))
    if is_draft(lang):
        notes.append((lang, label("pack.lang.draft", lang, language=language_name(lang, lang))))
    parts = partial_parts(lang)
    if parts:
        names = format_list([label(key, lang) for key in parts], locale=locale(lang))
        notes.append((lang, label("pack.lang.partial", lang, missing=language_name(lang, lang), parts=names)))
    return notes


def _missing_text(key: str, written: str, present: str, missing: str) -> str:
    return label(key, written, language=language_name(present, written), missing=language_name(missing, written))


def partial_parts(lang: str) -> list[str]:
    """Label keys naming the parts of a pack whose labels `lang`'s file lacks (printed in English instead)."""
    if lang == "en":
        return []
    prefixes = {key.split(".")[0] for key in missing_keys(lang)}
    return list(dict.fromkeys(SECTIONS[prefix] for prefix in SECTIONS if prefix in prefixes))
