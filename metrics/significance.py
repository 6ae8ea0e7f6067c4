"""Is a change real? Two-sample tests at 95%: NPS by a z test on the NPS variance, CSAT by a proportions z test."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from i18n import Message
from metrics.confidence import two_sided_p

ALPHA = 0.05


@dataclass(frozen=True)
class Comparison:
    """One tested change (current − previous): its size, p-value and whether it is significant at 95%.

    ``small_sample`` is True when either side has fewer than ``min_sample`` answers (``reason``
    says which); the p-value is still given, but the normal approximation is rough there.
    When no test is possible (a side without answers, no variation at all) ``p_value`` and
    ``significant`` are None and ``reason`` says why.
    """

    delta: float | None
    p_value: float | None
    significant: bool | None
    small_sample: bool
    reason: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _sample_reason(current_n: int, previous_n: int, min_sample: int, unit: str) -> Message | None:
    small = (current_n < min_sample, previous_n < min_sample)
    key = {(True, True): "reason_small_both", (True, False): "reason_small_current",
           (False, True): "reason_small_previous"}.get(small)
    unit_name = Message("reason_unit_answers" if unit == "answers" else "reason_unit_ratings")
    return Message(key, current=current_n, previous=previous_n, unit=unit_name, min=min_sample) if key else None


def _comparison(delta: float, z: float | None, current_n: int, previous_n: int, min_sample: int,
                unit: str) -> Comparison:
    reason = _sample_reason(current_n, previous_n, min_sample, unit)
    if z is None or not math.isfinite(z):
        return Comparison(delta, None, None, reason is not None,
                          Message("reason_no_variation"))
    p_value = float(two_sided_p(z))
    return Comparison(delta, p_value, p_value < ALPHA, reason is not None, reason)


def nps_change(current: Mapping, previous: Mapping, min_sample: int = 30) -> Comparison:
    """Two-sample z test of NPS(current) − NPS(previous): z = Δ / sqrt(se₁² + se₂²), two-sided.

    ``current`` and ``previous`` hold promoters, detractors and responses (a row of
    ``metrics.nps.nps``); se is the NPS standard error of ``metrics.confidence.nps_se``.

    Example
    -------
    >>> nps_change({"promoters": 60, "detractors": 20, "responses": 100},
    ...            {"promoters": 40, "detractors": 30, "responses": 100}).p_value   # z = 30 / sqrt(64 + 69) ≈ 2.60
    0.0092...
    """
    n1, n0 = int(current.get("responses") or 0), int(previous.get("responses") or 0)
    if n1 == 0 or n0 == 0:
        side = "current" if n1 == 0 else "previous"
        return Comparison(None, None, None, True, f"no NPS answers in the {side} period")

    def shares(row: Mapping, n: int) -> tuple[float, float]:
        return row["promoters"] / n, row["detractors"] / n

    (p1, d1), (p0, d0) = shares(current, n1), shares(previous, n0)
    delta = 100.0 * ((p1 - d1) - (p0 - d0))
    variance = 1e4 * ((p1 + d1 - (p1 - d1) ** 2) / n1 + (p0 + d0 - (p0 - d0) ** 2) / n0)
    z = delta / math.sqrt(variance) if variance > 0 else None
    return _comparison(delta, z, n1, n0, min_sample, "answers")


def csat_change(current: Mapping, previous: Mapping, min_sample: int = 30) -> Comparison:
    """Two-proportion z test (pooled, statsmodels ``proportions_ztest``) of CSAT(current) − CSAT(previous).

    ``current`` and ``previous`` hold satisfied and ratings (a row of ``metrics.satisfaction.csat``);
    delta is in percentage points.
    """
    n1, n0 = int(current.get("ratings") or 0), int(previous.get("ratings") or 0)
    if n1 == 0 or n0 == 0:
        side = "current" if n1 == 0 else "previous"
        return Comparison(None, None, None, True, f"no satisfaction ratings in the {side} period")
    s1, s0 = int(current["satisfied"]), int(previous["satisfied"])
    delta = 100.0 * (s1 / n1 - s0 / n0)
    pooled = (s1 + s0) / (n1 + n0)
    z = None
    if 0.0 < pooled < 1.0:
        from statsmodels.stats.proportion import proportions_ztest  # imported when used (see metrics.confidence)

        z, _ = proportions_ztest([s1, s0], [n1, n0])
        z = float(z)
    return _comparison(delta, z, n1, n0, min_sample, "ratings")
