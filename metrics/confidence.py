"""95% confidence intervals: NPS from the per-answer NPS variance, CSAT as a Wilson score interval."""

from __future__ import annotations

import math

import numpy as np
import polars as pl

Z_95 = 1.959963984540054  # the standard normal's 97.5% quantile

# statsmodels (and the scipy it loads, ~1.4 s) is imported where it is used, not with this module:
# a report whose statistics need no Wilson interval or STL does not pay for it.


def two_sided_p(z: float | np.ndarray) -> float | np.ndarray:
    """Two-sided p-value of a standard normal statistic: 2·P(Z > |z|) = erfc(|z|/√2) (scipy's 2·norm.sf(|z|))."""
    if np.ndim(z) == 0:
        return math.erfc(abs(float(z)) / math.sqrt(2.0))
    return np.array([float("nan") if math.isnan(v) else math.erfc(abs(float(v)) / math.sqrt(2.0))
                     for v in np.ravel(z)]).reshape(np.shape(z))


def nps_se(promoters: pl.Expr, detractors: pl.Expr, responses: pl.Expr) -> pl.Expr:
    """Standard error of NPS in points: 100·sqrt((p + d − (p − d)²) / n); null without answers.

    Scoring each answer +1 (promoter), 0 (passive) or −1 (detractor) makes NPS/100 their mean;
    p + d − (p − d)² is the variance of one such score (p, d = promoter and detractor shares).
    """
    p, d = promoters / responses, detractors / responses
    return pl.when(responses > 0).then(100.0 * ((p + d - (p - d) ** 2) / responses).sqrt())


def with_nps_ci(frame: pl.DataFrame) -> pl.DataFrame:
    """NPS 95% interval: nps ± 1.96·se, clipped to [-100, 100]; adds nps_se, nps_low, nps_high.

    ``frame`` has promoters, detractors, responses and nps (as returned by ``metrics.nps.nps``).
    Rows without answers get null bounds.

    Example
    -------
    >>> from metrics.nps import nps
    >>> round(with_nps_ci(nps(pl.DataFrame({"nps": [10, 9, 7, 3]})))["nps_se"][0], 4)  # 100·sqrt((.5+.25−.0625)/4)
    41.4578
    """
    se = nps_se(pl.col("promoters"), pl.col("detractors"), pl.col("responses"))
    return frame.with_columns(se.alias("nps_se")).with_columns(
        (pl.col("nps") - Z_95 * pl.col("nps_se")).clip(-100.0, 100.0).alias("nps_low"),
        (pl.col("nps") + Z_95 * pl.col("nps_se")).clip(-100.0, 100.0).alias("nps_high"),
    )


def nps_interval(promoters: int, detractors: int, responses: int) -> tuple[float, float] | None:
    """The NPS 95% interval of one group as (low, high); None without answers."""
    if responses <= 0:
        return None
    p, d = promoters / responses, detractors / responses
    centre = 100.0 * (p - d)
    half = Z_95 * 100.0 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / responses)
    return max(centre - half, -100.0), min(centre + half, 100.0)


def with_csat_ci(frame: pl.DataFrame) -> pl.DataFrame:
    """CSAT 95% Wilson score interval (statsmodels ``proportion_confint``), in %; adds csat_low, csat_high.

    ``frame`` has satisfied and ratings (as returned by ``metrics.satisfaction.csat``). Rows
    without ratings get null bounds.

    Example
    -------
    >>> from metrics.satisfaction import csat
    >>> with_csat_ci(csat(pl.DataFrame({"satisfaction": [5, 4, 2, 1]}))).select("csat_low", "csat_high").row(0)
    (15.003898915214947, 84.99610108478505)
    """
    from statsmodels.stats.proportion import proportion_confint

    satisfied = frame["satisfied"].cast(pl.Float64).fill_null(0.0).to_numpy()
    ratings = frame["ratings"].cast(pl.Float64).fill_null(0.0).to_numpy()
    rated = ratings > 0
    low = np.full(len(frame), np.nan)
    high = np.full(len(frame), np.nan)
    if rated.any():
        low[rated], high[rated] = proportion_confint(satisfied[rated], ratings[rated], alpha=0.05, method="wilson")
    bounds = pl.DataFrame({"csat_low": 100.0 * low, "csat_high": 100.0 * high}).fill_nan(None)
    return frame.with_columns(bounds)


def csat_interval(satisfied: int, ratings: int) -> tuple[float, float] | None:
    """The CSAT 95% Wilson interval of one group, in %, as (low, high); None without ratings."""
    if ratings <= 0:
        return None
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(satisfied, ratings, alpha=0.05, method="wilson")
    return 100.0 * float(low), 100.0 * float(high)
