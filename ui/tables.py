"""The tables the pages show: which columns, under which headings, with which number formats.

Each function takes the frame a page already has and returns a ``Table`` for ``ui.layout.table(*table)``, so a
page says which table it shows, not how its columns are named.
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl

from i18n import t
from loop.tables import AUDIT_EVENTS
from ui.charts import snapshot


class Table(NamedTuple):
    """``ui.layout.table``'s arguments in its order: the frame, the CSV's file name, column headings, printf formats,
    the columns shown first, links, row selection, and the long text columns that wrap (pinned at the left)."""

    frame: pl.DataFrame
    file_name: str
    labels: dict[str, str]
    formats: dict[str, str]
    column_order: list[str] | None = None
    links: dict[str, str] | None = None
    select: dict | None = None
    wrap: tuple[str, ...] = ()


ALERT_COLUMNS = ("dimension", "value", "metric", "previous", "current", "change", "p_value", "q_value", "rate", "mix",
                 "n_previous", "n_current")


def alerts(table: pl.DataFrame, lang: str) -> Table:
    """The overview's alerts (``executive_summary``'s ``alerts``): dimension and metric in words of ``lang``."""
    shown = table.with_columns(pl.col("dimension").replace(snapshot.dimension_labels(lang)),
                               pl.col("metric").replace({m: t("story_metric_" + m) for m in ("nps", "csat")}))
    return Table(shown.select(ALERT_COLUMNS), "alerts.csv", {c: t("col_" + c) for c in ALERT_COLUMNS},
                 {"previous": "%.1f", "current": "%.1f", "change": "%+.1f", "p_value": "%.2g", "q_value": "%.2g",
                  "rate": "%+.2f", "mix": "%+.2f"})


def verbatims(rows: pl.DataFrame, file_name: str = "verbatims.csv") -> Table:
    """Comments as the VoC page lists them (``voc_data.verbatims``: masked, newest first), the comment wrapped."""
    return Table(rows, file_name, {
        "timestamp": t("col_date"), "journey_id": t("col_journey"), "stage": t("col_stage"),
        "channel": t("col_channel"), "touchpoint": t("col_touchpoint"), "persona": t("col_persona"),
        "satisfaction": t("col_satisfaction"), "journey_nps": t("col_journey_nps"), "comment": t("col_comment")}, {})


def keywords(table: pl.DataFrame) -> Table:
    """The VoC page's keyword table (``voc_data.voc``'s keywords): comments, share, NPS with its interval, mean rating."""
    columns = ("keyword", "comments", "share", "nps", "nps_low", "nps_high", "nps_responses", "low_sample",
               "mean_satisfaction")
    return Table(
        table.select(columns), "keywords.csv",
        {"keyword": t("col_keyword"), "comments": t("col_comments"), "share": t("col_comment_share"),
         "nps": t("col_nps"), "nps_low": t("col_ci_low"), "nps_high": t("col_ci_high"),
         "nps_responses": t("col_nps_responses"), "low_sample": t("col_low_sample"),
         "mean_satisfaction": t("col_mean_satisfaction")},
        {"share": "%.1f", "nps": "%.1f", "nps_low": "%.1f", "nps_high": "%.1f", "mean_satisfaction": "%.2f"})


def detractors(follow_up: pl.DataFrame) -> Table:
    """The overview's detractors to call back (``ui.data.detractors``), the comment column marked as masked."""
    labels = {c: t("col_" + c) for c in follow_up.columns if c != "comment"} | {"comment": t("col_comment_masked")}
    return Table(follow_up, "detractors.csv", labels, {})


def paths(table: pl.DataFrame, kind: str) -> Table:
    """The Journeys page's most frequent paths of ``kind`` (``journeys_data.path_table``), the first 20."""
    return Table(
        table.head(20).select("path_text", "journeys", "share", "nps", "nps_low", "nps_high", "responses",
                              "low_sample", "median_journey_hours"),
        f"paths_{kind}.csv",
        {"path_text": t("col_path"), "journeys": t("col_journeys"), "share": t("col_share"), "nps": t("col_nps"),
         "nps_low": t("col_ci_low"), "nps_high": t("col_ci_high"), "responses": t("col_nps_responses"),
         "low_sample": t("col_low_sample"), "median_journey_hours": t("col_median_journey_hours")},
        {"share": "%.1f", "nps": "%.1f", "nps_low": "%.1f", "nps_high": "%.1f", "median_journey_hours": "%.1f"},
        wrap=("path_text",))


def detractor_paths(table: pl.DataFrame, kind: str) -> Table:
    """The Journeys page's paths detractors take more than promoters (``journeys_data.detractor_paths``)."""
    return Table(
        table.select("path", "detractors", "promoters", "detractor_share", "promoter_share", "ratio", "p_value",
                     "q_value", "significant", "low_sample"),
        f"detractor_paths_{kind}.csv",
        {"path": t("col_path"), "detractors": t("detractors"), "promoters": t("promoters"),
         "detractor_share": t("col_detractor_share"), "promoter_share": t("col_promoter_share"),
         "ratio": t("col_ratio"), "p_value": t("col_p_value"), "q_value": t("col_q_value"),
         "significant": t("col_significant"), "low_sample": t("col_low_sample")},
        {"detractor_share": "%.1f", "promoter_share": "%.1f", "ratio": "%.2f", "p_value": "%.3g", "q_value": "%.3g"},
        wrap=("path",))


def transitions(edges: pl.DataFrame, map_kind: str) -> Table:
    """Every transition of the process map between ``map_kind`` nodes (``journeys_data.transition_table``): how often
    and its NPS first, as the map draws them (width, colour)."""
    return Table(
        edges.select("from", "to", "count", "nps", "journeys", "median_hours", "responses", "low_sample"),
        f"transitions_{map_kind}.csv",
        {"from": t("col_from"), "to": t("col_to"), "count": t("col_transitions"), "journeys": t("col_journeys"),
         "median_hours": t("col_median_hours"), "nps": t("col_nps"), "responses": t("col_nps_responses"),
         "low_sample": t("col_low_sample")},
        {"median_hours": "%.2f", "nps": "%.1f"}, wrap=("from", "to"))


# the answer and the comments beside the journey's id: what a drill-down asked for shows on a phone without scrolling
JOURNEY_COLUMNS = ("journey_id", "nps", "comments", "customer_id", "persona", "first_ts", "duration_hours", "handoffs",
                   "stage_path", "channel_path")


def journey_labels() -> dict[str, str]:
    """Headings of the Journeys page's journey list (``journeys_data.journey_list``'s rows) and a customer's
    journeys."""
    return {"journey_id": t("col_journey"), "customer_id": t("col_customer"), "persona": t("col_persona"),
            "first_ts": t("col_started"), "duration_hours": t("col_duration_hours"), "handoffs": t("col_handoffs"),
            "nps": t("col_nps"), "stage_path": t("kind_stage"), "channel_path": t("kind_channel"),
            "comments": t("col_comment_masked")}


def episode(events: pl.DataFrame, journey_id: str) -> Table:
    """One journey's events in time order (``journeys_data.episode``'s ``events``: comments masked, and headed so)."""
    return Table(
        events.select("timestamp", "gap_hours", "stage", "channel", "touchpoint", "satisfaction", "ces", "nps",
                      "comment"),
        f"episode_{journey_id}.csv",
        {"timestamp": t("col_time"), "gap_hours": t("col_gap_hours"), "stage": t("col_stage"),
         "channel": t("col_channel"), "touchpoint": t("col_touchpoint"), "satisfaction": t("col_satisfaction"),
         "ces": t("col_ces"), "nps": t("col_nps"), "comment": t("col_comment_masked")},
        {"gap_hours": "%.2f"})


def customer_journeys(others: pl.DataFrame, customer_id: str) -> Table:
    """A customer's journeys (``journeys_data.episode``'s ``others``)."""
    columns = ("journey_id", "first_ts", "duration_hours", "handoffs", "nps", "stage_path")
    labels = journey_labels()
    return Table(others.select(columns), f"customer_{customer_id}.csv", {k: labels[k] for k in columns},
                 {"duration_hours": "%.1f"})


CASE_COLUMNS = ("id", "status", "overdue", "due_date", "owner", "customer_id", "journey_id", "root_cause", "stage",
                "touchpoint", "notes")


def cases(shown: pl.DataFrame, lang: str, select: dict) -> Table:
    """The Loop page's cases (figures.loop.case_table): status in words of ``lang``, the notes marked as masked."""
    frame = shown.select(CASE_COLUMNS).with_columns(
        pl.col("status").replace_strict({s: t("loop_status_" + s, lang) for s in shown["status"].unique()}))
    labels = {c: t("loop_col_" + c, lang) for c in CASE_COLUMNS}
    return Table(frame, "cases.csv", labels, {}, select=select)


def case_history(history: pl.DataFrame, lang: str, case_id: int) -> Table:
    """One case's history (figures.loop.history_table): who changed which field from what to what, and when."""
    columns = ("changed_at", "changed_by", "field", "old_value", "new_value", "version")
    return Table(history.select(columns), f"case-{case_id}-history.csv",
                 {c: t("loop_col_" + c, lang) for c in columns}, {})


def access_rows(rows: list[dict[str, str]], lang: str) -> Table:
    """Who has what (hosting.scopes.table): who, kind (translated), scope."""
    frame = pl.DataFrame(rows, schema={"who": pl.String, "kind": pl.String, "scope": pl.String}, orient="row")
    frame = frame.with_columns(pl.col("kind").replace_strict({k: t(f"access_kind_{k}", lang) for k in ACCESS_KINDS}))
    return Table(frame, "access.csv", {c: t(f"access_col_{c}", lang) for c in frame.columns}, {})


ACCESS_KINDS = ("admin", "admin_group", "user", "group")
AUDIT_SHOWN = ("at", "event", "email", "role", "scope", "filters", "item", "rows", "detail")
# on screen, what was done to which record comes right after who did it (a write's detail is the longest cell)
AUDIT_FIRST = ["at", "event", "email", "item", "detail"]


def audit_trail(trail: pl.DataFrame, lang: str) -> Table:
    """The audit trail (loop.audit.trail), newest first, its event names translated; who, what and the detail
    shown first."""
    frame = trail.sort("at", descending=True).with_columns(
        pl.col("event").replace_strict({e: t(f"audit_event_{e}", lang) for e in AUDIT_EVENTS}))
    return Table(frame.select(AUDIT_SHOWN), "audit.csv", {c: t(f"audit_col_{c}", lang) for c in AUDIT_SHOWN}, {},
                 column_order=AUDIT_FIRST)
