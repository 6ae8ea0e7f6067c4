"""Baseline: the headline figures as the pandas code an analyst would write in a notebook.

Reads the columns it needs, drops invalid rows, sorts into journey order once and computes each
figure with groupby/shift. Prints the figures as JSON.
"""

from __future__ import annotations

import json
import sys

import pandas as pd

ORDER = ["journey_id", "timestamp", "stage", "channel", "touchpoint", "nps"]


def figures(path: str) -> dict:
    df = pd.read_parquet(path, columns=["journey_id", "timestamp", "stage", "channel", "touchpoint",
                                        "satisfaction", "ces", "nps"])
    valid = (df[["journey_id", "timestamp", "stage", "channel"]].notna().all(axis=1)
             & (df.satisfaction.isna() | df.satisfaction.between(1, 5))
             & (df.ces.isna() | df.ces.between(1, 7))
             & (df.nps.isna() | df.nps.between(0, 10)))
    df = df[valid].sort_values(ORDER, na_position="last", kind="stable").reset_index(drop=True)
    by_journey = df.groupby("journey_id", sort=False)

    out: dict = {"events": len(df), "journeys": df.journey_id.nunique()}
    answers = df.dropna(subset=["nps"]).groupby("journey_id", sort=False).nps.last()
    out["nps"] = float(100 * ((answers >= 9).mean() - (answers <= 6).mean())) if len(answers) else None
    out["nps_responses"] = len(answers)
    sat = df.satisfaction.dropna()
    out["csat"] = float(100 * (sat >= 4).mean())
    out["ces"] = float(df.ces.mean())
    span = by_journey.timestamp.agg(["min", "max"])
    hours = (span["max"] - span["min"]).dt.total_seconds() / 3600
    out["median_journey_hours"] = float(hours.median())
    out["p90_journey_hours"] = float(hours.quantile(0.9))
    prev = by_journey.channel.shift()
    handoff = prev.notna() & (prev != df.channel)
    out["handoff_rate"] = float(100 * handoff.groupby(df.journey_id).any().mean())
    df["position"] = by_journey.cumcount() + 1
    df["satisfied"] = (df.satisfaction >= 4).where(df.satisfaction.notna())
    stages = df.groupby("stage").agg(events=("stage", "size"), journeys=("journey_id", "nunique"),
                                     mean_satisfaction=("satisfaction", "mean"), csat=("satisfied", "mean"),
                                     median_position=("position", "median"))
    stages = stages.reset_index().sort_values(["median_position", "stage"])
    out["stages"] = [
        {"stage": r.stage, "events": int(r.events), "journeys": int(r.journeys),
         "mean_satisfaction": float(r.mean_satisfaction), "csat": float(100 * r.csat)}
        for r in stages.itertuples()
    ]
    pairs = pd.DataFrame({"from": prev[handoff], "to": df.channel[handoff]}).value_counts().reset_index()
    pairs = pairs.sort_values(["count", "from", "to"], ascending=[False, True, True])
    out["handoffs"] = [{"from": r["from"], "to": r["to"], "count": int(r["count"])} for _, r in pairs.iterrows()]
    return out


if __name__ == "__main__":
    print(json.dumps(figures(sys.argv[1]), ensure_ascii=False, default=str))
