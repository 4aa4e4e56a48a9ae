"""Question banks and a programme's test: ids tied to their unit, balanced and deterministic draws."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from curriculum.models import Catalogue, Programme, Question, Unit
from curriculum.questions import answer_key, programme_test


def question(unit: str, number: int, answer: str = "a") -> Question:
    choices = {letter: {"en": f"choice {letter}"} for letter in "abcd"}
    return Question.model_validate(
        {
            "id": f"Q-{unit}-{number}",
            "text": {"en": f"question {number} of {unit}"},
            "choices": choices,
            "answer": answer,
        }
    )


def unit(unit_id: str, questions: int) -> Unit:
    return Unit.model_validate(
        {
            "id": unit_id,
            "source": "custom",
            "title": {"en": unit_id},
            "summary": {"en": "s"},
            "minutes": 60,
            "topics": ["t"],
            "audiences": ["police"],
            "objectives": {"en": ["a", "b", "c"]},
            "key_points": {"en": ["k"]},
            "activities": [{"kind": "lecture", "minutes": 60, "description": {"en": "d"}}],
            "questions": [question(unit_id, n) for n in range(1, questions + 1)],
        }
    )


def catalogue(*units: Unit, taught: tuple[str, ...]) -> Catalogue:
    programme = Programme.model_validate(
        {
            "id": "p",
            "title": {"en": "p"},
            "days": 1,
            "units": list(taught),
            "team": {"law-enforcement": 1},
            "audiences": ["police"],
            "participants": {"min": 5, "max": 30},
        }
    )
    return Catalogue(units={u.id: u for u in units}, programmes={"p": programme})


def test_programme_test_takes_turns_between_units_in_teaching_order() -> None:
    cat = catalogue(unit("U-a", 4), unit("U-b", 4), unit("U-c", 4), taught=("U-b", "U-a"))

    ids = [q.id for q in programme_test(cat, "p", size=5)]

    assert ids == ["Q-U-b-1", "Q-U-a-1", "Q-U-b-2", "Q-U-a-2", "Q-U-b-3"]


def test_programme_test_never_holds_a_question_of_a_unit_not_taught() -> None:
    cat = catalogue(unit("U-a", 1), unit("U-b", 9), taught=("U-a",))

    assert [q.id for q in programme_test(cat, "p", size=12)] == ["Q-U-a-1"]


def test_answer_key_names_question_unit_and_letter() -> None:
    cat = catalogue(unit("U-a", 2), taught=("U-a",))

    assert answer_key(programme_test(cat, "p")) == [("Q-U-a-1", "U-a", "a"), ("Q-U-a-2", "U-a", "a")]


@pytest.mark.parametrize("bad", ["Q-U-b-1", "X-U-a-1"])
def test_unit_refuses_a_question_id_of_another_shape_or_unit(bad: str) -> None:
    good = unit("U-a", 1).model_dump()
    good["questions"][0]["id"] = bad

    with pytest.raises(ValidationError):
        Unit.model_validate(good)


def test_question_needs_all_four_choices() -> None:
    data = question("U-a", 1).model_dump()
    del data["choices"]["d"]

    with pytest.raises(ValidationError):
        Question.model_validate(data)
