"""Storing a workshop's answer sheets, and reading the answers back for scores and reports.

Runs inside the caller's transaction. An import replaces every answer of the workshop at once (a corrected
sheet is the whole truth, as a corrected roster is) and says so in the workshop's history, with how many
rows it brought and how many answers it replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from curriculum.errors import UsageError
from tiptrain.register.answers import AnswerSheet
from tiptrain.register.learning import Answer, Score, participant_scores
from tiptrain.register.orm import AnswerRow, ParticipantRow, StatusChangeRow, WorkshopRow
from tiptrain.register.privacy import participant_id


@dataclass(frozen=True)
class Recorded:
    """What an import did: rows per test, questions, answers replaced, and each participant's scores."""

    workshop_id: str
    pre: int
    post: int
    questions: int
    replaced: int
    """Answers of an earlier import that this one replaced (0 for the first)."""
    roster_totals: int
    """Participants whose roster gave pre_test/post_test totals: the workshop's sheets replace them in reports."""
    scores: list[tuple[str, Score]]
    """(participant id P-17, scores), in roster order."""


def record_answers(session: Session, row: WorkshopRow, sheet: AnswerSheet, now: datetime) -> Recorded:
    """Replace the workshop's answers with the sheet's, scored against the test's answer key."""
    check_scorable(row.id, row.status)
    people = {person.id: person for person in _roster(session, row.id)}
    gone = sorted({line.participant for line in sheet.rows} - set(people))
    if gone:
        listed = ", ".join(participant_id(key) for key in gone)
        raise UsageError(f"the roster of {row.id} changed while the sheet was read ({listed} left it): run again")
    keys = select(ParticipantRow.id).where(ParticipantRow.workshop_id == row.id)
    replaced = session.scalar(select(func.count()).where(AnswerRow.participant_id.in_(keys))) or 0
    session.execute(delete(AnswerRow).where(AnswerRow.participant_id.in_(keys)))
    answers = _answers(row.id, sheet)
    session.add_all(
        AnswerRow(
            participant_id=a.participant,
            test=a.test,
            question=a.question,
            unit=a.unit,
            correct=a.correct,
            choice=choice,
        )
        for a, choice in answers
    )
    counts = {test: sum(line.test == test for line in sheet.rows) for test in ("pre", "post")}
    scores = {score.participant: score for score in participant_scores(a for a, _ in answers)}
    done = Recorded(
        workshop_id=row.id,
        pre=counts["pre"],
        post=counts["post"],
        questions=len(sheet.questions),
        replaced=replaced,
        roster_totals=sum(person.pre_test is not None or person.post_test is not None for person in people.values()),
        scores=[(participant_id(key), scores[key]) for key in people if key in scores],
    )
    _history(session, row, done, now)
    return done


def check_scorable(workshop_id: str, status: str) -> None:
    """Refuse answer sheets for a workshop without a roster (not delivered), saying what to do first."""
    if status != "delivered":
        raise UsageError(
            f"{workshop_id} is {status}: answer sheets belong to a delivered workshop; record its roster first "
            f"with `tiptrain workshops deliver {workshop_id} --roster FILE`"
        )


def _roster(session: Session, workshop_id: str) -> list[ParticipantRow]:
    query = select(ParticipantRow).where(ParticipantRow.workshop_id == workshop_id).order_by(ParticipantRow.position)
    return list(session.scalars(query))


def _answers(workshop_id: str, sheet: AnswerSheet) -> list[tuple[Answer, str | None]]:
    """Every answer of the sheet, scored: blank is wrong."""
    key = {question.id: question for question in sheet.questions}
    return [
        (
            Answer(
                workshop_id,
                line.participant,
                line.test,
                question,
                key[question].unit_id(),
                choice == key[question].answer,
            ),
            choice,
        )
        for line in sheet.rows
        for question, choice in line.choices.items()
    ]


def _history(session: Session, row: WorkshopRow, done: Recorded, now: datetime) -> None:
    what = "replaced" if done.replaced else "recorded"
    reason = f"answer sheets {what}: {done.pre} pre-test and {done.post} post-test rows, {done.questions} questions" + (
        f" ({done.replaced} earlier answers replaced)" if done.replaced else ""
    )
    session.add(
        StatusChangeRow(
            workshop=row, at=now, old_status=row.status, new_status=row.status, reason=reason, sequence=row.sequence
        )
    )


def read_answers(session: Session, workshop_ids: Sequence[str]) -> list[Answer]:
    """The stored answers of these workshops' participants, by participant, test and question."""
    query = (
        select(ParticipantRow.workshop_id, AnswerRow)
        .join(ParticipantRow, ParticipantRow.id == AnswerRow.participant_id)
        .where(ParticipantRow.workshop_id.in_(workshop_ids))
        .order_by(AnswerRow.participant_id, AnswerRow.test, AnswerRow.question)
    )
    return [
        Answer(workshop, row.participant_id, row.test, row.question, row.unit, row.correct)
        for workshop, row in session.execute(query)
    ]
