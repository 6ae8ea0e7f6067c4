"""The touchpoint cube (store.cube): its rows counted by hand, and every query routed to it equal to the same query
over the events, on the telco data and on data with equal timestamps, missing answers and Korean values."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from store import Filters, open_dataset
from store import queries as q
from store.facts import cube as sc
from tests.support.telco import telco_events

T = dt.datetime(2026, 4, 30, 23, 50)
M = dt.timedelta(minutes=1)


def tricky_events() -> pl.DataFrame:
    """Korean values with particles, journeys that start before midnight and go on the next day (cohort = first
    day), equal timestamps, missing answers and a missing touchpoint, a persona given only on a later touchpoint
    (the journey's persona), a journey without persona, shuffled rows."""
    rows = []

    def add(j, t, stage, channel, touchpoint, persona, sat=None, ces=None, nps=None):
        rows.append({"journey_id": j, "customer_id": f"고객{j[-1]}", "timestamp": t, "stage": stage,
                     "channel": channel, "touchpoint": touchpoint, "persona": persona, "region": "서울",
                     "satisfaction": sat, "ces": ces, "nps": nps})

    add("J1", T, "가입을", "앱에서", "본인인증을 진행", None, sat=5, ces=7)
    add("J1", T, "가입을", "앱에서", None, "직장인", sat=4)              # same time; persona given later
    add("J1", T + 20 * M, "이용", "콜센터로", "상담을 받음", None, nps=9)   # next day, still the 30 April cohort
    add("J2", T + 5 * M, "가입을", "콜센터로", "본인인증을 진행", "학생", ces=1)
    add("J2", T + 5 * M, "가입을", "콜센터로", "본인인증을 진행", "학생", ces=1)  # an exact duplicate counts twice
    add("J2", T + 60 * M, "이용", "앱에서", "상담을 받음", "학생", sat=1, nps=3)
    add("J3", T + 3 * 24 * 60 * M, "이용", "지점에서", "상담을 받음", None)  # no persona, no answers
    add("J3", T + 3 * 24 * 60 * M, "이용", "지점에서", "상담을 받음", None, sat=3)
    add("J4", T - 40 * 24 * 60 * M, "가입을", "앱에서", "본인인증을 진행", "직장인", sat=2, ces=4, nps=10)
    return pl.DataFrame(rows, schema={
        "journey_id": pl.String, "customer_id": pl.String, "timestamp": pl.Datetime("us"), "stage": pl.String,
        "channel": pl.String, "touchpoint": pl.String, "persona": pl.String, "region": pl.String,
        "satisfaction": pl.Int64, "ces": pl.Int64, "nps": pl.Int64,
    }).sample(fraction=1.0, shuffle=True, seed=3)


@pytest.fixture(scope="module")
def datasets(tmp_path_factory):
    root = tmp_path_factory.mktemp("cube")
    telco_events(300, seed=7).write_parquet(root / "telco.parquet")
    tricky_events().write_parquet(root / "tricky.parquet")
    return {"telco": open_dataset(root / "telco.parquet"), "tricky": open_dataset(root / "tricky.parquet")}


def _cube(ds) -> pl.DataFrame:
    from store.facts import db

    return db.query("SELECT * FROM read_parquet($p)", {"p": str(Path(ds.facts_dir) / sc.FILE)})


def test_the_facts_pass_writes_the_cube_counted_as_by_hand(datasets):
    ds = datasets["tricky"]
    assert (Path(ds.facts_dir) / sc.FILE).exists()
    cube = _cube(ds)
    assert cube.columns == ["measure", *sc.GROUPS, "value", "n"]
    assert cube.schema["journey_day"] == pl.Date and cube.schema["value"] == pl.Float64
    assert cube.schema["n"] == pl.Int64
    day = dt.date(2026, 4, 30)

    def n(measure, **where):
        rows = cube.filter(pl.col("measure") == measure)
        for column, value in where.items():
            rows = rows.filter(pl.col(column).is_null() if value is None else pl.col(column) == value)
        return int(rows["n"].sum())

    assert n("touchpoints") == 9
    assert n("touchpoints", journey_day=day) == 6  # J1 and J2 start on 30 April, their touchpoints on 1 May too
    assert n("touchpoints", journey_day=dt.date(2026, 5, 3)) == 2 and n("touchpoints", persona=None) == 2
    assert n("touchpoints", persona="직장인", journey_day=day) == 3  # J1's persona is given on its second touchpoint
    assert n("touchpoints", touchpoint=None) == 1
    assert n("ces", value=1.0, channel="콜센터로", persona="학생") == 2  # the duplicate counts twice
    assert n("satisfaction") == 5 and n("ces") == 4 and n("nps") == 3
    assert n("satisfaction", value=4.0, journey_day=day, stage="가입을", channel="앱에서", persona="직장인") == 1
    assert n("nps", value=10.0, journey_day=dt.date(2026, 3, 21)) == 1
    # cohorts: J1 and J2's touchpoints of 1 May belong to the period that ends on 30 April
    f = Filters.make(since=day, until=day)
    assert q.reads_cube(ds, f) and q.totals(ds, f) == {"events": 6, "journeys": 2}
    assert q.touchpoint_counts(ds, f, "nps", by=["day"]).rows() == [(day, 3.0, 1), (day, 9.0, 1)]
    # one row per key: the measure's answer value (NULL for touchpoints) within the groups
    assert cube.select(sc.KEYS).is_duplicated().sum() == 0
    assert cube.filter(pl.col("measure") == "touchpoints")["value"].null_count() == cube.filter(
        pl.col("measure") == "touchpoints").height


FILTERS = {
    "none": {},
    "period": {"since": dt.date(2026, 2, 1), "until": dt.date(2026, 4, 30)},
    "persona": {"persona": ["직장인", "학생"]},
    "channel": {"channel": ["웹", "앱에서"]},
    "stage": {"stage": ["개통", "이용"]},
    "channel_stage_period": {"channel": ["대리점", "앱에서", "콜센터로"], "stage": ["사용", "가입 상담", "가입을"],
                             "since": dt.date(2026, 1, 20), "until": dt.date(2026, 4, 30)},
    "persona_period": {"persona": ["시니어", "직장인"], "until": dt.date(2026, 3, 31)},
    "empty": {"since": dt.date(2030, 1, 1)},
}
GROUPS = [(), ("stage",), ("channel",), ("touchpoint",), ("persona",), ("day",), ("week",), ("month",),
          ("quarter",), ("stage", "persona"), ("week", "channel"), ("stage", "channel")]


def _both(fn):
    """``fn()`` read from the cube and from the events."""
    assert q.USE_CUBE
    try:
        cube = fn()
        q.USE_CUBE = False
        events = fn()
    finally:
        q.USE_CUBE = True
    return cube, events


def _equal(a, b):
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            _equal(a[k], b[k])
    elif isinstance(a, pl.DataFrame):
        assert a.schema == b.schema and a.equals(b), (a, b)
    else:
        assert a == b


@pytest.mark.parametrize("data", ["telco", "tricky"])
@pytest.mark.parametrize("selection", list(FILTERS))
def test_totals_and_the_summary_from_the_cube_equal_the_events(datasets, data, selection):
    ds, f = datasets[data], Filters.make(**FILTERS[selection])
    assert q.reads_cube(ds, f)
    cube, events = _both(lambda: (q.totals(ds, f), q.touchpoint_summary(ds, f)))
    _equal(cube[0], events[0])
    _equal(cube[1], events[1])
    if selection == "empty":
        assert cube[0] == {"events": 0, "journeys": 0} and cube[1]["satisfaction"].height == 0
    elif selection == "none":
        assert cube[0]["events"] == ds.events


@pytest.mark.parametrize("data", ["telco", "tricky"])
@pytest.mark.parametrize("selection", list(FILTERS))
@pytest.mark.parametrize("value", ["satisfaction", "ces", "nps"])
def test_touchpoint_counts_from_the_cube_equal_the_events(datasets, data, selection, value):
    ds, f = datasets[data], Filters.make(**FILTERS[selection])
    for by in GROUPS:
        assert q.reads_cube(ds, f, by)
        cube, events = _both(lambda by=by: q.touchpoint_counts(ds, f, value, by=list(by)))
        _equal(cube, events)
        if selection != "empty" and not by and value == "satisfaction":
            assert cube["n"].sum() > 0


@pytest.mark.parametrize("data", ["telco", "tricky"])
@pytest.mark.parametrize("selection", list(FILTERS))
def test_touchpoint_volume_from_the_cube_equals_the_events(datasets, data, selection):
    ds, f = datasets[data], Filters.make(**FILTERS[selection])
    for by, journeys in [(["stage"], True), (["channel"], True), (["persona", "channel"], True),
                         (["stage", "channel"], True), (["touchpoint"], False), (["persona", "stage"], False)]:
        cube, events = _both(lambda by=by, journeys=journeys: q.touchpoint_volume(ds, f, by, journeys=journeys))
        _equal(cube, events)


def test_routed_queries_read_the_cube_and_not_the_events(tmp_path):
    """With events.parquet gone, every routed figure still answers (from the cube and the journey facts), the same."""
    telco_events(120, seed=2).write_parquet(tmp_path / "t.parquet")
    ds = open_dataset(tmp_path / "t.parquet")
    f = Filters.make(channel=["웹"], stage=["개통", "사용"], persona=["직장인"], since=dt.date(2026, 2, 1))

    def figures():
        return (q.totals(ds, f), q.touchpoint_summary(ds, f), q.touchpoint_counts(ds, f, "ces", by=["month", "stage"]),
                q.touchpoint_volume(ds, f, ["channel"]), q.touchpoint_volume(ds, f, ["touchpoint"], journeys=False))

    q._MEMO.clear()
    want = figures()
    q._MEMO.clear()
    events = Path(ds.facts_dir) / "events.parquet"
    events.rename(tmp_path / "away.parquet")
    try:
        got = figures()
        with pytest.raises(Exception, match="events.parquet"):  # a figure the cube does not serve reads the events
            q.touchpoint_counts(ds, f, "satisfaction", by=["region"])
    finally:
        (tmp_path / "away.parquet").rename(events)
        q._MEMO.clear()
    for a, b in zip(got, want, strict=True):
        _equal(a, b)


@pytest.mark.parametrize("selection", [
    {"dims": {"region": ["서울"]}}, {"keyword": ["느려요"]}, {"path_contains": ["가입 상담", "개통"]},
    {"dims": {"region": ["부산"]}, "since": dt.date(2026, 2, 1)},
])
def test_dimension_keyword_and_path_filters_read_the_events(datasets, selection):
    ds = datasets["telco"]
    f = Filters.make(**selection)
    assert not q.reads_cube(ds, f)
    assert not q.reads_cube(ds, Filters.make(**selection, channel=["웹"]), ["stage"])


@pytest.mark.parametrize("by", [["region"], ["customer_id"], ["journey_id"], ["comment"], ["stage", "region"]])
def test_groups_outside_the_cube_read_the_events(datasets, by):
    assert not q.reads_cube(datasets["telco"], Filters(), by)
    assert q.reads_cube(datasets["telco"], Filters(), ["stage"])


def test_derived_personas_read_the_events(datasets):
    import dataclasses

    ds = dataclasses.replace(datasets["telco"], derived="/nowhere/derived", persona_labels=("A", "B"))
    assert not q.reads_cube(ds, Filters())
    assert not q.reads_cube(ds, Filters.make(persona=["A"]), ["persona"])


def test_facts_without_a_cube_get_one_on_first_use(tmp_path):
    telco_events(80, seed=4).write_parquet(tmp_path / "t.parquet")
    ds = open_dataset(tmp_path / "t.parquet")
    path = Path(ds.facts_dir) / sc.FILE
    written = _cube(ds).sort(sc.KEYS, nulls_last=True)
    path.unlink()
    f = Filters.make(stage=["개통"])
    q._MEMO.clear()
    assert q.reads_cube(ds, f) and path.exists()
    assert _cube(ds).sort(sc.KEYS, nulls_last=True).equals(written)
    assert not list(Path(ds.facts_dir).glob(".cube-*"))  # nothing half-written left behind


def test_facts_where_no_cube_can_be_written_read_the_events(tmp_path, monkeypatch):
    from errors import CacheError
    from store.facts import db

    telco_events(60, seed=6).write_parquet(tmp_path / "t.parquet")
    ds = open_dataset(tmp_path / "t.parquet")
    (Path(ds.facts_dir) / sc.FILE).unlink()

    def read_only(directory, sub):
        raise CacheError(directory, "Read-only file system")

    monkeypatch.setattr(db, "writable", read_only)
    assert sc.path(ds) is None and not q.reads_cube(ds, Filters())
    q._MEMO.clear()
    assert q.totals(ds, Filters())["events"] == ds.events


def test_a_facts_directory_written_elsewhere_serves_its_cube(datasets, tmp_path):
    from store.facts.cache import open_facts

    ds = datasets["telco"]
    shutil.copytree(ds.facts_dir, tmp_path / "facts")
    facts = open_facts(tmp_path / "facts")
    f = Filters.make(persona=["시니어"], stage=["사용"])
    assert q.reads_cube(facts, f)
    _equal(*_both(lambda: q.touchpoint_counts(facts, f, "satisfaction", by=["week"])))
    _equal(q.touchpoint_counts(facts, f, "satisfaction", by=["week"]), q.touchpoint_counts(ds, f, "satisfaction",
                                                                                         by=["week"]))
