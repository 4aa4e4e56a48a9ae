"""The pre- and post-test: ten questions written by us from the key points of the units, chosen per programme.

Each question is tied to the units it tests. A programme gets the questions on its own units first, in bank
order, topped up with the others so there are always ten. The same ten are asked before and after the
workshop so the two scores can be compared. Texts live in the label files (`quiz.<id>.q`, `.o1` ...);
answers are here, for a trainer's answer key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

QUESTIONS_PER_TEST = 10


@dataclass(frozen=True)
class Question:
    """One question: multiple choice with three options, or true/false; `answer` is the 0-based right option."""

    id: str
    kind: Literal["choice", "true-false"]
    units: tuple[str, ...]
    answer: int
    options: int = 3


_T, _F = 0, 1  # true/false options are printed True, False

BANK: tuple[Question, ...] = (
    Question("q01", "true-false", ("FAK-1", "MAN-01", "LEG-1"), _F, 2),
    Question("q02", "choice", ("FAK-1", "MAN-01"), 1),
    Question("q03", "true-false", ("FAK-1", "MAN-01"), _F, 2),
    Question("q04", "choice", ("FAK-1", "MAN-01"), 2),
    Question("q05", "choice", ("FAK-2", "MAN-02", "MAN-04"), 0),
    Question("q06", "true-false", ("FAK-2", "MAN-02"), _F, 2),
    Question("q07", "choice", ("FAK-3", "MAN-10"), 1),
    Question("q08", "true-false", ("FAK-3", "MAN-08"), _T, 2),
    Question("q09", "choice", ("FAK-4", "MAN-07"), 2),
    Question("q10", "true-false", ("FAK-5", "MAN-11", "MAN-12"), _F, 2),
    Question("q11", "true-false", ("MAN-03", "MAN-08"), _F, 2),
    Question("q12", "choice", ("MAN-05", "MAN-12"), 0),
    Question("q13", "choice", ("MAN-06",), 1),
    Question("q14", "choice", ("MAN-08", "MAN-09"), 2),
    Question("q15", "true-false", ("MAN-09",), _T, 2),
    Question("q16", "true-false", ("MAN-11", "MAN-12"), _F, 2),
    Question("q17", "true-false", ("MAN-13",), _T, 2),
    Question("q18", "choice", ("LEG-1",), 1),
    Question("q19", "true-false", ("LEG-1",), _T, 2),
    Question("q20", "choice", ("LEG-2",), 0),
    Question("q21", "true-false", ("LEG-3",), _F, 2),
    Question("q22", "choice", ("TOT-1",), 1),
    Question("q23", "true-false", ("TOT-2",), _T, 2),
    Question("q24", "true-false", ("MAN-04",), _T, 2),
)


def choose_questions(units: Sequence[str], count: int = QUESTIONS_PER_TEST) -> list[Question]:
    """`count` questions: those on the given units first (bank order), then the rest of the bank."""
    taught = set(units)
    on_topic = [q for q in BANK if taught.intersection(q.units)]
    others = [q for q in BANK if not taught.intersection(q.units)]
    return (on_topic + others)[:count]
