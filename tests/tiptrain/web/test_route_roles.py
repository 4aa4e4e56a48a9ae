"""The route x role table (route_table.py) walked cell by cell, and the table checked against the app's routes.

One app for the module (its register holds the stored plan and the sample requests); clients signed in
once per role; API calls with each role's bearer token. A POST that changes the register when allowed
runs on a fresh workspace (so cells do not see each other's changes); a refused one runs on the module's
app, and the register's workshops must be the same after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from httpx2 import Response
from route_table import (
    ALLOWED,
    DENIED,
    LOGIN,
    OUT_OF_REACH,
    ROLES,
    SIGNED_IN,
    TABLE,
    W_MISSING,
    W_OTHER,
    Expect,
    Row,
    registered,
    template,
)
from starlette.testclient import TestClient
from web_kit import copy_workspace, csrf_of, log_in, new_client, user_name

from tiptrain.inputs_sync import import_workspace
from tiptrain.register.accounts import Accounts
from tiptrain.web.app import create_app

DENIALS = (401, 403, 404, 405)


class Site:
    """An app over its own workspace, with a client per role (signed in) and an API token per role."""

    def __init__(self, workspace: Path) -> None:
        self.app = create_app(workspace)
        state = self.app.state.web
        import_workspace(state.register, state.workspace.settings(), state.workspace.catalogue())
        accounts: Accounts = state.accounts
        self.tokens = {role: accounts.new_api_token(user_name(role)) for role in SIGNED_IN}
        self.feeds = {
            "@plan-feed": accounts.feed_token("plan") + ".ics",
            "@trainer-feed": accounts.feed_token("trainer", "t-amina") + ".ics",
            "@plan-token-without-ics": accounts.feed_token("plan"),
        }
        self.clients: dict[str, TestClient] = {}
        self.routes = registered(self.app)

    def require_registered(self, row: Row) -> None:
        """Fail (naming the route) when the app answers no route for a row of the table (SPEC 9 is the contract).

        A row may name a concrete path of a parameterised route (`/report.pdf` for `/report.{kind}`).
        """
        wanted = template(row.path)
        same_method = (path for method, path in self.routes if method == row.method)
        patterns = (re.escape(path).replace(re.escape("{}"), "[^/]+") for path in same_method)
        if (row.method, wanted) not in self.routes and not any(re.fullmatch(p, wanted) for p in patterns):
            pytest.fail(f"{row.method} {row.path} of the route table is not registered in the app")

    def client(self, role: str) -> TestClient:
        if role not in self.clients:
            made = new_client(self.app)
            if role != "anonymous":
                log_in(made, user_name(role))
            self.clients[role] = made
        return self.clients[role]

    def call(self, row: Row, role: str, target: str) -> Response:
        """The request of one cell, as that role's browser (or API client) sends it."""
        client = self.client(role)
        url = row.url(self.feeds.get(target, target))
        if row.api:
            headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role != "anonymous" else {}
            return client.request(row.method, url, headers=headers, follow_redirects=False)
        if row.method != "POST":
            return client.request(row.method, url, follow_redirects=False)
        data = dict(row.data)
        if role != "anonymous":
            data["csrf_token"] = csrf_of(client.get("/").text)
        return client.post(url, data=data, follow_redirects=False)

    def snapshot(self) -> list[dict[str, Any]]:
        """The register's workshops, to see that a refused action changed nothing."""
        return [w.model_dump(mode="json") for w in self.app.state.web.register.workshops()]

    def close(self) -> None:
        for made in self.clients.values():
            made.close()
        self.app.state.web.close()


@pytest.fixture(scope="module")
def site(built_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    made = Site(copy_workspace(built_workspace, tmp_path_factory.mktemp("routes") / "ws"))
    yield made
    made.close()


@pytest.fixture(scope="module")
def fresh_site(built_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Site]]:
    """A new Site on a new copy of the workspace per call; all closed at the end of the module."""
    made: list[Site] = []

    def make() -> Site:
        made.append(Site(copy_workspace(built_workspace, tmp_path_factory.mktemp("fresh") / "ws")))
        return made[-1]

    yield make
    for one in made:
        one.close()


def denial(expected: Expect) -> bool:
    return expected in (LOGIN, DENIED, 401, 403, 404)


def assert_answer(answer: Response, expected: Expect) -> None:
    status, location = answer.status_code, answer.headers.get("location", "")
    to_login = status == 303 and location.startswith("/login?next=")
    if expected == LOGIN:
        assert to_login, (status, location)
    elif expected == ALLOWED:
        assert status not in DENIALS and status < 500 and not to_login, (status, location, answer.text[:300])
    elif expected == DENIED:
        assert status in (403, 404), status
    else:
        assert status == expected, (status, location, answer.text[:300])


CELLS = [
    pytest.param(row, role, target, id=f"{row.method} {row.url(target)} {role}")
    for row in TABLE
    for role in ROLES
    for target in row.targets
]


@pytest.mark.parametrize(("row", "role", "target"), CELLS)
def test_route_answers_each_role_as_the_table_says(
    site: Site, fresh_site: Callable[[], Site], row: Row, role: str, target: str
) -> None:
    site.require_registered(row)
    expected = row.cell(role, target)
    if row.changes and not denial(expected):
        assert_answer(fresh_site().call(row, role, target), expected)
        return
    before = site.snapshot()

    answer = site.call(row, role, target)

    assert_answer(answer, expected)
    assert site.snapshot() == before


def test_every_registered_route_has_a_row_in_the_table(site: Site) -> None:
    rows = {(row.method, template(row.path)) for row in TABLE}

    missing = {pair for pair in site.routes if pair[0] != "HEAD" and pair not in rows}

    assert missing == set(), "add these routes to tests/tiptrain/web/route_table.py"


def test_every_row_has_a_cell_for_every_role_and_target() -> None:
    for row in TABLE:
        for role in ROLES:
            for target in row.targets:
                assert row.cell(role, target) is not None, (row.path, role, target)


WORKSHOP_ROWS = [row for row in TABLE if W_MISSING in row.targets]


@pytest.mark.parametrize("row", WORKSHOP_ROWS, ids=[f"{row.method} {row.path}" for row in WORKSHOP_ROWS])
@pytest.mark.parametrize("role", sorted(OUT_OF_REACH))
def test_a_workshop_out_of_reach_answers_as_a_missing_one(site: Site, row: Row, role: str) -> None:
    site.require_registered(row)
    missing = site.call(row, role, W_MISSING)

    for target in OUT_OF_REACH[role]:
        answer = site.call(row, role, target)
        # the page echoes its own address (language links), so the id asked for is the one difference allowed
        same = (answer.status_code, answer.text.replace(target, "ID"))
        assert same == (missing.status_code, missing.text.replace(W_MISSING, "ID")), target


OVERVIEWS = [row for row in TABLE if row.method == "GET" and row.targets == ("",)]


@pytest.mark.parametrize("row", OVERVIEWS, ids=[row.path for row in OVERVIEWS])
def test_an_office_sees_nothing_of_another_countrys_workshops_on_any_overview(site: Site, row: Row) -> None:
    site.require_registered(row)

    answer = site.call(row, "office", "")

    assert (W_OTHER in answer.text, "Kyiv" in answer.text, "ua-kyiv" in answer.text) == (False, False, False)


def test_an_office_has_no_feed_and_its_session_opens_none(site: Site) -> None:
    office = site.client("office")

    assert office.get("/feeds/.ics").status_code == 404
    assert office.get(f"/feeds/{site.tokens['office']}.ics").status_code == 404
