import datetime as dt
import os
import threading
from pathlib import Path

import polars as pl
import pytest

from errors import DataError
from metrics.journeys import channel_transitions, journey_facts
from store import Filters, open_dataset
from store import queries as q
from store import stage_queries as sq
from store.facts import journey_facts as store_facts
from tests.support.telco import telco_events

T = dt.datetime(2025, 5, 1, 8)


@pytest.fixture(scope="module")
def telco(tmp_path_factory):
    frame = telco_events(300, seed=3)
    path = tmp_path_factory.mktemp("store") / "telco.parquet"
    frame.write_parquet(path)
    return frame, open_dataset(path)


def write(tmp_path, rows, name="e.parquet", **extra):
    frame = pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel"], orient="row")
    frame = frame.with_columns(**{k: pl.Series(v) for k, v in extra.items()})
    path = tmp_path / name
    frame.write_parquet(path)
    return path


def test_store_journey_facts_equal_the_reference_definitions(telco):
    frame, ds = telco
    cols = ["journey_id", "first_ts", "last_ts", "duration_hours", "events", "handoffs", "channels", "nps"]
    got = q.journeys(ds, Filters(), cols).sort("journey_id").with_columns(pl.col("nps").cast(pl.Int64))
    want = journey_facts(frame).select(cols).sort("journey_id")
    assert got.drop("duration_hours").equals(want.drop("duration_hours"))
    assert (got["duration_hours"] - want["duration_hours"]).abs().max() < 1e-9


def test_store_transitions_equal_the_reference_definition(telco):
    frame, ds = telco
    assert q.transitions(ds, Filters()).sort(["from_channel", "to_channel"]).equals(
        channel_transitions(frame).sort(["from_channel", "to_channel"]))


def test_stage_order_is_inferred_from_median_position(telco):
    _, ds = telco
    assert ds.stage_order == ("가입 상담", "개통", "사용", "요금 문의", "해지 방어")


def test_stage_order_from_configuration_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_STAGE_ORDER", "b, a")
    path = write(tmp_path, [("j", T, "a", "x"), ("j", T + dt.timedelta(hours=1), "b", "x"),
                            ("k", T, "c", "x")])
    assert open_dataset(path).stage_order == ("b", "a", "c")


def test_extra_string_columns_become_dimensions_and_filter_journeys(tmp_path):
    path = write(tmp_path, [("j", T, "a", "x"), ("j", T, "b", "y"), ("k", T, "a", "x")], region=["서울", None, "부산"])
    ds = open_dataset(path)
    assert ds.dims == ("region",)
    assert q.totals(ds, Filters.make(dims={"region": ["서울"]})) == {"events": 2, "journeys": 1}
    assert q.filter_options(ds)["region"] == ["부산", "서울"]


def test_a_date_range_selects_whole_journeys_by_their_first_touchpoint(tmp_path):
    path = write(tmp_path, [("j", T, "a", "x"), ("j", T + dt.timedelta(days=40), "b", "x"),
                            ("k", T + dt.timedelta(days=40), "a", "x")])
    ds = open_dataset(path)
    f = Filters.make(since=T.date(), until=T.date())
    assert q.totals(ds, f) == {"events": 2, "journeys": 1}
    assert q.totals(ds, Filters.make(since=(T + dt.timedelta(days=40)).date())) == {"events": 1, "journeys": 1}


def test_channel_filter_selects_touchpoints_and_the_journeys_that_touched_them(tmp_path):
    path = write(tmp_path, [("j", T, "a", "app"), ("j", T + dt.timedelta(hours=1), "b", "web"),
                            ("k", T, "a", "web")], nps=[None, 10, 0])
    ds = open_dataset(path)
    f = Filters.make(channel=["app"])
    assert q.totals(ds, f) == {"events": 1, "journeys": 1}
    # journey metrics keep the whole journey: j's answer (given on web) counts
    assert q.journey_counts(ds, f, "nps").rows() == [(10, 1)]


def test_invalid_events_are_quarantined_with_row_numbers_not_silently_dropped(tmp_path):
    path = write(tmp_path, [("j", T, "a", "x"), (None, T, "a", "x"), ("k", T, "a", "x"), ("m", T, "a", None)],
                 nps=[11.0, 5.0, 7.5, 3.0], satisfaction=[3.0, None, None, 9.0])
    ds = open_dataset(path)
    assert (ds.events, ds.rejected) == (0, 4)
    assert q.quarantine(ds).select("row_number", "reason").rows() == [
        (2, "nps outside 0-10"), (3, "missing journey_id"), (4, "nps not a whole number"), (5, "missing channel")]


def test_missing_required_column_is_a_data_error_naming_it(tmp_path):
    path = tmp_path / "x.parquet"
    pl.DataFrame({"journey_id": ["j"], "timestamp": [T], "stage": ["a"]}).write_parquet(path)
    with pytest.raises(DataError, match="no 'channel' column"):
        open_dataset(path)


def test_a_directory_with_hive_partitions_and_a_glob_are_sources(tmp_path):
    for month in ("2025-05", "2025-06"):
        part = tmp_path / "events" / f"month={month}"
        part.mkdir(parents=True)
        write(part, [(f"j{month}", T, "a", "x")])
    ds = open_dataset(tmp_path / "events")
    assert ds.journeys == 2 and "month" in ds.dims
    assert q.totals(ds, Filters.make(dims={"month": ["2025-06"]}))["journeys"] == 1
    assert open_dataset(str(tmp_path / "events" / "*" / "*.parquet")).journeys == 2


def test_the_version_changes_when_the_file_changes(tmp_path):
    path = write(tmp_path, [("j", T, "a", "x")])
    v1 = open_dataset(path).version
    write(tmp_path, [("j", T, "a", "x"), ("k", T, "a", "x")])
    os.utime(path, ns=(1, 1))
    ds = open_dataset(path)
    assert ds.version != v1 and ds.journeys == 2


@pytest.mark.parametrize("evil", ["x' OR '1'='1", "'; DROP TABLE ev; --", '" OR 1=1 --', "\\", "%", "a" * 5000])
def test_filter_values_are_data_never_sql(telco, evil):
    _, ds = telco
    f = Filters.make(persona=[evil], channel=[evil], stage=[evil], dims={"region": [evil], evil: ["x"]})
    assert q.totals(ds, f) == {"events": 0, "journeys": 0}


def test_unknown_grouping_columns_are_refused(telco):
    _, ds = telco
    with pytest.raises(ValueError):
        q.touchpoint_counts(ds, Filters(), "satisfaction", by=["1; DROP TABLE x"])


def test_threads_query_in_parallel_with_their_own_cursors(telco):
    _, ds = telco
    want = q.totals(ds, Filters())
    results, errors = [], []

    def work():
        try:
            results.append(q.totals(ds, Filters()))
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [want] * 8


def test_persona_and_period_filters_on_touchpoints_follow_the_journeys_first_persona_and_first_touchpoint(tmp_path):
    # j: persona first given at its 2nd event ("a"), later "b"; k: persona "b" throughout, starts 40 days later.
    later = T + dt.timedelta(days=40)
    path = write(tmp_path, [("j", T, "s1", "x"), ("j", T + dt.timedelta(hours=1), "s2", "x"),
                            ("j", later, "s3", "y"), ("k", later, "s1", "x"), ("k", later, "s2", "y")],
                 persona=[None, "a", "b", "b", "b"], satisfaction=[5, 4, 3, 2, 1])
    ds = open_dataset(path)
    assert q.totals(ds, Filters.make(persona=["a"])) == {"events": 3, "journeys": 1}
    assert q.totals(ds, Filters.make(persona=["b"])) == {"events": 2, "journeys": 1}
    in_may = Filters.make(since=T.date(), until=T.date())
    assert q.touchpoint_counts(ds, in_may, "satisfaction")["n"].to_list() == [1, 1, 1]
    by_month = q.touchpoint_counts(ds, Filters.make(persona=["a", "b"]), "satisfaction", by=["month"])
    assert by_month.group_by("month").agg(pl.col("n").sum()).sort("month").rows() == [
        (dt.date(2025, 5, 1), 3), (dt.date(2025, 6, 1), 2)]


@pytest.mark.parametrize("pairs", ["bits", "list"])
def test_channel_and_stage_together_select_journeys_with_a_touchpoint_in_both_at_once(tmp_path, monkeypatch, pairs):
    # j touched app (in a) and stage b (on web) but never app in b; k touched app in b.
    path = write(tmp_path, [("j", T, "a", "app"), ("j", T + dt.timedelta(hours=1), "b", "web"),
                            ("k", T, "a", "web"), ("k", T + dt.timedelta(hours=1), "b", "app")], nps=[None, 10, 0, None])
    # "bits": the journeys' stage_channel_mask; "list": their stage_channel_list (stages and channels
    # not coded, or more than 64 pairs)
    if pairs == "list":
        monkeypatch.setattr(store_facts, "_ENUM_MAX_VALUES", 0)
    ds = open_dataset(path)
    assert len(ds.pair_bits) == (4 if pairs == "bits" else 0)
    assert q.totals(ds, Filters.make(channel=["app", "nowhere"], stage=["b", "c"])) == {"events": 1, "journeys": 1}
    assert q.totals(ds, Filters.make(channel=["app"])) == {"events": 2, "journeys": 2}
    assert q.totals(ds, Filters.make(stage=["a"])) == {"events": 2, "journeys": 2}
    assert q.totals(ds, Filters.make(stage=["c"])) == {"events": 0, "journeys": 0}
    f = Filters.make(channel=["app"], stage=["b"])
    assert q.totals(ds, f) == {"events": 1, "journeys": 1}
    assert q.journey_counts(ds, f, "nps").rows() == [(0, 1)]
    assert q.totals(ds, Filters.make(channel=["app", "web"], stage=["b"])) == {"events": 2, "journeys": 2}


@pytest.mark.parametrize("selection", [
    {}, {"channel": ["웹"]}, {"persona": ["nobody"]}, {"persona": ["직장인"], "since": dt.date(2026, 3, 1)},
    {"since": dt.date(2026, 3, 1), "channel": ["웹", "고객센터"]},
])
def test_touchpoint_summary_equals_totals_and_the_two_touchpoint_counts(telco, selection):
    _, ds = telco
    f = Filters.make(**selection)
    summary = q.touchpoint_summary(ds, f)
    assert {k: summary[k] for k in ("events", "journeys")} == q.totals(ds, f)
    for value in ("satisfaction", "ces"):
        want = q.touchpoint_counts(ds, f, value)
        assert summary[value].equals(want) and summary[value].schema == want.schema


def test_touchpoint_figures_split_by_persona_use_the_journeys_persona(tmp_path):
    # persona changes within journey j (first A, then B): j is an A journey for filters and splits alike
    path = write(tmp_path, [("j", T, "a", "x"), ("j", T + dt.timedelta(hours=1), "b", "x"),
                            ("k", T, "a", "x")], persona=["A", "B", "B"], satisfaction=[5.0, 1.0, 3.0])
    ds = open_dataset(path)
    assert q.touchpoint_counts(ds, Filters(), "satisfaction", by=["persona"]).rows() == [
        ("A", 1.0, 1), ("A", 5.0, 1), ("B", 3.0, 1)]
    assert q.touchpoint_counts(ds, Filters.make(persona=["A"]), "satisfaction").rows() == [(1.0, 1), (5.0, 1)]


def test_facts_are_the_same_whether_text_is_sorted_as_enum_codes_or_as_text(tmp_path, monkeypatch):
    # Ties on the timestamp make the stage/channel/touchpoint order decide seq, prev_channel and the
    # journey's persona and answer: codes must order exactly as the text does.
    rows = [("j1", T, "b", "app", "z", "P2", 3), ("j1", T, "a", "web", "y", None, 9),
            ("j1", T, "a", "app", "x", "P1", 5), ("j2", T, "가입", "앱", "a", None, None),
            ("j2", T, "가입", "웹", "a", "P3", 7), ("j2", T + dt.timedelta(hours=1), "a", "app", "b", "P1", 0)]
    frame = pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "touchpoint", "persona", "nps"],
                         orient="row")
    path = tmp_path / "ties.parquet"
    frame.write_parquet(path)

    def facts(cache: str) -> tuple[pl.DataFrame, pl.DataFrame]:
        monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / cache))
        ds = open_dataset(path)
        journeys = pl.read_parquet(ds.journeys_path).sort("journey_id")
        # Coded, the journeys' (stage, channel) pairs are stage_channel_mask; as text, stage_channel_list
        return (journeys.drop("stage_channel_list", "stage_channel_mask"),
                pl.read_parquet(ds.events_path).sort("journey_id", "seq"))

    coded = facts("coded")
    monkeypatch.setattr(store_facts, "_ENUM_MAX_VALUES", 0)
    text = facts("text")
    assert coded[0].equals(text[0]) and coded[1].equals(text[1])
    assert coded[1]["touchpoint"].to_list() == ["x", "y", "z", "a", "a", "b"]
    assert coded[0]["persona"].to_list() == ["P1", "P3"] and coded[0]["nps"].to_list() == [3, 0]


def test_touchpoint_volume_counts_touchpoints_and_distinct_journeys(tmp_path):
    # j: login twice on app, pay once on web; k: login once on web.
    h = dt.timedelta(hours=1)
    path = write(tmp_path, [("j", T, "a", "app"), ("j", T + h, "a", "app"), ("j", T + 2 * h, "b", "web"),
                            ("k", T, "a", "web")], touchpoint=["login", "login", "pay", "login"])
    ds = open_dataset(path)
    assert q.touchpoint_volume(ds, Filters(), ["touchpoint"]).rows() == [("login", 3, 2), ("pay", 1, 1)]
    assert q.touchpoint_volume(ds, Filters(), ["touchpoint"], journeys=False).rows() == [("login", 3), ("pay", 1)]
    web = Filters.make(channel=["web"])
    assert q.touchpoint_volume(ds, web, ["touchpoint"]).rows() == [("login", 1, 1), ("pay", 1, 1)]
    assert q.touchpoint_volume(ds, web, ["touchpoint"], journeys=False).rows() == [("login", 1), ("pay", 1)]


@pytest.mark.parametrize("by", [["channel"], ["stage"], ["stage", "channel"], ["persona", "channel"]])
def test_touchpoint_volume_from_stage_channel_bits_equals_grouping_the_touchpoints(tmp_path, monkeypatch, by):
    frame = telco_events(200, seed=11)
    path = tmp_path / "t.parquet"
    frame.write_parquet(path)
    coded = open_dataset(path)
    assert coded.pair_bits  # journeys per group from the bits
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "text"))
    monkeypatch.setattr(store_facts, "_ENUM_MAX_VALUES", 0)
    text = open_dataset(path)  # no bits: journeys per group by grouping the touchpoints by journey
    assert not text.pair_bits
    channels, stages = sorted(frame["channel"].unique()), sorted(frame["stage"].unique())
    personas = sorted(frame["persona"].drop_nulls().unique())
    for f in [Filters(), Filters.make(channel=channels[:2]), Filters.make(stage=stages[1:3]),
              Filters.make(channel=channels[1:], stage=stages[:2]), Filters.make(persona=personas[:1]),
              Filters.make(stage=["no such stage"])]:
        want = q.touchpoint_volume(text, f, by)
        assert q.touchpoint_volume(coded, f, by).equals(want), (by, f)


def test_a_later_open_reads_the_dimensions_from_the_facts_and_a_new_limit_recomputes_them(tmp_path, monkeypatch):
    path = write(tmp_path, [("j", T, "a", "app"), ("k", T, "a", "web")], region=["서울", "부산"])
    assert open_dataset(path).dims == ("region",)
    assert open_dataset(path).dims == ("region",)  # from meta.parquet
    monkeypatch.setenv("CXLENS_MAX_DIMENSION_VALUES", "1")  # two regions are now too many
    ds = open_dataset(path)
    assert ds.dims == () and "region" not in pl.read_parquet(ds.journeys_path).columns


@pytest.mark.parametrize("selection", [{}, {"channel": ["웹"]}, {"persona": ["직장인"]}])
def test_store_stage_dwell_equals_the_reference_definition(telco, selection):
    from metrics.dwell import stage_dwell

    _, ds = telco
    f = Filters.make(**selection)
    got = sq.stage_dwell(ds, f).sort("stage", "next_stage", "dwell_hours")
    want = stage_dwell(sq.stage_entries(ds, f)).drop("journey_id").sort("stage", "next_stage", "dwell_hours")
    assert got.height > 100
    assert got.drop("dwell_hours").equals(want.drop("dwell_hours"))
    assert (got["dwell_hours"] - want["dwell_hours"]).abs().max() < 1e-12  # division rounding differs by an ulp


def test_a_new_version_deletes_facts_unused_for_cache_keep_days_and_unfinished_passes(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(cache))
    used = open_dataset(write(tmp_path, [("j", T, "a", "app")], name="used.parquet"))
    stale = open_dataset(write(tmp_path, [("k", T, "a", "app")], name="stale.parquet"))
    unfinished = cache / "0123abcd.tmp-deadbeef"
    unfinished.mkdir()
    other = cache / "ingest"
    other.mkdir(exist_ok=True)
    eight_days_ago = T.timestamp()  # 2025: long before any cache_keep_days
    for folder in (Path(stale.facts_dir), unfinished, other, Path(used.facts_dir)):
        os.utime(folder, (eight_days_ago, eight_days_ago))
    assert open_dataset(used.source).version == used.version  # opening marks the version as used
    fresh = open_dataset(write(tmp_path, [("m", T, "a", "app")], name="fresh.parquet"))  # a new version prunes
    assert Path(fresh.facts_dir).exists() and Path(used.facts_dir).exists() and other.exists()
    assert not Path(stale.facts_dir).exists() and not unfinished.exists()

    monkeypatch.setenv("CXLENS_CACHE_KEEP_DAYS", "0")  # keep everything
    os.utime(used.facts_dir, (eight_days_ago, eight_days_ago))
    open_dataset(write(tmp_path, [("n", T, "a", "app")], name="another.parquet"))
    assert Path(used.facts_dir).exists()


def test_more_than_64_stage_channel_pairs_select_journeys_through_the_pair_lists(tmp_path):
    # 9 stages × 8 channels = 72 pairs: too many bits, so the facts keep stage_channel_list instead.
    stages, channels = [f"s{i}" for i in range(9)], [f"c{i}" for i in range(8)]
    rows = [(f"j{i}", T + dt.timedelta(minutes=k), s, c)
            for i, (s, c) in enumerate((s, c) for s in stages for c in channels) for k in range(2)]
    rows += [("x", T, "s0", "c0"), ("x", T + dt.timedelta(hours=1), "s1", "c1")]
    ds = open_dataset(write(tmp_path, rows))
    assert ds.pair_bits == {}
    assert q.totals(ds, Filters.make(stage=["s1"], channel=["c0"])) == {"events": 2, "journeys": 1}  # j8 only
    assert q.totals(ds, Filters.make(stage=["s1"], channel=["c1"]))["journeys"] == 2  # j9 and x
    assert q.touchpoint_volume(ds, Filters.make(channel=["c1"]), ["stage"]).filter(
        pl.col("stage") == "s1").rows() == [("s1", 3, 2)]


def test_a_failed_facts_pass_says_which_column_and_leaves_no_half_written_facts(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(cache))
    path = tmp_path / "bad.parquet"
    pl.DataFrame({"journey_id": ["j"], "timestamp": ["not a time"], "stage": ["a"], "channel": ["app"]}).write_parquet(path)
    with pytest.raises(DataError, match="timestamp"):
        open_dataset(path)
    assert [p.name for p in cache.iterdir() if p.name != "duckdb-spill"] == []


def test_filter_options_are_read_once_per_dataset_version_and_anew_for_a_rewritten_file(tmp_path, monkeypatch):
    from store.facts import db

    rows = [("j1", T, "Join", "web"), ("j1", T + dt.timedelta(hours=1), "Use", "app")]
    path = write(tmp_path, rows)
    ds = open_dataset(path)
    calls = []
    original = db.query
    monkeypatch.setattr(db, "query", lambda sql, params=None: calls.append(sql) or original(sql, params))
    first = q.filter_options(ds)
    assert calls and first["channel"] == ["app", "web"]
    calls.clear()
    assert q.filter_options(ds) == first and calls == []  # the period windows ask on every filter change
    write(tmp_path, rows + [("j2", T + dt.timedelta(days=3), "Join", "shop")])
    later = open_dataset(path)
    assert later.version != ds.version
    assert q.filter_options(later)["channel"] == ["app", "shop", "web"]
    assert q.filter_options(later)["dates"] == [T.date(), (T + dt.timedelta(days=3)).date()]


@pytest.mark.parametrize("selection", [{}, {"persona": ["직장인"]}, {"since": dt.date(2026, 3, 1), "channel": ["웹"]}])
def test_journey_totals_per_week_count_the_selected_journeys_by_their_first_touchpoints_week(telco, selection):
    frame, ds = telco
    f = Filters.make(**selection)
    chosen = q.journeys(ds, f, ["journey_id"])["journey_id"]
    # independently: each chosen journey's first timestamp, truncated to its Monday
    want = (frame.filter(pl.col("journey_id").is_in(chosen.implode()))
            .group_by("journey_id").agg(pl.col("timestamp").min())
            .group_by(pl.col("timestamp").dt.truncate("1w").alias("week")).agg(pl.len().alias("journeys"))
            .sort("week"))
    got = q.journey_totals(ds, f, ["week"])
    assert got.height > 1 and got["journeys"].sum() == len(chosen)
    assert got.with_columns(pl.col("week").cast(pl.Datetime("us"))).rows() == \
        want.with_columns(pl.col("week").cast(pl.Datetime("us")), pl.col("journeys").cast(pl.Int64)).rows()
