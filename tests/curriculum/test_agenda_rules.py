"""The agenda's splitting rules, checked on every bundled programme and on generated ones.

A unit is kept whole in a block when it fits there; otherwise it is split only between two activities and
never into a part under MIN_PART_MINUTES (30). The check reads only the laid-out sessions and the units'
activities, so it holds the agenda builder to the rule however the builder is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import accumulate

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.agenda import MIN_PART_MINUTES, ProgrammeDoesNotFit, Slot, _blocks, lay_out
from curriculum.catalogue import load_catalogue
from curriculum.models import Activity, Catalogue, Programme, Unit


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    return load_catalogue()


def broken_rules(programme: Programme, units: Mapping[str, Unit]) -> list[str]:
    """Each unit part under 30 minutes, and each split that falls inside an activity, in words."""
    parts: dict[str, list[Slot]] = {}
    for slot in sorted(lay_out(programme, units), key=lambda s: (s.day, s.begin)):
        if slot.unit:
            parts.setdefault(slot.unit, []).append(slot)
    broken: list[str] = []
    for unit_id, slots in parts.items():
        if len(slots) == 1:
            continue
        boundaries = set(accumulate(a.minutes for a in units[unit_id].activities))
        for ends_at in accumulate(s.end - s.begin for s in slots):
            if ends_at not in boundaries:
                broken.append(f"{programme.id}: {unit_id} split {ends_at} minutes in, inside an activity")
        broken += [
            f"{programme.id}: {unit_id} has a part of {s.end - s.begin} minutes on day {s.day + 1}"
            for s in slots
            if s.end - s.begin < MIN_PART_MINUTES
        ]
    return broken


def test_lay_out_bundled_programmes_split_units_only_between_activities_into_parts_of_thirty(
    bundled: Catalogue,
) -> None:
    broken = [rule for p in bundled.programmes.values() for rule in broken_rules(p, bundled.units)]

    assert broken == []


def test_lay_out_bundled_tot_gives_practice_delivery_at_least_a_day(bundled: Catalogue) -> None:
    tot = bundled.programme("tot-5d")
    teach_back = bundled.units["TOT-2"]
    practice = sum(a.minutes for a in teach_back.activities if "TOT-2-feedback" in a.materials)
    shape = tot.day
    day = (shape.end.hour - shape.start.hour) * 60 + shape.end.minute - shape.start.minute
    teaching_day = day - sum(p.minutes for p in shape.pauses())

    assert "TOT-2" in tot.units
    assert practice >= teaching_day


def test_lay_out_bundled_unit_is_split_only_when_its_block_lacks_room_for_all_of_it(bundled: Catalogue) -> None:
    for programme in bundled.programmes.values():
        blocks = _blocks(programme)
        for slot in lay_out(programme, bundled.units):
            if slot.part == 1:
                block_end = next(end for begin, end in blocks if begin <= slot.begin < end)
                assert slot.begin + bundled.units[str(slot.unit)].minutes > block_end, (programme.id, slot)


ACTIVITIES = st.lists(st.integers(min_value=5, max_value=105), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIVITIES, min_size=1, max_size=8))
def test_lay_out_generated_programmes_split_units_only_between_activities_into_parts_of_thirty(
    shapes: list[list[int]],
) -> None:
    units = {
        f"G-{n}": Unit(
            id=f"G-{n}",
            source="custom",
            title={"en": f"Generated {n}"},
            summary={"en": "A generated unit."},
            minutes=sum(minutes),
            topics=["testing"],
            audiences=["police"],
            objectives={"en": ["One", "Two", "Three"]},
            key_points={"en": ["Point"]},
            activities=[Activity(kind="exercise", minutes=m, description={"en": "Do."}) for m in minutes],
        )
        for n, minutes in enumerate(shapes)
    }
    days = sum(u.minutes for u in units.values()) // 200 + 2
    programme = Programme(
        id="generated",
        title={"en": "Generated"},
        days=days,
        units=list(units),
        team={"law-enforcement": 1},
        audiences=["police"],
        participants={"min": 10, "max": 20},  # type: ignore[arg-type]
    )
    try:
        broken = broken_rules(programme, units)
    except ProgrammeDoesNotFit:
        return  # not the rule under test: the catalogue check rejects such a programme

    assert broken == []
