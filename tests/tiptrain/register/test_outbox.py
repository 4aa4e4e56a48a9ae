"""The outbox rule (SPEC 11): who is owed which message when a workshop changes, merged until sent."""

from __future__ import annotations

from datetime import UTC, date, datetime

from register_builders import plan, workshop
from sqlalchemy import select, update

from tiptrain.register.api import Register
from tiptrain.register.orm import OutboxRow
from tiptrain.register.outbox import SENT, list_outbox

MONDAY = date(2026, 2, 2)


def owed(register: Register) -> list[tuple[str, str, str, int, str]]:
    """(workshop, trainer, method, sequence, state) of every outbox message, oldest first."""
    with register.transaction() as session:
        return [(e.workshop, e.trainer, e.method, e.sequence, e.state) for e in list_outbox(session)]


def mark_all_sent(register: Register) -> None:
    with register.transaction(write=True) as session:
        session.execute(update(OutboxRow).values(state=SENT, sent_at=datetime(2026, 1, 5, tzinfo=UTC)))


def test_outbox_new_workshop_invites_each_trainer_once(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY)))

    assert owed(register) == [("W-a", "t-amina", "REQUEST", 0, "pending"), ("W-a", "t-pedro", "REQUEST", 0, "pending")]


def test_outbox_changes_before_a_send_merge_into_one_message_with_the_latest_state(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY)))
    register.store_plan(plan(workshop("W-a", date(2026, 2, 9))))
    register.transition("W-a", "confirmed")

    assert owed(register) == [("W-a", "t-amina", "REQUEST", 2, "pending"), ("W-a", "t-pedro", "REQUEST", 2, "pending")]


def test_outbox_team_change_tells_only_the_trainer_added_and_the_one_removed(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY), workshop("W-b", date(2026, 3, 2))))
    mark_all_sent(register)

    restaffed = workshop("W-a", MONDAY, trainers=("t-amina", "t-olga"))
    register.store_plan(plan(restaffed, workshop("W-b", date(2026, 3, 2))))

    assert [row for row in owed(register) if row[4] == "pending"] == [
        ("W-a", "t-pedro", "CANCEL", 1, "pending"),
        ("W-a", "t-olga", "REQUEST", 1, "pending"),
    ]


def test_outbox_moved_workshop_updates_every_trainer_on_it(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY), workshop("W-b", date(2026, 3, 2))))
    mark_all_sent(register)

    register.store_plan(plan(workshop("W-a", date(2026, 2, 9)), workshop("W-b", date(2026, 3, 2))))

    assert [row for row in owed(register) if row[4] == "pending"] == [
        ("W-a", "t-amina", "REQUEST", 1, "pending"),
        ("W-a", "t-pedro", "REQUEST", 1, "pending"),
    ]


def test_outbox_cancel_after_an_invitation_was_sent_owes_a_cancellation(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY)))
    mark_all_sent(register)

    register.transition("W-a", "cancelled", "no venue")

    assert [row for row in owed(register) if row[4] == "pending"] == [
        ("W-a", "t-amina", "CANCEL", 1, "pending"),
        ("W-a", "t-pedro", "CANCEL", 1, "pending"),
    ]


def test_outbox_cancel_before_any_send_withdraws_the_invitations(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY)))

    register.transition("W-a", "cancelled", "no venue")

    assert owed(register) == []


def test_outbox_dropped_by_replan_then_back_invites_again_in_one_message(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY), workshop("W-b", date(2026, 3, 2))))
    mark_all_sent(register)
    register.store_plan(plan(workshop("W-b", date(2026, 3, 2))))
    dropped = [row for row in owed(register) if row[4] == "pending"]

    register.store_plan(plan(workshop("W-a", MONDAY), workshop("W-b", date(2026, 3, 2))))

    assert dropped == [("W-a", "t-amina", "CANCEL", 1, "pending"), ("W-a", "t-pedro", "CANCEL", 1, "pending")]
    assert [row for row in owed(register) if row[4] == "pending"] == [
        ("W-a", "t-amina", "REQUEST", 2, "pending"),
        ("W-a", "t-pedro", "REQUEST", 2, "pending"),
    ]


def test_outbox_delivery_and_unchanged_plan_owe_nothing(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY)))
    register.transition("W-a", "confirmed")
    mark_all_sent(register)

    register.store_plan(plan(workshop("W-a", MONDAY)))

    assert [row for row in owed(register) if row[4] == "pending"] == []


def test_outbox_is_written_in_the_transaction_of_the_change(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", MONDAY)))
    with register.transaction() as session:
        rows = session.scalars(select(OutboxRow.workshop_id)).all()

    assert rows == ["W-a", "W-a"]
