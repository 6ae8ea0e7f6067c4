"""journey_stages.parquet (store/journey_stages.py): the dwell times and stage satisfaction read from it equal an
independent Polars computation over the valid events, under every kind of filter; written by the facts pass and on
first use when missing; the events are read when it cannot be written."""

import datetime as dt
import math
from pathlib import Path

import polars as pl
import pytest

from metrics.dwell import dwell_summary, stage_dwell
from metrics.spread import box_summary
from store import Filters, open_dataset
from store import queries as q
from store import stage_queries as sq
from store.facts import journey_stages
from tests.support.telco import telco_events

SELECTIONS = [
    {},
    {"channel": ["웹"]},
    {"persona": ["직장인", "시니어"]},
    {"since": dt.date(2026, 2, 1), "until": dt.date(2026, 3, 15)},
    {"channel": ["T월드 앱", "대리점"], "stage": ["개통", "요금 문의"]},
    {"stage": ["해지 방어"]},
    {"dims": {"region": ["부산"]}, "persona": ["20대 학생"]},
    {"path_contains": ["개통", "사용"]},
]


@pytest.fixture(scope="module")
def telco(tmp_path_factory):
    frame = telco_events(300, seed=5)
    # A journey whose two stages start at the same instant (the next stage is the one first by name), and a
    # one-touchpoint journey (one stage: no dwell time).
    t = dt.datetime(2026, 2, 3, 9, 30)
    extra = pl.DataFrame([
        {"journey_id": "T-tie", "timestamp": t, "stage": "사용", "channel": "웹", "satisfaction": 2, "nps": 3},
        {"journey_id": "T-tie", "timestamp": t, "stage": "개통", "channel": "웹", "satisfaction": 5, "nps": None},
        {"journey_id": "T-tie", "timestamp": t + dt.timedelta(hours=3), "stage": "요금 문의", "channel": "대리점",
         "satisfaction": None, "nps": None},
        {"journey_id": "T-one", "timestamp": t, "stage": "가입 상담", "channel": "웹", "satisfaction": 4, "nps": 10},
    ], schema_overrides={"timestamp": pl.Datetime("us")})
    frame = pl.concat([frame, extra], how="diagonal_relaxed").sample(fraction=1.0, shuffle=True, seed=2)
    path = tmp_path_factory.mktemp("journey-stages") / "telco.parquet"
    frame.write_parquet(path)
    return open_dataset(path)


def _selected_events(ds, f):
    """All valid touchpoints of the selected journeys (the channel and stage filters select journeys here)."""
    events = q.touchpoints(ds, Filters(), ["journey_id", "timestamp", "stage", "satisfaction"])
    return events.join(q.journeys(ds, f, ["journey_id", "nps"]), on="journey_id")


def _reference_dwell(ds, f):
    entries = _selected_events(ds, f).group_by("journey_id", "stage").agg(pl.col("timestamp").min().alias("entered"))
    per_journey = stage_dwell(entries)
    return per_journey, dwell_summary(per_journey).join(box_summary(per_journey, "dwell_hours", by=["stage"]),
                                                        on="stage")


def _close(got: pl.DataFrame, want: pl.DataFrame, key: list[str]) -> None:
    got, want = got.sort(key), want.select(got.columns).sort(key)
    assert got.height == want.height
    for column in got.columns:
        for a, b in zip(got[column].to_list(), want[column].to_list(), strict=True):
            if isinstance(a, float):
                assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12), (column, a, b)
            else:
                assert a == b, (column, a, b)


@pytest.mark.parametrize("selection", SELECTIONS)
def test_dwell_per_stage_from_the_journey_stages_equals_polars_over_the_selected_events(telco, selection):
    f = Filters.make(**selection)
    per_journey, want = _reference_dwell(telco, f)
    assert per_journey.height > 0
    _close(sq.stage_dwell(telco, f), per_journey.drop("journey_id"), ["stage", "next_stage", "dwell_hours"])
    _close(sq.dwell_summary(telco, f), want, ["stage"])


@pytest.mark.parametrize("selection", SELECTIONS)
def test_stage_satisfaction_from_the_journey_stages_equals_polars_over_the_selected_events(telco, selection):
    f = Filters.make(**selection)
    rated = _selected_events(telco, f).filter(pl.col("nps").is_not_null() & pl.col("satisfaction").is_not_null())
    want = rated.group_by("journey_id", "stage").agg(
        pl.col("satisfaction").cast(pl.Float64).mean().alias("mean_satisfaction"), pl.len().cast(pl.Int64).alias("ratings"))
    got = sq.journey_stage_satisfaction(telco, f)
    assert want.height > 0
    _close(got, want, ["journey_id", "stage"])


def test_equal_entry_times_order_the_next_stage_by_name_and_a_one_stage_journey_has_no_dwell(telco):
    rows = pl.read_parquet(Path(telco.facts_dir) / journey_stages.FILE).filter(
        pl.col("journey_id").is_in(["T-tie", "T-one"])).sort("journey_id", "entered", "stage")
    assert rows.select("journey_id", "stage", "next_stage", "ratings", "mean_satisfaction").rows() == [
        ("T-one", "가입 상담", None, 1, 4.0),
        ("T-tie", "개통", "사용", 1, 5.0),
        ("T-tie", "사용", "요금 문의", 1, 2.0),
        ("T-tie", "요금 문의", None, 0, None),
    ]
    assert rows["journey_nps"].to_list() == [10, 3, 3, 3]


def test_without_the_file_the_figures_are_the_same_from_the_events(telco, monkeypatch):
    f = Filters.make(channel=["웹"], persona=["직장인"])
    from_file = (sq.dwell_summary(telco, f), sq.journey_stage_satisfaction(telco, f))
    monkeypatch.setattr(journey_stages, "path", lambda ds: None)  # a read-only facts directory without the file
    q._MEMO.clear()
    _close(sq.dwell_summary(telco, f), from_file[0], ["stage"])
    _close(sq.journey_stage_satisfaction(telco, f), from_file[1], ["journey_id", "stage"])


def test_facts_without_the_file_get_it_on_first_use(tmp_path):
    path = tmp_path / "e.parquet"
    telco_events(40, seed=8).write_parquet(path)
    ds = open_dataset(path)
    target = Path(ds.facts_dir) / journey_stages.FILE
    assert target.exists()  # the facts pass wrote it
    want = sq.dwell_summary(ds, Filters())
    target.unlink()
    q._MEMO.clear()
    _close(sq.dwell_summary(ds, Filters()), want, ["stage"])
    assert target.exists()
