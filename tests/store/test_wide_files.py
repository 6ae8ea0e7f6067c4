"""Wide files (issue 23, item 2): at most max_dimensions text columns become filter dimensions, the most useful first,
the rest stay plain columns with a note; a file wider than max_columns, or an XES log whose table would be almost all
empty cells, is refused in one sentence; never a crash inside DuckDB."""

import datetime as dt
import random
import tracemalloc

import polars as pl
import pytest

import ingest
import report
from errors import DataError
from ingest.schema import choose_dimensions
from store import Filters, open_dataset
from store import queries as q


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))


def test_dimensions_are_the_most_useful_columns_in_file_order():
    candidates = [("one", 1, 10), ("sparse", 2, 3), ("full", 5, 10), ("full2", 2, 10), ("many", 300, 10),
                  ("none", 0, 0), ("half", 2, 5)]
    # two or more values first; then most filled (full2 and full: 10); then fewest values (full2 before full)
    assert choose_dimensions(candidates, 200, 3) == (("full", "full2", "half"), ("one", "sparse"))
    assert choose_dimensions(candidates, 200, 2) == (("full", "full2"), ("one", "sparse", "half"))
    assert choose_dimensions(candidates, 200, 10) == (("one", "sparse", "full", "full2", "half"), ())
    assert choose_dimensions(candidates, 200, 0) == ((), ("one", "sparse", "full", "full2", "half"))


def wide_frame(n_columns: int, rows: int = 40) -> pl.DataFrame:
    base = dt.datetime(2026, 3, 1, 9)
    rng = random.Random(7)
    frame = {"journey_id": [f"J{r // 4}" for r in range(rows)],
             "timestamp": [base + dt.timedelta(minutes=r) for r in range(rows)],
             "stage": [["탐색", "가입", "이용", "해지"][r % 4] for r in range(rows)],
             "channel": [["웹", "앱"][r % 2] for r in range(rows)]}
    for i in range(n_columns):
        frame[f"attr{i:04d}"] = [rng.choice(["yes", "no"]) for _ in range(rows)]
    return pl.DataFrame(frame)


def test_only_max_dimensions_columns_become_filters_and_a_note_says_how_many_are_plain(tmp_path):
    frame = wide_frame(60).with_columns(
        pl.lit("same").alias("constant"),                                           # one value: filters nothing
        pl.when(pl.int_range(pl.len()) < 5).then(pl.lit("x")).otherwise(pl.lit("y")).alias("zz_split"))
    frame = frame.with_columns(  # a sparse two-valued column: less useful than the full ones
        pl.when(pl.int_range(pl.len()) % 2 == 0).then(pl.col("attr0000")).alias("attr0000"))
    path = tmp_path / "wide.parquet"
    frame.write_parquet(path)
    ds = open_dataset(path)
    # 62 full two-valued columns compete for 50 places: attr0001..attr0059 and zz_split (the fewest values tie:
    # file order); attr0000 (half empty) and constant (one value) are left as plain columns
    assert len(ds.dims) == 50 and "attr0000" not in ds.dims and "constant" not in ds.dims
    assert ds.dims == tuple(f"attr{i:04d}" for i in range(1, 51))
    assert set(ds.plain_dims) == {f"attr{i:04d}" for i in (0, *range(51, 60))} | {"constant", "zz_split"}
    [note] = ds.notes
    assert note.text() == ("Only 50 text columns are offered as filters; 12 more could have been and are kept as "
                           "plain columns (the ones with two or more values and the fewest empty cells are filters; "
                           "CXLENS_MAX_DIMENSIONS sets how many).")
    assert "50" in note.text("ko") and "12" in note.text("ko")
    # a dimension is a journey attribute (its first value): journeys of four events whose first attr0001 is yes
    first_yes = frame.group_by("journey_id").first().filter(pl.col("attr0001") == "yes").height
    assert q.totals(ds, Filters.make(dims={"attr0001": ["yes"]})) == {"events": 4 * first_yes, "journeys": first_yes}
    assert open_dataset(path).plain_dims == ds.plain_dims  # the second open reads them from the facts


def test_a_narrow_file_has_no_note(tmp_path):
    path = tmp_path / "narrow.parquet"
    wide_frame(3).write_parquet(path)
    ds = open_dataset(path)
    assert ds.dims == ("attr0000", "attr0001", "attr0002") and ds.notes == ()


def test_report_on_the_issues_3000_column_csv_gives_a_correct_report_and_the_note(capsys, tmp_path):
    """400 rows, 3,000 two-valued text columns: DuckDB crashed (signal 11) in the enum typing of the facts pass."""
    path = tmp_path / "wide.csv"
    wide_frame(3000, rows=400).write_csv(path)
    assert report.main([str(path), "--format", "json"]) == 0
    out = capsys.readouterr()
    assert '"journeys": 100' in out.out and '"events": 400' in out.out
    assert "warning: Only 50 text columns are offered as filters; 2950 more" in out.err


def test_a_file_wider_than_max_columns_is_refused_in_one_sentence(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CXLENS_MAX_COLUMNS", "100")
    frame = wide_frame(97)  # 4 + 97 = 101 columns
    frame.write_csv(tmp_path / "wide.csv")
    frame.write_parquet(tmp_path / "wide.parquet")
    for name in ("wide.csv", "wide.parquet"):
        with pytest.raises(DataError) as e:
            ingest.read_table(tmp_path / name)
        assert str(e.value) == (f"{name} has 101 columns, more than the 100 a file may have (setting "
                                "CXLENS_MAX_COLUMNS); leave out the columns you do not need.")
        assert "101" in e.value.text("ko")
    monkeypatch.setenv("CXLENS_MAX_COLUMNS", "101")
    assert ingest.read_table(tmp_path / "wide.csv").frame.width == 102  # and the row column


def sparse_xes(events: int) -> bytes:
    """The issue's log: each event carries a different attribute key."""
    body = "".join(f'<trace><string key="concept:name" value="C{i // 10}"/><event>'
                   f'<string key="concept:name" value="act{i % 5}"/>'
                   f'<date key="time:timestamp" value="2026-03-01T10:{i % 60:02d}:00Z"/>'
                   f'<string key="key{i}" value="v"/></event></trace>' for i in range(events))
    return f'<?xml version="1.0"?><log xes.version="1.0">{body}</log>'.encode()


def test_an_xes_whose_events_each_carry_a_new_key_is_refused_before_its_table_is_built():
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as e:
            ingest.load(sparse_xes(3000), "sparse.xes")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(e.value) == ("sparse.xes is not read: the 3,000 events in it carry 3,003 different attribute keys, a table "
                            "of 9,009,000 cells for 12,000 values, almost all empty.")
    assert "3,003" in e.value.text("ko")
    assert peak < 30 * 2**20, peak  # the 3,000 × 3,003 table of strings alone is over 140 MB


def test_a_small_sparse_xes_is_still_read():
    assert ingest.load(sparse_xes(200), "small.xes").events.height == 200  # 200 × 203 cells: under the floor


def test_the_sources_columns_are_read_in_the_files_order_every_time(tmp_path):
    """The source is read renamed by position: its column list must be the file's order. DESCRIBE's rows came back
    shuffled now and then on a 3,004-column file (the timestamp read from a yes/no column)."""
    import pyarrow.parquet as pq

    from store.facts.source import _describe

    path = tmp_path / "wide.parquet"
    wide_frame(3000, rows=8).write_parquet(path)
    names = pq.read_schema(path).names
    for _ in range(30):
        assert list(_describe((str(path),))) == names
