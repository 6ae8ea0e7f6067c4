"""Generated journeys with a planted CSAT change at one stage from a launch date (the loop's impact tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl

LAUNCH = dt.date(2026, 11, 1)
STAGES = ("가입", "본인인증", "이용", "문의")
TARGET = "본인인증"


def planted_events(effect_pp: float, seed: int = 7, per_day: int = 40, days: int = 60,
                   drift_pp: float = 3.0) -> pl.DataFrame:
    """``per_day`` journeys a day for ``days`` days centred on LAUNCH, each rating every stage once (5 or 2) on its
    day; 본인인증 is satisfied 48% of the time and the others 60%; from LAUNCH every stage drifts up ``drift_pp``
    and 본인인증 gains ``effect_pp`` more. Each journey answers NPS (0–10) at its last touchpoint; customers come
    back (customer C{n % 500})."""
    rng = np.random.default_rng(seed)
    rows, n = [], 0
    for day in range(days):
        date = LAUNCH + dt.timedelta(days=day - days // 2)
        after = date >= LAUNCH
        for _ in range(per_day):
            start = dt.datetime.combine(date, dt.time(9)) + dt.timedelta(minutes=int(rng.integers(0, 600)))
            for i, stage in enumerate(STAGES):
                p = (0.48 if stage == TARGET else 0.60) + after * (drift_pp + effect_pp * (stage == TARGET)) / 100
                rows.append({"journey_id": f"J{n:05d}", "customer_id": f"C{n % 500:03d}",
                             "timestamp": start + dt.timedelta(minutes=10 * i), "stage": stage, "channel": "앱",
                             "touchpoint": f"{stage} 화면", "satisfaction": 5 if rng.random() < p else 2,
                             "nps": int(rng.integers(0, 11)) if i == len(STAGES) - 1 else None})
            n += 1
    return pl.DataFrame(rows, schema={"journey_id": pl.String, "customer_id": pl.String,
                                      "timestamp": pl.Datetime("us"), "stage": pl.String, "channel": pl.String,
                                      "touchpoint": pl.String, "satisfaction": pl.Int64, "nps": pl.Int64})


def write_planted(path: Path, effect_pp: float, seed: int = 7) -> Path:
    planted_events(effect_pp, seed).write_parquet(path)
    return path
