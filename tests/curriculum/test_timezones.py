"""Country codes and time zones read from tzdata's tables."""

from __future__ import annotations

from datetime import date

import pytest

from curriculum.errors import UsageError
from curriculum.timezones import (
    city_zone,
    is_country,
    is_zone,
    resolve_zone,
    settled_zone,
    zone_for_country,
    zone_question,
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


def test_resolve_zone_several_zones_without_tz_or_days_lists_them() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("US", None)

    listed = ", ".join(zones_for_country("US"))
    assert str(caught.value) == f"a tz is required: US has several time zones ({listed})"


def test_resolve_zone_bad_tz_names_the_value() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("ML", "Mars/Base")

    assert str(caught.value) == "unknown time zone 'Mars/Base': expected an IANA name such as Africa/Bamako"


def test_resolve_zone_unknown_country_raises() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("ZZ", None)

    assert str(caught.value) == (
        "unknown country code 'ZZ': expected an ISO 3166-1 alpha-2 country code in capitals, such as ML or UA"
    )


def test_resolve_zone_country_written_another_way_suggests_the_code() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("UK", None)

    assert str(caught.value) == (
        "unknown country code 'UK': expected an ISO 3166-1 alpha-2 country code in capitals:"
        " did you mean GB (United Kingdom)?"
    )


def test_resolve_zone_country_without_zone_asks_for_tz() -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone("BV", None)

    assert str(caught.value) == "a tz is required: no time zone is known for BV"


WINTER = (date(2027, 1, 4), date(2027, 2, 26))
SUMMER = (date(2027, 6, 7), date(2027, 8, 27))


@pytest.mark.parametrize(
    ("country", "city", "zone"),
    [
        ("CN", "Beijing", "Asia/Shanghai"),
        ("CN", "Ürümqi", "Asia/Urumqi"),
        ("UZ", "Tashkent", "Asia/Tashkent"),
        ("UA", "Kyiv", "Europe/Kyiv"),
        ("UA", "KIEV", "Europe/Kyiv"),
        ("UA", "Київ", "Europe/Kyiv"),
        ("US", "Washington", "America/New_York"),
        ("CD", "Lubumbashi", "Africa/Lubumbashi"),
    ],
)
def test_resolve_zone_city_settles_a_country_of_several_zones(country: str, city: str, zone: str) -> None:
    assert resolve_zone(country, None, city, WINTER) == zone


def test_resolve_zone_city_of_that_name_elsewhere_is_not_taken() -> None:
    # only places of the request's country count: Bamako is a city of Mali, so a Ukrainian request is not settled
    with pytest.raises(UsageError):
        resolve_zone("UA", None, "Bamako", WINTER)


def test_settled_zone_unknown_city_equal_offsets_through_days_takes_the_main_zone() -> None:
    # Kazakhstan's seven zones keep UTC+05:00 since March 2024; zone.tab lists Almaty first anyway
    assert settled_zone("KZ", "Invented Town", WINTER) == "Asia/Almaty"


def test_settled_zone_equal_offsets_only_counted_through_the_days() -> None:
    # in 2023 Almaty was at UTC+06:00 and Aqtobe at UTC+05:00
    assert settled_zone("KZ", "Invented Town", (date(2023, 3, 1), date(2023, 3, 31))) is None


def test_settled_zone_summer_days_of_ukraine_have_one_offset_and_take_kyiv() -> None:
    # Europe/Kyiv keeps summer time (UTC+03:00) from late March to late October, like Europe/Simferopol all year
    assert settled_zone("UA", "Invented Town", SUMMER) == "Europe/Kyiv"


def test_settled_zone_main_zone_is_the_most_populous_places_not_zone_tab_first() -> None:
    assert zones_for_country("UZ")[0] == "Asia/Samarkand"

    assert settled_zone("UZ", "Invented Town", WINTER) == "Asia/Tashkent"


def test_settled_zone_single_zone_country_needs_no_city() -> None:
    assert settled_zone("ML", None, None) == "Africa/Bamako"


@pytest.mark.parametrize("country", ["RU", "US"])
def test_resolve_zone_unknown_city_with_different_offsets_names_tz_and_offsets(country: str) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_zone(country, None, "Invented Town", WINTER)

    message = str(caught.value)
    assert message.startswith(
        f"a tz is required: 'Invented Town' is not a city tiptrain knows in {country}, and {country}'s time zones"
        " keep different UTC offsets from 2027-01-04 to 2027-02-26 ("
    )
    assert all(zone in message for zone in zones_for_country(country))


def test_zone_question_groups_zones_by_their_offsets() -> None:
    assert zone_question("UA", "Invented Town", WINTER) == (
        "'Invented Town' is not a city tiptrain knows in UA, and UA's time zones keep different UTC offsets"
        " from 2027-01-04 to 2027-02-26 (UTC+03:00: Europe/Simferopol; UTC+02:00: Europe/Kyiv)"
    )


def test_zone_question_zone_changing_offset_shows_both() -> None:
    days = (date(2027, 3, 1), date(2027, 4, 30))

    assert zone_question("UA", None, days) == (
        "UA's time zones keep different UTC offsets from 2027-03-01 to 2027-04-30"
        " (UTC+03:00: Europe/Simferopol; UTC+02:00/+03:00: Europe/Kyiv)"
    )


def test_city_zone_prefers_the_name_over_another_places_other_name() -> None:
    # "Kiev" is only another name of Kyiv; "Washington" is the name of several places, the capital the largest
    assert (city_zone("UA", "Kiev"), city_zone("US", "washington")) == ("Europe/Kyiv", "America/New_York")
