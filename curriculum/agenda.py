"""The agenda builder: a programme laid out day by day with clock times.

Layout works in minutes from the start of each day and knows nothing of dates; `build_agenda` then puts
the days on the calendar in the host's time zone. The same layout decides whether a programme fits its
days, so the catalogue check and the printed agenda can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from curriculum.errors import TiptrainError
from curriculum.models import Programme, Unit, in_language

SessionKind = Literal["opening", "pre-test", "unit", "break", "lunch", "post-test", "closing"]

FIXED_TITLES: dict[str, str] = {
    "opening": "Opening and introductions",
    "pre-test": "Pre-test",
    "break": "Break",
    "lunch": "Lunch",
    "post-test": "Post-test",
    "closing": "Evaluation and closing",
}
"""English names of the sessions that are not units; exports translate them by kind."""

MIN_PART_MINUTES = 30
"""A unit is never split into a part shorter than this; the rest of the block stays free instead."""


class ProgrammeDoesNotFit(TiptrainError):
    """A programme's units and fixed sessions overrun its last day."""

    exit_code = 2


@dataclass(frozen=True)
class Slot:
    """One laid-out session: day index, minutes from midnight, what happens."""

    day: int
    begin: int
    end: int
    kind: SessionKind
    unit: str | None = None
    part: int | None = None
    parts: int | None = None


class Session(BaseModel):
    """One session of an agenda day, with local clock times in the agenda's time zone."""

    model_config = ConfigDict(frozen=True)

    start: time
    end: time
    kind: SessionKind
    unit: str | None = None
    title: str
    part: int | None = None
    parts: int | None = None
    fallback: bool = False
    """True when the title is English standing in for a missing translation."""


class AgendaDay(BaseModel):
    """The sessions of one workshop day."""

    model_config = ConfigDict(frozen=True)

    date: date
    sessions: list[Session]


class Agenda(BaseModel):
    """A programme on the calendar: where, when, in which language and time zone."""

    model_config = ConfigDict(frozen=True)

    programme: str
    title: str
    language: str
    country: str | None
    tz: str
    days: list[AgendaDay]


def teaching_order(programme: Programme, units: Mapping[str, Unit]) -> list[str]:
    """The programme's units, keeping its order except where a prerequisite must come first.

    Repeatedly takes the first listed unit whose prerequisites inside the programme are already placed;
    prerequisites outside the programme are assumed known beforehand. Deterministic.
    """
    remaining = list(programme.units)
    inside = set(remaining)
    placed: list[str] = []
    while remaining:
        ready = next(
            (u for u in remaining if all(p in placed or p not in inside for p in units[u].prerequisites)),
            remaining[0],  # only reached on a cycle, which the catalogue check rejects
        )
        placed.append(ready)
        remaining.remove(ready)
    return placed


def _minutes(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def _blocks(programme: Programme) -> list[tuple[int, int]]:
    """Teaching blocks of a day: the stretches between the day's start, its pauses and its end."""
    shape = programme.day
    blocks: list[tuple[int, int]] = []
    cursor = _minutes(shape.start)
    for pause in shape.pauses():
        blocks.append((cursor, _minutes(pause.at)))
        cursor = _minutes(pause.at) + pause.minutes
    blocks.append((cursor, _minutes(shape.end)))
    return [(begin, end) for begin, end in blocks if end > begin]


@dataclass
class _Cursor:
    """Where the next session goes: a day and a block, and minutes into that block."""

    programme: Programme
    blocks: list[tuple[int, int]]
    day: int = 0
    block: int = 0
    at: int = 0

    def __post_init__(self) -> None:
        self.at = self.blocks[0][0]

    def left(self) -> int:
        return self.blocks[self.block][1] - self.at

    def next_block(self) -> None:
        self.block += 1
        if self.block == len(self.blocks):
            self.block, self.day = 0, self.day + 1
        self.at = self.blocks[self.block][0]

    def next_day(self) -> None:
        self.day, self.block = self.day + 1, 0
        self.at = self.blocks[0][0]


def lay_out(programme: Programme, units: Mapping[str, Unit]) -> list[Slot]:
    """Sessions of the whole programme in minutes; ProgrammeDoesNotFit when they overrun the last day."""
    shape = programme.day
    cursor = _Cursor(programme, _blocks(programme))
    slots: list[Slot] = []
    _place_whole(cursor, slots, "opening", shape.opening_minutes)
    _place_whole(cursor, slots, "pre-test", shape.pre_test_minutes)
    for unit_id in teaching_order(programme, units):
        _place_unit(cursor, slots, units[unit_id])
    if cursor.day < programme.days - 1:
        cursor.next_day()
    _place_whole(cursor, slots, "post-test", shape.post_test_minutes)
    _place_whole(cursor, slots, "closing", shape.closing_minutes)
    if slots and slots[-1].day >= programme.days:
        raise ProgrammeDoesNotFit(_overrun_message(programme, units))
    return _number_parts(slots) + _pauses(programme, slots)


def _place_whole(cursor: _Cursor, slots: list[Slot], kind: SessionKind, minutes: int) -> None:
    """A session that is never split: it waits for a block with room for all of it."""
    if minutes == 0:
        return
    longest = max(end - begin for begin, end in cursor.blocks)
    if minutes > longest:
        cursor.at, cursor.day = cursor.blocks[cursor.block][1], cursor.programme.days
    while cursor.left() < minutes and cursor.day < cursor.programme.days:
        cursor.next_block()
    slots.append(Slot(cursor.day, cursor.at, cursor.at + minutes, kind))
    cursor.at += minutes


def _place_unit(cursor: _Cursor, slots: list[Slot], unit: Unit) -> None:
    """A unit goes whole into the block when it fits there, else it is split at an activity boundary.

    A split leaves both parts at least MIN_PART_MINUTES long; when no boundary allows that, the unit moves
    to the next block and the rest of this one stays free. Only an activity longer than the longest block
    is cut inside itself, at the end of a block (nothing else could place it).
    """
    pieces = [activity.minutes for activity in unit.activities]
    longest = max(end - begin for begin, end in cursor.blocks)
    while pieces:
        if cursor.day >= cursor.programme.days:
            slots.append(Slot(cursor.day, cursor.at, cursor.at + sum(pieces), "unit", unit.id))
            return
        room = cursor.left()
        count = len(pieces) if sum(pieces) <= room else _boundary(pieces, room)
        taken = sum(pieces[:count])
        if count == 0 and pieces[0] > longest and room >= MIN_PART_MINUTES:
            taken = min(room, pieces[0] - MIN_PART_MINUTES)  # an activity no block can hold
            pieces[0] -= taken
        elif count == 0:
            cursor.next_block()
            continue
        del pieces[:count]
        slots.append(Slot(cursor.day, cursor.at, cursor.at + taken, "unit", unit.id))
        cursor.at += taken


def _boundary(pieces: list[int], room: int) -> int:
    """How many leading activities fill `room` best while both parts stay MIN_PART_MINUTES or longer (0: none)."""
    total = sum(pieces)
    best = 0
    for count in range(1, len(pieces)):
        head = sum(pieces[:count])
        if head <= room and head >= MIN_PART_MINUTES and total - head >= MIN_PART_MINUTES:
            best = count
    return best


def _number_parts(slots: list[Slot]) -> list[Slot]:
    """Label the pieces of each split unit as part i of n."""
    counts: dict[str, int] = {}
    for slot in slots:
        if slot.unit:
            counts[slot.unit] = counts.get(slot.unit, 0) + 1
    seen: dict[str, int] = {}
    numbered: list[Slot] = []
    for slot in slots:
        if slot.unit and counts[slot.unit] > 1:
            seen[slot.unit] = seen.get(slot.unit, 0) + 1
            numbered.append(replace(slot, part=seen[slot.unit], parts=counts[slot.unit]))
        else:
            numbered.append(slot)
    return numbered


def _pauses(programme: Programme, slots: list[Slot]) -> list[Slot]:
    """Lunch and breaks of each day, where they fall between the day's first and last session."""
    pauses: list[Slot] = []
    for day in range(programme.days):
        todays = [s for s in slots if s.day == day]
        if not todays:
            continue
        first, last = todays[0].begin, max(s.end for s in todays)
        for pause in programme.day.pauses():
            begin = _minutes(pause.at)
            if first <= begin and begin + pause.minutes <= last:
                kind: SessionKind = "lunch" if pause is programme.day.lunch else "break"
                pauses.append(Slot(day, begin, begin + pause.minutes, kind))
    return pauses


def _overrun_message(programme: Programme, units: Mapping[str, Unit]) -> str:
    shape = programme.day
    teaching = sum(units[u].minutes for u in programme.units)
    fixed = shape.opening_minutes + shape.pre_test_minutes + shape.post_test_minutes + shape.closing_minutes
    per_day = sum(end - begin for begin, end in _blocks(programme))
    capacity = per_day * programme.days - fixed
    return (
        f"units that fit in {programme.days} day(s): they need {teaching} minutes of teaching, "
        f"and the days leave at most {capacity} after opening, tests and closing"
    )


def build_agenda(
    programme: Programme,
    units: Mapping[str, Unit],
    start: date,
    tz: str,
    *,
    language: str = "en",
    country: str | None = None,
    fixed_titles: Mapping[str, str] | None = None,
) -> Agenda:
    """The programme on `days` consecutive calendar days from `start`, in local time of `tz`.

    `fixed_titles` names the sessions that are not units (break, lunch, ...) in `language`, by kind; the
    exports' labels give them (the curriculum holds no labels), and FIXED_TITLES' English fills any gap.
    """
    slots = sorted(lay_out(programme, units), key=lambda s: (s.day, s.begin))
    names = {**FIXED_TITLES, **(fixed_titles or {})}
    title = in_language(programme.title, language)
    days = [
        AgendaDay(
            date=start + timedelta(days=day),
            sessions=[_session(slot, units, language, names) for slot in slots if slot.day == day],
        )
        for day in range(programme.days)
    ]
    return Agenda(programme=programme.id, title=title, language=language, country=country, tz=tz, days=days)


def _session(slot: Slot, units: Mapping[str, Unit], language: str, names: Mapping[str, str]) -> Session:
    if slot.unit:
        title, fallback = units[slot.unit].text("title", language)
    else:
        title, fallback = names[slot.kind], False
    return Session(
        start=_clock(slot.begin),
        end=_clock(slot.end),
        kind=slot.kind,
        unit=slot.unit,
        title=title,
        part=slot.part,
        parts=slot.parts,
        fallback=fallback,
    )


def _clock(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)
