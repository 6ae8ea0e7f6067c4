"""A cache directory that cannot be used (read-only, full, not a directory) is one `error:` line naming it, exit 2,
nothing left behind; a facts pass killed mid-way leaves no folder past the next open."""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

import ingest
import report
from errors import CacheError, disk_problem
from store import open_dataset
from store.facts import journey_facts as store_facts
from tests.support.sample import sample_path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"


def run_report(cache_dir: Path, data: Path) -> subprocess.CompletedProcess:
    """report.py in a fresh process (its DuckDB database created under ``cache_dir``, as on a server)."""
    env = {**os.environ, "CXLENS_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "report.py", str(data)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("data", [ROOT / "sample_data" / "events.parquet", FIXTURES / "semicolon.csv"],
                         ids=["canonical-parquet", "csv"])
def test_a_cache_directory_that_cannot_be_created_is_one_error_line_naming_it(tmp_path, data):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    done = run_report(blocker / "cache", data)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"The cache directory {blocker / 'cache'}" in errors[0] and "(Not a directory)" in errors[0]
    # A canonical Parquet is not blamed for it, nor pushed down the ingest path.
    assert "Parquet" not in errors[0] and "/ingest" not in errors[0]


def test_a_full_disk_while_writing_an_ingested_file_leaves_no_tmp_file(tmp_path, monkeypatch):
    loaded = ingest.load(FIXTURES / "semicolon.csv")
    real_write = pl.DataFrame.write_parquet

    def full_disk(self, file, *args, **kwargs):
        Path(file).write_bytes(b"PAR1" + b"\0" * 2048)  # part of the file made it to disk
        raise OSError(28, "No space left on device", str(file))

    monkeypatch.setattr(pl.DataFrame, "write_parquet", full_disk)
    target = tmp_path / "cache" / "ingest" / "x.parquet"
    with pytest.raises(CacheError) as caught:
        ingest.write_parquet(loaded, target)
    monkeypatch.setattr(pl.DataFrame, "write_parquet", real_write)
    assert caught.value.problem == "No space left on device"
    assert str(target.parent) in str(caught.value)
    assert list(target.parent.iterdir()) == []


def test_a_full_disk_in_the_facts_pass_is_a_cache_error_and_leaves_no_folder(tmp_path, monkeypatch):
    source = tmp_path / "events.parquet"
    shutil.copy(sample_path(tmp_path), source)
    cache = tmp_path / "cache"
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(cache))

    def no_space(*args, **kwargs):
        raise duckdb.IOException(f'IO Error: Could not write file "{cache}/x.tmp/journeys.parquet": '
                                 "No space left on device")

    monkeypatch.setattr(store_facts, "_journey_facts_sql", no_space)
    with pytest.raises(CacheError) as caught:
        open_dataset(source)
    assert caught.value.problem == "No space left on device" and caught.value.directory == str(cache)
    assert [p.name for p in cache.iterdir() if p.name != "duckdb-spill"] == []


def test_a_problem_in_the_data_is_not_called_a_cache_problem(tmp_path):
    assert disk_problem(duckdb.ConversionException('Could not convert string "x" to TIMESTAMP'), tmp_path) is None
    assert disk_problem(OSError(2, "No such file or directory", "/elsewhere/data.csv"), tmp_path) is None
    assert disk_problem(OSError(30, "Read-only file system", str(tmp_path / "f")), tmp_path).problem == \
        "Read-only file system"


def test_the_folder_of_a_killed_facts_pass_is_removed_on_the_next_open(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(cache))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = socket.gethostname()
    killed = cache / f"v1.tmp-0a1b2c3d-{dead.pid}@{host}"
    running = cache / f"v2.tmp-0a1b2c3d-{os.getppid()}@{host}"  # a live process's pass is left alone
    elsewhere = cache / f"v3.tmp-0a1b2c3d-{dead.pid}@another-host"  # another host's pid means nothing here
    for folder in (killed, running, elsewhere):
        folder.mkdir()
        (folder / "events.parquet").write_bytes(b"half")
    source = tmp_path / "events.parquet"
    shutil.copy(sample_path(tmp_path), source)
    open_dataset(source)
    assert not killed.exists() and running.exists() and elsewhere.exists()
    assert not [p for p in cache.iterdir() if ".tmp-" in p.name and p not in (running, elsewhere)]


def test_report_exit_code_is_2_and_nothing_is_left_for_a_cache_error(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(blocker / "cache"))
    assert report.main([str(FIXTURES / "semicolon.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: The cache directory ") and err.count("\n") == 1
