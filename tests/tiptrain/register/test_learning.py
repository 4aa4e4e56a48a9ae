"""Question analysis: the upper-lower discrimination index and the revision flags, on constructed answers."""

from __future__ import annotations

from exports.models import LearningFigure
from tiptrain.register.learning import (
    MIN_FLAG_PARTICIPANTS,
    Answer,
    discrimination,
    question_analysis,
    weakest,
)

FILLERS = 10


def answer(participant: int, test: str, question: str, correct: bool) -> Answer:
    return Answer("W-a", participant, test, question, question.rsplit("-", 1)[0].removeprefix("Q-"), correct)


def constructed(people: int) -> list[Answer]:
    """Participants 1..people; participant k gets FILLERS - k filler questions right on the post-test.

    Q-U-a-1 (good): right after training for k <= 5 only, the strong half.
    Q-U-a-2 (backwards): right after training for k > 5 only, the weak half.
    Q-U-a-3 (easy): right for everyone, before and after.
    Each participant has one of Q-U-a-1 and Q-U-a-2 right, so the post totals are 12 - k: strictly falling,
    no ties. Top 27 % of 10 = 3 people (k = 1, 2, 3), bottom 3 (k = 8, 9, 10): good 1 - 0 = 1,
    backwards 0 - 1 = -1, easy 1 - 1 = 0 (but mastered: post share 1).
    """
    found = []
    for k in range(1, people + 1):
        found += [
            answer(k, "post", "Q-U-a-1", k <= 5),
            answer(k, "post", "Q-U-a-2", k > 5),
            answer(k, "post", "Q-U-a-3", True),
            *(answer(k, "post", f"Q-U-f-{n}", n <= FILLERS - k) for n in range(1, FILLERS + 1)),
            answer(k, "pre", "Q-U-a-1", False),
            answer(k, "pre", "Q-U-a-2", False),
            answer(k, "pre", "Q-U-a-3", True),
            *(answer(k, "pre", f"Q-U-f-{n}", False) for n in range(1, FILLERS + 1)),
        ]
    return found


def test_discrimination_is_upper_share_minus_lower_share_of_27_percent_groups() -> None:
    scores = {k: (10 - k) / 10 for k in range(1, 11)}
    right = {1: True, 2: True, 3: False, 4: False, 5: True, 6: True, 7: False, 8: True, 9: False, 10: False}

    # groups of round(2.7) = 3: top 1, 2, 3 (2 right), bottom 8, 9, 10 (1 right): 2/3 - 1/3
    assert discrimination(right, scores) == 0.3333


def test_question_analysis_flags_the_backwards_and_the_easy_question_only() -> None:
    figures = question_analysis(constructed(10))

    found = {q: (figures[q].discrimination, figures[q].flags) for q in ("Q-U-a-1", "Q-U-a-2", "Q-U-a-3")}

    assert found == {
        "Q-U-a-1": (1.0, []),
        "Q-U-a-2": (-1.0, ["discriminates-poorly"]),
        "Q-U-a-3": (0.0, ["easy-before"]),
    }


def test_question_analysis_raises_no_flag_below_the_minimum_of_participants() -> None:
    figures = question_analysis(constructed(MIN_FLAG_PARTICIPANTS - 1))

    assert {(f.participants, f.discrimination, tuple(f.flags)) for f in figures.values()} == {(9, None, ())}


def test_weakest_units_are_the_lowest_gains_half_of_them_when_few() -> None:
    def figure(gain: float) -> LearningFigure:
        return LearningFigure(participants=3, pre=0.2, post=0.2 + gain, gain=gain)

    four = {"U-a": figure(0.3), "U-b": figure(0.1), "U-c": figure(0.1), "U-d": figure(0.5)}
    eight = {f"U-{n}": figure(n / 10) for n in range(8)}

    assert (weakest(four), weakest(eight), weakest({})) == (["U-b", "U-c"], ["U-0", "U-1", "U-2"], [])
