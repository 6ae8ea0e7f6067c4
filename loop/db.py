"""The loop's database: its URL (setting ``database_url``), one engine per URL, migrated to the newest schema on open.

SQLite (the default, a file in the cache directory) serialises writers: every transaction starts with
``BEGIN IMMEDIATE`` so two writers wait for each other (up to 30 s) instead of failing on a lock upgrade, and the
file is in WAL mode so readers never wait. PostgreSQL is driven by pg8000 (pure Python, BSD-3).
"""

from __future__ import annotations

import threading
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

import settings
from errors import DataError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_ENGINES: dict[str, sa.Engine] = {}
_LOCK = threading.Lock()


def database_url() -> str:
    """The setting ``database_url``, else a SQLite file loop.sqlite in the cache directory."""
    return settings.get("database_url") or f"sqlite:///{Path(settings.get('cache_dir')) / 'loop.sqlite'}"


def _driver_url(url: str) -> sa.URL:
    """``url`` as SQLAlchemy reads it, PostgreSQL through pg8000 (the one PostgreSQL driver installed)."""
    parsed = sa.make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+pg8000")
    return parsed


def create_engine(url: str) -> sa.Engine:
    """A new engine for ``url`` (SQLite: the parent directory made, immediate transactions, WAL)."""
    parsed = _driver_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy's BEGIN below, not the driver's deferred one
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @sa.event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (Alembic; ``head``: the newest)."""
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def current_revision(engine: sa.Engine) -> str | None:
    """The schema revision the database is at (None: empty)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest schema revision in loop/migrations."""
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def open_database(url: str | None = None) -> sa.Engine:
    """The engine of ``url`` (default ``database_url()``), its schema migrated to the newest once per process.

    A database that cannot be reached or migrated is a DataError naming the database kind, never its password.
    """
    url = url or database_url()
    with _LOCK:
        if url not in _ENGINES:
            engine = create_engine(url)
            try:
                upgrade(engine)
            except (sa.exc.SQLAlchemyError, OSError) as exc:
                engine.dispose()
                raise DataError("loop_database_error", kind=engine.dialect.name,
                                problem=type(getattr(exc, "orig", None) or exc).__name__) from None
            _ENGINES[url] = engine
        return _ENGINES[url]


def forget(url: str) -> None:
    """Close and forget the engine of ``url`` (tests drop their databases afterwards)."""
    with _LOCK:
        engine = _ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()
