"""Provenance on every document: working titles and draft translations marked, the pack's sources named."""

from __future__ import annotations

import re

import pytest
from exportkit import (
    bundled_catalogue,
    make_agenda,
    make_participant,
    make_workshop,
    needs_pdftotext,
    pdf_pages,
    pdf_text,
    pdftotext,
    reading_text,
)

from curriculum.models import Catalogue, Unit
from exports.labels import label
from exports.pdf import certificates, participant_pack
from exports.provenance import DRAFT_TRANSLATION, WORKING_TITLE, mark_keys, marked_title

KIT = "First Aid Kit for use by Law Enforcement Responders in addressing Human Trafficking"
MANUAL = "Anti-Human Trafficking Manual for Criminal Justice Practitioners"
ORGANISER = "Global training initiative"


_CJK_BREAK = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])\n|\n(?=[\u2e80-\u9fff\uff00-\uffef])")
"""A line break next to a Chinese character or full-width punctuation: Chinese wraps with no space to lose."""


def _flat(text: str) -> str:
    """Text as one line: a wrapped Chinese line joins its next one directly, any other break is a space."""
    return " ".join(_CJK_BREAK.sub("", text).replace("\u00a0", " ").split())


def _pack(catalogue: Catalogue, lang: str, programme: str = "first-responders-1d", days: int = 1) -> bytes:
    workshop = make_workshop(programme=programme, days=days)
    agenda = make_agenda(catalogue, workshop, "Africa/Bamako", lang)
    return participant_pack(workshop, agenda, catalogue, lang=lang, organiser=ORGANISER, invariant=True)


def _with(unit: Unit, **changes: str) -> Catalogue:
    """The bundled catalogue with one unit changed."""
    catalogue = bundled_catalogue()
    units = {**catalogue.units, unit.id: unit.model_copy(update=changes)}
    return catalogue.model_copy(update={"units": units})


@pytest.mark.parametrize(
    ("title_status", "translation", "lang", "expected"),
    [
        ("working", "draft", "en", (WORKING_TITLE,)),
        ("working", "draft", "ru", (WORKING_TITLE, DRAFT_TRANSLATION)),
        ("published", "draft", "fr", (DRAFT_TRANSLATION,)),
        ("published", "reviewed", "fr", ()),
        ("published", "draft", "en", ()),
    ],
)
def test_mark_keys_by_title_status_translation_and_language(
    title_status: str, translation: str, lang: str, expected: tuple[str, ...]
) -> None:
    unit = (
        bundled_catalogue().unit("MAN-01").model_copy(update={"title_status": title_status, "translation": translation})
    )
    assert mark_keys(unit, lang) == expected


def test_mark_keys_no_draft_mark_on_english_standing_in() -> None:
    unit = bundled_catalogue().unit("MAN-01")
    english_only = unit.model_copy(update={"title": {"en": unit.title["en"]}, "title_status": "published"})
    assert mark_keys(english_only, "fr") == ()


def test_marked_title_appends_marks_in_the_language() -> None:
    unit = bundled_catalogue().unit("FAK-2")
    assert marked_title("Indicateurs", unit, "fr") == "Indicateurs (titre provisoire) (traduction provisoire)"


@pytest.fixture(scope="module")
def english_pack() -> bytes:
    return _pack(bundled_catalogue(), "en")


def test_pack_cover_names_both_source_publications(english_pack: bytes) -> None:
    cover = _flat(pdf_pages(english_pack)[0])
    assert (KIT in cover, MANUAL in cover) == (True, True)


def test_pack_cover_says_prepared_by_the_programme_not_issued_by_unodc(english_pack: bytes) -> None:
    cover = _flat(pdf_pages(english_pack)[0])
    assert _flat(label("pack.provenance.issuer", "en", organiser=ORGANISER)) in cover
    assert "is not issued as a UNODC text" in cover


@pytest.mark.parametrize("lang", ["es", "fr", "ru", "zh"])
def test_pack_cover_provenance_in_the_pack_language(lang: str) -> None:
    cover = _flat(pdf_pages(_pack(bundled_catalogue(), lang))[0])
    expected = [label(key, lang, organiser=ORGANISER) for key in ("pack.provenance.sources", "pack.provenance.issuer")]
    assert [text for text in map(_flat, expected) if text not in cover] == []


@needs_pdftotext
def test_pack_cover_provenance_in_arabic() -> None:
    cover = reading_text(pdftotext(_pack(bundled_catalogue(), "ar"), page=1))
    assert reading_text(label("pack.provenance.title", "ar")) in cover


def test_pack_agenda_and_evaluation_mark_working_titles(english_pack: bytes) -> None:
    text = _flat(pdf_text(english_pack))
    marked = "FAK-2 · Indicators for first responders (working title)"
    assert text.count(marked) >= 2  # the agenda and the evaluation grid; the handout marks it under its heading


def test_pack_handout_marks_working_title_under_its_heading(english_pack: bytes) -> None:
    objectives = label("handout.objectives", "en")
    handout = next(page for page in pdf_pages(english_pack) if "FAK-2 · Indicators" in page and objectives in page)
    assert _flat(handout).split(objectives)[0].count("(working title)") == 1


def test_pack_in_russian_marks_draft_translations_and_english_does_not(english_pack: bytes) -> None:
    russian = _flat(pdf_text(_pack(bundled_catalogue(), "ru")))
    english = _flat(pdf_text(english_pack))
    mark = label("mark.draft_translation", "ru")
    assert (russian.count(mark) > 3, english.count("(draft translation)")) == (True, 1)  # 1: the cover explains it


def test_pack_published_reviewed_unit_carries_no_mark() -> None:
    unit = bundled_catalogue().unit("FAK-2")
    catalogue = _with(unit, title_status="published", translation="reviewed")
    text = _flat(pdf_text(_pack(catalogue, "fr")))
    title = unit.title["fr"]
    assert (f"{title} (titre provisoire)" in text, f"FAK-2 · {title}" in text) == (False, True)


def test_certificates_list_units_with_their_marks() -> None:
    catalogue = bundled_catalogue()
    units = [catalogue.unit(u) for u in catalogue.programme("first-responders-1d").units]
    data = certificates(make_workshop(days=1), [make_participant("Awa", [True])], units, lang="en", invariant=True)
    assert "FAK-1 · Recognising human trafficking (working title)" in _flat(pdf_text(data))
