"""The bundled question banks: every unit has its own questions, and every programme's test keeps to its units."""

from __future__ import annotations

from collections import Counter

import pytest

from curriculum.catalogue import load_catalogue
from curriculum.models import LANGUAGES, LETTERS, Catalogue, Question
from curriculum.questions import QUESTIONS_PER_TEST, programme_test

BUNDLED: Catalogue = load_catalogue([])
UNITS = sorted(BUNDLED.units)
PROGRAMMES = sorted(BUNDLED.programmes)


def _languages(question: Question) -> list[set[str]]:
    """The languages of the question's text and of each of its choices."""
    texts = [question.text, *(question.choices[letter] for letter in LETTERS)]
    return [{str(lang) for lang in text} for text in texts]


@pytest.mark.parametrize("unit_id", UNITS)
def test_bundled_unit_has_at_least_four_questions_numbered_from_one(unit_id: str) -> None:
    questions = BUNDLED.unit(unit_id).questions

    assert len(questions) >= 4
    assert [q.id for q in questions] == [f"Q-{unit_id}-{n}" for n in range(1, len(questions) + 1)]


@pytest.mark.parametrize("unit_id", UNITS)
def test_bundled_question_has_four_different_choices_and_one_answer(unit_id: str) -> None:
    for question in BUNDLED.unit(unit_id).questions:
        english = [question.choices[letter]["en"] for letter in LETTERS]
        assert len(set(english)) == len(LETTERS), question.id
        assert question.answer in LETTERS


@pytest.mark.parametrize("unit_id", UNITS)
def test_bundled_question_is_in_all_six_languages_or_english_only(unit_id: str) -> None:
    """A half-translated question would print a choice set mixing languages: all six or English alone."""
    for question in BUNDLED.unit(unit_id).questions:
        assert all(langs == set(LANGUAGES) for langs in _languages(question)) or all(
            langs == {"en"} for langs in _languages(question)
        ), question.id


def test_bundled_answers_are_spread_over_all_four_letters() -> None:
    """A test whose answers are mostly 'a' can be guessed; each letter is right for about a quarter."""
    answers = Counter(q.answer for unit in BUNDLED.units.values() for q in unit.questions)
    total = sum(answers.values())

    assert sorted(answers) == list(LETTERS)
    assert all(0.2 <= count / total <= 0.3 for count in answers.values()), answers


@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_bundled_programme_test_holds_only_questions_of_its_units(programme_id: str) -> None:
    programme = BUNDLED.programme(programme_id)

    test = programme_test(BUNDLED, programme_id)

    assert len(test) == max(QUESTIONS_PER_TEST, len(programme.units))
    assert {q.unit_id() for q in test} == set(programme.units)  # every unit taught is tested, no other
    assert len({q.id for q in test}) == len(test)


@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_bundled_programme_test_has_each_letter_right_about_a_quarter_of_the_time(programme_id: str) -> None:
    """Within one sitting, too: a test whose answers cluster on one letter rewards guessing (12 questions:
    each letter 2-4 times; 15: 2-5)."""
    test = programme_test(BUNDLED, programme_id)
    answers = Counter(q.answer for q in test)

    assert sorted(answers) == list(LETTERS)
    assert all(len(test) // 4 - 1 <= count <= -(-len(test) // 4) + 1 for count in answers.values()), answers


def test_bundled_programmes_with_different_units_get_different_tests() -> None:
    tests = {pid: tuple(q.id for q in programme_test(BUNDLED, pid)) for pid in PROGRAMMES}

    assert len(set(tests.values())) == len(PROGRAMMES)
