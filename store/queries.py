"""Every query the dashboard and report run: filters pushed into DuckDB, results as Polars frames.

Touchpoint queries read the events, or the touchpoint cube when the answer is a sum of touchpoint
counts and the filters and groups allow (``reads_cube``); journey queries read the journey facts
computed once per dataset (see store.dataset). Grouping columns are checked against an allow-list;
every value is a parameter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Sequence

import polars as pl

from ingest.schema import quote
from metrics.spread import QUANTILES
from store.facts import cube, db, ready
from store.facts.comments import COMMENTS, journey_keywords_path
from store.facts.comments import _path as facts_file
from store.facts.dataset import Dataset
from store.filters import Filters, journey_conditions, path_condition, touchpoint_conditions

PERIODS = ("day", "week", "month", "quarter")
# Groups a touchpoint figure may be read from the cube by (store.cube): its columns, and periods of journey_day.
CUBE_GROUPS = ("stage", "channel", "touchpoint", "persona") + PERIODS
# Off: every touchpoint figure reads the events (tests and benchmarks compare the two).
USE_CUBE = True
JOURNEY_FACTS = ("journey_id", "customer_id", "persona", "first_ts", "last_ts", "duration_hours",
                 "events", "handoffs", "channels", "nps", "stages", "channel_list", "weight")


def _with(ds: Dataset, f: Filters, raw: bool = False) -> tuple[str, dict]:
    """The common CTEs: ``src`` (valid events), ``sel`` (selected journeys), ``tp`` (selected touchpoints).

    ``src`` reads the dataset's cleaned events file (cast, checked, without ``comment``); only with
    ``raw`` (a query that needs ``comment``) does it read the source files again.
    """
    params: dict = ds.bind({"journeys": ds.journeys_path})
    if raw:
        params["files"] = ds.source_files
    else:
        params["events"] = ds.events_path
    jconds = journey_conditions(f, "j", ds.dims, params)
    tconds = touchpoint_conditions(f, "e", params)
    if (f.channel or f.stage) and ds.pair_bits:
        # Journeys with a touchpoint in a selected stage on a selected channel: one AND per journey.
        bits = [b for (s, c), b in ds.pair_bits.items()
                if (not f.stage or s in f.stage) and (not f.channel or c in f.channel)]
        params["pair_mask"] = sum(1 << b for b in bits)
        jconds.append("(j.stage_channel_mask & CAST($pair_mask AS UBIGINT)) <> 0")
    elif f.channel and f.stage:
        params["stage_channel"] = [f"{s}\x1f{c}" for s in f.stage for c in f.channel]
        jconds.append("list_has_any(j.stage_channel_list, $stage_channel)")
    elif f.channel:
        jconds.append("list_has_any(j.channel_list, $channel)")
    elif f.stage:
        jconds.append("list_has_any(j.stages, $stage)")
    if f.keyword:  # journeys whose comments mention a keyword (store/voc.py)
        params.update(keyword=list(f.keyword), journey_keywords=journey_keywords_path(ds))
        jconds.append("j.journey_id IN (SELECT journey_id FROM read_parquet($journey_keywords) "
                      "WHERE list_contains($keyword, keyword))")
    if f.path_contains:  # journeys whose stage or channel path contains the sequence (store/paths.py)
        jconds.append(path_condition(f.path_contains, "j", params))
    if f.selects_journeys and not raw and not f.dims and not f.keyword and not f.path_contains:
        # The cleaned events carry their journey's first_ts and persona: plain column predicates.
        tconds += journey_conditions(f, "e", ds.dims, params, prefix="journey_")
    elif f.selects_journeys:
        tconds.append("e.journey_id IN (SELECT journey_id FROM sel)")
    source = ds.events_sql()
    if raw:
        source = ds.source_sql()
        if ds.derived:  # the source's own persona replaced by the customer's derived one
            params["assignment"] = ds.persona_assignment
            source = (f"SELECT s.* REPLACE (list_extract(CAST($persona_labels AS VARCHAR[]), p.cluster + 1) AS persona) "
                      f"FROM ({source}) s LEFT JOIN read_parquet($assignment) p USING (customer_id)")
    sql = (
        f"WITH src AS ({source}), "
        f"sel AS (SELECT * FROM {ds.journeys_sql()} j WHERE {' AND '.join(jconds) or 'true'}), "
        f"tp AS (SELECT e.* FROM src e WHERE {' AND '.join(tconds) or 'true'}) "
    )
    return sql, params


def pushed_conditions(ds: Dataset, f: Filters, alias: str, params: dict, bits: bool = True) -> list[str]:
    """Conditions selecting the journeys of ``f`` on a facts file's rows (``alias``) that carry their journey's
    first_ts, persona and, with ``bits``, stage × channel bits (``journey_first_ts``, ``journey_persona``,
    ``journey_stage_channel_mask``): a period, a persona filter of the data's own persona and (with bits) a
    channel or stage filter are plain column predicates; any other selection adds a semi-join on the selected
    journeys (``sel`` of ``_with``, which binds ``$pair_mask``)."""
    pushed = Filters(since=f.since, until=f.until, persona=() if ds.derived else f.persona)
    conds = journey_conditions(pushed, alias, (), params, prefix="journey_")
    if bits and (f.channel or f.stage) and ds.pair_bits:
        pushed = dataclasses.replace(pushed, channel=f.channel, stage=f.stage)
        conds.append(f"({alias}.journey_stage_channel_mask & CAST($pair_mask AS UBIGINT)) <> 0")
    if f != pushed:
        conds.append(f"{alias}.journey_id IN (SELECT journey_id FROM sel)")
    return conds


def reads_cube(ds: Dataset, f: Filters, by: Sequence[str] = ()) -> bool:
    """Whether a touchpoint figure that is a sum of touchpoint counts is read from the touchpoint cube.

    Yes when the filters are at most period (``since``/``until``: the journey's first day), persona,
    channel and stage, the personas are the data's own (not derived ones), every group in ``by`` is
    a cube column (stage, channel, touchpoint, persona) or a period of the journey's first day, and
    the dataset has a cube (``store.cube.path``; ``USE_CUBE`` turns the cube off). A dimension,
    keyword or path filter, a derived persona, any other group (dimensions, customer, comment) reads
    the events. Only sums of touchpoint counts ask: distinct journeys per touchpoint group, medians,
    dwell times and comments always read the events.
    """
    return (USE_CUBE and not ds.derived and not (f.dims or f.keyword or f.path_contains)
            and all(b in CUBE_GROUPS for b in by) and cube.path(ds) is not None)


def _cube_with(ds: Dataset, f: Filters) -> tuple[str, dict]:
    """``_with``'s CTEs (``sel``: selected journeys; the events' ``src`` and ``tp`` are not read unless named)
    and ``c``: the cube rows of the selected touchpoints (store.cube), for a query ``reads_cube`` allows."""
    sql, params = _with(ds, f)
    params["cube"] = cube.path(ds)
    conds = touchpoint_conditions(f, "c", params)
    if f.since:
        params["since"] = f.since
        conds.append("c.journey_day >= CAST($since AS DATE)")
    if f.until:
        params["until_next"] = f.until + dt.timedelta(days=1)
        conds.append("c.journey_day < CAST($until_next AS DATE)")
    if f.persona:
        params["persona"] = list(f.persona)
        conds.append("list_contains($persona, c.persona)")
    return sql + f", c AS (SELECT * FROM read_parquet($cube) c WHERE {' AND '.join(conds) or 'true'}) ", params


# Results memoised per (dataset version, SQL, parameters), at most _MEMO_ROWS rows in all: report.py
# and the statistics ask several times for the same aggregates. The dashboard caches on top (ui.data).
_MEMO: OrderedDict[tuple, pl.DataFrame] = OrderedDict()
_MEMO_ROWS = 500_000
_memo_lock = threading.Lock()


def _query(ds: Dataset, sql: str, params: dict) -> pl.DataFrame:
    key = (ds.version, ds.facts_dir, sql, repr(sorted(params.items())))
    with _memo_lock:
        if key in _MEMO:
            _MEMO.move_to_end(key)
            return _MEMO[key]
    out = db.query(sql, params)
    if out.height <= _MEMO_ROWS // 10:
        with _memo_lock:
            _MEMO[key] = out
            while sum(frame.height for frame in _MEMO.values()) > _MEMO_ROWS:
                _MEMO.popitem(last=False)
    return out


def _journey_columns(ds: Dataset) -> tuple[str, ...]:
    return JOURNEY_FACTS + ds.dims


def _touchpoint_columns(ds: Dataset) -> tuple[str, ...]:
    return ("journey_id", "customer_id", "timestamp", "stage", "channel", "touchpoint", "persona",
            "satisfaction", "ces", "nps", "comment", "weight") + ds.dims


def _check(names: Sequence[str], allowed: Sequence[str]) -> None:
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise ValueError(f"unknown column(s) {unknown}; allowed: {list(allowed)}")


def _group_expr(name: str, time_column: str) -> str:
    if name in PERIODS:
        return f"CAST(date_trunc('{name}', {time_column}) AS DATE) AS {name}"
    return quote(name)


def totals(ds: Dataset, f: Filters) -> dict[str, int]:
    """Selected touchpoints (``events``) and selected journeys (``journeys``)."""
    if reads_cube(ds, f):
        sql, params = _cube_with(ds, f)
        row = _query(ds, sql + "SELECT (SELECT coalesce(sum(n), 0)::BIGINT FROM c WHERE measure = 'touchpoints') "
                     "AS events, (SELECT count(*) FROM sel) AS journeys", params).row(0, named=True)
        return {"events": int(row["events"]), "journeys": int(row["journeys"])}
    sql, params = _with(ds, f)
    row = _query(ds, sql + "SELECT (SELECT count(*) FROM tp) AS events, (SELECT count(*) FROM sel) AS journeys",
                 params).row(0, named=True)
    return {"events": int(row["events"]), "journeys": int(row["journeys"])}


def touchpoint_summary(ds: Dataset, f: Filters) -> dict:
    """``totals`` and the satisfaction and ces ``touchpoint_counts`` from one scan of the events.

    Returns {"events": int, "journeys": int, "satisfaction": frame, "ces": frame}, the frames as
    ``touchpoint_counts(ds, f, value)`` returns them (value, n).
    """
    if reads_cube(ds, f):
        sql, params = _cube_with(ds, f)
        # The cube's touchpoints and answers in one scan of it, the selected journeys as one more row.
        out = _query(ds, sql + "SELECT measure, value, sum(n)::BIGINT AS n FROM c "
                     "WHERE measure IN ('touchpoints', 'satisfaction', 'ces') GROUP BY ALL "
                     "UNION ALL SELECT 'journeys', NULL, count(*) FROM sel ORDER BY ALL", params)

        def measure(name: str) -> pl.DataFrame:
            return out.filter(pl.col("measure") == name).select(pl.col("value").alias(name), "n")

        return {"events": int(out.filter(pl.col("measure") == "touchpoints")["n"].sum()),
                "journeys": int(out.filter(pl.col("measure") == "journeys")["n"].sum()),
                "satisfaction": measure("satisfaction"), "ces": measure("ces")}
    sql, params = _with(ds, f)
    out = _query(
        ds, sql + "SELECT GROUPING(satisfaction) AS g_sat, GROUPING(ces) AS g_ces, satisfaction, ces, "
        "count(*) AS n, (SELECT count(*) FROM sel) AS journeys FROM tp "
        "GROUP BY GROUPING SETS ((satisfaction), (ces), ()) ORDER BY ALL",
        params,
    )
    total = out.filter((pl.col("g_sat") == 1) & (pl.col("g_ces") == 1))
    journeys_n = total["journeys"][0] if total.height else _query(
        ds, sql + "SELECT count(*) AS journeys FROM sel", params)["journeys"][0]

    def counts(value: str, grouped: str) -> pl.DataFrame:
        return out.filter((pl.col(grouped) == 0) & pl.col(value).is_not_null()).select(value, "n").sort(value)

    return {"events": int(total["n"].sum()), "journeys": int(journeys_n),
            "satisfaction": counts("satisfaction", "g_sat"), "ces": counts("ces", "g_ces")}


def journeys(ds: Dataset, f: Filters, columns: Sequence[str] = ("journey_id",), answered: bool = False) -> pl.DataFrame:
    """Journey facts of the selected journeys, only ``columns``; with ``answered`` only those with an NPS answer."""
    _check(columns, _journey_columns(ds))
    sql, params = _with(ds, f)
    where = " WHERE nps IS NOT NULL" if answered else ""
    return _query(ds, sql + f"SELECT {', '.join(quote(c) for c in columns)} FROM sel{where}", params)


def duration_summary(ds: Dataset, f: Filters, by: Sequence[str] = ()) -> pl.DataFrame:
    """metrics.duration.duration_summary joined with metrics.spread.box_summary of the selected journeys'
    ``duration_hours``, per ``by`` group (journey facts or dims; one row without ``by``), computed in DuckDB:
    ``by``..., journeys, median_hours, p90_hours, mean_hours, n, p10, q1, median, q3, p90, sorted by ``by`` (nulls
    last).

    Doubles whatever type the facts hold (Spark writes the hours as a decimal). Same definitions (journeys and n
    count the journeys with a duration; quantiles interpolate linearly: DuckDB's quantile_cont, as Polars' "linear";
    null without journeys), tested equal to the Polars functions; a row per group leaves DuckDB instead of one per
    journey (1.4M at 10M events: the duration and personas pages took 0.5 s to fetch them and as long again for the
    quantiles in Polars).
    """
    _check(by, _journey_columns(ds))
    sql, params = _with(ds, f)
    groups = "".join(quote(b) + ", " for b in by)
    quantiles = "[" + ", ".join(str(v) for v in QUANTILES.values()) + "]"
    order = " ORDER BY " + ", ".join(quote(b) + " NULLS LAST" for b in by) if by else ""
    return _query(
        ds, sql + f", h AS (SELECT {groups}CAST(duration_hours AS DOUBLE) AS hours FROM sel), "
        f"s AS (SELECT {groups}count(hours) AS n, avg(hours) AS mean_hours, "
        f"quantile_cont(hours, {quantiles}) AS q FROM h{' GROUP BY ALL' if by else ''}) "
        f"SELECT {groups}n AS journeys, q[3] AS median_hours, q[5] AS p90_hours, mean_hours, n, "
        + ", ".join(f"q[{i}] AS {name}" for i, name in enumerate(QUANTILES, start=1)) + f" FROM s{order}",
        params,
    )


def touchpoints(ds: Dataset, f: Filters, columns: Sequence[str] | None = None) -> pl.DataFrame:
    """The selected touchpoints themselves, only ``columns`` (all canonical columns and dims by default)."""
    columns = tuple(columns or _touchpoint_columns(ds))
    _check(columns, _touchpoint_columns(ds))
    sql, params = _with(ds, f, raw="comment" in columns)
    return db.query(sql + f"SELECT {', '.join(quote(c) for c in columns)} FROM tp ORDER BY journey_id, timestamp",
                    params)


def touchpoint_counts(ds: Dataset, f: Filters, value: str, by: Sequence[str] = ()) -> pl.DataFrame:
    """How many selected touchpoints gave each ``value`` (satisfaction, ces or nps), per ``by`` group.

    Returns ``by``..., ``value``, ``n``; touchpoints without an answer are not counted. A period in
    ``by`` (day, week, month, quarter) buckets by the journey's first touchpoint (its cohort).
    """
    _check([value], ("satisfaction", "ces", "nps"))
    _check(by, _touchpoint_columns(ds) + PERIODS)
    if reads_cube(ds, f, by):
        sql, params = _cube_with(ds, f)
        groups = [_group_expr(b, "journey_day") for b in by]
        return _query(  # value is one of the three measures (checked above)
            ds, sql + f"SELECT {''.join(g + ', ' for g in groups)}value AS {value}, sum(n)::BIGINT AS n FROM c "
            f"WHERE measure = '{value}' GROUP BY ALL ORDER BY ALL",
            params,
        )
    sql, params = _with(ds, f, raw="comment" in by)
    periods = [b for b in by if b in PERIODS]
    source = "tp"
    if periods and "comment" not in by:
        source = "(SELECT *, journey_first_ts AS first_ts FROM tp)"
    elif periods:
        source = "(SELECT tp.*, j.first_ts FROM tp JOIN read_parquet($journeys) j USING (journey_id))"
    groups = [_group_expr(b, "first_ts") for b in by]
    return _query(
        ds, sql + f"SELECT {''.join(g + ', ' for g in groups)}{value}, count(*) AS n FROM {source} "
        f"WHERE {value} IS NOT NULL GROUP BY ALL ORDER BY ALL",
        params,
    )


def touchpoint_volume(ds: Dataset, f: Filters, by: Sequence[str], journeys: bool = True) -> pl.DataFrame:
    """Selected touchpoints (``events``) and distinct journeys (``journeys``) per ``by`` group.

    ``journeys=False`` leaves the distinct journeys out (only ``events``): counting them groups every
    selected touchpoint by journey (10M events, per touchpoint: 1.4 s instead of 0.05 s).

    ``events`` is read from the touchpoint cube when ``reads_cube`` allows; ``journeys`` from the journey
    facts when the groups allow (stage alone without a channel filter; stage and/or channel, with
    persona or not, when the dataset has stage × channel bits), else from the events.
    """
    _check(by, _touchpoint_columns(ds))
    groups = ", ".join(quote(b) for b in by)
    stage_lists = tuple(by) == ("stage",) and not f.channel
    from_cube = reads_cube(ds, f, by) and (not journeys or stage_lists or bool(_pair_groups(ds, f, by, {})))
    if from_cube:
        sql, params = _cube_with(ds, f)
        sql += f", v AS (SELECT {groups}, sum(n)::BIGINT AS events FROM c WHERE measure = 'touchpoints' GROUP BY ALL) "
    else:
        sql, params = _with(ds, f, raw="comment" in by)
        sql += f", v AS (SELECT {groups}, count(*) AS events FROM tp GROUP BY ALL) "
    if not journeys:
        return _query(ds, sql + "SELECT * FROM v ORDER BY ALL", params)
    if stage_lists:
        # Without a channel filter a selected journey's touchpoints in a stage are all selected or none,
        # so the journeys per stage are the selected journeys' ``stages`` lists: no per-event distinct count.
        return _query(
            ds, sql + "SELECT stage, events, journeys FROM v "
            "JOIN (SELECT stage, count(*) AS journeys FROM (SELECT unnest(stages) AS stage FROM sel) GROUP BY stage) "
            "USING (stage) ORDER BY stage",
            params,
        )
    pairs = _pair_groups(ds, f, by, params)
    if pairs:
        # Journeys per stage and/or channel (and persona, a journey attribute) from the journeys'
        # stage × channel bits: no grouping of the touchpoints by journey (10M events, per channel:
        # 0.75 s -> 0.1 s).
        journey_by = ", ".join(f"j.{quote(b)}" if b not in ("stage", "channel") else f"g.{b}" for b in by)
        on = " AND ".join(f"v.{quote(b)} IS NOT DISTINCT FROM n.{quote(b)}" for b in by)
        return _query(
            ds, sql + f", g AS ({pairs}), "
            f"n AS (SELECT {journey_by}, count(*) AS journeys FROM sel j JOIN g "
            "ON (j.stage_channel_mask & g.bits) <> 0 GROUP BY ALL) "
            f"SELECT v.*, coalesce(n.journeys, 0) AS journeys FROM v LEFT JOIN n ON {on} ORDER BY ALL",
            params,
        )
    # Two grouping steps instead of count(DISTINCT journey_id): about five times faster in DuckDB.
    return _query(
        ds, sql + f"SELECT {groups}, sum(n)::BIGINT AS events, count(*) AS journeys "
        f"FROM (SELECT {groups}, journey_id, count(*) AS n FROM tp GROUP BY ALL) GROUP BY ALL ORDER BY ALL",
        params,
    )


def _pair_groups(ds: Dataset, f: Filters, by: Sequence[str], params: dict) -> str | None:
    """A SELECT of the stage and/or channel groups of ``by`` with ``bits``: the stage × channel pairs
    (within the selection) whose touchpoints count for the group; None when ``by`` has neither, has
    a touchpoint attribute other than persona (the journey's), or the dataset has no bits."""
    pair_by = [b for b in by if b in ("stage", "channel")]
    if not ds.pair_bits or not pair_by or any(b not in ("stage", "channel", "persona") for b in by):
        return None
    stages = [s for s in dict.fromkeys(s for s, _ in ds.pair_bits) if not f.stage or s in f.stage]
    channels = [c for c in dict.fromkeys(c for _, c in ds.pair_bits) if not f.channel or c in f.channel]
    groups: dict[tuple[str | None, str | None], int] = {}
    for s in stages:
        for c in channels:
            key = (s if "stage" in pair_by else None, c if "channel" in pair_by else None)
            groups[key] = groups.get(key, 0) | 1 << ds.pair_bits[(s, c)]
    params["g_stage"] = [k[0] for k in groups]
    params["g_channel"] = [k[1] for k in groups]
    params["g_bits"] = [str(b) for b in groups.values()]
    return ("SELECT unnest(CAST($g_stage AS VARCHAR[])) AS stage, unnest(CAST($g_channel AS VARCHAR[])) AS channel, "
            "unnest(CAST($g_bits AS UBIGINT[])) AS bits")


def journey_counts(ds: Dataset, f: Filters, value: str = "nps", by: Sequence[str] = ()) -> pl.DataFrame:
    """How many selected journeys have each ``value`` (a journey fact such as nps), per ``by`` group.

    ``by`` may name journey facts, dims, a period (bucketing the first touchpoint), ``channel``
    (journeys that touched the channel; a journey counts once per channel it touched) or
    ``stage`` (journeys that reached the stage). Journeys with a null ``value`` are not counted.
    """
    _check([value], _journey_columns(ds))
    _check(by, _journey_columns(ds) + PERIODS + ("channel", "stage"))
    sql, params, source, groups = _journeys_by(ds, f, by)
    return _query(
        ds, sql + f"SELECT {''.join(g + ', ' for g in groups)}{quote(value)}, count(*) AS n FROM {source} "
        f"WHERE {quote(value)} IS NOT NULL GROUP BY ALL ORDER BY ALL",
        params,
    )


def journey_totals(ds: Dataset, f: Filters, by: Sequence[str]) -> pl.DataFrame:
    """How many journeys are selected per ``by`` group (groups as in ``journey_counts``): ``by``..., journeys."""
    _check(by, _journey_columns(ds) + PERIODS + ("channel", "stage"))
    sql, params, source, groups = _journeys_by(ds, f, by)
    return _query(
        ds, sql + f"SELECT {''.join(g + ', ' for g in groups)}count(*) AS journeys FROM {source} "
        "GROUP BY ALL ORDER BY ALL",
        params,
    )


def _journeys_by(ds: Dataset, f: Filters, by: Sequence[str]) -> tuple[str, dict, str, list[str]]:
    """The selection's SQL and parameters, the relation to group (a journey once per channel it touched or stage it
    reached when ``by`` names them) and the group expressions of ``by``."""
    sql, params = _with(ds, f)
    source = "sel"
    if "channel" in by:
        source = f"(SELECT *, unnest(channel_list) AS channel FROM {source})"
    if "stage" in by:
        source = f"(SELECT *, unnest(stages) AS stage FROM {source})"
    return sql, params, source, [_group_expr(b, "first_ts") for b in by]


def customers(ds: Dataset, f: Filters, by: Sequence[str] = ()) -> pl.DataFrame:
    """Distinct customers (``customer_id``, which is the journey's id when the data has no customer column) of the
    selected journeys, per ``by`` group: ``by``..., ``customers``.

    ``by`` as in ``journey_counts``: journey facts, dims, a period of the first touchpoint, ``channel`` (customers
    with a journey that touched it) or ``stage`` (customers with a journey that reached it).
    """
    _check(by, _journey_columns(ds) + PERIODS + ("channel", "stage"))
    sql, params, source, groups = _journeys_by(ds, f, by)
    return _query(
        ds, sql + f"SELECT {''.join(g + ', ' for g in groups)}count(DISTINCT customer_id) AS customers "
        f"FROM {source}{' GROUP BY ALL ORDER BY ALL' if by else ''}",
        params,
    )


def touchpoint_customers(ds: Dataset, f: Filters, by: Sequence[str]) -> pl.DataFrame:
    """Distinct customers of the selected touchpoints per ``by`` group (touchpoint columns): ``by``..., customers."""
    _check(by, _touchpoint_columns(ds))
    sql, params = _with(ds, f)
    groups = "".join(quote(b) + ", " for b in by)
    return _query(ds, sql + f"SELECT {groups}count(DISTINCT customer_id) AS customers FROM tp GROUP BY ALL ORDER BY ALL",
                  params)


def transition_customers(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Distinct customers of the selected journeys with each channel handoff: from_channel, to_channel, customers."""
    sql, params = _with(ds, f)
    params["transitions"] = ds.transitions_path
    return _query(
        ds, sql + "SELECT t.from_channel, t.to_channel, count(DISTINCT s.customer_id) AS customers "
        "FROM read_parquet($transitions) t JOIN sel s USING (journey_id) GROUP BY ALL ORDER BY ALL",
        params,
    )


def transitions(ds: Dataset, f: Filters) -> pl.DataFrame:
    """Channel handoffs (from_channel → to_channel) counted over the selected journeys."""
    sql, params = _with(ds, f)
    params["transitions"] = ds.transitions_path
    selected = "true" if f.is_empty() else "journey_id IN (SELECT journey_id FROM sel)"
    return _query(
        ds, sql + "SELECT from_channel, to_channel, sum(count)::BIGINT AS count FROM read_parquet($transitions) "
        f"WHERE {selected} GROUP BY ALL ORDER BY count DESC, from_channel, to_channel",
        params,
    )


def filter_options(ds: Dataset, f: Filters | None = None) -> dict[str, list]:
    """Values each filter can take: persona, channel, stage (in stage order), each dim; and the date span. With a
    scope on ``f`` (its selection is ignored), only the values and dates that occur within that scope. Memoised per
    dataset version (the executive summary's period windows ask on every filter change)."""
    if f is not None and f.scope:
        return _scoped_options(ds, Filters().within(f.scope))
    out: dict[str, list] = {"stage": list(ds.stage_order)}
    channels = _query(ds, "SELECT DISTINCT channel FROM read_parquet($events) ORDER BY 1", {"events": ds.events_path})
    out["channel"] = channels["channel"].to_list()
    for col in ("persona",) + ds.dims:
        values = _query(
            ds, f"SELECT DISTINCT {quote(col)} AS v FROM {ds.journeys_sql()} WHERE {quote(col)} IS NOT NULL ORDER BY 1",
            ds.bind({"journeys": ds.journeys_path}),
        )
        out[col] = values["v"].to_list()
    span = _query(ds, "SELECT min(first_ts)::DATE AS lo, max(first_ts)::DATE AS hi FROM read_parquet($journeys)",
                  {"journeys": ds.journeys_path}).row(0)
    out["dates"] = [span[0] or dt.date.today(), span[1] or dt.date.today()]
    return out


def _scoped_options(ds: Dataset, f: Filters) -> dict[str, list]:
    """filter_options within ``f`` (a scope alone): the channels of its touchpoints, the persona and dim values of
    its journeys, their date span; every stage (the stage order)."""
    sql, params = _with(ds, f)
    out: dict[str, list] = {"stage": list(ds.stage_order)}
    out["channel"] = _query(ds, sql + "SELECT DISTINCT channel AS v FROM tp ORDER BY 1", params)["v"].to_list()
    for col in ("persona",) + ds.dims:
        values = _query(ds, sql + f"SELECT DISTINCT {quote(col)} AS v FROM sel WHERE {quote(col)} IS NOT NULL "
                        "ORDER BY 1", dict(params))
        out[col] = values["v"].to_list()
    span = _query(ds, sql + "SELECT min(first_ts)::DATE AS lo, max(first_ts)::DATE AS hi FROM sel", params).row(0)
    out["dates"] = [span[0] or dt.date.today(), span[1] or dt.date.today()]
    return out


def quarantine(ds: Dataset, limit: int | None = None) -> pl.DataFrame:
    """Events left out as invalid: file, row number (row 2 is a file's first, as in ingest), reason."""
    sql = "SELECT * FROM read_parquet($q) ORDER BY file, row_number"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return db.query(sql, {"q": ds.quarantine_path})


def detractor_journeys(ds: Dataset, f: Filters) -> pl.DataFrame:
    """The selected journeys whose NPS answer is 0–6, for the follow-up list (metrics/executive.detractors).

    Returns journey_id, customer_id, score (the answer), date (of the last touchpoint), last_stage,
    last_channel (of the last touchpoint in journey order), worst_stage (the stage with the lowest mean
    satisfaction over the journey's rated touchpoints, ties broken by the stage order, stages outside it last; null
    without ratings) and comment (the journey's comments in journey order joined by " / "; null without any), newest
    date first, then by journey_id. All touchpoints of a selected journey count, as for the NPS answer, which is
    about the whole journey. The worst stage is taken in the query: a list of every journey's stage ratings held
    half a GB more at 10M events (479k detractors).

    The last stage and channel are the last steps of the journey facts' paths (the journey's stages and channels in
    journey order, consecutive repeats collapsed: the last one is the last touchpoint's). The worst stage and the
    comments are read from the late facts once they are written (its stages' mean ratings in journey_stages.parquet,
    its comments in comments.parquet: files a tenth of the events, filtered on the journey's answer and on its
    copies of the journey's period and persona, ``pushed_conditions``); before that from the events and the source
    (the same rows). At 10M events a persona's list took 0.55 s with a semi-join on the detractors for every part.
    """
    raw = "comment" in ds.has
    from_facts = _detractor_facts(ds)
    sql, params = _with(ds, f, raw=raw and not from_facts)
    if from_facts:
        params["stages"] = facts_file(ds, "journey_stages.parquet")
        if raw:  # data without comments has no comments file to name (DuckDB refuses a parameter left unused)
            params["comments"] = facts_file(ds, COMMENTS)
        rated = " AND ".join(["s.journey_nps <= 6", "s.mean_satisfaction IS NOT NULL",
                              *pushed_conditions(ds, f, "s", params)])
        ratings = (f"SELECT journey_id, {_WORST_STAGE} AS worst_stage "
                   f"FROM read_parquet($stages) s WHERE {rated} GROUP BY ALL")
        commented = " AND ".join(["c.journey_nps <= 6", *pushed_conditions(ds, f, "c", params, bits=False)])
        source = f"read_parquet($comments) c WHERE {commented} AND"
    else:
        params["events"] = ds.events_path
        ratings = (f"SELECT journey_id, {_WORST_STAGE} AS worst_stage "
                   "FROM (SELECT journey_id, CAST(stage AS VARCHAR) AS stage, avg(satisfaction) AS mean_satisfaction "
                   "FROM read_parquet($events) WHERE satisfaction IS NOT NULL "
                   "AND journey_id IN (SELECT journey_id FROM d) GROUP BY ALL) GROUP BY ALL")
        source = "src WHERE journey_id IN (SELECT journey_id FROM d) AND"
    comments = (f"SELECT journey_id, string_agg(comment, ' / ' ORDER BY timestamp, stage, channel, touchpoint) "
                f"AS comment FROM {source} comment IS NOT NULL AND trim(comment) <> '' GROUP BY ALL") if raw else \
        "SELECT NULL::VARCHAR AS journey_id, NULL::VARCHAR AS comment WHERE false"
    return _query(
        ds, sql + ", d AS (SELECT journey_id, customer_id, nps AS score, CAST(last_ts AS DATE) AS date, "
        "string_split(stage_path, chr(31))[-1] AS last_stage, string_split(channel_path, chr(31))[-1] AS last_channel "
        f"FROM sel WHERE nps <= 6), r AS ({ratings}), c AS ({comments}) "
        "SELECT d.journey_id, d.customer_id, CAST(d.score AS INTEGER) AS score, d.date, d.last_stage, d.last_channel, "
        "CAST(r.worst_stage AS VARCHAR) AS worst_stage, c.comment FROM d "
        "LEFT JOIN r USING (journey_id) LEFT JOIN c USING (journey_id) ORDER BY d.date DESC, d.journey_id",
        {**params, "stage_order": list(ds.stage_order), "after_order": len(ds.stage_order) + 1},
    )


# A journey's worst stage among its (stage, mean_satisfaction) rows: the lowest mean, ties by the stage order
# ($stage_order; a stage outside it after every one in it).
_WORST_STAGE = ("arg_min(stage, struct_pack(m := mean_satisfaction, "
                "o := coalesce(list_position($stage_order, CAST(stage AS VARCHAR)), $after_order)))")


def _detractor_facts(ds: Dataset) -> bool:
    """Whether the late facts the follow-up list reads are in place (written by this cxlens's pass, not held)."""
    return bool(ds.late) and all(ready.done(ds.facts_dir, output) for output in ("journey_stages", "comments"))


RATING_TARGETS = ("stage", "touchpoint", "channel")


def rating_days(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """Satisfaction ratings of the selected touchpoints per day of the touchpoint itself (not of its journey's
    start) and ``by`` value (stage, touchpoint or channel), for the impact of a change launched on a date.

    Returns date, ``by`` (as text), satisfaction, n (touchpoints giving that rating); unrated touchpoints are not
    counted.
    """
    _check([by], RATING_TARGETS)
    sql, params = _with(ds, f)
    column = quote(by)
    return _query(
        ds, sql + f"SELECT CAST(timestamp AS DATE) AS date, CAST({column} AS VARCHAR) AS {column}, satisfaction, "
        "count(*)::BIGINT AS n FROM tp WHERE satisfaction IS NOT NULL GROUP BY ALL ORDER BY ALL",
        params,
    )
