"""Key-driver analysis: which stage's satisfaction moves the NPS answer most (journey-level OLS, Shapley R² importance).

Model (one row per journey with an NPS answer), statsmodels OLS with HC3 robust standard errors:

    nps_answer = a + Σ_s b_s · rated_s · (sat_s − c_s) + Σ_s g_s · rated_s + e

- sat_s is the journey's mean satisfaction (1–5) over its rated touchpoints in stage s; c_s is
  the mean of sat_s over the journeys that rated s (centring);
- rated_s is 1 when the journey has a satisfaction rating in stage s, else 0, and the centred
  satisfaction is filled with 0 there. Journeys that never reached (or never rated) a stage
  stay in the model: their missing satisfaction is absorbed by g_s, so b_s is the effect of one
  satisfaction point among the journeys that rated s, and no journey is dropped for a gap;
- a stage rated by fewer than ``min_sample`` journeys (or with no variation) is left out and
  reported without estimates.

Importance = Shapley decomposition of R² (LMG): each stage's satisfaction term gets its average
gain in R² over all orders of adding the terms to the model of the rated_s indicators alone,
shown as a share (%) of the R² that stage satisfaction adds in total (the shares sum to 100).
Exact up to MAX_SHAPLEY_STAGES stages; beyond, the share of |standardized coefficient|.

Weighted (a survey's response weights, ``metrics.weights``; the journeys frame has a ``weight`` column): the
same model by weighted least squares (statsmodels ``WLS(y, X, weights=w).fit(cov_type="HC3")``), R² and its
Shapley shares from the weighted sums of squares (R² = 1 − Σw·e² / Σw·(y − ȳ_w)²), centring c_s and each stage's
mean satisfaction weighted alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import NamedTuple

import numpy as np
import polars as pl

from i18n import Message
from metrics.confidence import Z_95, two_sided_p

MAX_SHAPLEY_STAGES = 12
QUADRANTS = ("fix_first", "keep_up", "monitor", "maintain")

# The reading's comparison is exactly the quadrant's: the stage's mean satisfaction against the average of
# the modelled stages. "Lowest"/"highest" are said only when the stage is the lowest/highest of them.
_MATTERS = ("{stage} matters most to NPS ({importance:.0f}% of what stage satisfaction explains; "
            "{coefficient:+.2f} points on the 0–10 answer per satisfaction point)")
READING_EN = {
    "fix_first_lowest": _MATTERS + " and is rated lowest of the {stages} stages in the model "
                                   "({mean_satisfaction:.2f}/5): fix it first.",
    "fix_first": _MATTERS + " and is rated below their average ({mean_satisfaction:.2f}/5 against "
                            "{average_satisfaction:.2f}; lowest: {lowest_stage} at {lowest_satisfaction:.2f}/5): "
                            "a candidate to fix first.",
    "keep_up": _MATTERS + " and is rated at or above the average of the {stages} stages in the model "
                          "({mean_satisfaction:.2f}/5 against {average_satisfaction:.2f}): keep it up.",
    "none": "No stage's satisfaction has a clear (95% significant) link to NPS in this selection.",
}
READING_KEYS = tuple(READING_EN)


@dataclass(frozen=True)
class KeyDrivers:
    """The key-driver table (None with ``reason`` when there is too little data) and the model's fit.

    ``table``: stage, importance (%), coefficient, ci_low, ci_high, p_value, mean_satisfaction,
    n (journeys that rated the stage), quadrant; most important first; stages left out of the
    model come last with null estimates.
    """

    table: pl.DataFrame | None
    journeys: int
    r2: float | None
    measure: str
    reason: str | None = None
    fit: str | None = None  # how a logistic model was fitted: maximum_likelihood or firth (metrics.survey_drivers)


@dataclass(frozen=True)
class OLSFit:
    """Estimates of an OLS fit with HC3 robust standard errors: params, 95% ci (k × 2), p_values, r2."""

    params: np.ndarray
    ci: np.ndarray
    p_values: np.ndarray
    r2: float


# The journeys' column holding a survey's response weight (``metrics.weights``): when present the model is weighted.
WEIGHT = "weight"
# Smallest eigenvalue ratio of the column-scaled Gram matrix for the normal equations; below it the
# columns are (nearly) collinear and statsmodels' pseudo-inverse gives the minimum-norm fit instead.
_MIN_EIGEN_RATIO = 1e-8
# Why a model of the answer is not fitted when every answer is the same (R² would divide by zero).
SAME_ANSWER = Message("reason_same_nps")
_BLOCK_ROWS = 65_536


def one_blas_thread():
    """A context in which numpy's BLAS runs on one thread.

    The models' products are tall and thin (n × k by k × k, k ≤ 30): a second BLAS thread has little to
    share, and on a busy machine (DuckDB's threads, other sessions) OpenBLAS's threads wait for each
    other: 500,000 × 15 times 15 × 15 took 0.18 s on two threads against 0.02 s on one (2 shared cores).
    threadpoolctl's limit is process-wide: a session fitting at the same time may restore the other's
    setting last, which leaves one thread, also right here.
    """
    from threadpoolctl import threadpool_limits  # imported when used (see metrics.confidence)

    return threadpool_limits(limits=1, user_api="blas")


def ols_hc3(y: np.ndarray, x: np.ndarray) -> OLSFit:
    """OLS of ``y`` on ``x`` (its first column the intercept) with HC3 errors, as statsmodels' ``OLS(y, x).fit(cov_type="HC3")``.

    Intervals and p-values are normal-based (statsmodels' default for a robust covariance).
    Solved from the k × k Gram matrix of the columns scaled to unit length (one pass over the
    rows each for X'X, the leverages and the HC3 meat) instead of statsmodels' SVD of the whole
    n × k design: same estimates to rounding, about ten times faster on a million journeys.
    BLAS on one thread (``one_blas_thread``).
    """
    with one_blas_thread():
        return _ols_hc3(y, x)


def _ols_hc3(y: np.ndarray, x: np.ndarray) -> OLSFit:
    scale = np.sqrt(np.einsum("ij,ij->j", x, x))
    scale[scale == 0] = 1.0
    # Rows in blocks: the scaled copy and the products stay a few MB instead of n × k each.
    blocks = [slice(i, i + _BLOCK_ROWS) for i in range(0, x.shape[0], _BLOCK_ROWS)]
    gram = np.zeros((x.shape[1], x.shape[1]))
    xty = np.zeros(x.shape[1])
    for rows in blocks:
        xs = x[rows] / scale
        gram += xs.T @ xs
        xty += xs.T @ y[rows]
    eigen = np.linalg.eigvalsh(gram)
    if eigen[0] <= eigen[-1] * _MIN_EIGEN_RATIO:
        import statsmodels.api as sm  # imported when used (see metrics.confidence)

        fit = sm.OLS(y, x).fit(method="pinv", cov_type="HC3")
        return OLSFit(fit.params, fit.conf_int(0.05), fit.pvalues, float(fit.rsquared))
    inverse = np.linalg.inv(gram)
    beta = inverse @ xty
    meat = np.zeros_like(gram)
    ssr = 0.0
    ones = np.ones(x.shape[1])
    for rows in blocks:
        xs = x[rows] / scale
        resid = y[rows] - xs @ beta
        ssr += float(resid @ resid)
        leverage = ((xs @ inverse) * xs) @ ones  # a matrix-vector product: einsum's row sums are slower
        weight = (resid / (1.0 - leverage)) ** 2
        meat += (xs * weight[:, None]).T @ xs
    cov = inverse @ meat @ inverse
    params = beta / scale
    se = np.sqrt(np.diag(cov)) / scale
    half = Z_95 * se
    with np.errstate(divide="ignore", invalid="ignore"):
        p_values = two_sided_p(params / se)
    centred = y - y.mean()
    sst = float(centred @ centred)
    if sst == 0.0:  # callers check that the answer varies; a constant one has no R² to give
        raise ValueError("ols_hc3 needs an outcome that varies")
    r2 = 1.0 - ssr / sst
    return OLSFit(params, np.column_stack([params - half, params + half]), p_values, r2)


def wls_hc3(y: np.ndarray, x: np.ndarray, w: np.ndarray) -> OLSFit:
    """Weighted least squares of ``y`` on ``x`` with weights ``w`` and HC3 errors: statsmodels'
    ``WLS(y, x, weights=w).fit(cov_type="HC3")``; r2 is its (weighted) R²."""
    import statsmodels.api as sm  # imported when used (see metrics.confidence)

    with one_blas_thread():
        fit = sm.WLS(y, x, weights=w).fit(cov_type="HC3")
    return OLSFit(np.asarray(fit.params), np.asarray(fit.conf_int(0.05)), np.asarray(fit.pvalues), float(fit.rsquared))


class Design(NamedTuple):
    """The models' shared journey rows (see ``stage_design``)."""

    frame: pl.DataFrame            # nps, then sat_i and rated_i per usable stage, one row per answering journey
    usable: list[str]              # the stages in the model, in stage order (sat_i refers to usable[i])
    left_out: dict[str, str]       # stage -> why it is not in the model
    performance: pl.DataFrame      # stage, mean_satisfaction (rating-weighted), n (journeys that rated it)


def stage_design(journeys: pl.DataFrame, stage_satisfaction: pl.DataFrame, stages: Sequence[str],
                 min_sample: int = 30) -> Design:
    """The model's journey rows: nps (Float64) and, per usable stage i, ``sat_i`` (centred, 0 when unrated) and ``rated_i``.

    Returns a ``Design``: the frame, the usable stages (in ``stages`` order; column index i refers
    to this list), the reason each other stage is left out, and each stage's performance among the
    answering journeys (mean satisfaction weighted by ratings, and how many journeys rated it).
    The rows of ``stage_satisfaction`` may come in any order: every value is placed by journey and
    sums run over the journeys in order, so the design does not depend on it.
    """
    weighted = [pl.col(WEIGHT).cast(pl.Float64)] if WEIGHT in journeys.columns else []
    answered = journeys.filter(pl.col("nps").is_not_null()).select(
        "journey_id", pl.col("nps").cast(pl.Float64), *weighted)
    respondent_w = answered[WEIGHT].to_numpy() if weighted else np.ones(answered.height)
    # Each rating's row in ``answered`` from one join; each stage's columns are then filled by row
    # (a join per stage copied the growing frame each time: 30% more CPU, 60 MB more at 10M events).
    sat = stage_satisfaction.join(answered.select("journey_id").with_row_index("_row"), on="journey_id").select(
        "_row", "stage", pl.col("mean_satisfaction").cast(pl.Float64).alias("_sat"),
        pl.col("ratings").cast(pl.Float64).alias("_ratings"))
    columns: list[pl.Series] = []
    usable: list[str] = []
    left_out: dict[str, str] = {}
    performance = []
    for stage in stages:
        rows = sat.filter(pl.col("stage") == stage)  # one stage at a time: no second copy of all ratings
        # Values placed by journey first, then summed over the journeys in order: the sums do not
        # depend on the order of the rows.
        at = rows["_row"].to_numpy()
        centred, rated, weights = np.zeros(answered.height), np.zeros(answered.height), np.zeros(answered.height)
        centred[at], rated[at], weights[at] = rows["_sat"].to_numpy(), 1.0, rows["_ratings"].to_numpy()
        weights *= respondent_w
        weight = float(weights.sum())
        performance.append((stage, float((centred * weights).sum()) / weight if weight else None, rows.height))
        if rows.height < min_sample:
            left_out[stage] = f"only {rows.height} journeys with an NPS answer rated it (fewer than {min_sample})"
            continue
        if rows["_sat"].std() in (None, 0.0):
            left_out[stage] = "its satisfaction does not vary"
            continue
        i = len(usable)
        centred -= rated * (float((centred * respondent_w).sum()) / float((rated * respondent_w).sum()))
        columns += [pl.Series(f"sat_{i}", centred), pl.Series(f"rated_{i}", rated)]
        usable.append(stage)
    frame = answered.with_columns(columns)
    perf = pl.DataFrame(performance, schema={"stage": pl.String, "mean_satisfaction": pl.Float64, "n": pl.Int64},
                        orient="row")
    return Design(frame, usable, left_out, perf)


def design_matrix(frame: pl.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """The n × (1 + len(columns)) float matrix [1, columns...] filled column by column (no per-column copies held at once).

    Column-major: each column is written in one sequential pass (row-major, every column's write touched every
    row's cache line: 0.14 s against 0.02 s CPU for a million journeys and 16 columns); the fits read it by rows
    in blocks all the same."""
    x = np.empty((frame.height, len(columns) + 1), order="F")
    x[:, 0] = 1.0
    for i, c in enumerate(columns, start=1):
        x[:, i] = frame[c].to_numpy()
    return x


def indicator_columns(frame: pl.DataFrame, count: int) -> list[str]:
    """The rated_i indicators that vary (one that is 1 for every journey duplicates the intercept)."""
    return [f"rated_{i}" for i in range(count) if varies(frame[f"rated_{i}"])]


def varies(column: pl.Series) -> bool:
    """Whether a numeric design column takes more than one value (min < max: no hashing of a million rows)."""
    return column.len() > 0 and column.min() != column.max()


def _r2_by_subset(y: np.ndarray, base: np.ndarray, terms: np.ndarray, sst: float | None = None) -> dict[int, float]:
    """R² of the model base + each subset of ``terms`` columns (keyed by bitmask), from one Gram matrix; ``sst`` the
    total sum of squares when it is not that of ``y`` around its mean (a weighted model's rows scaled by √w)."""
    with one_blas_thread():
        return _r2_by_subset_serial(y, base, terms, sst)


def _r2_by_subset_serial(y: np.ndarray, base: np.ndarray, terms: np.ndarray,
                         sst: float | None = None) -> dict[int, float]:
    # The Gram matrix from its blocks: no n × k copy of base and terms side by side.
    gram = np.block([[base.T @ base, base.T @ terms], [terms.T @ base, terms.T @ terms]])
    xy = np.concatenate([base.T @ y, terms.T @ y])
    sst = float(((y - y.mean()) ** 2).sum()) if sst is None else sst
    nb, k = base.shape[1], terms.shape[1]
    out = {}
    for mask in range(1 << k):
        idx = list(range(nb)) + [nb + j for j in range(k) if mask >> j & 1]
        beta = np.linalg.lstsq(gram[np.ix_(idx, idx)], xy[idx], rcond=None)[0]
        sse = float(y @ y - beta @ xy[idx])
        out[mask] = 1.0 - sse / sst
    return out


def shapley_r2(y: np.ndarray, base: np.ndarray, terms: np.ndarray, sst: float | None = None) -> np.ndarray:
    """Each term's Shapley value of R² (average R² gain over all orders of entry), on top of ``base``.

    The values sum to R²(all terms) − R²(base alone).
    """
    k = terms.shape[1]
    r2 = _r2_by_subset(y, base, terms, sst)
    values = np.zeros(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            weight = math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k)
            for subset in combinations(others, size):
                mask = sum(1 << i for i in subset)
                values[j] += weight * (r2[mask | 1 << j] - r2[mask])
    return values


def key_drivers(journeys: pl.DataFrame, stage_satisfaction: pl.DataFrame | None, stages: Sequence[str],
                min_sample: int = 30, *, design: Design | None = None) -> KeyDrivers:
    """Key drivers of the 0–10 NPS answer among the stages (see the module docstring for the model).

    Parameters
    ----------
    journeys: journey_id, nps (the journey's 0–10 answer; null = no answer, left out).
    stage_satisfaction: journey_id, stage, mean_satisfaction, ratings (no row = stage not rated).
    stages: the stages in stage order.
    min_sample: fewest journeys for the model, and fewest rating journeys for a stage to enter it.
    design: ``stage_design`` of these same arguments when the caller already built it (the handoff
        effect's model uses the same design); ``stage_satisfaction`` may then be None.
    """
    measure = "shapley_r2_share"
    frame, usable, _, perf = design or stage_design(journeys, stage_satisfaction, stages, min_sample)
    n = frame.height
    if n < min_sample:
        return KeyDrivers(None, n, None, measure, Message("reason_few_nps_answers", n=n, min=min_sample))
    if not usable:
        return KeyDrivers(None, n, None, measure, Message("reason_no_rated_stage", min=min_sample))
    indicators = indicator_columns(frame, len(usable))
    sats = [f"sat_{i}" for i in range(len(usable))]
    if n < len(sats) + len(indicators) + 1 + min_sample // 3:
        return KeyDrivers(None, n, None, measure, Message("reason_few_for_stages", n=n, k=len(usable)))
    y = frame["nps"].to_numpy()
    if not varies(frame["nps"]):
        return KeyDrivers(None, n, None, measure, SAME_ANSWER)
    x = design_matrix(frame, indicators + sats)
    if WEIGHT in frame.columns:
        w = frame[WEIGHT].to_numpy()
        fit = wls_hc3(y, x, w)
        # Weighted least squares is OLS of the rows scaled by √w; R² is measured around the weighted mean.
        root = np.sqrt(w)
        y, x = y * root, x * root[:, None]
        sst = float((w * (frame["nps"].to_numpy() - np.average(frame["nps"].to_numpy(), weights=w)) ** 2).sum())

        def spread() -> np.ndarray:
            return np.sqrt(np.cov(x[:, len(indicators) + 1:] / root[:, None], rowvar=False, aweights=w, ddof=0)
                           .reshape(len(sats), len(sats)).diagonal())
    else:
        fit, sst = ols_hc3(y, x), None

        def spread() -> np.ndarray:
            return x[:, len(indicators) + 1:].std(axis=0)
    base, terms = x[:, :len(indicators) + 1], x[:, len(indicators) + 1:]
    coef = fit.params[base.shape[1]:]
    ci = fit.ci[base.shape[1]:]
    pvalues = fit.p_values[base.shape[1]:]
    if len(usable) <= MAX_SHAPLEY_STAGES:
        raw = np.clip(shapley_r2(y, base, terms, sst), 0.0, None)
    else:  # the terms' spread only here (a pass over every journey the Shapley shares do not need)
        measure = "std_coefficient_share"
        raw = np.abs(coef) * spread()
    return KeyDrivers(driver_table(stages, usable, raw, coef, ci, pvalues, perf), n, fit.r2, measure)


def driver_table(stages: Sequence[str], usable: Sequence[str], raw: np.ndarray, coef: np.ndarray, ci: np.ndarray,
                 pvalues: np.ndarray, perf: pl.DataFrame) -> pl.DataFrame:
    """The drivers table of a fitted model: one row per stage (unmodelled stages with null estimates), importance =
    ``raw`` as a % of its sum, with quadrants, most important first. Shared by the OLS and the logistic model."""
    importance = 100.0 * raw / raw.sum() if raw.sum() > 0 else np.zeros(len(usable))
    modelled = pl.DataFrame({
        "stage": list(usable),
        "importance": importance.astype(float),
        "coefficient": coef.astype(float),
        "ci_low": ci[:, 0].astype(float),
        "ci_high": ci[:, 1].astype(float),
        "p_value": pvalues.astype(float),
    }, schema_overrides={"stage": pl.String})
    table = (
        pl.DataFrame({"stage": list(stages)}, schema={"stage": pl.String})
        .join(modelled, on="stage", how="left")
        .join(perf, on="stage", how="left")
        .with_columns(pl.col("n").fill_null(0))
    )
    return with_quadrants(table).sort("importance", descending=True, nulls_last=True, maintain_order=True)


def with_quadrants(table: pl.DataFrame) -> pl.DataFrame:
    """Importance–performance quadrant per stage, split at the modelled stages' average importance and satisfaction.

    fix_first = important and below-average satisfaction; keep_up = important and above;
    maintain = less important and above (do not over-invest); monitor = less important and below.
    Stages without an importance get a null quadrant.
    """
    modelled = table.filter(pl.col("importance").is_not_null())
    imp_cut = modelled["importance"].mean()
    perf_cut = modelled["mean_satisfaction"].mean()
    important = pl.col("importance") >= imp_cut
    good = pl.col("mean_satisfaction") >= perf_cut
    quadrant = (
        pl.when(pl.col("importance").is_null()).then(None)
        .when(important & ~good).then(pl.lit("fix_first"))
        .when(important).then(pl.lit("keep_up"))
        .when(good).then(pl.lit("maintain"))
        .otherwise(pl.lit("monitor"))
    )
    return table.with_columns(quadrant.alias("quadrant"))


def reading(drivers: KeyDrivers, templates: Mapping[str, str] = READING_EN) -> str | None:
    """One plain sentence about the top driver: how much it matters and how it is rated against the other stages.

    ``templates`` holds READING_KEYS format strings: "fix_first_lowest" (the top driver is in the
    fix-first quadrant and rated lowest of the modelled stages), "fix_first" (below their average
    but not the lowest: the lowest stage is named), "keep_up" (at or above the average) and "none"
    (no significant positive driver), with the fields stage, importance, coefficient,
    mean_satisfaction, average_satisfaction (the quadrant's cut), stages (how many are modelled),
    lowest_stage and lowest_satisfaction. None without a table.
    """
    if drivers.table is None:
        return None
    modelled = drivers.table.filter(pl.col("importance").is_not_null())
    top = modelled.row(0, named=True)
    if top["p_value"] is None or top["p_value"] >= 0.05 or top["coefficient"] <= 0:
        return templates["none"]
    lowest = modelled.sort("mean_satisfaction", "stage", nulls_last=True).row(0, named=True)
    fields = {**top, "average_satisfaction": modelled["mean_satisfaction"].mean(), "stages": modelled.height,
              "lowest_stage": lowest["stage"], "lowest_satisfaction": lowest["mean_satisfaction"]}
    if top["quadrant"] not in ("fix_first", "monitor"):
        return templates["keep_up"].format(**fields)
    is_lowest = top["mean_satisfaction"] <= lowest["mean_satisfaction"]
    return templates["fix_first_lowest" if is_lowest else "fix_first"].format(**fields)
