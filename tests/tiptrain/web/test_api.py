"""The JSON API's reads (SPEC 9): the CLI's JSON, only what the token's user reaches, no personal data for viewers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from route_table import registered, template
from starlette.testclient import TestClient
from web_kit import open_register, user_name

from tiptrain.cli import main
from tiptrain.register.accounts import Accounts

ROLES = ("coordinator", "office", "trainer", "viewer")


@pytest.fixture
def tokens(web_workspace: Path) -> dict[str, dict[str, str]]:
    """Role -> the Authorization header of a fresh API token of that role's user."""
    with open_register(web_workspace) as register:
        accounts = Accounts(register)
        return {role: {"Authorization": f"Bearer {accounts.new_api_token(user_name(role))}"} for role in ROLES}


def cli_json(workspace: Path, *args: str) -> object:
    """What the CLI prints with these arguments, parsed."""
    with CliRunner().isolation() as (out, err, _):
        try:
            main(["--workspace", str(workspace), *args])
        except SystemExit as done:
            assert done.code in (0, None), err.getvalue().decode()
        return json.loads(out.getvalue().decode())


def ids(answer: object) -> list[str]:
    assert isinstance(answer, list)
    return [workshop["id"] for workshop in answer]


def test_api_workshops_for_a_coordinator_is_the_cli_json(client: TestClient, tokens, web_workspace: Path) -> None:
    answer = client.get("/api/workshops", headers=tokens["coordinator"])

    assert (answer.status_code, answer.json()) == (200, cli_json(web_workspace, "workshops", "list", "--json"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", ["W-ml-bamako", "W-ua-kyiv", "W-sn-dakar"]),
        ("office", ["W-ml-bamako"]),
        ("trainer", ["W-ml-bamako", "W-sn-dakar"]),
        ("viewer", ["W-ml-bamako", "W-ua-kyiv", "W-sn-dakar"]),
    ],
)
def test_api_workshops_lists_only_the_workshops_in_reach(client: TestClient, tokens, role: str, expected) -> None:
    assert ids(client.get("/api/workshops", headers=tokens[role]).json()) == expected


def test_api_workshops_filters_as_the_cli(client: TestClient, tokens, web_workspace: Path) -> None:
    query = "?from=2027-02-15&to=2027-03-10&status=planned"

    answer = client.get(f"/api/workshops{query}", headers=tokens["coordinator"]).json()

    expected = cli_json(web_workspace, "workshops", "list", "--from", "2027-02-15", "--to", "2027-03-10", "--json")
    assert (ids(answer), answer) == (["W-ua-kyiv"], expected)


def test_api_workshops_with_an_unknown_status_answers_400_naming_it(client: TestClient, tokens) -> None:
    answer = client.get("/api/workshops?status=done", headers=tokens["coordinator"])

    assert answer.status_code == 400
    assert "'done'" in answer.json()["detail"]


def test_api_workshops_gives_a_viewer_no_trainer_ids(client: TestClient, tokens) -> None:
    answer = client.get("/api/workshops", headers=tokens["viewer"]).json()

    assert [workshop["trainers"] for workshop in answer] == [[], [], []]


def test_api_workshop_is_the_cli_json_of_that_workshop(client: TestClient, tokens, web_workspace: Path) -> None:
    listed = cli_json(web_workspace, "workshops", "list", "--json")
    assert isinstance(listed, list)

    answer = client.get("/api/workshops/W-ml-bamako", headers=tokens["office"])

    assert (answer.status_code, answer.json()) == (200, listed[0])


def test_api_workshop_out_of_reach_answers_as_a_missing_one(client: TestClient, tokens) -> None:
    out_of_reach = client.get("/api/workshops/W-ua-kyiv", headers=tokens["office"])
    missing = client.get("/api/workshops/W-nowhere", headers=tokens["office"])

    assert (out_of_reach.status_code, out_of_reach.json()) == (404, missing.json())
    assert missing.status_code == 404


def test_api_workshop_for_a_viewer_has_no_trainer_ids(client: TestClient, tokens) -> None:
    assert client.get("/api/workshops/W-ua-kyiv", headers=tokens["viewer"]).json()["trainers"] == []


def test_api_plan_has_the_period_and_the_workshops_in_reach(client: TestClient, tokens) -> None:
    answer = client.get("/api/plan", headers=tokens["office"]).json()

    assert answer["period"] == {"start": "2027-01-01", "end": "2027-06-30", "target": 23}
    assert (ids(answer["workshops"]), answer["unscheduled"]) == (["W-ml-bamako"], None)


def test_api_plan_leaves_out_cancelled_workshops(client: TestClient, tokens, web_app: FastAPI) -> None:
    web_app.state.web.register.transition("W-ua-kyiv", "cancelled", "host postponed")

    answer = client.get("/api/plan", headers=tokens["coordinator"]).json()

    assert ids(answer["workshops"]) == ["W-ml-bamako", "W-sn-dakar"]


def test_api_report_is_the_cli_report_json(client: TestClient, tokens, web_workspace: Path) -> None:
    answer = client.get("/api/report?from=2027-01-01&to=2027-06-30", headers=tokens["viewer"])

    expected = cli_json(web_workspace, "report", "--format", "json", "--from", "2027-01-01", "--to", "2027-06-30")
    assert (answer.status_code, answer.json()) == (200, expected)


def test_api_report_defaults_to_the_period(client: TestClient, tokens, web_workspace: Path) -> None:
    answer = client.get("/api/report", headers=tokens["coordinator"]).json()

    assert (answer["from"], answer["to"], answer["workshops_planned"]) == ("2027-01-01", "2027-06-30", 3)


@pytest.mark.parametrize("role", ["office", "trainer"])
def test_api_report_refuses_offices_and_trainers_with_403(client: TestClient, tokens, role: str) -> None:
    assert client.get("/api/report", headers=tokens[role]).status_code == 403


def test_openapi_lists_every_api_route_with_its_response(client: TestClient, web_app: FastAPI) -> None:
    schema = client.get("/api/openapi.json").json()
    documented = {template(path): path for path in schema["paths"]}
    api_paths = {path for _, path in registered(web_app) if path.startswith("/api/") and "openapi" not in path}

    assert {"/api/me", "/api/workshops", "/api/workshops/{}", "/api/plan", "/api/report"} <= api_paths
    assert api_paths <= set(documented)
    for path in api_paths:
        responses = schema["paths"][documented[path]]["get"]["responses"]
        assert {"200", "401"} <= set(responses), path
        assert "$ref" in json.dumps(responses["200"]), path  # a model, not an untyped body
