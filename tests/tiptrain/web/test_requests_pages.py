"""`/requests`: offices propose requests for their countries; the coordinator accepts or declines with a reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web_kit import copy_workspace, open_register, post_form

from tiptrain.context import App
from tiptrain.inputs_sync import import_workspace
from tiptrain.register import requests_review
from tiptrain.settings import load_settings

PROPOSAL = {
    "programme": "criminal-justice-3d",
    "country": "ML",
    "city": "Sikasso",
    "earliest": "2027-03-01",
    "latest": "2027-04-30",
    "preferred_start": "2027-03-15",
    "participants": "24",
    "language": "fr",
    "participant_languages": "",
    "partner": "Ministère de la Justice",
    "audiences": "police",
}


@pytest.fixture
def web_workspace(built_workspace: Path, tmp_path: Path) -> Path:
    """The web workspace with its requests and trainers files imported into the register, as `plan` does."""
    folder = copy_workspace(built_workspace, tmp_path / "ws")
    with open_register(folder) as register:
        import_workspace(register, load_settings(folder), App(workspace=str(folder)).catalogue())
    return folder


def stored(workspace: Path) -> dict[str, requests_review.ReviewedRequest]:
    with open_register(workspace) as register:
        return {r.request.id: r for r in requests_review.requests(register)}


def propose(client: TestClient, **changes: str) -> tuple[int, str]:
    answer = post_form(client, "/requests", {**PROPOSAL, **changes}, page="/requests")
    return answer.status_code, answer.headers.get("location", answer.text)


@pytest.mark.parametrize("role", ["trainer", "viewer"])
def test_requests_page_refuses_trainers_and_viewers(client_for: Callable[[str], TestClient], role: str) -> None:
    assert client_for(role).get("/requests").status_code == 403


def test_requests_page_anonymous_goes_to_login(client: TestClient) -> None:
    assert client.get("/requests", follow_redirects=False).headers["location"] == "/login?next=%2Frequests"


def test_requests_page_coordinator_sees_every_country(client_for: Callable[[str], TestClient]) -> None:
    text = client_for("coordinator").get("/requests").text

    assert ("ml-bamako-tot" in text, "ua-kyiv-tot" in text, "/requests/ua-kyiv-tot/decline" in text) == (
        True,
        True,
        True,
    )


def test_requests_page_office_sees_only_its_countries_and_no_review_forms(
    client_for: Callable[[str], TestClient],
) -> None:
    text = client_for("office").get("/requests").text

    assert ("ml-bamako-tot" in text, "ua-kyiv-tot" in text, "/decline" in text) == (True, False, False)


def test_requests_page_filters_by_status(client_for: Callable[[str], TestClient], web_workspace: Path) -> None:
    coordinator = client_for("coordinator")
    propose(coordinator)

    proposed = coordinator.get("/requests?status=proposed").text
    accepted = coordinator.get("/requests?status=accepted").text

    assert ("ml-sikasso-criminal-justice-3d" in proposed, "ml-bamako-tot" in proposed) == (True, False)
    assert ("ml-sikasso-criminal-justice-3d" in accepted, "ml-bamako-tot" in accepted) == (False, True)


def test_request_proposed_by_an_office_is_stored_with_a_made_id(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    status, location = propose(client_for("office"))

    made = stored(web_workspace)["ml-sikasso-criminal-justice-3d"]
    assert (status, location) == (303, "/requests?done=proposed-ml-sikasso-criminal-justice-3d")
    assert (made.status, made.proposed_by, made.request.audiences, made.request.priority) == (
        "proposed",
        "awa",
        ["police"],
        3,
    )


def test_request_proposed_twice_gets_a_numbered_id(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    office = client_for("office")
    propose(office)

    assert propose(office) == (303, "/requests?done=proposed-ml-sikasso-criminal-justice-3d-2")


def test_request_office_cannot_propose_for_another_country(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    before = stored(web_workspace)

    status, text = propose(client_for("office"), country="UA", city="Lviv")

    assert status == 400
    assert (
        '<p class="field-error" id="error-country">awa may propose requests only for their countries (ML), not UA'
        in text
    )
    assert stored(web_workspace).keys() == before.keys()


def test_request_bad_fields_are_all_shown_with_the_values_kept_and_nothing_stored(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    before = stored(web_workspace)

    status, text = propose(
        client_for("coordinator"), country="ML", participants="0", latest="2027-02-01", partner="Keep this partner"
    )

    assert status == 400
    assert ('id="error-participants"' in text, 'id="error-latest"' in text) == (True, True)
    assert ('value="Keep this partner"' in text, 'value="Sikasso"' in text, 'value="police" checked' in text) == (
        True,
        True,
        True,
    )
    assert stored(web_workspace).keys() == before.keys()


def test_request_missing_fields_and_audiences_are_named(client_for: Callable[[str], TestClient]) -> None:
    status, text = propose(client_for("coordinator"), city="", audiences="")

    assert status == 400
    assert ('id="error-city"' in text, 'id="error-audiences"' in text) == (True, True)


def test_request_unknown_programme_is_refused(client_for: Callable[[str], TestClient], web_workspace: Path) -> None:
    status, text = propose(client_for("coordinator"), programme="no-such-programme")

    assert (status, 'id="error-programme"' in text, "no-such-programme" in stored(web_workspace)) == (400, True, False)


def test_request_propose_refuses_trainers_and_a_missing_csrf(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    before = stored(web_workspace).keys()

    refused = post_form(client_for("trainer"), "/requests", PROPOSAL).status_code
    forged = client_for("office").post("/requests", data={**PROPOSAL, "csrf_token": "x"}, follow_redirects=False)

    assert (refused, forged.status_code, stored(web_workspace).keys() == before) == (403, 403, True)


def test_request_decline_with_a_reason_the_office_then_sees(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    office = client_for("office")
    propose(office)

    answer = post_form(
        client_for("coordinator"),
        "/requests/ml-sikasso-criminal-justice-3d/decline",
        {"reason": "No trainer speaks Bambara this term"},
        page="/requests",
    )

    assert answer.status_code == 303
    assert stored(web_workspace)["ml-sikasso-criminal-justice-3d"].status == "declined"
    assert "Reason: No trainer speaks Bambara this term" in office.get("/requests").text


def test_request_decline_without_a_reason_is_refused(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    answer = post_form(client_for("coordinator"), "/requests/ml-bamako-tot/decline", {"reason": "  "}, page="/requests")

    assert (answer.status_code, stored(web_workspace)["ml-bamako-tot"].status) == (400, "accepted")


def test_request_accept_sets_the_priority(client_for: Callable[[str], TestClient], web_workspace: Path) -> None:
    coordinator = client_for("coordinator")
    propose(coordinator)

    answer = post_form(coordinator, "/requests/ml-sikasso-criminal-justice-3d/accept", {"priority": "5"}, "/requests")

    made = stored(web_workspace)["ml-sikasso-criminal-justice-3d"]
    assert (answer.status_code, made.status, made.request.priority, made.reviewed_by) == (303, "accepted", 5, "kofi")


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_request_review_refuses_an_office(
    client_for: Callable[[str], TestClient], web_workspace: Path, action: str
) -> None:
    answer = post_form(client_for("office"), f"/requests/ml-bamako-tot/{action}", {"reason": "mine"}, "/requests")

    assert (answer.status_code, stored(web_workspace)["ml-bamako-tot"].status) == (403, "accepted")


def test_request_given_an_id_that_exists_is_refused_at_the_id_field(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    status, text = propose(client_for("office"), id="ml-bamako-tot")

    assert (status, 'id="error-id"' in text, stored(web_workspace)["ml-bamako-tot"].request.city) == (
        400,
        True,
        "Bamako",
    )
