"""The cascade as the programme means it: people trained at a ToT who went on to run their own courses.

A follow-on course is recorded against the trainee's roster row of a delivered workshop whose programme
trains trainers (`trains_trainers` in the catalogue): no name is copied, so forgetting the person erases
their name here too while the course still counts. Courses come one at a time (`cascade add`) or from a
file (`cascade import`, read by tiptrain.register.cascade_file); either way every course is checked first
and every problem is reported at once, and nothing is written unless all are good.

The report's three cascade figures per country (SPEC 10) are computed here as well, so the report module
only adds them: `cascade_trainers` (ToT participants present enough days to be certified, by their
country), `cascade_courses` (follow-on courses held in the period, by the course's country) and
`cascade_reach` (the people those courses reached: the second generation), and `certified_trainers` (ToT
participants whose roster marks them certified after the guide's rubric: assessed, not merely present).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.errors import InvalidInput, Problem
from tiptrain.register.orm import CascadeCourseRow, ParticipantRow, WorkshopRow
from tiptrain.register.privacy import FORGOTTEN, parse_participant_id, participant_id, to_participant


@dataclass(frozen=True)
class CourseInput:
    """A follow-on course as typed or read, with where it came from (file and line) for error messages."""

    trainee: str
    workshop_id: str
    held_on: date
    country: str
    participants: int
    audience: str | None = None
    file: str = "cascade add"
    line: int | None = None


class CascadeCourse(BaseModel):
    """A recorded follow-on course; `trainee` is the roster name, "(forgotten)", or None when removed."""

    model_config = ConfigDict(frozen=True)

    id: int
    trainee: str | None
    participant_id: str | None
    tot_workshop_id: str
    held_on: date
    country: str
    participants: int
    audience: str | None
    source: str


def add_courses(
    session: Session, courses: Sequence[CourseInput], tot_programmes: Collection[str], now: datetime, source: str
) -> list[CascadeCourse]:
    """Record every course or none: InvalidInput lists the problems of all of them."""
    problems: list[Problem] = []
    rows: list[CascadeCourseRow] = []
    seen: set[tuple[int, date, str]] = set()
    for course in courses:
        trainee, found = _trainee(session, course, tot_programmes)
        problems += found
        if trainee is None:
            continue
        key = (trainee.id, course.held_on, course.country)
        if key in seen or _recorded(session, key):
            problems.append(
                _problem(
                    course,
                    "trainee",
                    "each course once (this trainee, date and country are recorded already)",
                    course.trainee,
                )
            )
            continue
        seen.add(key)
        rows.append(
            CascadeCourseRow(
                tot_workshop_id=course.workshop_id,
                participant_id=trainee.id,
                held_on=course.held_on,
                country=course.country,
                participants=course.participants,
                audience=course.audience,
                recorded_at=now,
                source=source,
            )
        )
    if problems:
        raise InvalidInput(problems)
    session.add_all(rows)
    session.flush()
    return [_record(session, row) for row in rows]


def list_courses(session: Session) -> list[CascadeCourse]:
    """Every recorded follow-on course, by date, then ToT workshop, then id."""
    query = select(CascadeCourseRow).order_by(
        CascadeCourseRow.held_on, CascadeCourseRow.tot_workshop_id, CascadeCourseRow.id
    )
    return [_record(session, row) for row in session.scalars(query)]


def cascade_figures(
    session: Session, first: date, last: date, tot_programmes: Collection[str], threshold: float
) -> dict[str, dict[str, int] | int]:
    """The report's cascade section: trainers certified, follow-on courses and their reach, per country."""
    tots = select(WorkshopRow.id).where(
        WorkshopRow.status == "delivered",
        WorkshopRow.programme.in_(tuple(tot_programmes)),
        WorkshopRow.start_day >= first,
        WorkshopRow.start_day <= last,
    )
    people = list(session.scalars(select(ParticipantRow).where(ParticipantRow.workshop_id.in_(tots))))
    trainers = Counter(row.country for row in people if to_participant(row).earns_certificate(threshold))
    courses = list(
        session.scalars(
            select(CascadeCourseRow).where(CascadeCourseRow.held_on >= first, CascadeCourseRow.held_on <= last)
        )
    )
    reach: Counter[str] = Counter()
    for course in courses:
        reach[course.country] += course.participants
    return {
        "cascade_trainers": dict(sorted(trainers.items())),
        "cascade_courses": dict(sorted(Counter(course.country for course in courses).items())),
        "cascade_reach": dict(sorted(reach.items())),
        "certified_trainers": sum(row.certified_trainer is True for row in people),
    }


def _trainee(
    session: Session, course: CourseInput, tot_programmes: Collection[str]
) -> tuple[ParticipantRow | None, list[Problem]]:
    """The roster row of the course's trainee at its ToT workshop, or the problems that prevent finding it."""
    workshop = session.get(WorkshopRow, course.workshop_id)
    if workshop is None:
        ids = list(session.scalars(select(WorkshopRow.id).where(WorkshopRow.programme.in_(tuple(tot_programmes)))))
        close = difflib.get_close_matches(course.workshop_id, ids, n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        return None, [_problem(course, "workshop", f"a workshop id of the register{hint}", course.workshop_id)]
    if workshop.programme not in tot_programmes:
        known = ", ".join(sorted(tot_programmes)) or "none in the catalogue"
        expected = f"a training of trainers (programmes marked trains_trainers: {known}), not {workshop.programme}"
        return None, [_problem(course, "workshop", expected, course.workshop_id)]
    if workshop.status != "delivered":
        expected = f"a delivered workshop with its roster ({course.workshop_id} is {workshop.status})"
        return None, [_problem(course, "workshop", expected, course.workshop_id)]
    problems = []
    if course.held_on <= workshop.end_day:
        expected = f"a date after the ToT's last day {workshop.end_day.isoformat()}"
        problems.append(_problem(course, "date", expected, course.held_on.isoformat()))
    row, found = _on_roster(session, course)
    return (row if not problems else None), problems + found


def _on_roster(session: Session, course: CourseInput) -> tuple[ParticipantRow | None, list[Problem]]:
    """The roster row named by `course.trainee` (a name, letter case and spacing aside, or an id P-17)."""
    query = select(ParticipantRow).where(ParticipantRow.workshop_id == course.workshop_id)
    roster = list(session.scalars(query))
    key = parse_participant_id(course.trainee)
    if key is not None:
        matches = [row for row in roster if row.id == key]
    else:
        wanted = _fold(course.trainee)
        matches = [row for row in roster if row.name != FORGOTTEN and _fold(row.name) == wanted]
    if len(matches) == 1:
        return matches[0], []
    if len(matches) > 1:
        ids = ", ".join(participant_id(row.id) for row in matches)
        return None, [_problem(course, "trainee", f"one person: several are called so ({ids}); give the id", None)]
    names = [row.name for row in roster if row.name != FORGOTTEN]
    close = difflib.get_close_matches(course.trainee, names, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see `tiptrain participants list ID --with-names`"
    expected = f"a person on the roster of {course.workshop_id} (a name or an id such as P-17){hint}"
    return None, [_problem(course, "trainee", expected, course.trainee)]


def _recorded(session: Session, key: tuple[int, date, str]) -> bool:
    person, held_on, country = key
    query = select(CascadeCourseRow.id).where(
        CascadeCourseRow.participant_id == person,
        CascadeCourseRow.held_on == held_on,
        CascadeCourseRow.country == country,
    )
    return session.scalar(query) is not None


def _record(session: Session, row: CascadeCourseRow) -> CascadeCourse:
    person = session.get(ParticipantRow, row.participant_id) if row.participant_id is not None else None
    return CascadeCourse(
        id=row.id,
        trainee=person.name if person is not None else None,
        participant_id=participant_id(person.id) if person is not None else None,
        tot_workshop_id=row.tot_workshop_id,
        held_on=row.held_on,
        country=row.country,
        participants=row.participants,
        audience=row.audience,
        source=row.source,
    )


def _problem(course: CourseInput, field: str, expected: str, value: str | None) -> Problem:
    shown = None if value is None else repr(value)
    return Problem(course.file, course.line, field, shown, expected)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
