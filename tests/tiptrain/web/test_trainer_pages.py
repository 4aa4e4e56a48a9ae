"""`/trainers/{id}`: a trainer's schedule, days away and calendar feed, for the coordinator and that trainer only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web_kit import copy_workspace, csrf_of, open_register, post_form

from tiptrain.context import App
from tiptrain.inputs_sync import import_workspace
from tiptrain.register import requests_review
from tiptrain.register.accounts import Accounts
from tiptrain.settings import load_settings

AMINA = "/trainers/t-amina"
LEAVE = [(date(2027, 6, 7), date(2027, 6, 18))]
"""t-amina's annual leave in the sample trainers.yaml."""


@pytest.fixture
def web_workspace(built_workspace: Path, tmp_path: Path) -> Path:
    """The web workspace with its trainers and requests files imported into the register, as `plan` does."""
    folder = copy_workspace(built_workspace, tmp_path / "ws")
    with open_register(folder) as register:
        import_workspace(register, load_settings(folder), App(workspace=str(folder)).catalogue())
    return folder


def stored_ranges(workspace: Path, trainer: str = "t-amina") -> list[tuple[date, date]]:
    with open_register(workspace) as register:
        return requests_review.unavailable(register, trainer)


def save(client: TestClient, fields: dict[str, str], trainer: str = "t-amina") -> tuple[int, str]:
    answer = post_form(client, f"/trainers/{trainer}/availability", fields, page=f"/trainers/{trainer}/availability")
    return answer.status_code, answer.text


@pytest.mark.parametrize("role", ["coordinator", "trainer"])
def test_trainer_page_opens_for_the_coordinator_and_that_trainer(
    client_for: Callable[[str], TestClient], role: str
) -> None:
    page = client_for(role).get(AMINA)

    assert page.status_code == 200
    assert "Amina Sow-Keita" in page.text


@pytest.mark.parametrize("role", ["office", "viewer"])
def test_trainer_page_refuses_other_roles(client_for: Callable[[str], TestClient], role: str) -> None:
    assert client_for(role).get(AMINA).status_code == 403


def test_trainer_page_refuses_the_trainer_another_trainers_page(client_for: Callable[[str], TestClient]) -> None:
    trainer = client_for("trainer")

    assert (
        trainer.get("/trainers/t-karim").status_code,
        trainer.get("/trainers/t-karim/availability").status_code,
    ) == (
        403,
        403,
    )


def test_trainer_page_unknown_id_answers_404(client_for: Callable[[str], TestClient]) -> None:
    assert client_for("coordinator").get("/trainers/t-nobody").status_code == 404


def test_trainer_page_anonymous_goes_to_login(client: TestClient) -> None:
    answer = client.get(AMINA, follow_redirects=False)

    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2Ftrainers%2Ft-amina")


def test_trainer_page_lists_their_workshops_in_date_order_with_links(client_for: Callable[[str], TestClient]) -> None:
    text = client_for("trainer").get(AMINA).text

    links = [text.find('href="/workshops/W-ml-bamako"'), text.find('href="/workshops/W-sn-dakar"')]
    assert (links[0] > 0, links[1] > links[0], "W-ua-kyiv" in text) == (True, True, False)


def test_trainer_page_shows_the_feed_url_that_serves_their_calendar(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    trainer = client_for("trainer")
    with open_register(web_workspace) as register:
        token = Accounts(register).feed_token("trainer", "t-amina")

    text = trainer.get(AMINA).text
    feed = trainer.get(f"/feeds/{token}.ics")

    assert f'value="http://testserver/feeds/{token}.ics"' in text
    assert f'href="webcal://testserver/feeds/{token}.ics"' in text
    assert (feed.status_code, "Bamako" in feed.text) == (200, True)


def test_trainer_feed_rotate_makes_the_old_url_answer_404(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    trainer = client_for("trainer")
    with open_register(web_workspace) as register:
        old = Accounts(register).feed_token("trainer", "t-amina")

    answer = post_form(trainer, f"{AMINA}/feed/rotate", page=AMINA)
    with open_register(web_workspace) as register:
        new = Accounts(register).feed_token("trainer", "t-amina")

    assert (answer.status_code, answer.headers["location"]) == (303, f"{AMINA}?rotated=1")
    assert (new != old, trainer.get(f"/feeds/{old}.ics").status_code, trainer.get(f"/feeds/{new}.ics").status_code) == (
        True,
        404,
        200,
    )


def test_trainer_feed_rotate_refuses_other_roles_and_a_missing_csrf(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    with open_register(web_workspace) as register:
        old = Accounts(register).feed_token("trainer", "t-amina")
    office = client_for("office")
    trainer = client_for("trainer")

    refused = post_form(office, f"{AMINA}/feed/rotate").status_code
    forged = trainer.post(f"{AMINA}/feed/rotate", data={"csrf_token": "forged"}, follow_redirects=False).status_code
    with open_register(web_workspace) as register:
        after = Accounts(register).feed_token("trainer", "t-amina")

    assert (refused, forged, after) == (403, 403, old)


def test_availability_page_lists_the_ranges_with_empty_rows(client_for: Callable[[str], TestClient]) -> None:
    text = client_for("trainer").get(f"{AMINA}/availability").text

    assert ('name="from_0" value="2027-06-07"' in text, 'name="to_0" value="2027-06-18"' in text) == (True, True)
    assert ('name="from_3" value=""' in text, 'name="from_4"' in text) == (True, False)
    assert "re-plan" in text


def test_availability_save_replaces_the_ranges_and_records_the_user(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    fields = {"from_0": "2027-06-07", "to_0": "2027-06-18", "from_1": "2027-03-01", "to_1": "2027-03-05"}

    status, _ = save(client_for("trainer"), fields)

    assert (status, stored_ranges(web_workspace)) == (303, [(date(2027, 3, 1), date(2027, 3, 5)), *LEAVE])
    assert client_for("trainer").get(AMINA).text.count("2027") >= 2


def test_availability_remove_checkbox_drops_a_range(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    status, _ = save(client_for("coordinator"), {"from_0": "2027-06-07", "to_0": "2027-06-18", "remove_0": "1"})

    assert (status, stored_ranges(web_workspace)) == (303, [])


def test_availability_bad_rows_are_all_named_and_nothing_is_stored(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    fields = {
        "from_0": "2027-06-07",
        "to_0": "2027-06-18",
        "from_1": "2027-05-10",
        "to_1": "2027-05-01",
        "from_2": "2027-05-20",
        "to_2": "",
        "from_3": "2099-01-01",
        "to_3": "2099-01-02",
    }

    status, text = save(client_for("trainer"), fields)

    assert status == 400
    assert (
        "Row 2: the last day comes before the first." in text,
        "Row 3: give both" in text,
        "Row 4: days from" in text,
    ) == (
        True,
        True,
        True,
    )
    assert ('value="2027-05-10"' in text, 'value="2099-01-01"' in text) == (True, True)
    assert stored_ranges(web_workspace) == LEAVE


def test_availability_save_refuses_other_roles_and_a_missing_csrf(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    office = client_for("office")
    trainer = client_for("trainer")
    fields = {"from_0": "2027-03-01", "to_0": "2027-03-02"}

    refused = post_form(office, f"{AMINA}/availability", fields).status_code
    forged = trainer.post(f"{AMINA}/availability", data={**fields, "csrf_token": "x"}, follow_redirects=False)

    assert (refused, forged.status_code, stored_ranges(web_workspace)) == (403, 403, LEAVE)


def test_availability_form_has_the_sessions_csrf_token(client_for: Callable[[str], TestClient]) -> None:
    trainer = client_for("trainer")

    assert csrf_of(trainer.get(f"{AMINA}/availability").text) == csrf_of(trainer.get("/").text)


def test_trainer_feed_works_with_the_trainers_only_in_the_register(
    client_for: Callable[[str], TestClient], web_workspace: Path
) -> None:
    (web_workspace / "trainers.yaml").unlink()
    trainer = client_for("trainer")
    with open_register(web_workspace) as register:
        token = Accounts(register).feed_token("trainer", "t-amina")

    feed = trainer.get(f"/feeds/{token}.ics")

    assert (feed.status_code, "Bamako" in feed.text) == (200, True)


def test_users_add_checks_a_trainer_id_against_the_register_without_a_file(web_workspace: Path) -> None:
    from click.testing import CliRunner

    from tiptrain.cli import cli

    (web_workspace / "trainers.yaml").unlink()
    add = ["--workspace", str(web_workspace), "users", "add", "--role", "trainer", "--password-stdin"]

    unknown = CliRunner().invoke(cli, [*add, "nobody", "--trainer", "t-nobody"], input="a long enough password\n")
    known = CliRunner().invoke(cli, [*add, "karim", "--trainer", "t-karim"], input="a long enough password\n")

    assert (unknown.exit_code, "--trainer 't-nobody': no such trainer in the workspace" in str(unknown.exception)) == (
        1,
        True,
    )
    assert known.exit_code == 0, known.output
