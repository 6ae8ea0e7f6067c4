"""store.queries.duration_summary: the journeys' duration summary and box computed in DuckDB equal the Polars
metrics (metrics.duration.duration_summary, metrics.spread.box_summary) over durations taken independently from
the touchpoints, under every kind of filter, per persona and overall, with equal timestamps, one-touchpoint journeys
and an empty selection; and the KPI and persona figures built on it and on weighted handoff counts."""

import datetime as dt
import math

import polars as pl
import pytest

from figures import overview as overview_figures
from figures import personas as persona_figures
from metrics.duration import duration_summary
from metrics.handoffs import handoff_rate
from metrics.spread import box_summary
from store import Filters, open_dataset
from store import queries as q
from tests.support.telco import telco_events

SELECTIONS = [
    {},
    {"channel": ["웹"]},
    {"persona": ["직장인", "시니어"]},
    {"since": dt.date(2026, 2, 1), "until": dt.date(2026, 3, 15)},
    {"channel": ["T월드 앱", "대리점"], "stage": ["개통", "요금 문의"]},
    {"dims": {"region": ["부산"]}, "persona": ["20대 학생"]},
]


@pytest.fixture(scope="module")
def telco(tmp_path_factory):
    frame = telco_events(300, seed=7)
    t = dt.datetime(2026, 2, 3, 9, 30)
    extra = pl.DataFrame([  # every touchpoint at one instant (duration 0), and a one-touchpoint journey
        {"journey_id": "T-tie", "timestamp": t, "stage": "사용", "channel": "웹", "persona": "직장인", "nps": 3},
        {"journey_id": "T-tie", "timestamp": t, "stage": "개통", "channel": "대리점", "persona": "직장인"},
        {"journey_id": "T-one", "timestamp": t, "stage": "가입 상담", "channel": "웹", "persona": "시니어", "nps": 10},
    ], schema_overrides={"timestamp": pl.Datetime("us")})
    frame = pl.concat([frame, extra], how="diagonal_relaxed").sample(fraction=1.0, shuffle=True, seed=4)
    path = tmp_path_factory.mktemp("duration") / "telco.parquet"
    frame.write_parquet(path)
    return open_dataset(path)


def _durations(ds, f) -> pl.DataFrame:
    """Each selected journey's duration in hours from its touchpoints (last − first), and its persona."""
    events = q.touchpoints(ds, Filters(), ["journey_id", "timestamp"])
    spans = events.group_by("journey_id").agg(
        ((pl.col("timestamp").max() - pl.col("timestamp").min()).dt.total_microseconds() / 3.6e9).alias("duration_hours"))
    return q.journeys(ds, f, ["journey_id", "persona"]).join(spans, on="journey_id")


def _close(got: pl.DataFrame, want: pl.DataFrame) -> None:
    assert got.columns == want.columns and got.height == want.height
    for column in got.columns:
        for a, b in zip(got[column].to_list(), want[column].to_list(), strict=True):
            if isinstance(a, float) or isinstance(b, float):
                assert a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12), (column, a, b)
            else:
                assert a == b, (column, a, b)


@pytest.mark.parametrize("selection", SELECTIONS)
@pytest.mark.parametrize("by", [[], ["persona"]])
def test_the_duration_summary_in_duckdb_equals_the_polars_metrics(telco, selection, by):
    f = Filters.make(**selection)
    durations = _durations(telco, f)
    assert durations.height > 0
    want = duration_summary(durations, by=by)
    want = (want.join(box_summary(durations, "duration_hours", by=by), on=by, nulls_equal=True) if by
            else pl.concat([want, box_summary(durations, "duration_hours")], how="horizontal"))
    _close(q.duration_summary(telco, f, by), want)


def test_one_journey_is_every_quantile_and_equal_timestamps_are_a_zero_duration(telco, tmp_path):
    rows = pl.DataFrame({"journey_id": ["J1"] * 3, "stage": ["가입", "이용", "이용"], "channel": ["앱", "앱", "지점"],
                         "timestamp": [dt.datetime(2026, 3, 2, 10, 30), dt.datetime(2026, 3, 2, 9),
                                       dt.datetime(2026, 3, 2, 10, 30)]})  # shuffled, the last two at one instant
    path = tmp_path / "one.parquet"
    rows.write_parquet(path)
    one = q.duration_summary(open_dataset(path), Filters())
    assert one.row(0) == (1, 1.5, 1.5, 1.5, 1, 1.5, 1.5, 1.5, 1.5, 1.5)
    tie = q.journeys(telco, Filters(), ["journey_id", "duration_hours"]).filter(pl.col("journey_id") == "T-tie")
    assert tie["duration_hours"].to_list() == [0.0]


def test_an_empty_selection_has_one_overall_row_of_nulls_and_no_persona_rows(telco):
    f = Filters.make(persona=["없는 페르소나"])
    assert q.duration_summary(telco, f).row(0) == (0, None, None, None, 0, None, None, None, None, None)
    assert q.duration_summary(telco, f, ["persona"]).is_empty()


def test_the_weighted_handoff_rate_equals_the_rate_over_one_row_per_journey(telco):
    for f in (Filters(), Filters.make(channel=["웹"]), Filters.make(persona=["없는 페르소나"])):
        facts = q.journeys(telco, f, ["persona", "handoffs"])
        for by in ([], ["persona"]):
            weighted = handoff_rate(q.journey_counts(telco, f, "handoffs", by=by), by=by, weight="n")
            assert weighted.equals(handoff_rate(facts, by=by))
    # by hand: 2 + 1 + 1 journeys with 0, 1 and 3 handoffs: 2 of 4 had one
    assert handoff_rate(pl.DataFrame({"handoffs": [0, 1, 3], "n": [2, 1, 1]}), weight="n").row(0) == (4, 2, 50.0)
    assert handoff_rate(pl.DataFrame({"handoffs": [], "n": []}, schema={"handoffs": pl.Int64, "n": pl.Int64}),
                        weight="n").row(0) == (0, 0, None)


@pytest.mark.parametrize("selection", SELECTIONS[:4])
def test_the_kpis_and_persona_kpis_equal_their_definitions_over_the_journeys(telco, selection):
    f = Filters.make(**selection)
    durations = _durations(telco, f)
    facts = q.journeys(telco, f, ["journey_id", "persona", "handoffs", "nps"]).join(durations.drop("persona"),
                                                                                   on="journey_id")
    k = overview_figures.kpis(telco, f)
    whole = duration_summary(facts).row(0, named=True)
    assert math.isclose(k["median_journey_hours"], whole["median_hours"], rel_tol=1e-12)
    assert math.isclose(k["p90_journey_hours"], whole["p90_hours"], rel_tol=1e-12)
    assert k["handoff_rate"] == handoff_rate(facts).row(0, named=True)["handoff_rate"]
    answers = facts["nps"].drop_nulls()
    assert k["nps_responses"] == answers.len()
    assert math.isclose(k["nps"], 100 * ((answers >= 9).sum() - (answers <= 6).sum()) / answers.len())
    per = persona_figures.persona_kpis(telco, f).sort("persona")
    want = duration_summary(facts, by=["persona"]).filter(pl.col("persona").is_not_null()).join(
        handoff_rate(facts, by=["persona"]).select("persona", "handoff_rate"), on="persona")
    _close(per.select("persona", "journeys", "median_hours", "p90_hours", "handoff_rate"),
           want.select("persona", "journeys", "median_hours", "p90_hours", "handoff_rate"))
