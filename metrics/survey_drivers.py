"""Key drivers of a survey's outcome: a logistic model for a two-valued label, OLS for a score.

Label (statsmodels ``Logit``, one row per respondent with a label):

    log-odds(positive) = a + Σ_s b_s · rated_s · (sat_s − c_s) + Σ_s g_s · rated_s

with sat_s, c_s and rated_s as in ``metrics.drivers`` (a respondent who did not rate s stays in the
model through rated_s). Importance = |b_s| × standard deviation of its centred satisfaction term,
as a % of the sum over the modelled touchpoints: the change in log-odds of one typical (1 SD)
difference in satisfaction, shared out. Coefficient = change in log-odds per satisfaction point,
with its 95% Wald interval and p-value.

A rated_s indicator enters only when at least ``min_sample`` respondents did not rate s: with a
handful of them (a touchpoint nearly everyone rated) it can predict their outcome perfectly and the
fit has no finite estimate; those few respondents count as average raters of s instead (centred
satisfaction 0). When the maximum-likelihood fit still fails (separation, no convergence), Firth's
penalised fit (``metrics.firth``) is used; ``KeyDrivers.fit`` says which.

Weighted (the respondents' weights, ``metrics.weights``): the label's model by a weighted logistic fit
(statsmodels ``GLM`` Binomial with ``var_weights``, robust HC0 errors; no Firth fallback: a weighted fit without
finite estimates gives no drivers, with the reason), importance with the weighted SD; a score's by WLS
(``metrics.drivers``).

Score (an overall satisfaction answer): ``metrics.drivers.key_drivers`` with the score in place of
the NPS answer (OLS with HC3 errors, Shapley R² importance).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import polars as pl

from i18n import Message
from metrics.drivers import WEIGHT, KeyDrivers, design_matrix, driver_table, key_drivers, stage_design
from metrics.firth import LogitFit, firth_logit

LOGIT_MEASURE = "logit_std_coefficient_share"
MAXIMUM_LIKELIHOOD, FIRTH = "maximum_likelihood", "firth"


def _as_answers(outcome: pl.DataFrame, value: str) -> pl.DataFrame:
    # metrics.drivers models the column "nps"; here it holds the outcome (with the respondents' weight, if any).
    return outcome.select("journey_id", pl.col(value).cast(pl.Float64).alias("nps"),
                          *([WEIGHT] if WEIGHT in outcome.columns else []))


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
    indicators = [f"rated_{i}" for i in range(len(usable))
                  if frame.height - frame[f"rated_{i}"].sum() >= min_sample]
    sats = [f"sat_{i}" for i in range(len(usable))]
    x = design_matrix(frame, indicators + sats)
    if WEIGHT in frame.columns:
        fit, method = _weighted(y, x, frame[WEIGHT].to_numpy()), MAXIMUM_LIKELIHOOD
        if fit is None:
            return KeyDrivers(None, n, None, LOGIT_MEASURE, Message("drivers_no_fit"))
    else:
        fit, method = _maximum_likelihood(y, x), MAXIMUM_LIKELIHOOD
    if fit is None:
        fit, method = firth_logit(y.astype(float), x), FIRTH
        if not fit.converged or not np.all(np.isfinite(fit.ci)):
            return KeyDrivers(None, n, None, LOGIT_MEASURE, Message("drivers_no_fit"))
    k = len(indicators) + 1
    coef = fit.params[k:]
    if WEIGHT in frame.columns:
        w = frame[WEIGHT].to_numpy()
        raw = np.abs(coef) * np.sqrt(np.average((x[:, k:] - np.average(x[:, k:], axis=0, weights=w)) ** 2,
                                                axis=0, weights=w))
    else:
        raw = np.abs(coef) * x[:, k:].std(axis=0)
    table = driver_table(stages, usable, raw, coef, fit.ci[k:], fit.p_values[k:], perf)
    return KeyDrivers(table, n, fit.pseudo_r2, LOGIT_MEASURE, fit=method)


def _maximum_likelihood(y: np.ndarray, x: np.ndarray) -> LogitFit | None:
    """statsmodels' Logit fit, or None when it has no finite estimates (separation, a singular design, no convergence)."""
    # imported when used (see metrics.confidence); the one model, not statsmodels.api (which loads everything)
    from statsmodels.discrete.discrete_model import Logit
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, HessianInversionWarning, PerfectSeparationWarning

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PerfectSeparationWarning)
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", HessianInversionWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            fit = Logit(y, x).fit(disp=0, maxiter=200)
            ci = np.asarray(fit.conf_int(0.05))
    except (PerfectSeparationWarning, np.linalg.LinAlgError, ValueError):
        return None
    if not fit.mle_retvals.get("converged", False) or not np.all(np.isfinite(ci)):
        return None
    return LogitFit(np.asarray(fit.params), ci, np.asarray(fit.pvalues), float(fit.prsquared), True)


def _weighted(y: np.ndarray, x: np.ndarray, w: np.ndarray) -> LogitFit | None:
    """The weighted logistic fit: statsmodels ``GLM(y, x, Binomial(), var_weights=w).fit(cov_type="HC0")`` (robust
    errors, as for survey weights); None when it has no finite estimates."""
    import statsmodels.api as sm  # imported when used (see metrics.confidence)
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PerfectSeparationWarning)
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            fit = sm.GLM(y, x, family=sm.families.Binomial(), var_weights=w).fit(cov_type="HC0")
            ci = np.asarray(fit.conf_int(0.05))
    except (PerfectSeparationWarning, np.linalg.LinAlgError, ValueError):
        return None
    if not fit.converged or not np.all(np.isfinite(ci)):
        return None
    return LogitFit(np.asarray(fit.params), ci, np.asarray(fit.pvalues), float(fit.pseudo_rsquared("mcf")), True)


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
