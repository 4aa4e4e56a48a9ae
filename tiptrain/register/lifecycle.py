"""The life of a workshop: planned -> confirmed -> delivered, planned/confirmed -> cancelled, nothing else.

Every change raises the workshop's calendar `sequence` by one and is kept in the history with its time
and reason. Delivery goes through `Register.deliver`, because it needs the roster.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from curriculum.errors import UsageError
from tiptrain.register.orm import STATUSES, StatusChangeRow, WorkshopRow
from tiptrain.register.outbox import note_change

ALLOWED: dict[str, tuple[str, ...]] = {
    "planned": ("confirmed", "cancelled"),
    "confirmed": ("delivered", "cancelled"),
    "delivered": (),
    "cancelled": (),
}
"""Where a workshop may go from each status (SPEC 6)."""


class StatusChange(BaseModel):
    """One entry of a workshop's history: when (UTC), from which status to which, why, and the new sequence."""

    model_config = ConfigDict(frozen=True)

    at: datetime
    old: str | None
    new: str
    reason: str
    sequence: int


def check_status(status: str) -> str:
    """The status itself, or UsageError naming the known ones."""
    if status not in STATUSES:
        raise UsageError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    return status


def allowed_text(status: str) -> str:
    """The changes allowed from `status`, in words."""
    targets = ALLOWED[status]
    if not targets:
        return f"none ({status} is final)"
    return ", ".join(targets)


def check_transition(workshop_id: str, old: str, new: str, via_deliver: bool = False) -> None:
    """Refuse a change the lifecycle does not allow, naming what is allowed from the current status."""
    check_status(new)
    if new == "delivered" and not via_deliver and old == "confirmed":
        raise UsageError(
            f"{workshop_id}: a delivery needs its roster: tiptrain workshops deliver {workshop_id} --roster FILE"
        )
    if new == old:
        raise UsageError(f"{workshop_id} is already {old}; from {old} it can go to: {allowed_text(old)}")
    if new not in ALLOWED[old]:
        raise UsageError(
            f"cannot change {workshop_id} from {old} to {new}; from {old} it can go to: {allowed_text(old)}"
        )


def check_deliverable(workshop_id: str, status: str) -> None:
    """Refuse to record a delivery unless the workshop is confirmed (planned -> confirmed -> delivered)."""
    if status == "planned":
        raise UsageError(
            f"{workshop_id} is planned, not confirmed; confirm it first: tiptrain workshops confirm {workshop_id}"
        )
    if status == "delivered":
        raise UsageError(
            f"{workshop_id} is already delivered with its roster; to correct the roster, replace it whole: "
            f"tiptrain workshops deliver {workshop_id} --roster FILE --replace"
        )
    check_transition(workshop_id, status, "delivered", via_deliver=True)


def record_change(session: Session, row: WorkshopRow, new: str, reason: str, at: datetime) -> None:
    """Set the new status, raise the sequence, add the history entry and the trainers' messages (SPEC 11).

    Confirming tells the whole team (REQUEST, now CONFIRMED), cancelling tells it too (CANCEL); a delivery
    tells nobody: the workshop is over. All within the caller's transaction.
    """
    old = row.status
    row.status = new
    row.sequence += 1
    row.updated_at = at
    session.add(
        StatusChangeRow(workshop=row, at=at, old_status=old, new_status=new, reason=reason, sequence=row.sequence)
    )
    if new in ("confirmed", "cancelled"):
        note_change(session, row, [member.trainer_id for member in row.team], everyone=True, now=at)


def to_change(row: StatusChangeRow) -> StatusChange:
    """A history row as the model the API returns."""
    return StatusChange(at=row.at, old=row.old_status, new=row.new_status, reason=row.reason, sequence=row.sequence)
