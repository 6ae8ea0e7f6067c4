"""The process's one DuckDB database; every thread works through its own cursor."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import duckdb
import polars as pl

import settings
from errors import CacheError

_lock = threading.Lock()
_database: duckdb.DuckDBPyConnection | None = None
_local = threading.local()


def database() -> duckdb.DuckDBPyConnection:
    """The process-wide in-memory database, created once with the configured limits."""
    global _database
    with _lock:
        if _database is None:
            con = duckdb.connect(":memory:")
            # The one place threads and memory are set.
            con.sql(f"SET threads = {settings.get_int('threads')}")
            con.sql("SET memory_limit = $limit", params={"limit": settings.get("memory_limit")})
            con.sql("SET preserve_insertion_order = false")
            # Spill big sorts and windows (the journey-facts pass over tens of millions of events)
            # to disk under the memory limit instead of failing or swapping.
            spill = writable(Path(settings.get("cache_dir")), "duckdb-spill")
            con.sql("SET temp_directory = $dir", params={"dir": str(spill)})
            _database = con
        return _database


def writable(directory: Path, sub: str) -> Path:
    """``directory / sub``, created if needed and checked by writing a file in it (``os.access`` says yes to
    root on a read-only mount); a CacheError naming ``directory`` when it cannot be used."""
    try:
        (directory / sub).mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=directory / sub, prefix=".probe-")
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        raise CacheError(directory, exc.strerror or type(exc).__name__) from None
    return directory / sub


def cursor() -> duckdb.DuckDBPyConnection:
    """This thread's cursor on the shared database (one connection may not serve two threads at once)."""
    cur = getattr(_local, "cursor", None)
    if cur is None:
        cur = database().cursor()
        _local.cursor = cur
    return cur


def query(sql: str, params: dict | None = None) -> pl.DataFrame:
    """Run ``sql`` with values bound as parameters and return the result as a Polars frame."""
    return cursor().sql(sql, params=params or {}).pl()


def execute(sql: str, params: dict | None = None) -> None:
    """Run a statement that returns nothing (COPY, SET)."""
    cursor().sql(sql, params=params or {})
