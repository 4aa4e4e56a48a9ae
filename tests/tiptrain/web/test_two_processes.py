"""Two `tiptrain serve` processes on one register serve the same sessions and data (issue 12 item 7).

Real processes on 127.0.0.1, on SQLite and (when TIPTRAIN_TEST_PG_URL is set, always in CI) PostgreSQL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from postgres_kit import fresh_schema, postgres_url
from web_kit import PASSWORD, build_workspace, csrf_of, user_name

from tiptrain.web.auth import SESSION_COOKIE

STARTUP = 60.0
"""Seconds a server may take to answer /healthz before the test gives up (not a timing assertion)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(workspace: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tiptrain", "--workspace", str(workspace), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return server, f"http://127.0.0.1:{port}"


def wait_healthy(base: str) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/healthz").status_code == 200:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{base} did not answer /healthz within {STARTUP} s")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def register_env(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    env = {key: value for key, value in os.environ.items() if key != "TIPTRAIN_DB_URL"}
    if request.param == "sqlite":
        yield env
        return
    with fresh_schema(postgres_url(), prefix="web") as url:
        yield {**env, "TIPTRAIN_DB_URL": url}


@pytest.mark.slow
def test_two_server_processes_share_sessions_and_data(
    tmp_path: Path, register_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "TIPTRAIN_DB_URL" in register_env:
        monkeypatch.setenv("TIPTRAIN_DB_URL", register_env["TIPTRAIN_DB_URL"])
    workspace = build_workspace(tmp_path / "ws")
    servers = [start(workspace, register_env) for _ in range(2)]
    try:
        for _, base in servers:
            wait_healthy(base)
        (_, one), (_, two) = servers
        with httpx2.Client(base_url=one) as first, httpx2.Client(base_url=two) as second:
            token = csrf_of(first.get("/login").text)
            first.post("/login", data={"username": user_name("office"), "password": PASSWORD, "csrf_token": token})
            second.cookies.set(SESSION_COOKIE, first.cookies[SESSION_COOKIE])

            page = second.get("/", follow_redirects=False)
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=30)

    assert page.status_code == 200
    assert ('href="/workshops/W-ml-bamako"' in page.text, 'href="/workshops/W-ua-kyiv"' in page.text) == (True, False)
