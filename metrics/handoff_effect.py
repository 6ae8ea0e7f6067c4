"""The adjusted effect of one more channel handoff on the 0–10 NPS answer (journey-level OLS, HC3 robust SE).

Model (one row per journey with an NPS answer):

    nps_answer = a + h · handoffs + e_1 · events + Σ_s [b_s · rated_s · (sat_s − c_s) + g_s · rated_s]
                 + Σ_p persona dummies + e

with the stage-satisfaction terms of ``metrics.drivers`` (unrated stages filled with 0 plus a
rated indicator), journey depth (events) so that longer journeys' extra handoff opportunities
are not counted as handoff harm, and persona dummies (reference = the most frequent persona;
a missing persona is its own level) when the journeys carry more than one persona. h is the
effect of one more handoff with the rest held fixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from i18n import Message
from metrics.drivers import SAME_ANSWER, Design, design_matrix, indicator_columns, ols_hc3, stage_design, varies

SENTENCE_EN = {  # said as an association: the model compares journeys, it does not try handoffs on one
    "cost": "Journeys with one more channel handoff score {points:.1f} points lower on the 0–10 recommend answer, "
            "other things equal (stage satisfaction, journey length and persona; 95% CI {low:.2f} to {high:.2f}; "
            "n = {n:,}).",
    "gain": "Journeys with one more channel handoff score {points:.1f} points higher on the 0–10 recommend answer, "
            "other things equal (stage satisfaction, journey length and persona; 95% CI {low:.2f} to {high:.2f}; "
            "n = {n:,}).",
    "none": "Journeys with more channel handoffs score no clearly different 0–10 recommend answer, other things "
            "equal (stage satisfaction, journey length and persona; p = {p_value:.2f}; n = {n:,}).",
}


@dataclass(frozen=True)
class HandoffEffect:
    """per_handoff (points on the 0–10 answer), its 95% CI, p-value and n; all None with ``reason`` when not estimable."""

    per_handoff: float | None
    ci: tuple[float, float] | None
    p_value: float | None
    n: int
    reason: str | None = None

    def to_dict(self) -> dict | None:
        """The report's ``handoff_effect`` object, or None when not estimable."""
        if self.per_handoff is None:
            return None
        return {"per_handoff": self.per_handoff, "ci": list(self.ci), "p_value": self.p_value, "n": self.n}


def handoff_effect(journeys: pl.DataFrame, stage_satisfaction: pl.DataFrame | None, stages: Sequence[str],
                   min_sample: int = 30, *, design: Design | None = None) -> HandoffEffect:
    """Adjusted effect of one more handoff on the 0–10 NPS answer (see the module docstring for the model).

    Parameters
    ----------
    journeys: journey_id, nps, handoffs, events and optionally persona (one row per journey).
    stage_satisfaction: journey_id, stage, mean_satisfaction, ratings.
    stages: the stages in stage order.
    min_sample: fewest journeys with an NPS answer for the model (and per stage term, see drivers).
    design: ``metrics.drivers.stage_design`` of these same arguments when the caller already built it
        (``stage_satisfaction`` may then be None).
    """
    facts = journeys.filter(pl.col("nps").is_not_null())
    n = facts.height
    if n < min_sample:
        return HandoffEffect(None, None, None, n, Message("reason_few_nps_answers", n=n, min=min_sample))
    frame, usable, _, _ = design or stage_design(journeys, stage_satisfaction, stages, min_sample)
    controls = ["events"]
    keep = [pl.col("handoffs").cast(pl.Float64), pl.col("events").cast(pl.Float64)]
    if "persona" in facts.columns:
        persona = pl.col("persona").cast(pl.String).fill_null("(none)")
        levels = facts.group_by(persona).len().sort(["len", "persona"], descending=[True, False])["persona"].to_list()
        for i, level in enumerate(levels[1:]):
            keep.append((persona == level).cast(pl.Float64).alias(f"persona_{i}"))
            controls.append(f"persona_{i}")
    # The design's rows are ``facts``' rows in the same order (stage_design keeps the answered journeys
    # as they come): side by side, no join on the journey id.
    frame = frame.hstack(facts.select(keep))
    if not varies(frame["nps"]):
        return HandoffEffect(None, None, None, n, SAME_ANSWER)
    if not varies(frame["handoffs"]):
        return HandoffEffect(None, None, None, n, Message("reason_same_handoffs"))
    columns = (["handoffs"] + controls + [f"sat_{i}" for i in range(len(usable))]
               + indicator_columns(frame, len(usable)))
    columns = [c for c in columns if c == "handoffs" or varies(frame[c])]
    if n < len(columns) + 1 + min_sample // 3:
        return HandoffEffect(None, None, None, n, Message("reason_few_for_terms", n=n, k=len(columns)))
    x = design_matrix(frame, columns)
    fit = ols_hc3(frame["nps"].to_numpy(), x)
    low, high = fit.ci[1]
    return HandoffEffect(float(fit.params[1]), (float(low), float(high)), float(fit.p_values[1]), n)


def sentence(effect: HandoffEffect, templates: dict[str, str] = SENTENCE_EN) -> str | None:
    """The effect in words ("journeys with one more handoff score 0.7 points lower…"); templates "cost", "gain", "none"; None without an estimate."""
    if effect.per_handoff is None:
        return None
    # A cost is told in points lost, so its interval is too (0.68 to 0.71, not -0.71 to -0.68).
    low, high = (-effect.ci[1], -effect.ci[0]) if effect.per_handoff < 0 else effect.ci
    fields = {"points": abs(effect.per_handoff), "low": low, "high": high,
              "p_value": effect.p_value, "n": effect.n}
    if effect.p_value >= 0.05:
        return templates["none"].format(**fields)
    return templates["cost" if effect.per_handoff < 0 else "gain"].format(**fields)
