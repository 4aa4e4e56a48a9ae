"""Fixtures of the web tests: a built workspace per test, the app over it, clients signed in by role.

web_workspace      Path of a fresh copy of the built workspace (web_kit.build_workspace)
web_app            create_app(web_workspace), closed after the test
client             an anonymous TestClient of web_app
client_for(role)   a TestClient signed in as the user of `role` (coordinator, office, trainer, viewer)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient
from web_kit import build_workspace, copy_workspace, log_in, new_client, user_name

from tiptrain.web.app import create_app


@pytest.fixture(scope="session")
def built_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per run (password hashing and storing take a moment); tests use copies."""
    return build_workspace(tmp_path_factory.mktemp("web-template") / "ws")


@pytest.fixture
def web_workspace(built_workspace: Path, tmp_path: Path) -> Path:
    return copy_workspace(built_workspace, tmp_path / "ws")


@pytest.fixture
def web_app(web_workspace: Path) -> Iterator[FastAPI]:
    app = create_app(web_workspace)
    yield app
    app.state.web.close()


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with new_client(web_app) as anonymous:
        yield anonymous


@pytest.fixture
def client_for(web_app: FastAPI) -> Iterator[Callable[[str], TestClient]]:
    with ExitStack() as stack:

        def signed_in(role: str) -> TestClient:
            made = stack.enter_context(new_client(web_app))
            log_in(made, user_name(role))
            return made

        yield signed_in
