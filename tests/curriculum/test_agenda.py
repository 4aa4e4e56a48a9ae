from datetime import date, time
from itertools import pairwise

import pytest

from curriculum.agenda import (
    MIN_PART_MINUTES,
    ProgrammeDoesNotFit,
    build_agenda,
    lay_out,
    teaching_order,
)
from curriculum.catalogue import load_catalogue
from curriculum.models import Activity, DayShape, Pause, Programme, Unit


def unit(unit_id: str, minutes: int, prerequisites: tuple[str, ...] = (), activities: tuple[int, ...] = ()) -> Unit:
    """A custom unit; `activities` gives its activities' minutes (one activity of `minutes` by default)."""
    return Unit(
        id=unit_id,
        source="custom",
        title={"en": f"Unit {unit_id}", "fr": f"Module {unit_id}"},
        summary={"en": "A unit for tests."},
        minutes=minutes,
        topics=["testing"],
        audiences=["police"],
        objectives={"en": ["Do one", "Do two", "Do three"]},
        key_points={"en": ["Point"]},
        activities=[Activity(kind="lecture", minutes=m, description={"en": "Talk."}) for m in activities or (minutes,)],
        prerequisites=list(prerequisites),
    )


def programme(units: list[str], days: int = 1, **day: object) -> Programme:
    return Programme(
        id="p",
        title={"en": "Test programme"},
        days=days,
        units=units,
        day=DayShape(**day),  # type: ignore[arg-type]
        team={"law-enforcement": 1},
        audiences=["police"],
        participants={"min": 10, "max": 20},  # type: ignore[arg-type]
    )


def test_teaching_order_keeps_listed_order_without_prerequisites() -> None:
    units = {u.id: u for u in (unit("A", 30), unit("B", 30), unit("C", 30))}
    assert teaching_order(programme(["C", "A", "B"]), units) == ["C", "A", "B"]


def test_teaching_order_moves_prerequisite_first() -> None:
    units = {u.id: u for u in (unit("A", 30, ("B",)), unit("B", 30), unit("C", 30))}
    assert teaching_order(programme(["A", "C", "B"]), units) == ["C", "B", "A"]


def test_teaching_order_ignores_prerequisites_outside_programme() -> None:
    units = {u.id: u for u in (unit("A", 30, ("Z",)), unit("B", 30), unit("Z", 30))}
    assert teaching_order(programme(["A", "B"]), units) == ["A", "B"]


def test_lay_out_one_day_has_opening_pretest_posttest_closing_in_order() -> None:
    units = {"A": unit("A", 40)}
    slots = sorted(lay_out(programme(["A"]), units), key=lambda s: s.begin)
    kinds = [s.kind for s in slots if s.kind not in ("break", "lunch")]
    assert kinds == ["opening", "pre-test", "unit", "post-test", "closing"]


def test_lay_out_splits_unit_across_break_at_an_activity_boundary() -> None:
    units = {"A": unit("A", 100, activities=(40, 60))}
    slots = [s for s in lay_out(programme(["A"]), units) if s.kind == "unit"]
    # opening 09:00-09:30, pre-test until 09:50, break at 10:30: 40 minutes, then 60 after the break
    assert [(s.begin, s.end, s.part, s.parts) for s in slots] == [(590, 630, 1, 2), (645, 705, 2, 2)]


def test_lay_out_moves_unit_whole_when_no_activity_boundary_fits_the_room() -> None:
    units = {"A": unit("A", 100, activities=(50, 50))}
    slots = [s for s in lay_out(programme(["A"]), units) if s.kind == "unit"]
    # 40 minutes left before the 10:30 break: no boundary there, so the unit starts after the break, whole
    assert [(s.begin, s.end, s.part) for s in slots] == [(645, 745, None)]


def test_lay_out_never_splits_off_a_part_under_thirty_minutes() -> None:
    units = {"A": unit("A", 100, activities=(20, 20, 60))}
    slots = [s for s in lay_out(programme(["A"]), units) if s.kind == "unit"]
    # 40 minutes left: 20 alone is too short a part, 20 + 20 leaves 60 after the break
    assert [(s.begin, s.end) for s in slots] == [(590, 630), (645, 705)]


def test_lay_out_splits_unit_longer_than_day_across_days() -> None:
    units = {"A": unit("A", 500)}
    slots = [s for s in lay_out(programme(["A"], days=2), units) if s.kind == "unit"]
    assert {s.day for s in slots} == {0, 1}
    assert sum(s.end - s.begin for s in slots) == 500
    assert [s.part for s in slots] == list(range(1, len(slots) + 1))


def test_lay_out_never_makes_a_part_shorter_than_minimum() -> None:
    units = {u: unit(u, m) for u, m in (("A", 35), ("B", 50), ("C", 70), ("D", 45), ("E", 40))}
    slots = [s for s in lay_out(programme(["A", "B", "C", "D", "E"], days=2), units) if s.kind == "unit"]
    assert min(s.end - s.begin for s in slots) >= MIN_PART_MINUTES


def test_lay_out_sessions_never_overlap_pauses_or_each_other() -> None:
    catalogue = load_catalogue()
    for prog in catalogue.programmes.values():
        slots = sorted(lay_out(prog, catalogue.units), key=lambda s: (s.day, s.begin))
        for before, after in pairwise(slots):
            if before.day == after.day:
                assert before.end <= after.begin, (prog.id, before, after)


def test_lay_out_programme_too_long_raises_with_minutes() -> None:
    units = {"A": unit("A", 400)}
    with pytest.raises(ProgrammeDoesNotFit) as error:
        lay_out(programme(["A"]), units)
    assert str(error.value) == (
        "units that fit in 1 day(s): they need 400 minutes of teaching, "
        "and the days leave at most 290 after opening, tests and closing"
    )


def test_lay_out_exactly_full_day_fits() -> None:
    # 390 teaching minutes a day, minus 100 for opening, tests and closing, in blocks of 40/105/105/90 (less 100)
    units = {u: unit(u, m) for u, m in (("A", 40), ("B", 105), ("C", 105), ("D", 40))}
    slots = lay_out(programme(["A", "B", "C", "D"]), units)
    assert max(s.end for s in slots) == 17 * 60


def test_build_agenda_tot_five_days_respects_prerequisites_and_end_time() -> None:
    catalogue = load_catalogue()
    tot = catalogue.programme("tot-5d")
    agenda = build_agenda(tot, catalogue.units, date(2026, 3, 2), "Africa/Bamako", language="en", country="ML")
    assert [d.date for d in agenda.days] == [date(2026, 3, d) for d in range(2, 7)]
    seen: list[str] = []
    for day in agenda.days:
        assert day.sessions[-1].end <= tot.day.end
        for session in day.sessions:
            if session.unit and session.unit not in seen:
                required = [p for p in catalogue.units[session.unit].prerequisites if p in tot.units]
                assert all(p in seen for p in required), session.unit
                seen.append(session.unit)
    assert sorted(seen) == sorted(tot.units)
    assert agenda.days[0].sessions[0].kind == "opening"
    assert agenda.days[0].sessions[1].kind == "pre-test"
    assert [s.kind for s in agenda.days[-1].sessions[-2:]] == ["post-test", "closing"]


def test_build_agenda_uses_translation_and_marks_english_fallback() -> None:
    units = {"A": unit("A", 60)}
    french = build_agenda(programme(["A"]), units, date(2026, 1, 5), "Europe/Paris", language="fr")
    russian = build_agenda(programme(["A"]), units, date(2026, 1, 5), "Europe/Moscow", language="ru")
    french_unit = next(s for s in french.days[0].sessions if s.kind == "unit")
    russian_unit = next(s for s in russian.days[0].sessions if s.kind == "unit")
    assert (french_unit.title, french_unit.fallback) == ("Module A", False)
    assert (russian_unit.title, russian_unit.fallback) == ("Unit A", True)


def test_build_agenda_lists_lunch_and_breaks_between_sessions() -> None:
    units = {"A": unit("A", 230)}
    agenda = build_agenda(programme(["A"]), units, date(2026, 1, 5), "UTC")
    pauses = [(s.kind, s.start) for s in agenda.days[0].sessions if s.kind in ("break", "lunch")]
    assert pauses == [("break", time(10, 30)), ("lunch", time(12, 30)), ("break", time(15, 15))]


def test_build_agenda_is_deterministic() -> None:
    catalogue = load_catalogue()
    tot = catalogue.programme("criminal-justice-3d")
    first = build_agenda(tot, catalogue.units, date(2026, 3, 2), "UTC")
    second = build_agenda(tot, catalogue.units, date(2026, 3, 2), "UTC")
    assert first.model_dump_json() == second.model_dump_json()


def test_day_shape_rejects_overlapping_pauses() -> None:
    with pytest.raises(ValueError, match="pauses that do not overlap"):
        DayShape(lunch=Pause(at=time(12, 0), minutes=60), breaks=[Pause(at=time(12, 30), minutes=15)])
