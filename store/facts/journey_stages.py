"""Each journey's stages: when it entered each, the stage it entered next, and its satisfaction there.

Written once per data version beside the facts (the DuckDB pass and the Spark pass run the same SQL,
``select_sql``), from ``events.parquet`` and ``journeys.parquet``. Neither a stage's dwell time nor a
journey's mean satisfaction in a stage depends on the filters (both are over all of a selected journey's
touchpoints), so a filter change reads them instead of grouping and windowing every selected event: the
duration page's dwell times (``store.stage_queries.dwell_summary``) and the key drivers' and handoff effect's
stage satisfaction (``store.stage_queries.journey_stage_satisfaction``).

``journey_stages.parquet``, one row per journey and stage it reached:

- ``journey_id``, ``stage``; ``entered``: the journey's first timestamp in the stage;
- ``next_stage``, ``next_entered``: the stage it entered next (next in time, equal times by stage name;
  metrics.dwell.stage_dwell) and when; null for the journey's last stage;
- ``ratings``: its touchpoints in the stage with a satisfaction rating; ``mean_satisfaction``: their mean
  (null without ratings);
- the journey's ``journey_first_ts``, ``journey_persona``, ``journey_nps`` and ``journey_stage_channel_mask``
  (the journey facts' first_ts, persona, nps and stage x channel bits), so a period, persona, channel or
  stage filter is a column predicate, as on steps.parquet (store/paths.py).

In no particular order: sorting it by journey_first_ts (for row-group skipping under a period filter) cost more
than half of its 18 s at 10M events, and a full scan of its filter columns takes a few tens of milliseconds.
10M events: 7.0M rows, 96 MB.
"""

from __future__ import annotations

from pathlib import Path

from store.facts import db, journey_steps, ready
from store.facts.dataset import Dataset

FILE = "journey_stages.parquet"
KEYS = ("journey_id", "stage")  # what identifies a row


def select_sql(events: str, journeys: str) -> str:
    """The journey stages as one SELECT over ``events`` and ``journeys`` (table expressions of the facts' events
    and journey facts), in SQL that DuckDB and Spark read alike."""
    return (
        "SELECT s.journey_id, s.stage, s.entered, lead(s.stage) OVER w AS next_stage, "
        "lead(s.entered) OVER w AS next_entered, s.ratings, s.mean_satisfaction, "
        "j.first_ts AS journey_first_ts, s.journey_persona, j.nps AS journey_nps, "
        "j.stage_channel_mask AS journey_stage_channel_mask "
        "FROM (SELECT journey_id, CAST(stage AS STRING) AS stage, min(timestamp) AS entered, "
        "count(satisfaction) AS ratings, avg(satisfaction) AS mean_satisfaction, "
        "CAST(min(journey_persona) AS STRING) AS journey_persona "
        f"FROM {events} GROUP BY journey_id, stage) s "
        f"JOIN {journeys} j ON j.journey_id = s.journey_id "
        "WINDOW w AS (PARTITION BY s.journey_id ORDER BY s.entered, s.stage)"
    )


def write(cur, events_path: str, journeys_path: str, out_dir: str | Path) -> None:
    """The facts pass's part (DuckDB): ``journey_stages.parquet`` in ``out_dir`` from the facts' events and journeys
    (a folder of part files beyond journey_steps' events per part, read as one table)."""
    # In parts of the journeys when the events are many (journey_steps.in_parts): the window holds one part at once.
    journey_steps.in_parts(cur, events_path, Path(out_dir) / FILE, select_sql(
        "(SELECT * FROM read_parquet($ev) WHERE {part})", "(SELECT * FROM read_parquet($journeys) WHERE {part})"),
        {"journeys": journeys_path})


def write_spark(spark, out: str) -> None:
    """The Spark pass's part: the same file from ``{out}/events.parquet`` and ``{out}/journeys.parquet``."""
    spark.sql(select_sql(f"parquet.`{out}/events.parquet`", f"parquet.`{out}/journeys.parquet`")) \
        .write.mode("overwrite").parquet(f"{out}/{FILE}")


def path(ds: Dataset) -> str | None:
    """The dataset's journey stages; written beside its facts on first use when they lack them (facts of an
    earlier cxlens, or written by another engine by hand). None when they cannot be written there (a read-only
    facts directory) and while the late facts pass is still writing them (store.facts.ready): the caller then reads
    the events, which give the same figures, instead of waiting (the first view of new data comes before them)."""
    if not ready.in_place(ds.facts_dir, ds.late, "journey_stages"):
        return None
    facts = Path(ds.facts_dir)
    return db.written_on_first_use(facts, FILE, lambda cur, out: write(
        cur, str(facts / "events.parquet"), str(facts / "journeys.parquet"), out))
