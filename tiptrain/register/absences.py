"""Trainer absences in the register, and confirmed workshops re-staffed around them.

An absence given to `replan --trainer-away` is a fact about a person, not an option of one run: it is
recorded here so that every later plan keeps the trainer out of those days. A confirmed workshop that loses
a trainer to an absence keeps its dates; its new team is written here, its SEQUENCE raised (calendars replace
the event) and its history says who was away and who took the place. These functions work inside the
caller's transaction, so recording, re-staffing and storing the plan happen together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler.restaff import Absence, Restaffed
from tiptrain.register.orm import StatusChangeRow, TrainerAbsenceRow, WorkshopRow
from tiptrain.register.outbox import note_change
from tiptrain.register.store import RegisterChanged

SOURCE = "replan --trainer-away"


def list_absences(session: Session) -> list[Absence]:
    """Every recorded absence as (trainer id, first day, last day), by trainer then days."""
    query = select(TrainerAbsenceRow.trainer_id, TrainerAbsenceRow.first_day, TrainerAbsenceRow.last_day).order_by(
        TrainerAbsenceRow.trainer_id, TrainerAbsenceRow.first_day, TrainerAbsenceRow.last_day
    )
    return [(trainer, first, last) for trainer, first, last in session.execute(query)]


def record_absences(
    session: Session, absences: Iterable[Absence], now: datetime, source: str = SOURCE
) -> list[Absence]:
    """Record the absences the register does not hold yet; return those newly recorded, in the order given."""
    known = set(list_absences(session))
    added: list[Absence] = []
    for absence in absences:
        if absence in known:
            continue
        trainer_id, first, last = absence
        session.add(
            TrainerAbsenceRow(trainer_id=trainer_id, first_day=first, last_day=last, recorded_at=now, source=source)
        )
        known.add(absence)
        added.append(absence)
    session.flush()
    return added


def apply_restaffing(session: Session, restaffed: Sequence[Restaffed], now: datetime) -> list[str]:
    """Give each confirmed workshop its new team, raise its SEQUENCE and say why in its history.

    The choice was made from the register as it was read; if a workshop has since changed status, dates or
    team, RegisterChanged stops the whole command so that nothing is decided on stale facts.
    """
    done = []
    for change in restaffed:
        row = session.get(WorkshopRow, change.workshop)
        _check_unchanged(row, change)
        assert row is not None  # _check_unchanged refused a missing row
        before = [member.trainer_id for member in row.team]
        for member, trainer_id in zip(row.team, change.after.trainers, strict=True):
            member.trainer_id = trainer_id
        row.sequence += 1
        row.updated_at = now
        session.add(
            StatusChangeRow(
                workshop=row,
                at=now,
                old_status=row.status,
                new_status=row.status,
                reason=change.reason,
                sequence=row.sequence,
            )
        )
        note_change(session, row, before, everyone=False, now=now)
        done.append(row.id)
    session.flush()
    return done


def _check_unchanged(row: WorkshopRow | None, change: Restaffed) -> None:
    """Refuse to re-staff a workshop that is no longer what the choice was made from."""
    before = change.before
    found: tuple[str, list[date], list[str]] | None = None
    if row is not None:
        found = (row.status, [d.day for d in row.days], [m.trainer_id for m in row.team])
    if found != ("confirmed", before.days, before.trainers):
        raise RegisterChanged([f"{change.workshop} was confirmed, cancelled, delivered or re-staffed meanwhile"])
