"""Cached data of the Journeys page: paths, transitions, journey lists and episodes (figures.journeys), per (dataset
version, filters, arguments) through ui.data's cached dispatcher."""

from __future__ import annotations

from figures import journeys as journeys_figures
from store import Dataset, Filters
from store.facts import journey_steps
from ui.data import _register

LIST_LIMIT = journeys_figures.LIST_LIMIT
TREE_MIN_SHARE = journeys_figures.TREE_MIN_SHARE
MAP_EDGES = 30  # arrows a touchpoint map draws at most (the most frequent; the table lists every transition)
MAX_MAP_TOUCHPOINTS = journey_steps.MAX_MAP_TOUCHPOINTS

ordered_touchpoints = _register(journeys_figures.ordered_touchpoints)
path_table = _register(journeys_figures.path_table_with_text)
path_tree = _register(journeys_figures.path_tree)
detractor_paths = _register(journeys_figures.detractor_paths_as_text)
transition_table = _register(journeys_figures.transition_table)
journey_list = _register(journeys_figures.journey_list)


def touchpoint_order(ds: Dataset) -> list[str]:
    """``ordered_touchpoints`` cached per dataset version."""
    return ordered_touchpoints(ds, Filters())


def touchpoint_map(ds: Dataset) -> bool:
    """Whether the process map can be drawn between touchpoints (a file check: store.facts.journey_steps)."""
    return journey_steps.has_touchpoint_map(ds)


@_register
def episode(ds: Dataset, f: Filters, journey_id: str) -> dict:
    """figures.journeys.episode_with_others (the selection is not applied, the viewer's scope is)."""
    return journeys_figures.episode_with_others(ds, journey_id, f)
