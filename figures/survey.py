"""The figures of a survey dataset (ingest.survey): the headline and statistics without what needs event times,
the outcome and its key drivers (shared by report.py and the pages)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import polars as pl

import settings
from errors import DataError
from figures import privacy, weighting
from figures.drivers import hidden_drivers
from figures.overview import headline, score_trend
from i18n import Message
from ingest import survey
from ingest.ingested import SurveyInfo
from metrics import weights
from metrics.confidence import nps_interval, with_csat_ci, with_nps_ci
from metrics.drivers import KeyDrivers, key_drivers
from metrics.nps import nps
from metrics.survey_drivers import label_drivers, score_drivers
from metrics.text import mask_expr
from store import Dataset, Filters
from store import queries as q

# Figures a survey cannot give, with the one-line reason report.py and the pages show.
REASONS = {
    "median_journey_hours": Message("reason_survey_no_duration"),
    "p90_journey_hours": Message("reason_survey_no_duration"),
    "handoff_rate": Message("reason_survey_no_handoffs"),
    "handoffs": Message("reason_survey_no_handoffs"),
    "handoff_effect": Message("reason_survey_no_handoffs"),
    "dwell": Message("reason_survey_no_dwell"),
    "paths": Message("reason_survey_no_paths"),
    "transitions": Message("reason_survey_no_paths"),
}
NO_DATES = Message("reason_survey_no_dates")
# The overview's KPIs a survey cannot give.


def info(ds: Dataset) -> SurveyInfo | None:
    """The survey description a dataset carries (None for event data)."""
    return survey.info(ds.files)


def ordered(ds: Dataset, about: SurveyInfo) -> Dataset:
    """The dataset with its stages in the survey's column order (instead of the inferred event order)."""
    order = [s for s in about.stage_order if s in ds.stage_order]
    return dataclasses.replace(ds, stage_order=tuple(order + [s for s in ds.stage_order if s not in order]))


def _journey_filters(f: Filters) -> Filters:
    return dataclasses.replace(f, channel=(), stage=())


def stage_ratings(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Each selected respondent's mean satisfaction and ratings per stage (all their answers): journey_id,
    stage, mean_satisfaction, ratings."""
    answers = q.touchpoints(ds, _journey_filters(f), ["journey_id", "stage", "satisfaction"])
    if f.selects_touchpoints:
        answers = answers.join(q.journeys(ds, f, ["journey_id"]), on="journey_id", how="semi")
    return (answers.filter(pl.col("satisfaction").is_not_null())
            .group_by("journey_id", "stage")
            .agg(pl.col("satisfaction").mean().alias("mean_satisfaction"), pl.len().alias("ratings")))


def outcome_answers(ds: Dataset, f: Filters, about: SurveyInfo) -> pl.DataFrame | None:
    """journey_id and the outcome per selected respondent: ``positive`` (1/0) for a label, ``score`` for a
    score, ``nps`` for NPS (null = no answer), and ``weight`` when the survey is weighted; None without an outcome."""
    o = about.outcome
    if o is None:
        return None
    w = ["weight"] if about.weighted else []
    if o.kind == "nps":
        return q.journeys(ds, f, ["journey_id", "nps", *w])
    if o.stored not in ds.dims:
        return None
    frame = q.journeys(ds, f, ["journey_id", o.stored, *w])
    value = pl.col(o.stored)
    if o.kind == "label":
        return frame.select("journey_id", pl.when(value.is_null()).then(None)
                            .otherwise((value == o.positive).cast(pl.Int8)).alias("positive"), *w)
    return frame.select("journey_id", value.cast(pl.Float64, strict=False).alias("score"), *w)


def outcome(ds: Dataset, f: Filters, about: SurveyInfo) -> dict[str, Any] | None:
    """``{column, kind, positive, rate}``: rate = % of the selected respondents with an answer who gave the
    positive value (9–10 for NPS, the top two answers of a score's scale, the label's satisfied value); weighted
    (Σw of those respondents / Σw of all who answered) when the survey is."""
    o = about.outcome
    answers = outcome_answers(ds, f, about)
    if o is None or answers is None:
        return None
    if about.weighted:
        share = weights.weighted_share(answers, _hit(o)).row(0, named=True)
        return {"column": o.column, "kind": o.kind, "positive": o.positive, "rate": share["share_pct"]}
    if o.kind == "label":
        s = answers["positive"].drop_nulls()
        hits = int(s.sum())
    elif o.kind == "nps":
        s = answers["nps"].drop_nulls()
        hits = int((s >= 9).sum())
    else:
        s = answers["score"].drop_nulls()
        hits = int((s >= o.high - 1).sum())
    rate = 100.0 * hits / s.len() if s.len() else None
    return {"column": o.column, "kind": o.kind, "positive": o.positive, "rate": rate}


def _hit(o) -> pl.Expr:
    """Whether a respondent's outcome answer (``outcome_answers``) is the positive one; null without an answer."""
    if o.kind == "nps":
        return pl.when(pl.col("nps").is_not_null()).then(pl.col("nps") >= 9)
    if o.kind == "label":
        return pl.when(pl.col("positive").is_not_null()).then(pl.col("positive") == 1)
    return pl.when(pl.col("score").is_not_null()).then(pl.col("score") >= o.high - 1)


def drivers(ds: Dataset, f: Filters, about: SurveyInfo) -> KeyDrivers:
    """Key drivers of the survey's outcome: logistic for a label, OLS for a score or NPS (metrics.survey_drivers);
    weighted by the respondents' weights when the survey is (WLS; a weighted logistic model)."""
    if privacy.selection_hidden(ds, f):
        return hidden_drivers()
    m = settings.get_int("min_sample")
    o = about.outcome
    answers = outcome_answers(ds, f, about)
    if o is None or answers is None:
        return KeyDrivers(None, 0, None, "none", Message("reason_survey_no_outcome"))
    ratings = stage_ratings(ds, f)
    if o.kind == "label":
        return label_drivers(answers, ratings, ds.stage_order, m)
    if o.kind == "score":
        return score_drivers(answers, ratings, ds.stage_order, m)
    return key_drivers(answers, ratings, ds.stage_order, m)


NEGATIVE_COLUMNS = ("respondent_id", "outcome", "date", "worst_touchpoint", "comment")


def negative_respondents(ds: Dataset, f: Filters, about: SurveyInfo) -> pl.DataFrame:
    """The survey's follow-up list: every selected respondent with the negative outcome, newest answer first.

    Negative: a detractor's answer (0–6) for NPS, the bottom two answers of a score's scale, the other value of a
    label. Columns NEGATIVE_COLUMNS: respondent_id, outcome (their answer as text), date (YYYY-MM-DD of the answer;
    null without an answer date), worst_touchpoint (their lowest rated touchpoint; ties by survey order),
    comment (personal data masked by metrics.text.mask_expr). DataError without an outcome column.
    """
    o = about.outcome
    if o is None:
        raise DataError("survey_detractors_no_outcome")
    value = "nps" if o.kind == "nps" else o.stored
    answers = q.journeys(ds, f, ["journey_id", value]).filter(pl.col(value).is_not_null())
    shown = pl.col(value).cast(pl.String)
    if o.kind == "nps":
        negative = pl.col(value) <= 6
        shown = pl.col(value).cast(pl.Int64).cast(pl.String)
    elif o.kind == "score":
        negative = pl.col(value).cast(pl.Float64, strict=False) <= o.low + 1
    else:
        negative = shown != o.positive
    chosen = answers.filter(negative).select(pl.col("journey_id").alias("respondent_id"), shown.alias("outcome"))
    columns = ["journey_id", "timestamp", "stage", "satisfaction"] + (["comment"] if "comment" in ds.columns else [])
    answered = q.touchpoints(ds, _journey_filters(f), columns).join(
        chosen.select(pl.col("respondent_id").alias("journey_id")), on="journey_id", how="semi")
    position = {s: i for i, s in enumerate(ds.stage_order)}
    worst = (answered.filter(pl.col("satisfaction").is_not_null())
             .with_columns(pl.col("stage").replace_strict(position, default=len(position)).alias("_order"))
             .sort("journey_id", "satisfaction", "_order").group_by("journey_id", maintain_order=True).first()
             .select(pl.col("journey_id").alias("respondent_id"), pl.col("stage").alias("worst_touchpoint")))
    per_respondent = answered.group_by("journey_id").agg(
        pl.col("timestamp").min().alias("date"),
        (pl.col("comment").drop_nulls().str.join(" / ") if "comment" in columns else pl.lit(None, pl.String))
        .alias("comment")).rename({"journey_id": "respondent_id"})
    dated = about.timestamp_column is not None
    return (chosen.join(per_respondent, on="respondent_id", how="left").join(worst, on="respondent_id", how="left")
            .with_columns((pl.col("date").dt.date().cast(pl.String) if dated else pl.lit(None, pl.String)).alias("date"),
                          mask_expr(pl.when(pl.col("comment") != "").then(pl.col("comment"))).alias("comment"))
            .sort(["date", "respondent_id"], descending=[True, False], nulls_last=True)
            .select(NEGATIVE_COLUMNS))


def report(ds: Dataset, f: Filters, about: SurveyInfo) -> dict[str, Any]:
    """report.py's figures of a survey: the headline keys (time-based ones null), the statistics keys,
    ``outcome``, ``drivers_model``, ``drivers_fit`` (maximum_likelihood or firth for
    a logistic model), ``survey`` (how the file was read), ``statistics_reasons``, ``weighting`` (figures.weighting
    .summary: null unweighted; NPS, CSAT, the NPS interval and the trend are then weighted) and ``response_rate``
    (figures.weighting.response_rate, its warning as a sentence)."""
    result = headline(ds, f)
    reasons: dict[str, str] = {}
    for key in ("median_journey_hours", "p90_journey_hours", "handoff_rate", "handoffs", "handoff_effect", "paths",
                "transitions"):
        result[key] = None
        reasons[key] = REASONS[key]
    n = nps(q.journey_counts(ds, f, "nps"), weight="n").row(0, named=True)
    ci = nps_interval(n["promoters"], n["detractors"], n["responses"])
    if about.weighted:  # NPS, CSAT and the NPS interval weighted (metrics.weights), the interval on n_eff
        wn = weighting.nps(ds, f)
        ci = None if wn["nps"] is None else (wn["nps_low"], wn["nps_high"])
        result.update(nps=wn["nps"], csat=weighting.csat(ds, f)["share_pct"])
    if ci is None:
        reasons["nps_ci"] = Message("reason_no_nps_answers")
    kd = drivers(ds, f, about)
    driver_rows = None
    if kd.table is None:
        reasons["drivers"] = kd.reason
    else:
        driver_rows = kd.table.filter(pl.col("importance").is_not_null()).select(
            "stage", "importance", "coefficient", "p_value", "mean_satisfaction", "n").to_dicts()
    trend_rows = None
    if about.timestamp_column is None:
        reasons["trend"] = NO_DATES
    elif n["responses"] == 0:
        reasons["trend"] = Message("reason_no_nps_answers")
    else:
        trend_rows = [
            {"period": r["period"].isoformat(), "responses": r["responses"], "nps": r["nps"],
             "nps_ci": None if r["nps_low"] is None else [r["nps_low"], r["nps_high"]],
             "significant_change": r["significant_change"]}
            for r in score_trend(ds, f, "month", "nps").table.iter_rows(named=True)
        ]
        if about.weighted:
            trend_rows = weighted_trend(ds, f)
    models = {"logit_std_coefficient_share": "logit", "shapley_r2_share": "ols", "std_coefficient_share": "ols"}
    result.update({
        "nps_ci": None if ci is None else list(ci),
        "drivers": driver_rows,
        "drivers_model": models.get(kd.measure),
        "drivers_fit": kd.fit,
        "trend": trend_rows,
        "outcome": outcome(ds, f, about),
        "reading": survey.SURVEY,
        "survey": {
            "respondent_column": about.respondent_column,
            "timestamp_column": about.timestamp_column,
            "respondents": about.respondents,
            "ratings": [{"column": r.column, "stage": r.stage, "scale": r.scale, "answers": r.answers,
                         "not_applicable": r.not_applicable} for r in about.ratings],
        },
        "statistics_reasons": reasons,
        "weighting": weighting.summary(ds, f, about),
        "response_rate": _rate_json(weighting.response_rate(ds, f, about)),
    })
    return result


def _rate_json(rate: dict[str, Any] | None) -> dict[str, Any] | None:
    """The response rate for JSON: the warning as its English sentence."""
    if rate is None or rate["mix_change"] is None:
        return rate
    change = rate["mix_change"]
    return {**rate, "warning": None if change["warning"] is None else str(change["warning"]),
            "mix_change": {k: v for k, v in change.items() if k != "warning"}}


def weighted_trend(ds: Dataset, f: Filters) -> list[dict[str, Any]]:
    """The monthly NPS of a weighted survey (report.py's ``trend``): weighted NPS and its interval on n_eff per month
    of the answer date; ``significant_change`` from the month before by ``metrics.weights.nps_shift`` (p < 0.05)."""
    frame = q.journeys(ds, f, ["journey_id", "first_ts", "nps", "weight"]).with_columns(
        pl.col("first_ts").dt.truncate("1mo").dt.date().alias("period"))
    rows = weights.weighted_nps(frame.filter(pl.col("nps").is_not_null()), by=["period"]).to_dicts()
    out, before = [], None
    for r in rows:
        p = weights.nps_shift(r, before)[1] if before is not None else None
        out.append({"period": r["period"].isoformat(), "responses": r["responses"], "nps": r["nps"],
                    "nps_ci": None if r["nps_low"] is None else [r["nps_low"], r["nps_high"]],
                    "effective_n": r["effective_n"], "significant_change": None if p is None else p < 0.05})
        before = r
    return out


def drivers_reading(kd: KeyDrivers, about: SurveyInfo, templates: dict[str, str]) -> str | None:
    """One sentence about the top driver of a label: its odds ratio per satisfaction point when positive and
    significant, else that no touchpoint has a clear link. ``templates``: "top" and "none" format strings with the
    fields stage, column, positive, odds, importance. None without a table or for a non-label outcome."""
    if kd.table is None or about.outcome is None or about.outcome.kind != "label":
        return None
    top = kd.table.filter(pl.col("importance").is_not_null()).row(0, named=True)
    fields = {"column": about.outcome.column, "positive": about.outcome.positive}
    if top["p_value"] is None or top["p_value"] >= 0.05 or top["coefficient"] <= 0:
        return templates["none"].format(**fields)
    return templates["top"].format(stage=top["stage"], odds=math.exp(top["coefficient"]),
                                   importance=top["importance"], **fields)


# --- the survey pages: answers per question, top-2-box, the outcome by segment, the overview's headline

DISTRIBUTION_COLUMNS = ("question", "low", "high", "answer", "respondents", "share_pct")
TOP_TWO_COLUMNS = ("question", "scale", "answers", "not_applicable", "top_two", "top_two_pct", "top_two_low",
                   "top_two_high", "mean")
SEGMENT_COLUMNS = ("segment", "respondents", "value", "low", "high")


def answers(ds: Dataset, f: Filters, about: SurveyInfo) -> pl.DataFrame:
    """Every answer of the selected respondents: journey_id, question (the rating column), answer (a whole number on
    the column's own scale, ``ingest.survey.from_five`` of the stored satisfaction), weight (the respondent's; 1
    when the survey is unweighted)."""
    frame = q.touchpoints(ds, _journey_filters(f), ["journey_id", "touchpoint", "satisfaction", "weight"])
    if f.selects_touchpoints:
        frame = frame.join(q.journeys(ds, f, ["journey_id"]), on="journey_id", how="semi")
    frame = frame.filter(pl.col("satisfaction").is_not_null())
    parts = [frame.filter(pl.col("touchpoint") == r.column).select(
        "journey_id", pl.lit(r.column).alias("question"),
        survey.from_five(pl.col("satisfaction"), r.low, r.high).alias("answer"),
        pl.col("weight").fill_null(1.0).cast(pl.Float64)) for r in about.ratings]
    return pl.concat(parts) if parts else pl.DataFrame(schema={"journey_id": pl.String, "question": pl.String,
                                                               "answer": pl.Int64, "weight": pl.Float64})


def distribution(ds: Dataset, f: Filters, about: SurveyInfo) -> pl.DataFrame:
    """How the selected respondents answered each rating question: one row per question (survey order) and answer
    of its scale (``low``..``high``, answers nobody gave included), ``respondents`` who gave it and ``share_pct`` =
    their % of the question's answers (not-applicable cells are not answers; weighted: their Σw / the answers' Σw)."""
    given = answers(ds, f, about).group_by("question", "answer").agg(pl.len().cast(pl.Int64).alias("respondents"),
                                                                      pl.col("weight").sum().alias("_w"))
    grid = pl.DataFrame([{"question": r.column, "low": r.low, "high": r.high, "answer": a, "order": i}
                         for i, r in enumerate(about.ratings) for a in range(r.low, r.high + 1)],
                        schema={"question": pl.String, "low": pl.Int64, "high": pl.Int64, "answer": pl.Int64,
                                "order": pl.Int64})
    out = grid.join(given, on=["question", "answer"], how="left").with_columns(pl.col("respondents").fill_null(0),
                                                                               pl.col("_w").fill_null(0.0))
    total = pl.col("_w").sum().over("question")
    return (out.with_columns(pl.when(total > 0).then(100.0 * pl.col("_w") / total).alias("share_pct"))
            .sort("order", "answer").select(DISTRIBUTION_COLUMNS))


def top_two_box(ds: Dataset, f: Filters, about: SurveyInfo) -> pl.DataFrame:
    """Per rating question (survey order): ``answers``, ``not_applicable`` (selected respondents without an answer to
    it), ``top_two`` (answers among the scale's two highest), ``top_two_pct`` with its 95% Wilson interval
    (``top_two_low``, ``top_two_high``) and the ``mean`` answer on the question's own scale. Weighted when the survey
    is: top_two_pct = Σw of the top-two answers / Σw of the answers, its Wilson interval on n_eff, the weighted mean
    (``answers`` and ``top_two`` stay counts)."""
    respondents = q.journeys(ds, f, ["journey_id"]).height
    given = answers(ds, f, about)
    rows = []
    for r in about.ratings:
        mine = given.filter(pl.col("question") == r.column)["answer"]
        rows.append({"question": r.column, "scale": r.scale, "answers": mine.len(),
                     "not_applicable": respondents - mine.len(), "satisfied": int((mine >= r.high - 1).sum()),
                     "mean": mine.mean() if mine.len() else None})
    frame = pl.DataFrame(rows, schema={"question": pl.String, "scale": pl.String, "answers": pl.Int64,
                                       "not_applicable": pl.Int64, "satisfied": pl.Int64, "mean": pl.Float64})
    if about.weighted:
        high = {r.column: r.high for r in about.ratings}
        shares = weights.weighted_share(
            given.with_columns(pl.col("question").replace_strict(high, return_dtype=pl.Int64).alias("_high")),
            pl.col("answer") >= pl.col("_high") - 1, by=["question"])
        means = given.group_by("question").agg(
            ((pl.col("answer") * pl.col("weight")).sum() / pl.col("weight").sum()).alias("_mean"))
        return frame.join(shares, on="question", how="left").join(means, on="question", how="left").select(
            "question", "scale", "answers", "not_applicable", pl.col("satisfied").alias("top_two"),
            pl.col("share_pct").alias("top_two_pct"), pl.col("share_low").alias("top_two_low"),
            pl.col("share_high").alias("top_two_high"), pl.col("_mean").alias("mean"))
    frame = with_csat_ci(frame.with_columns(pl.col("answers").alias("ratings")))
    return frame.select(
        "question", "scale", "answers", "not_applicable", pl.col("satisfied").alias("top_two"),
        pl.when(pl.col("answers") > 0).then(100.0 * pl.col("satisfied") / pl.col("answers")).alias("top_two_pct"),
        pl.col("csat_low").alias("top_two_low"), pl.col("csat_high").alias("top_two_high"), "mean")


def segments(ds: Dataset, about: SurveyInfo) -> list[str]:
    """The columns the outcome can be split by: the segment (``persona``) when mapped, then the survey's other
    columns that are filter dimensions (few values), the outcome's own column left out."""
    own = about.outcome.stored if about.outcome is not None else None
    return (["persona"] if about.persona_column else []) + [d for d in ds.dims if d in about.profile and d != own]


def outcome_by_segment(ds: Dataset, f: Filters, about: SurveyInfo, by: str) -> pl.DataFrame:
    """The outcome per value of ``by`` (one of ``segments``), most respondents first: ``respondents`` with an answer,
    ``value`` = NPS (for an NPS outcome) or the % giving the positive value, and its 95% interval (``low``, ``high``:
    the NPS interval of metrics.confidence, a Wilson interval for a share; weighted, ``metrics.weights``' weighted
    NPS and share with intervals on n_eff). Empty without an outcome."""
    if by not in segments(ds, about):
        raise DataError("survey_no_segment", column=by)
    empty = pl.DataFrame(schema={"segment": pl.String, "respondents": pl.Int64, "value": pl.Float64,
                                 "low": pl.Float64, "high": pl.Float64})
    given = outcome_answers(ds, f, about)
    if given is None:
        return empty
    given = given.join(q.journeys(ds, f, ["journey_id", by]), on="journey_id").rename({by: "segment"})
    o = about.outcome
    if about.weighted:
        if o.kind == "nps":
            table = weights.weighted_nps(given, by=["segment"]).select(
                "segment", pl.col("responses").alias("respondents"), pl.col("nps").alias("value"),
                pl.col("nps_low").alias("low"), pl.col("nps_high").alias("high"))
        else:
            table = weights.weighted_share(given, _hit(o), by=["segment"]).select(
                "segment", pl.col("answers").alias("respondents"), pl.col("share_pct").alias("value"),
                pl.col("share_low").alias("low"), pl.col("share_high").alias("high"))
    elif o.kind == "nps":
        table = with_nps_ci(nps(given.filter(pl.col("nps").is_not_null()), by=["segment"]))
        table = table.select("segment", pl.col("responses").alias("respondents"), pl.col("nps").alias("value"),
                             pl.col("nps_low").alias("low"), pl.col("nps_high").alias("high"))
    else:
        hit = pl.col("positive") if o.kind == "label" else (pl.col("score") >= o.high - 1).cast(pl.Int8)
        value = "positive" if o.kind == "label" else "score"
        table = with_csat_ci(given.filter(pl.col(value).is_not_null()).group_by("segment").agg(
            hit.sum().cast(pl.Int64).alias("satisfied"), pl.len().cast(pl.Int64).alias("ratings")))
        table = table.select("segment", pl.col("ratings").alias("respondents"),
                             (100.0 * pl.col("satisfied") / pl.col("ratings")).alias("value"),
                             pl.col("csat_low").alias("low"), pl.col("csat_high").alias("high"))
    return (table.with_columns(pl.col("segment").cast(pl.String).fill_null("—"))
            .sort(["respondents", "segment"], descending=[True, False]).select(SEGMENT_COLUMNS))


def _pct(value: float) -> str:
    return f"{value:.0f}"


def headline_sentences(ds: Dataset, f: Filters, about: SurveyInfo, kd: KeyDrivers) -> list[Message]:
    """The overview's headline for a survey, in sentences: who answered (and when), the outcome with its 95%
    interval, the questions rated best and lowest (top-2-box), and the question that moves the outcome most
    (when the key drivers find a clear, positive link) or that none does."""
    respondents = q.journeys(ds, f, ["journey_id"]).height
    boxes = top_two_box(ds, f, about).filter(pl.col("answers") > 0)
    out = []
    if about.timestamp_column is not None and respondents:
        first, last = q.journeys(ds, f, ["first_ts"]).select(pl.col("first_ts").min().alias("a"),
                                                               pl.col("first_ts").max().alias("b")).row(0)
        out.append(Message("survey_headline_who_dated", respondents=f"{respondents:,}", questions=boxes.height,
                           since=first.date().isoformat(), until=last.date().isoformat()))
    else:
        out.append(Message("survey_headline_who", respondents=f"{respondents:,}", questions=boxes.height))
    o = about.outcome
    given = outcome_answers(ds, f, about)
    if o is not None and given is not None:
        if o.kind == "nps" and about.weighted:
            n = weights.weighted_nps(given).row(0, named=True)
            if n["responses"]:
                out.append(Message("survey_headline_nps", column=o.column, nps=f"{n['nps']:+.0f}",
                                   low=f"{n['nps_low']:+.0f}", high=f"{n['nps_high']:+.0f}",
                                   promoters=_pct(n["promoters_pct"]), detractors=_pct(n["detractors_pct"])))
        elif about.weighted:
            share = weights.weighted_share(given, _hit(o)).row(0, named=True)
            if share["answers"]:
                out.append(Message("survey_headline_" + o.kind, column=o.column, positive=o.positive,
                                   rate=_pct(share["share_pct"]), low=_pct(share["share_low"]),
                                   high=_pct(share["share_high"])))
        elif o.kind == "nps":
            n = nps(given.filter(pl.col("nps").is_not_null())).row(0, named=True)
            if n["responses"]:
                low, high = nps_interval(n["promoters"], n["detractors"], n["responses"])
                out.append(Message("survey_headline_nps", column=o.column, nps=f"{n['nps']:+.0f}",
                                   low=f"{low:+.0f}", high=f"{high:+.0f}",
                                   promoters=_pct(100 * n["promoters"] / n["responses"]),
                                   detractors=_pct(100 * n["detractors"] / n["responses"])))
        else:
            rated = outcome(ds, f, about)
            value = "positive" if o.kind == "label" else "score"
            s = given[value].drop_nulls()
            if rated is not None and rated["rate"] is not None:
                hits = int(s.sum()) if o.kind == "label" else int((s >= o.high - 1).sum())
                low, high = with_csat_ci(pl.DataFrame({"satisfied": [hits], "ratings": [s.len()]})).select(
                    "csat_low", "csat_high").row(0)
                out.append(Message("survey_headline_" + o.kind, column=o.column, positive=o.positive,
                                   rate=_pct(rated["rate"]), low=_pct(low), high=_pct(high)))
    if boxes.height >= 2:
        ranked = boxes.sort(["top_two_pct", "question"], descending=[True, False])
        best, worst = ranked.row(0, named=True), ranked.row(-1, named=True)
        if best["top_two_pct"] > worst["top_two_pct"]:
            out.append(Message("survey_headline_questions", best=best["question"], best_pct=_pct(best["top_two_pct"]),
                               worst=worst["question"], worst_pct=_pct(worst["top_two_pct"])))
    if o is not None and kd.table is not None:
        top = kd.table.filter(pl.col("importance").is_not_null()).row(0, named=True)
        if top["p_value"] is not None and top["p_value"] < 0.05 and top["coefficient"] > 0:
            out.append(Message("survey_headline_driver", question=top["stage"], column=o.column,
                               importance=_pct(top["importance"])))
        else:
            out.append(Message("survey_headline_no_driver", column=o.column))
    return out
