"""The `register` fixture: every register test runs on SQLite and on PostgreSQL.

PostgreSQL comes from env TIPTRAIN_TEST_PG_URL (start one with `eval "$(.ci/postgres.sh)"`); each test gets
a schema of its own, dropped afterwards. Without the variable the PostgreSQL half is skipped, except in CI
(env CI=true), where a missing database is a failure rather than a silent skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tiptrain.register.api import Register

PG_ENV = "TIPTRAIN_TEST_PG_URL"


def postgres_url() -> str:
    """The test server's URL, or skip (fail in CI) when there is none."""
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI needs PostgreSQL: set {PG_ENV} (see .ci/postgres.sh)")
        pytest.skip(f"no PostgreSQL (set {PG_ENV})")
    return url


@contextmanager
def fresh_schema(base: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    admin = create_engine(make_url(base).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def register(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Register]:
    """An empty register (not yet migrated: the first call does it) on each backend."""
    if request.param == "sqlite":
        with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}") as opened:
            yield opened
        return
    with fresh_schema(postgres_url()) as url, Register(url) as opened:
        yield opened
