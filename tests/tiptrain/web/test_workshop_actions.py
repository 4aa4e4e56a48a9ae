"""POST /workshops/{id}/confirm and /cancel: who may, CSRF, the history's actor, refused changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web_kit import csrf_of, open_register, post_form

Client = Callable[[str], TestClient]
PAGE = "/workshops/W-ml-bamako"


def status_of(workspace: Path, workshop_id: str) -> str:
    with open_register(workspace) as register:
        return register.workshop(workshop_id).status


def test_confirm_by_the_coordinator_redirects_back_and_records_the_name(
    client_for: Client, web_workspace: Path
) -> None:
    answer = post_form(client_for("coordinator"), f"{PAGE}/confirm", {"reason": "ministry letter"})

    assert (answer.status_code, answer.headers["location"]) == (303, f"{PAGE}?done=confirmed")
    with open_register(web_workspace) as register:
        last = register.history("W-ml-bamako")[-1]
    assert (last.new, last.actor, last.reason) == ("confirmed", "kofi", "ministry letter")


def test_cancel_by_the_office_keeps_the_reason_and_the_name(client_for: Client, web_workspace: Path) -> None:
    answer = post_form(client_for("office"), f"{PAGE}/cancel", {"reason": "host postponed"})

    assert answer.status_code == 303
    with open_register(web_workspace) as register:
        last = register.history("W-ml-bamako")[-1]
    assert (last.new, last.actor, last.reason) == ("cancelled", "awa", "host postponed")


@pytest.mark.parametrize("action", ["confirm", "cancel"])
@pytest.mark.parametrize(
    "case",
    [
        ("coordinator", "W-ua-kyiv", 303),
        ("office", "W-ml-bamako", 303),
        ("office", "W-ua-kyiv", 404),
        ("trainer", "W-ml-bamako", 403),
        ("trainer", "W-ua-kyiv", 404),
        ("viewer", "W-ml-bamako", 403),
    ],
)
def test_lifecycle_actions_by_role_and_reach(
    client_for: Client, web_workspace: Path, action: str, case: tuple[str, str, int]
) -> None:
    role, workshop_id, expected = case
    answer = post_form(client_for(role), f"/workshops/{workshop_id}/{action}", {"reason": "r"})

    assert answer.status_code == expected
    changed = {"confirm": "confirmed", "cancel": "cancelled"}[action] if expected == 303 else "planned"
    assert status_of(web_workspace, workshop_id) == changed


def test_lifecycle_action_without_the_csrf_token_is_refused_and_changes_nothing(
    client_for: Client, web_workspace: Path
) -> None:
    coordinator = client_for("coordinator")

    answers = [
        coordinator.post(f"{PAGE}/confirm", data={"reason": "r"}, follow_redirects=False),
        coordinator.post(f"{PAGE}/cancel", data={"reason": "r", "csrf_token": "forged"}, follow_redirects=False),
    ]

    assert [answer.status_code for answer in answers] == [403, 403]
    assert status_of(web_workspace, "W-ml-bamako") == "planned"


def test_lifecycle_action_without_a_session_redirects_to_login(client: TestClient, web_workspace: Path) -> None:
    answer = client.post(f"{PAGE}/confirm", data={"csrf_token": "x"}, follow_redirects=False)

    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2Fworkshops%2FW-ml-bamako%2Fconfirm")
    assert status_of(web_workspace, "W-ml-bamako") == "planned"


def test_refused_transition_shows_the_lifecycle_message_on_the_page(client_for: Client, web_workspace: Path) -> None:
    coordinator = client_for("coordinator")
    post_form(coordinator, f"{PAGE}/cancel", {"reason": "host postponed"})

    answer = post_form(coordinator, f"{PAGE}/confirm", page=PAGE)

    assert answer.status_code == 400
    message = (
        "cannot change W-ml-bamako from cancelled to confirmed; from cancelled it can go to: none (cancelled is final)"
    )
    assert f'<p class="notice error" role="alert">{message}</p>' in answer.text
    assert status_of(web_workspace, "W-ml-bamako") == "cancelled"


def test_confirmed_page_shows_the_notice_and_the_history_entry(client_for: Client) -> None:
    coordinator = client_for("coordinator")
    token = csrf_of(coordinator.get(PAGE).text)

    page = coordinator.post(f"{PAGE}/confirm", data={"csrf_token": token, "reason": "letter"})

    assert page.status_code == 200 and str(page.url).endswith(f"{PAGE}?done=confirmed")
    assert '<p class="notice" role="status">The workshop is confirmed.</p>' in page.text
    assert '<td data-label="By" class="actor"><bdi>kofi</bdi></td>' in page.text
