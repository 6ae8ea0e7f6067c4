"""Voice of the customer in the store: comments and their keywords beside the journey facts, and the queries over them.

Per data version, under the facts folder:
- ``comments.parquet`` (written by the facts pass): one row per valid event with a non-empty comment —
  journey_id, timestamp, stage, channel, touchpoint, satisfaction, ``text_id`` (the same number for the
  same text), comment, and the journey's ``journey_first_ts``, ``journey_persona`` and ``journey_nps`` (so
  period and persona filters are column predicates, as on events.parquet);
- ``tokens.parquet`` (the tokens step, once, on distinct texts only): text_id, keyword — each keyword of
  a text once (``metrics.text.keywords``);
- ``journey_keywords.parquet`` (same step): the distinct journey_id, keyword pairs, for the keyword filter.

Tokenising takes about a millisecond per distinct comment, so it is its own cached step rather than part
of the facts pass: ``ensure_tokens`` runs it in the calling thread (report.py), ``start_tokens`` in a
background thread whose progress ``tokens_job`` reports (the dashboard stays usable meanwhile).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

import settings
from ingest.schema import quote
from metrics.text import mask_expr
from store.facts import db
from store.facts.comments import COMMENTS, TOKENS, _path, ensure_tokens
from store.facts.dataset import Dataset
from store.filters import Filters, journey_conditions, touchpoint_conditions
from store.queries import _query as memoised
from store.queries import _with  # the selection's ``sel`` CTE, shared with every other query

# Columns a keyword count can be split by: touchpoint columns of the comment, and the journey's persona and
# NPS answer (``journey_nps``).
KEYWORD_GROUPS = ("stage", "channel", "touchpoint", "persona", "journey_nps")


# --- queries -----------------------------------------------------------------------------------------

def stopwords() -> list[str]:
    """The ``voc_stopwords`` setting: domain words left out of every keyword figure."""
    return [w.strip() for w in settings.get("voc_stopwords").split(",") if w.strip()]


def _query(ds: Dataset, sql: str, params: dict) -> pl.DataFrame:
    """store.queries' memo (per data version, SQL and parameters): the page asks for the same counts from
    several figures (the keyword table, associated words, the split)."""
    return memoised(ds, sql, params)


def _comments_cte(ds: Dataset, f: Filters) -> tuple[str, dict]:
    """The queries' CTEs plus ``com``: the comments on the selected touchpoints, with the journey's persona and
    NPS answer (``journey_nps``), and ``kw``: one row per (comment, keyword), stop words left out."""
    ensure_tokens(ds)
    sql, params = _with(ds, f)
    conds = touchpoint_conditions(f, "c", params)
    params.update({"comments": _path(ds, COMMENTS), "tokens": _path(ds, TOKENS), "stop": stopwords()})
    if f.dims or f.path_contains or getattr(ds, "personas_path", None):
        # conditions the comments do not carry (or a derived persona): the selected journeys themselves
        com = (f"SELECT c.* EXCLUDE (journey_persona, journey_nps), j.persona, j.nps AS journey_nps "
               f"FROM read_parquet($comments) c JOIN sel j USING (journey_id) WHERE {' AND '.join(conds) or 'true'}")
    else:
        # period and persona as column predicates on the comments' own copies (no join with the journeys)
        conds += journey_conditions(f, "c", ds.dims, params, prefix="journey_")
        if f.keyword:  # bound by queries._with: journeys whose comments mention a keyword
            conds.append("c.journey_id IN (SELECT journey_id FROM read_parquet($journey_keywords) "
                         "WHERE list_contains($keyword, keyword))")
        com = (f"SELECT c.* EXCLUDE (journey_persona), c.journey_persona AS persona FROM read_parquet($comments) c "
               f"WHERE {' AND '.join(conds) or 'true'}")
    sql += (f", com AS ({com}), "
            "kw AS (SELECT com.*, t.keyword FROM com JOIN read_parquet($tokens) t USING (text_id) "
            "WHERE NOT list_contains(CAST($stop AS VARCHAR[]), t.keyword)) ")
    return sql, params


def _groups(by: Sequence[str]) -> str:
    unknown = [b for b in by if b not in KEYWORD_GROUPS]
    if unknown:
        raise ValueError(f"unknown column(s) {unknown}; allowed: {list(KEYWORD_GROUPS)}")
    return "".join(quote(b) + ", " for b in by)


def comment_totals(ds: Dataset, f: Filters, by: Sequence[str] = ()) -> pl.DataFrame:
    """Non-empty comments on the selected touchpoints, per ``by`` group: ``by``..., comments."""
    groups = _groups(by)
    sql, params = _comments_cte(ds, f)
    return _query(ds, sql + f"SELECT {groups}count(*) AS comments FROM com" + (" GROUP BY ALL ORDER BY ALL" if by else ""),
                  params)


def keyword_counts(ds: Dataset, f: Filters, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per keyword (and ``by`` group): comments containing it, and the satisfaction ratings of those
    touchpoints (``ratings``, ``satisfaction_sum``). Returns ``by``..., keyword, comments, ratings,
    satisfaction_sum."""
    groups = _groups(by)
    sql, params = _comments_cte(ds, f)
    return _query(
        ds, sql + f"SELECT {groups}keyword, count(*) AS comments, count(satisfaction) AS ratings, "
        "coalesce(sum(satisfaction), 0) AS satisfaction_sum FROM kw GROUP BY ALL ORDER BY ALL", params)


def keyword_customers(ds: Dataset, f: Filters, by: Sequence[str] = ()) -> pl.DataFrame:
    """Per keyword (and ``by`` group): distinct customers of the selected journeys whose comments mention it.
    Returns ``by``..., keyword, customers."""
    _groups(by)
    groups = "".join(f"kw.{quote(b)}, " for b in by)
    sql, params = _comments_cte(ds, f)
    return _query(
        ds, sql + f"SELECT {groups}kw.keyword, count(DISTINCT s.customer_id) AS customers FROM kw "
        "JOIN sel s USING (journey_id) GROUP BY ALL ORDER BY ALL", params)


def verbatim_customers(ds: Dataset, f: Filters, keyword: str | None = None, search: str | None = None) -> int:
    """Distinct customers of the comments ``verbatims`` would list for ``keyword`` and ``search`` (every one, not
    only the newest; the search matched on the masked text, as there)."""
    sql, params = _comments_cte(ds, f)
    conds = ["true"]
    if keyword:
        params["chosen"] = keyword
        conds.append("text_id IN (SELECT text_id FROM read_parquet($tokens) WHERE keyword = $chosen)")
    if search:
        params["search"] = search.lower()
        conds.append("contains(lower(comment), $search)")
    found = db.query(sql + "SELECT s.customer_id, com.comment FROM com JOIN sel s USING (journey_id) "
                     f"WHERE {' AND '.join(conds)}", params)
    if search:
        found = found.with_columns(mask_expr("comment").alias("comment")).filter(
            pl.col("comment").str.to_lowercase().str.contains(search.lower(), literal=True))
    return found["customer_id"].n_unique()


def keyword_journey_nps(ds: Dataset, f: Filters) -> pl.DataFrame:
    """NPS answers of the journeys whose selected comments mention each keyword (a journey once per keyword):
    keyword, nps, n."""
    sql, params = _comments_cte(ds, f)
    return _query(
        ds, sql + "SELECT keyword, journey_nps AS nps, count(*) AS n FROM (SELECT DISTINCT journey_id, keyword, "
        "journey_nps FROM kw WHERE journey_nps IS NOT NULL) GROUP BY ALL ORDER BY ALL", params)


def cooccurrence(ds: Dataset, f: Filters, keyword: str) -> pl.DataFrame:
    """Comments that contain both ``keyword`` and each other keyword: keyword, both."""
    sql, params = _comments_cte(ds, f)
    params["chosen"] = keyword
    return _query(
        ds, sql + "SELECT keyword, count(*) AS both FROM kw WHERE text_id IN "
        "(SELECT text_id FROM read_parquet($tokens) WHERE keyword = $chosen) AND keyword <> $chosen "
        "GROUP BY ALL ORDER BY ALL", params)


VERBATIM_COLUMNS = ("timestamp", "comment", "stage", "channel", "touchpoint", "satisfaction", "journey_nps",
                    "persona", "journey_id")


# Newest first; equal times by journey, then by where and what was said (a stable order for the same data).
_NEWEST = "timestamp DESC, journey_id, stage, channel, touchpoint, comment"


def newest_detractor_quotes(ds: Dataset, f: Filters, by: str, picks: Sequence[tuple[str, str]]) -> pl.DataFrame:
    """For each (value of ``by``, keyword) in ``picks``: the newest selected comment of that group from a detractor
    journey (its NPS answer 0–6) that contains the keyword, masked — the first detractor row ``verbatims`` would give
    for that keyword and group, for every pick in one query (the overview's top complaints asked once per group).

    Returns ``by`` (as text), keyword, comment, timestamp, journey_id; a pick without such a comment has no row."""
    _groups([by])
    schema = {by: pl.String, "keyword": pl.String, "comment": pl.String, "timestamp": pl.Datetime("us"),
              "journey_id": pl.String}
    if not picks:
        return pl.DataFrame(schema=schema)
    sql, params = _comments_cte(ds, f)
    params.update(pick_values=[str(v) for v, _ in picks], pick_keywords=[str(k) for _, k in picks])
    column = quote(by)
    out = db.query(
        sql + ", picks AS (SELECT unnest(CAST($pick_values AS VARCHAR[])) AS pick_value, "
        "unnest(CAST($pick_keywords AS VARCHAR[])) AS pick_keyword) "
        f"SELECT p.pick_value AS {column}, p.pick_keyword AS keyword, com.comment, com.timestamp, com.journey_id "
        f"FROM com JOIN picks p ON CAST(com.{column} AS VARCHAR) = p.pick_value "
        "WHERE com.journey_nps <= 6 AND com.text_id IN (SELECT text_id FROM read_parquet($tokens) t "
        "WHERE t.keyword = p.pick_keyword) "
        "QUALIFY row_number() OVER (PARTITION BY p.pick_value, p.pick_keyword ORDER BY "
        + ", ".join("com." + part for part in _NEWEST.split(", ")) + ") = 1 ORDER BY ALL", params)
    return out.with_columns(mask_expr("comment").alias("comment")).select(list(schema))


def verbatims(ds: Dataset, f: Filters, keyword: str | None = None, search: str | None = None,
              limit: int = 500, group: tuple[str, str] | None = None) -> pl.DataFrame:
    """The selected comments themselves, newest first, masked (``metrics.text.mask``): VERBATIM_COLUMNS.

    ``keyword`` keeps comments containing it; ``search`` keeps comments whose masked text contains it
    (case-insensitive), so a search never finds a comment by the personal data it hides; ``group`` =
    (column of KEYWORD_GROUPS, value) keeps the comments of one stage, channel, touchpoint or persona.
    """
    sql, params = _comments_cte(ds, f)
    conds = ["true"]
    if group:
        _groups([group[0]])
        params["group_value"] = group[1]
        conds.append(f"{quote(group[0])} = $group_value")
    if keyword:
        params["chosen"] = keyword
        conds.append("text_id IN (SELECT text_id FROM read_parquet($tokens) WHERE keyword = $chosen)")
    if search:
        params["search"] = search.lower()
        conds.append("contains(lower(comment), $search)")
    out = db.query(
        sql + f"SELECT {', '.join(VERBATIM_COLUMNS)} FROM com WHERE {' AND '.join(conds)} "
        f"ORDER BY {_NEWEST} LIMIT {int(limit) * (2 if search else 1)}", params)
    out = out.with_columns(mask_expr("comment").alias("comment"))
    if search:
        out = out.filter(pl.col("comment").str.to_lowercase().str.contains(search.lower(), literal=True))
    return out.head(limit)
