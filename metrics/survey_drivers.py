"""Key drivers of a survey's outcome: a logistic model for a two-valued label, OLS for a score.

Label (statsmodels ``Logit``, one row per respondent with a label):

    log-odds(positive) = a + Σ_s b_s · rated_s · (sat_s − c_s) + Σ_s g_s · rated_s

with sat_s, c_s and rated_s as in ``metrics.drivers`` (a respondent who did not rate s stays in the
model through rated_s). Importance = |b_s| × standard deviation of its centred satisfaction term,
as a % of the sum over the modelled touchpoints: the change in log-odds of one typical (1 SD)
difference in satisfaction, shared out. Coefficient = change in log-odds per satisfaction point,
with its 95% Wald interval and p-value.

Score (an overall satisfaction answer): ``metrics.drivers.key_drivers`` with the score in place of
the NPS answer (OLS with HC3 errors, Shapley R² importance).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import polars as pl

from i18n import Message
from metrics.drivers import KeyDrivers, design_matrix, driver_table, indicator_columns, key_drivers, stage_design

LOGIT_MEASURE = "logit_std_coefficient_share"


def _as_answers(outcome: pl.DataFrame, value: str) -> pl.DataFrame:
    # metrics.drivers models the column "nps"; here it holds the outcome.
    return outcome.select("journey_id", pl.col(value).cast(pl.Float64).alias("nps"))


def label_drivers(outcome: pl.DataFrame, stage_satisfaction: pl.DataFrame, stages: Sequence[str],
                  min_sample: int = 30) -> KeyDrivers:
    """Key drivers of a two-valued outcome by logistic regression (see the module docstring).

    Parameters
    ----------
    outcome: journey_id, positive (1 = the positive value, 0 = the other, null = no answer).
    stage_satisfaction: journey_id, stage, mean_satisfaction, ratings.
    stages: the stages (touchpoints) in order.
    """
    frame, usable, _, perf = stage_design(_as_answers(outcome, "positive"), stage_satisfaction, stages, min_sample)
    n = frame.height
    if n < min_sample:
        return KeyDrivers(None, n, None, LOGIT_MEASURE,
                          Message("reason_survey_few_answers", n=n, min=min_sample))
    if not usable:
        return KeyDrivers(None, n, None, LOGIT_MEASURE,
                          Message("reason_survey_no_rated_touchpoint", min=min_sample))
    y = frame["nps"].to_numpy()
    positives = int(y.sum())
    if min(positives, n - positives) < min_sample // 3 or positives in (0, n):
        return KeyDrivers(None, n, None, LOGIT_MEASURE,
                          Message("reason_survey_one_sided", positives=positives, n=n))
    indicators = indicator_columns(frame, len(usable))
    sats = [f"sat_{i}" for i in range(len(usable))]
    x = design_matrix(frame, indicators + sats)
    # imported when used (see metrics.confidence); the one model, not statsmodels.api (which loads everything)
    from statsmodels.discrete.discrete_model import Logit
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PerfectSeparationWarning)
            warnings.simplefilter("ignore", ConvergenceWarning)
            fit = Logit(y, x).fit(disp=0, maxiter=200)
    except (PerfectSeparationWarning, np.linalg.LinAlgError, ValueError):
        return KeyDrivers(None, n, None, LOGIT_MEASURE,
                          Message("reason_survey_separated"))
    if not fit.mle_retvals.get("converged", False):
        return KeyDrivers(None, n, None, LOGIT_MEASURE, Message("reason_logit_not_converged"))
    k = len(indicators) + 1
    coef = np.asarray(fit.params)[k:]
    ci = np.asarray(fit.conf_int(0.05))[k:]
    pvalues = np.asarray(fit.pvalues)[k:]
    raw = np.abs(coef) * x[:, k:].std(axis=0)
    table = driver_table(stages, usable, raw, coef, ci, pvalues, perf)
    return KeyDrivers(table, n, float(fit.prsquared), LOGIT_MEASURE)


def score_drivers(outcome: pl.DataFrame, stage_satisfaction: pl.DataFrame, stages: Sequence[str],
                  min_sample: int = 30) -> KeyDrivers:
    """Key drivers of a numeric outcome (``outcome``: journey_id, score): ``metrics.drivers.key_drivers`` on it."""
    kd = key_drivers(_as_answers(outcome, "score"), stage_satisfaction, stages, min_sample)
    if kd.reason is None:
        return kd
    reason = Message(SURVEY_REASONS[kd.reason.key], **kd.reason.values)
    return KeyDrivers(None, kd.journeys, None, kd.measure, reason)


# metrics.drivers' reasons in a survey's words (respondents, an outcome answer, touchpoints).
SURVEY_REASONS = {"reason_few_nps_answers": "reason_survey_few_answers",
                  "reason_no_rated_stage": "reason_survey_no_rated_touchpoint",
                  "reason_few_for_stages": "reason_survey_few_for_touchpoints",
                  "reason_same_nps": "reason_survey_same_outcome"}
