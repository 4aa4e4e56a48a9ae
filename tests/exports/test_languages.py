"""Every document in all six languages: no missing glyph, no replacement character, the language's own labels.

Each document type is rendered in each language from small fixtures while every string reportlab maps to
glyphs is recorded (`exportkit.drawn_text`): each character must be in the cmap of the font it is drawn
in, so nothing prints as a box. The catalogue's translated unit texts go into the packs, and all six
languages' labels and unit texts are also put through the font-run splitter directly.
"""

from __future__ import annotations

import io

import pytest
from exportkit import bundled_catalogue, missing_glyphs, pdf_text, sample_document

from curriculum.models import LANGUAGES
from exports.fonts import MISSING, font_chars, font_set
from exports.labels import label, table
from exports.shaping import has_rtl, shape

DOCUMENTS = ("pack", "signin", "certificates", "report")
TITLES = {
    "pack": "pack.kicker",
    "signin": "signin.title",
    "certificates": "certificate.title",
    "report": "report.title",
}


CASES = [pytest.param(kind, lang, id=f"{kind}-{lang}") for kind in DOCUMENTS for lang in LANGUAGES]


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_document_draws_every_character_in_a_font_that_has_it(kind: str, lang: str) -> None:
    data, drawn = sample_document(kind, lang)
    assert drawn
    assert missing_glyphs(list(drawn)) == []
    assert "\ufffd" not in pdf_text(data)


@pytest.mark.parametrize(("kind", "lang"), CASES)
def test_document_is_in_its_language(kind: str, lang: str) -> None:
    """The document's title label is drawn in the language (shaped, for Arabic)."""
    data, drawn = sample_document(kind, lang)
    title = label(TITLES[kind], lang)
    printed = "".join(text for _, text in drawn)
    wanted = shape(title)[::-1] if has_rtl(title) else title
    assert wanted in printed or title.upper() in printed
    from pypdf import PdfReader

    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == lang


def _texts(lang: str) -> list[str]:
    """Every label of a language (each plural form) and every unit text (questions too) of the catalogue in it."""
    texts: list[str] = []
    for value in table(lang).values():
        texts += list(value.values()) if isinstance(value, dict) else [value]
    for unit in bundled_catalogue().units.values():
        for field in (unit.title, unit.summary):
            texts += [field[lang]] if lang in field else []  # type: ignore[index, operator]
        for field in (unit.objectives, unit.key_points):
            texts += field.get(lang, [])  # type: ignore[attr-defined]
        texts += [a.description[lang] for a in unit.activities if lang in a.description]  # type: ignore[index, operator]
        for question in unit.questions:
            for text in (question.text, *question.choices.values()):
                texts += [text[lang]] if lang in text else []
    for programme in bundled_catalogue().programmes.values():
        texts += [programme.title[lang]] if lang in programme.title else []  # type: ignore[index, operator]
    return texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_and_unit_text_has_a_font_for_each_character(lang: str) -> None:
    """All of a language's texts, regular and bold, split into font runs whose fonts have every character."""
    fonts = font_set(lang)
    texts = _texts(lang)
    assert len(texts) > 300
    uncovered: set[tuple[str, str]] = set()
    for text in texts:
        for bold in (False, True):
            shaped = fonts.spaced(shape(text) if has_rtl(text) else text)
            for face, run in fonts.runs(shaped, bold):
                uncovered |= {(face, char) for char in run if ord(char) not in font_chars(face)}
                uncovered |= {(face, char) for char in run if char == MISSING and MISSING not in text}
    assert sorted(uncovered) == []
