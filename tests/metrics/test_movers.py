"""Top movers: per-segment tests against hand counts, Benjamini–Hochberg against statsmodels, mix + rate = change."""

import numpy as np
import polars as pl
import pytest

from metrics.movers import alerts, benjamini_hochberg, segment_changes
from metrics.nps import nps
from metrics.satisfaction import csat
from metrics.significance import nps_change


def nps_rows(segments):
    """{(dimension, value): (promoters, passives, detractors)} → the nps frame segment_changes takes."""
    rows = [{"dimension": d, "value": v, "nps": s, "n": n} for (d, v), counts in segments.items()
            for s, n in zip((10, 8, 3), counts, strict=True)]
    return nps(pl.DataFrame(rows), by=["dimension", "value"], weight="n")


def csat_rows(segments):
    """{(dimension, value): (satisfied, unsatisfied)} → the csat frame."""
    rows = [{"dimension": d, "value": v, "satisfaction": s, "n": n} for (d, v), counts in segments.items()
            for s, n in zip((5, 2), counts, strict=True)]
    return csat(pl.DataFrame(rows), by=["dimension", "value"], weight="n")


def test_benjamini_hochberg_equals_statsmodels():
    from statsmodels.stats.multitest import multipletests

    p = np.array([0.001, 0.2, 0.03, 0.04, 0.5, 0.0001, 0.049, 0.9, 0.03])
    assert np.allclose(benjamini_hochberg(p), multipletests(p, method="fdr_bh")[1], rtol=1e-12)
    assert benjamini_hochberg(np.array([])).size == 0


def test_a_segment_is_tested_only_with_min_sample_answers_on_each_side():
    current = {"nps": nps_rows({("all", None): (60, 20, 20), ("channel", "앱"): (50, 10, 10),
                                ("channel", "콜센터"): (10, 10, 10)})}
    previous = {"nps": nps_rows({("all", None): (40, 20, 40), ("channel", "앱"): (30, 10, 30),
                                 ("channel", "콜센터"): (10, 10, 9)})}
    out = segment_changes(current, previous, min_sample=30)
    call = out.filter(pl.col("value") == "콜센터").row(0, named=True)
    assert (call["n_current"], call["n_previous"], call["tested"], call["q_value"]) == (30, 29, False, None)
    app = out.filter(pl.col("value") == "앱").row(0, named=True)
    # 앱: 50/70 − 10/70 = 57.14 now, 30/70 − 30/70 = 0 before
    assert app["change"] == pytest.approx(100 * 40 / 70)
    assert app["p_value"] == pytest.approx(nps_change({"promoters": 50, "detractors": 10, "responses": 70},
                                                      {"promoters": 30, "detractors": 30, "responses": 70}).p_value)
    # two rows tested (all, 앱): q = BH over them
    tested = out.filter("tested")
    assert tested.height == 2
    assert np.allclose(tested["q_value"].to_numpy(), benjamini_hochberg(tested["p_value"].to_numpy()))


def test_rate_and_mix_add_up_to_the_change_of_a_dimension_that_splits_the_answers():
    cur = {("persona", "a"): (30, 30, 40), ("persona", "b"): (90, 60, 50), ("persona", "c"): (5, 0, 0)}
    prev = {("persona", "a"): (50, 30, 20), ("persona", "b"): (20, 20, 10)}
    total = lambda seg: tuple(map(sum, zip(*seg.values(), strict=True)))  # noqa: E731
    current = {"nps": nps_rows({**cur, ("all", None): total(cur)})}
    previous = {"nps": nps_rows({**prev, ("all", None): total(prev)})}
    out = segment_changes(current, previous, min_sample=1)
    overall = out.filter(pl.col("dimension") == "all").row(0, named=True)
    parts = out.filter(pl.col("dimension") == "persona")
    assert (parts["rate"].sum() + parts["mix"].sum()) == pytest.approx(overall["change"], abs=1e-9)
    # c is new: no rate part, its whole contribution is mix
    c = parts.filter(pl.col("value") == "c").row(0, named=True)
    assert c["rate"] == 0.0 and c["change"] is None and c["mix"] != 0.0
    # a: its share fell from 100/150 to 100/305; rate part = mean share × its own change
    a = parts.filter(pl.col("value") == "a").row(0, named=True)
    assert a["rate"] == pytest.approx((100 / 305 + 100 / 150) / 2 * ((30 - 40) - (50 - 20)))


def test_csat_segments_split_into_rate_and_mix_too():
    cur = {("channel", "앱"): (80, 20), ("channel", "콜센터"): (30, 70)}
    prev = {("channel", "앱"): (40, 10), ("channel", "콜센터"): (60, 90)}
    total = lambda seg: tuple(map(sum, zip(*seg.values(), strict=True)))  # noqa: E731
    out = segment_changes({"csat": csat_rows({**cur, ("all", None): total(cur)})},
                          {"csat": csat_rows({**prev, ("all", None): total(prev)})}, min_sample=30)
    overall = out.filter(pl.col("dimension") == "all").row(0, named=True)
    assert overall["change"] == pytest.approx(110 / 200 * 100 - 100 / 200 * 100)
    parts = out.filter(pl.col("dimension") == "channel")
    assert parts["rate"].sum() + parts["mix"].sum() == pytest.approx(overall["change"], abs=1e-9)


def test_alerts_are_the_significant_rows_most_significant_first():
    current = {"nps": nps_rows({("all", None): (300, 300, 400), ("channel", "앱"): (10, 20, 170),
                                ("channel", "웹"): (200, 100, 100), ("region", "서울"): (100, 100, 100)})}
    previous = {"nps": nps_rows({("all", None): (300, 300, 400), ("channel", "앱"): (60, 60, 80),
                                 ("channel", "웹"): (150, 120, 130), ("region", "서울"): (100, 100, 98)})}
    out = alerts(segment_changes(current, previous, min_sample=30))
    assert out["value"].to_list() == ["앱", "웹"]  # 앱 −55 points is far more significant than 웹 +12.5
    assert out["p_value"].is_sorted()


def test_an_unchanged_selection_gives_no_alert():
    same = {("all", None): (30, 30, 40), ("channel", "앱"): (20, 20, 20), ("stage", "가입"): (10, 30, 20)}
    out = segment_changes({"nps": nps_rows(same)}, {"nps": nps_rows(same)}, min_sample=30)
    assert alerts(out).is_empty() and out.filter("tested")["change"].to_list() == [0.0, 0.0, 0.0]
