"""NPS and CSAT per week or month with 95% intervals, tested changes and STL anomaly flags.

Anomalies: the series is decomposed with statsmodels STL (robust LOESS, so an outlier does not
drag the trend towards itself) with a seasonal period of STL_PERIOD[period] and a seasonal smoother of 13 cycles (4 weeks ≈ a month;
12 months = a year), and only when the series has at least MIN_PERIODS[period] periods (16
weeks, 24 months: four monthly cycles, two years). A period is anomalous when its residual is
beyond ANOMALY_Z (3.5) robust standard deviations of the residuals (1.4826 · median absolute
deviation) AND beyond NOISE_Z (4) standard errors of its own sampling noise, and it has at
least ``min_sample`` answers. The second condition matters: STL partly fits noise, so its
residuals alone understate how noisy a period of 100–200 answers is (on the sample, a year of
pure-noise weeks, the residual scale is about half the NPS standard error).
Shorter series get no flags and a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from i18n import Message
from metrics.confidence import Z_95, with_csat_ci, with_nps_ci
from metrics.nps import nps
from metrics.satisfaction import csat
from metrics.significance import csat_change, nps_change

STL_PERIOD = {"week": 4, "month": 12}
MIN_PERIODS = {"week": 16, "month": 24}
INTERVAL = {"week": "1w", "month": "1mo"}
ANOMALY_Z = 3.5
NOISE_Z = 4.0
STL_SEASONAL = 13  # seasonal smoother spans 13 cycles: a stable seasonal shape that does not chase noise


@dataclass(frozen=True)
class Trend:
    """The per-period table (oldest first) and, when anomalies could not be looked for, why.

    ``table``: period, responses, <metric>, <metric>_low, <metric>_high, delta, p_value,
    significant_change, small_sample, anomaly. ``significant_change`` is True only when the
    change from the previous period is significant at 95% and both periods have at least
    ``min_sample`` answers (null for the first period or next to an empty one).
    """

    table: pl.DataFrame
    metric: str
    anomaly_reason: str | None


def trend(counts: pl.DataFrame, period: str = "month", metric: str = "nps", weight: str = "n",
          min_sample: int = 30) -> Trend:
    """The ``metric`` ("nps" or "csat") per ``period`` ("week" or "month") with 95% CI, tests and anomalies.

    Parameters
    ----------
    counts: ``period``, the score (nps 0–10 or satisfaction 1–5) and its count in ``weight``, as
        returned by ``store.queries.journey_counts(..., by=[period])`` or ``touchpoint_counts``.
        Periods inside the span without answers appear with 0 responses and null values.
    """
    if period not in STL_PERIOD:
        raise ValueError(f"period must be one of {list(STL_PERIOD)}")
    score = "nps" if metric == "nps" else "satisfaction"
    if metric == "nps":
        table = with_nps_ci(nps(counts, by=[period], score=score, weight=weight))
    else:
        table = with_csat_ci(csat(counts, by=[period], score=score, weight=weight)).rename({"ratings": "responses"})
    table = _full_grid(table.rename({period: "period"}), period)
    table = _with_changes(table, metric, min_sample)
    flags, reason = _anomalies(table, metric, period, min_sample)
    return Trend(table.with_columns(pl.Series("anomaly", flags, dtype=pl.Boolean)), metric, reason)


def _full_grid(table: pl.DataFrame, period: str) -> pl.DataFrame:
    """Every period between the first and the last, those without answers with 0 responses."""
    if table.is_empty():
        return table
    grid = pl.DataFrame({"period": pl.date_range(table["period"].min(), table["period"].max(),
                                                 INTERVAL[period], eager=True)})
    return grid.join(table, on="period", how="left").with_columns(pl.col("responses").fill_null(0))


def _with_changes(table: pl.DataFrame, metric: str, min_sample: int) -> pl.DataFrame:
    rows = table.to_dicts()
    test = nps_change if metric == "nps" else csat_change
    previous_key = "responses" if metric == "nps" else "ratings"
    delta, p_value, significant, small = [], [], [], []
    for i, row in enumerate(rows):
        if i == 0:
            delta.append(None), p_value.append(None), significant.append(None), small.append(None)
            continue

        def side(r: dict) -> dict:
            return {**r, previous_key: r["responses"]}

        c = test(side(row), side(rows[i - 1]), min_sample)
        delta.append(c.delta)
        p_value.append(c.p_value)
        significant.append(None if c.significant is None else bool(c.significant and not c.small_sample))
        small.append(c.small_sample)
    return table.with_columns(
        pl.Series("delta", delta, dtype=pl.Float64),
        pl.Series("p_value", p_value, dtype=pl.Float64),
        pl.Series("significant_change", significant, dtype=pl.Boolean),
        pl.Series("small_sample", small, dtype=pl.Boolean),
    )


def _anomalies(table: pl.DataFrame, metric: str, period: str, min_sample: int) -> tuple[list[bool], str | None]:
    n = table.height
    needed = MIN_PERIODS[period]
    if n < needed:
        return [False] * n, Message("reason_anomaly_short_week" if period == "week" else "reason_anomaly_short_month",
                                    min=needed, n=n)
    values = table[metric].cast(pl.Float64)
    if values.null_count() > n // 4:
        return [False] * n, Message("reason_anomaly_gaps_week" if period == "week" else "reason_anomaly_gaps_month")
    filled = values.interpolate().fill_null(strategy="forward").fill_null(strategy="backward").to_numpy()
    from statsmodels.tsa.seasonal import STL  # imported when used (see metrics.confidence)

    resid = STL(filled, period=STL_PERIOD[period], seasonal=STL_SEASONAL, robust=True).fit().resid
    scale = 1.4826 * float(np.median(np.abs(resid - np.median(resid))))
    if scale == 0.0:
        return [False] * n, None
    if metric == "nps":
        se = table["nps_se"].fill_null(np.inf).to_numpy()
    else:  # the Wilson half-width stands in for 1.96 · se
        se = ((table["csat_high"] - table["csat_low"]) / (2 * Z_95)).fill_null(np.inf).to_numpy()
    flags = ((np.abs(resid) > ANOMALY_Z * scale) & (np.abs(resid) > NOISE_Z * se)
             & values.is_not_null().to_numpy() & (table["responses"].to_numpy() >= min_sample))
    return [bool(x) for x in flags], None
