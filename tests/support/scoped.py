"""A small bank fixture for the scope tests: journeys in three regions, on three channels, of three personas."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import polars as pl

REGIONS = ("서울", "부산", "대구")
CHANNELS = ("콜센터", "모바일 앱", "영업점")
PERSONAS = ("X", "Y", "Z")
STAGES = ("인지", "가입", "이용")
ACCESS_TOML = '''
admins = ["boss@bank.co.kr"]
admin_groups = ["cx-admins"]

[users."all@bank.co.kr"]
all = true

[users."seoul@bank.co.kr"]
region = ["서울"]

[users."call@bank.co.kr"]
channel = ["콜센터"]
persona = ["X"]

[groups."busan-team"]
region = ["부산"]
'''


def events(journeys: int = 240, seed: int = 7) -> pl.DataFrame:
    """``journeys`` journeys of 2-5 touchpoints each; the last touchpoint carries the 0-10 answer; a few comments."""
    rng = random.Random(seed)
    rows = []
    start = dt.datetime(2025, 1, 1, 9)
    for j in range(journeys):
        region, persona = rng.choice(REGIONS), rng.choice(PERSONAS)
        when = start + dt.timedelta(days=rng.randrange(90), hours=rng.randrange(8))
        n = rng.randint(2, 5)
        for k in range(n):
            rows.append({
                "journey_id": f"J{j:04d}", "customer_id": f"C{j % 170:04d}", "timestamp": when + dt.timedelta(hours=3 * k),
                "stage": STAGES[min(k, 2)], "channel": rng.choice(CHANNELS), "touchpoint": f"tp{k}",
                "persona": persona, "region": region, "satisfaction": float(rng.randint(1, 5)),
                "ces": float(rng.randint(1, 7)), "nps": float(rng.randint(0, 10)) if k == n - 1 else None,
                "comment": rng.choice(["대기 시간이 길다", "친절했다", "앱 오류", None, None]),
            })
    return pl.DataFrame(rows).with_columns(pl.col("timestamp").cast(pl.Datetime("us")))


def write(path: Path, frame: pl.DataFrame | None = None) -> Path:
    (events() if frame is None else frame).write_parquet(path)
    return path


def write_access(path: Path) -> Path:
    path.write_text(ACCESS_TOML, encoding="utf-8")
    return path
