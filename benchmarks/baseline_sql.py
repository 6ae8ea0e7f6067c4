"""Baseline: the headline figures as hand-written DuckDB SQL, one query per figure, straight on the events file.

This is what an analyst fluent in SQL would write without cxlens: a view with the validity rules
and one query for each figure, each scanning the file again. Prints the figures as JSON.
"""

from __future__ import annotations

import json
import sys

import duckdb

ORDER = "timestamp, stage, channel, touchpoint, nps"


def figures(path: str, threads: int = 2) -> dict:
    con = duckdb.connect(config={"threads": threads})
    con.sql(f"""CREATE VIEW ev AS SELECT * FROM read_parquet('{path.replace("'", "''")}')
        WHERE journey_id IS NOT NULL AND timestamp IS NOT NULL AND stage IS NOT NULL AND channel IS NOT NULL
          AND (satisfaction IS NULL OR satisfaction BETWEEN 1 AND 5)
          AND (ces IS NULL OR ces BETWEEN 1 AND 7)
          AND (nps IS NULL OR (nps BETWEEN 0 AND 10 AND nps = round(nps)))""")

    def one(sql: str):
        return con.sql(sql).fetchall()[0]

    def rows(sql: str):
        return con.sql(sql).fetchall()

    out: dict = {}
    out["events"] = one("SELECT count(*) FROM ev")[0]
    out["journeys"] = one("SELECT count(DISTINCT journey_id) FROM ev")[0]
    out["nps"], out["nps_responses"] = one(f"""
        SELECT 100.0 * (count(*) FILTER (WHERE a >= 9) - count(*) FILTER (WHERE a <= 6)) / count(*), count(*)
        FROM (SELECT last(nps ORDER BY {ORDER}) FILTER (WHERE nps IS NOT NULL) AS a FROM ev GROUP BY journey_id)
        WHERE a IS NOT NULL""")
    out["csat"] = one("SELECT 100.0 * count(*) FILTER (WHERE satisfaction >= 4) / count(satisfaction) FROM ev")[0]
    out["ces"] = one("SELECT avg(ces) FROM ev")[0]
    out["median_journey_hours"], out["p90_journey_hours"] = one("""
        SELECT quantile_cont(h, 0.5), quantile_cont(h, 0.9)
        FROM (SELECT epoch(max(timestamp) - min(timestamp)) / 3600.0 AS h FROM ev GROUP BY journey_id)""")
    out["handoff_rate"] = one(f"""
        SELECT 100.0 * avg(CASE WHEN h > 0 THEN 1 ELSE 0 END) FROM (
            SELECT journey_id, count(*) FILTER (WHERE prev <> channel) AS h FROM (
                SELECT journey_id, channel, lag(channel) OVER (PARTITION BY journey_id ORDER BY {ORDER}) AS prev
                FROM ev) GROUP BY journey_id)""")[0]
    out["stages"] = [
        {"stage": s, "events": e, "journeys": j, "mean_satisfaction": m, "csat": c}
        for s, e, j, m, c, _ in rows(f"""
            SELECT stage, count(*), count(DISTINCT journey_id), avg(satisfaction),
                   100.0 * count(*) FILTER (WHERE satisfaction >= 4) / nullif(count(satisfaction), 0),
                   median(pos) AS median_position
            FROM (SELECT *, row_number() OVER (PARTITION BY journey_id ORDER BY {ORDER}) AS pos FROM ev)
            GROUP BY stage ORDER BY median_position, stage""")
    ]
    out["handoffs"] = [
        {"from": a, "to": b, "count": n}
        for a, b, n in rows(f"""
            SELECT prev, channel, count(*) AS n FROM (
                SELECT channel, lag(channel) OVER (PARTITION BY journey_id ORDER BY {ORDER}) AS prev FROM ev)
            WHERE prev <> channel GROUP BY ALL ORDER BY n DESC, prev, channel""")
    ]
    return out


if __name__ == "__main__":
    print(json.dumps(figures(sys.argv[1]), ensure_ascii=False, default=str))
