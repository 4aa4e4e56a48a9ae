"""`GET /verify/{code}` and `GET /verify?code=` (SPEC 9, 10): anyone checks a certificate, rate limited."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from starlette.testclient import TestClient

from exports.models import Participant
from tiptrain.register.accounts import LOOKUP_LIMIT, LOOKUP_MARK
from tiptrain.register.orm_accounts import LoginFailureRow

WORKSHOP = "W-ml-bamako"
VERIFY_URL = "https://example.org/verify/"


def person(name: str, email: str | None = None) -> Participant:
    """An invented participant present on all three days."""
    fields = {"name": name, "profession": "police", "sex": "f", "country": "ML", "attendance": [True] * 3}
    return Participant.model_validate({**fields, "email": email})


@pytest.fixture
def codes(web_app: FastAPI) -> dict[int, str]:
    """W-ml-bamako delivered with two invented participants, and their certificate codes."""
    register = web_app.state.web.register
    register.transition(WORKSHOP, "confirmed")
    register.deliver(WORKSHOP, [person("Fatou Inventee", "fatou@example.org"), person("Mariam Inventee")])
    return register.certificate_codes(WORKSHOP, 0.8)


def text_of(html: str) -> str:
    """The page's main text without tags, spaces collapsed."""
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_verify_shows_a_valid_certificate_with_only_what_it_prints(client: TestClient, codes) -> None:
    answer = client.get(f"/verify/{codes[1]}")

    shown = text_of(answer.text)
    assert answer.status_code == 200
    assert "Valid certificate" in shown
    assert "Fatou Inventee" in shown
    assert "Bamako, Mali" in shown
    assert "fatou@example.org" not in answer.text
    assert "Mariam" not in answer.text
    assert "t-amina" not in answer.text


def test_verify_reads_the_url_of_the_qr_code(client: TestClient, codes) -> None:
    answer = client.get("/verify", params={"code": VERIFY_URL + codes[2]})

    assert (answer.status_code, "Mariam Inventee" in answer.text) == (200, True)


def test_verify_reads_a_code_typed_in_lower_case_with_spaces(client: TestClient, codes) -> None:
    typed = codes[1].lower().replace("-", " ")

    assert client.get("/verify", params={"code": typed}).status_code == 200


def test_verify_shows_a_revoked_certificate_with_its_date_and_reason(
    client: TestClient, codes, web_app: FastAPI
) -> None:
    web_app.state.web.register.revoke_certificate(codes[1], "issued by mistake")

    shown = text_of(client.get(f"/verify/{codes[1]}").text)

    assert "This certificate was revoked" in shown
    assert "issued by mistake" in shown


def test_verify_shows_an_erased_holder_without_a_name(client: TestClient, codes, web_app: FastAPI) -> None:
    web_app.state.web.register.forget("Fatou Inventee")

    answer = client.get(f"/verify/{codes[1]}")

    assert answer.status_code == 200
    assert "the holder’s name was erased" in text_of(answer.text)
    assert "Fatou" not in answer.text


@pytest.mark.parametrize(
    "code",
    ["ABCD-EFGH-JKMN", "not a code", "x" * 5000, "%00", "..%2F..%2Fetc%2Fpasswd", "7KQM-R4TX-9WH0"],
)
def test_verify_answers_unknown_with_404_for_any_other_text(client: TestClient, code: str) -> None:
    answer = client.get(f"/verify/{code}")

    assert (answer.status_code, "Unknown code" in answer.text) == (404, True)


def test_verify_form_without_a_code_is_the_empty_form(client: TestClient) -> None:
    answer = client.get("/verify")

    assert (answer.status_code, 'name="code"' in answer.text, "Unknown code" in answer.text) == (200, True, False)


def test_verify_is_in_arabic_right_to_left(client: TestClient, codes) -> None:
    answer = client.get(f"/verify/{codes[1]}?lang=ar")

    assert ('dir="rtl"' in answer.text, "شهادة صحيحة" in answer.text) == (True, True)


def test_verify_over_the_limit_answers_429_for_that_address_only(client: TestClient, web_app: FastAPI) -> None:
    for _ in range(LOOKUP_LIMIT):
        assert client.get("/verify/ABCD-EFGH-JKMN").status_code == 404

    limited = client.get("/verify/ABCD-EFGH-JKMN")

    assert limited.status_code == 429
    assert client.get("/verify").status_code == 200  # the empty form costs nothing


def test_verify_limit_is_kept_in_the_register_so_every_process_shares_it(web_app: FastAPI) -> None:
    accounts = web_app.state.web.accounts
    for _ in range(LOOKUP_LIMIT):
        assert accounts.allow_lookup("203.0.113.9")

    assert (accounts.allow_lookup("203.0.113.9"), accounts.allow_lookup("203.0.113.10")) == (False, True)


def test_verify_lookups_never_count_as_failed_logins(client: TestClient, web_app: FastAPI) -> None:
    for _ in range(LOOKUP_LIMIT):
        client.get("/verify/ABCD-EFGH-JKMN")

    register = web_app.state.web.register
    with register.transaction() as session:
        rows = list(session.scalars(select(LoginFailureRow)))
    assert {(row.user_name, row.client) for row in rows} == {(LOOKUP_MARK, f"{LOOKUP_MARK}:testclient")}
    assert web_app.state.web.accounts.authenticate("kofi", "correct horse battery staple", "testclient") is not None
