"""Attacks on the web application (issue 12 item 9): CSRF, session fixation, upload limits, path and header
injection, security headers, open redirects. One app for the module; POSTs come from the route table, so a
new POST route is attacked as soon as it has its row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import Depends, FastAPI, Request
from route_table import TABLE, W_OFFICE, Row
from starlette.testclient import TestClient
from test_route_roles import Site
from web_kit import PASSWORD, copy_workspace, csrf_of, log_in, new_client, user_name

from tiptrain.web.auth import SESSION_COOKIE
from tiptrain.web.security import body_limit

TEMPLATES = Path(__file__).resolve().parents[3] / "tiptrain" / "web" / "templates"
POSTS = [row for row in TABLE if row.method == "POST" and row.path != "/login"]
EVIL = (
    "//evil.example/x",
    "https://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "http:evil.example",
    "/\t/evil.example",
    " //evil.example",
    "javascript:alert(1)",
)


@pytest.fixture(scope="module")
def site(built_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    made = Site(copy_workspace(built_workspace, tmp_path_factory.mktemp("security") / "ws"))
    yield made
    made.close()


# CSRF ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", POSTS, ids=[row.path for row in POSTS])
@pytest.mark.parametrize("token", [None, "wrong", ""])
def test_every_post_without_the_sessions_csrf_token_answers_403_and_changes_nothing(
    site: Site, row: Row, token: str | None
) -> None:
    site.require_registered(row)
    coordinator = site.client("coordinator")
    data = dict(row.data) | ({"csrf_token": token} if token is not None else {})
    before = site.snapshot()

    answer = coordinator.post(
        row.url(row.targets[0] if row.targets[0] != "W-nowhere" else W_OFFICE), data=data, follow_redirects=False
    )

    assert (answer.status_code, site.snapshot()) == (403, before)


def test_post_with_another_sessions_csrf_token_answers_403(site: Site) -> None:
    theirs = csrf_of(site.client("viewer").get("/").text)

    answer = site.client("coordinator").post("/logout", data={"csrf_token": theirs}, follow_redirects=False)

    assert answer.status_code == 403


@pytest.mark.parametrize("token", [None, "wrong"])
def test_login_without_the_login_forms_token_answers_403(site: Site, token: str | None) -> None:
    with new_client(site.app) as anonymous:
        anonymous.get("/login")  # the form's token cookie, but the field is missing or wrong
        data = {"username": user_name("coordinator"), "password": PASSWORD} | ({"csrf_token": token} if token else {})

        answer = anonymous.post("/login", data=data, follow_redirects=False)

    assert (answer.status_code, SESSION_COOKIE in answer.cookies) == (403, False)


# session fixation ---------------------------------------------------------------------------------------


def test_a_session_cookie_set_before_login_is_not_adopted(site: Site) -> None:
    planted = site.app.state.web.signer.sign("attacker-chosen-session-id").decode("ascii")
    with new_client(site.app) as victim:
        victim.cookies.set(SESSION_COOKIE, planted, domain="testserver.local", path="/")
        log_in(victim, user_name("coordinator"))
        given = victim.cookies.get(SESSION_COOKIE)
    with new_client(site.app) as attacker:
        attacker.cookies.set(SESSION_COOKIE, planted)
        answer = attacker.get("/", follow_redirects=False)

    assert given not in (None, planted)
    assert (answer.status_code, answer.headers["location"]) == (303, "/login?next=%2F")


def test_a_session_cookie_after_logout_opens_nothing(site: Site) -> None:
    with new_client(site.app) as browser:
        log_in(browser, user_name("viewer"))
        copied = browser.cookies.get(SESSION_COOKIE) or ""
        browser.post("/logout", data={"csrf_token": csrf_of(browser.get("/").text)})
    with new_client(site.app) as attacker:
        attacker.cookies.set(SESSION_COOKIE, copied)
        answer = attacker.get("/", follow_redirects=False)

    assert answer.status_code == 303


# upload limits ------------------------------------------------------------------------------------------


def limited_app(limit: int) -> FastAPI:
    """A route guarded as upload routes are: body_limit, then the form."""
    app = FastAPI()

    @app.post("/upload", dependencies=[Depends(body_limit(limit))])
    async def upload(request: Request) -> dict[str, int]:
        async with request.form() as form:
            return {"fields": len(form)}

    return app


def test_body_limit_answers_413_to_a_body_over_the_limit() -> None:
    with TestClient(limited_app(1000)) as client:
        small = client.post("/upload", files={"roster": ("r.csv", b"x" * 100, "text/csv")})
        large = client.post("/upload", files={"roster": ("r.csv", b"x" * 2000, "text/csv")})

    assert (small.status_code, large.status_code) == (200, 413)


def test_body_limit_answers_413_to_a_streamed_body_without_length() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b"x" * 100

    with TestClient(limited_app(1000)) as client:
        answer = client.post("/upload", content=chunks(), headers={"content-type": "application/octet-stream"})

    assert answer.status_code == 413


def test_roster_upload_over_the_limit_answers_413_and_stores_nothing(site: Site) -> None:
    from tiptrain.web.security import UPLOAD_LIMIT

    row = next(row for row in TABLE if row.path.endswith("/deliver"))
    site.require_registered(row)
    coordinator = site.client("coordinator")
    token = csrf_of(coordinator.get("/").text)
    before = site.snapshot()

    answer = coordinator.post(
        row.url(W_OFFICE),
        data={"csrf_token": token},
        files={"roster": ("roster.csv", b"a" * (UPLOAD_LIMIT + 1), "text/csv")},
        follow_redirects=False,
    )

    assert (answer.status_code, site.snapshot()) == (413, before)


def test_roster_upload_of_another_type_is_refused_with_a_message_not_500(site: Site) -> None:
    row = next(row for row in TABLE if row.path.endswith("/deliver"))
    site.require_registered(row)
    coordinator = site.client("coordinator")
    site.app.state.web.register.transition(W_OFFICE, "confirmed", "security test")
    token = csrf_of(coordinator.get("/").text)
    before = site.snapshot()

    answer = coordinator.post(
        row.url(W_OFFICE),
        data={"csrf_token": token},
        files={"roster": ("roster.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "application/octet-stream")},
        follow_redirects=False,
    )

    assert (400 <= answer.status_code < 500, site.snapshot()) == (True, before)


# path injection -----------------------------------------------------------------------------------------

STRANGE_IDS = (
    "..%2F..%2Fetc%2Fpasswd",
    "..%2F..%2Ftiptrain.toml",
    "W%00x",
    "%00",
    "W-" + "x" * 5000,
    "%FF%FE",
    "W-ml-bamako%0d%0aX-Injected:%201",
    "%2e%2e",
)
ID_ROUTES = (
    "/workshops/{}",
    "/workshops/{}/pack.pdf",
    "/api/workshops/{}",
    "/trainers/{}",
    "/verify/{}",
    "/feeds/{}.ics",
    "/requests/{}/accept",
)


@pytest.mark.parametrize("route", ID_ROUTES)
@pytest.mark.parametrize("strange", STRANGE_IDS)
def test_strange_ids_answer_404_never_500(site: Site, route: str, strange: str) -> None:
    url = route.format(strange)
    if route.startswith("/api/"):
        answer = site.client("coordinator").get(url, headers={"Authorization": f"Bearer {site.tokens['coordinator']}"})
    elif route.endswith("/accept"):
        answer = site.client("coordinator").post(
            url, data={"csrf_token": csrf_of(site.client("coordinator").get("/").text)}
        )
    else:
        answer = site.client("coordinator").get(url, follow_redirects=False)

    assert answer.status_code in (404, 405), (answer.status_code, answer.text[:200])
    assert "x-injected" not in answer.headers


@pytest.mark.parametrize("path", ["/static/..%2F..%2Fpyproject.toml", "/static/..%2Fapp.py", "/static/%2e%2e/app.py"])
def test_static_files_never_serve_what_is_outside_the_folder(site: Site, path: str) -> None:
    answer = site.client("anonymous").get(path)

    assert answer.status_code == 404
    assert "import" not in answer.text


# header injection and open redirects --------------------------------------------------------------------


def login_answer(site: Site, next_value: str) -> tuple[int, str]:
    with new_client(site.app) as anonymous:
        token = csrf_of(anonymous.get("/login").text)
        answer = anonymous.post(
            "/login",
            data={"username": user_name("viewer"), "password": PASSWORD, "csrf_token": token, "next": next_value},
            follow_redirects=False,
        )
    return answer.status_code, answer.headers["location"]


@pytest.mark.parametrize("next_value", ["/\r\nSet-Cookie: evil=1", "/plan\r\nLocation: https://evil.example", "/\x00x"])
def test_a_next_with_control_characters_goes_home_without_injected_headers(site: Site, next_value: str) -> None:
    assert login_answer(site, next_value) == (303, "/")


@pytest.mark.parametrize("next_value", EVIL)
def test_login_never_redirects_to_another_site(site: Site, next_value: str) -> None:
    assert login_answer(site, next_value) == (303, "/")


@pytest.mark.parametrize("next_value", EVIL)
def test_login_page_of_a_signed_in_user_never_redirects_to_another_site(site: Site, next_value: str) -> None:
    answer = site.client("viewer").get("/login", params={"next": next_value}, follow_redirects=False)

    assert (answer.status_code, answer.headers["location"]) == (303, "/")


def test_login_keeps_a_local_next(site: Site) -> None:
    assert login_answer(site, "/plan?lang=fr") == (303, "/plan?lang=fr")


INJECTED_LANGS = ("en%0d%0aSet-Cookie:%20evil=1", "ar%0d%0aX-Evil:%201", "ar;Path=/x", "ar%3BPath%3D%2Fx")


@pytest.mark.parametrize("lang", INJECTED_LANGS)
def test_a_lang_with_injected_text_sets_no_header(site: Site, lang: str) -> None:
    answer = site.client("viewer").get(f"/?lang={lang}")

    assert answer.status_code == 200
    assert "evil" not in str(answer.headers).lower()
    assert "lang=" not in answer.headers.get("set-cookie", "")


# security headers ---------------------------------------------------------------------------------------


def header_cases(site: Site) -> dict[str, object]:
    coordinator, anonymous = site.client("coordinator"), site.client("anonymous")
    bearer = {"Authorization": f"Bearer {site.tokens['viewer']}"}
    return {
        "page": coordinator.get("/"),
        "login page": anonymous.get("/login"),
        "redirect": anonymous.get("/", follow_redirects=False),
        "api": anonymous.get("/api/workshops", headers=bearer),
        "api 401": anonymous.get("/api/workshops"),
        "api 404": anonymous.get("/api/workshops/W-nowhere", headers=bearer),
        "openapi": anonymous.get("/api/openapi.json"),
        "static": anonymous.get("/static/tiptrain.css"),
        "404 page": coordinator.get("/no-such-page"),
        "403 page": site.client("office").get("/outbox"),
        "verify": anonymous.get("/verify/ABCD-EFGH-JKMN"),
        "feed 404": anonymous.get("/feeds/nothing.ics"),
    }


def test_every_kind_of_answer_carries_the_security_headers(site: Site) -> None:
    for kind, answer in header_cases(site).items():
        headers = answer.headers  # type: ignore[attr-defined]
        policy = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";"))
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], kind
        assert policy["frame-ancestors"] == "'none'", kind
        assert headers["x-content-type-options"] == "nosniff", kind
        assert headers["referrer-policy"] in ("same-origin", "no-referrer", "strict-origin-when-cross-origin"), kind


def test_templates_have_no_inline_script_or_style_attribute() -> None:
    found = {}
    for template_file in sorted(TEMPLATES.glob("*.html")):
        text = template_file.read_text(encoding="utf-8")
        inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=", text)
        if inline:
            found[template_file.name] = inline
    assert found == {}


def test_session_cookie_is_httponly_and_samesite(site: Site) -> None:
    with new_client(site.app) as anonymous:
        token = csrf_of(anonymous.get("/login").text)
        answer = anonymous.post(
            "/login",
            data={"username": user_name("viewer"), "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )

    cookie = next(line for line in answer.headers.get_list("set-cookie") if line.startswith(SESSION_COOKIE))
    assert ("HttpOnly" in cookie, "SameSite=lax" in cookie.replace("samesite", "SameSite")) == (True, True)
