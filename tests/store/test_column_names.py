"""No column name of the data can collide with a name cxlens uses itself, through either door,
and a row has one number through either door."""

import datetime as dt
import json

import polars as pl
import pytest

import ingest
import report
from figures.overview import headline
from ingest.schema import CANONICAL, INTERNAL_COLUMNS, column_names
from store import Filters, open_dataset
from store import queries as q
from tests.support.telco import telco_events
from ui import drill
from ui.state import KEPT_PARAMS, query_string_values

# Every name cxlens gives a column of its own: the facts' columns and URL keys (INTERNAL_COLUMNS), DuckDB's
# file columns and the positional names of a read source, ingest's working columns, canonical names in
# another case, and a name that is already the rename of another.
NAMES = sorted({
    *INTERNAL_COLUMNS, "filename", "file_row_number", "file_index", "c0", "c3", "src",
    "__cxlens_row", "__cxlens_c0", "__shown_stage", "__parts", "__parsed_nps", "__reason_nps", "__reason",
    "__column", "__value", "Stage", "NPS", "Journey_Id", "SEQ", "Prev_Channel", "seq_data", "persona_source",
})
FILTERS = {
    "none": Filters(),
    "channel and stage": Filters.make(channel=["고객센터", "웹"], stage=["사용"]),
    "persona": Filters.make(persona=["직장인"]),
    "period": Filters.make(since=dt.date(2026, 2, 1), until=dt.date(2026, 3, 15)),
    "dimension and channel": Filters.make(dims={"region": ["서울", "광주"]}, channel=["T월드 앱"]),
}
FACT_COLUMNS = list(q.JOURNEY_FACTS)


@pytest.fixture(scope="module")
def frame():
    """Telco events (shuffled, equal timestamps, Korean values) with three invalid rows among them."""
    events = telco_events(60, seed=18).with_columns(pl.col("nps").cast(pl.Float64))
    bad = events.head(3).with_columns(
        pl.Series("nps", [11.0, 7.5, None]), pl.Series("channel", ["웹", "웹", None]))
    return pl.concat([events.slice(0, 20), bad, events.slice(20)])


def _with_column(frame: pl.DataFrame, name: str) -> pl.DataFrame:
    """``frame`` with an extra text column ``name`` that copies region: few values, so a dimension; and
    never the event's channel, so that read as prev_channel it would make every event a handoff."""
    return frame.with_columns(pl.col("region").alias(name))


def _figures(ds, dim: str) -> dict:
    out = {}
    for label, f in FILTERS.items():
        out[label] = {
            "headline": headline(ds, f),
            "journeys": q.journeys(ds, f, FACT_COLUMNS).sort("journey_id").to_dicts(),
            "totals": q.totals(ds, f),
        }
    out["options"] = {k: v for k, v in q.filter_options(ds).items() if k != dim}
    out["quarantine"] = q.quarantine(ds).select("row_number", "reason").to_dicts()
    return out


@pytest.fixture(scope="module")
def base(frame, tmp_path_factory):
    path = tmp_path_factory.mktemp("names") / "base.parquet"
    frame.write_parquet(path)
    ds = open_dataset(path)
    return ds, _figures(ds, None)


RESERVED = {c.casefold() for c in (*CANONICAL, *INTERNAL_COLUMNS)}


def _check(ds, base_ds, base_figures, name):
    # DuckDB itself names a column that differs from another only in case <name>_1 (Journey_Id_1)
    (read,) = [c for c in ds.columns if c not in base_ds.columns]
    assert read == name or (read == f"{name}_1" and name.casefold() in {c.casefold() for c in base_ds.columns})
    renamed = column_names(ds.columns)[read]
    assert renamed.casefold() not in RESERVED
    assert renamed == (f"{read}_data" if read.casefold() in RESERVED else read)
    assert ds.dims == base_ds.dims + (renamed,)
    assert ds.renamed == ({read: renamed} if renamed != read else {})
    assert _figures(ds, renamed) == base_figures
    # the column itself filters like region, whose values it holds
    assert headline(ds, Filters.make(dims={renamed: ["부산"]})) == headline(base_ds, Filters.make(dims={"region": ["부산"]}))
    assert q.filter_options(ds)[renamed] == q.filter_options(base_ds)["region"]


@pytest.mark.parametrize("name", NAMES)
def test_a_parquet_column_named_like_an_internal_one_changes_no_figure(frame, base, tmp_path, name):
    path = tmp_path / "named.parquet"
    _with_column(frame, name).write_parquet(path)
    base_ds, base_figures = base
    _check(open_dataset(path), base_ds, base_figures, name)


@pytest.fixture(scope="module")
def base_ingested(frame, tmp_path_factory):
    folder = tmp_path_factory.mktemp("names-ingest")
    loaded = ingest.load(_csv(frame, folder / "base.csv"))
    ds = open_dataset(ingest.write_parquet(loaded, folder / "base.parquet"))
    return ds, _figures(ds, None), loaded.quarantine


def _csv(frame: pl.DataFrame, path):
    frame.with_columns(pl.col("timestamp").dt.strftime("%Y-%m-%d %H:%M:%S")).write_csv(path)
    return path


@pytest.mark.parametrize("name", NAMES)
def test_an_uploaded_column_named_like_an_internal_one_changes_no_figure(frame, base_ingested, tmp_path, name):
    loaded = ingest.load(_csv(_with_column(frame, name), tmp_path / "named.csv"))
    base_ds, base_figures, base_quarantine = base_ingested
    assert loaded.quarantine.equals(base_quarantine)
    out = name if name not in CANONICAL else f"{name}_source"
    assert loaded.events[out].to_list() == loaded.events["region"].to_list()
    _check(open_dataset(ingest.write_parquet(loaded, tmp_path / "named.parquet")), base_ds, base_figures, name)


def test_an_unmapped_canonical_column_keeps_its_data_beside_a_column_named_like_its_new_name(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("여정ID,event_time,timestamp,timestamp_source,단계,채널\n"
                    "J-1,2026-03-01 09:00,어제,메모,가입,앱\n"
                    "J-1,2026-03-01 10:00,오늘,,가입,웹\n", encoding="utf-8")
    loaded = ingest.load(path, mapping={"timestamp": "event_time"})
    assert loaded.events["timestamp_source2"].to_list() == ["어제", "오늘"]
    assert loaded.events["timestamp_source"].to_list() == ["메모", None]


def test_prev_channel_and_seq_columns_no_longer_decide_the_handoff_rate_or_a_filter(tmp_path):
    """The defect as found: a prev_channel column made a journey on one channel a 100 % handoff."""
    path = tmp_path / "one_channel.parquet"
    t = dt.datetime(2026, 3, 2, 9)
    pl.DataFrame({
        "journey_id": ["가-1", "가-1", "나-2"], "timestamp": [t, t + dt.timedelta(hours=1), t],
        "stage": ["가입", "개통", "가입"], "channel": ["앱", "앱", "앱"], "prev_channel": ["웹", "웹", "웹"],
        "seq": ["9", "9", "1"],
    }).write_parquet(path)
    ds = open_dataset(path)
    assert ds.renamed == {"prev_channel": "prev_channel_data", "seq": "seq_data"}
    r = headline(ds, Filters())
    assert (r["handoff_rate"], r["handoffs"]) == (0.0, [])
    assert q.totals(ds, Filters.make(dims={"seq_data": ["9"]})) == {"events": 2, "journeys": 1}


def test_report_says_which_columns_it_renamed(tmp_path, capsys):
    path = tmp_path / "seq.parquet"
    pl.DataFrame({"journey_id": ["j-1"], "timestamp": [dt.datetime(2026, 3, 2, 9)], "stage": ["가입"],
                  "channel": ["앱"], "seq": ["첫 방문"]}).write_parquet(path)
    assert report.main([str(path), "--format", "json"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "note: Column 'seq' is named 'seq_data' here: 'seq' is a name cxlens uses itself."]


def test_every_column_written_beside_the_dimensions_is_a_reserved_name(frame, base):
    """A new column in a facts file holding the dimensions must be added to INTERNAL_COLUMNS (and so be
    tested above), or a data column of that name would shadow it."""
    from pathlib import Path

    ds, _ = base
    reserved = RESERVED
    checked = 0
    for path in Path(ds.facts_dir).glob("*.parquet"):
        columns = pl.read_parquet_schema(path)
        if set(ds.dims) & set(columns):
            checked += 1
            assert [c for c in columns if c not in ds.dims and c.casefold() not in reserved] == [], path.name
    assert checked >= 2  # events and journeys


def test_every_url_key_that_is_not_a_dimension_is_a_reserved_name():
    f = Filters.make(since=dt.date(2026, 1, 1), until=dt.date(2026, 2, 1), persona=["a"], channel=["b"], stage=["c"],
                     keyword=["요금"])
    keys = [*query_string_values(f, "ko"), *KEPT_PARAMS, *drill.PARAMS]
    assert {k.casefold() for k in keys} <= RESERVED and {"lang", "keyword"} <= set(keys)


def _report_rows(capsys, *argv) -> list[str]:
    assert report.main([*map(str, argv), "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["rejected_rows"] == 3
    return out.err.splitlines()


def test_a_row_has_the_same_number_through_the_store_and_through_ingest(frame, base, capsys, tmp_path):
    """Row 2 is a file's first data row through both doors (the header, or Parquet's schema, is row 1)."""
    ds, _ = base
    path = tmp_path / "events.parquet"
    frame.write_parquet(path)
    # the invalid rows are the file's data rows 21-23, so rows 22-24
    want = [(22, "nps outside 0-10"), (23, "nps not a whole number"), (24, "missing channel")]
    assert q.quarantine(ds).select("row_number", "reason").rows() == want
    loaded = ingest.load(path)
    assert loaded.quarantine.select("row").to_series().to_list() == [22, 23, 24]
    direct = _report_rows(capsys, path)
    through_ingest = _report_rows(capsys, path, "--map", "journey_id=journey_id")
    assert [line.split(":")[0] for line in direct] == [line.split(":")[0] for line in through_ingest] == [
        "row 22", "row 23", "row 24"]
