"""Cached data of the Journeys page (issue 13): paths, transitions, journey lists and episodes, per (dataset version,
filters, arguments) through ui.data's cached dispatcher."""

from __future__ import annotations

from typing import Any

import polars as pl

from figures import overview as figures
from metrics import paths as metrics_paths
from metrics.episodes import timeline
from store import Dataset, Filters
from store import episodes as store_episodes
from store import queries as store_queries
from store.build import journey_steps
from ui.data import _register

LIST_LIMIT = 200  # journeys listed at most (the count says how many there are)
TREE_MIN_SHARE = 0.5  # % of the selected journeys a path beginning needs to get a box in the path tree
MAP_EDGES = 30  # arrows a touchpoint map draws at most (the most frequent; the table lists every transition)
MAX_MAP_TOUCHPOINTS = journey_steps.MAX_MAP_TOUCHPOINTS


def touchpoint_order(ds: Dataset) -> list[str]:
    """``ordered_touchpoints`` cached per dataset version."""
    return ordered_touchpoints(ds, Filters())


@_register
def ordered_touchpoints(ds: Dataset, f: Filters) -> list[str]:
    """Every named touchpoint in journey order, for the touchpoint map's nodes: by the stage it occurs in most
    (in the dataset's stage order), then by name (filters ignored)."""
    counts = store_queries.touchpoint_volume(ds, Filters(), ["stage", "touchpoint"], journeys=False)
    modal = counts.filter(pl.col("touchpoint").is_not_null()).sort(
        ["events", "stage"], descending=[True, False]).unique("touchpoint", keep="first")
    rank = {s: i for i, s in enumerate(ds.stage_order)}
    return [r["touchpoint"] for r in sorted(modal.iter_rows(named=True),
                                            key=lambda r: (rank.get(r["stage"], len(rank)), r["touchpoint"]))]
ARROW = " → "


def _as_text(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Path columns (lists) as the text people read: values joined with " → "."""
    return frame.with_columns(pl.col(c).list.join(ARROW) for c in columns if c in frame.columns)


@_register
def path_table(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """figures.path_table: every path of ``kind`` of the selected journeys, most frequent first; ``path_text``
    is the path as text."""
    table = figures.path_table(ds, f, kind)
    return table.with_columns(pl.col("path").list.join(ARROW).alias("path_text"))


@_register
def path_tree(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """metrics.paths.path_tree of every ``kind`` path of the selected journeys (beginnings taken by at least
    TREE_MIN_SHARE % of them)."""
    return metrics_paths.path_tree(figures.path_table(ds, f, kind), TREE_MIN_SHARE)


@_register
def detractor_paths(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """figures.detractor_paths: paths over-represented among detractors, most significant first (``path`` as text)."""
    return _as_text(figures.detractor_paths(ds, f, kind), "path")


@_register
def transition_table(ds: Dataset, f: Filters, kind: str) -> pl.DataFrame:
    """figures.transition_table: the process map's edges."""
    return figures.transition_table(ds, f, kind)


def touchpoint_map(ds: Dataset) -> bool:
    """store.paths.has_touchpoint_map: whether the process map can be drawn between touchpoints (a file check)."""
    return journey_steps.has_touchpoint_map(ds)


@_register
def journey_list(ds: Dataset, f: Filters, sort_by: str, descending: bool, path: Any, transition: Any) -> dict:
    """{"rows": store.episodes.journey_list (at most LIST_LIMIT, paths as text), "total": how many journeys match}."""
    rows = store_episodes.journey_list(ds, f, sort_by, descending, LIST_LIMIT, path, transition)
    return {"rows": _as_text(rows, "stage_path", "channel_path"),
            "total": store_episodes.count_journeys(ds, f, path, transition)}


@_register
def episode(ds: Dataset, f: Filters, journey_id: str) -> dict:
    """{"events": metrics.episodes.timeline of the journey (empty when unknown), "others": its customer's
    journeys (store.episodes.customer_journeys, paths as text)}; filters are not applied."""
    events = store_episodes.episode(ds, journey_id)
    others = (_as_text(store_episodes.customer_journeys(ds, events["customer_id"][0]), "stage_path", "channel_path")
              if events.height else pl.DataFrame())
    return {"events": timeline(events), "others": others}
