"""Every loop test runs on SQLite and on a real PostgreSQL started for the session (tests/support/postgres.py)."""

from __future__ import annotations

import pytest

from loop import db
from tests.support import postgres


@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = postgres.binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (Debian's postgresql package: .ci/run installs it); "
                    "the PostgreSQL half of the loop tests did not run")
    server = postgres.Server(bin_dir)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database's URL, of each kind in turn."""
    url = f"sqlite:///{tmp_path / 'loop.sqlite'}" if request.param == "sqlite" else \
        request.getfixturevalue("postgres_server").create()
    yield url
    db.forget(url)


@pytest.fixture
def engine(database_url):
    """An engine of the empty database, migrated to the newest schema."""
    return db.open_database(database_url)
