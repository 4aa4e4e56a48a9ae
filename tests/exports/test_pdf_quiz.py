"""The pack's pre- and post-test: the programme's own questions, in the pack's language, with answer sheets
whose lines are what the answer-sheet import takes (SPEC 10)."""

from __future__ import annotations

import re

import pytest
from exportkit import (
    bundled_catalogue,
    make_agenda,
    make_workshop,
    needs_pdftotext,
    pdf_pages,
    pdf_text,
    pdftotext,
    reading_text,
    sample_document,
    tiny_catalogue,
)
from test_arabic_pdf import in_order

from curriculum.models import Catalogue, Question
from curriculum.questions import programme_test
from exports.labels import label
from exports.pdf import participant_pack
from exports.pdf.answer_key import answer_key_pdf
from exports.pdf.quiz import printed

QUESTION_ID = re.compile(r"Q-[A-Z0-9-]+-\d+")


def _pack(catalogue: Catalogue, programme: str, lang: str = "en", questions: list[Question] | None = None) -> bytes:
    workshop = make_workshop(programme=programme, days=catalogue.programme(programme).days)
    return participant_pack(
        workshop,
        make_agenda(catalogue, workshop, "Africa/Bamako", lang),
        catalogue,
        lang=lang,
        organiser="x",
        questions=programme_test(catalogue, programme) if questions is None else questions,
        invariant=True,
    )


def _english_only(unit: str) -> Question:
    return Question.model_validate(
        {
            "id": f"Q-{unit}-1",
            "text": {"en": "Which sign calls for a closer look?"},
            "choices": {letter: {"en": f"Sign {letter}"} for letter in "abcd"},
            "answer": "c",
        }
    )


def _printed_ids(data: bytes) -> list[str]:
    """Question ids in the order the question pages print them (before the first answer sheet)."""
    text = pdf_text(data)
    questions = text[text.index(label("test.instructions", "en", pre=20, post=20)[:20]) :]
    return QUESTION_ID.findall(questions[: questions.index(label("test.sheet", "en"))])


@pytest.fixture(scope="module")
def legislation(catalogue: Catalogue) -> bytes:
    return _pack(catalogue, "legislation-2d")


def test_pack_prints_the_programmes_test_in_order(catalogue: Catalogue, legislation: bytes) -> None:
    assert _printed_ids(legislation) == [q.id for q in programme_test(catalogue, "legislation-2d")]


def test_packs_of_two_programmes_print_different_questions(catalogue: Catalogue, legislation: bytes) -> None:
    first = _pack(catalogue, "first-responders-1d")
    texts = (pdf_text(first), pdf_text(legislation))

    assert ("Q-FAK-1-1" in texts[0], "Q-FAK-1-1" in texts[1]) == (True, False)
    assert ("Q-LEG-1-1" in texts[0], "Q-LEG-1-1" in texts[1]) == (False, True)
    assert set(_printed_ids(first)).isdisjoint(_printed_ids(legislation))


def test_pack_answer_sheets_have_participant_test_tick_and_a_row_per_question(
    catalogue: Catalogue, legislation: bytes
) -> None:
    sheets = [page for page in pdf_pages(legislation) if page.count(label("test.sheet", "en")) and "Q-LEG-1-1" in page]
    ids = [q.id for q in programme_test(catalogue, "legislation-2d")]

    assert len(sheets) == 2
    for sheet in sheets:
        assert label("test.participant", "en") in sheet
        assert (label("test.pre", "en") in sheet, label("test.post", "en") in sheet) == (True, True)
        assert QUESTION_ID.findall(sheet) == ids


def test_pack_prints_each_question_with_its_four_choices(catalogue: Catalogue, legislation: bytes) -> None:
    text = " ".join(pdf_text(legislation).split())
    question = programme_test(catalogue, "legislation-2d")[0]

    assert f"1. {question.text['en']} {question.id}" in text
    assert all(f"{letter}) {question.choices[letter]['en']}" in text for letter in "abcd")  # type: ignore[index]


def test_pack_prints_an_untranslated_question_in_english_and_marks_it() -> None:
    tiny = tiny_catalogue()
    data = _pack(tiny, "demo-2d", "fr", [_english_only("T-1")])
    text = " ".join(pdf_text(data).split()).replace("\u00a0", " ")
    tail = text[text.index(label("test.title", "fr")) :]

    assert "1. Which sign calls for a closer look? Q-T-1-1" in tail
    assert label("fallback.english", "fr").replace("\u00a0", " ") in tail


def test_printed_question_is_wholly_english_when_one_choice_lacks_the_language() -> None:
    question = _english_only("T-1").model_dump()
    question["text"]["fr"] = "Quel signe appelle un examen plus attentif ?"
    for letter in "abc":
        question["choices"][letter]["fr"] = f"Signe {letter}"

    [shown] = printed([Question.model_validate(question)], "fr")

    assert (shown.text, shown.choices[0], shown.english) == (
        "Which sign calls for a closer look?",
        ("a", "Sign a"),
        True,
    )


def test_pack_without_questions_says_the_units_have_none() -> None:
    tiny = tiny_catalogue()

    text = " ".join(pdf_text(_pack(tiny, "demo-2d", questions=[])).split())

    assert label("test.none", "en") in text
    assert label("test.sheet", "en") not in text


def _reads_back(question: str, lang: str, text: str) -> bool:
    """Whether poppler's text holds the question: word by word in Arabic, ignoring spaces in Chinese."""
    if lang == "ar":
        return in_order(text, question)
    if lang == "zh":
        return re.sub(r"\s", "", reading_text(question)) in re.sub(r"\s", "", reading_text(text))
    return reading_text(question) in reading_text(text)


@needs_pdftotext
@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_pdftotext_reads_a_translated_question_of_the_pack_back(lang: str) -> None:
    data, _ = sample_document("pack", lang)
    first = programme_test(bundled_catalogue(), "first-responders-1d")[0]
    question = first.text[lang]  # type: ignore[index]

    assert _reads_back(question, lang, pdftotext(data))


@needs_pdftotext
@pytest.mark.parametrize("lang", ["fr", "ar", "zh"])
def test_pdftotext_reads_a_translated_question_and_choice_of_the_answer_key_back(lang: str) -> None:
    catalogue = bundled_catalogue()
    test = programme_test(catalogue, "first-responders-1d")
    workshop = make_workshop(programme="first-responders-1d", days=1)
    data = answer_key_pdf(workshop, test, catalogue.units, lang=lang, title="x", invariant=True)
    text = pdftotext(data)

    assert _reads_back(test[0].text[lang], lang, text)  # type: ignore[index]
    assert _reads_back(test[0].choices[test[0].answer][lang], lang, text)  # type: ignore[index]
