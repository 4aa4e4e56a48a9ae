"""A programme's pre- and post-test, drawn from the question banks of the units it teaches (SPEC 10).

The same questions are asked before and after a workshop, so the two scores measure what was learned. The
draw is balanced and deterministic: the units take turns in teaching order, each giving its next question
in bank order, until the test is full or the banks run out. No question of a unit the programme does not
teach can enter its test.
"""

from __future__ import annotations

from curriculum.models import Catalogue, Question

QUESTIONS_PER_TEST = 12
"""Questions in a test: enough to cover each unit of a one-day programme several times, short enough to sit
in the twenty minutes a day shape gives the test. A programme with more units gets one question per unit, so
that every unit it teaches is tested."""


def programme_test(catalogue: Catalogue, programme_id: str, size: int | None = None) -> list[Question]:
    """The programme's test: up to `size` questions, the units taking turns in teaching order.

    `size` defaults to QUESTIONS_PER_TEST, or one question per unit for a programme with more units.
    """
    programme = catalogue.programme(programme_id)
    if size is None:
        size = max(QUESTIONS_PER_TEST, len(programme.units))
    banks = [list(catalogue.unit(unit_id).questions) for unit_id in programme.units]
    chosen: list[Question] = []
    depth = 0
    while len(chosen) < size and any(depth < len(bank) for bank in banks):
        chosen += [bank[depth] for bank in banks if depth < len(bank)][: size - len(chosen)]
        depth += 1
    return chosen


def answer_key(questions: list[Question]) -> list[tuple[str, str, str]]:
    """(question id, unit id, right letter) for each question, in test order: the trainer's key."""
    return [(question.id, question.unit_id(), question.answer) for question in questions]
