"""A weighted survey's figures (``metrics.weights``): NPS, CSAT and their intervals on the effective sample size, the
line that says the figures are weighted, and the response rate with the "who answers changed" check."""

from __future__ import annotations

from typing import Any

import polars as pl

import settings
from i18n import Message
from ingest.ingested import SurveyInfo
from metrics import weights
from metrics.significance import ALPHA, Comparison
from store import Dataset, Filters
from store import queries as q


def weighted(about: SurveyInfo | None) -> bool:
    """Whether the figures of this dataset are weighted (a survey read with a weight column or raking)."""
    return about is not None and about.weighted


def nps(ds: Dataset, f: Filters, by: tuple[str, ...] = ()) -> dict[str, Any] | pl.DataFrame:
    """``metrics.weights.weighted_nps`` of the selected respondents (one row as a dict without ``by``)."""
    table = weights.weighted_nps(q.journeys(ds, f, ["journey_id", "nps", "weight", *by]), by=by)
    return table if by else table.row(0, named=True)


def nps_by_period(ds: Dataset, f: Filters, period: str = "week") -> pl.DataFrame:
    """Weighted NPS per ``period`` (week or month, Monday / first day) of the respondents' answer date: ``period``,
    metrics.weights.NPS_COLUMNS, and ``promoters``, ``passives``, ``detractors`` as weighted answers (Σw, one
    decimal: the weekly chart's bars)."""
    every = {"week": "1w", "month": "1mo"}[period]
    frame = q.journeys(ds, f, ["journey_id", "first_ts", "nps", "weight"]).with_columns(
        pl.col("first_ts").dt.truncate(every).dt.date().alias(period))
    table = weights.weighted_nps(frame, by=[period])
    total, p, d = pl.col("weight_sum"), pl.col("promoters_pct") / 100, pl.col("detractors_pct") / 100
    return table.with_columns((total * p).round(1).alias("promoters"), (total * (1 - p - d)).round(1).alias("passives"),
                              (total * d).round(1).alias("detractors"))


def csat(ds: Dataset, f: Filters) -> dict[str, Any]:
    """Weighted CSAT of the selected answers: ``metrics.weights.weighted_share`` of satisfaction ≥ 4, each answer
    weighted by its respondent's weight."""
    answers = q.touchpoints(ds, f, ["satisfaction", "weight"])
    return weights.weighted_share(answers, pl.when(pl.col("satisfaction").is_not_null())
                                  .then(pl.col("satisfaction") >= 4)).row(0, named=True)


def summary(ds: Dataset, f: Filters, about: SurveyInfo) -> dict[str, Any] | None:
    """report.py's ``weighting``: {column, raked, effective_n, answers} over the selected respondents' NPS or
    outcome answers (every selected respondent when the survey has no NPS); None when unweighted."""
    if not weighted(about):
        return None
    frame = q.journeys(ds, f, ["journey_id", "nps", "weight"])
    if about.outcome is not None and about.outcome.kind == "nps":
        frame = frame.filter(pl.col("nps").is_not_null())
    w = frame["weight"].drop_nulls()
    return {"column": about.weight_column, "raked": list(about.raked), "effective_n": weights.effective_n(w),
            "answers": w.len()}


def line(ds: Dataset, f: Filters, about: SurveyInfo) -> Message | None:
    """"Weighted by 가중치 (effective n = 812 of 1,000 answers)" (or raked to the shares of given columns) over the
    selected respondents' answers (``summary``), for the pages; None when unweighted."""
    s = summary(ds, f, about)
    return None if s is None else sentence(s)


def sentence(s: dict[str, Any]) -> Message:
    """The weighting line of a ``summary`` (report.py's table prints it under the figures)."""
    return _line(s["column"], s["raked"], s["effective_n"], s["answers"])


def reading_line(about: SurveyInfo) -> Message | None:
    """``line`` over every respondent of the file (the Upload page); None when unweighted."""
    if not weighted(about):
        return None
    return _line(about.weight_column, about.raked, about.effective_n, about.respondents)


def _line(column: str | None, raked, n_eff: float, answers: int) -> Message:
    values = {"n_eff": f"{n_eff:,.0f}", "answers": f"{answers:,}", "raked": ", ".join(raked)}
    if raked and column:
        return Message("weighting_line_both", column=column, **values)
    if raked:
        return Message("weighting_line_raked", **values)
    return Message("weighting_line", column=column, **values)


def invitation_totals(about: SurveyInfo) -> dict[str, Any] | None:
    """{invited, responded, rate_pct} over every invitation of the file; None without invitations."""
    rows = _invitations(about)
    return None if rows is None else weights.response_rate(rows).row(0, named=True)


def kpis(ds: Dataset, w: dict, k: dict[str, Any]) -> dict[str, Any]:
    """The executive KPIs ``k`` (figures.executive.kpi_changes of the windows ``w``) with NPS and CSAT weighted:
    current, previous and change, and the NPS test (``metrics.weights.nps_shift``)."""
    rows = {part: (nps(ds, w[f"{part}_filters"]), csat(ds, w[f"{part}_filters"])) for part in ("current", "previous")}
    out = {**k, **{part: dict(k[part]) for part in ("current", "previous", "change") if isinstance(k.get(part), dict)}}
    for part, (n, s) in rows.items():
        out[part].update(nps=n["nps"], csat=s["share_pct"])
    if isinstance(out.get("change"), dict) and k.get("compared"):
        for key in ("nps", "csat"):
            now, before = out["current"][key], out["previous"][key]
            out["change"][key] = None if now is None or before is None else now - before
    if "tests" in k:
        (n1, _), (n0, _) = rows["current"], rows["previous"]
        delta, p = weights.nps_shift(n1, n0)
        m = settings.get_int("min_sample")
        small = n1["responses"] < m or n0["responses"] < m
        test = (Comparison(delta, p, p < ALPHA, small) if p is not None
                else Comparison(None, None, None, True, Message("reason_no_variation")))
        out["tests"] = {**k["tests"], "nps": test}
    return out


# --- the response rate

RATE_COLUMNS = ("value", "invited", "responded", "rate_pct")


def _invitations(about: SurveyInfo) -> pl.DataFrame | None:
    if not about.invitations:
        return None
    segments = sorted({c for r in about.invitations for c in r["segments"]})
    return pl.DataFrame([{"week": r["week"], "invited": r["invited"], "responded": r["responded"],
                          "missing": r["missing"], **{c: r["segments"].get(c) for c in segments}}
                         for r in about.invitations],
                        schema={"week": pl.String, "invited": pl.Int64, "responded": pl.Int64, "missing": pl.Int64,
                                **dict.fromkeys(segments, pl.String)})


def response_rate(ds: Dataset, f: Filters, about: SurveyInfo) -> dict[str, Any] | None:
    """report.py's ``response_rate`` (and the Segments page's): responded / invited over every invitation in the
    file (the filters do not select invitations), ``by_segment`` {column: [{value, invited, responded, rate_pct}]},
    ``by_week`` [{week, invited, responded, rate_pct}] (null without a sent date), ``missing`` (rows whose flag is
    missing, counted nowhere), and the "who answers changed" check of the selected respondents (``mix_change``);
    None when the file has no invitations and the check has nothing to compare."""
    rows = _invitations(about)
    change = mix_change(ds, f, about)
    if rows is None and change is None:
        return None
    out: dict[str, Any] = {"invited": None, "responded": None, "rate_pct": None, "by_segment": None, "by_week": None,
                           "missing": None, "mix_change": change}
    if rows is not None:
        total = weights.response_rate(rows).row(0, named=True)
        segments = [c for c in rows.columns if c not in ("week", "invited", "responded", "missing")]
        out.update(
            invited=total["invited"], responded=total["responded"], rate_pct=total["rate_pct"],
            missing=int(rows["missing"].sum()),
            by_segment={c: weights.response_rate(rows.with_columns(pl.col(c).fill_null("—")), [c])
                        .rename({c: "value"}).select(RATE_COLUMNS).to_dicts() for c in segments},
            by_week=(weights.response_rate(rows.filter(pl.col("week").is_not_null()), ["week"])
                     .select("week", *RATE_COLUMNS[1:]).to_dicts() if about.invited_column else None))
    return out


def mix_change(ds: Dataset, f: Filters, about: SurveyInfo) -> dict[str, Any] | None:
    """Did who answers change while NPS changed? Between the last two months with answers (the selected respondents):
    the NPS change and its two-sample z test (``metrics.weights.nps_shift``, weighted when the survey is), and per
    segment column (``figures.survey.segments``' columns) the chi-square test of the respondents' counts per value
    (``metrics.weights.mix_test``). ``warning`` names the first segment column whose mix changed (p < 0.05) when
    the NPS change is significant too (p < 0.05), else None. None without answer dates, an NPS outcome or two
    months with answers."""
    if about.timestamp_column is None or about.outcome is None or about.outcome.kind != "nps":
        return None
    columns = (["persona"] if about.persona_column else []) + [d for d in ds.dims if d in about.profile]
    frame = q.journeys(ds, f, ["journey_id", "first_ts", "nps", "weight", *columns]).filter(
        pl.col("nps").is_not_null()).with_columns(pl.col("first_ts").dt.truncate("1mo").dt.date().alias("period"),
                                                  pl.col("weight").fill_null(1.0))
    months = sorted(frame["period"].unique().to_list())
    if len(months) < 2:
        return None
    previous, current = months[-2], months[-1]
    two = frame.filter(pl.col("period").is_in([previous, current]))
    by_month = {r["period"]: r for r in weights.weighted_nps(two, by=["period"]).iter_rows(named=True)}
    delta, p = weights.nps_shift(by_month[current], by_month[previous])
    tests = []
    for c in columns:
        counts = (two.with_columns(pl.col(c).fill_null("—")).group_by("period", c).agg(pl.len().alias("respondents"))
                  .with_columns(pl.col("period").cast(pl.String)).rename({c: "segment"}))
        tests.append({"column": c, "p_value": weights.mix_test(counts)})
    changed = [t for t in tests if t["p_value"] is not None and t["p_value"] < ALPHA]
    nps_changed = p is not None and p < ALPHA
    warning = None
    if nps_changed and changed:
        column = changed[0]["column"]
        warning = Message("response_mix_warning", column=about.persona_column if column == "persona" else column, previous=previous.strftime("%Y-%m"),
                          current=current.strftime("%Y-%m"), delta=f"{delta:+.0f}")
    return {"previous": previous.isoformat(), "current": current.isoformat(), "nps_change": delta, "nps_p_value": p,
            "segments": tests, "warning": warning}

