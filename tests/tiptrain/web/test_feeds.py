"""`GET /feeds/{token}.ics`: the CLI's calendar bytes, cheap polling with ETag/Last-Modified, 404 otherwise."""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from pathlib import Path

from starlette.testclient import TestClient
from web_kit import open_register

from tiptrain.documents import Documents
from tiptrain.register.accounts import Accounts
from tiptrain.settings import load_settings


def token_of(workspace: Path, kind: str = "plan", trainer: str | None = None) -> str:
    with open_register(workspace) as register:
        return Accounts(register).feed_token(kind, trainer)


def test_feed_is_the_calendar_the_cli_makes(client: TestClient, web_workspace: Path) -> None:
    answer = client.get(f"/feeds/{token_of(web_workspace)}.ics")

    stamp = parsedate_to_datetime(answer.headers["last-modified"])
    settings = load_settings(web_workspace)
    from curriculum.catalogue import load_catalogue

    with open_register(web_workspace) as register:
        expected = Documents.of(settings, load_catalogue([])).plan_ics(register.workshops(), stamp)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/calendar; charset=utf-8"
    assert answer.content == expected


def test_feed_of_a_trainer_holds_only_their_workshops(client: TestClient, web_workspace: Path) -> None:
    body = client.get(f"/feeds/{token_of(web_workspace, 'trainer', 't-amina')}.ics").text

    assert ("Bamako" in body, "Dakar" in body, "Kyiv" in body) == (True, True, False)


def test_feed_unchanged_answers_304_to_if_none_match(client: TestClient, web_workspace: Path) -> None:
    url = f"/feeds/{token_of(web_workspace)}.ics"
    etag = client.get(url).headers["etag"]

    again = client.get(url, headers={"If-None-Match": etag})

    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)


def test_feed_unchanged_answers_304_to_if_modified_since(client: TestClient, web_workspace: Path) -> None:
    url = f"/feeds/{token_of(web_workspace)}.ics"
    modified = client.get(url).headers["last-modified"]

    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304


def test_feed_changed_workshop_gives_a_new_etag(client: TestClient, web_workspace: Path) -> None:
    url = f"/feeds/{token_of(web_workspace)}.ics"
    etag = client.get(url).headers["etag"]
    with open_register(web_workspace) as register:
        register.transition("W-ml-bamako", "confirmed")

    again = client.get(url, headers={"If-None-Match": etag})

    assert again.status_code == 200
    assert again.headers["etag"] != etag


def test_feed_unknown_token_answers_404(client: TestClient, web_workspace: Path) -> None:
    token_of(web_workspace)

    assert (client.get("/feeds/not-a-token.ics").status_code, client.get("/feeds/.ics").status_code) == (404, 404)


def test_feed_rotated_token_answers_404_and_the_new_one_200(client: TestClient, web_workspace: Path) -> None:
    old = token_of(web_workspace, "trainer", "t-amina")
    with open_register(web_workspace) as register:
        new = Accounts(register).rotate_feed("trainer", "t-amina")

    assert (client.get(f"/feeds/{old}.ics").status_code, client.get(f"/feeds/{new}.ics").status_code) == (404, 200)


def test_feed_token_without_ics_suffix_answers_404(client: TestClient, web_workspace: Path) -> None:
    assert client.get(f"/feeds/{token_of(web_workspace)}").status_code == 404


def test_feed_answers_head_with_the_headers_and_no_body(client: TestClient, web_workspace: Path) -> None:
    url = f"/feeds/{token_of(web_workspace)}.ics"

    head, get = client.head(url), client.get(url)

    assert (head.status_code, head.content, head.headers["etag"]) == (200, b"", get.headers["etag"])
