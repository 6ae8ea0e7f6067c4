"""The process's one DuckDB database; every thread works through its own cursor."""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


_first_use = threading.Lock()


def written_on_first_use(facts_dir: str | Path, name: str, write: Callable[[Any, Path], None]) -> str | None:
    """``facts_dir / name``; the first time it is asked for and missing (facts of an earlier cxlens, or written by
    another engine by hand), ``write(cursor, folder)`` writes it into a fresh folder beside the facts and it is moved
    into place. None when the facts directory cannot be written (a read-only one): the caller then reads the events."""
    facts, target = Path(facts_dir), Path(facts_dir) / name
    if target.exists():
        return str(target)
    with _first_use:
        if not target.exists():
            try:
                tmp = writable(facts, f".{target.stem}-{uuid.uuid4().hex[:8]}")
            except CacheError:
                return None
            try:
                write(cursor(), tmp)
                (tmp / name).replace(target)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    return str(target)


def owned_folder(directory: str | Path, stem: str) -> Path:
    """A fresh name for a temporary folder under ``directory`` that says which process of which host writes it
    (``<stem>.tmp-<random>-<pid>@<host>``), so ``clear_dead_folders`` can tell when its writer died."""
    return Path(directory) / f"{stem}.tmp-{uuid.uuid4().hex[:8]}-{os.getpid()}@{socket.gethostname()}"


def clear_dead_folders(directory: str | Path, pattern: str = "*.tmp-*") -> None:
    """Delete the ``owned_folder`` folders under ``directory`` (matching ``pattern``) whose writer was a process of
    this host that is gone (killed mid-write); other hosts' and live processes' folders stay."""
    host = socket.gethostname()
    for entry in Path(directory).glob(pattern):
        owner, _, entry_host = entry.name.rpartition("@")
        pid = owner.rpartition("-")[2]
        if entry_host != host or not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except OSError:  # alive, owned by another user
            continue


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
