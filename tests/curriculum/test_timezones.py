"""Country codes and time zones read from tzdata's tables."""

from __future__ import annotations

import pytest

from curriculum.errors import UsageError
from curriculum.timezones import (
    is_country,
    is_zone,
    resolve_zone,
    zone_for_country,
    zones_for_country,
)


def test_zone_for_country_single_zone_country_gets_its_own_zone() -> None:
    assert zone_for_country("ML") == "Africa/Bamako"


def test_zone_for_country_serbia_is_belgrade() -> None:
    assert zone_for_country("RS") == "Europe/Belgrade"


@pytest.mark.parametrize("country", ["US", "RU", "BR", "UA"])
def test_zone_for_country_several_zones_is_none(country: str) -> None:
    assert zone_for_country(country) is None


def test_zone_for_country_unknown_code_is_none() -> None:
    assert zone_for_country("ZZ") is None


def test_zones_for_country_us_starts_with_new_york() -> None:
    assert zones_for_country("US")[0] == "America/New_York"


def test_zones_for_country_ukraine_lists_kyiv_and_simferopol() -> None:
    assert sorted(zones_for_country("UA")) == ["Europe/Kyiv", "Europe/Simferopol"]


def test_zones_for_country_unknown_code_is_empty() -> None:
    assert zones_for_country("ZZ") == []


def test_zones_for_country_kosovo_is_belgrade() -> None:
    assert zones_for_country("XK") == ["Europe/Belgrade"]


@pytest.mark.parametrize(
    ("code", "expected"), [("ML", True), ("XK", True), ("ml", False), ("ZZ", False), ("MLI", False)]
)
def test_is_country_codes(code: str, expected: bool) -> None:
    assert is_country(code) == expected


@pytest.mark.parametrize(
    ("tz", "expected"),
    [("Europe/Kyiv", True), ("UTC", True), ("Mars/Base", False), ("Africa", False), ("../etc", False), ("", False)],
)
def test_is_zone_names(tz: str, expected: bool) -> None:
    assert is_zone(tz) == expected


def test_resolve_zone_without_tz_single_zone_country_uses_it() -> None:
    assert resolve_zone("ML", None) == "Africa/Bamako"


def test_resolve_zone_given_tz_wins() -> None:
    assert resolve_zone("US", "America/Chicago") == "America/Chicago"


def test_resolve_zone_several_zones_without_tz_lists_them() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("US", None)

    listed = ", ".join(zones_for_country("US"))
    assert str(caught.value) == f"US has several time zones ({listed}): a tz is required"


def test_resolve_zone_bad_tz_names_the_value() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("ML", "Mars/Base")

    assert str(caught.value) == "unknown time zone 'Mars/Base': expected an IANA name such as Africa/Bamako"


def test_resolve_zone_unknown_country_raises() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("ZZ", None)

    assert str(caught.value) == "unknown country code 'ZZ': expected an ISO 3166-1 alpha-2 code such as ML"


def test_resolve_zone_country_without_zone_asks_for_tz() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("BV", None)

    assert str(caught.value) == "no time zone is known for BV: a tz is required"
