"""Countries written another way: the code most likely meant, for the validators' messages."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from curriculum.countries import COUNTRY_EXPECTED, country_expected, suggest_country
from scheduler.models import Trainer


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("UK", "GB"),
        ("EL", "GR"),
        ("ml", "ML"),
        (" ml ", "ML"),
        ("MLI", "ML"),
        ("Mali", "ML"),
        ("MALI", "ML"),
        ("Мали", "ML"),
        ("马里", "ML"),
        ("مالي", "ML"),
        ("Malli", "ML"),
        ("Royaume-Uni", "GB"),
        ("Côte d'Ivoire", "CI"),
        ("cote d’ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("the Netherlands", "NL"),
        ("Bolivia", "BO"),
        ("Kosovo", "XK"),
    ],
)
def test_suggest_country_finds_the_code_meant(written: str, code: str) -> None:
    assert suggest_country(written) == code


@pytest.mark.parametrize("written", ["ZZ", "Atlantis", "", "X"])
def test_suggest_country_nothing_close_is_none(written: str) -> None:
    assert suggest_country(written) is None


def test_country_expected_names_the_suggestion() -> None:
    assert country_expected("UK") == (
        "an ISO 3166-1 alpha-2 country code in capitals: did you mean GB (United Kingdom)?"
    )


def test_country_expected_without_suggestion_says_what_a_code_is() -> None:
    assert country_expected("Atlantis") == COUNTRY_EXPECTED


def test_trainer_home_written_another_way_suggests_the_code() -> None:
    data = {"id": "t-1", "name": "Invented Trainer", "expertise": ["law-enforcement"], "languages": ["fr"]}

    with pytest.raises(ValidationError) as caught:
        Trainer.model_validate({**data, "home": "UK"})

    assert [error["msg"] for error in caught.value.errors()] == [
        "Value error, an ISO 3166-1 alpha-2 country code in capitals: did you mean GB (United Kingdom)?"
    ]
