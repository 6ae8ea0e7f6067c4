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

import shutil
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

import settings
from metrics.text import keywords as text_keywords
from metrics.text import mask_expr
from store import db
from store.dataset import Dataset
from store.filters import Filters, journey_conditions, touchpoint_conditions
from store.schema import quote
from store.source import _source_select, _valid_sql

COMMENTS = "comments.parquet"
TOKENS = "tokens.parquet"
JOURNEY_KEYWORDS = "journey_keywords.parquet"
CHUNK_TEXTS = 2_000  # texts per tokeniser call: the progress moves and memory stays flat
Progress = Callable[[float, str], None]
COMMENT_SCHEMA = {"journey_id": pl.String, "timestamp": pl.Datetime("us"), "stage": pl.String, "channel": pl.String,
                  "touchpoint": pl.String, "satisfaction": pl.Float64, "text_id": pl.Int32, "comment": pl.String,
                  "journey_first_ts": pl.Datetime("us"), "journey_persona": pl.String, "journey_nps": pl.Int8}
# Columns a keyword count can be split by: touchpoint columns of the comment, and the journey's persona and
# NPS answer (``journey_nps``).
KEYWORD_GROUPS = ("stage", "channel", "touchpoint", "persona", "journey_nps")


# --- written once per data version -------------------------------------------------------------------

def comments_sql(raw: str) -> str:
    """The comments of the valid events of ``raw`` (a canonical SELECT), oldest first, with their text_id."""
    return f"""
        SELECT journey_id, timestamp, CAST(stage AS VARCHAR) AS stage, CAST(channel AS VARCHAR) AS channel,
               CAST(touchpoint AS VARCHAR) AS touchpoint, satisfaction,
               CAST(dense_rank() OVER (ORDER BY comment) AS INTEGER) AS text_id, comment
        FROM ({raw}) WHERE {_valid_sql()} AND comment IS NOT NULL AND trim(comment) <> ''
        ORDER BY timestamp, journey_id"""


def write_comments(cur, raw: str, params: dict, out_dir: Path, journeys: str | None = None) -> None:
    """Write ``comments.parquet`` into ``out_dir`` with each comment's journey first_ts, persona and NPS answer from
    ``journeys`` (default: the journey facts in ``out_dir``). The facts pass calls this; so does a late first use."""
    cur.sql(
        f"""COPY (
            SELECT c.*, j.first_ts AS journey_first_ts, CAST(j.persona AS VARCHAR) AS journey_persona,
                   j.nps AS journey_nps
            FROM ({comments_sql(raw)}) c JOIN read_parquet($journeys) j USING (journey_id)
            ORDER BY c.timestamp, c.journey_id
        ) TO $out (FORMAT parquet, COMPRESSION zstd)""",
        params={**params, "out": str(Path(out_dir) / COMMENTS),
                "journeys": journeys or str(Path(out_dir) / "journeys.parquet")})


def _path(ds: Dataset, name: str) -> str:
    return str(Path(ds.facts_dir) / name)


def comments_path(ds: Dataset) -> str:
    """The comments facts of ``ds`` (extracted first when the facts have none)."""
    _ensure_comments(ds)
    return _path(ds, COMMENTS)


def _ensure_comments(ds: Dataset) -> None:
    """Facts written by another engine (README, "Scale and remote data") may have no comments: extract them."""
    if Path(_path(ds, COMMENTS)).exists():
        return
    tmp = Path(ds.facts_dir) / f"comments.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        if ds.files:
            write_comments(db.cursor(), _source_select(ds.columns, ds.dims), {"files": list(ds.files)}, tmp,
                           ds.journeys_path)
        else:  # facts without their source: no comments to read
            pl.DataFrame(schema=COMMENT_SCHEMA).write_parquet(tmp / COMMENTS)
        (tmp / COMMENTS).replace(_path(ds, COMMENTS))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def tokens_ready(ds: Dataset) -> bool:
    """Whether the keywords of this data version's comments are on disk."""
    return Path(_path(ds, JOURNEY_KEYWORDS)).exists()


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock(ds: Dataset) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(ds.facts_dir, threading.Lock())


def ensure_tokens(ds: Dataset, progress: Progress | None = None) -> None:
    """Tokenise the version's distinct comments once (``metrics.text.keywords``) and write ``tokens.parquet``
    and ``journey_keywords.parquet``; ``progress(fraction, message)`` is called as chunks finish.

    Another thread already doing it is waited for, not repeated.
    """
    step = progress or (lambda fraction, message: None)
    with _lock(ds):
        if tokens_ready(ds):
            return
        _ensure_comments(ds)
        texts = db.query("SELECT DISTINCT text_id, comment FROM read_parquet($c) ORDER BY text_id",
                         {"c": _path(ds, COMMENTS)})
        tmp = Path(ds.facts_dir) / f"tokens.tmp-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        try:
            parts = []
            step(0.0, "Finding the keywords of the comments")
            for start in range(0, texts.height, CHUNK_TEXTS):
                chunk = texts.slice(start, CHUNK_TEXTS)
                parts.append(pl.DataFrame({"text_id": chunk["text_id"],
                                           "keyword": text_keywords(chunk["comment"].to_list())},
                                          schema={"text_id": pl.Int32, "keyword": pl.List(pl.String)}))
                done = min(start + CHUNK_TEXTS, texts.height)
                step(0.95 * done / texts.height, f"Finding the keywords of the comments ({done:,} of {texts.height:,})")
            tokens = (pl.concat(parts) if parts else pl.DataFrame(schema={"text_id": pl.Int32,
                                                                          "keyword": pl.List(pl.String)}))
            tokens.explode("keyword").drop_nulls().write_parquet(tmp / TOKENS, compression="zstd")
            db.execute(
                "COPY (SELECT DISTINCT c.journey_id, t.keyword FROM read_parquet($c) c "
                "JOIN read_parquet($t) t USING (text_id)) TO $out (FORMAT parquet, COMPRESSION zstd)",
                {"c": _path(ds, COMMENTS), "t": str(tmp / TOKENS), "out": str(tmp / JOURNEY_KEYWORDS)})
            (tmp / TOKENS).replace(_path(ds, TOKENS))
            (tmp / JOURNEY_KEYWORDS).replace(_path(ds, JOURNEY_KEYWORDS))  # last: it marks the step done
            step(1.0, "Keywords ready")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class TokensJob:
    """A background tokens step: how far it is, and its error if it failed."""

    fraction: float = 0.0
    message: str = ""
    error: str | None = None
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()


_jobs: dict[str, TokensJob] = {}


def start_tokens(ds: Dataset) -> TokensJob:
    """``ensure_tokens`` in a background thread (at most one per data version); returns its job."""
    with _locks_guard:
        job = _jobs.get(ds.facts_dir)
        if job is not None and (job.running or job.error is None):
            return job
        job = TokensJob()

        def report(fraction: float, message: str) -> None:
            job.fraction, job.message = fraction, message

        def run() -> None:
            try:
                ensure_tokens(ds, report)
            except Exception as exc:  # shown by the page; the thread must not die silently
                job.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"

        job.thread = threading.Thread(target=run, name="cxlens-tokens", daemon=True)
        _jobs[ds.facts_dir] = job
        job.thread.start()
        return job


def wait_for_jobs(under: str | Path, timeout: float = 60.0) -> None:
    """Wait for the background tokens steps writing below ``under`` (a session's upload directory about to be
    removed): removing a folder while a step still writes into it would leave the step's files behind."""
    prefix = str(Path(under))
    with _locks_guard:
        jobs = [job for facts_dir, job in _jobs.items() if facts_dir.startswith(prefix)]
    for job in jobs:
        if job.thread is not None:
            job.thread.join(timeout)


def journey_keywords_path(ds: Dataset) -> str:
    """The journey-keyword pairs of the keyword filter (tokenising first when needed)."""
    ensure_tokens(ds)
    return _path(ds, JOURNEY_KEYWORDS)


# --- queries -----------------------------------------------------------------------------------------

def stopwords() -> list[str]:
    """The ``voc_stopwords`` setting: domain words left out of every keyword figure."""
    return [w.strip() for w in settings.get("voc_stopwords").split(",") if w.strip()]


def _query(ds: Dataset, sql: str, params: dict) -> pl.DataFrame:
    """store.queries' memo (per data version, SQL and parameters): the page asks for the same counts from
    several figures (the keyword table, associated words, the split)."""
    from store.queries import _query as memoised

    return memoised(ds, sql, params)


def _comments_cte(ds: Dataset, f: Filters) -> tuple[str, dict]:
    """The queries' CTEs plus ``com``: the comments on the selected touchpoints, with the journey's persona and
    NPS answer (``journey_nps``), and ``kw``: one row per (comment, keyword), stop words left out."""
    from store.queries import _with  # the selection's ``sel`` CTE, shared with every other query

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
        f"ORDER BY timestamp DESC, journey_id LIMIT {int(limit) * (2 if search else 1)}", params)
    out = out.with_columns(mask_expr("comment").alias("comment"))
    if search:
        out = out.filter(pl.col("comment").str.to_lowercase().str.contains(search.lower(), literal=True))
    return out.head(limit)
