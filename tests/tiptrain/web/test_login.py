"""Signing in and out: passwords, limits, fixation, `next=`, CSRF, and sessions shared by processes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient
from web_kit import PASSWORD, csrf_of, log_in, new_client, user_name

from tiptrain.register.accounts import LOGIN_LIMIT
from tiptrain.web.app import create_app
from tiptrain.web.auth import SESSION_COOKIE


def post_login(client: TestClient, name: str, password: str, next_path: str = "/") -> object:
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token, "next": next_path},
        follow_redirects=False,
    )


def test_login_right_password_redirects_to_the_dashboard(client: TestClient) -> None:
    answer = post_login(client, user_name("coordinator"), PASSWORD)

    assert (answer.status_code, answer.headers["location"]) == (303, "/")
    assert client.get("/", follow_redirects=False).status_code == 200


def test_login_wrong_password_shows_the_form_again_without_a_session(client: TestClient) -> None:
    answer = post_login(client, user_name("coordinator"), "not the password")

    assert answer.status_code == 400
    assert "The user name or the password is wrong." in answer.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_login_unknown_user_answers_as_a_wrong_password(client: TestClient) -> None:
    answer = post_login(client, "nobody", PASSWORD)

    assert answer.status_code == 400


def test_login_limited_after_repeated_failures_even_with_the_right_password(client: TestClient) -> None:
    for _ in range(LOGIN_LIMIT):
        assert post_login(client, user_name("office"), "wrong password!").status_code == 400

    answer = post_login(client, user_name("office"), PASSWORD)

    assert answer.status_code == 429
    assert "Too many failed attempts" in answer.text


def test_login_limited_per_client_address_across_user_names(client: TestClient) -> None:
    for n in range(LOGIN_LIMIT):
        post_login(client, f"guess{n}", "wrong password!")

    assert post_login(client, user_name("viewer"), PASSWORD).status_code == 429


def test_login_success_clears_the_failures_of_that_name(client: TestClient) -> None:
    for _ in range(LOGIN_LIMIT - 1):
        post_login(client, user_name("viewer"), "wrong password!")
    assert post_login(client, user_name("viewer"), PASSWORD).status_code == 303
    client.cookies.clear()

    assert post_login(client, user_name("viewer"), "wrong password!").status_code == 400


def test_login_replaces_a_planted_session_id_with_a_new_one(web_app: FastAPI) -> None:
    with new_client(web_app) as attacker, new_client(web_app) as victim:
        log_in(attacker, user_name("viewer"))
        planted = attacker.cookies[SESSION_COOKIE]
        token = csrf_of(victim.get("/login").text)
        victim.cookies.set(SESSION_COOKIE, planted)

        answer = victim.post(
            "/login",
            data={"username": user_name("coordinator"), "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        fresh = answer.cookies[SESSION_COOKIE]
        attacker_after = attacker.get("/", follow_redirects=False).status_code

    assert fresh != planted
    assert attacker_after == 303  # the planted session ended with the login


def test_login_session_cookie_is_httponly_samesite_lax(client: TestClient) -> None:
    answer = post_login(client, user_name("coordinator"), PASSWORD)

    cookie = answer.headers["set-cookie"].lower()
    assert ("httponly" in cookie, "samesite=lax" in cookie, "secure" in cookie) == (True, True, False)


def test_login_over_https_marks_the_cookie_secure(web_app: FastAPI) -> None:
    with new_client(web_app, https=True) as client:
        answer = post_login(client, user_name("coordinator"), PASSWORD)

    assert "secure" in answer.headers["set-cookie"].lower()


def test_login_without_csrf_token_is_forbidden(client: TestClient) -> None:
    client.get("/login")
    answer = client.post(
        "/login", data={"username": user_name("coordinator"), "password": PASSWORD}, follow_redirects=False
    )

    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        ("/plan?status=planned", "/plan?status=planned"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/%0d%0aSet-Cookie:x=1", "/%0d%0aSet-Cookie:x=1"),
    ],
)
def test_login_next_goes_only_to_a_local_path(client: TestClient, asked: str, expected: str) -> None:
    answer = post_login(client, user_name("coordinator"), PASSWORD, next_path=asked)

    assert answer.headers["location"] == expected


def test_anonymous_page_redirects_to_login_with_next(client: TestClient) -> None:
    answer = client.get("/?lang=fr", follow_redirects=False)

    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2F%3Flang%3Dfr")


def test_logout_ends_the_session_for_every_copy_of_the_cookie(client_for: Callable[[str], TestClient]) -> None:
    client = client_for("office")
    stolen = client.cookies[SESSION_COOKIE]
    token = csrf_of(client.get("/").text)

    answer = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)

    assert (answer.status_code, answer.headers["location"]) == (303, "/login")
    client.cookies.set(SESSION_COOKIE, stolen)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_logout_without_csrf_token_is_forbidden_and_keeps_the_session(
    client_for: Callable[[str], TestClient],
) -> None:
    client = client_for("office")

    answer = client.post("/logout", data={}, follow_redirects=False)

    assert answer.status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 200


def test_logout_with_another_sessions_csrf_token_is_forbidden(client_for: Callable[[str], TestClient]) -> None:
    mine, theirs = client_for("office"), client_for("trainer")

    answer = mine.post("/logout", data={"csrf_token": csrf_of(theirs.get("/").text)}, follow_redirects=False)

    assert answer.status_code == 403


def test_session_made_by_one_app_is_valid_in_another_on_the_same_register(web_workspace: Path) -> None:
    first, second = create_app(web_workspace), create_app(web_workspace)  # what two processes hold
    try:
        with new_client(first) as one, new_client(second) as two:
            log_in(one, user_name("trainer"))
            two.cookies.set(SESSION_COOKIE, one.cookies[SESSION_COOKIE])

            answer = two.get("/", follow_redirects=False)
    finally:
        first.state.web.close()
        second.state.web.close()

    assert answer.status_code == 200


def test_forged_session_cookie_is_no_session(client: TestClient) -> None:
    client.cookies.set(SESSION_COOKIE, "made-up.signature")

    assert client.get("/", follow_redirects=False).status_code == 303
