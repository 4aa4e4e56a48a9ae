"""Requests and trainers in the register, read and written as the scheduler's own models.

Rows and models convert field by field (`request_row_values`, `to_request`, ...), so a model read back is
equal to the one stored. The upserts compare what a file says with what the register holds and return
a `Changes`: which ids were added, which changed and in which fields, which stayed the same, and which the
register holds that the file does not (kept, or removed with `replace`). Every function works inside the
caller's session, so one import is one transaction.

An import sets the data of a request, never its review: a new request from a file is accepted (the
coordinator wrote it), an existing one keeps its status, so a decline made on the web stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from scheduler.models import Request, Trainer
from tiptrain.register.orm_inputs import RequestRow, TrainerRow, TrainerUnavailableRow

Kind = Literal["requests", "trainers"]
FILE_USER = "file"
"""`proposed_by` of a request that came from a file rather than from a person on the web."""
NEW_REVIEW: dict[str, Any] = {
    "status": "accepted",
    "decline_reason": None,
    "proposed_by": FILE_USER,
    "reviewed_by": FILE_USER,
}
"""The review of a request first seen in a file: accepted, since the coordinator wrote the file."""


@dataclass
class Changes:
    """What an import did to one kind of input, id by id."""

    kind: Kind
    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)
    """Id -> the fields that changed."""
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """In the register, not in the file, left in place (no `replace`)."""
    removed: list[str] = field(default_factory=list)
    replaced: bool = False
    """Whether what the file does not list was removed (`kept` then holds only proposals made on the web)."""

    @property
    def any(self) -> bool:
        """Whether the import changed the register."""
        return bool(self.added or self.changed or self.removed)

    def lines(self) -> list[str]:
        """The change list a person reads: one line per kind of change, then what was left alone."""
        word = self.kind[:-1]
        lines = [f"{self.kind} added ({len(self.added)}): {', '.join(self.added)}"] if self.added else []
        lines += [f"{word} {item} changed: {', '.join(fields)}" for item, fields in self.changed.items()]
        if self.removed:
            lines.append(f"{self.kind} removed ({len(self.removed)}), not in the file: {', '.join(self.removed)}")
        summary = f"{self.kind}: {len(self.added)} added, {len(self.changed)} changed, {len(self.unchanged)} unchanged"
        if self.removed:
            summary += f", {len(self.removed)} removed"
        lines.append(summary + ".")
        if self.kept:
            why = "proposed on the web" if self.replaced else "--replace removes them"
            lines.append(f"Kept {len(self.kept)} {self.kind} the file does not list ({', '.join(self.kept)}); {why}.")
        return lines


# --- rows and models ------------------------------------------------------------------------------------

REQUEST_FIELDS = (*(name for name in Request.model_fields if name != "window"), "window_earliest", "window_latest")
TRAINER_FIELDS = tuple(name for name in Trainer.model_fields if name != "unavailable")


def request_row_values(request: Request) -> dict[str, Any]:
    """The columns of a request row (data only, not review) for `request`."""
    values = request.model_dump(mode="python", exclude={"window"})
    values["window_earliest"] = request.window.earliest
    values["window_latest"] = request.window.latest
    return {name: list(value) if isinstance(value, list) else value for name, value in values.items()}


def to_request(row: RequestRow) -> Request:
    """The scheduler's Request for a row."""
    values: dict[str, Any] = {name: getattr(row, name) for name in REQUEST_FIELDS}
    values["window"] = {"earliest": values.pop("window_earliest"), "latest": values.pop("window_latest")}
    return Request.model_validate(values)


def trainer_row_values(trainer: Trainer) -> dict[str, Any]:
    """The columns of a trainer row for `trainer` (its unavailable days are child rows)."""
    values = trainer.model_dump(mode="python", exclude={"unavailable"})
    return {name: list(value) if isinstance(value, list) else value for name, value in values.items()}


def to_trainer(row: TrainerRow) -> Trainer:
    """The scheduler's Trainer for a row, with its unavailable ranges in day order."""
    values: dict[str, Any] = {name: getattr(row, name) for name in TRAINER_FIELDS}
    values["unavailable"] = [{"from": r.first_day, "to": r.last_day} for r in _ordered(row.unavailable)]
    return Trainer.model_validate(values)


def _ordered(ranges: Sequence[TrainerUnavailableRow]) -> list[TrainerUnavailableRow]:
    return sorted(ranges, key=lambda r: (r.first_day, r.last_day))


def ranges_of(trainer: Trainer) -> list[tuple[date, date]]:
    """A trainer's unavailable ranges as (first, last), in the order stored: by day."""
    return sorted((r.first, r.last) for r in trainer.unavailable)


# --- reading --------------------------------------------------------------------------------------------


def request_rows(
    session: Session, countries: Sequence[str] | None = None, status: str | None = None
) -> list[RequestRow]:
    """Request rows in file order (then id), for some countries and one status when given."""
    query = select(RequestRow).order_by(RequestRow.position, RequestRow.id)
    if countries is not None:
        query = query.where(RequestRow.country.in_(list(countries)))
    if status is not None:
        query = query.where(RequestRow.status == status)
    return list(session.scalars(query))


def accepted_requests(session: Session) -> list[Request]:
    """The requests the planner plans: the accepted ones, in file order."""
    return [to_request(row) for row in request_rows(session, status="accepted")]


def trainer_rows(session: Session) -> list[TrainerRow]:
    """Trainer rows in file order, then id."""
    return list(session.scalars(select(TrainerRow).order_by(TrainerRow.position, TrainerRow.id)))


def all_trainers(session: Session) -> list[Trainer]:
    """Every trainer of the register, in file order."""
    return [to_trainer(row) for row in trainer_rows(session)]


def next_position(session: Session, column: Any) -> int:
    """A position after every stored one, for an input added outside a file."""
    return int(session.scalar(select(func.coalesce(func.max(column), -1))) or 0) + 1


# --- writing --------------------------------------------------------------------------------------------


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The field names whose values differ, in the order of `after`."""
    return [name for name, value in after.items() if before.get(name) != value]


def upsert_requests(
    session: Session, requests: Sequence[Request], *, now: datetime, replace: bool = False, files_only: bool = False
) -> Changes:
    """Store the requests of a file: new ones accepted, existing ones updated (their review kept).

    With `replace`, requests the file does not list are removed; with `files_only` too, only those that
    came from a file (proposals made on the web stay, named as kept).
    """
    rows = {row.id: row for row in request_rows(session)}
    changes = Changes("requests")
    for position, request in enumerate(requests):
        values = request_row_values(request)
        row = rows.pop(request.id, None)
        if row is None:
            session.add(RequestRow(**values, **NEW_REVIEW, position=position, created_at=now, updated_at=now))
            changes.added.append(request.id)
            continue
        _update(row, values, position, now, changes)
    web = [row for row in rows.values() if files_only and row.proposed_by != FILE_USER]
    changes.kept += [row.id for row in sorted(web, key=lambda r: (r.position, r.id))]
    _leftovers(session, [row for row in rows.values() if row not in web], replace, changes)
    session.flush()
    return changes


def upsert_trainers(
    session: Session, trainers: Sequence[Trainer], *, now: datetime, by: str = FILE_USER, replace: bool = False
) -> Changes:
    """Store the trainers of a file, their unavailable days replaced by the file's."""
    rows = {row.id: row for row in trainer_rows(session)}
    changes = Changes("trainers")
    for position, trainer in enumerate(trainers):
        values = trainer_row_values(trainer)
        row = rows.pop(trainer.id, None)
        if row is None:
            row = TrainerRow(**values, position=position, created_at=now, updated_at=now)
            session.add(row)
            replace_ranges(row, ranges_of(trainer), by=by, now=now)
            changes.added.append(trainer.id)
            continue
        _update(row, values, position, now, changes)
        if replace_ranges(row, ranges_of(trainer), by=by, now=now):
            changes.changed.setdefault(trainer.id, []).append("unavailable")
            _drop_unchanged(changes, trainer.id)
    _leftovers(session, list(rows.values()), replace, changes)
    session.flush()
    return changes


def _update(row: Any, values: dict[str, Any], position: int, now: datetime, changes: Changes) -> None:
    """Write the file's values over a row, noting the fields that changed."""
    changed = differences({name: getattr(row, name) for name in values}, values)
    row.position = position
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.updated_at = now
        changes.changed[row.id] = changed
    else:
        changes.unchanged.append(row.id)


def _drop_unchanged(changes: Changes, item: str) -> None:
    if item in changes.unchanged:
        changes.unchanged.remove(item)


def _leftovers(session: Session, rows: list[Any], replace: bool, changes: Changes) -> None:
    """Rows the file does not list: removed with `replace`, else kept and named."""
    changes.replaced = replace
    target = changes.removed if replace else changes.kept
    for row in sorted(rows, key=lambda r: (r.position, r.id)):
        target.append(row.id)
        if replace:
            session.delete(row)


def replace_ranges(row: TrainerRow, ranges: Sequence[tuple[date, date]], *, by: str, now: datetime) -> bool:
    """Give a trainer exactly these unavailable ranges; whether that changed anything."""
    before = sorted((r.first_day, r.last_day) for r in row.unavailable)
    wanted = sorted(ranges)
    if before == wanted:
        return False
    row.unavailable.clear()
    row.unavailable.extend(
        TrainerUnavailableRow(first_day=first, last_day=last, changed_by=by, changed_at=now) for first, last in wanted
    )
    row.updated_at = now
    return True
