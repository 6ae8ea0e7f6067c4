"""metrics.impact: before/after and difference-in-differences, by hand and on generated data with a planted change."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import polars as pl
import pytest

from metrics.impact import impact
from metrics.satisfaction import csat

LAUNCH = dt.date(2026, 11, 1)


def _daily(cells: dict[tuple[bool, bool], tuple[int, int]]) -> pl.DataFrame:
    """(target, after) → (satisfied, ratings), one day each side of the launch."""
    rows = [{"date": LAUNCH if after else LAUNCH - dt.timedelta(days=1), "target": target, "ratings": n,
             "satisfied": s} for (target, after), (s, n) in cells.items()]
    return pl.DataFrame(rows)


def test_the_difference_in_differences_and_its_test_by_hand():
    d = _daily({(True, False): (50, 100), (True, True): (70, 100), (False, False): (60, 200), (False, True): (66, 200)})
    i = impact(d, LAUNCH)
    # (0.70 − 0.50) − (0.33 − 0.30) = 0.17; var = .25/100 + .21/100 + .21/200 + .2211/200 = .0067555
    se = 100 * math.sqrt(0.25 / 100 + 0.21 / 100 + 0.21 / 200 + 0.33 * 0.67 / 200)
    assert i.did_pp == pytest.approx(17.0)
    assert i.did_low == pytest.approx(17.0 - 1.959964 * se) and i.did_high == pytest.approx(17.0 + 1.959964 * se)
    assert se == pytest.approx(8.21919, abs=1e-4)
    assert i.did_p_value == pytest.approx(0.03862, abs=1e-4) and i.did_significant
    assert (i.target_before.csat, i.target_after.csat, i.rest_before.csat, i.rest_after.csat) == (50, 70, 30, 33)
    # before vs after at the target: the pooled two-proportion test, z = 0.2 / sqrt(.6 · .4 · (2/100)) = 2.8868
    assert i.change.delta == pytest.approx(20.0) and i.change.p_value == pytest.approx(0.003892, abs=1e-5)
    assert i.target_before.low == pytest.approx(40.383, abs=1e-3)  # Wilson 95% of 50/100


def test_the_launch_day_counts_as_after():
    d = _daily({(True, False): (50, 100), (True, True): (70, 100), (False, False): (60, 200), (False, True): (66, 200)})
    assert impact(d, LAUNCH - dt.timedelta(days=1)).reason == "impact_no_ratings"  # nothing before any more


@pytest.mark.parametrize("cells, reason", [
    ({(True, True): (70, 100), (False, False): (60, 200), (False, True): (66, 200)}, "impact_no_ratings"),
    ({(True, False): (50, 100), (True, True): (70, 100)}, "impact_no_rest"),
    ({(True, False): (5, 10), (True, True): (70, 100), (False, False): (60, 200), (False, True): (66, 200)},
     "impact_too_few"),
    ({(True, False): (100, 100), (True, True): (100, 100), (False, False): (200, 200), (False, True): (200, 200)},
     "impact_no_variation"),
])
def test_an_impact_that_cannot_be_measured_says_why(cells, reason):
    i = impact(_daily(cells), LAUNCH)
    assert i.reason == reason and i.did_p_value is None and i.did_significant is None


STAGES = ("가입", "본인인증", "상담", "해지")


def generated_ratings(effect_pp: float, seed: int, drift_pp: float = 3.0) -> pl.DataFrame:
    """60 days of 40 ratings a day at each stage; 본인인증 is satisfied 48% of the time, the others 60%; from the
    launch every stage drifts up ``drift_pp`` (a season), and 본인인증 gains ``effect_pp`` more."""
    rng = np.random.default_rng(seed)
    rows = []
    for day in range(60):
        date = LAUNCH + dt.timedelta(days=day - 30)
        after = date >= LAUNCH
        for stage in STAGES:
            p = (0.48 if stage == "본인인증" else 0.60) + after * (drift_pp + effect_pp * (stage == "본인인증")) / 100
            satisfied = rng.random(40) < p
            rows += [{"date": date, "stage": stage, "satisfaction": 5 if s else 2} for s in satisfied]
    return pl.DataFrame(rows)


def daily_of(ratings: pl.DataFrame, stage: str) -> pl.DataFrame:
    return csat(ratings.with_columns((pl.col("stage") == stage).alias("target")), by=["date", "target"])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_planted_ten_point_change_is_found_with_its_sign_and_size(seed):
    i = impact(daily_of(generated_ratings(10.0, seed), "본인인증"), LAUNCH)
    assert i.did_significant and i.did_pp > 0
    assert i.did_low < 10.0 < i.did_high
    assert i.change.significant and i.change.delta > 0  # before/after alone also sees the season's 3 pp


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_without_a_change_none_is_found(seed):
    i = impact(daily_of(generated_ratings(0.0, seed), "본인인증"), LAUNCH)
    assert not i.did_significant and i.did_low < 0.0 < i.did_high
