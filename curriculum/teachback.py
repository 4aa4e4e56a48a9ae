"""When each activity of a unit runs in an agenda, and the teach-back plan of a training of trainers.

The agenda splits a unit only between activities, so every activity lies inside one session: walking the
unit's sessions in order and taking its activities' minutes in turn gives each activity its day and clock
times. The teach-back plan puts trainees (by roster order, or numbered places when there is no roster yet)
into the practice rounds (`teach_back: true` activities), one group per trainer of the team, and gives
each a Manual module to present: first the modules the team does not demonstrate, then the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from curriculum.agenda import Agenda
from curriculum.models import Catalogue, Programme, Unit, unit_order


@dataclass(frozen=True)
class Timed:
    """One activity of a unit placed in the agenda."""

    index: int
    day: date
    start: time
    end: time


def activity_times(agenda: Agenda, unit: Unit) -> list[Timed]:
    """Day and clock times of each of the unit's activities, in order (fewer when the agenda lacks the unit)."""
    sessions = [(day.date, s) for day in agenda.days for s in day.sessions if s.unit == unit.id]
    timed: list[Timed] = []
    index = 0
    for day, session in sessions:
        cursor = session.start
        while index < len(unit.activities) and cursor < session.end:
            end = min(_plus(cursor, unit.activities[index].minutes), session.end)
            timed.append(Timed(index, day, cursor, end))
            cursor, index = end, index + 1
    return timed


@dataclass(frozen=True)
class TeachBackSlot:
    """One trainee's practice delivery: which round, group and turn, when, and what they present."""

    round: int
    group: int
    turn: int
    trainee: str
    module: str
    day: date
    start: time
    end: time


def modules_to_present(programme: Programme, catalogue: Catalogue) -> list[str]:
    """Manual modules in the order trainees get them: those the programme does not teach first."""
    manual = [u.id for u in sorted(catalogue.units.values(), key=unit_order) if u.source == "manual"]
    return [m for m in manual if m not in programme.units] + [m for m in manual if m in programme.units]


def teach_back_plan(
    programme: Programme, catalogue: Catalogue, agenda: Agenda, trainees: Sequence[str]
) -> list[TeachBackSlot]:
    """Each trainee's turn in the practice rounds; empty when the programme has no teach-back rounds.

    Trainees go round the groups of every round in turn, so each group of each round has about as many
    presenters; the presenters of a group share its round's minutes equally.
    """
    rounds = [
        timed
        for unit_id in programme.units
        if unit_id in catalogue.units
        for timed in activity_times(agenda, catalogue.units[unit_id])
        if catalogue.units[unit_id].activities[timed.index].teach_back
    ]
    modules = modules_to_present(programme, catalogue)
    if not rounds or not trainees or not modules:
        return []
    groups = max(1, len(programme.team_slots()))
    plan: list[TeachBackSlot] = []
    places = len(rounds) * groups
    presenters = [len(range(place, len(trainees), places)) for place in range(places)]
    for number, trainee in enumerate(trainees):
        turn, place = divmod(number, places)
        round_index, group = divmod(place, groups)
        timed = rounds[round_index]
        length = _minutes(timed.start, timed.end) // presenters[place]
        start = _plus(timed.start, turn * length)
        module = modules[number % len(modules)]
        plan.append(
            TeachBackSlot(round_index + 1, group + 1, turn + 1, trainee, module, timed.day, start, _plus(start, length))
        )
    return plan


def _plus(clock: time, minutes: int) -> time:
    return (datetime.combine(date(2000, 1, 1), clock) + timedelta(minutes=minutes)).time()


def _minutes(start: time, end: time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
