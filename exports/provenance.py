"""Provenance marks: which printed unit titles are working titles and which texts are draft translations.

The catalogue says per unit whether its title was seen in the UNODC publication (`title_status:
published`) or is our best knowledge (`working`), and whether its translations were reviewed
(`translation: reviewed`) or are drafts. Every document that prints a unit (pack, agenda, certificates)
asks this one module, so that no handout presents an unchecked title or an unreviewed translation as final.
Pure functions, no reportlab: the `tiptrain agenda` table uses them too.
"""

from __future__ import annotations

from curriculum.models import Unit
from exports.labels import label

WORKING_TITLE = "mark.working_title"
DRAFT_TRANSLATION = "mark.draft_translation"


def mark_keys(unit: Unit, lang: str) -> tuple[str, ...]:
    """Label keys of the marks a unit's title needs when printed in `lang`.

    A working title is marked in every language. A draft translation is marked only where the text is
    printed in that translation: English is the original, and English standing in for a missing
    translation already carries its own "(in English)" mark.
    """
    keys: list[str] = []
    if unit.title_status == "working":
        keys.append(WORKING_TITLE)
    if lang != "en" and unit.translation == "draft" and lang in unit.title:
        keys.append(DRAFT_TRANSLATION)
    return tuple(keys)


def marks(unit: Unit, lang: str) -> str:
    """The marks as printed after a title: '(working title) (draft translation)', or ''."""
    return " ".join(label(key, lang) for key in mark_keys(unit, lang))


def marked_title(title: str, unit: Unit, lang: str) -> str:
    """`title` followed by its marks, when it has any."""
    text = marks(unit, lang)
    return f"{title} {text}" if text else title
