"""The loop's figures: cases to work (overdue first), the case metrics and recovery, each launched action's impact
in plain words, the overview's one line and report.py's ``loop``. Cases and actions come from loop/ (their own
database); the ratings and journeys they are measured on from the store, over the whole data (not the filters:
a change is judged on everything it touched)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
import sqlalchemy as sa

from errors import DataError
from i18n import Message
from loop import db
from loop.actions import all_actions
from loop.cases import all_cases, case_history_frame
from metrics.case_metrics import GROUPS, case_summary, recovery
from metrics.confidence import with_csat_ci
from metrics.impact import Impact, impact
from metrics.satisfaction import csat
from metrics.text import mask_expr
from store import Dataset, Filters
from store import queries as q

LOOP_KEYS = ("cases", "recovery", "actions", "line")
CASE_KEYS = ("cases", "open", "overdue", "closed", "median_days_to_close", "contacted_in_time",
             "contacted_in_time_of")
RECOVERY_KEYS = ("with_case", "without_case", "customers", "responses", "nps", "difference", "p_value",
                 "significant")
ACTION_KEYS = ("id", "title", "target_kind", "target_value", "metric", "owner", "status", "launch_date",
               "expected_effect_pp", "impact", "summary")
IMPACT_KEYS = ("before", "after", "before_ci", "after_ci", "change", "change_p_value", "ratings_before",
               "ratings_after", "did", "did_ci", "did_p_value", "significant", "reason")
MEASURED_KINDS = q.RATING_TARGETS  # a keyword theme has no ratings of its own: its impact is not measured


def engine() -> sa.Engine:
    """The loop's database (setting ``database_url``), migrated on first use."""
    return db.open_database()


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def case_table(cases: pl.DataFrame, on: dt.date, owner: str | None = None) -> pl.DataFrame:
    """Cases to work: ``owner``'s (all without one), overdue first, then by due date; notes masked like verbatims
    (metrics.text.mask_expr); with ``overdue`` (not closed and due before ``on``)."""
    out = cases if not owner else cases.filter(pl.col("owner") == owner)
    closed = pl.col("status").is_in(("resolved", "unreachable"))
    return (out.with_columns(mask_expr("notes").alias("notes"),
                             (~closed & (pl.col("due_date") < on)).alias("overdue"), closed.alias("_closed"))
            .sort(["_closed", "overdue", "due_date", "id"], descending=[False, True, False, False]).drop("_closed"))


def history_table(engine_: sa.Engine, case_id: int) -> pl.DataFrame:
    """One case's history, newest first, the notes' old and new text masked."""
    h = case_history_frame(engine_, case_id)
    notes = pl.col("field") == "notes"
    return h.with_columns(pl.when(notes).then(mask_expr(c)).otherwise(pl.col(c)).alias(c)
                          for c in ("old_value", "new_value")).sort(["version", "field"], descending=[True, False])


def journey_context(events: pl.DataFrame, stage_order: Sequence[str] = ()) -> dict:
    """Where a case on one journey starts (``events``: its touchpoints in journey order, metrics.episodes.timeline):
    {customer_id, journey_id, stage, touchpoint}. ``stage`` is the stage with the lowest mean satisfaction (ties
    by ``stage_order``, as the detractor list's worst stage), ``touchpoint`` its lowest-rated touchpoint (the
    first of a tie); without ratings, the last touchpoint's stage and touchpoint."""
    first = events.row(0, named=True)
    out = {"customer_id": first.get("customer_id"), "journey_id": first.get("journey_id")}
    has_touchpoint = "touchpoint" in events.columns
    rated = (events.filter(pl.col("satisfaction").is_not_null()) if "satisfaction" in events.columns
             else events.clear())
    if rated.is_empty():
        last = events.row(-1, named=True)
        return {**out, "stage": last["stage"], "touchpoint": last.get("touchpoint") if has_touchpoint else None}
    rank = {s: i for i, s in enumerate(stage_order)}
    means = rated.group_by("stage", maintain_order=True).agg(pl.col("satisfaction").mean().alias("mean"))
    stage = min(means.iter_rows(named=True), key=lambda r: (r["mean"], rank.get(r["stage"], len(rank))))["stage"]
    touchpoint = None
    if has_touchpoint:
        at_stage = rated.filter(pl.col("stage") == stage).with_row_index("_order")
        touchpoint = at_stage.sort(["satisfaction", "_order"]).row(0, named=True)["touchpoint"]
    return {**out, "stage": stage, "touchpoint": touchpoint}


def _journeys(ds: Dataset) -> pl.DataFrame:
    return q.journeys(ds, Filters(), columns=("customer_id", "journey_id", "first_ts", "last_ts", "nps"))


def case_status(ds: Dataset, cases: pl.DataFrame, on: dt.date) -> dict:
    """{"cases": metrics.case_metrics.case_summary, "recovery": {with_case, without_case: {customers, responses,
    nps}, difference, p_value, significant}} over every case and the whole data."""
    table, test = recovery(_journeys(ds), cases["journey_id"].to_list())
    groups = {r["group"]: {"customers": r["customers"], "responses": r["responses"], "nps": r["nps"]}
              for r in table.iter_rows(named=True)}
    return {"cases": case_summary(cases, on),
            "recovery": {**{g: groups[g] for g in GROUPS}, "difference": test.delta, "p_value": test.p_value,
                         "significant": test.significant}}


@dataclass(frozen=True)
class ActionImpact:
    """A launched action's impact (None when not measured), its sentence and the weekly CSAT of its target and of
    the rest (week, group "target"|"rest", ratings, satisfied, csat, csat_low, csat_high)."""

    impact: Impact | None
    sentence: Message
    weekly: pl.DataFrame


def _daily(ds: Dataset, kind: str, value: str) -> pl.DataFrame:
    days = q.rating_days(ds, Filters(), kind).with_columns((pl.col(kind) == value).alias("target"))
    return csat(days, by=["date", "target"], weight="n")


def _pp(value: float) -> str:
    return f"{value:+.0f}"


def impact_sentence(action: dict, measured: Impact | None) -> Message:
    """The impact in plain words (the sign, the interval and whether it could be chance), or why it is not
    measured."""
    kind, target = action["target_kind"], action["target_value"]
    since = action["launch_date"].isoformat() if action["launch_date"] else ""
    if action["status"] != "launched" or action["launch_date"] is None:
        return Message("loop_impact_not_launched", target=target)
    if kind not in MEASURED_KINDS:
        return Message("loop_impact_keyword", target=target)
    if measured is None or measured.reason:
        return Message("loop_" + (measured.reason if measured else "impact_no_ratings"), target=target, since=since)
    verdict = "sig" if measured.did_significant else "nosig"
    return Message(f"loop_impact_{kind}_{verdict}", target=target, since=since,
                   before=f"{measured.target_before.csat:.0f}", after=f"{measured.target_after.csat:.0f}",
                   did=_pp(measured.did_pp), low=_pp(measured.did_low), high=_pp(measured.did_high))


def action_impact(ds: Dataset, action: dict, min_sample: int = 30) -> ActionImpact:
    """metrics.impact.impact of a launched action on its stage, touchpoint or channel, against the rest."""
    empty = pl.DataFrame(schema={"week": pl.Date, "group": pl.String, "ratings": pl.Int64, "satisfied": pl.Int64,
                                 "csat": pl.Float64, "csat_low": pl.Float64, "csat_high": pl.Float64})
    if action["status"] != "launched" or action["launch_date"] is None or action["target_kind"] not in MEASURED_KINDS:
        return ActionImpact(None, impact_sentence(action, None), empty)
    daily = _daily(ds, action["target_kind"], action["target_value"])
    measured = impact(daily, action["launch_date"], min_sample)
    weekly = empty if daily.is_empty() else _weekly(daily)
    return ActionImpact(measured, impact_sentence(action, measured), weekly)


def _weekly(daily: pl.DataFrame) -> pl.DataFrame:
    """The daily counts summed by week (weeks start on Monday), CSAT with its 95% interval."""
    weekly = (daily.with_columns(pl.col("date").dt.truncate("1w").alias("week"),
                                 pl.when(pl.col("target")).then(pl.lit("target")).otherwise(pl.lit("rest"))
                                 .alias("group"))
              .group_by("week", "group").agg(pl.col("ratings").sum(), pl.col("satisfied").sum())
              .with_columns(pl.when(pl.col("ratings") > 0).then(100.0 * pl.col("satisfied") / pl.col("ratings"))
                            .alias("csat"))
              .sort("week", "group"))
    return with_csat_ci(weekly)


def action_impacts(ds: Dataset, actions: pl.DataFrame, min_sample: int = 30) -> list[tuple[dict, ActionImpact]]:
    """Every action (newest first) with its impact."""
    return [(a, action_impact(ds, a, min_sample)) for a in actions.iter_rows(named=True)]


def latest_launched(actions: pl.DataFrame) -> dict | None:
    """The launched action with the latest launch date (the newest of a tie), None without one."""
    launched = actions.filter(pl.col("status") == "launched", pl.col("launch_date").is_not_null())
    if launched.is_empty():
        return None
    return launched.sort(["launch_date", "id"], descending=True).row(0, named=True)


def _launched_line(actions: pl.DataFrame, latest: dict | None) -> Message:
    return Message("loop_line_nothing_launched") if latest is None else Message(
        "loop_line_changed", launched=int((actions["status"] == "launched").sum()))


def _cases_line(cases: pl.DataFrame, on: dt.date) -> Message:
    summary = case_summary(cases, on)
    return Message("loop_line_cases", open=summary["open"], overdue=summary["overdue"], closed=summary["closed"])


def loop_line(ds: Dataset, cases: pl.DataFrame, actions: pl.DataFrame, on: dt.date,
              min_sample: int = 30) -> tuple[Message, ...]:
    """The overview's one line, "what we changed and whether it worked": the latest launched action's impact in
    plain words, and the cases open and overdue. Shown as the messages' texts joined by a space."""
    latest = latest_launched(actions)
    parts: list[Message] = [_launched_line(actions, latest)]
    if latest is not None:
        parts.append(action_impact(ds, latest, min_sample).sentence)
    parts.append(_cases_line(cases, on))
    return tuple(parts)


PDF_ACTIONS = 5  # launched actions whose impact the PDF's page has room for


def loop_status(ds: Dataset, cases: pl.DataFrame, actions: pl.DataFrame, on: dt.date,
                min_sample: int = 30) -> tuple[Message, ...]:
    """The loop's status on the PDF's page, in the overview line's sentences: how many actions are launched,
    each launched action's impact (latest launch first, PDF_ACTIONS at most, then how many more), the cases
    open, overdue and closed."""
    launched = (actions.filter(pl.col("status") == "launched", pl.col("launch_date").is_not_null())
                .sort(["launch_date", "id"], descending=True))
    parts: list[Message] = [_launched_line(actions, latest_launched(actions))]
    parts += [action_impact(ds, a, min_sample).sentence for a in launched.head(PDF_ACTIONS).iter_rows(named=True)]
    if launched.height > PDF_ACTIONS:
        parts.append(Message("loop_pdf_more", n=launched.height - PDF_ACTIONS))
    parts.append(_cases_line(cases, on))
    return tuple(parts)


def database_status(ds: Dataset, on: dt.date, min_sample: int = 30) -> tuple[Message, ...]:
    """``loop_status`` of the loop's database (setting ``database_url``); a database that cannot be opened is
    its one sentence instead, so the PDF is still made."""
    try:
        engine_ = engine()
        return loop_status(ds, all_cases(engine_), all_actions(engine_), on, min_sample)
    except DataError as exc:
        return (exc.message,)


def line_text(parts: Sequence[Message], lang: str | None = None) -> str:
    """The line's messages in ``lang``, one line."""
    return " ".join(p.text(lang) for p in parts)


def _impact_dict(measured: Impact | None) -> dict | None:
    if measured is None:
        return None
    tb, ta = measured.target_before, measured.target_after
    return {"before": tb.csat, "after": ta.csat, "before_ci": [tb.low, tb.high] if tb.low is not None else None,
            "after_ci": [ta.low, ta.high] if ta.low is not None else None,
            "ratings_before": tb.ratings, "ratings_after": ta.ratings,
            "change": measured.change.delta if measured.change else None,
            "change_p_value": measured.change.p_value if measured.change else None,
            "did": measured.did_pp, "did_ci": [measured.did_low, measured.did_high] if measured.did_low is not None
            else None, "did_p_value": measured.did_p_value, "significant": measured.did_significant,
            "reason": measured.reason}


def loop_report(ds: Dataset, engine_: sa.Engine, on: dt.date, min_sample: int = 30) -> dict:
    """report.py's ``loop``: {cases, recovery (case_status), actions: [ACTION_KEYS…], line (the overview's, in
    English)}."""
    cases, actions = all_cases(engine_), all_actions(engine_)
    status = case_status(ds, cases, on)
    listed = []
    for a, measured in action_impacts(ds, actions, min_sample):
        listed.append({"id": a["id"], "title": a["title"], "target_kind": a["target_kind"],
                       "target_value": a["target_value"], "metric": a["metric"], "owner": a["owner"],
                       "status": a["status"], "launch_date": a["launch_date"].isoformat() if a["launch_date"] else None,
                       "expected_effect_pp": a["expected_effect_pp"], "impact": _impact_dict(measured.impact),
                       "summary": str(measured.sentence)})
    return {"cases": status["cases"], "recovery": status["recovery"], "actions": listed,
            "line": line_text(loop_line(ds, cases, actions, on, min_sample), "en")}
