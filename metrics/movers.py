"""Top movers and alerts: which segments' NPS and CSAT changed between two periods, tested with false-discovery control.

A segment is one value of one dimension (channel, stage, persona, each extra dimension), or the
whole selection (dimension ``all``). For NPS and CSAT, each segment's current and previous value
is compared with the two-sample tests of metrics.significance; a segment is tested only when both
periods have at least ``min_sample`` answers, and the p-values of all tested segments (both
metrics, every dimension) are adjusted together by Benjamini–Hochberg. An **alert** is a tested
segment whose adjusted p-value (q) is at most 5 %: on data that does not change, the chance of
any alert at all is at most 5 % (BH controls the family-wise error when nothing changes).

Each segment's **contribution** to the change of its dimension's answer-weighted average splits
into a **rate** part (its own score moved: mean share × change of score) and a **mix** part (its
share of the answers moved: change of share × (its mean score − the dimension's mean score)).
Over a dimension whose values split the answers (persona and the extra dimensions for NPS; every
dimension for CSAT, each rating being in one channel and one stage) the parts add up to the
overall change; for NPS by channel or stage a journey counts once in every channel it touched or
stage it reached, so the parts add up to the change of that per-channel (per-stage) average.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import polars as pl

from metrics.significance import csat_change, nps_change

ALPHA = 0.05
METRICS = ("nps", "csat")
ALL = "all"
COLUMNS = ("dimension", "value", "metric", "current", "previous", "change", "n_current", "n_previous",
           "p_value", "q_value", "tested", "significant", "rate", "mix")


def benjamini_hochberg(p_values: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q): q_(i) = min over k ≥ i of p_(k) · m / k, capped at 1.

    Same as statsmodels ``multipletests(p, method="fdr_bh")[1]``.

    Example
    -------
    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03])).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p_values, dtype=float)
    m = p.size
    if m == 0:
        return p
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    q = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(q, 1.0)
    return out


def _score(metric: str, row: Mapping) -> tuple[float | None, int]:
    if metric == "nps":
        return row.get("nps"), int(row.get("responses") or 0)
    return row.get("csat"), int(row.get("ratings") or 0)


def segment_changes(current: Mapping[str, pl.DataFrame], previous: Mapping[str, pl.DataFrame],
                    min_sample: int = 30, alpha: float = ALPHA) -> pl.DataFrame:
    """Every segment's change from ``previous`` to ``current``, tested, BH-adjusted and split into rate and mix.

    Parameters
    ----------
    current, previous: per metric ("nps", "csat"), a frame with ``dimension``, ``value`` and the
        metric's counts: for nps promoters, passives, detractors, responses, nps (metrics.nps.nps);
        for csat ratings, satisfied, csat (metrics.satisfaction.csat). Dimension ``all`` (value
        null) is the whole selection. A segment missing from one period has no answers there.
    min_sample: fewest answers on each side for a segment to be tested.

    Returns
    -------
    One row per (dimension, value, metric): COLUMNS. ``change`` = current − previous (NPS points or
    CSAT percentage points; null when a side has no answers); ``p_value`` the two-sided test's,
    ``q_value`` BH-adjusted over every tested row; ``tested`` both sides ≥ ``min_sample`` and the
    value not null; ``significant`` tested and q ≤ ``alpha``; ``rate`` and ``mix`` the contribution
    parts (null for ``all``). Sorted by dimension, metric and value.
    """
    rows = []
    for metric in METRICS:
        cur, prev = current.get(metric), previous.get(metric)
        if cur is None or prev is None:
            continue
        keyed = {}
        for frame, side in ((prev, 0), (cur, 1)):
            for r in frame.iter_rows(named=True):
                keyed.setdefault((r["dimension"], r["value"]), [{}, {}])[side] = r
        for (dimension, value), (r0, r1) in keyed.items():
            s1, n1 = _score(metric, r1)
            s0, n0 = _score(metric, r0)
            test = (nps_change if metric == "nps" else csat_change)(
                _counts(metric, r1), _counts(metric, r0), min_sample)
            tested = (value is not None or dimension == ALL) and n1 >= min_sample and n0 >= min_sample \
                and test.p_value is not None
            rows.append({"dimension": dimension, "value": value, "metric": metric, "current": s1, "previous": s0,
                         "change": None if s1 is None or s0 is None else s1 - s0, "n_current": n1,
                         "n_previous": n0, "p_value": test.p_value, "tested": tested})
    schema = {"dimension": pl.String, "value": pl.String, "metric": pl.String, "current": pl.Float64,
              "previous": pl.Float64, "change": pl.Float64, "n_current": pl.Int64, "n_previous": pl.Int64,
              "p_value": pl.Float64, "tested": pl.Boolean}
    out = pl.DataFrame(rows, schema=schema)
    tested = out["tested"].to_numpy()
    q = np.full(out.height, np.nan)
    q[tested] = benjamini_hochberg(out["p_value"].to_numpy()[tested])
    out = out.with_columns(pl.Series("q_value", q).fill_nan(None))
    out = out.with_columns((pl.col("tested") & (pl.col("q_value") <= alpha)).alias("significant"))
    return _contributions(out).select(COLUMNS).sort("dimension", "metric", "value", nulls_last=True)


def _counts(metric: str, row: Mapping) -> dict:
    if metric == "nps":
        return {k: row.get(k) or 0 for k in ("promoters", "detractors", "responses")}
    return {k: row.get(k) or 0 for k in ("satisfied", "ratings")}


def _contributions(out: pl.DataFrame) -> pl.DataFrame:
    """rate = w̄ · Δscore; mix = Δw · (s̄ − S̄), where w is a segment's share of its dimension's answers in a
    period, s̄ its mean score over the two periods and S̄ the dimension's mean of the two periods' averages;
    a segment with answers in one period only has rate 0 and its whole difference as mix."""
    key = ["dimension", "metric"]
    seg = pl.col("dimension") != ALL
    w1 = pl.col("n_current") / pl.col("n_current").filter(seg).sum().over(key)
    w0 = pl.col("n_previous") / pl.col("n_previous").filter(seg).sum().over(key)
    frame = out.with_columns(w1.fill_nan(0.0).alias("_w1"), w0.fill_nan(0.0).alias("_w0"))
    frame = frame.with_columns(
        (pl.col("_w1") * pl.col("current").fill_null(0.0)).alias("_a1"),
        (pl.col("_w0") * pl.col("previous").fill_null(0.0)).alias("_a0"),
    )
    average = ((pl.col("_a1").sum() + pl.col("_a0").sum()) / 2).over(key)
    mean_score = pl.coalesce((pl.col("current") + pl.col("previous")) / 2, pl.col("current"), pl.col("previous"))
    rate = pl.when(pl.col("change").is_not_null()).then(
        (pl.col("_w1") + pl.col("_w0")) / 2 * pl.col("change")).otherwise(0.0)
    mix = (pl.col("_w1") - pl.col("_w0")) * (mean_score - average)
    return frame.with_columns(
        pl.when(seg).then(rate).alias("rate"),
        pl.when(seg).then(mix).alias("mix"),
    )


def alerts(changes: pl.DataFrame) -> pl.DataFrame:
    """The significant rows of ``segment_changes``, most significant first (p-value, then the larger |change|)."""
    return changes.filter(pl.col("significant")).sort(
        ["p_value", pl.col("change").abs(), "dimension", "value"], descending=[False, True, False, False],
        nulls_last=True)
