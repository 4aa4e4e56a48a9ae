"""GET /workshops/{id}: what each role sees of a workshop, and that out of reach is exactly like missing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web_kit import open_register

from exports.models import Participant

Client = Callable[[str], TestClient]


def forms_of(html: str) -> list[str]:
    """The action paths of the page's POST forms (the logout form left out)."""
    return [path for path in re.findall(r'<form method="post" action="([^"]+)"', html) if path != "/logout"]


def deliver_directly(workspace: Path, workshop_id: str, people: list[Participant]) -> None:
    """Confirm and deliver in the register, as the command line does (no actor)."""
    with open_register(workspace) as register:
        register.transition(workshop_id, "confirmed", "host agreed")
        register.deliver(workshop_id, people)


def person(name: str, profession: str = "police", sex: str = "f") -> Participant:
    return Participant(
        name=name, organisation="Brigade des mineurs", profession=profession, sex=sex, country="ML",
        attendance=[True, True, True],
    )  # fmt: skip


def test_workshop_page_shows_dates_place_title_team_agenda_for_the_coordinator(client_for: Client) -> None:
    page = client_for("coordinator").get("/workshops/W-ml-bamako?lang=en")

    assert page.status_code == 200
    html = page.text
    assert "<h1>Investigating and prosecuting trafficking in persons</h1>" in html
    assert "1 Feb 2027 – 3 Feb 2027" in html
    assert "Bamako, Mali" in html
    assert "Amina Sow-Keita" in html and "Pedro Alcántara Rivas" in html
    assert html.count("<table>\n        <caption>Day ") == 3  # the agenda: one table per day
    assert '<span class="badge status-planned" id="status">planned</span>' in html


def test_workshop_page_title_and_direction_follow_the_page_language(client_for: Client) -> None:
    html = client_for("coordinator").get("/workshops/W-ml-bamako?lang=ar").text

    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>التحقيق في قضايا الاتجار بالأشخاص والملاحقة القضائية لمرتكبيها</h1>" in html


@pytest.mark.parametrize(
    ("role", "workshop_id"),
    [("office", "W-ua-kyiv"), ("office", "W-sn-dakar"), ("trainer", "W-ua-kyiv")],
)
def test_workshop_page_out_of_reach_answers_exactly_as_a_missing_workshop(
    client_for: Client, role: str, workshop_id: str
) -> None:
    user = client_for(role)

    hidden = user.get(f"/workshops/{workshop_id}")
    missing = user.get("/workshops/W-nowhere")

    assert (hidden.status_code, hidden.text.replace(workshop_id, "W-nowhere")) == (404, missing.text)


@pytest.mark.parametrize(("role", "workshop_id"), [("office", "W-ml-bamako"), ("trainer", "W-sn-dakar")])
def test_workshop_page_answers_users_who_reach_the_workshop(client_for: Client, role: str, workshop_id: str) -> None:
    assert client_for(role).get(f"/workshops/{workshop_id}").status_code == 200


def test_workshop_page_without_a_session_redirects_to_login(client: TestClient) -> None:
    answer = client.get("/workshops/W-ml-bamako", follow_redirects=False)

    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2Fworkshops%2FW-ml-bamako")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinator", ["/workshops/W-ml-bamako/confirm", "/workshops/W-ml-bamako/cancel"]),
        ("office", ["/workshops/W-ml-bamako/confirm", "/workshops/W-ml-bamako/cancel"]),
        ("trainer", []),
        ("viewer", []),
    ],
)
def test_workshop_page_offers_the_actions_of_the_role(client_for: Client, role: str, expected: list[str]) -> None:
    assert forms_of(client_for(role).get("/workshops/W-ml-bamako").text) == expected


def test_workshop_page_of_a_confirmed_workshop_offers_delivery_with_an_upload(
    client_for: Client, web_workspace: Path
) -> None:
    with open_register(web_workspace) as register:
        register.transition("W-ml-bamako", "confirmed")

    html = client_for("office").get("/workshops/W-ml-bamako").text

    assert forms_of(html) == ["/workshops/W-ml-bamako/deliver", "/workshops/W-ml-bamako/cancel"]
    assert 'enctype="multipart/form-data"' in html and 'name="roster" type="file"' in html
    assert 'name="replace"' not in html


def test_workshop_page_of_a_delivered_workshop_offers_to_replace_the_roster(
    client_for: Client, web_workspace: Path
) -> None:
    deliver_directly(web_workspace, "W-ml-bamako", [person("Awa Traoré")])

    html = client_for("coordinator").get("/workshops/W-ml-bamako").text

    assert forms_of(html) == ["/workshops/W-ml-bamako/deliver"]
    assert '<input type="hidden" name="replace" value="1">' in html
    assert "Replace the roster" in html


def test_workshop_page_history_names_who_made_each_change(client_for: Client, web_workspace: Path) -> None:
    with open_register(web_workspace) as register:
        register.transition("W-ml-bamako", "confirmed", "ministry letter", by="kofi")

    html = client_for("office").get("/workshops/W-ml-bamako").text

    rows = re.findall(r'<td data-label="By" class="actor">(.*?)</td>', html)
    assert rows == ['<span class="muted">command line</span>', "<bdi>kofi</bdi>"]  # the stored plan, then the web user
    assert "ministry letter" in html


def test_workshop_page_shows_a_viewer_no_names(client_for: Client, web_workspace: Path) -> None:
    with open_register(web_workspace) as register:
        register.transition("W-ml-bamako", "confirmed", by="kofi")
        register.deliver("W-ml-bamako", [person("Mariam Koné"), person("Oumar Diallo", "judges", "m")], by="kofi")

    html = client_for("viewer").get("/workshops/W-ml-bamako").text

    for name in ("Amina Sow-Keita", "Pedro Alcántara Rivas", "Mariam Koné", "Oumar Diallo", "kofi"):
        assert name not in html
    assert "Trainers: 2" in html
    assert re.findall(r'<dd id="roster-total">(\d+)</dd>', html) == ["2"]
    assert "/pack.pdf" not in html and "Names are not shown to viewers." in html


def test_workshop_page_roster_counts_by_profession_and_sex_with_names_for_staff(
    client_for: Client, web_workspace: Path
) -> None:
    deliver_directly(web_workspace, "W-ml-bamako", [person("Mariam Koné"), person("Oumar Diallo", "judges", "m")])

    html = client_for("trainer").get("/workshops/W-ml-bamako").text

    tallies = re.findall(r"<li><span>([^<]+)</span> <span class=\"n\">(\d+)</span></li>", html)
    assert tallies == [("Police officer", "1"), ("Judge", "1"), ("Women", "1"), ("Men", "1")]
    assert "Mariam Koné" in html and "Oumar Diallo" in html


@pytest.mark.parametrize("done", ["confirmed", "<script>"])
def test_workshop_page_notice_comes_only_from_the_known_actions(client_for: Client, done: str) -> None:
    html = client_for("coordinator").get("/workshops/W-ml-bamako", params={"done": done}).text

    notices = re.findall(r'<p class="notice" role="status">(.*?)</p>', html)
    assert notices == (["The workshop is confirmed."] if done == "confirmed" else [])
