"""Country and language names: one CLDR lookup shared by the planner's messages and the documents."""

from __future__ import annotations

import pytest

from curriculum.names import country_name, language_name
from exports import formats
from scheduler import calendars, explain


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [("ML", "en", "Mali"), ("ml", "en", "Mali"), ("UA", "ru", "Украина"), ("XK", "en", "Kosovo"), ("ZZZ", "en", "ZZZ")],
)
def test_country_name_in_the_language(code: str, lang: str, expected: str) -> None:
    assert country_name(code, lang) == expected


@pytest.mark.parametrize(
    ("code", "lang", "expected"), [("zh", "en", "Chinese"), ("fr", "fr", "français"), ("xx", "en", "xx")]
)
def test_language_name_in_the_language(code: str, lang: str, expected: str) -> None:
    assert language_name(code, lang) == expected


def test_planner_messages_and_documents_name_a_country_alike() -> None:
    names = {calendars.country_name("VC"), formats.country_name("VC", "en")}

    assert names == {"St Vincent & the Grenadines"}


def test_planner_messages_and_documents_share_one_lookup() -> None:
    assert (calendars.country_name, formats.country_name) == (country_name, country_name)
    assert (explain.language_name, formats.language_name) == (language_name, language_name)
