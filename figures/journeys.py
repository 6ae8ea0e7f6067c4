"""Journeys behind the numbers: paths, transitions and one journey's episode."""

from __future__ import annotations

from typing import Any

import polars as pl

import settings
from errors import DataError
from figures import privacy
from i18n import Message
from metrics import paths as metrics_paths
from metrics.episodes import timeline
from metrics.text import mask_expr
from store import Dataset, Filters
from store import episodes as store_episodes
from store import journey_paths as store_paths
from store import queries as q
from store.facts import journey_steps

PATH_KEYS = ("paths", "transitions")


TOP_PATHS = 20


def path_table(ds: Dataset, f: Filters, kind: str, top: int | None = None) -> pl.DataFrame:
    """metrics.paths.path_table of the selected journeys' ``kind`` (stage or channel) paths; with suppression on,
    the paths of fewer than min_group customers and their complementary paths left out (shares stay shares of
    every selected journey, so the journeys not listed are at least two paths and min_group customers)."""
    table = _shown_paths(ds, f, kind, metrics_paths.path_table(
        store_paths.path_stats(ds, f, kind), store_paths.path_answers(ds, f, kind), settings.get_int("min_sample")))
    return table if top is None else table.head(top)


def _shown_paths(ds: Dataset, f: Filters, kind: str, table: pl.DataFrame) -> pl.DataFrame:
    """``table`` (a ``path`` list column) without the hidden paths, when suppression is on: a path of fewer than
    min_group customers and its complementary paths (metrics/suppression.py over every path of the selection)."""
    if privacy.min_group() is None or table.is_empty():
        return table
    sizes = store_paths.path_customers(ds, f, kind).rename({"path": "_key"})
    hidden = privacy.hide(sizes.drop("customers"), sizes, ["_key"], []).filter(pl.col("suppressed"))["_key"]
    return table.filter(~pl.col("path").list.join(metrics_paths.SEP).is_in(hidden.implode()))


def detractor_paths(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """metrics.paths.detractor_paths of the selected journeys' ``kind`` paths (hidden paths left out)."""
    return _shown_paths(ds, f, kind, metrics_paths.detractor_paths(store_paths.path_answers(ds, f, kind),
                                                                 settings.get_int("min_sample")))


def transition_table(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """metrics.paths.transition_table of the selected journeys' ``kind`` transitions (the process map's edges); with
    suppression on, an edge taken by fewer than min_group customers is left out with its complementary edges out of
    the same node, so that no node's outgoing total minus the edges shown is one small edge's."""
    table = metrics_paths.transition_table(store_paths.transition_stats(ds, f, kind),
                                           store_paths.transition_answers(ds, f, kind), settings.get_int("min_sample"))
    if privacy.min_group() is None:
        return table
    return privacy.leave_out(table, store_paths.transition_customers(ds, f, kind), ["from", "to"], by=["from"])


def paths_report(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The report's ``paths`` ({kind: the TOP_PATHS most frequent paths}, kinds stage and channel) and
    ``transitions`` ({kind: every edge}, kinds stage, channel and touchpoint; touchpoint None without a touchpoint
    map)."""
    paths, transitions = {}, {}
    for kind in store_paths.KINDS:
        paths[kind] = [
            {"path": r["path"], "journeys": r["journeys"], "share": r["share"], "nps": r["nps"],
             "nps_responses": r["responses"], "median_journey_hours": r["median_journey_hours"]}
            for r in path_table(ds, f, kind, TOP_PATHS).iter_rows(named=True)]
    for kind in store_paths.MAP_KINDS:
        transitions[kind] = [
            {"from": r["from"], "to": r["to"], "count": r["count"], "journeys": r["journeys"],
             "median_hours": r["median_hours"], "nps": r["nps"]}
            for r in transition_table(ds, f, kind).iter_rows(named=True)
        ] if kind != "touchpoint" or journey_steps.has_touchpoint_map(ds) else None
    return {"paths": paths, "transitions": transitions}


def episode(ds: Dataset, journey_id: str) -> dict[str, Any]:
    """One journey as the report prints it: {"journey_id", "customer_id", "events": [...]}, events in journey order
    with gap_hours and masked comments. Raises DataError when no valid touchpoint has that journey id."""
    events = store_episodes.episode(ds, journey_id)
    if events.height == 0:
        raise DataError("journey_not_found", journey=repr(journey_id))
    rows = timeline(events).drop("journey_id", "customer_id").with_columns(pl.col("timestamp").dt.to_string("%Y-%m-%dT%H:%M:%S%.f"))
    return {"journey_id": events["journey_id"][0], "customer_id": events["customer_id"][0], "events": rows.to_dicts()}


LIST_LIMIT = 200  # journeys listed at most (the count says how many there are)
TREE_MIN_SHARE = 0.5  # % of the selected journeys a path beginning needs to get a box in the path tree
ARROW = " → "


def ordered_touchpoints(ds: Dataset, f: Filters) -> list[str]:
    """Every named touchpoint in journey order, for the touchpoint map's nodes: by the stage it occurs in most
    (in the dataset's stage order), then by name (filters ignored)."""
    counts = q.touchpoint_volume(ds, Filters(), ["stage", "touchpoint"], journeys=False)
    modal = counts.filter(pl.col("touchpoint").is_not_null()).sort(
        ["events", "stage"], descending=[True, False]).unique("touchpoint", keep="first")
    rank = {s: i for i, s in enumerate(ds.stage_order)}
    return [r["touchpoint"] for r in sorted(modal.iter_rows(named=True),
                                            key=lambda r: (rank.get(r["stage"], len(rank)), r["touchpoint"]))]


def _as_text(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Path columns (lists) as the text people read: values joined with " → "."""
    return frame.with_columns(pl.col(c).list.join(ARROW) for c in columns if c in frame.columns)


def path_table_with_text(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """``path_table`` with every path of ``kind``, most frequent first, and ``path_text``, the path as text."""
    table = path_table(ds, f, kind)
    return table.with_columns(pl.col("path").list.join(ARROW).alias("path_text"))


def path_tree(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """metrics.paths.path_tree of every ``kind`` path of the selected journeys (beginnings taken by at least
    TREE_MIN_SHARE % of them)."""
    return metrics_paths.path_tree(path_table(ds, f, kind), TREE_MIN_SHARE)


def detractor_paths_as_text(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """``detractor_paths`` with ``path`` as text."""
    return _as_text(detractor_paths(ds, f, kind), "path")


def journey_list(ds: Dataset, f: Filters, sort_by: str, descending: bool, path: Any, transition: Any) -> dict:
    """{"rows": store.episodes.journey_list (at most LIST_LIMIT, paths as text) with each journey's comments
    (masked), "total": how many journeys match, "hidden": None}. With suppression on, journeys of fewer than
    min_group customers (a small selection, path or transition) are not listed: no rows, total None, and
    ``hidden`` says why (their count and answers would give a hidden figure away)."""
    rows = store_episodes.journey_list(ds, f, sort_by, descending, LIST_LIMIT, path, transition)
    n = privacy.min_group()
    if n is not None and privacy.small(store_episodes.count_customers(ds, f, path, transition)):
        return {"rows": _as_text(rows.clear().with_columns(pl.lit(None, pl.String).alias("comments")),
                                 "stage_path", "channel_path"),
                "total": None, "hidden": Message("journeys_hidden", n=n)}
    said = store_episodes.journey_comments(ds, rows["journey_id"].to_list()).with_columns(mask_expr("comments"))
    rows = rows.join(said, on="journey_id", how="left", maintain_order="left")
    return {"rows": _as_text(rows, "stage_path", "channel_path"),
            "total": store_episodes.count_journeys(ds, f, path, transition), "hidden": None}


def episode_with_others(ds: Dataset, journey_id: str, f: Filters | None = None) -> dict:
    """{"events": metrics.episodes.timeline of the journey (empty when unknown), "others": its customer's
    journeys (store.episodes.customer_journeys, paths as text), "refused": whether the journey is outside the scope
    of ``f``}; the selection of ``f`` is not applied, its scope is (a journey or another journey of its customer
    outside the scope is not shown)."""
    f = f or Filters()
    in_scope = Filters().within(f.scope)
    if f.scope and not store_episodes.selected_ids(ds, in_scope, [journey_id]):
        return {"events": timeline(store_episodes.episode(ds, "").clear()), "others": pl.DataFrame(),
                "refused": True}
    events = store_episodes.episode(ds, journey_id)
    others = pl.DataFrame()
    if events.height:
        others = store_episodes.customer_journeys(ds, events["customer_id"][0])
        if f.scope:
            others = others.filter(pl.col("journey_id").is_in(
                list(store_episodes.selected_ids(ds, in_scope, others["journey_id"].to_list()))))
        others = _as_text(others, "stage_path", "channel_path")
    return {"events": timeline(events), "others": others, "refused": False}
