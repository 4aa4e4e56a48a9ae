"""The `register` fixture: every register test runs on SQLite and on PostgreSQL.

PostgreSQL comes from env TIPTRAIN_TEST_PG_URL (start one with `eval "$(.ci/postgres.sh)"`); each test gets
a schema of its own, dropped afterwards. Without the variable the PostgreSQL half is skipped, except in CI
(env CI=true), where a missing database is a failure rather than a silent skip.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_kit import fresh_schema, postgres_url

from tiptrain.register.api import Register


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def register(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Register]:
    """An empty register (not yet migrated: the first call does it) on each backend."""
    if request.param == "sqlite":
        with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}") as opened:
            yield opened
        return
    with fresh_schema(postgres_url()) as url, Register(url) as opened:
        yield opened
