"""The facts pass on Spark: the same facts directory ``store.dataset`` writes with DuckDB, for data beyond one machine.

Run it three ways: ``report.py DATA --engine spark`` (local ``local[*]``, or ``--spark-master``), from Python
(``run(spark, source, out_dir)``), or as a job file on a cluster::

    spark-submit --master yarn store/spark_job.py s3a://cx/events/ s3a://cx/facts/2026-11-30/

Each fact has one definition: the validity rules are the store's own SQL (``_invalid_reason_sql``), the
journey order, journey facts, transitions, stage positions and paths follow ``store.dataset`` and
``store.paths`` column for column, and ``tests/store/test_spark.py`` holds every output equal to the
DuckDB pass's on data with equal timestamps, missing values and invalid rows. Each output is a Parquet
dataset (a directory of part files, which DuckDB reads as one table) named as the DuckDB pass names
its files, so ``store.dataset.open_facts`` and the dashboard read either.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import uuid
from pathlib import Path

import settings
from errors import DataError
from ingest.schema import BY_NAME, CANONICAL, FACTS_FORMAT, choose_dimensions, column_names
from metrics.text import keywords
from store.facts import cube, db, journey_stages, personas
from store.facts.cache import open_dataset
from store.facts.comments import JOURNEY_KEYWORDS, TOKENS
from store.facts.dataset import fingerprint, resolve
from store.facts.journey_steps import MAX_MAP_TOUCHPOINTS, TOUCHPOINT_STEPS
from store.facts.source import _check_types, _describe, _invalid_reason_sql

# The DuckDB types of store.schema as Spark SQL types (TIMESTAMP is wall-clock time: no time zone).
_SPARK_TYPES = {"VARCHAR": "STRING", "TIMESTAMP": "TIMESTAMP_NTZ", "DOUBLE": "DOUBLE"}
ORDER = ("timestamp", "stage", "channel", "touchpoint", "nps")  # journey order, as store.dataset's window
SPARK_CONF = {
    "spark.ui.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    "spark.sql.ansi.enabled": "false",  # a value that cannot be cast is NULL (quarantined), as in DuckDB's pass
}


def session(master: str | None = None, app_name: str = "cxlens-facts"):
    """A Spark session for the pass: ``master`` (default ``$SPARK_MASTER``, else ``local[*]``), UI off, UTC,
    wall-clock timestamps. Nothing is fetched: no packages, no Ivy."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local workers run this interpreter (pyarrow, pandas)
    # ... and import cxlens's own modules (metrics.text on the workers; on a cluster: --py-files cxlens.zip)
    root = str(Path(__file__).resolve().parents[1])
    if root not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name).master(master or os.environ.get("SPARK_MASTER") or "local[*]")
    for key, value in SPARK_CONF.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def open_with_spark(source: str, name: str | None = None, master: str | None = None):
    """``store.open_dataset(source)`` with its facts computed by the Spark pass (unless Spark already wrote this
    version's facts): written under the cache directory's version folder, where the dashboard looks for them."""

    files = resolve(source)
    _check_types(_describe(files))
    facts_dir = db.writable(Path(settings.get("cache_dir")), fingerprint(files))
    written_by = None
    if (facts_dir / "meta.parquet").exists():
        written_by = db.query("SELECT engine FROM read_parquet($p)", {"p": str(facts_dir / "meta.parquet")})
        written_by = written_by["engine"][0] if "engine" in written_by.columns else None
    if written_by != "spark":
        tmp = facts_dir.with_name(f"{facts_dir.name}.tmp-{uuid.uuid4().hex[:8]}-{os.getpid()}@{socket.gethostname()}")
        # A directory or glob is read by Spark itself (hive partitions become columns); a file as it is.
        spark_source = source if (Path(source).is_dir() or any(ch in source for ch in "*?[")) else files[0]
        try:
            spark = session(master)
        except Exception as exc:  # no Java, a master that cannot be reached
            raise DataError("spark_not_started", problem=str(exc).splitlines()[0][:200]) from None
        try:
            run(spark, spark_source, tmp)
            shutil.rmtree(facts_dir, ignore_errors=True)  # the DuckDB pass's facts of the same version
            tmp.rename(facts_dir)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return open_dataset(source, name=name)


def _reason_sql() -> str:
    """The store's CASE naming an event's first problem (NULL when valid): one definition for both engines."""

    return _invalid_reason_sql()


def _order(prefix: str = "") -> str:
    return ", ".join(f"{prefix}{c} ASC NULLS LAST" for c in ORDER)  # DuckDB sorts NULLs last; Spark first


def run(spark, source: str, out_dir: str | Path, max_dimension_values: int | None = None) -> dict:
    """Write the facts of ``source`` (a Parquet file, directory with hive partitions, or glob) under ``out_dir``:
    events, journeys (with their paths), transitions, stages, steps, touchpoint_cube, comments, quarantine and meta, as the
    DuckDB pass does, and the later passes' tokens, journey keywords and customer features.
    Returns the meta row as a dict."""

    limit = max_dimension_values or settings.get_int("max_dimension_values")
    out = str(out_dir).rstrip("/")
    raw = (spark.read.option("mergeSchema", "true").parquet(source)
           .selectExpr("*", "_metadata.file_path AS __cx_file", "_metadata.row_index AS __cx_row"))
    schema = {f.name: f.dataType.simpleString() for f in raw.schema.fields if not f.name.startswith("__cx_")}
    present = [c for c in schema if c in CANONICAL]
    extra = [c for c in schema if c not in CANONICAL and schema[c] == "string"]
    counts = raw.selectExpr(*[f"approx_count_distinct({_ident(c)})" for c in extra],
                            *[f"count({_ident(c)})" for c in extra]).first() if extra else []
    # Dimensions by their names in cxlens (an extra column named like one of cxlens's own is renamed), chosen as
    # the DuckDB pass chooses them (ingest.schema.choose_dimensions).
    names = column_names(list(schema))
    kept, plain = choose_dimensions([(c, counts[i], counts[len(extra) + i]) for i, c in enumerate(extra)], limit,
                                    settings.get_int("max_dimensions"))
    dims = tuple(names[c] for c in kept)

    _register_nfc(spark)
    cols = []
    for name in CANONICAL:
        typ = _SPARK_TYPES[BY_NAME[name].sql_type]
        if name == "customer_id":
            cid = _text("customer_id") if name in present else "NULL"
            cols.append(f"COALESCE({cid}, {_text('journey_id')}) AS customer_id")
        elif name in present and typ == "STRING":
            cols.append(f"{_text(name)} AS {name}")
        elif name in present:
            cols.append(f"CAST(`{name}` AS {typ}) AS {name}")
        else:
            cols.append(f"CAST(NULL AS {typ}) AS {name}")
    cols += [f"{_text(c)} AS {_ident(names[c])}" for c in kept]
    # The file and its row number as the store numbers it (row 2 is the first: the header is row 1).
    cols += ["regexp_replace(__cx_file, '^file:', '') AS file", "__cx_row + 2 AS row_number"]
    canonical = raw.selectExpr(*cols).selectExpr("*", f"{_reason_sql()} AS reason")
    canonical.createOrReplaceTempView("cx_canonical")

    dim_list = "".join(f", {_ident(d)}" for d in dims)
    spark.sql(f"""
        SELECT journey_id, customer_id, timestamp, stage, channel, touchpoint, persona,
               satisfaction, ces, nps, weight{dim_list},
               row_number() OVER w AS seq,
               lag(channel) OVER w AS prev_channel,
               first(timestamp) OVER w AS journey_first_ts,
               first(persona, true) OVER (PARTITION BY journey_id ORDER BY {_order()}
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS journey_persona
        FROM cx_canonical WHERE reason IS NULL
        WINDOW w AS (PARTITION BY journey_id ORDER BY {_order()})
    """).write.mode("overwrite").parquet(f"{out}/events.parquet")
    spark.read.parquet(f"{out}/events.parquet").createOrReplaceTempView("cx_events")

    stages = [r[0] for r in spark.sql("SELECT DISTINCT stage FROM cx_events ORDER BY stage").collect()]
    channels = [r[0] for r in spark.sql("SELECT DISTINCT channel FROM cx_events ORDER BY channel").collect()]
    masked = 0 < len(stages) * len(channels) <= 64
    mask_stages, mask_channels = (stages, channels) if masked else ([], [])
    dim_facts = "".join(f", min_by({_ident(d)}, seq) FILTER (WHERE {_ident(d)} IS NOT NULL) AS {_ident(d)}" for d in dims)
    if masked:
        stage_code = "CASE stage " + " ".join(f"WHEN {_literal(s)} THEN {i}" for i, s in enumerate(stages)) + " END"
        channel_code = "CASE channel " + " ".join(f"WHEN {_literal(c)} THEN {i}" for i, c in enumerate(channels)) \
            + " END"
        mask = f"bit_or(shiftleft(CAST(1 AS BIGINT), ({stage_code}) * {len(channels)} + ({channel_code})))"
        pairs = "CAST(NULL AS ARRAY<STRING>) AS stage_channel_list"
    else:
        mask = "CAST(NULL AS BIGINT)"
        pairs = "array_distinct(collect_list(concat(stage, char(31), channel))) AS stage_channel_list"
    _paths(spark, out, f"{mask} OVER (PARTITION BY journey_id)" if masked else mask)
    cube.write_spark(spark, out)  # the touchpoint cube, from events (store/cube.py)
    spark.sql(f"""
        SELECT f.*, p.stage_path, p.channel_path FROM (
        SELECT journey_id, min_by(customer_id, seq) AS customer_id,
               min_by(persona, seq) FILTER (WHERE persona IS NOT NULL) AS persona{dim_facts},
               min(timestamp) AS first_ts, max(timestamp) AS last_ts,
               (unix_micros(CAST(max(timestamp) AS TIMESTAMP)) - unix_micros(CAST(min(timestamp) AS TIMESTAMP)))
                   / 3600000000.0 AS duration_hours,
               count(*) AS events,
               count(CASE WHEN prev_channel IS NOT NULL AND prev_channel <> channel THEN 1 END) AS handoffs,
               CAST(max_by(nps, seq) FILTER (WHERE nps IS NOT NULL) AS TINYINT) AS nps,
               min_by(weight, seq) FILTER (WHERE weight IS NOT NULL) AS weight,
               size(collect_set(channel)) AS channels,
               array_sort(collect_set(stage)) AS stages,
               array_sort(collect_set(channel)) AS channel_list,
               {pairs}, {mask} AS stage_channel_mask
        FROM cx_events GROUP BY journey_id
        ) f JOIN cx_paths p ON p.journey_id = f.journey_id
    """).write.mode("overwrite").parquet(f"{out}/journeys.parquet")
    _touchpoint_steps(spark, out)
    journey_stages.write_spark(spark, out)  # each journey's stages (store/journey_stages.py)
    spark.sql("""
        SELECT journey_id, prev_channel AS from_channel, channel AS to_channel, count(*) AS count
        FROM cx_events WHERE prev_channel IS NOT NULL AND prev_channel <> channel
        GROUP BY journey_id, prev_channel, channel
    """).write.mode("overwrite").parquet(f"{out}/transitions.parquet")
    spark.sql("""
        SELECT stage, percentile(seq, 0.5) AS median_position, count(*) AS events FROM cx_events GROUP BY stage
    """).write.mode("overwrite").parquet(f"{out}/stages.parquet")
    # The voice of the customer's comments, as store.voc.write_comments (text_id: the same number for the same text;
    # each comment carries its journey's first_ts, persona and NPS answer).
    spark.sql("""
        SELECT journey_id, timestamp, stage, channel, touchpoint, satisfaction, comment
        FROM cx_canonical WHERE reason IS NULL AND comment IS NOT NULL AND trim(comment) <> ''
    """).createOrReplaceTempView("cx_comments")
    spark.sql(f"""
        SELECT c.journey_id, c.timestamp, c.stage, c.channel, c.touchpoint, c.satisfaction,
               t.text_id, c.comment, j.first_ts AS journey_first_ts, j.persona AS journey_persona,
               j.nps AS journey_nps
        FROM cx_comments c JOIN (
            SELECT comment, CAST(dense_rank() OVER (ORDER BY comment) AS INT) AS text_id
            FROM (SELECT DISTINCT comment FROM cx_comments)   -- ranked once per distinct text
        ) t USING (comment)
        JOIN parquet.`{out}/journeys.parquet` j ON j.journey_id = c.journey_id
    """).write.mode("overwrite").parquet(f"{out}/comments.parquet")
    _tokens(spark, out)
    spark.sql("""
        SELECT file, row_number, reason FROM cx_canonical WHERE reason IS NOT NULL
    """).write.mode("overwrite").parquet(f"{out}/quarantine.parquet")

    events = spark.read.parquet(f"{out}/events.parquet").count()
    journeys = spark.read.parquet(f"{out}/journeys.parquet").count()
    rejected = spark.read.parquet(f"{out}/quarantine.parquet").count()
    meta = {"events": events, "journeys": journeys, "rejected": rejected, "dims": list(dims),
            "plain_dims": [names[c] for c in plain],
            "mask_stages": mask_stages, "mask_channels": mask_channels, "columns": list(schema),
            "engine": "spark", "engine_version": spark.version, "facts_format": FACTS_FORMAT}
    _features(spark, out, dims)
    from pyspark.sql import Row

    spark.createDataFrame([Row(**meta)], schema=(
        "events BIGINT, journeys BIGINT, rejected BIGINT, dims ARRAY<STRING>, plain_dims ARRAY<STRING>, "
        "mask_stages ARRAY<STRING>, "
        "mask_channels ARRAY<STRING>, columns ARRAY<STRING>, engine STRING, engine_version STRING, "
        "facts_format STRING"
    )).selectExpr("*", "current_timestamp() AS written_at").coalesce(1) \
        .write.mode("overwrite").parquet(f"{out}/meta.parquet")
    return meta


def _paths(spark, out: str, mask: str) -> None:
    """steps, as ``store.paths.write_steps``: the touchpoints at which the stage or channel changes (and each
    journey's first) with the journey's first_ts, persona, nps and stage × channel bits (``mask``: a window over the
    journey) and whether it is the journey's first move along its edge; and the view ``cx_paths``: each journey's
    stage and channel path with consecutive repeats collapsed, values joined by the unit separator."""
    spark.sql(f"""
        SELECT journey_id, seq, prev_stage, stage, prev_channel, channel, hours,
               journey_first_ts, journey_persona, journey_nps, journey_stage_channel_mask,
               prev_stage <> stage AND row_number() OVER (PARTITION BY journey_id, prev_stage, stage
                                                          ORDER BY seq) = 1 AS first_stage_move,
               prev_channel <> channel AND row_number() OVER (PARTITION BY journey_id, prev_channel, channel
                                                              ORDER BY seq) = 1 AS first_channel_move
        FROM (
            SELECT journey_id, seq, stage, channel,
                   lag(stage) OVER w AS prev_stage, lag(channel) OVER w AS prev_channel,
                   (unix_micros(CAST(timestamp AS TIMESTAMP))
                    - unix_micros(CAST(lag(timestamp) OVER w AS TIMESTAMP))) / 3600000000.0 AS hours,
                   journey_first_ts, journey_persona,
                   CAST(last(nps, true) OVER (PARTITION BY journey_id ORDER BY seq
                                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                        AS TINYINT) AS journey_nps,
                   {mask} AS journey_stage_channel_mask
            FROM cx_events WINDOW w AS (PARTITION BY journey_id ORDER BY seq)
        ) WHERE prev_stage IS NULL OR prev_stage <> stage OR prev_channel <> channel
    """).write.mode("overwrite").parquet(f"{out}/steps.parquet")
    spark.read.parquet(f"{out}/steps.parquet").createOrReplaceTempView("cx_steps")
    spark.sql("""
        SELECT journey_id,
               array_join(transform(array_sort(collect_list(CASE WHEN prev_stage IS NULL OR prev_stage <> stage
                                    THEN struct(seq, stage) END)), x -> x.stage), char(31)) AS stage_path,
               array_join(transform(array_sort(collect_list(CASE WHEN prev_channel IS NULL OR prev_channel <> channel
                                    THEN struct(seq, channel) END)), x -> x.channel), char(31)) AS channel_path
        FROM cx_steps GROUP BY journey_id
    """).createOrReplaceTempView("cx_paths")


def _touchpoint_steps(spark, out: str) -> None:
    """touchpoint_steps, as ``store.paths.write_touchpoint_steps`` (only for 2 to MAX_MAP_TOUCHPOINTS named
    touchpoints): transitions between consecutive named touchpoints, with the journey columns of steps."""

    named = spark.sql("SELECT count(DISTINCT touchpoint) FROM cx_events").collect()[0][0]
    if not 2 <= named <= MAX_MAP_TOUCHPOINTS:
        return
    spark.sql(f"""
        SELECT t.journey_id, t.seq, t.prev_touchpoint, t.touchpoint, t.hours, t.journey_first_ts,
               t.journey_persona, j.nps AS journey_nps, j.stage_channel_mask AS journey_stage_channel_mask,
               row_number() OVER (PARTITION BY t.journey_id, t.prev_touchpoint, t.touchpoint ORDER BY t.seq) = 1
                   AS first_touchpoint_move
        FROM (
            SELECT journey_id, seq, touchpoint, lag(touchpoint) OVER w AS prev_touchpoint,
                   (unix_micros(CAST(timestamp AS TIMESTAMP))
                    - unix_micros(CAST(lag(timestamp) OVER w AS TIMESTAMP))) / 3600000000.0 AS hours,
                   journey_first_ts, journey_persona
            FROM cx_events WHERE touchpoint IS NOT NULL WINDOW w AS (PARTITION BY journey_id ORDER BY seq)
        ) t JOIN parquet.`{out}/journeys.parquet` j ON j.journey_id = t.journey_id
        WHERE t.prev_touchpoint <> t.touchpoint
    """).write.mode("overwrite").parquet(f"{out}/{TOUCHPOINT_STEPS}")


def _register_nfc(spark) -> None:
    """``cx_nfc(text)``: Unicode NFC, as DuckDB's ``nfc_normalize`` in the store's pass (Spark SQL has none), so 가입
    typed on macOS (NFD) and on Windows (NFC) is one value on both engines. An Arrow-batched Python UDF (workers need pyarrow, as pyspark's SQL extras do)."""
    import unicodedata

    from pyspark.sql.functions import udf

    def nfc(value: str | None) -> str | None:
        return None if value is None else unicodedata.normalize("NFC", value)

    spark.udf.register("cx_nfc", udf(nfc, "string", useArrow=True))


def _text(name: str) -> str:
    """A source column as NFC text (``store.source._text_sql`` on DuckDB)."""
    return f"cx_nfc(CAST({_ident(name)} AS STRING))"


def _tokens(spark, out: str) -> None:
    """tokens and journey_keywords, as ``store.voc.ensure_tokens``: each distinct comment's keywords
    (``metrics.text.keywords``, kiwipiepy on the workers) and the distinct journey, keyword pairs."""
    max_chars = settings.get_int("voc_max_comment_chars")  # read on the driver: the workers get the number

    def tokenise(batches):
        import pandas as pd


        for batch in batches:
            found = keywords(batch["comment"].tolist(), max_chars)
            ids = [i for i, words in zip(batch["text_id"].tolist(), found, strict=True) for _ in words]
            yield pd.DataFrame({"text_id": pd.Series(ids, dtype="int32"),
                                "keyword": pd.Series([w for words in found for w in words], dtype=object)})

    texts = spark.read.parquet(f"{out}/comments.parquet").select("text_id", "comment").distinct()
    texts.mapInPandas(tokenise, "text_id INT, keyword STRING").where("keyword IS NOT NULL") \
        .write.mode("overwrite").parquet(f"{out}/{TOKENS}")
    spark.read.parquet(f"{out}/{TOKENS}").createOrReplaceTempView("cx_tokens")
    spark.sql(f"""
        SELECT DISTINCT c.journey_id, t.keyword FROM parquet.`{out}/comments.parquet` c JOIN cx_tokens t USING (text_id)
    """).write.mode("overwrite").parquet(f"{out}/{JOURNEY_KEYWORDS}")


def _features(spark, out: str, dims: tuple[str, ...]) -> None:
    """The derived personas' customer features, as ``store.personas._compute_features`` (same stages, channels
    and definitions), into ``personas/features-<format>.parquet``."""

    inferred = [r[0] for r in spark.sql(
        f"SELECT stage FROM parquet.`{out}/stages.parquet` ORDER BY median_position, stage").collect()]
    configured = [s.strip() for s in settings.get("stage_order").split(",") if s.strip()]
    order = [s for s in configured if s in inferred] + [s for s in inferred if s not in configured]
    stages = order[:personas.MAX_STAGES]
    late = stages[-2:]
    channels = [r[0] for r in spark.sql(
        "SELECT channel FROM cx_events WHERE channel IS NOT NULL GROUP BY channel "
        f"ORDER BY count(*) DESC, channel LIMIT {personas.MAX_CHANNELS}").collect()]
    scalars = {**personas.SCALARS_SPARK}
    journey_cols = [f"{sql} AS {_ident(name)}" for name, sql in scalars.items()]
    journey_cols += [f"avg(CAST(array_contains(j.stages, {_literal(s)}) AS DOUBLE)) AS {_ident('reach:' + s)}"
                     for s in stages]
    journey_cols += [f"max_by(j.{_ident(d)}, j.first_ts) AS {_ident('attribute:' + d)}" for d in dims]
    event_cols = ["CAST(count(CASE WHEN e.satisfaction IS NOT NULL THEN 1 END) AS DOUBLE) / count(*) AS rated_share"]
    event_cols += [f"CAST(count(CASE WHEN e.channel = {_literal(c)} THEN 1 END) AS DOUBLE) / count(*) "
                   f"AS {_ident('channel:' + c)}" for c in channels]
    event_cols += [f"CAST(count(CASE WHEN e.stage = {_literal(s)} THEN 1 END) AS DOUBLE) / count(*) "
                   f"AS {_ident('touch:' + s)}" for s in late]
    spark.sql(f"""
        WITH per_journey AS (
            SELECT j.customer_id, {', '.join(journey_cols)} FROM parquet.`{out}/journeys.parquet` j GROUP BY j.customer_id
        ), per_event AS (
            SELECT e.customer_id, {', '.join(event_cols)} FROM cx_events e GROUP BY e.customer_id
        )
        SELECT * FROM per_journey JOIN per_event USING (customer_id)
    """).write.mode("overwrite").parquet(f"{out}/personas/features-{personas.FEATURES_FORMAT}.parquet")


def _ident(name: str) -> str:
    """A Spark SQL identifier; only ever applied to names read from the data's schema."""
    return "`" + name.replace("`", "``") + "`"


def _literal(value: str) -> str:
    """A Spark SQL string literal (values come from the data: quotes and backslashes escaped)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def main(argv: list[str] | None = None) -> int:
    """``spark-submit store/spark_job.py SOURCE OUT_DIR``: the facts of SOURCE written under OUT_DIR."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: spark-submit store/spark_job.py SOURCE OUT_DIR", file=sys.stderr)
        return 2
    spark = session()
    meta = run(spark, args[0], args[1])
    print(f"{meta['events']:,} events, {meta['journeys']:,} journeys, {meta['rejected']:,} rejected -> {args[1]}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # spark-submit runs the file, not the package
    sys.exit(main())
