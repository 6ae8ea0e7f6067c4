"""Response weights: weighted NPS and shares with intervals on the effective sample size, raking, response rate.

Definitions (each answer carries its respondent's weight w > 0):

- **Weighted NPS** = 100 × (Σw over promoters (9–10) − Σw over detractors (0–6)) / Σw over the NPS answers.
- **Effective sample size** (Kish) n_eff = (Σw)² / Σw² over the same answers: the number of equally weighted
  answers that would be as precise. Equal weights give n_eff = n.
- **Weighted NPS interval** (95%): the unweighted formula of ``metrics.confidence`` with the weighted shares
  p (promoters) and d (detractors) and n_eff in place of n: NPS ± 1.96 × 100 × √((p + d − (p − d)²) / n_eff),
  clipped to [−100, 100].
- **Weighted share** (CSAT, top-2-box, an outcome's positive share) = 100 × Σw over the hits / Σw over the
  answers, with a 95% Wilson interval computed with n_eff in place of n.
- **Raking** (iterative proportional fitting): weights such that, for every segment column given, the weighted
  share of each of its values equals its target share; the weights are scaled to each column's targets in
  turn (starting from the base weights, or 1) until no share is more than ``tolerance`` (1e-6) away from its
  target, or refused after ``max_iter`` rounds. The weights are then scaled to mean 1.
- **Response rate** = responded / invited, per segment value and per week.
- **Who answers changed** (``mix_change``): between two periods, a chi-square test of independence on the
  respondents' counts per value of a segment column (periods × values), and a two-sample z test of the
  (weighted) NPS change (z = Δ / √(se₁² + se₂²), se from the weighted shares and n_eff); the warning is given
  when both are significant at 95% for a segment column.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import polars as pl

from errors import DataError
from metrics.confidence import Z_95, two_sided_p

ALPHA = 0.05
NPS_COLUMNS = ("responses", "weight_sum", "effective_n", "promoters_pct", "detractors_pct", "nps", "nps_low",
               "nps_high")
SHARE_COLUMNS = ("answers", "weight_sum", "effective_n", "hits", "share_pct", "share_low", "share_high")


def effective_n(weights: pl.Series) -> float:
    """Kish's effective sample size (Σw)² / Σw² of positive weights (0 without weight).

    >>> round(effective_n(pl.Series([2.0, 2.0, 1.0])), 6)   # 25 / 9
    2.777778
    """
    total, squares = float(weights.sum()), float((weights * weights).sum())
    return total * total / squares if squares > 0 else 0.0


def _n_eff(w: pl.Expr) -> pl.Expr:
    return pl.when((w * w).sum() > 0).then(w.sum() ** 2 / (w * w).sum()).otherwise(0.0)


def _group(frame: pl.DataFrame, by: Sequence[str], aggs: list[pl.Expr]) -> pl.DataFrame:
    if by:
        return frame.group_by(list(by)).agg(aggs).sort(list(by), nulls_last=True)
    return frame.select(aggs)


def weighted_nps(answers: pl.DataFrame, by: Sequence[str] = (), score: str = "nps",
                 weight: str = "weight") -> pl.DataFrame:
    """Weighted NPS per ``by`` group (see the module docstring), with its 95% interval on n_eff.

    ``answers``: one row per answer, ``score`` 0–10 (null = no answer, left out) and ``weight`` (> 0).
    Returns ``by``..., NPS_COLUMNS: responses (answers counted), weight_sum, effective_n, promoters_pct,
    detractors_pct, nps, nps_low, nps_high (null without answers).

    Example: two promoters of weight 2 and one detractor of weight 1: NPS = 100 × (4 − 1) / 5 = 60 on
    n_eff = 25 / 9.

    >>> r = weighted_nps(pl.DataFrame({"nps": [10, 9, 3], "weight": [2.0, 2.0, 1.0]})).row(0, named=True)
    >>> round(r["nps"], 9), round(r["effective_n"], 6)
    (60.0, 2.777778)
    """
    s, w = pl.col(score), pl.col(weight).cast(pl.Float64)
    rows = answers.filter(s.is_not_null())
    out = _group(rows, by, [
        pl.len().cast(pl.Int64).alias("responses"),
        w.sum().alias("weight_sum"),
        _n_eff(w).alias("effective_n"),
        w.filter(s >= 9).sum().alias("_promoters"),
        w.filter(s <= 6).sum().alias("_detractors"),
    ])
    total = pl.col("weight_sum")
    p, d = pl.col("_promoters") / total, pl.col("_detractors") / total
    half = Z_95 * 100.0 * ((p + d - (p - d) ** 2).clip(0.0, None) / pl.col("effective_n")).sqrt()
    centre = 100.0 * (p - d)
    some = total > 0
    return out.with_columns(
        pl.when(some).then(100.0 * p).alias("promoters_pct"),
        pl.when(some).then(100.0 * d).alias("detractors_pct"),
        pl.when(some).then(centre).alias("nps"),
        pl.when(some).then((centre - half).clip(-100.0, 100.0)).alias("nps_low"),
        pl.when(some).then((centre + half).clip(-100.0, 100.0)).alias("nps_high"),
    ).select(*by, *NPS_COLUMNS)


def wilson(share: float, n: float) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion ``share`` (0–1) on ``n`` answers (n may be an effective n), in %.

    >>> [round(v, 4) for v in wilson(0.5, 4)]   # statsmodels' proportion_confint(2, 4, method="wilson")
    [15.0039, 84.9961]
    """
    z2 = Z_95 * Z_95
    centre = (share + z2 / (2 * n)) / (1 + z2 / n)
    half = Z_95 * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return 100.0 * max(centre - half, 0.0), 100.0 * min(centre + half, 1.0)


def weighted_share(frame: pl.DataFrame, hit: pl.Expr, by: Sequence[str] = (), weight: str = "weight") -> pl.DataFrame:
    """The weighted share of ``hit`` (a Boolean expression; null = not an answer, left out) per ``by`` group with its
    95% Wilson interval on n_eff: ``by``..., SHARE_COLUMNS (answers, weight_sum, effective_n, hits = Σw over the
    hits, share_pct, share_low, share_high; null bounds without answers).

    >>> f = pl.DataFrame({"satisfaction": [5, 4, 2, 1], "weight": [1.0, 3.0, 1.0, 1.0]})
    >>> weighted_share(f, pl.col("satisfaction") >= 4)["share_pct"][0]   # 100 × 4 / 6
    66.66666666666667
    """
    w = pl.col(weight).cast(pl.Float64)
    rows = frame.with_columns(hit.alias("_hit")).filter(pl.col("_hit").is_not_null())
    out = _group(rows, by, [
        pl.len().cast(pl.Int64).alias("answers"),
        w.sum().alias("weight_sum"),
        _n_eff(w).alias("effective_n"),
        w.filter(pl.col("_hit")).sum().alias("hits"),
    ])
    bounds = [wilson(h / t, n) if t > 0 and n > 0 else (None, None)
              for h, t, n in zip(out["hits"], out["weight_sum"], out["effective_n"], strict=True)]
    return out.with_columns(
        pl.when(pl.col("weight_sum") > 0).then(100.0 * pl.col("hits") / pl.col("weight_sum")).alias("share_pct"),
        pl.Series("share_low", [b[0] for b in bounds], dtype=pl.Float64),
        pl.Series("share_high", [b[1] for b in bounds], dtype=pl.Float64),
    ).select(*by, *SHARE_COLUMNS)


def rake(frame: pl.DataFrame, targets: Mapping[str, Mapping[str, float]], base: pl.Series | None = None, *,
         tolerance: float = 1e-6, max_iter: int = 1000) -> pl.Series:
    """Weights (mean 1) for the rows of ``frame`` whose shares of each ``targets`` column match its target shares.

    ``targets``: column → {value: share}; each column's shares are scaled to sum to 1. ``base``: the weights to
    start from (a weight column), else 1. DataError, one sentence naming it, when a target column is not in the
    data, a target value has no row (``rake_value_absent``), a row's value has no target (``rake_value_no_target``),
    a share is not positive, or the fit does not come within ``tolerance`` in ``max_iter`` rounds
    (``rake_not_converged``).

    >>> w = rake(pl.DataFrame({"g": ["a", "a", "a", "b"]}), {"g": {"a": 0.5, "b": 0.5}})
    >>> [round(v, 6) for v in w]   # a's three rows share half, b's one row the other half; mean 1
    [0.666667, 0.666667, 0.666667, 2.0]
    """
    n = frame.height
    w = pl.Series("weight", [1.0] * n) if base is None else base.cast(pl.Float64).alias("weight")
    goals: dict[str, dict[str, float]] = {}
    for column, shares in targets.items():
        if column not in frame.columns:
            raise DataError("rake_no_column", column=column)
        bad = [k for k, v in shares.items() if not (v > 0 and math.isfinite(v))]
        if bad:
            raise DataError("rake_bad_share", column=column, value=bad[0])
        total = sum(shares.values())
        goals[column] = {str(k): v / total for k, v in shares.items()}
        present = set(frame[column].cast(pl.String).fill_null("").unique().to_list())
        if missing := sorted(set(goals[column]) - present):
            raise DataError("rake_value_absent", column=column, value=missing[0])
        if extra := sorted(present - set(goals[column])):
            raise DataError("rake_value_no_target", column=column, value=extra[0] or "—")
    keys = {c: frame[c].cast(pl.String).fill_null("") for c in goals}
    for _ in range(max_iter):
        for column, goal in goals.items():
            current = _sums(keys[column], w)
            total = float(w.sum())
            factor = keys[column].replace_strict({k: share * total / current[k] for k, share in goal.items()},
                                                 return_dtype=pl.Float64)
            w = (w * factor).alias("weight")
        if worst_gap(keys, w, goals) <= tolerance:
            return w * (n / float(w.sum()))
    raise DataError("rake_not_converged", rounds=max_iter, tolerance=f"{tolerance:g}",
                    gap=f"{worst_gap(keys, w, goals):.2g}")


def _sums(key: pl.Series, w: pl.Series) -> dict[str, float]:
    sums = pl.DataFrame({"k": key, "w": w}).group_by("k").agg(pl.col("w").sum())
    return dict(zip(sums["k"], sums["w"], strict=True))


def worst_gap(keys: Mapping[str, pl.Series], w: pl.Series, goals: Mapping[str, Mapping[str, float]]) -> float:
    """The largest |weighted share − target share| over every raked column and value."""
    total = float(w.sum())
    worst = 0.0
    for column, goal in goals.items():
        current = _sums(keys[column], w)
        worst = max(worst, *(abs(current.get(k, 0.0) / total - share) for k, share in goal.items()))
    return worst


def response_rate(invitations: pl.DataFrame, by: Sequence[str] = ()) -> pl.DataFrame:
    """Response rate = responded / invited per ``by`` group, in %.

    ``invitations``: one row per group of invitations with ``invited`` and ``responded`` counts (or one row per
    invitation with 1/0). Returns ``by``..., invited, responded (Int64), rate_pct (null without invitations).

    >>> response_rate(pl.DataFrame({"invited": [1, 1, 1, 1], "responded": [1, 0, 0, 1]}))["rate_pct"][0]
    50.0
    """
    out = _group(invitations, by, [pl.col("invited").sum().cast(pl.Int64), pl.col("responded").sum().cast(pl.Int64)])
    return out.with_columns(pl.when(pl.col("invited") > 0)
                            .then(100.0 * pl.col("responded") / pl.col("invited")).alias("rate_pct"))


def mix_test(counts: pl.DataFrame, period: str = "period", segment: str = "segment", n: str = "respondents") -> float | None:
    """p-value of the chi-square test of independence of ``period`` (two values) and ``segment`` on ``n`` counts:
    did the respondents' mix over the segment's values change between the periods? None when the table has fewer
    than two segment values with respondents (nothing to compare)."""
    table = counts.pivot(on=period, index=segment, values=n, aggregate_function="sum").fill_null(0)
    cells = table.drop(segment)
    if cells.width != 2:
        return None
    cells = cells.filter(pl.sum_horizontal(pl.all()) > 0)
    if cells.height < 2:
        return None
    from scipy.stats import chi2_contingency  # imported when used (see metrics.confidence)

    return float(chi2_contingency(cells.to_numpy(), correction=False).pvalue)


def nps_shift(current: Mapping, previous: Mapping) -> tuple[float, float | None]:
    """(Δ, p) of the two-sample z test of weighted NPS(current) − NPS(previous): z = Δ / √(se₁² + se₂²), se from
    the weighted shares and n_eff (rows of ``weighted_nps``); p None when either side has no answers."""
    if not current.get("weight_sum") or not previous.get("weight_sum"):
        return (0.0, None)

    def var(row: Mapping) -> float:
        p, d = row["promoters_pct"] / 100.0, row["detractors_pct"] / 100.0
        return 1e4 * max(p + d - (p - d) ** 2, 0.0) / row["effective_n"]

    delta = current["nps"] - previous["nps"]
    spread = math.sqrt(var(current) + var(previous))
    return delta, (float(two_sided_p(delta / spread)) if spread > 0 else None)
