"""Professions as coordinators write them in a roster: an audience of the vocabulary, or its name.

A roster for a workshop in Dakar says "Policier", one in Lima "Policía", one in Tashkent "Сотрудник полиции".
Each is read as the audience whose label (singular or plural, `profession.*` and `professions.*` in
exports/locales/<lang>.json) it matches in any of the six languages, ignoring case, accents, hyphens and
apostrophes; the workshop's language wins when two languages use one word for different audiences.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from curriculum.models import AUDIENCES, LANGUAGES

OTHER_NAMES: dict[str, str] = {
    # Common words that are not the labels themselves: feminine forms, and the everyday word where the label
    # is a phrase ("Сотрудник полиции" is the label; rosters write "Полицейский" as often).
    "policière": "police",
    "procureure": "prosecutors",
    "inspectrice du travail": "labour-inspectors",
    "coordinatrice nationale": "coordinators",
    "jueza": "judges",
    "policía nacional": "police",
    "полицейский": "police",
    "полиция": "police",
}
"""Names of audiences that a roster may use beyond the labels, in the language they are written in."""

CODE_PAGES: dict[str, str] = {
    "ar": "cp1256",
    "en": "cp1252",
    "es": "cp1252",
    "fr": "cp1252",
    "ru": "cp1251",
    "zh": "gb18030",
}
"""The code page Excel saves a CSV in on a Windows computer set up for each language."""

_PUNCTUATION = re.compile(r"[-_'’.·\s]+")


def fold(text: str) -> str:
    """`text` for comparison: no accents or other combining marks, case folded, hyphens and apostrophes as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return _PUNCTUATION.sub(" ", bare.casefold()).strip()


@functools.cache
def _names(language: str) -> dict[str, str]:
    """Folded name -> audience, with the names in `language` taking precedence over the other languages."""
    from exports.labels import table

    names: dict[str, str] = {}
    for lang in sorted(LANGUAGES, key=lambda code: code == language):
        labels = table(lang)
        for audience in AUDIENCES:
            for key in (f"profession.{audience}", f"professions.{audience}"):
                if isinstance(labels.get(key), str):
                    names[fold(labels[key])] = audience
    names.update({fold(name): audience for name, audience in OTHER_NAMES.items()})
    names.update({fold(audience): audience for audience in AUDIENCES})
    return names


def audience_of(text: str, language: str) -> str | None:
    """The audience a roster's profession cell names, or None when it names none."""
    return _names(language).get(fold(text))


def names_in(language: str) -> list[str]:
    """The labels of the audiences in `language`, for a message telling what a profession cell may hold."""
    from exports.labels import label

    return [label(f"profession.{audience}", language) for audience in AUDIENCES]


def likely_code_pages(language: str) -> list[str]:
    """Legacy encodings to try for a workshop's CSV roster: its language's code page first, then the others."""
    first = CODE_PAGES.get(language, "cp1252")
    return [first, *sorted(set(CODE_PAGES.values()) - {first})]
