"""`GET /healthz` and the API's bearer tokens."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.testclient import TestClient
from web_kit import open_register, user_name

from tiptrain.register.accounts import Accounts


def test_healthz_answers_200_when_the_register_answers(client: TestClient) -> None:
    assert (client.get("/healthz").status_code, client.get("/healthz").json()) == (200, {"status": "ok"})


def test_healthz_answers_503_when_the_register_does_not(
    client: TestClient, web_app: FastAPI, web_workspace: Path
) -> None:
    web_app.state.web.register.close()
    not_a_folder = web_workspace / "tiptrain.toml"  # a file where the database's folder should be
    web_app.state.web.register.url = f"sqlite:///{not_a_folder}/tiptrain.db"

    assert client.get("/healthz").status_code == 503


def test_api_without_token_answers_401_json(client: TestClient) -> None:
    answer = client.get("/api/me")

    assert (answer.status_code, answer.headers["www-authenticate"], answer.json()) == (
        401,
        "Bearer",
        {"detail": "a valid bearer token is needed"},
    )


def test_api_with_a_wrong_token_answers_401(client: TestClient) -> None:
    assert client.get("/api/me", headers={"Authorization": "Bearer tt_wrong"}).status_code == 401


def test_api_with_a_session_cookie_but_no_token_answers_401(client_for) -> None:
    assert client_for("coordinator").get("/api/me").status_code == 401


def test_api_token_names_its_user(client: TestClient, web_workspace: Path) -> None:
    with open_register(web_workspace) as register:
        token = Accounts(register).new_api_token(user_name("office"))

    answer = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})

    assert answer.json() == {"name": "awa", "role": "office", "countries": ["ML"], "trainer": None}


def test_api_token_of_a_disabled_user_answers_401(client: TestClient, web_workspace: Path) -> None:
    with open_register(web_workspace) as register:
        accounts = Accounts(register)
        token = accounts.new_api_token(user_name("office"))
        accounts.disable(user_name("office"))

    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_api_token_is_stored_only_as_its_digest(web_workspace: Path) -> None:
    with open_register(web_workspace) as register:
        token = Accounts(register).new_api_token(user_name("viewer"))
        with register.transaction() as session:
            from sqlalchemy import text

            stored = session.execute(text("SELECT digest FROM api_tokens")).scalars().all()

    assert token not in stored
    assert len(stored) == 1
