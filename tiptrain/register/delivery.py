"""Storing a workshop's roster: on delivery, or replacing a delivered workshop's roster with a corrected file.

Both run inside the caller's transaction, so the register holds the old roster or the new one, never a
mix. A replacement keeps the row (hence the id P-17 and the evaluations) of every person found again,
by the same name and organisation or the same e-mail address; the others are removed or added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.errors import InvalidInput, Problem
from exports.models import Participant
from tiptrain.date_warnings import early_roster
from tiptrain.register.lifecycle import check_deliverable, record_change
from tiptrain.register.orm import AttendanceRow, ParticipantRow, StatusChangeRow, WorkshopRow
from tiptrain.register.privacy import FORGOTTEN
from tiptrain.register.store import to_workshop


@dataclass(frozen=True)
class Replaced:
    """What a roster replacement did: the counts before and after, and the people kept with their ids."""

    workshop_id: str
    old: int
    new: int
    kept: int
    forgotten: int
    """People of the old roster whose personal data had been forgotten on request (they cannot be matched)."""


def deliver(session: Session, row: WorkshopRow, participants: list[Participant], now: datetime) -> None:
    """Record a confirmed workshop as delivered with its roster; a roster before its last day is noted."""
    check_deliverable(row.id, row.status)
    check_roster(row, participants)
    for position, person in enumerate(participants, start=1):
        session.add(participant_row(row.id, position, person))
    reason = f"roster of {len(participants)} rows"
    early = early_roster(to_workshop(row), now.date())
    record_change(session, row, "delivered", f"{reason}; {early}" if early else reason, now)


def replace(session: Session, row: WorkshopRow, participants: list[Participant], now: datetime) -> Replaced:
    """Replace a delivered workshop's roster whole, keeping the rows of the people found again."""
    if row.status != "delivered":
        check_deliverable(row.id, row.status)  # refuses planned and cancelled ones, naming what to do
        deliver(session, row, participants, now)
        return Replaced(row.id, 0, len(participants), 0, 0)
    check_roster(row, participants)
    query = select(ParticipantRow).where(ParticipantRow.workshop_id == row.id).order_by(ParticipantRow.position)
    old_rows = list(session.scalars(query))
    matched = _match(old_rows, participants)
    for position, person in enumerate(participants, start=1):
        kept = matched.get(position)
        if kept is None:
            session.add(participant_row(row.id, position, person))
        else:
            _update(kept, position, person)
    # new rows first: SQLite gives a new row the highest id plus one, so a removed person's id (P-17, which
    # certificates and erasure requests quote) is not handed to someone else by this replacement
    session.flush()
    for old in old_rows:
        if old.id not in {kept.id for kept in matched.values()}:
            session.delete(old)
    done = Replaced(
        row.id, len(old_rows), len(participants), len(matched), sum(old.name == FORGOTTEN for old in old_rows)
    )
    reason = f"roster replaced: {done.old} -> {done.new} rows ({done.kept} people kept with their ids)"
    early = early_roster(to_workshop(row), now.date())
    session.add(
        StatusChangeRow(
            workshop=row,
            at=now,
            old_status=row.status,
            new_status=row.status,
            reason=f"{reason}; {early}" if early else reason,
            sequence=row.sequence,
        )
    )
    return done


def check_roster(row: WorkshopRow, participants: list[Participant]) -> None:
    """Refuse an empty roster, or one whose attendance does not have one entry per workshop day."""
    if not participants:
        raise InvalidInput([Problem(row.id, None, "roster", None, "a roster with at least one participant")])
    days = len(row.days)
    expected = f"one entry per day ({days})"
    problems = [
        Problem(row.id, None, f"participants[{index}].attendance", str(len(person.attendance)), expected)
        for index, person in enumerate(participants)
        if len(person.attendance) != days
    ]
    if problems:
        raise InvalidInput(problems)


def participant_row(workshop_id: str, position: int, person: Participant) -> ParticipantRow:
    """A new register row for one person of a roster, with their attendance."""
    row = ParticipantRow(workshop_id=workshop_id, position=position)
    _update(row, position, person)
    return row


def _update(row: ParticipantRow, position: int, person: Participant) -> None:
    row.position = position
    row.name, row.organisation, row.email = person.name, person.organisation, person.email
    row.profession, row.sex, row.country = person.profession, person.sex, person.country
    row.pre_test, row.post_test = person.pre_test, person.post_test
    row.certified_trainer = person.certified_trainer
    # a kept row's days are updated in place: a new row for the same day would collide with the old one
    days = {day.day_number: day for day in row.attendance}
    for number, present in enumerate(person.attendance, start=1):
        if number in days:
            days[number].present = present
        else:
            row.attendance.append(AttendanceRow(day_number=number, present=present))


def _match(old_rows: list[ParticipantRow], participants: list[Participant]) -> dict[int, ParticipantRow]:
    """New position -> the old row of the same person (same name and organisation, or same e-mail), each once."""
    by_person = {(_fold(old.name), _fold(old.organisation)): old for old in reversed(old_rows)}
    by_email = {old.email.casefold(): old for old in reversed(old_rows) if old.email}
    matched: dict[int, ParticipantRow] = {}
    used: set[int] = set()
    for position, person in enumerate(participants, start=1):
        found = by_person.get((_fold(person.name), _fold(person.organisation)))
        if found is None and person.email:
            found = by_email.get(person.email.casefold())
        if found is not None and found.id not in used:
            matched[position] = found
            used.add(found.id)
    return matched


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
