"""The remote-source code path (s3://… globs over hive-partitioned Parquet), with a local stand-in.

DuckDB's httpfs extension cannot be installed offline here, so a fake ``s3://`` filesystem (fsspec's
in-memory filesystem under the s3 protocol) is registered with the store's DuckDB database: the
store then resolves, lists, fingerprints and reads s3:// paths exactly as it would with httpfs.
"""

import io

import polars as pl
import pytest

from store import Filters, open_dataset
from store import queries as q
from store.facts import db
from store.facts.dataset import fingerprint, is_remote, resolve
from tests.support.telco import telco_events

fsspec_memory = pytest.importorskip("fsspec.implementations.memory")


class FakeS3(fsspec_memory.MemoryFileSystem):
    """An in-memory object store answering to s3:// (its own store, not shared with other instances)."""

    protocol = ("s3",)
    root_marker = ""
    cachable = False  # a fresh bucket per test

    def __init__(self):
        super().__init__()
        self.store, self.pseudo_dirs = {}, [""]


def put(fs, path: str, frame: pl.DataFrame) -> None:
    buf = io.BytesIO()
    frame.write_parquet(buf)
    with fs.open(path, "wb") as fh:
        fh.write(buf.getvalue())


@pytest.fixture()
def s3(tmp_path):
    """A fake bucket with the telco events split into two hive partitions (month=4, month=5), and the same
    events as one local file."""
    fs = FakeS3()
    frame = telco_events(120, seed=5)
    month = pl.col("timestamp").dt.month()
    put(fs, "s3://cx-bucket/events/month=4/part-0.parquet", frame.filter(month <= 4))
    put(fs, "s3://cx-bucket/events/month=5/part-0.parquet", frame.filter(month > 4))
    db.database().register_filesystem(fs)
    local = tmp_path / "events.parquet"
    frame.write_parquet(local)
    yield fs, local
    db.database().unregister_filesystem("s3")


def test_an_s3_prefix_resolves_to_a_recursive_parquet_glob():
    assert is_remote("s3://cx-bucket/events/")
    assert resolve("s3://cx-bucket/events/") == ("s3://cx-bucket/events/**/*.parquet",)


def test_a_remote_hive_partitioned_source_gives_the_same_figures_as_the_local_file(s3):
    _, local = s3
    remote = open_dataset("s3://cx-bucket/events/")
    here = open_dataset(local)
    assert (remote.events, remote.journeys, remote.stage_order) == (here.events, here.journeys, here.stage_order)
    assert q.journey_counts(remote, Filters(), "nps").equals(q.journey_counts(here, Filters(), "nps"))
    assert q.transitions(remote, Filters()).equals(q.transitions(here, Filters()))
    persona = Filters.make(persona=[q.filter_options(here)["persona"][0]])
    assert q.touchpoint_counts(remote, persona, "satisfaction", by=["stage"]).equals(
        q.touchpoint_counts(here, persona, "satisfaction", by=["stage"]))


def test_the_hive_partition_column_becomes_a_filter_dimension_of_a_remote_source(s3):
    remote = open_dataset("s3://cx-bucket/events/")
    assert "month" in remote.columns


def test_a_rewritten_remote_object_changes_the_version(s3):
    fs, _ = s3
    files = resolve("s3://cx-bucket/events/")
    before = fingerprint(files)
    assert fingerprint(files) == before
    put(fs, "s3://cx-bucket/events/month=5/part-0.parquet", telco_events(10, seed=6))
    assert fingerprint(files) != before


def test_an_added_remote_object_changes_the_version(s3):
    fs, _ = s3
    files = resolve("s3://cx-bucket/events/")
    before = fingerprint(files)
    put(fs, "s3://cx-bucket/events/month=6/part-0.parquet", telco_events(10, seed=7))
    assert fingerprint(files) != before
