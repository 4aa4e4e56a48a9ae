"""The PostgreSQL side of the tests: the server from TIPTRAIN_TEST_PG_URL and a throwaway schema per test.

Shared by the register tests and the hardening tests. Without the variable a PostgreSQL test is skipped
with the reason, except in CI (env CI=true), where a missing database is a failure, not a silent skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from ci_kit import missing

PG_ENV = "TIPTRAIN_TEST_PG_URL"


def postgres_url() -> str:
    """The test server's URL, or skip (fail in CI) when there is none."""
    url = os.environ.get(PG_ENV)
    if not url:
        missing(
            f"CI needs PostgreSQL: set {PG_ENV} (see .ci/postgres.sh)",
            f'no PostgreSQL (set {PG_ENV}; start one with `eval "$(.ci/postgres.sh)"`)',
        )
    return url


@contextmanager
def fresh_schema(base: str, prefix: str = "t") -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(base).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
