"""Arabic documents read back: text in reading order after NFKC, letters joined, pages mirrored.

pdftotext (poppler) puts right-to-left lines back in reading order; pypdf reads a line in drawing order but
keeps each Arabic stretch in reading order. Both give presentation forms, which NFKC turns into letters.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata

import pytest
from exportkit import needs_pdftotext, pdf_pages, pdftotext, reading_text, sample_document

from exports.formats import country_name
from exports.labels import label

EGYPT = country_name("EG", "ar")


def words(text: str) -> list[str]:
    """The words of a text, punctuation and spacing aside: extractors place spaces around them freely, and
    may glue a Latin word to the Arabic one beside it, so a change of script also ends a word."""
    return re.findall(r"[\u0621-\u065f\u066e-\u06d3]+|[^\W\d_\u0600-\u06ff]+|\d+", reading_text(text))


def in_order(text: str, *phrases: str) -> bool:
    """Whether each phrase's words occur in `text`, one phrase after the other."""
    found = words(text)
    start = 0
    for phrase in phrases:
        wanted = words(phrase)
        at = next((i for i in range(start, len(found)) if found[i : i + len(wanted)] == wanted), None)
        if at is None:
            return False
        start = at + len(wanted)
    return True


def word_x(data: bytes, word: str, page: int = 1) -> float:
    """Where a word starts on a page (points from the left), from pdftotext's word boxes (drawn order)."""
    command = shutil.which("pdftotext")
    assert command is not None
    boxes = subprocess.run(
        [command, "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    for x, drawn in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', boxes):
        if unicodedata.normalize("NFKC", html.unescape(drawn)[::-1]) == word:
            return float(x)
    raise AssertionError(f"{word!r} is not on page {page}")


def test_country_name_comes_from_babel() -> None:
    assert EGYPT == "مصر"


def test_letters_are_joined_presentation_forms_in_the_pdf() -> None:
    _, drawn = sample_document("signin", "ar")
    printed = "".join(text for _, text in drawn)
    assert any("\ufe70" <= char <= "\ufeff" for char in printed)
    assert not re.search("[\u0621-\u064a]", printed), "unjoined Arabic letters were drawn"


@needs_pdftotext
@pytest.mark.parametrize(
    ("kind", "phrases"),
    [
        ("pack", [label("pack.kicker", "ar"), "الاستجابة الأولى للاتجار بالأشخاص", "Cairo", EGYPT]),
        ("signin", [label("signin.title", "ar"), "الاستجابة الأولى", EGYPT, "اليوم 1 من 1"]),
        ("certificates", [label("certificate.title", "ar"), label("certificate.certify", "ar"), "أحمد محمود", EGYPT]),
        ("report", [label("report.title", "ar"), label("report.summary", "ar"), label("report.figures", "ar"), EGYPT]),
    ],
)
def test_pdftotext_reads_arabic_labels_and_country_in_reading_order(kind: str, phrases: list[str]) -> None:
    data, _ = sample_document(kind, "ar")
    text = pdftotext(data)
    assert in_order(text, *phrases), reading_text(text)[:600]


@needs_pdftotext
def test_mixed_arabic_and_latin_code_on_one_line_reads_in_order() -> None:
    data, _ = sample_document("certificates", "ar")
    assert "رقم الشهادة W-eg-cairo-tot-001" in reading_text(pdftotext(data, 1))


@needs_pdftotext
def test_a_wrapped_arabic_paragraph_reads_in_order_across_its_lines() -> None:
    data, _ = sample_document("pack", "ar")
    intro = label("checklist.intro", "ar")
    assert in_order(pdftotext(data), intro)


@pytest.mark.parametrize(("kind", "title"), [("signin", "signin.title"), ("certificates", "certificate.title")])
def test_pypdf_reads_the_arabic_label_and_country(kind: str, title: str) -> None:
    data, _ = sample_document(kind, "ar")
    text = reading_text(pdf_pages(data)[0])
    assert label(title, "ar") in text
    assert EGYPT in text


@needs_pdftotext
def test_sign_in_table_reads_from_the_right() -> None:
    data, _ = sample_document("signin", "ar")
    columns = [word_x(data, label(f"signin.{c}", "ar")) for c in ("number", "name", "organisation", "profession")]
    assert columns == sorted(columns, reverse=True)


@needs_pdftotext
def test_agenda_time_column_is_on_the_right() -> None:
    data, _ = sample_document("pack", "ar")
    page = 1 + next(n for n, text in enumerate(pdf_pages(data)) if label("agenda.session", "ar") in reading_text(text))
    assert word_x(data, label("agenda.time", "ar"), page) > word_x(data, label("agenda.session", "ar"), page)


@needs_pdftotext
def test_page_number_moves_to_the_left_and_running_header_to_the_right() -> None:
    data, _ = sample_document("pack", "ar")
    title = label("pack.practical", "ar").split()[0]
    assert word_x(data, "الصفحة", 2) < 150
    assert word_x(data, title, 2) > 400
    assert word_x(data, "مصر", 2) < 150
    assert word_x(data, "الاستجابة", 2) > 400
