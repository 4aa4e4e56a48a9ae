"""Storing plans and moving workshops through their lifecycle, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from register_builders import person, plan, workshop

from curriculum.errors import InvalidInput, UsageError
from scheduler.models import PeriodSummary
from tiptrain.register.api import Register, StoreSummary


def test_store_plan_new_workshops_are_planned_with_sequence_zero(register: Register) -> None:
    summary = register.store_plan(plan(workshop("W-b", date(2026, 3, 2)), workshop("W-a", date(2026, 2, 2))))

    assert summary == StoreSummary(added=["W-a", "W-b"])
    assert [(w.id, w.status, w.sequence) for w in register.workshops()] == [
        ("W-a", "planned", 0),
        ("W-b", "planned", 0),
    ]
    assert register.workshop("W-a") == workshop("W-a", date(2026, 2, 2))


def test_store_plan_replan_updates_drops_and_keeps_confirmed(register: Register) -> None:
    register.store_plan(
        plan(
            workshop("W-same", date(2026, 2, 2)),
            workshop("W-moved", date(2026, 2, 9)),
            workshop("W-restaffed", date(2026, 2, 16)),
            workshop("W-confirmed", date(2026, 3, 2)),
            workshop("W-dropped", date(2026, 3, 9)),
        )
    )
    register.store_plan(
        plan(
            workshop("W-next-period", date(2026, 9, 7)),
            period=PeriodSummary(start=date(2026, 7, 1), end=date(2026, 12, 31), target=1),
        )
    )
    register.transition("W-confirmed", "confirmed", "host agreed")

    summary = register.store_plan(
        plan(
            workshop("W-same", date(2026, 2, 2)),
            workshop("W-moved", date(2026, 2, 10)),
            workshop("W-restaffed", date(2026, 2, 16), trainers=("t-amina", "t-olga")),
            workshop("W-confirmed", date(2026, 3, 3)),
            workshop("W-new", date(2026, 4, 6)),
        ),
        reason="replan",
    )

    assert summary == StoreSummary(
        added=["W-new"],
        updated=["W-moved", "W-restaffed"],
        cancelled=["W-dropped"],
        unchanged=["W-same"],
        skipped=["W-confirmed"],
    )
    found = {w.id: (w.status, w.sequence, w.start, w.trainers) for w in register.workshops()}
    assert found == {
        "W-same": ("planned", 0, date(2026, 2, 2), ["t-amina", "t-pedro"]),
        "W-moved": ("planned", 1, date(2026, 2, 10), ["t-amina", "t-pedro"]),
        "W-restaffed": ("planned", 1, date(2026, 2, 16), ["t-amina", "t-olga"]),
        "W-confirmed": ("confirmed", 1, date(2026, 3, 2), ["t-amina", "t-pedro"]),
        "W-dropped": ("cancelled", 1, date(2026, 3, 9), ["t-amina", "t-pedro"]),
        "W-new": ("planned", 0, date(2026, 4, 6), ["t-amina", "t-pedro"]),
        "W-next-period": ("planned", 0, date(2026, 9, 7), ["t-amina", "t-pedro"]),
    }
    assert [(c.old, c.new, c.reason, c.sequence) for c in register.history("W-dropped")] == [
        (None, "planned", "plan", 0),
        ("planned", "cancelled", "dropped by re-plan", 1),
    ]
    assert [(c.old, c.new, c.reason) for c in register.history("W-moved")][-1] == (
        "planned",
        "planned",
        "replan: dates 2026-02-09..2026-02-11 -> 2026-02-10..2026-02-12",
    )


def test_store_plan_cancelled_workshop_stays_cancelled(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))
    register.transition("W-a", "cancelled", "host withdrew")

    summary = register.store_plan(plan(workshop("W-a", date(2026, 2, 9))))

    assert summary == StoreSummary(skipped=["W-a"])
    assert (register.workshop("W-a").status, register.workshop("W-a").start) == ("cancelled", date(2026, 2, 2))


def test_store_plan_duplicate_ids_refused_and_nothing_written(register: Register) -> None:
    with pytest.raises(InvalidInput) as raised:
        register.store_plan(plan(workshop("W-a", date(2026, 2, 2)), workshop("W-a", date(2026, 3, 2))))

    assert str(raised.value) == "plan: workshops[1].id: each workshop id once (got W-a)"
    assert register.workshops() == []


def test_locked_and_current_plan_leave_out_what_they_should(register: Register) -> None:
    register.store_plan(plan(*(workshop(f"W-{n}", date(2026, 2, 2 + 7 * n)) for n in range(4))))
    register.transition("W-0", "confirmed")
    register.transition("W-1", "confirmed")
    register.deliver("W-1", [person("Awa", [True, True, True])])
    register.transition("W-2", "cancelled")

    assert [w.id for w in register.locked()] == ["W-0", "W-1"]
    assert [w.id for w in register.current_plan()] == ["W-0", "W-1", "W-3"]
    assert [w.id for w in register.workshops(status="cancelled")] == ["W-2"]
    assert [w.id for w in register.workshops(first=date(2026, 2, 11), last=date(2026, 2, 15))] == ["W-1"]


def test_workshop_unknown_id_names_close_ids_and_how_to_list(register: Register) -> None:
    register.store_plan(plan(workshop("W-ml-bamako", date(2026, 2, 2))))

    with pytest.raises(UsageError) as raised:
        register.workshop("W-ml-bamak")

    assert str(raised.value) == (
        "no workshop 'W-ml-bamak' in the register; did you mean W-ml-bamako? see the ids with `tiptrain workshops list`"
    )


@pytest.mark.parametrize(
    ("steps", "new", "message"),
    [
        pytest.param(
            (),
            "delivered",
            "cannot change W-a from planned to delivered; from planned it can go to: confirmed, cancelled",
            id="planned-to-delivered",
        ),
        pytest.param(
            ("confirmed",),
            "delivered",
            "W-a: a delivery needs its roster: tiptrain workshops deliver W-a --roster FILE",
            id="confirmed-to-delivered-without-roster",
        ),
        pytest.param(
            ("confirmed",),
            "confirmed",
            "W-a is already confirmed; from confirmed it can go to: delivered, cancelled",
            id="confirmed-again",
        ),
        pytest.param(
            ("cancelled",),
            "confirmed",
            "cannot change W-a from cancelled to confirmed; from cancelled it can go to: none (cancelled is final)",
            id="cancelled-to-confirmed",
        ),
        pytest.param(
            (),
            "planned",
            "W-a is already planned; from planned it can go to: confirmed, cancelled",
            id="planned-again",
        ),
        pytest.param(
            (),
            "done",
            "unknown status 'done'; use one of planned, confirmed, delivered, cancelled",
            id="unknown-status",
        ),
    ],
)
def test_transition_refused_names_allowed_changes(
    register: Register, steps: tuple[str, ...], new: str, message: str
) -> None:
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))
    for step in steps:
        register.transition("W-a", step)
    before = register.history("W-a")

    with pytest.raises(UsageError) as raised:
        register.transition("W-a", new)

    assert str(raised.value) == message
    assert raised.value.exit_code == 2
    assert register.history("W-a") == before


def test_transition_delivered_is_final(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))
    register.transition("W-a", "confirmed")
    register.deliver("W-a", [person("Awa", [True, True, True])])

    with pytest.raises(UsageError) as raised:
        register.transition("W-a", "cancelled")

    assert (
        str(raised.value)
        == "cannot change W-a from delivered to cancelled; from delivered it can go to: none (delivered is final)"
    )


def test_deliver_planned_workshop_asks_to_confirm_first(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))

    with pytest.raises(UsageError) as raised:
        register.deliver("W-a", [person("Awa", [True, True, True])])

    assert str(raised.value) == "W-a is planned, not confirmed; confirm it first: tiptrain workshops confirm W-a"


def test_deliver_attendance_of_wrong_length_refused_and_nothing_written(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))
    register.transition("W-a", "confirmed")

    with pytest.raises(InvalidInput) as raised:
        register.deliver("W-a", [person("Awa", [True, True, True]), person("Omar", [True, True])])

    assert str(raised.value) == "W-a: participants[1].attendance: one entry per day (3) (got 2)"
    assert (register.workshop("W-a").status, register.participants("W-a")) == ("confirmed", [])


def test_lifecycle_plan_confirm_deliver_keeps_history_and_roster(register: Register) -> None:
    roster = [person("Awa", [True, True, False], "judges"), person("Omar", [False, False, False], "police", "m")]
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))

    register.transition("W-a", "confirmed", "ministry letter")
    delivered = register.deliver("W-a", roster)

    assert (delivered.status, delivered.sequence) == ("delivered", 2)
    assert register.participants("W-a") == roster
    changes = register.history("W-a")
    assert [(c.old, c.new, c.reason, c.sequence) for c in changes] == [
        (None, "planned", "plan", 0),
        ("planned", "confirmed", "ministry letter", 1),
        ("confirmed", "delivered", "roster of 2 rows", 2),
    ]
    assert all(c.at.utcoffset() is not None and c.at.utcoffset().total_seconds() == 0 for c in changes)
    assert changes[0].at <= changes[1].at <= changes[2].at


def test_link_trainer_records_once_and_refuses_unknown_workshop(register: Register) -> None:
    register.store_plan(plan(workshop("W-tot", date(2026, 2, 2), days=5, programme="tot-5d")))

    first = register.link_trainer("W-tot", "t-moussa")
    again = register.link_trainer("W-tot", "t-moussa")
    with pytest.raises(UsageError):
        register.link_trainer("W-nope", "t-moussa")

    assert (first, again) == (True, False)
    assert register.trainer_links() == [("t-moussa", "W-tot")]


def test_link_trainers_from_trainer_file_returns_unknown_workshops(register: Register) -> None:
    from scheduler.models import Trainer

    def trainer(trainer_id: str, trained_at: str | None) -> Trainer:
        return Trainer.model_validate(
            {
                "id": trainer_id,
                "name": trainer_id,
                "expertise": ["psychology"],
                "languages": ["fr"],
                "home": "ML",
                "trained_at": trained_at,
            }
        )

    register.store_plan(plan(workshop("W-tot", date(2026, 2, 2), days=5, programme="tot-5d")))

    unknown = register.link_trainers([trainer("t-a", "W-tot"), trainer("t-b", "W-2019"), trainer("t-c", None)])

    assert unknown == ["t-b"]
    assert register.trainer_links() == [("t-a", "W-tot")]


def test_store_summary_describe_names_only_what_happened() -> None:
    summary = StoreSummary(added=["W-a", "W-b"], cancelled=["W-c"], unchanged=["W-d"])

    assert summary.describe() == "2 added, 1 cancelled (dropped by re-plan), 1 unchanged"
    assert StoreSummary().describe() == "nothing to store"
