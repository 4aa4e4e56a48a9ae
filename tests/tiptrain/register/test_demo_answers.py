"""The demo's invented answer sheets go through the import, and only for programmes that have a test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from answer_builders import PROGRAMME, START, catalogue, unit_data
from register_builders import person, plan, workshop

from curriculum.models import Catalogue, Programme, Unit
from exports.models import Participant
from tiptrain.demo import deliver_answer_sheets
from tiptrain.demo_people import answer_sheet
from tiptrain.register.api import Register


def with_untested_programme() -> Catalogue:
    """Programme p (four questions) and programme q, whose only unit U-c has no questions yet."""
    base = catalogue()
    untested = Unit.model_validate({**unit_data("U-c"), "questions": []})
    q = Programme.model_validate({**PROGRAMME, "id": "q", "units": ["U-c"]})
    return Catalogue(units={**base.units, "U-c": untested}, programmes={**base.programmes, "q": q})


def deliver(register: Register) -> None:
    register.store_plan(plan(workshop("W-p", START, programme="p"), workshop("W-q", date(2026, 3, 2), programme="q")))
    for workshop_id in ("W-p", "W-q"):
        register.transition(workshop_id, "confirmed")
        people = [person(f"Person {n}", [True, True, n != 3]) for n in range(1, 6)]
        register.deliver(workshop_id, people)


def test_demo_answer_sheets_are_imported_for_tested_programmes_only(register: Register, tmp_path: Path) -> None:
    deliver(register)

    written = deliver_answer_sheets(register, with_untested_programme(), ["W-p", "W-q"], tmp_path)

    answers = register.answers("W-p")
    assert written == [tmp_path / "answers" / "W-p.csv"]
    assert register.answers("W-q") == []
    # five sit the pre-test, four (not Person 3, absent on the last day) the post-test; four questions each
    assert (sum(a.test == "pre" for a in answers), sum(a.test == "post" for a in answers)) == (20, 16)
    assert register.history("W-p")[-1].reason == (
        "answer sheets recorded: 5 pre-test and 4 post-test rows, 4 questions"
    )


def test_demo_answer_sheet_is_the_same_for_the_same_workshop() -> None:
    people = [present(n) for n in range(1, 4)]
    first = answer_sheet(workshop("W-p", START, programme="p"), people, [*catalogue().units["U-a"].questions])

    again = answer_sheet(workshop("W-p", START, programme="p"), people, [*catalogue().units["U-a"].questions])

    assert (first, first[0]) == (again, ["participant", "test", "Q-U-a-1", "Q-U-a-2"])


def present(n: int) -> Participant:
    return person(f"Person {n}", [True, True, True])
