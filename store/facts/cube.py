"""The touchpoint cube: touchpoint counts per journey day, stage, channel, touchpoint, persona and answer.

Written once per data version beside the facts (the DuckDB pass and the Spark pass run the same SQL,
``select_sql``), from ``events.parquet``. Every figure that is a sum of touchpoint counts (touchpoints
per group; the distribution of satisfaction, ces and nps answers, so their means, CSAT top-2-box, CES
and touchpoint NPS) is a sum over it, and it is a few megabytes where the events are gigabytes:
``store.queries`` reads it instead of the events when the filters and groups allow
(``store.queries.reads_cube`` holds the rule).

``touchpoint_cube.parquet``, one row per (measure, journey_day, stage, channel, touchpoint, persona, value):

- ``measure`` ``touchpoints`` (``value`` NULL): every touchpoint, counted once;
- ``measure`` ``satisfaction``, ``ces`` or ``nps``: the touchpoints whose answer in that column is
  ``value`` (a touchpoint answering two questions counts under both, one answering none under neither);
- ``journey_day``: the date of the journey's first touchpoint (``journey_first_ts``), which the period
  filter and the period groups (cohorts) use;
- ``persona``: the journey's persona (``journey_persona``), as touchpoint figures filter and split by it;
- ``n``: how many touchpoints.

Sorted by measure and journey_day (a measure or period predicate skips row groups), zstd-compressed, text
columns dictionary-encoded. 10M events (events.parquet 153 MB): 940,000 rows, 1.1 MB; its size grows with the
days, stages, channels, touchpoints, personas and answer values, not with the events.
"""

from __future__ import annotations

from pathlib import Path

from store.facts import db, ready
from store.facts.dataset import Dataset

FILE = "touchpoint_cube.parquet"
MEASURES = ("touchpoints", "satisfaction", "ces", "nps")
GROUPS = ("journey_day", "stage", "channel", "touchpoint", "persona")  # the cube's columns besides measure, value, n
KEYS = ("measure", *GROUPS, "value")  # what identifies a row


def select_sql(events: str) -> str:
    """The cube as one SELECT over ``events`` (a table expression of the facts' events), in SQL that DuckDB and
    Spark read alike: the events grouped once by every cube column and the three answers, then each measure
    summed from those groups (one scan of the events instead of one per measure)."""
    groups = ", ".join(GROUPS)
    parts = [f"SELECT 'touchpoints' AS measure, {groups}, CAST(NULL AS DOUBLE) AS value, "
             f"CAST(sum(n) AS BIGINT) AS n FROM g GROUP BY {groups}"]
    parts += [f"SELECT '{m}' AS measure, {groups}, {m} AS value, CAST(sum(n) AS BIGINT) AS n "
              f"FROM g WHERE {m} IS NOT NULL GROUP BY {groups}, {m}" for m in MEASURES[1:]]
    return (f"WITH g AS (SELECT CAST(journey_first_ts AS DATE) AS journey_day, stage, channel, touchpoint, "
            f"journey_persona AS persona, satisfaction, ces, nps, count(*) AS n FROM {events} "
            f"GROUP BY CAST(journey_first_ts AS DATE), stage, channel, touchpoint, journey_persona, "
            f"satisfaction, ces, nps) " + " UNION ALL ".join(parts))


def write(cur, events_path: str, out_dir: str | Path) -> None:
    """The facts pass's part (DuckDB): ``touchpoint_cube.parquet`` in ``out_dir`` from the facts' events file."""
    cur.sql(
        f"COPY ({select_sql('read_parquet($ev)')} ORDER BY {', '.join(KEYS)}) "
        "TO $out (FORMAT parquet, COMPRESSION zstd)",
        params={"ev": events_path, "out": str(Path(out_dir) / FILE)},
    )


def write_spark(spark, out: str) -> None:
    """The Spark pass's part: the same cube from ``{out}/events.parquet`` into ``{out}/touchpoint_cube.parquet``
    (one part file: the cube is small)."""
    spark.sql(select_sql(f"parquet.`{out}/events.parquet`")).repartition(1).sortWithinPartitions(*KEYS) \
        .write.mode("overwrite").parquet(f"{out}/{FILE}")


def path(ds: Dataset) -> str | None:
    """The dataset's cube; written beside its facts on first use when they lack one (facts of an earlier
    cxlens, or written by another engine by hand). None when it cannot be written there (a read-only facts
    directory) and while the late facts pass is still writing it (store.facts.ready): the caller then reads the
    events, which give the same figures, instead of waiting (the first view of new data comes before the cube)."""
    if not ready.in_place(ds.facts_dir, ds.late, "touchpoint_cube"):
        return None
    return db.written_on_first_use(ds.facts_dir, FILE, lambda cur, out: write(
        cur, str(Path(ds.facts_dir) / "events.parquet"), out))
