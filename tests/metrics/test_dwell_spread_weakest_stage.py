"""Dwell time per stage, box summaries and each group's weakest stage, on tiny hand-computed frames."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from metrics.dwell import dwell_summary, stage_dwell
from metrics.spread import box_summary
from metrics.weakest_stage import weakest_stage


def at(hours: float) -> dt.datetime:
    return dt.datetime(2025, 3, 1, 9) + dt.timedelta(hours=hours)


def entries(rows: list[tuple[str, str, float]]) -> pl.DataFrame:
    return pl.DataFrame({"journey_id": [r[0] for r in rows], "stage": [r[1] for r in rows],
                         "entered": [at(r[2]) for r in rows]})


def test_dwell_runs_from_a_stage_first_touchpoint_to_the_next_stage_reached_in_time():
    frame = entries([("j1", "b", 2.5), ("j1", "a", 0.0), ("j1", "c", 10.0), ("j2", "a", 1.0), ("j2", "c", 1.5)])
    assert stage_dwell(frame).rows() == [
        ("j1", "a", "b", 2.5), ("j1", "b", "c", 7.5), ("j2", "a", "c", 0.5)]


def test_the_last_stage_of_a_journey_and_a_one_stage_journey_have_no_dwell():
    frame = entries([("j1", "a", 0.0), ("j2", "a", 0.0), ("j2", "b", 3.0)])
    assert stage_dwell(frame).select("journey_id", "stage").rows() == [("j2", "a")]


def test_stages_entered_at_the_same_time_order_by_name_with_zero_dwell():
    frame = entries([("j", "b", 1.0), ("j", "a", 1.0), ("j", "c", 4.0)])
    assert stage_dwell(frame).rows() == [("j", "a", "b", 0.0), ("j", "b", "c", 3.0)]


def test_dwell_summary_gives_linear_median_and_p90_per_stage():
    dwell = pl.DataFrame({"stage": ["a", "a", "a", "a", "b"], "dwell_hours": [0.0, 1.0, 2.0, 10.0, 4.0]})
    assert dwell_summary(dwell).rows() == [("a", 4, 1.5, pytest.approx(7.6)), ("b", 1, 4.0, 4.0)]  # 2 + 0.7 · 8


def test_dwell_summary_of_no_journeys_has_null_quantiles():
    empty = pl.DataFrame({"dwell_hours": []}, schema={"dwell_hours": pl.Float64})
    assert dwell_summary(empty, by=()).rows() == [(0, None, None)]


def test_box_summary_has_p10_quartiles_and_p90_per_group_ignoring_nulls():
    frame = pl.DataFrame({"g": ["x"] * 6 + ["y"], "h": [0.0, 1.0, 2.0, 3.0, 4.0, None, 7.0]})
    assert box_summary(frame, "h", by=["g"]).rows() == [
        ("x", 5, 0.4, 1.0, 2.0, 3.0, 3.6), ("y", 1, 7.0, 7.0, 7.0, 7.0, 7.0)]


def stage_ratings(rows: list[tuple[str, str, int, float]]) -> pl.DataFrame:
    return pl.DataFrame({"persona": [r[0] for r in rows], "stage": [r[1] for r in rows],
                         "ratings": [r[2] for r in rows], "mean_satisfaction": [r[3] for r in rows],
                         "csat": [r[3] * 20 for r in rows]})


def test_weakest_stage_is_the_lowest_mean_among_stages_with_enough_ratings():
    frame = stage_ratings([("p", "a", 30, 3.0), ("p", "b", 29, 1.0), ("p", "c", 50, 2.5)])
    assert weakest_stage(frame, min_ratings=30).rows() == [("p", "c", 2.5, 50.0, 50)]


def test_weakest_stage_ties_go_to_the_stage_with_more_ratings_then_the_name():
    frame = stage_ratings([("p", "b", 40, 2.0), ("p", "a", 40, 2.0), ("p", "c", 60, 2.0), ("q", "b", 40, 2.0),
                           ("q", "a", 40, 2.0)])
    assert weakest_stage(frame, min_ratings=30).select("persona", "stage").rows() == [("p", "c"), ("q", "a")]


def test_a_group_without_a_stage_of_enough_ratings_keeps_a_row_with_null_stage():
    frame = stage_ratings([("p", "a", 29, 1.0), ("q", "a", 30, 4.0)])
    assert weakest_stage(frame, min_ratings=30).rows() == [("p", None, None, None, None), ("q", "a", 4.0, 80.0, 30)]
