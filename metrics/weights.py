"""Response weights: weighted NPS with its interval on the effective sample size, and raking to given shares.

Weighted NPS = 100 × (Σw over promoters − Σw over detractors) / Σw over answers. Its 95% interval is the
unweighted formula (``metrics.confidence.nps_interval``) with the weighted shares and the Kish effective
sample size n_eff = (Σw)² / Σw², the number of unweighted answers that would be as precise.

Raking (iterative proportional fitting) gives each respondent a weight so that, for every dimension
given, the weighted shares of its values equal the target shares: the weights are scaled to each
dimension's targets in turn until no share is more than ``tolerance`` away.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import polars as pl

from metrics.confidence import Z_95


def effective_n(weights: pl.Series) -> float:
    """Kish's effective sample size (Σw)² / Σw² of non-negative weights (0 without weight)."""
    total, squares = float(weights.sum()), float((weights * weights).sum())
    return total * total / squares if squares > 0 else 0.0


def weighted_nps(answers: pl.DataFrame, weight: str = "weight") -> dict[str, float | None]:
    """``{nps, nps_low, nps_high, responses, effective_n}`` of ``answers`` (columns nps: 0–10, ``weight``).

    Answers without a score or a weight are left out. Example: two promoters of weight 2 and one detractor
    of weight 1 give NPS 100 × (4 − 1) / 5 = 60 on an effective n of 25 / 9.

    >>> r = weighted_nps(pl.DataFrame({"nps": [10, 9, 3], "weight": [2.0, 2.0, 1.0]}))
    >>> round(r["nps"], 6), round(r["effective_n"], 6)
    (60.0, 2.777778)
    """
    rows = answers.filter(pl.col("nps").is_not_null() & pl.col(weight).is_not_null())
    w = rows[weight].cast(pl.Float64)
    total = float(w.sum())
    n_eff = effective_n(w)
    if total <= 0:
        return {"nps": None, "nps_low": None, "nps_high": None, "responses": rows.height, "effective_n": n_eff}
    p = float(w.filter(rows["nps"] >= 9).sum()) / total
    d = float(w.filter(rows["nps"] <= 6).sum()) / total
    centre = 100.0 * (p - d)
    half = Z_95 * 100.0 * math.sqrt(max(p + d - (p - d) ** 2, 0.0) / n_eff)
    return {"nps": centre, "nps_low": max(centre - half, -100.0), "nps_high": min(centre + half, 100.0),
            "responses": rows.height, "effective_n": n_eff}


def rake(frame: pl.DataFrame, targets: Mapping[str, Mapping[str, float]], *, tolerance: float = 1e-6,
         max_iter: int = 1000) -> pl.Series:
    """Weights (mean 1) for the rows of ``frame`` whose shares of each ``targets`` dimension match its target shares.

    ``targets``: column → {value: share}; each dimension's shares are normalised to sum to 1. ValueError when a
    target value has no row, a row's value has no target, or the fit does not come within ``tolerance``.
    """
    n = frame.height
    w = pl.Series("weight", [1.0] * n)
    goals = {}
    for column, shares in targets.items():
        total = sum(shares.values())
        goals[column] = {str(k): v / total for k, v in shares.items()}
        present = set(frame[column].cast(pl.String).unique().to_list())
        if missing := set(goals[column]) - present:
            raise ValueError(f"no respondent has {column} = {sorted(missing)[0]}")
        if extra := present - set(goals[column]):
            raise ValueError(f"{column} = {sorted(map(str, extra))[0]} has no target share")
    keys = {c: frame[c].cast(pl.String) for c in goals}
    for _ in range(max_iter):
        worst = 0.0
        for column, goal in goals.items():
            sums = pl.DataFrame({"k": keys[column], "w": w}).group_by("k").agg(pl.col("w").sum())
            current = dict(zip(sums["k"], sums["w"], strict=True))
            total = float(w.sum())
            worst = max(worst, *(abs(current[k] / total - share) for k, share in goal.items()))
            factor = keys[column].replace_strict({k: share * total / current[k] for k, share in goal.items()},
                                                 return_dtype=pl.Float64)
            w = (w * factor).alias("weight")
        if worst <= tolerance:
            break
    else:
        raise ValueError(f"raking did not reach the target shares within {tolerance} in {max_iter} rounds")
    return w * (n / float(w.sum()))
