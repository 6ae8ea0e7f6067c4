"""A telco dataset nobody tuned the code on, and an independent plain-Python reference computation."""

from __future__ import annotations

import datetime as dt
import random
import statistics

import polars as pl

STAGES = ["가입 상담", "개통", "사용", "요금 문의", "해지 방어"]
CHANNELS = ["대리점", "고객센터", "T월드 앱", "웹"]
PERSONAS = ["20대 학생", "직장인", "시니어"]
REGIONS = ["서울", "부산", "광주"]


def telco_events(journeys: int = 400, seed: int = 11) -> pl.DataFrame:
    """Shuffled events with equal timestamps, several nps answers in some journeys, nulls everywhere optional."""
    rng = random.Random(seed)
    rows = []
    start = dt.datetime(2026, 1, 1)
    for j in range(journeys):
        jid, persona, region = f"T{j:05d}", rng.choice(PERSONAS + [None]), rng.choice(REGIONS)
        t = start + dt.timedelta(days=rng.randrange(120), minutes=rng.randrange(1440))
        depth = rng.randint(1, len(STAGES))
        for s in STAGES[:depth]:
            for _ in range(rng.randint(1, 3)):
                t += dt.timedelta(minutes=rng.choice([0, 0, 5, 90, 2000]))  # equal timestamps happen
                rows.append({
                    "journey_id": jid, "timestamp": t, "stage": s, "channel": rng.choice(CHANNELS),
                    "touchpoint": f"{s} #{rng.randint(1, 3)}", "persona": persona, "region": region,
                    "satisfaction": rng.choice([None, None, 1, 2, 3, 4, 5]),
                    "ces": rng.choice([None, None, None, 1, 4, 7]),
                    "nps": rng.choice([None] * 6 + list(range(11))),
                })
    rng.shuffle(rows)
    return pl.DataFrame(rows, schema={
        "journey_id": pl.String, "timestamp": pl.Datetime("us"), "stage": pl.String, "channel": pl.String,
        "touchpoint": pl.String, "persona": pl.String, "region": pl.String, "satisfaction": pl.Int64,
        "ces": pl.Int64, "nps": pl.Int64,
    })


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    pos = q * (len(values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (pos - lo) * (values[hi] - values[lo])


def reference_report(frame: pl.DataFrame, persona=(), channel=(), stage=(), since=None, until=None) -> dict:
    """The headline figures computed row by row in plain Python, straight from the definitions."""
    by_journey: dict[str, list[dict]] = {}
    for r in frame.iter_rows(named=True):
        by_journey.setdefault(r["journey_id"], []).append(r)

    def tp_selected(r):
        return (not channel or r["channel"] in channel) and (not stage or r["stage"] in stage)

    selected = {}
    for jid, evs in by_journey.items():
        evs.sort(key=lambda r: (r["timestamp"], r["stage"], r["channel"], r["touchpoint"] or "", r["nps"] is None, r["nps"] or 0))
        first = evs[0]["timestamp"].date()
        jpersona = next((r["persona"] for r in evs if r["persona"] is not None), None)
        if since and first < since or until and first > until:
            continue
        if persona and jpersona not in persona:
            continue
        if (channel or stage) and not any(tp_selected(r) for r in evs):
            continue
        selected[jid] = evs
    touch = [r for evs in selected.values() for r in evs if tp_selected(r)]

    answers = [next((r["nps"] for r in reversed(evs) if r["nps"] is not None), None) for evs in selected.values()]
    answers = [a for a in answers if a is not None]
    nps = (100 * (sum(a >= 9 for a in answers) - sum(a <= 6 for a in answers)) / len(answers)) if answers else None
    sats = [r["satisfaction"] for r in touch if r["satisfaction"] is not None]
    cess = [r["ces"] for r in touch if r["ces"] is not None]
    hours = [(evs[-1]["timestamp"] - evs[0]["timestamp"]).total_seconds() / 3600 for evs in selected.values()]
    handoffs = {jid: sum(a["channel"] != b["channel"] for a, b in zip(evs, evs[1:], strict=False))
                for jid, evs in selected.items()}
    pairs: dict[tuple[str, str], int] = {}
    for evs in selected.values():
        for a, b in zip(evs, evs[1:], strict=False):
            if a["channel"] != b["channel"]:
                pairs[(a["channel"], b["channel"])] = pairs.get((a["channel"], b["channel"]), 0) + 1
    stages = {}
    for s in STAGES:
        s_sats = [r["satisfaction"] for r in touch if r["stage"] == s and r["satisfaction"] is not None]
        stages[s] = {
            "stage": s,
            "events": sum(r["stage"] == s for r in touch),
            "journeys": sum(any(r["stage"] == s for r in evs) for evs in selected.values()),
            "mean_satisfaction": statistics.fmean(s_sats) if s_sats else None,
            "csat": 100 * sum(x >= 4 for x in s_sats) / len(s_sats) if s_sats else None,
        }
    return {
        "events": len(touch),
        "journeys": len(selected),
        "nps": nps,
        "nps_responses": len(answers),
        "csat": 100 * sum(x >= 4 for x in sats) / len(sats) if sats else None,
        "ces": statistics.fmean(cess) if cess else None,
        "median_journey_hours": _quantile(hours, 0.5),
        "p90_journey_hours": _quantile(hours, 0.9),
        "handoff_rate": 100 * sum(h >= 1 for h in handoffs.values()) / len(handoffs) if handoffs else None,
        "stages": stages,
        "handoffs": pairs,
    }
