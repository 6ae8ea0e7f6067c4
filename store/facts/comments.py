"""Comments and their keywords beside the journey facts, written once per data version: ``comments.parquet`` (by
the facts pass), ``tokens.parquet`` and ``journey_keywords.parquet`` (the tokens step, on distinct texts only;
``ensure_tokens`` in the calling thread, ``start_tokens`` in a background thread). ``store.voc`` reads them."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

import settings
from i18n import Message
from metrics.text import analyser_kept
from metrics.text import keywords as text_keywords
from store.facts import db, ready
from store.facts.dataset import Dataset
from store.facts.source import _source_select, _valid_sql

COMMENTS = "comments.parquet"
TOKENS = "tokens.parquet"
JOURNEY_KEYWORDS = "journey_keywords.parquet"
CHUNK_TEXTS = 2_000  # texts per tokeniser call: the progress moves and memory stays flat
Progress = Callable[[float, str], None]
COMMENT_SCHEMA = {"journey_id": pl.String, "timestamp": pl.Datetime("us"), "stage": pl.String, "channel": pl.String,
                  "touchpoint": pl.String, "satisfaction": pl.Float64, "text_id": pl.Int32, "comment": pl.String,
                  "journey_first_ts": pl.Datetime("us"), "journey_persona": pl.String, "journey_nps": pl.Int8}
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


def _ensure_comments(ds: Dataset, release_hold: bool = True) -> None:
    """Facts written by another engine (README, "Scale and remote data") may have no comments: extract them. Waits
    for the late facts pass writing them (store.facts.ready; ``release_hold``: see ``ready.wait``)."""
    ready.wait(ds.facts_dir, ds.late, "comments", release_hold=release_hold)
    if Path(_path(ds, COMMENTS)).exists():
        return
    tmp = db.owned_folder(ds.facts_dir, "comments")
    tmp.mkdir()
    try:
        if ds.files:
            write_comments(db.cursor(), _source_select(ds.columns, ds.dims, as_read=ds.as_read), {"files": list(ds.files)}, tmp,
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


def ensure_tokens(ds: Dataset, progress: Progress | None = None, after_first_page: bool = False) -> None:
    """Tokenise the version's distinct comments once (``metrics.text.keywords``) and write ``tokens.parquet``
    and ``journey_keywords.parquet``; ``progress(fraction, message)`` is called as chunks finish.

    Another thread already doing it is waited for, not repeated. A caller that needs the keywords now releases a
    late facts pass held for the first page (store.facts.ready); ``after_first_page`` (the overview's background
    step) waits for that release instead, so neither the comments nor the analyser compete with the first page.
    """
    step = progress or (lambda fraction, message: None)
    if not after_first_page and not tokens_ready(ds):
        ready.release(ds.facts_dir)  # a background step waiting for the release may hold the lock below
    if after_first_page and not tokens_ready(ds):
        # a background step lets the late pass end first, outside the lock (a page needing the keywords now takes
        # it and tokenises at once): the analyser's model (metrics.text.analyser_kept) beside the late windows
        # took a 10M-event process to 1.7 GB
        ready.wait(ds.facts_dir, ds.late, "comments", release_hold=False)
        ready.join(ds.facts_dir)
    with _lock(ds):
        if tokens_ready(ds):
            return
        _ensure_comments(ds, release_hold=not after_first_page)
        texts = db.query("SELECT DISTINCT text_id, comment FROM read_parquet($c) ORDER BY text_id",
                         {"c": _path(ds, COMMENTS)})
        max_chars = settings.get_int("voc_max_comment_chars")
        # a keyword step killed mid-way (a stopped server) left its folder behind: gone once its process is
        db.clear_dead_folders(ds.facts_dir, "tokens.tmp-*")
        db.clear_dead_folders(ds.facts_dir, "comments.tmp-*")
        tmp = db.owned_folder(ds.facts_dir, "tokens")
        tmp.mkdir()
        try:
            parts = []
            step(0.0, Message("progress_keywords", done=0, total=f"{texts.height:,}"))
            with analyser_kept():  # loaded for this step only
                for start in range(0, texts.height, CHUNK_TEXTS):
                    chunk = texts.slice(start, CHUNK_TEXTS)
                    parts.append(pl.DataFrame({"text_id": chunk["text_id"],
                                               "keyword": text_keywords(chunk["comment"].to_list(), max_chars)},
                                              schema={"text_id": pl.Int32, "keyword": pl.List(pl.String)}))
                    done = min(start + CHUNK_TEXTS, texts.height)
                    step(0.95 * done / texts.height,
                         Message("progress_keywords", done=f"{done:,}", total=f"{texts.height:,}"))
            tokens = (pl.concat(parts) if parts else pl.DataFrame(schema={"text_id": pl.Int32,
                                                                          "keyword": pl.List(pl.String)}))
            tokens.explode("keyword").drop_nulls().write_parquet(tmp / TOKENS, compression="zstd")
            db.execute(
                "COPY (SELECT DISTINCT c.journey_id, t.keyword FROM read_parquet($c) c "
                "JOIN read_parquet($t) t USING (text_id)) TO $out (FORMAT parquet, COMPRESSION zstd)",
                {"c": _path(ds, COMMENTS), "t": str(tmp / TOKENS), "out": str(tmp / JOURNEY_KEYWORDS)})
            (tmp / TOKENS).replace(_path(ds, TOKENS))
            (tmp / JOURNEY_KEYWORDS).replace(_path(ds, JOURNEY_KEYWORDS))  # last: it marks the step done
            step(1.0, Message("progress_keywords_ready"))
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


def start_tokens(ds: Dataset, after_first_page: bool = False) -> TokensJob:
    """``ensure_tokens`` in a background thread (at most one per data version); returns its job.
    ``after_first_page``: see ``ensure_tokens``; a later call without it (a page waiting for the keywords) releases
    the held pass the job waits for."""
    if not after_first_page:
        ready.release(ds.facts_dir)
    with _locks_guard:
        job = _jobs.get(ds.facts_dir)
        if job is not None and (job.running or job.error is None):
            return job
        job = TokensJob()

        def report(fraction: float, message: str) -> None:
            job.fraction, job.message = fraction, message

        def run() -> None:
            try:
                ensure_tokens(ds, report, after_first_page=after_first_page)
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


