"""Episodes: one journey's touchpoints in journey order, its customer's journeys, and journey lists to open them from."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from ingest.schema import quote
from store.facts import db
from store.facts.comments import comments_path
from store.facts.dataset import Dataset
from store.filters import Filters
from store.journey_paths import KINDS, MAP_KINDS, SEP, _steps_path
from store.queries import _query, _with

# The journey order (metrics.journeys.EVENT_ORDER); NULLs last, as the facts pass orders them.
_ORDER = "timestamp, stage, channel, touchpoint, nps"
LIST_SORTS = ("nps", "duration_hours", "handoffs", "events", "first_ts")
LIST_COLUMNS = ("journey_id", "customer_id", "persona", "first_ts", "duration_hours", "events", "handoffs", "nps")
# The journey facts' paths (values joined by SEP) as lists
_PATH_LISTS = ", ".join(f"string_split({k}_path, chr(31)) AS {k}_path" for k in KINDS)


def episode(ds: Dataset, journey_id: str) -> pl.DataFrame:
    """Every valid touchpoint of journey ``journey_id`` in journey order (ties included, as the facts order
    them): timestamp, stage, channel, touchpoint, persona, satisfaction, ces, nps, comment, the dims.

    Reads the source (comments are not in the events facts); facts without their source take each touchpoint's
    comment from the comments facts (store.voc), matched on time, stage, channel and touchpoint (touchpoints equal
    in all of these take their comments in text order). Empty when no such journey."""
    dims = "".join(", " + quote(d) for d in ds.dims)
    columns = f"journey_id, customer_id, timestamp, stage, channel, touchpoint, persona, satisfaction, ces, nps{dims}"
    if ds.files:
        return db.query(f"SELECT {columns}, comment FROM ({ds.source_sql()}) WHERE journey_id = $id ORDER BY {_ORDER}",
                        {"files": ds.source_files, "id": str(journey_id)})

    same = "timestamp, stage, channel, touchpoint"
    return db.query(
        f"SELECT {', '.join('e.' + c.strip() for c in columns.split(','))}, c.comment FROM "
        f"(SELECT *, row_number() OVER (PARTITION BY {same} ORDER BY nps) AS k "
        f" FROM ({ds.events_sql()}) WHERE journey_id = $id) e "
        f"LEFT JOIN (SELECT *, row_number() OVER (PARTITION BY {same} ORDER BY comment) AS k "
        f"           FROM read_parquet($comments) WHERE journey_id = $id) c "
        "ON e.timestamp = c.timestamp AND e.stage = c.stage AND e.channel = c.channel "
        f"AND e.touchpoint IS NOT DISTINCT FROM c.touchpoint AND e.k = c.k ORDER BY {', '.join('e.' + c for c in _ORDER.split(', '))}",
        ds.bind({"events": ds.events_path, "comments": comments_path(ds), "id": str(journey_id)}),
    )


def customer_journeys(ds: Dataset, customer_id: str) -> pl.DataFrame:
    """The journey facts of every journey of ``customer_id``, oldest first: LIST_COLUMNS, stage_path and channel_path (lists)."""
    return db.query(
        f"SELECT {', '.join('j.' + c for c in LIST_COLUMNS)}, {_PATH_LISTS} "
        f"FROM {ds.journeys_sql()} j WHERE j.customer_id = $cid ORDER BY j.first_ts, j.journey_id",
        ds.bind({"journeys": ds.journeys_path, "cid": str(customer_id)}),
    )


def _listed(ds: Dataset, f: Filters, path: tuple[str, Sequence[str]] | None,
            transition: tuple[str, str, str] | None) -> tuple[str, str, dict]:
    """The CTEs, and the FROM … WHERE of the selected journeys (``s``) narrowed to a path or a transition (both
    as semi-joins: the paths themselves are joined only to the rows listed)."""
    sql, params = _with(ds, f)
    conds = []
    if path is not None:
        kind, values = path
        if kind not in KINDS:
            raise ValueError(f"unknown path kind {kind!r}")
        params["path"] = SEP.join(values)
        conds.append(f"s.{kind}_path = $path")
    if transition is not None:
        kind, start, end = transition
        if kind not in MAP_KINDS:
            raise ValueError(f"unknown path kind {kind!r}")
        params.update(steps=_steps_path(ds, kind), t_from=start, t_to=end)
        conds.append(f"s.journey_id IN (SELECT journey_id FROM read_parquet($steps) "
                     f"WHERE prev_{kind} = $t_from AND {kind} = $t_to)")
    where = " WHERE " + " AND ".join(conds) if conds else ""
    return sql, f"FROM sel s{where}", params


def journey_list(ds: Dataset, f: Filters, sort_by: str = "nps", descending: bool = False, limit: int = 200,
                 path: tuple[str, Sequence[str]] | None = None,
                 transition: tuple[str, str, str] | None = None) -> pl.DataFrame:
    """The selected journeys (at most ``limit``), sorted by ``sort_by`` (nulls last, ties by journey_id):
    LIST_COLUMNS with stage_path and channel_path (lists).

    ``path`` = (kind, values) keeps journeys whose ``kind`` path is exactly ``values``; ``transition`` =
    (kind, from, to) keeps journeys that take that transition.
    """
    if sort_by not in LIST_SORTS:
        raise ValueError(f"unknown sort column {sort_by!r}; allowed: {list(LIST_SORTS)}")
    ctes, source, params = _listed(ds, f, path, transition)
    params["limit"] = int(limit)
    order = f"s.{sort_by} {'DESC' if descending else 'ASC'} NULLS LAST, s.journey_id"
    return _query(
        ds, ctes + f"SELECT {', '.join('s.' + c for c in LIST_COLUMNS)}, "
        f"{_PATH_LISTS.replace('string_split(', 'string_split(s.')} {source} ORDER BY {order} LIMIT $limit",
        params,
    )


def journey_comments(ds: Dataset, journey_ids: Sequence[str]) -> pl.DataFrame:
    """The comments of each of ``journey_ids`` that has any: journey_id, comments (its comments oldest first, joined
    by " / "; not masked)."""
    return db.query(
        "SELECT journey_id, string_agg(comment, ' / ' ORDER BY timestamp, text_id) AS comments "
        "FROM read_parquet($comments) WHERE list_contains($ids, journey_id) GROUP BY journey_id",
        {"comments": comments_path(ds), "ids": [str(i) for i in journey_ids]},
    )


def count_journeys(ds: Dataset, f: Filters, path: tuple[str, Sequence[str]] | None = None,
                   transition: tuple[str, str, str] | None = None) -> int:
    """How many selected journeys ``journey_list`` lists without its limit."""
    ctes, source, params = _listed(ds, f, path, transition)
    return int(_query(ds, ctes + f"SELECT count(*) AS n {source}", params)["n"][0])


def count_customers(ds: Dataset, f: Filters, path: tuple[str, Sequence[str]] | None = None,
                    transition: tuple[str, str, str] | None = None) -> int:
    """How many distinct customers the journeys ``journey_list`` lists (without its limit) belong to."""
    ctes, source, params = _listed(ds, f, path, transition)
    return int(_query(ds, ctes + f"SELECT count(DISTINCT s.customer_id) AS n {source}", params)["n"][0])


def selected_ids(ds: Dataset, f: Filters, journey_ids: Sequence[str]) -> set[str]:
    """Which of ``journey_ids`` are among the journeys ``f`` selects (a scope's check before an episode opens)."""
    sql, params = _with(ds, f)
    params["ids"] = [str(j) for j in journey_ids]
    found = _query(ds, sql + "SELECT journey_id FROM sel WHERE list_contains($ids, journey_id)", params)
    return set(found["journey_id"].to_list())
