"""Database fixtures: the same tests on a real SQLite file and a real PostgreSQL server.

PostgreSQL comes from ``OCOP_TEST_POSTGRES_URL`` (``source .ci/postgres.sh`` sets one up); each test
gets its own schema there (``search_path`` in the URL), dropped afterwards. Without the variable
the PostgreSQL cases are skipped, except under ``CI=true``, where they fail. Imported by conftest.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.schema import CreateSchema, DropSchema

from ocop_geo.database.store import Store

POSTGRES_ENV = "OCOP_TEST_POSTGRES_URL"


def _postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if url:
        return url
    reason = (
        f"{POSTGRES_ENV} is not set, so there is no PostgreSQL to test against "
        "(`source .ci/postgres.sh` installs one and sets it)"
    )
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason}; CI=true, and CI must not skip the PostgreSQL tests", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """A connection pool to the test database, used to create and drop per-test schemas."""
    engine = create_engine(_postgres_url())
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A store on a brand-new, never upgraded database."""
    if request.param == "sqlite":
        store = Store.from_url(f"sqlite:///{tmp_path / 'var' / 'ocop_geo.sqlite3'}")
        yield store
        store.close()
        return
    admin: Engine = request.getfixturevalue("postgres_admin")
    schema = f"test_store_{uuid.uuid4().hex[:16]}"
    with admin.begin() as conn:
        conn.execute(CreateSchema(schema))
    url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
    store = Store.from_url(url.render_as_string(hide_password=False))
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(DropSchema(schema, cascade=True))


@pytest.fixture
def store(empty_store: Store) -> Store:
    empty_store.upgrade()
    return empty_store


def seeded_readiness(folder: Path) -> tuple[Store, Any, Any]:
    """A migrated SQLite database in ``folder`` seeded with the committed criteria; returns the
    store, the criteria and the committed sites layer."""
    from ocop_geo.config import Settings
    from ocop_geo.readiness import report

    settings = Settings()
    sites = report.load_sites(settings)
    criteria = report.load_checklist(settings, sites.index)
    db = Store.from_url(f"sqlite:///{folder / 'db.sqlite3'}")
    db.upgrade()
    report.seed(db, criteria)
    return db, criteria, sites
