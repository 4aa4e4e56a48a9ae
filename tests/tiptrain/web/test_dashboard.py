"""The dashboard counts and lists only the workshops in the user's reach."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

SHOWN = {"W-ml-bamako": "Bamako", "W-ua-kyiv": "Kyiv", "W-sn-dakar": "Dakar"}


def listed(page: str) -> set[str]:
    return {workshop for workshop in SHOWN if f'href="/workshops/{workshop}"' in page}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", {"W-ml-bamako", "W-ua-kyiv", "W-sn-dakar"}),
        ("viewer", {"W-ml-bamako", "W-ua-kyiv", "W-sn-dakar"}),
        ("office", {"W-ml-bamako"}),
        ("trainer", {"W-ml-bamako", "W-sn-dakar"}),
    ],
)
def test_dashboard_lists_only_workshops_in_reach(
    client_for: Callable[[str], TestClient], role: str, expected: set[str]
) -> None:
    page = client_for(role).get("/").text

    assert listed(page) == expected
    assert {city for workshop, city in SHOWN.items() if city in page} == {SHOWN[w] for w in expected}


def test_dashboard_counts_only_workshops_in_reach(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("office").get("/").text

    assert "<dt>planned</dt>\n        <dd>1</dd>" in page


def test_dashboard_shows_no_trainer_names_to_a_viewer(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("viewer").get("/").text

    assert ("t-amina" in page, "Amina" in page) == (False, False)


def test_dashboard_in_arabic_is_right_to_left(client_for: Callable[[str], TestClient]) -> None:
    client = client_for("coordinator")

    page = client.get("/?lang=ar").text
    remembered = client.get("/").text

    assert '<html lang="ar" dir="rtl">' in page
    assert '<html lang="ar" dir="rtl">' in remembered  # the choice is kept in a cookie
    assert "لوحة المتابعة" in page


def test_dashboard_unknown_language_falls_back_to_english(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("coordinator").get("/?lang=xx").text

    assert '<html lang="en" dir="ltr">' in page


def test_language_chosen_before_login_carries_to_the_login_page(client: TestClient) -> None:
    redirect = client.get("/?lang=ar", follow_redirects=False)

    page = client.get(redirect.headers["location"]).text

    assert '<html lang="ar" dir="rtl">' in page
