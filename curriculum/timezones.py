"""Country codes and their IANA time zones, read from the tables that ship with the `tzdata` package.

Why the tables rather than a hand-kept map: a request names only its host country, and the spec derives the
time zone from it when the country has a single zone. tzdata is already a dependency, is updated with every
IANA release, and its `zone.tab` lists one row per (country, zone). We read `zone.tab` rather than
`zone1970.tab` because the latter merges countries that have agreed since 1970 (Mali would get
Africa/Abidjan), while a coordinator expects the zone named after the host country (Africa/Bamako).

The tables are taken as they are: Ukraine lists Europe/Kyiv and Europe/Simferopol, and Kazakhstan still lists
seven zones after its 2024 unification, so both need an explicit `tz`.
"""

from __future__ import annotations

import functools
from importlib import resources
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


def resolve_zone(country: str, tz: str | None) -> str:
    """The zone a workshop in `country` runs in: `tz` when given, else the country's single zone.

    Raises UsageError naming the bad value, or listing the country's zones when one must be chosen, because a
    coordinator can fix either in one edit of the request.
    """
    if tz is not None:
        if not is_zone(tz):
            raise UsageError(f"unknown time zone {tz!r}: expected an IANA name such as Africa/Bamako")
        return tz
    if not is_country(country):
        raise UsageError(f"unknown country code {country!r}: expected an ISO 3166-1 alpha-2 code such as ML")
    zones = zones_for_country(country)
    if not zones:
        raise UsageError(f"no time zone is known for {country}: a tz is required")
    if len(zones) > 1:
        listed = ", ".join(zones)
        raise UsageError(f"{country} has several time zones ({listed}): a tz is required")
    return zones[0]
