"""Workshop statuses are named once (scheduler.statuses); every list of them elsewhere is taken from there."""

from __future__ import annotations

from typing import get_args

from exports import ics
from scheduler import problem, replan
from scheduler.models import Workshop
from scheduler.statuses import ACTIVE_STATUSES, LOCKED_STATUSES, WORKSHOP_STATUSES
from tiptrain.commands import workshops as workshop_commands
from tiptrain.register import lifecycle, orm, store


def test_workshop_statuses_are_the_models_literal_in_life_order() -> None:
    assert get_args(Workshop.model_fields["status"].annotation) == WORKSHOP_STATUSES
    assert WORKSHOP_STATUSES == ("planned", "confirmed", "delivered", "cancelled")


def test_status_sets_are_taken_from_the_one_place() -> None:
    assert (orm.STATUSES, workshop_commands.STATUSES, store.LOCKED) == (
        WORKSHOP_STATUSES,
        WORKSHOP_STATUSES,
        LOCKED_STATUSES,
    )
    assert (frozenset(LOCKED_STATUSES), frozenset(ACTIVE_STATUSES)) == (replan._LOCKING, problem.FIXED_STATUSES)


def test_tables_keyed_by_status_cover_every_status() -> None:
    assert (set(lifecycle.ALLOWED), set(ics.STATUS)) == (set(WORKSHOP_STATUSES), set(WORKSHOP_STATUSES))


def test_register_refuses_a_status_outside_the_one_list() -> None:
    constraint = next(c for c in orm.WorkshopRow.__table__.constraints if c.name == "ck_workshops_status_known")

    assert str(constraint.sqltext) == "status IN ('planned', 'confirmed', 'delivered', 'cancelled')"
