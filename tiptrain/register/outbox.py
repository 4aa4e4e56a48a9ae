"""The outbox: which trainer must be told what about a workshop, written in the transaction of the change.

Every place that changes a workshop (storing a plan, confirm, cancel, re-staffing) calls `note_change` with
the team as it was before, inside its own transaction, so the change and the messages it owes are stored
together or not at all. The rule (SPEC 11): a trainer added to a workshop gets a REQUEST, one removed
(or on a cancelled workshop) a CANCEL, the others a REQUEST only when the workshop itself changed for them
(moved, confirmed, back in the plan); nobody else gets anything.

Messages wait as `pending` rows, one per (workshop, trainer): a later change updates that row (method,
sequence) instead of adding a second message, so a trainer gets one message with the latest state. A
trainer who never received an invitation for a workshop gets no cancellation for it: their pending
invitation is simply withdrawn. Rows already handed to the mail server (`sending`) or accepted (`sent`)
are never changed by a later change; it adds a new pending row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tiptrain.register.orm import OutboxRow, WorkshopRow

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PENDING = "pending"
SENDING = "sending"
SENT = "sent"


class OutboxEntry(BaseModel):
    """One outbox message as `notify list` shows it."""

    model_config = ConfigDict(frozen=True)

    id: int
    workshop: str
    trainer: str
    method: str
    sequence: int
    state: str
    created_at: datetime
    updated_at: datetime
    message_id: str | None
    recipient: str | None
    attempts: int
    sent_at: datetime | None
    channel: str | None
    error: str | None


def note_change(
    session: Session, row: WorkshopRow, before: Sequence[str], *, everyone: bool, now: datetime, new: bool = False
) -> None:
    """Record the messages a change of `row` owes, within the caller's transaction.

    `before` is the team before the change ([] for a new workshop); the team after is the row's, or nobody
    when it is cancelled. `everyone` says the workshop itself changed (dates, place, status), so trainers
    who stay on it need an updated REQUEST too. `new` skips reading the outbox for a workshop just added.
    """
    after = [] if row.status == "cancelled" else [member.trainer_id for member in row.team]
    owed: dict[str, str] = {}
    for trainer_id in dict.fromkeys([*before, *after]):
        if trainer_id not in after:
            owed[trainer_id] = CANCEL
        elif trainer_id not in before or everyone:
            owed[trainer_id] = REQUEST
    if not owed:
        return
    rows: list[OutboxRow] = [] if new else list(_rows_of(session, row.id))
    for trainer_id, method in owed.items():
        _owe(session, row, trainer_id, method, earlier=[r for r in rows if r.trainer_id == trainer_id], now=now)


def _rows_of(session: Session, workshop_id: str) -> Sequence[OutboxRow]:
    query = select(OutboxRow).where(OutboxRow.workshop_id == workshop_id).order_by(OutboxRow.id)
    return session.scalars(query).all()


def _owe(
    session: Session, row: WorkshopRow, trainer_id: str, method: str, *, earlier: list[OutboxRow], now: datetime
) -> None:
    """Add or merge one trainer's message; withdraw an invitation the trainer never received."""
    pending = next((r for r in earlier if r.state == PENDING), None)
    handed = [r for r in earlier if r.state != PENDING]
    invited = bool(handed) and handed[-1].method == REQUEST
    if method == CANCEL and not invited:
        if pending is not None:
            session.delete(pending)
        return
    if pending is None:
        session.add(
            OutboxRow(
                workshop=row,
                trainer_id=trainer_id,
                method=method,
                sequence=row.sequence,
                state=PENDING,
                created_at=now,
                updated_at=now,
                attempts=0,
            )
        )
        return
    pending.method, pending.sequence, pending.updated_at = method, row.sequence, now
    pending.message, pending.message_id, pending.error = None, None, None


def list_outbox(session: Session, states: Sequence[str] = (PENDING, SENDING, SENT)) -> list[OutboxEntry]:
    """The outbox in the order messages were first owed."""
    query = select(OutboxRow).where(OutboxRow.state.in_(states)).order_by(OutboxRow.id)
    return [to_entry(row) for row in session.scalars(query)]


def waiting_count(session: Session) -> int:
    """How many messages wait to be sent (pending, or interrupted while sending)."""
    query = select(func.count()).select_from(OutboxRow).where(OutboxRow.state.in_((PENDING, SENDING)))
    return int(session.scalar(query) or 0)


def to_entry(row: OutboxRow) -> OutboxEntry:
    """An outbox row as the model commands show."""
    return OutboxEntry(
        id=row.id,
        workshop=row.workshop_id,
        trainer=row.trainer_id,
        method=row.method,
        sequence=row.sequence,
        state=row.state,
        created_at=row.created_at,
        updated_at=row.updated_at,
        message_id=row.message_id,
        recipient=row.recipient,
        attempts=row.attempts,
        sent_at=row.sent_at,
        channel=row.channel,
        error=row.error,
    )
