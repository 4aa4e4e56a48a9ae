"""Storing a plan only if the register is as it was read: version, rule check and links in one transaction."""

from __future__ import annotations

from datetime import date

import pytest
from register_builders import PERIOD, plan, workshop

from scheduler.models import Trainer
from tiptrain.register.api import PlanBreaksRules, Register, RegisterChanged


def trainer(trained_at: str) -> Trainer:
    return Trainer.model_validate(
        {
            "id": "t-ines",
            "name": "Ines",
            "expertise": ["law-enforcement"],
            "languages": ["fr"],
            "home": "ML",
            "trained_at": trained_at,
        }
    )


def test_store_if_unchanged_links_a_trainer_to_a_workshop_of_the_same_plan(register: Register) -> None:
    state = register.period_state(PERIOD.start, PERIOD.end)

    summary, unknown = register.store_if_unchanged(
        plan(workshop("W-ml-tot", date(2026, 2, 2))),
        state,
        reason="plan",
        check=lambda _: [],
        trainers=[trainer("W-ml-tot")],
    )

    assert (summary.added, unknown) == (["W-ml-tot"], [])
    assert register.trainer_links() == [("t-ines", "W-ml-tot")]


def test_store_if_unchanged_refuses_after_a_confirmation_and_names_it(register: Register) -> None:
    register.store_plan(plan(workshop("W-ml-a", date(2026, 2, 2))))
    state = register.period_state(PERIOD.start, PERIOD.end)
    register.transition("W-ml-a", "confirmed", "host letter")

    with pytest.raises(RegisterChanged) as refused:
        register.store_if_unchanged(
            plan(workshop("W-ml-a", date(2026, 2, 9))), state, reason="plan", check=lambda _: []
        )

    assert refused.value.changes == ["W-ml-a planned -> confirmed"]
    assert [(w.id, w.start, w.status) for w in register.workshops()] == [("W-ml-a", date(2026, 2, 2), "confirmed")]


def test_store_if_unchanged_refuses_a_plan_that_breaks_a_rule(register: Register) -> None:
    state = register.period_state(PERIOD.start, PERIOD.end)

    with pytest.raises(PlanBreaksRules) as refused:
        register.store_if_unchanged(
            plan(workshop("W-ml-a", date(2026, 2, 2))),
            state,
            reason="plan",
            check=lambda locked: [f"{len(locked)} locked"],
        )

    assert str(refused.value) == "the plan breaks 1 rule(s) against the register; nothing stored:\n  0 locked"
    assert register.workshops() == []


def test_period_state_final_holds_only_cancellations_made_by_a_person(register: Register) -> None:
    register.store_plan(plan(workshop("W-ml-a", date(2026, 2, 2)), workshop("W-ml-b", date(2026, 2, 9))))
    register.store_plan(plan(workshop("W-ml-a", date(2026, 2, 2))))
    register.transition("W-ml-a", "cancelled", "host withdrew")

    state = register.period_state(PERIOD.start, PERIOD.end)

    assert (sorted(state.final), [w.status for w in state.workshops]) == (["W-ml-a"], ["cancelled", "cancelled"])
