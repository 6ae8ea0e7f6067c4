"""Generate touchpoint events of customers drawn from planted behavioural segments (no persona column).

The committed sample (``generate.py``) plants its personas mostly in channel preferences, which a
customer with one or two journeys barely reveals. This generator plants segments that differ in
the ways the derived personas (``store.personas``, ``metrics.personas``) are meant to find:
channels, how many journeys and touchpoints, how far journeys get, how long they take, how much
of them is inquiry, how often the customer rates, how they score. Each segment is one row of
``SEGMENTS``; everything else is drawn around it, so segments overlap as real ones do.

The true segment of every customer comes back separately (``truth``), never in the events: the
clustering must find it from behaviour. The same (customers, seed) always gives the same rows.

Command line::

    python -m sample_data.segments --customers 1000000 --seed 7 --out events.parquet --truth truth.parquet
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from sample_data.generate import _ALLOWED, _STAGE_OF_TP, _normalised, _pick, _thresholds
from sample_data.vocabulary import AGE_BANDS, CHANNELS, REGIONS, STAGES, TOUCHPOINT_NAMES


@dataclass(frozen=True)
class Segment:
    """How the customers of one planted segment behave."""

    name: str
    share: float                        # share of customers
    channels: tuple[float, ...]         # preference over CHANNELS (before a touchpoint's own channels)
    extra_journeys: float               # journeys per customer = 1 + Poisson(extra_journeys)
    reach: tuple[float, ...]            # chance of reaching each stage given the stage before (인지..이용),
                                        # then 문의 and 재이용 given 이용
    touches: tuple[float, ...]          # mean extra touchpoints in a reached stage (Poisson), per stage
    gap_hours: float                    # median hours between touchpoints (lognormal, sigma 1)
    rating_rate: float                  # share of touchpoints rated
    satisfaction: float                 # mean satisfaction (1-5, before rounding)
    nps: float                          # mean 0-10 answer (before rounding)


#                                  앱    웹   영업점 콜센터 챗봇  ATM
SEGMENTS = (
    Segment("branch-loyal, slow", 0.24, (0.04, 0.03, 0.60, 0.18, 0.01, 0.14), 0.4,
            (0.97, 0.95, 0.95, 0.95, 0.3, 0.3), (0.5, 0.5, 0.6, 0.3, 1.2, 0.3, 0.2), 30.0, 0.15, 4.1, 7.5),
    Segment("app-first, fast", 0.30, (0.82, 0.05, 0.02, 0.02, 0.07, 0.02), 3.0,
            (0.95, 0.95, 0.95, 0.95, 0.1, 0.6), (0.1, 0.1, 0.1, 0.2, 0.6, 0.1, 0.3), 0.05, 0.45, 4.3, 8.8),
    Segment("web, many transactions", 0.20, (0.25, 0.65, 0.03, 0.03, 0.02, 0.02), 2.0,
            (0.95, 0.95, 0.95, 0.95, 0.15, 0.5), (0.2, 0.3, 0.2, 0.2, 2.5, 0.2, 0.4), 2.0, 0.30, 3.9, 7.8),
    Segment("inquiry-heavy, unhappy", 0.16, (0.15, 0.05, 0.12, 0.53, 0.13, 0.02), 1.0,
            (0.95, 0.9, 0.9, 0.95, 0.95, 0.2), (0.3, 0.4, 0.3, 0.6, 0.4, 2.2, 0.2), 6.0, 0.55, 2.6, 3.5),
    Segment("chatbot explorer, drops off", 0.10, (0.25, 0.15, 0.02, 0.03, 0.53, 0.02), 0.2,
            (0.95, 0.25, 0.3, 0.5, 0.2, 0.2), (1.0, 1.5, 0.3, 0.2, 0.2, 0.2, 0.1), 0.8, 0.25, 3.4, 5.5),
)

CHUNK_CUSTOMERS = 100_000  # fixed: part of what makes a (customers, seed) pair reproducible
NPS_RESPONSE_RATE = 0.35
YEAR_START = np.datetime64("2025-01-01T00:00:00", "us")
DAYS = 365


def _allowed_thresholds(preferences: np.ndarray) -> np.ndarray:
    """[segment, touchpoint, thresholds] of a channel draw restricted to the touchpoint's channels."""
    weights = preferences[:, None, :] * _ALLOWED[None, :, :] + 1e-9 * _ALLOWED[None, :, :]
    return _thresholds(weights / weights.sum(axis=-1, keepdims=True))


_PREFS = np.asarray([s.channels for s in SEGMENTS])
_CHANNEL_THRESHOLDS = _allowed_thresholds(_PREFS)
_REACH = np.asarray([s.reach for s in SEGMENTS])
_TOUCHES = np.asarray([s.touches for s in SEGMENTS])
_TPS_PER_STAGE = np.bincount(_STAGE_OF_TP, minlength=len(STAGES))
_TP_FIRST = np.cumsum(_TPS_PER_STAGE) - _TPS_PER_STAGE  # touchpoints are listed stage by stage


def _chunk(first_customer: int, n: int, first_journey: int, rng: np.random.Generator
           ) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Events and truth of customers ``first_customer ..`` (+ n); returns (events, truth, journeys)."""
    segment = _pick(rng.random(n), _thresholds(_normalised([s.share for s in SEGMENTS]))[None, :])
    region = _pick(rng.random(n), _thresholds(np.full(len(REGIONS), 1 / len(REGIONS)))[None, :])
    age = _pick(rng.random(n), _thresholds(np.full(len(AGE_BANDS), 1 / len(AGE_BANDS)))[None, :])
    per_customer = 1 + rng.poisson(np.asarray([s.extra_journeys for s in SEGMENTS])[segment])
    customer = np.repeat(np.arange(n), per_customer)
    seg = segment[customer]
    m = len(customer)

    # stages reached: a chain 인지 -> 이용, then 문의 and 재이용 each after 이용
    u = rng.random((m, len(STAGES)))
    reached = np.zeros((m, len(STAGES)), dtype=bool)
    reached[:, 0] = True
    for s in range(1, 5):
        reached[:, s] = reached[:, s - 1] & (u[:, s] < _REACH[seg, s - 1])
    for s in (5, 6):
        reached[:, s] = reached[:, 4] & (u[:, s] < _REACH[seg, s - 1])
    touches = np.where(reached, 1 + rng.poisson(_TOUCHES[seg]), 0)
    length = touches.sum(axis=1)
    offset = np.cumsum(length) - length
    n_events = int(length.sum())
    journey = np.repeat(np.arange(m), length)
    stage = np.repeat(np.tile(np.arange(len(STAGES)), m), touches.ravel())
    position = np.arange(n_events) - offset[journey]
    # a touchpoint of the stage, uniformly
    within = (rng.random(n_events) * _TPS_PER_STAGE[stage]).astype(np.int64)
    touchpoint = _TP_FIRST[stage] + within
    ev_seg = seg[journey]
    channel = _pick(rng.random(n_events), _CHANNEL_THRESHOLDS[ev_seg, touchpoint])

    start_s = rng.integers(0, DAYS * 86_400 - 30 * 86_400, m)
    gap_h = np.asarray([s.gap_hours for s in SEGMENTS])[ev_seg] * rng.lognormal(0.0, 1.0, n_events)
    gap_s = np.where(position == 0, 0, np.maximum(1, gap_h * 3600)).astype(np.int64)
    elapsed = np.cumsum(gap_s)
    elapsed -= elapsed[offset][journey]
    ts = (start_s[journey] + elapsed) * 1_000_000 + YEAR_START.astype(np.int64)

    rated = rng.random(n_events) < np.asarray([s.rating_rate for s in SEGMENTS])[ev_seg]
    satisfaction = np.clip(np.rint(np.asarray([s.satisfaction for s in SEGMENTS])[ev_seg]
                                   + rng.normal(0, 0.8, n_events)), 1, 5).astype(np.int8)
    nps = np.clip(np.rint(np.asarray([s.nps for s in SEGMENTS])[seg] + rng.normal(0, 1.5, m)), 0, 10).astype(np.int8)
    answered = np.zeros(n_events, dtype=bool)
    answered[offset + length - 1] = rng.random(m) < NPS_RESPONSE_RATE

    order = rng.permutation(n_events)
    j = journey[order]
    cust = first_customer + customer[j]
    events = pl.DataFrame({
        "journey_id": pl.Series(first_journey + j).cast(pl.String).str.zfill(8),
        "customer_id": pl.Series(cust).cast(pl.String).str.zfill(7),
        "timestamp": pl.Series(ts[order]).cast(pl.Datetime("us")),
        "stage": pl.Series(STAGES).gather(stage[order]),
        "channel": pl.Series(CHANNELS).gather(channel[order]),
        "touchpoint": pl.Series(TOUCHPOINT_NAMES).gather(touchpoint[order]),
        "region": pl.Series(REGIONS).gather(region[customer[j]]),
        "age_band": pl.Series(AGE_BANDS).gather(age[customer[j]]),
        "satisfaction": pl.Series(np.where(rated, satisfaction, 0)[order]).cast(pl.Int8),
        "nps": pl.Series(nps[journey][order]).cast(pl.Int8),
        "_rated": rated[order],
        "_answered": answered[order],
    }).select(
        pl.concat_str(pl.lit("J"), "journey_id").alias("journey_id"),
        pl.concat_str(pl.lit("C"), "customer_id").alias("customer_id"),
        "timestamp", "stage", "channel", "touchpoint", "region", "age_band",
        pl.when("_rated").then("satisfaction").alias("satisfaction"),
        pl.when("_answered").then("nps").alias("nps"),
    )
    truth = pl.DataFrame({
        "customer_id": pl.Series(first_customer + np.arange(n)).cast(pl.String).str.zfill(7),
        "segment": pl.Series([s.name for s in SEGMENTS]).gather(segment),
    }).select(pl.concat_str(pl.lit("C"), "customer_id").alias("customer_id"), "segment")
    return events, truth, m


def iter_chunks(customers: int, seed: int) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """(events, truth) of ``customers`` customers, CHUNK_CUSTOMERS customers per pair."""
    if customers < 1:
        raise ValueError("customers must be at least 1")
    journeys = 0
    for k, first in enumerate(range(0, customers, CHUNK_CUSTOMERS)):
        n = min(CHUNK_CUSTOMERS, customers - first)
        events, truth, m = _chunk(first, n, journeys, np.random.default_rng([seed, 2, k]))
        journeys += m
        yield events, truth


def generate(customers: int, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Events (no persona column) and truth (customer_id, segment) of ``customers`` planted customers.

    Example
    -------
    >>> events, truth = generate(3, seed=1)
    >>> truth["customer_id"].to_list()
    ['C0000000', 'C0000001', 'C0000002']
    """
    parts = list(iter_chunks(customers, seed))
    return pl.concat([p[0] for p in parts]), pl.concat([p[1] for p in parts])


def write(customers: int, seed: int, out: Path, truth_out: Path | None = None) -> int:
    """Write the events (zstd Parquet, one row group per chunk) and optionally the truth; return the events."""
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    writer, events, truths = None, 0, []
    try:
        for frame, truth in iter_chunks(customers, seed):
            table = frame.to_arrow(compat_level=pl.CompatLevel.oldest())
            if writer is None:
                writer = pq.ParquetWriter(out, table.schema, compression="zstd")
            writer.write_table(table, row_group_size=len(table))
            events += len(table)
            truths.append(truth)
    finally:
        if writer is not None:
            writer.close()
    if truth_out is not None:
        pl.concat(truths).write_parquet(truth_out)
    return events


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_data.segments", description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="Parquet file of the events")
    parser.add_argument("--truth", type=Path, help="Parquet file of customer_id, segment")
    args = parser.parse_args(argv)
    if args.customers < 1 or args.seed < 0:
        parser.error("--customers must be at least 1 and --seed non-negative")
    started = time.perf_counter()
    events = write(args.customers, args.seed, args.out, args.truth)
    print(f"wrote {events} events of {args.customers} customers to {args.out} in "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
