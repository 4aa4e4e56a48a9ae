"""Activity times inside an agenda, and the teach-back plan of the training of trainers."""

from __future__ import annotations

from datetime import date, time

import pytest

from curriculum.agenda import build_agenda
from curriculum.catalogue import load_catalogue
from curriculum.models import Catalogue
from curriculum.teachback import activity_times, teach_back_plan


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    return load_catalogue()


def test_activity_times_cover_the_unit_minute_by_minute(bundled: Catalogue) -> None:
    tot = bundled.programme("tot-5d")
    agenda = build_agenda(tot, bundled.units, date(2027, 2, 15), "UTC")
    unit = bundled.units["TOT-2"]

    timed = activity_times(agenda, unit)
    minutes = [(t.end.hour * 60 + t.end.minute) - (t.start.hour * 60 + t.start.minute) for t in timed]

    assert minutes == [a.minutes for a in unit.activities]


def test_teach_back_plan_numbered_places_fill_every_round_and_group(bundled: Catalogue) -> None:
    tot = bundled.programme("tot-5d")
    agenda = build_agenda(tot, bundled.units, date(2027, 2, 15), "UTC")

    plan = teach_back_plan(tot, bundled, agenda, [f"Trainee {n}" for n in range(1, 13)])

    assert sorted({(s.round, s.group) for s in plan}) == [(r, g) for r in range(1, 5) for g in range(1, 4)]
    assert [s.trainee for s in plan][:2] == ["Trainee 1", "Trainee 2"]
    assert plan[0].module == "MAN-06"  # a module the team does not demonstrate comes first


def test_teach_back_plan_two_presenters_share_a_round(bundled: Catalogue) -> None:
    tot = bundled.programme("tot-5d")
    agenda = build_agenda(tot, bundled.units, date(2027, 2, 15), "UTC")

    plan = teach_back_plan(tot, bundled, agenda, [f"T{n}" for n in range(1, 14)])
    first, second = [s for s in plan if (s.round, s.group) == (1, 1)]

    assert (first.trainee, second.trainee, first.end == second.start) == ("T1", "T13", True)
    assert first.start == min(s.start for s in plan if s.round == 1)


def test_teach_back_plan_without_rounds_is_empty(bundled: Catalogue) -> None:
    course = bundled.programme("first-responders-1d")
    agenda = build_agenda(course, bundled.units, date(2027, 2, 15), "UTC")

    assert teach_back_plan(course, bundled, agenda, ["A"]) == []


def test_teach_back_plan_times_lie_inside_the_practice_day(bundled: Catalogue) -> None:
    tot = bundled.programme("tot-5d")
    agenda = build_agenda(tot, bundled.units, date(2027, 2, 15), "UTC")

    plan = teach_back_plan(tot, bundled, agenda, [f"T{n}" for n in range(1, 21)])

    assert all(time(9, 0) <= s.start < s.end <= time(17, 0) for s in plan)
