"""What participants learned, from their answer sheets: scores, gain per unit, programme and question.

Pure functions over the answers the register holds (one per participant, test and question, scored at
import). Definitions:

- A participant's score in a test is the share of its questions answered right (blank counts wrong).
- Learning figures count only participants who sat both tests (paired), so that a gain is never the
  difference between two different groups; `participants` says how many stand behind each figure.
- Per unit and per question, pre and post are the shares of right answers among the paired participants'
  answers to that unit's (question's) items; per programme, the mean of the paired participants' scores.
- Question analysis flags an item for revision when at least MIN_FLAG_PARTICIPANTS paired participants
  answered it and either most knew it before training (pre >= EASY_BEFORE: it measures nothing the
  workshop taught) or it discriminates poorly on the post-test. Discrimination is the classical upper-lower
  index: the participants who answered the question, ranked by their post-test score (share right of their
  own whole test, the question included), the share right in the top 27 % minus that in the bottom 27 %.
  It is chosen over the point-biserial correlation because trainers can check it by hand on a printed
  list, and it stays defined when everybody answers a question alike (the correlation then divides by
  zero), which is common after training in groups of 10 to 30. Below POOR_DISCRIMINATION it is flagged,
  unless the question is mastered after training (post >= MASTERED): an item everyone gets right cannot
  discriminate, yet it shows exactly what training aims for.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from exports.models import (
    EASY_BEFORE,
    MASTERED,
    MIN_FLAG_PARTICIPANTS,
    POOR_DISCRIMINATION,
    LearningFigure,
    Participant,
    ProgrammeLearning,
    QuestionFigure,
)

GROUP_SHARE = 0.27
"""The share of participants in each of the upper and lower groups of the discrimination index."""
WEAKEST_UNITS = 3
"""How many units with the lowest gain a report names (fewer when it measures fewer than six units)."""
PLACES = 4
"""Decimal places of shares and gains (0.3333): a hundredth of a percentage point."""


@dataclass(frozen=True)
class Answer:
    """One stored answer: whose (workshop, participant row key), which test and question, and if right."""

    workshop: str
    participant: int
    test: str
    question: str
    unit: str
    correct: bool


@dataclass(frozen=True)
class Score:
    """A participant's scores (share right, 0 to 1); None for a test without an answer sheet row."""

    participant: int
    pre: float | None
    post: float | None


def _share(answers: Iterable[Answer]) -> float:
    found = list(answers)
    return sum(answer.correct for answer in found) / len(found) if found else 0.0


def _by_participant(answers: Iterable[Answer]) -> dict[int, dict[str, list[Answer]]]:
    tests: dict[int, dict[str, list[Answer]]] = defaultdict(lambda: defaultdict(list))
    for answer in answers:
        tests[answer.participant][answer.test].append(answer)
    return tests


def participant_scores(answers: Iterable[Answer]) -> list[Score]:
    """Each participant's pre and post score, by row key."""
    tests = _by_participant(answers)
    return [Score(key, _rounded(tests[key]["pre"]), _rounded(tests[key]["post"])) for key in sorted(tests)]


def _rounded(answers: list[Answer]) -> float | None:
    return round(_share(answers), PLACES) if answers else None


def sheet_totals(answers: Iterable[Answer]) -> dict[int, tuple[float | None, float | None]]:
    """Row key -> (pre, post) in points out of 100, as the roster's pre_test/post_test columns hold them."""
    return {score.participant: (_points(score.pre), _points(score.post)) for score in participant_scores(answers)}


def _points(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 2)


def with_sheet_totals(person: Participant, totals: tuple[float | None, float | None] | None) -> Participant:
    """The roster row with its test totals from the answer sheets (None: keep the roster's): sheets win."""
    if totals is None:
        return person
    return person.model_copy(update={"pre_test": totals[0], "post_test": totals[1]})


def paired(answers: Iterable[Answer]) -> list[Answer]:
    """The answers of participants who sat both the pre- and the post-test."""
    tests = _by_participant(answers)
    both = [key for key in sorted(tests) if tests[key].get("pre") and tests[key].get("post")]
    return [answer for key in both for test in ("pre", "post") for answer in tests[key][test]]


def _figure(answers: Sequence[Answer]) -> LearningFigure:
    pre = _share(a for a in answers if a.test == "pre")
    post = _share(a for a in answers if a.test == "post")
    return _rounded_figure(len({a.participant for a in answers}), pre, post)


def _rounded_figure(people: int, pre: float, post: float) -> LearningFigure:
    """Shares to four places; the gain from the unrounded shares (1/3 to 2/3 gains 0.3333, not 0.3334)."""
    return LearningFigure(
        participants=people, pre=round(pre, PLACES), post=round(post, PLACES), gain=round(post - pre, PLACES)
    )


def unit_learning(answers: Iterable[Answer]) -> dict[str, LearningFigure]:
    """Unit id -> learning figure of the paired participants' answers to its questions, by unit id."""
    by_unit: dict[str, list[Answer]] = defaultdict(list)
    for answer in paired(answers):
        by_unit[answer.unit].append(answer)
    return {unit: _figure(found) for unit, found in sorted(by_unit.items())}


def weakest(figures: Mapping[str, LearningFigure]) -> list[str]:
    """The units with the lowest gain, lowest first (ties by id): three, or half of them when fewer than six."""
    count = max(1, min(WEAKEST_UNITS, len(figures) // 2))
    ordered = sorted(figures.items(), key=lambda item: (item[1].gain, item[0]))
    return [unit for unit, _ in ordered[:count]] if figures else []


def programme_learning(answers: Iterable[Answer], programmes: Mapping[str, str]) -> dict[str, ProgrammeLearning]:
    """Programme id -> mean pre and post score of its paired participants, and its weakest units.

    `programmes` maps each workshop id to its programme.
    """
    by_programme: dict[str, list[Answer]] = defaultdict(list)
    for answer in paired(answers):
        by_programme[programmes[answer.workshop]].append(answer)
    figures = {}
    for programme, found in sorted(by_programme.items()):
        tests = _by_participant(found)
        pre = sum(_share(tests[key]["pre"]) for key in tests) / len(tests)
        post = sum(_share(tests[key]["post"]) for key in tests) / len(tests)
        figure = _rounded_figure(len(tests), pre, post)
        figures[programme] = ProgrammeLearning(**figure.model_dump(), weakest_units=weakest(unit_learning(found)))
    return figures


def question_analysis(answers: Iterable[Answer]) -> dict[str, QuestionFigure]:
    """Question id -> shares right before and after, discrimination index and revision flags."""
    both = paired(answers)
    post_scores = {score.participant: score.post or 0.0 for score in participant_scores(both)}
    by_question: dict[str, list[Answer]] = defaultdict(list)
    for answer in both:
        by_question[answer.question].append(answer)
    figures = {}
    for question, found in sorted(by_question.items()):
        figure = _figure(found)
        post = {a.participant: a.correct for a in found if a.test == "post"}
        index = discrimination(post, post_scores) if figure.participants >= MIN_FLAG_PARTICIPANTS else None
        figures[question] = QuestionFigure(
            **figure.model_dump(), unit=found[0].unit, discrimination=index, flags=flags(figure, index)
        )
    return figures


def discrimination(right: Mapping[int, bool], scores: Mapping[int, float]) -> float:
    """Upper-lower index: share right among the top 27 % by post-test score minus that among the bottom 27 %.

    Groups hold round(27 % of the participants), at least one; ties in score are broken by row key, so
    the same register gives the same index.
    """
    ranked = sorted(right, key=lambda key: (-scores[key], key))
    size = max(1, math.floor(GROUP_SHARE * len(ranked) + 0.5))
    upper = sum(right[key] for key in ranked[:size]) / size
    lower = sum(right[key] for key in ranked[-size:]) / size
    return round(upper - lower, PLACES)


def flags(figure: LearningFigure, index: float | None) -> list[str]:
    """Why a question needs revision (none below MIN_FLAG_PARTICIPANTS paired participants)."""
    if figure.participants < MIN_FLAG_PARTICIPANTS:
        return []
    found = []
    if figure.pre >= EASY_BEFORE:
        found.append("easy-before")
    if index is not None and index < POOR_DISCRIMINATION and figure.post < MASTERED:
        found.append("discriminates-poorly")
    return found


def learning_fields(answers: Sequence[Answer], programmes: Mapping[str, str]) -> dict[str, object]:
    """The PeriodReport fields of SPEC 10's learning: per unit, per programme, weakest units, questions."""
    units = unit_learning(answers)
    return {
        "learning": units,
        "learning_programmes": programme_learning(answers, programmes),
        "weakest_units": weakest(units),
        "questions": question_analysis(answers),
    }
