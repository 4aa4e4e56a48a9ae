"""The dependencies page helpers build on, through a router made here as a page module would be."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import pytest
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import PlainTextResponse
from starlette.testclient import TestClient
from web_kit import csrf_of, open_register, post_form, user_name

from tiptrain.register.accounts import Accounts, User
from tiptrain.web.auth import (
    ApiReachableWorkshop,
    PageUser,
    ReachableWorkshop,
    csrf_checked,
    require,
)
from tiptrain.web.security import body_limit

router = APIRouter()


@router.get("/t/coordinators")
def coordinators_only(user: Annotated[User, Depends(require("coordinator"))]) -> PlainTextResponse:
    return PlainTextResponse(user.name)


@router.get("/t/workshops/{workshop_id}")
def one_workshop(workshop: ReachableWorkshop) -> PlainTextResponse:
    return PlainTextResponse(workshop.city)


@router.get("/api/t/workshops/{workshop_id}")
def one_workshop_api(workshop: ApiReachableWorkshop) -> dict[str, str]:
    return {"city": workshop.city}


@router.post("/t/action", dependencies=[Depends(csrf_checked)])
def action(user: PageUser) -> PlainTextResponse:
    return PlainTextResponse(f"done by {user.name}")


@router.post("/t/upload", dependencies=[Depends(body_limit(1000))])
async def upload(request: Request, user: PageUser) -> PlainTextResponse:
    async with request.form() as form:
        roster = form["roster"]
        assert not isinstance(roster, str)
        return PlainTextResponse(str(len(await roster.read())))


@router.post("/t/confirm/{workshop_id}", dependencies=[Depends(csrf_checked)])
def confirm(workshop: ReachableWorkshop, user: PageUser, request: Request) -> PlainTextResponse:
    request.app.state.web.register.transition(workshop.id, "delivered", by=user.name)  # refused: UsageError
    return PlainTextResponse("unreachable")


@pytest.fixture
def with_test_routes(web_app: FastAPI) -> FastAPI:
    web_app.include_router(router)
    return web_app


@pytest.mark.parametrize(("role", "status"), [("coordinator", 200), ("office", 403), ("viewer", 403)])
def test_require_lets_only_the_roles_named(
    with_test_routes: FastAPI, client_for: Callable[[str], TestClient], role: str, status: int
) -> None:
    assert client_for(role).get("/t/coordinators").status_code == status


@pytest.mark.parametrize(
    ("role", "workshop", "status"),
    [
        ("office", "W-ml-bamako", 200),
        ("office", "W-ua-kyiv", 404),
        ("office", "W-nowhere", 404),
        ("trainer", "W-sn-dakar", 200),
        ("trainer", "W-ua-kyiv", 404),
        ("coordinator", "W-ua-kyiv", 200),
    ],
)
def test_workshop_out_of_reach_answers_as_a_missing_one(
    with_test_routes: FastAPI, client_for: Callable[[str], TestClient], role: str, workshop: str, status: int
) -> None:
    client = client_for(role)

    answer = client.get(f"/t/workshops/{workshop}")

    assert answer.status_code == status
    if status == 404:
        missing = client.get("/t/workshops/W-does-not-exist").text
        assert answer.text == missing.replace("W-does-not-exist", workshop)


def test_api_workshop_out_of_reach_answers_404_json(
    with_test_routes: FastAPI, client: TestClient, web_workspace: Path
) -> None:
    with open_register(web_workspace) as register:
        token = Accounts(register).new_api_token(user_name("office"))
    bearer = {"Authorization": f"Bearer {token}"}

    answers = [client.get(f"/api/t/workshops/{w}", headers=bearer) for w in ("W-ml-bamako", "W-ua-kyiv", "W-x")]

    assert [(a.status_code, a.json()) for a in answers] == [
        (200, {"city": "Bamako"}),
        (404, {"detail": "no such workshop"}),
        (404, {"detail": "no such workshop"}),
    ]


def test_csrf_checked_post_passes_with_the_session_token(
    with_test_routes: FastAPI, client_for: Callable[[str], TestClient]
) -> None:
    client = client_for("office")

    answer = post_form(client, "/t/action")

    assert (answer.status_code, answer.text) == (200, "done by awa")


@pytest.mark.parametrize("form", [{}, {"csrf_token": ""}, {"csrf_token": "forged"}])
def test_csrf_checked_post_without_a_valid_token_is_forbidden(
    with_test_routes: FastAPI, client_for: Callable[[str], TestClient], form: dict[str, str]
) -> None:
    assert client_for("office").post("/t/action", data=form).status_code == 403


def test_csrf_checked_post_without_a_session_goes_to_login(with_test_routes: FastAPI, client: TestClient) -> None:
    answer = client.post("/t/action", data={"csrf_token": "x"}, follow_redirects=False)

    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2Ft%2Faction")


def test_body_limit_refuses_a_larger_upload_with_413(
    with_test_routes: FastAPI, client_for: Callable[[str], TestClient]
) -> None:
    client = client_for("office")

    small = client.post("/t/upload", files={"roster": ("r.csv", b"a" * 100)})
    large = client.post("/t/upload", files={"roster": ("r.csv", b"a" * 5000)})

    assert (small.status_code, small.text) == (200, "100")
    assert large.status_code == 413


def test_body_limit_counts_a_streamed_upload_without_a_length(
    with_test_routes: FastAPI, client_for: Callable[[str], TestClient]
) -> None:
    client = client_for("office")

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"a" * 200

    answer = client.post("/t/upload", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"})

    assert answer.status_code == 413


def test_register_refusal_in_a_route_is_a_400_page_with_its_message(
    with_test_routes: FastAPI, client_for: Callable[[str], TestClient]
) -> None:
    client = client_for("office")

    answer = client.post("/t/confirm/W-ml-bamako", data={"csrf_token": csrf_of(client.get("/").text)})

    assert answer.status_code == 400
    assert "cannot change W-ml-bamako from planned to delivered" in answer.text
