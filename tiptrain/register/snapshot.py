"""What a plan is made from in the register, read in one go, and how to tell that it changed since.

Planning reads the register (locked workshops, the period's plan, the ids in use), solves for seconds
without holding any lock, then stores in one write transaction. That transaction first compares the
register's version with the one read: when another command confirmed, cancelled or delivered a workshop
in between, the plan rests on stale facts and is not stored (the caller re-reads and re-solves, or stops
with RegisterChanged naming what changed).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from curriculum.errors import TiptrainError
from scheduler.models import Plan, Workshop
from scheduler.restaff import Absence, Restaffed
from tiptrain.register.absences import apply_restaffing, list_absences, record_absences
from tiptrain.register.orm import WorkshopRow
from tiptrain.register.store import (
    LOCKED,
    RegisterChanged,
    StoreSummary,
    Version,
    dropped_by_replan,
    register_version,
    store_plan,
    to_workshop,
)

Check = Callable[[list[Workshop]], list[str]]
"""Given the register's locked workshops as they stand, the rules a plan breaks (empty when none)."""


class PlanBreaksRules(TiptrainError):
    """The plan breaks a hard rule against the register as it stands; nothing was stored."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {line}" for line in problems)
        super().__init__(f"the plan breaks {len(problems)} rule(s) against the register; nothing stored:\n{lines}")


class PeriodState(BaseModel):
    """The register as a plan of the period [first, last] needs it, at one version."""

    model_config = ConfigDict(frozen=True)

    first: date
    last: date
    version: Version
    locked: list[Workshop]
    """Every confirmed or delivered workshop, of any period: they keep their trainers busy."""
    workshops: list[Workshop]
    """Every workshop that starts in the period, whatever its status."""
    taken: frozenset[str]
    """Every workshop id in the register: a new workshop may use none of them."""
    final: frozenset[str]
    """Workshops of the period that a person cancelled: their requests stay out."""
    absences: list[Absence] = []
    """Trainer absences recorded by earlier re-plans: every plan keeps the trainers out of those days."""

    def published(self) -> list[Workshop]:
        """The period's workshops that are not cancelled: the plan already sent out."""
        return [w for w in self.workshops if w.status != "cancelled"]

    def planned(self) -> list[Workshop]:
        """The period's workshops that are only planned, which a fresh plan may move or cancel."""
        return [w for w in self.workshops if w.status == "planned"]


def read_state(session: Session, first: date, last: date) -> PeriodState:
    """The register's state for planning [first, last], within the caller's transaction."""
    in_period = select(WorkshopRow).where(WorkshopRow.start_day >= first, WorkshopRow.start_day <= last)
    workshops = [to_workshop(row) for row in session.scalars(in_period.order_by(WorkshopRow.start_day, WorkshopRow.id))]
    locked_query = select(WorkshopRow).where(WorkshopRow.status.in_(LOCKED))
    locked = [to_workshop(row) for row in session.scalars(locked_query.order_by(WorkshopRow.start_day, WorkshopRow.id))]
    cancelled = [w.id for w in workshops if w.status == "cancelled"]
    return PeriodState(
        first=first,
        last=last,
        version=register_version(session),
        locked=locked,
        workshops=workshops,
        taken=frozenset(session.scalars(select(WorkshopRow.id))),
        final=frozenset(cancelled) - dropped_by_replan(session, cancelled),
        absences=list_absences(session),
    )


def changes_since(session: Session, state: PeriodState) -> list[str]:
    """What differs between the register now and `state`, one phrase per workshop ('W-x planned -> confirmed')."""
    now = read_state(session, state.first, state.last)
    before = {w.id: w for w in [*state.workshops, *state.locked]}
    after = {w.id: w for w in [*now.workshops, *now.locked]}
    changes = []
    for workshop_id in sorted(before.keys() | after.keys()):
        old, new = before.get(workshop_id), after.get(workshop_id)
        if old is None or new is None:
            changes.append(f"{workshop_id} {'added' if old is None else 'removed'}")
        elif (old.status, old.sequence) != (new.status, new.sequence):
            changes.append(f"{workshop_id} {old.status} -> {new.status}")
    return changes


def store_checked(
    session: Session,
    plan: Plan,
    state: PeriodState,
    *,
    reason: str,
    check: Check,
    now: datetime,
    dropped: Collection[str] = (),
    absences: Sequence[Absence] = (),
    restaffed: Sequence[Restaffed] = (),
) -> StoreSummary:
    """Store `plan` within the caller's write transaction, only if the register is still as `state` read it.

    New trainer absences are recorded and confirmed workshops re-staffed first, in the same transaction;
    then the rules are checked against the locked workshops read here, inside the lock, not those the
    solver saw.
    """
    if register_version(session) != state.version:
        raise RegisterChanged(changes_since(session, state))
    record_absences(session, absences, now)
    apply_restaffing(session, restaffed, now)
    problems = check(read_state(session, state.first, state.last).locked)
    if problems:
        raise PlanBreaksRules(problems)
    return store_plan(session, plan, reason, now, dropped)
