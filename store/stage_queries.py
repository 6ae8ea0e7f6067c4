"""Queries over each selected journey's stages: how many reached each stage, the mean rating per journey and stage
(the key-driver and handoff models' inputs), when each stage was entered and the dwell between stages. Read from
journey_stages.parquet (written once per data version) when the dataset has it, else from the events (tested
equal); filters pushed into DuckDB, every value a parameter (the selection: ``store.queries``).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics.spread import QUANTILES
from store.facts import journey_stages
from store.facts.dataset import Dataset
from store.filters import Filters
from store.queries import PERIODS, _check, _group_expr, _journey_columns, _query, _with, pushed_conditions


def stage_reach(ds: Dataset, f: Filters, by: Sequence[str] = ()) -> pl.DataFrame:
    """Selected journeys that reached each stage (had any touchpoint in it), per ``by`` group."""
    _check(by, _journey_columns(ds) + PERIODS)
    sql, params = _with(ds, f)
    groups = [_group_expr(b, "first_ts") for b in by]
    return _query(
        ds, sql + f"SELECT {''.join(g + ', ' for g in groups)}stage, count(*) AS journeys "
        "FROM (SELECT *, unnest(stages) AS stage FROM sel) GROUP BY ALL ORDER BY ALL",
        params,
    )


def _journey_stages(ds: Dataset, f: Filters, params: dict) -> str | None:
    """The selected journeys' rows of journey_stages.parquet (store/journey_stages.py) as a table expression ``js``,
    or None when the dataset has none (a read-only facts directory without it).

    A period filter, a persona filter of the data's own persona and a channel or stage filter (when the journeys
    carry stage x channel bits) are conditions on the rows' copies of the journey's first_ts, persona and bits
    (as store.paths does on steps); any other selection is a semi-join on the selected journeys (``sel``)."""

    path = journey_stages.path(ds)
    if path is None:
        return None
    conds = pushed_conditions(ds, f, "js", params)
    params["journey_stages"] = path
    return f"(SELECT * FROM read_parquet($journey_stages) js WHERE {' AND '.join(conds) or 'true'}) js"


# The journeys' 64-bit key in the models' inputs (``model_inputs``).
JOURNEY_HASH = "hash(journey_id)"


def journey_stage_satisfaction(ds: Dataset, f: Filters, key: str = "journey_id") -> pl.DataFrame:
    """Mean satisfaction per (journey, stage) over ALL touchpoints of the selected journeys with an NPS answer.

    Returns journey_id, stage, mean_satisfaction, ratings (rated touchpoints), in no particular
    order (sorting 2.2M rows at 10M events cost 0.4 s; the models place rows by journey); a stage
    the journey did not reach, or reached without a rating, has no row. All of a selected journey's
    touchpoints count (not only those matching the channel/stage filters), because its NPS
    answer is about the whole journey. Read from journey_stages.parquet (written once per data
    version) when the dataset has it, else grouped from the events (tested equal). ``key``: the journey id
    (``journey_id``) or its hash (``hash(journey_id)``, for model_inputs), returned as journey_id.
    """
    if key not in ("journey_id", JOURNEY_HASH):
        raise ValueError(f"unknown journey key {key!r}")
    sql, params = _with(ds, f)
    stages = _journey_stages(ds, f, params)
    if stages is not None:
        return _query(
            ds, sql + f"SELECT {key.replace('journey_id', 'js.journey_id')} AS journey_id, stage, mean_satisfaction, "
            "ratings FROM " + stages + " WHERE ratings > 0 AND journey_nps IS NOT NULL", params)
    return _query(
        ds, sql + f"SELECT {key.replace('journey_id', 'e.journey_id')} AS journey_id, e.stage, "
        "avg(e.satisfaction) AS mean_satisfaction, count(*) AS ratings "
        "FROM src e WHERE e.satisfaction IS NOT NULL "
        "AND e.journey_id IN (SELECT journey_id FROM sel WHERE nps IS NOT NULL) "
        "GROUP BY ALL",
        params,
    )


def model_inputs(ds: Dataset, f: Filters) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What the key-driver and handoff models fit on: (the selected journeys with an NPS answer: journey_id, nps,
    handoffs, events, persona; ``journey_stage_satisfaction``), with ``journey_id`` as a 64-bit hash of the id in
    both, so the models place 1.4M ratings by an integer instead of text (10M events: 0.1 s less), or as the id
    itself when two answered journeys of the selection share a hash (checked on the hashes fetched: a distinct
    count in DuckDB was a second pass over the journeys)."""
    sql, params = _with(ds, f)
    columns = "AS journey_id, nps, handoffs, events, persona FROM sel WHERE nps IS NOT NULL"
    journeys = _query(ds, sql + f"SELECT {JOURNEY_HASH} {columns}", params)
    if journeys["journey_id"].n_unique() == journeys.height:
        return journeys, journey_stage_satisfaction(ds, f, JOURNEY_HASH)
    return _query(ds, sql + f"SELECT journey_id {columns}", params), journey_stage_satisfaction(ds, f)


def stage_entries(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Each selected journey's first timestamp in each stage it reached: journey_id, stage, entered.

    All touchpoints of a selected journey count (not only those matching the channel/stage
    filters): dwell time (metrics.dwell) is about the whole journey. Rows in no particular order
    (metrics.dwell sorts them; sorting 7M rows here too cost 1 s at 10M).
    """
    sql, params = _with(ds, f)
    selected = "true" if f.is_empty() else "e.journey_id IN (SELECT journey_id FROM sel)"
    return _query(
        ds, sql + f"SELECT e.journey_id, e.stage, min(e.timestamp) AS entered FROM src e WHERE {selected} GROUP BY ALL",
        params,
    )


def stage_dwell(ds: Dataset, f: Filters) -> pl.DataFrame:
    """metrics.dwell.stage_dwell of ``stage_entries``, computed in DuckDB and without the journey id:
    stage, next_stage, dwell_hours, in no particular order.

    Same definition (the next stage is the one entered next, equal times ordered by stage name;
    hours = microseconds / 3.6e9), tested equal to the Polars function. Read from journey_stages.parquet
    (each journey's stages with their next stage, written once per data version) when the dataset has
    it, else windowed over the selected events.
    """
    return _query(ds, *_dwell_sql(ds, f))


def _dwell_sql(ds: Dataset, f: Filters) -> tuple[str, dict]:
    """``stage_dwell``'s query: a CTE ``dwell`` (stage, next_stage, dwell_hours) and the SELECT of it."""
    sql, params = _with(ds, f)
    stages = _journey_stages(ds, f, params)
    if stages is not None:
        rows = (f"SELECT stage, next_stage, next_entered, entered FROM {stages} WHERE next_stage IS NOT NULL")
    else:
        selected = "true" if f.is_empty() else "e.journey_id IN (SELECT journey_id FROM sel)"
        rows = ("SELECT stage, next_stage, next_entered, entered FROM (SELECT stage, entered, "
                "lead(stage) OVER w AS next_stage, lead(entered) OVER w AS next_entered "
                "FROM (SELECT e.journey_id, e.stage, min(e.timestamp) AS entered FROM src e "
                f"WHERE {selected} GROUP BY ALL) "
                "WINDOW w AS (PARTITION BY journey_id ORDER BY entered, stage)) WHERE next_stage IS NOT NULL")
    return (sql + ", dwell AS (SELECT stage, next_stage, (epoch_us(next_entered) - epoch_us(entered)) / 3.6e9 "
            f"AS dwell_hours FROM ({rows})) SELECT * FROM dwell", params)


def dwell_summary(ds: Dataset, f: Filters) -> pl.DataFrame:
    """metrics.dwell.dwell_summary joined with metrics.spread.box_summary of ``stage_dwell``, per stage, computed in
    DuckDB: stage, journeys, median_hours, p90_hours, n, p10, q1, median, q3, p90, in no particular order.

    Same definitions (quantiles interpolate linearly: DuckDB's quantile_cont, as Polars' "linear"), tested
    equal to the Polars functions; only a row per stage leaves DuckDB instead of a row per journey and stage
    (5.6M at 10M events).
    """
    sql, params = _dwell_sql(ds, f)
    sql = sql[:sql.rindex(" SELECT * FROM dwell")]
    quantiles = "[" + ", ".join(str(v) for v in QUANTILES.values()) + "]"
    return _query(
        ds, sql + f", s AS (SELECT stage, count(dwell_hours) AS n, quantile_cont(dwell_hours, {quantiles}) AS q "
        "FROM dwell GROUP BY stage) SELECT stage, n AS journeys, q[3] AS median_hours, q[5] AS p90_hours, n, "
        + ", ".join(f"q[{i}] AS {name}" for i, name in enumerate(QUANTILES, start=1)) + " FROM s",
        params,
    )
