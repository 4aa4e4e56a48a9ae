"""Sign-in sheets that collect what the roster needs: its columns, profession codes, a privacy notice, a page a day."""

from __future__ import annotations

import pytest
from exportkit import make_participant, make_workshop, pdf_pages, pdf_text

from curriculum.models import AUDIENCES
from exports.labels import label
from exports.pdf import signin_sheets

ORGANISER = "Global training initiative against trafficking in persons"


def _sheet(count: int, expected: int, *, days: int = 1, lang: str = "en", organisation: str = "Police") -> bytes:
    roster = [
        make_participant(f"Participant {n:02d}", [True] * days, profession="prosecutors", organisation=organisation)
        for n in range(1, count + 1)
    ]
    return signin_sheets(make_workshop(days=days), roster, expected, lang=lang, organiser=ORGANISER, invariant=True)


def test_signin_has_the_roster_columns() -> None:
    text = pdf_text(_sheet(2, 5))
    heads = [label(f"signin.{key}", "en") for key in ("name", "organisation", "profession", "sex", "country", "email")]
    assert [head for head in heads if head not in text] == []
    assert heads[-1] == "E-mail (optional)"


def test_signin_prints_profession_code_sex_and_country_of_known_people() -> None:
    first_page = " ".join(pdf_pages(_sheet(1, 3))[0].split())
    assert "1 Participant 01 Police prosecutors f ML" in first_page


def test_signin_legend_maps_every_profession_code_to_its_name() -> None:
    text = " ".join(pdf_text(_sheet(0, 3)).split())
    missing = [code for code in AUDIENCES if f"{code} = {label(f'profession.{code}', 'en')}" not in text]
    assert missing == []


def test_signin_privacy_notice_names_who_keeps_the_data() -> None:
    text = " ".join(pdf_text(_sheet(0, 3)).split())
    assert label("signin.privacy", "en", keeper=ORGANISER) in text


@pytest.mark.parametrize("lang", ["es", "fr", "ru"])
def test_signin_privacy_notice_in_the_sheet_language(lang: str) -> None:
    text = " ".join(pdf_text(_sheet(0, 3, lang=lang)).split()).replace("\u00a0", " ")
    assert label("signin.privacy", lang, keeper=ORGANISER).replace("\u00a0", " ") in text


def test_signin_thirty_people_fit_one_page_per_day() -> None:
    """The largest programme takes 30 participants: each day of the sheet is one landscape page."""
    pages = pdf_pages(_sheet(30, 30, days=3))
    assert len(pages) == 3
    assert ["Participant 30" in page for page in pages] == [True, True, True]


def test_signin_twenty_five_expected_with_a_short_roster_fit_one_page() -> None:
    pages = pdf_pages(_sheet(10, 25, days=2))
    assert len(pages) == 2
    assert "25" in pages[0].split("Participant 10")[-1]


def test_signin_long_organisation_cut_to_one_line() -> None:
    long_name = "Direction régionale de la police judiciaire et de la lutte contre la criminalité organisée de Ségou"
    pages = pdf_pages(_sheet(30, 30, organisation=long_name))
    assert (len(pages), long_name in pages[0], "Direction régionale de la police" in pages[0]) == (1, False, True)
