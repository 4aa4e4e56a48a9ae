"""Trainer absences in the register: recorded once, kept across migrations, re-staffing written with the plan."""

from __future__ import annotations

from datetime import date

import pytest
from register_builders import plan, workshop
from sqlalchemy import inspect

from scheduler.models import Plan, Workshop
from scheduler.restaff import Absence, Restaffed
from tiptrain.register import migrate
from tiptrain.register.api import Register, RegisterChanged, StoreSummary
from tiptrain.register.db import make_engine

MONDAY = date(2026, 2, 2)


def confirmed(register: Register) -> Workshop:
    """W-a stored and confirmed: three days from Monday 2 February 2026, t-amina and t-pedro."""
    register.store_plan(plan(workshop("W-a", MONDAY)))
    return register.transition("W-a", "confirmed")


def swap(before: Workshop, team: list[str]) -> Restaffed:
    after = before.model_copy(update={"trainers": team, "sequence": before.sequence + 1})
    reason = f"re-staffed: t-pedro away {before.start}..{before.end} -> {team[1]}"
    return Restaffed(workshop=before.id, before=before, after=after, reason=reason)


def store_replan(register: Register, new: Plan, absences: list[Absence], restaffed: list[Restaffed]) -> StoreSummary:
    """Store a re-plan the way `tiptrain replan` does: checked against the register, all in one transaction."""
    state = register.period_state(date(2026, 1, 1), date(2026, 12, 31))
    summary, _ = register.store_if_unchanged(
        new, state, reason="re-plan", check=lambda locked: [], absences=absences, restaffed=restaffed
    )
    return summary


def test_absences_recorded_once_and_listed_in_order(register: Register) -> None:
    later = ("t-olga", date(2027, 3, 1), date(2027, 3, 14))
    earlier = ("t-ivan", date(2027, 2, 1), date(2027, 2, 2))

    first = register.record_absences([later, earlier, later])
    again = register.record_absences([earlier])

    assert first == [later, earlier]
    assert again == []
    assert register.absences() == [earlier, later]


def test_store_restaffs_confirmed_workshop_with_history_and_sequence(register: Register) -> None:
    before = confirmed(register)
    change = swap(before, ["t-amina", "t-ivan"])
    absence = ("t-pedro", before.start, before.end)

    stored = store_replan(register, plan(change.after), [absence], [change])

    after = register.workshop("W-a")
    assert (after.status, after.trainers, after.days) == ("confirmed", ["t-amina", "t-ivan"], before.days)
    assert after.sequence == before.sequence + 1
    assert [(h.old, h.new, h.reason, h.sequence) for h in register.history("W-a")][-1] == (
        "confirmed",
        "confirmed",
        "re-staffed: t-pedro away 2026-02-02..2026-02-04 -> t-ivan",
        after.sequence,
    )
    assert (stored.skipped, stored.unchanged) == ([], ["W-a"])
    assert register.absences() == [absence]


@pytest.mark.parametrize("meanwhile", ["cancelled", "restaffed"])
def test_store_workshop_changed_meanwhile_writes_nothing(register: Register, meanwhile: str) -> None:
    before = confirmed(register)
    if meanwhile == "cancelled":
        register.transition("W-a", "cancelled", "host withdrew")
    else:
        store_replan(register, plan(), [], [swap(before, ["t-amina", "t-zoe"])])
    state = (register.workshop("W-a"), register.history("W-a"))
    late = workshop("W-b", date(2026, 3, 2))

    with pytest.raises(RegisterChanged, match="W-a was confirmed, cancelled, delivered or re-staffed meanwhile"):
        store_replan(register, plan(late), [("t-pedro", MONDAY, MONDAY)], [swap(before, ["t-amina", "t-ivan"])])

    assert (register.workshop("W-a"), register.history("W-a")) == state
    assert register.absences() == []
    assert [w.id for w in register.workshops()] == ["W-a"]


def test_migration_0002_keeps_workshops_and_round_trips(register: Register) -> None:
    engine = make_engine(register.url)
    try:
        migrate.upgrade(engine, "0001")
        register_at_0001 = set(inspect(engine).get_table_names())
        migrate.upgrade(engine)
        register.store_plan(plan(workshop("W-a", MONDAY)))
        register.record_absences([("t-olga", MONDAY, MONDAY)])
        register.close()
        migrate.downgrade(engine, "0001")
        after_downgrade = (migrate.current(engine), set(inspect(engine).get_table_names()))
        migrate.upgrade(engine)
        after_upgrade = migrate.current(engine)
    finally:
        engine.dispose()

    assert "trainer_absences" not in register_at_0001
    assert after_downgrade == ("0001", register_at_0001)
    assert after_upgrade == "0010"
    assert [w.id for w in register.workshops()] == ["W-a"]
    assert register.absences() == []
