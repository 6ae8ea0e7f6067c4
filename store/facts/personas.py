"""Derived personas in the store: customer features from the journey facts, and the assignment, once per version.

Both live beside the facts (``<facts_dir>/personas/``) so that a second request, a second page or a
second process on the same data version reads them instead of recomputing; a new data version has a
new facts folder, so nothing is reused across versions. The clustering itself is
``metrics.personas`` (pure); this module only computes its input and stores its output.

A dataset "viewed through" an assignment (``with_personas``) is the same Dataset whose ``persona``
(of journeys and of events) is the derived one: every query, filter, split and export then treats
the derived persona exactly like the data's own column.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import threading
import uuid
from pathlib import Path

import duckdb
import polars as pl

from ingest.schema import quote
from store.facts import db, ready
from store.facts.dataset import Dataset

FEATURES_FORMAT = "2"  # bump when a feature's definition changes
MAX_CHANNELS = 12      # channels with most touchpoints get a share feature; the rest are left out
MAX_STAGES = 12
# Journeys per part of the features' query: a per-customer median holds a state per customer, and over 6.95M journeys
# (3.7M customers, 50M events) the one query ran out of the memory limit (1 GB). Split by a hash of the customer id,
# each part is the same query over its customers alone; a customer's features come from one part.
_JOURNEYS_PER_PART = 1_500_000
_RETRIES = 3  # out of memory: four times as many parts, at most this many times
_lock = threading.Lock()

# Scalar features: name -> SQL over the customer's journeys (alias j) aggregated per customer.
# Their one-line definitions are in README ("Derived personas") and metrics.personas.FEATURE_HELP.
_SCALARS = {
    "journeys": "count(*)",
    "touchpoints_per_journey": "avg(j.events)",
    "median_journey_hours": "median(j.duration_hours)",
    # mean hours between consecutive touchpoints of a journey: total duration / number of gaps
    "gap_hours": "sum(j.duration_hours) / nullif(sum(j.events - 1), 0)",
    "handoffs_per_journey": "avg(j.handoffs)",
    "nps": "avg(j.nps)",
}


# The same definitions in Spark SQL (store/spark_job.py); tests/store/test_spark.py holds the two equal.
SCALARS_SPARK = {
    "journeys": "CAST(count(*) AS DOUBLE)",
    "touchpoints_per_journey": "avg(j.events)",
    "median_journey_hours": "median(j.duration_hours)",
    "gap_hours": "sum(j.duration_hours) / nullif(sum(j.events - 1), 0)",
    "handoffs_per_journey": "avg(j.handoffs)",
    "nps": "avg(j.nps)",
}


def _folder(ds: Dataset) -> Path:
    return Path(ds.facts_dir) / "personas"


def features_path(ds: Dataset) -> Path:
    return _folder(ds) / f"features-{FEATURES_FORMAT}.parquet"


def _write_atomic(frame: pl.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    frame.write_parquet(tmp)
    os.replace(tmp, path)  # a reader sees the old file or the whole new one


def _channels(ds: Dataset) -> list[str]:
    return db.query(
        "SELECT channel FROM read_parquet($ev) WHERE channel IS NOT NULL GROUP BY channel "
        "ORDER BY count(*) DESC, channel LIMIT $n",
        {"ev": ds.events_path, "n": MAX_CHANNELS},
    )["channel"].to_list()


def _compute_features(ds: Dataset) -> pl.DataFrame:
    """One row per customer (``customer_id``; the journey id where the data has none) and one column per feature,
    unstandardised; see README "Derived personas" for every definition."""
    stages = list(ds.stage_order[:MAX_STAGES])
    late = stages[-2:]  # the last stage types of the order (e.g. inquiry, reuse): their share of touchpoints
    channels = _channels(ds)
    params: dict = {"journeys": ds.journeys_path, "ev": ds.events_path}
    journey_cols = [f"{sql} AS s{i}" for i, sql in enumerate(_SCALARS.values())]
    for i, stage in enumerate(stages):
        params[f"st{i}"] = stage
        journey_cols.append(f"avg(CAST(list_contains(j.stages, $st{i}) AS DOUBLE)) AS r{i}")
    event_cols = ["count(*) FILTER (WHERE e.satisfaction IS NOT NULL) / count(*) AS rated"]
    for i, channel in enumerate(channels):
        params[f"ch{i}"] = channel
        event_cols.append(f"count(*) FILTER (WHERE e.channel = $ch{i}) / count(*) AS c{i}")
    for i, stage in enumerate(late):
        params[f"late{i}"] = stage
        event_cols.append(f"count(*) FILTER (WHERE e.stage = $late{i}) / count(*) AS l{i}")
    dims = [d for d in ds.dims]
    dim_cols = "".join(f", arg_max(j.{_q(d)}, j.first_ts) AS d{i}" for i, d in enumerate(dims))
    journeys = db.query("SELECT count(*) AS n FROM read_parquet($journeys)", {"journeys": ds.journeys_path})["n"][0]
    parts = max(1, math.ceil(journeys / _JOURNEYS_PER_PART))
    sql = f"""
        WITH per_journey AS (
            SELECT j.customer_id, {', '.join(journey_cols)}{dim_cols}
            FROM read_parquet($journeys) j WHERE {{part}} GROUP BY j.customer_id
        ), per_event AS (
            SELECT e.customer_id, {', '.join(event_cols)}
            FROM read_parquet($ev) e WHERE {{part}} GROUP BY e.customer_id
        )
        SELECT * FROM per_journey JOIN per_event USING (customer_id) ORDER BY customer_id"""
    raw = _in_parts(sql, params, parts)
    names = {f"s{i}": name for i, name in enumerate(_SCALARS)}
    names |= {f"r{i}": f"reach:{s}" for i, s in enumerate(stages)}
    names |= {"rated": "rated_share"}
    names |= {f"c{i}": f"channel:{c}" for i, c in enumerate(channels)}
    names |= {f"l{i}": f"touch:{s}" for i, s in enumerate(late)}
    names |= {f"d{i}": f"attribute:{d}" for i, d in enumerate(dims)}
    out = raw.rename(names)
    numeric = [c for c in out.columns if c != "customer_id" and not c.startswith("attribute:")]
    return out.with_columns(pl.col(numeric).cast(pl.Float64))


def _in_parts(sql: str, params: dict, parts: int) -> pl.DataFrame:
    """The features' query (``{part}`` in its conditions) over ``parts`` parts of the customers, in customer order.

    Out of memory (the late pass shares the process's limit with report.py's or a page's queries: at 50M events
    report.py's run left the features unwritten), the query is taken again in four times as many parts, at most
    three times."""
    for retry in range(_RETRIES + 1):
        try:
            if parts == 1:
                return db.query(sql.replace("{part}", "true"), params)
            # the customers' rows come back in customer order, as from the one query
            return pl.concat([db.query(sql.replace("{part}", f"hash(customer_id) % $parts = {part}"),
                                       {**params, "parts": parts}) for part in range(parts)]
                             ).sort("customer_id", nulls_last=True)
        except duckdb.OutOfMemoryException:
            if retry == _RETRIES:
                raise
            parts *= 4
    raise AssertionError("unreachable")


def _q(name: str) -> str:

    return quote(name)


def customer_features(ds: Dataset) -> pl.DataFrame:
    """The customer features of ``ds``'s data version, stored beside the facts: by the late facts pass (waited for,
    store.facts.ready), else computed on first use."""
    ready.wait(ds.facts_dir, ds.late, "customer_features")
    return pl.read_parquet(write_customer_features(ds))


def write_customer_features(ds: Dataset) -> Path:
    """Compute and store the customer features of ``ds``'s data version unless they are stored; returns their file."""
    path = features_path(ds)
    with _lock:
        if not path.exists():
            _write_atomic(_compute_features(ds), path)
    return path


def assignment_key(method: str, k: int | None, features: list[str]) -> str:
    """A short name for one clustering setting: method, k (None = auto) and the feature list."""
    text = json.dumps([FEATURES_FORMAT, method, k, sorted(features)], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def stored(ds: Dataset, key: str, name: str) -> Path:
    """Path of a stored result ``name`` (e.g. ``assignment``, ``labels-en``) of clustering setting ``key``."""
    return _folder(ds) / f"{key}-{name}.parquet"


def read(path: Path) -> pl.DataFrame | None:
    return pl.read_parquet(path) if path.exists() else None


def write(frame: pl.DataFrame, path: Path) -> None:
    _write_atomic(frame, path)


def read_model(ds: Dataset, key: str) -> dict | None:
    """The stored description of clustering setting ``key`` (k, method, criterion, scores, features,
    representatives), or None."""
    path = _folder(ds) / f"{key}-model.json"
    return json.loads(path.read_text()) if path.exists() else None


def write_model(ds: Dataset, key: str, model: dict) -> None:
    path = _folder(ds) / f"{key}-model.json"
    tmp = path.with_name(f"{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    tmp.write_text(json.dumps(model, ensure_ascii=False))
    os.replace(tmp, path)


def with_personas(ds: Dataset, key: str, labels: list[str], lang: str) -> Dataset:
    """``ds`` whose persona is the derived one of clustering setting ``key`` (its stored assignment), shown as
    ``labels`` (label of cluster 0, 1, …).

    The first time per setting, copies of the events and journey facts are written with each customer's cluster
    code in place of the persona (a tiny integer: queries then read a label off ``labels`` instead of joining
    18M events to 1M customers on every filter change). The view has its own version (``<version>~<key>-<lang>``),
    so every cache keyed by version keeps it apart.
    """
    prefix = str(_folder(ds) / key)
    assignment = str(stored(ds, key, "assignment"))
    for name, columns in (("events", "persona, journey_persona"), ("journeys", "persona")):
        path = Path(f"{prefix}-{name}.parquet")
        with _lock:
            if path.exists():
                continue
            source = ds.events_path if name == "events" else ds.journeys_path
            replaced = ", ".join(f"CAST(p.cluster AS SMALLINT) AS {c.strip()}" for c in columns.split(","))
            tmp = path.with_name(f"{path.name}.tmp-{uuid.uuid4().hex[:8]}")
            db.execute(f"COPY (SELECT x.* REPLACE ({replaced}) FROM read_parquet($src) x "
                       "LEFT JOIN read_parquet($assignment) p USING (customer_id)) TO $out (FORMAT parquet, COMPRESSION snappy)",
                       {"src": source, "assignment": assignment, "out": str(tmp)})
            os.replace(tmp, path)
    return dataclasses.replace(ds, version=f"{ds.version}~{key}-{lang}", derived=prefix,
                               persona_labels=tuple(labels), persona_assignment=assignment)


def assignment(view: Dataset) -> pl.DataFrame:
    """customer_id, persona (label) of every customer of a derived view, sorted by customer_id."""
    return db.query("SELECT customer_id, list_extract(CAST($persona_labels AS VARCHAR[]), cluster + 1) AS persona "
                    "FROM read_parquet($assignment) ORDER BY customer_id",
                    view.bind({"assignment": view.persona_assignment}))
