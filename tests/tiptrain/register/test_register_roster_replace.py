"""A delivered workshop's roster corrected with `replace_roster`: whole or not at all, kept in the history."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from postgres_kit import fresh_schema, postgres_url
from register_builders import person, plan, workshop

from curriculum.errors import InvalidInput, UsageError
from tiptrain.register.api import Register, Replaced


def delivered(register: Register) -> None:
    register.store_plan(plan(workshop("W-a", date(2026, 2, 2))))
    register.transition("W-a", "confirmed")
    register.deliver("W-a", [person("Awa Ndiaye", [True, True, False]), person("Omar Ba", [True, False, False])])


def test_replace_roster_replaces_it_whole_and_keeps_ids_of_people_found_again(register: Register) -> None:
    delivered(register)
    before = {entry.participant.name: entry.id for entry in register.roster("W-a")}
    corrected = [person("Fatou Sow", [True, True, True]), person("awa  ndiaye", [True, True, True])]

    done = register.replace_roster("W-a", corrected)

    after = register.roster("W-a")
    assert done == Replaced("W-a", old=2, new=2, kept=1, forgotten=0)
    assert [entry.participant for entry in after] == corrected
    assert after[1].id == before["Awa Ndiaye"]
    assert before["Omar Ba"] not in {entry.id for entry in after}


def test_replace_roster_kept_in_history_without_raising_the_sequence(register: Register) -> None:
    delivered(register)

    register.replace_roster("W-a", [person("Fatou Sow", [True, True, True])])

    last = register.history("W-a")[-1]
    assert (last.old, last.new, last.reason, last.sequence) == (
        "delivered",
        "delivered",
        "roster replaced: 2 -> 1 rows (0 people kept with their ids)",
        2,
    )
    assert register.workshop("W-a").sequence == 2


def test_replace_roster_bad_roster_leaves_the_old_one(register: Register) -> None:
    delivered(register)
    old = register.participants("W-a")

    with pytest.raises(InvalidInput):
        register.replace_roster("W-a", [person("Fatou Sow", [True, True, True]), person("Omar Ba", [True])])

    assert (register.participants("W-a"), len(register.history("W-a"))) == (old, 3)


def test_deliver_again_without_replace_names_the_option(register: Register) -> None:
    delivered(register)

    with pytest.raises(UsageError) as raised:
        register.deliver("W-a", [person("Fatou Sow", [True, True, True])])

    assert str(raised.value) == (
        "W-a is already delivered with its roster; to correct the roster, replace it whole: "
        "tiptrain workshops deliver W-a --roster FILE --replace"
    )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def mid_workshop(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Register]:
    """A register whose clock reads the second of W-a's three days (3 February 2026)."""
    clock = lambda: datetime(2026, 2, 3, 16, 0, tzinfo=UTC)  # noqa: E731
    if request.param == "sqlite":
        with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}", clock=clock) as opened:
            yield opened
        return
    with fresh_schema(postgres_url()) as url, Register(url, clock=clock) as opened:
        yield opened


def test_deliver_before_the_last_day_noted_in_history(mid_workshop: Register) -> None:
    delivered(mid_workshop)
    mid_workshop.replace_roster("W-a", [person("Fatou Sow", [True, True, False])])

    reasons = [change.reason for change in mid_workshop.history("W-a")[2:]]

    assert reasons == [
        "roster of 2 rows; W-a: roster recorded before the last day (2026-02-04); attendance may still change",
        "roster replaced: 2 -> 1 rows (0 people kept with their ids); "
        "W-a: roster recorded before the last day (2026-02-04); attendance may still change",
    ]
