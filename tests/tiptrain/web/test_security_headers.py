"""Every response carries the security headers: pages, errors, redirects, static files, feeds, the API."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from tiptrain.web.security import CSP


@pytest.mark.parametrize("path", ["/login", "/", "/healthz", "/static/tiptrain.css", "/api/me", "/nowhere"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    answer = client.get(path, follow_redirects=False)

    headers = {name: answer.headers.get(name) for name in HEADER_NAMES}
    assert headers == EXPECTED


def test_security_headers_on_a_signed_in_page(client_for: Callable[[str], TestClient]) -> None:
    answer = client_for("coordinator").get("/")

    assert {name: answer.headers.get(name) for name in HEADER_NAMES} == EXPECTED


def test_csp_forbids_inline_script_and_framing() -> None:
    assert ("script-src 'self';" in CSP, "frame-ancestors 'none'" in CSP, "unsafe-inline" in CSP) == (
        True,
        True,
        False,
    )


def test_pages_carry_no_inline_script_or_style(client_for: Callable[[str], TestClient]) -> None:
    page = client_for("coordinator").get("/?lang=ar").text

    assert ("<script" in page, " style=" in page, "<style" in page) == (False, False, False)


def test_no_docs_pages_from_a_cdn_and_openapi_under_api(client: TestClient) -> None:
    assert (client.get("/docs").status_code, client.get("/redoc").status_code) == (404, 404)
    assert client.get("/api/openapi.json").json()["paths"]["/api/me"]


HEADER_NAMES = ("content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options")
EXPECTED = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
