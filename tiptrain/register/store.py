"""Storing a plan in the register, keeping what people have already agreed to.

New workshops come in as planned (sequence 0). A planned workshop whose dates, team or place changed is
updated and its sequence rises, so calendars replace the old event. A planned workshop of the plan's period
that the new plan no longer holds is cancelled ("dropped by re-plan"). Confirmed and delivered workshops
never move.

A workshop a person cancelled (`workshops cancel`) stays cancelled: that decision is final. A workshop the
planner itself dropped ("dropped by re-plan") may come back when its request fits again: the same workshop
id (so the same calendar UID) is planned again, its sequence rises and the history records "back in the
plan", so calendar clients update the cancelled event in place. This is the one way out of cancelled, and
only the planner takes it (SPEC 6 deviation, stated in the issue 11 work).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import TypeVar

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curriculum.errors import InvalidInput, Problem, TiptrainError
from scheduler.models import Plan, Workshop
from scheduler.statuses import LOCKED_STATUSES
from tiptrain.register.lifecycle import record_change
from tiptrain.register.orm import (
    StatusChangeRow,
    TrainerAbsenceRow,
    TrainerLinkRow,
    WorkshopDayRow,
    WorkshopRow,
    WorkshopTrainerRow,
)
from tiptrain.register.outbox import note_change

Child = TypeVar("Child")
Value = TypeVar("Value")

DROPPED = "dropped by re-plan"
DROPPED_BY_COORDINATOR = "dropped by the coordinator (replan --drop)"
BACK = "back in the plan"
LOCKED = LOCKED_STATUSES


class StoreSummary(BaseModel):
    """What storing a plan did, by workshop id."""

    model_config = ConfigDict(frozen=True)

    added: list[str] = []
    back: list[str] = []
    """Dropped by an earlier re-plan, planned again under the same id."""
    updated: list[str] = []
    cancelled: list[str] = []
    unchanged: list[str] = []
    skipped: list[str] = []
    """In the plan but not taken: cancelled ones (they stay cancelled) and confirmed or delivered ones the
    plan would have moved (they never move)."""

    def counts(self) -> dict[str, int]:
        names = ("added", "back", "updated", "cancelled", "unchanged", "skipped")
        return {name: len(getattr(self, name)) for name in names}

    def describe(self) -> str:
        """One line for the user: '2 added, 1 updated, 1 cancelled (dropped by re-plan), 20 unchanged'."""
        notes = {
            "back": f" ({BACK})",
            "cancelled": f" ({DROPPED})",
            "skipped": " (confirmed, delivered or cancelled: kept as they are)",
        }
        parts = [f"{count} {name}{notes.get(name, '')}" for name, count in self.counts().items() if count]
        return ", ".join(parts) if parts else "nothing to store"


def to_workshop(row: WorkshopRow) -> Workshop:
    """The register row as the plan model, with status and sequence."""
    return Workshop(
        id=row.id,
        request=row.request,
        country=row.country,
        city=row.city,
        programme=row.programme,
        language=row.language,
        start=row.start_day,
        end=row.end_day,
        days=[day.day for day in row.days],
        trainers=[member.trainer_id for member in row.team],
        status=row.status,
        tz=row.tz,
        priority=row.priority,
        sequence=row.sequence,
    )


def check_workshops(workshops: list[Workshop]) -> None:
    """Refuse a plan whose workshops are inconsistent before anything is written."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, workshop in enumerate(workshops):
        where = f"workshops[{index}]"
        if workshop.id in seen:
            problems.append(Problem("plan", None, f"{where}.id", workshop.id, "each workshop id once"))
        seen.add(workshop.id)
        if not workshop.days or workshop.days != sorted(set(workshop.days)):
            problems.append(Problem("plan", None, f"{where}.days", None, "at least one day, in order, each once"))
        elif (workshop.days[0], workshop.days[-1]) != (workshop.start, workshop.end):
            problems.append(
                Problem("plan", None, f"{where}.start", str(workshop.start), "start and end = first and last day")
            )
    if problems:
        raise InvalidInput(problems)


def check_storable(plan: Plan) -> None:
    """Refuse texts with a NUL character before writing: PostgreSQL cannot store one (SQLite would)."""
    problems = [
        Problem("plan", None, f"workshops[{index}].{name}", repr(value), "text without NUL characters")
        for index, workshop in enumerate(plan.workshops)
        for name in ("id", "request", "country", "city", "programme", "language", "tz", "trainers")
        for value in ([getattr(workshop, name)] if name != "trainers" else workshop.trainers)
        if isinstance(value, str) and "\x00" in value
    ]
    if problems:
        raise InvalidInput(problems)


def store_plan(session: Session, plan: Plan, reason: str, now: datetime, dropped: Collection[str] = ()) -> StoreSummary:
    """Write `plan` into the register within the caller's transaction; return what changed.

    Workshops of requests in `dropped` (the coordinator's --drop) are cancelled as the coordinator's
    decision, which is final; other planned workshops the plan no longer holds as dropped by re-plan.
    """
    check_workshops(plan.workshops)
    rows = {row.id: row for row in session.scalars(select(WorkshopRow).where(WorkshopRow.id.in_(_ids(plan))))}
    result: dict[str, list[str]] = {name: [] for name in StoreSummary().counts()}
    back = dropped_by_replan(session, [row.id for row in rows.values() if row.status == "cancelled"])
    for workshop in plan.workshops:
        row = rows.get(workshop.id)
        if row is None:
            new = _new_row(workshop, now)
            session.add(new)
            session.add(_history(new, None, "planned", reason, now))
            note_change(session, new, [], everyone=False, now=now, new=True)
            result["added"].append(workshop.id)
        elif row.id in back:
            _bring_back(session, row, workshop, reason, now)
            result["back"].append(workshop.id)
        elif row.status == "cancelled" or (row.status in LOCKED and _changes(row, workshop)):
            result["skipped"].append(workshop.id)
        elif row.status == "planned" and (changes := _changes(row, workshop)):
            team, moved = _team(row), _moved(row, workshop)
            _apply(row, workshop, now)
            session.add(_history(row, "planned", "planned", f"{reason}: {changes}", now))
            note_change(session, row, team, everyone=moved, now=now)
            result["updated"].append(workshop.id)
        else:
            result["unchanged"].append(workshop.id)
    result["cancelled"] = _drop_missing(session, plan, now, dropped)
    return StoreSummary(**{name: sorted(ids) for name, ids in result.items()})


def _bring_back(session: Session, row: WorkshopRow, workshop: Workshop, reason: str, now: datetime) -> None:
    """Plan a workshop the planner had dropped again, in place: same id and UID, sequence raised."""
    changes = _changes(row, workshop)
    _apply(row, workshop, now)
    row.status = "planned"
    why = f"{BACK} ({reason}" + (f": {changes})" if changes else ")")
    session.add(_history(row, "cancelled", "planned", why, now))
    note_change(session, row, [], everyone=False, now=now)


def dropped_by_replan(session: Session, workshop_ids: Sequence[str]) -> set[str]:
    """Which of these cancelled workshops the planner dropped (and may bring back), not a person."""
    last: dict[str, str] = {}
    query = (
        select(StatusChangeRow.workshop_id, StatusChangeRow.reason)
        .where(StatusChangeRow.workshop_id.in_(workshop_ids), StatusChangeRow.new_status == "cancelled")
        .order_by(StatusChangeRow.id)
    )
    for workshop_id, why in session.execute(query):
        last[workshop_id] = why
    return {workshop_id for workshop_id, why in last.items() if why == DROPPED}


Version = tuple[int, ...]


class RegisterChanged(TiptrainError):
    """The register changed between reading it and storing a plan made from it; nothing was stored."""

    def __init__(self, changes: list[str]) -> None:
        self.changes = changes
        shown = "; ".join(changes) if changes else "a trainer link, an absence or a roster was recorded"
        super().__init__(f"the register changed while planning ({shown}); nothing was stored. Run the command again.")


def register_version(session: Session) -> Version:
    """A fingerprint of everything a plan depends on in the register, from tables that exist already.

    Every status change, plan update and delivery adds a history row and every link a link row, and rows
    are never deleted, so the count and highest id of the history plus the count of links change whenever
    the register changes in a way that matters to planning. A recorded trainer absence adds a row too.
    """
    history = session.execute(select(func.count(), func.coalesce(func.max(StatusChangeRow.id), 0))).one()
    links = session.scalar(select(func.count()).select_from(TrainerLinkRow)) or 0
    absences = session.scalar(select(func.count()).select_from(TrainerAbsenceRow)) or 0
    return (int(history[0]), int(history[1]), int(links), int(absences))


def _ids(plan: Plan) -> list[str]:
    return [workshop.id for workshop in plan.workshops]


def _drop_missing(session: Session, plan: Plan, now: datetime, final: Collection[str]) -> list[str]:
    """Cancel planned workshops of the plan's period that the plan no longer holds."""
    query = select(WorkshopRow).where(
        WorkshopRow.status == "planned",
        WorkshopRow.start_day >= plan.period.start,
        WorkshopRow.start_day <= plan.period.end,
        WorkshopRow.id.not_in(_ids(plan)),
    )
    dropped = []
    for row in session.scalars(query):
        record_change(session, row, "cancelled", DROPPED_BY_COORDINATOR if row.request in final else DROPPED, now)
        dropped.append(row.id)
    return dropped


def _new_row(workshop: Workshop, now: datetime) -> WorkshopRow:
    row = WorkshopRow(id=workshop.id, status="planned", sequence=0, created_at=now)
    _apply(row, workshop, now)
    row.sequence = 0
    return row


def _history(row: WorkshopRow, old: str | None, new: str, reason: str, at: datetime) -> StatusChangeRow:
    return StatusChangeRow(workshop=row, at=at, old_status=old, new_status=new, reason=reason, sequence=row.sequence)


PLACE_FIELDS = ("request", "country", "city", "programme", "language", "tz", "priority")


def _changes(row: WorkshopRow, workshop: Workshop) -> str:
    """What differs between the stored workshop and the plan's, in words; empty when nothing does."""
    parts = []
    days = [day.day for day in row.days]
    if days != workshop.days:
        parts.append(f"dates {row.start_day}..{row.end_day} -> {workshop.start}..{workshop.end}")
    team = [member.trainer_id for member in row.team]
    if team != workshop.trainers:
        parts.append(f"team {', '.join(team)} -> {', '.join(workshop.trainers)}")
    parts += [
        f"{name} {getattr(row, name)} -> {getattr(workshop, name)}"
        for name in PLACE_FIELDS
        if getattr(row, name) != getattr(workshop, name)
    ]
    return "; ".join(parts)


def _team(row: WorkshopRow) -> list[str]:
    return [member.trainer_id for member in row.team]


def _moved(row: WorkshopRow, workshop: Workshop) -> bool:
    """Whether the workshop changed for the trainers who stay on it: its days or its place, not only its team."""
    days = [day.day for day in row.days]
    return days != workshop.days or any(getattr(row, name) != getattr(workshop, name) for name in PLACE_FIELDS)


def _apply(row: WorkshopRow, workshop: Workshop, now: datetime) -> None:
    """Copy the plan's workshop onto the row; an existing row's sequence rises by one."""
    for name in PLACE_FIELDS:
        setattr(row, name, getattr(workshop, name))
    row.start_day, row.end_day = workshop.start, workshop.end
    _sync(row.days, workshop.days, lambda number, day: WorkshopDayRow(number=number, day=day), "day")
    _sync(
        row.team,
        workshop.trainers,
        lambda position, trainer: WorkshopTrainerRow(position=position, trainer_id=trainer),
        "trainer_id",
    )
    row.sequence = (row.sequence or 0) + 1
    row.updated_at = now


def _sync(children: list[Child], values: Sequence[Value], make: Callable[[int, Value], Child], attribute: str) -> None:
    """Make the ordered child rows hold `values`, reusing rows in place (their keys are positions)."""
    for index, value in enumerate(values):
        if index < len(children):
            setattr(children[index], attribute, value)
        else:
            children.append(make(index + 1, value))
    del children[len(values) :]
