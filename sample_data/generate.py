"""Generate deterministic, vectorised retail-banking CX touchpoint events with planted effects.

One row is one touchpoint interaction of a customer journey. Every number that
shapes the data (funnel, channel preferences, the pain point, the NPS model) is a
constant of ``sample_data/vocabulary.py``, written down in ``sample_data/README.md``.

Journeys are generated in fixed-size chunks; chunk ``k`` draws from
``numpy.random.default_rng([seed, 1, k])`` and the per-customer attributes from
``default_rng([seed, 0])``, so the same ``journeys`` and ``seed`` always give the
same rows, and memory stays bounded however many journeys are asked for. Rows
are shuffled within each chunk so nobody can rely on input order.

Command line::

    python -m sample_data.generate --journeys 14000 --seed 7 --out sample_data/events.parquet
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

from sample_data.vocabulary import (
    AGE_BAND_SHARE_BY_PERSONA,
    AGE_BANDS,
    CES_CENTRE,
    CES_NOISE_SD,
    CES_RATE_BY_STAGE,
    CES_SLOPE,
    CHANNEL_PREFERENCE,
    CHANNEL_STAY_PROB,
    CHANNELS,
    CHUNK_JOURNEYS,
    COMMENT_RATE_BY_SATISFACTION,
    COMMENT_TEMPLATES,
    COMPLAINT_SHARE,
    COMPLAINT_STAGE,
    COMPLAINTS,
    CONTACT_PHRASES,
    CONTACT_SHARE,
    CUSTOMER_ID_DIGITS,
    CUSTOMERS_PER_JOURNEY,
    DAYS,
    HANDOFF_EFFECT,
    HOUR_FACTOR,
    JOURNEY_ID_DIGITS,
    LATE_THEME,
    LATE_THEME_DAYS,
    LATE_THEME_SHARE,
    LATER_STAGE_GAP_MEDIAN_S,
    LATER_STAGE_GAP_SIGMA,
    MONTH_FACTOR,
    NEGATIVE,
    NEUTRAL,
    NPS_BASE,
    NPS_NOISE_SD,
    NPS_PERSONA_OFFSET,
    NPS_RESPONSE_RATE,
    NPS_STAGE_WEIGHT,
    PAIN_POINT,
    PAIN_POINT_COMPLAINTS,
    PERSONA_SHARE,
    PERSONAS,
    POSITIVE,
    PRAISE_SHARE,
    PRAISES,
    REACH_SHARE,
    REGION_SHARE,
    REGIONS,
    SAME_SESSION_STAGE_GAP_MEAN_S,
    SAME_SESSION_STAGE_SHARE,
    SATISFACTION_NOISE_SD,
    SATISFACTION_QUALITY_SD,
    SATISFACTION_RATE,
    SATISFACTION_STAGE_MEAN,
    SCHEMA,
    STAGES,
    TOUCHES_PER_STAGE_SHARE,
    TOUCHPOINT_NAMES,
    TOUCHPOINTS,
    WEEKDAY_FACTOR,
    WITHIN_STAGE_GAP_MEAN_S,
    YEAR_START,
)


def _comment_pool() -> list[str]:
    """All comment texts, indexed by (touchpoint * 3 + sentiment) * templates + template."""
    pool = []
    for tp in TOUCHPOINTS:
        for sentiment, templates in enumerate(COMMENT_TEMPLATES):
            if tp.name == PAIN_POINT and sentiment == NEGATIVE:
                pool.extend(PAIN_POINT_COMPLAINTS)
            else:
                pool.extend(t.format(tp=tp.name) for t in templates)
    return pool + list(COMPLAINTS) + list(PRAISES) + list(LATE_THEME)


# ---------------------------------------------------------------------------
# Precomputed tables (derived from the constants above)
# ---------------------------------------------------------------------------


def _normalised(weights: Sequence[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=np.float64)
    return w / w.sum()


def _thresholds(probabilities: np.ndarray) -> np.ndarray:
    """Inner cumulative sums: a uniform u picks ``(u >= thresholds).sum()``."""
    return np.cumsum(probabilities, axis=-1)[..., :-1]


def _pick(u: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Vectorised categorical draw: row i of ``thresholds`` holds the cut points for ``u[i]``."""
    return (u[:, None] >= thresholds).sum(axis=1)


_STAGE_OF_TP = np.array([STAGES.index(tp.stage) for tp in TOUCHPOINTS])
_TP_FIRST = np.array([np.flatnonzero(s == _STAGE_OF_TP)[0] for s in range(len(STAGES))])
_TP_THRESHOLDS = np.full((len(STAGES), 2), 2.0)  # pad: at most 3 touchpoints per stage
for _s in range(len(STAGES)):
    _w = _normalised([tp.weight for tp in TOUCHPOINTS if tp.stage == STAGES[_s]])
    _TP_THRESHOLDS[_s, : len(_w) - 1] = _thresholds(_w)

_ALLOWED = np.zeros((len(TOUCHPOINTS), len(CHANNELS)), dtype=bool)
for _i, _tp in enumerate(TOUCHPOINTS):
    _ALLOWED[_i, list(_tp.channels)] = True
# [persona, touchpoint, channel] preference restricted to the touchpoint's channels
_CHANNEL_WEIGHTS = np.asarray(CHANNEL_PREFERENCE)[:, None, :] * _ALLOWED[None, :, :]
_CHANNEL_THRESHOLDS = _thresholds(_CHANNEL_WEIGHTS / _CHANNEL_WEIGHTS.sum(axis=-1, keepdims=True))
_TP_SAT_OFFSET = np.array([tp.satisfaction_offset for tp in TOUCHPOINTS])

_REACH = np.asarray(REACH_SHARE)
_TOUCHES_THRESHOLDS = _thresholds(_normalised(TOUCHES_PER_STAGE_SHARE))[None, :]
_DAY_WEIGHTS = _normalised(
    [
        WEEKDAY_FACTOR[int((d + 2) % 7)]  # 2025-01-01 is a Wednesday (weekday 2)
        * MONTH_FACTOR[int((YEAR_START + np.timedelta64(d, "D")).astype("datetime64[M]").astype(int) % 12)]
        for d in range(DAYS)
    ]
)
_COMMENT_POOL = _comment_pool()
_TEMPLATES_PER_SENTIMENT = len(COMMENT_TEMPLATES[0])


# ---------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Customers:
    persona: np.ndarray
    region: np.ndarray
    age_band: np.ndarray


def _customers(journeys: int, seed: int) -> _Customers:
    """Persona, region and age band for every customer id; fixed per customer across chunks."""
    rng = np.random.default_rng([seed, 0])
    n = max(1, round(journeys * CUSTOMERS_PER_JOURNEY))
    persona = _pick(rng.random(n), _thresholds(_normalised(PERSONA_SHARE))[None, :])
    region = _pick(rng.random(n), _thresholds(_normalised(REGION_SHARE))[None, :])
    age_thresholds = _thresholds(
        np.asarray(AGE_BAND_SHARE_BY_PERSONA) / np.sum(AGE_BAND_SHARE_BY_PERSONA, axis=1)[:, None]
    )
    age_band = _pick(rng.random(n), age_thresholds[persona])
    return _Customers(persona.astype(np.int8), region.astype(np.int8), age_band.astype(np.int8))


def _reached_stages(rng: np.random.Generator, n: int) -> np.ndarray:
    """Boolean [journey, stage]: which stages each journey reaches (see REACH_SHARE)."""
    u = rng.random((n, len(STAGES)))
    reached = np.empty((n, len(STAGES)), dtype=bool)
    reached[:, 0] = True
    for s in range(1, 5):  # chain 인지 -> 이용
        reached[:, s] = reached[:, s - 1] & (u[:, s] < _REACH[s] / _REACH[s - 1])
    for s in (5, 6):  # 문의 and 재이용 each follow 이용
        reached[:, s] = reached[:, 4] & (u[:, s] < _REACH[s] / _REACH[4])
    return reached


@dataclass(frozen=True)
class PlantedDrop:
    """A test option, off in the committed sample: the NPS of journeys that touch ``channel`` and start in the
    last ``days`` days of the year falls by ``points`` on the 0–10 answer (added to the NPS latent; no extra
    random number is drawn, so every other column equals the sample's, but for the planted comment themes that
    follow the NPS answer)."""

    channel: str
    days: int = 30
    points: float = 2.0


def _chunk(first_journey: int, n: int, customers: _Customers, rng: np.random.Generator,
           drop: PlantedDrop | None = None) -> pl.DataFrame:
    """Events of journeys ``first_journey .. first_journey + n - 1``, rows shuffled."""
    n_stages = len(STAGES)

    # --- journeys -----------------------------------------------------------
    customer = rng.integers(0, len(customers.persona), n)
    persona = customers.persona[customer]
    reached = _reached_stages(rng, n)
    extra_touches = _pick(rng.random(n * n_stages), _TOUCHES_THRESHOLDS).reshape(n, n_stages)
    touches = np.where(reached, 1 + extra_touches, 0)
    length = touches.sum(axis=1)
    offset = np.cumsum(length) - length
    n_events = int(length.sum())

    # --- events in journey order ---------------------------------------------
    journey = np.repeat(np.arange(n), length)
    stage = np.repeat(np.tile(np.arange(n_stages), n), touches.ravel())
    position = np.arange(n_events) - offset[journey]
    touchpoint = _TP_FIRST[stage] + _pick(rng.random(n_events), _TP_THRESHOLDS[stage])
    event_persona = persona[journey]

    # channel: a Markov chain walked one step index at a time across all journeys
    channel = np.empty(n_events, dtype=np.int64)
    for step in range(int(length.max())):
        idx = offset[length > step] + step
        tp = touchpoint[idx]
        fresh = _pick(rng.random(len(idx)), _CHANNEL_THRESHOLDS[event_persona[idx], tp])
        if step == 0:
            channel[idx] = fresh
        else:
            previous = channel[idx - 1]
            stay = (rng.random(len(idx)) < CHANNEL_STAY_PROB) & _ALLOWED[tp, previous]
            channel[idx] = np.where(stay, previous, fresh)
    handoff_event = (position > 0) & (channel != np.roll(channel, 1))
    handoffs = np.bincount(journey, weights=handoff_event, minlength=n)

    # --- timestamps ------------------------------------------------------------
    start_day = _pick(rng.random(n), _thresholds(_DAY_WEIGHTS)[None, :])
    start_hour = _pick(rng.random(n), _thresholds(_normalised(HOUR_FACTOR))[None, :])
    start_s = start_day * 86_400 + start_hour * 3_600 + rng.integers(0, 3_600, n)
    new_stage = (position > 0) & (stage != np.roll(stage, 1))
    same_session = rng.random(n_events) < SAME_SESSION_STAGE_SHARE
    gap_s = np.where(
        new_stage,
        np.where(
            same_session,
            60 + rng.exponential(SAME_SESSION_STAGE_GAP_MEAN_S, n_events),
            rng.lognormal(np.log(LATER_STAGE_GAP_MEDIAN_S), LATER_STAGE_GAP_SIGMA, n_events),
        ),
        1 + rng.exponential(WITHIN_STAGE_GAP_MEAN_S, n_events),
    ).astype(np.int64)
    gap_s[position == 0] = 0
    elapsed_s = np.cumsum(gap_s)
    elapsed_s -= elapsed_s[offset][journey]
    timestamp_us = (start_s[journey] + elapsed_s) * 1_000_000 + YEAR_START.astype(np.int64)

    # --- satisfaction, CES, comments ------------------------------------------
    quality = rng.normal(SATISFACTION_STAGE_MEAN, SATISFACTION_QUALITY_SD, (n, n_stages))
    sat_latent = quality[journey, stage] + _TP_SAT_OFFSET[touchpoint] + rng.normal(0, SATISFACTION_NOISE_SD, n_events)
    satisfaction = np.clip(np.rint(sat_latent), 1, 5).astype(np.int8)
    rated = rng.random(n_events) < SATISFACTION_RATE
    ces = np.clip(
        np.rint(CES_CENTRE + CES_SLOPE * (sat_latent - 3.9) + rng.normal(0, CES_NOISE_SD, n_events)), 1, 7
    ).astype(np.int8)
    ces_answered = rng.random(n_events) < np.asarray(CES_RATE_BY_STAGE)[stage]
    commented = rated & (rng.random(n_events) < np.asarray(COMMENT_RATE_BY_SATISFACTION)[satisfaction - 1])
    sentiment = np.select([satisfaction <= 2, satisfaction == 3], [NEGATIVE, NEUTRAL], POSITIVE)
    comment = (touchpoint * 3 + sentiment) * _TEMPLATES_PER_SENTIMENT + rng.integers(
        0, _TEMPLATES_PER_SENTIMENT, n_events
    )

    # --- NPS on the last event -------------------------------------------------
    cell = journey * n_stages + stage
    rated_count = np.bincount(cell, weights=rated, minlength=n * n_stages).reshape(n, n_stages)
    rated_sum = np.bincount(cell, weights=np.where(rated, satisfaction, 0), minlength=n * n_stages).reshape(n, n_stages)
    stage_term = np.divide(rated_sum, rated_count, out=np.full((n, n_stages), 3.0), where=rated_count > 0) - 3.0
    nps_latent = (
        NPS_BASE
        + stage_term @ np.asarray(NPS_STAGE_WEIGHT)
        + HANDOFF_EFFECT * handoffs
        + np.asarray(NPS_PERSONA_OFFSET)[persona]
        + rng.normal(0, NPS_NOISE_SD, n)
    )
    if drop is not None:
        touched = np.bincount(journey, weights=channel == CHANNELS.index(drop.channel), minlength=n) > 0
        nps_latent = nps_latent - drop.points * (touched & (start_day >= DAYS - drop.days))
    nps = np.clip(np.rint(nps_latent), 0, 10).astype(np.int8)
    nps_answered = np.zeros(n_events, dtype=bool)
    nps_answered[offset + length - 1] = rng.random(n) < NPS_RESPONSE_RATE
    event_nps = nps[journey]

    # --- shuffle and build the frame ------------------------------------------
    order = rng.permutation(n_events)

    # --- planted comment themes (drawn last: every other column is as without them) ----------------
    themes = len(_COMMENT_POOL) - len(COMPLAINTS) - len(PRAISES) - len(LATE_THEME)
    pick = rng.integers(0, 3, n_events)
    u = rng.random(n_events)
    complaint = (nps[journey] <= 6) & (stage == STAGES.index(COMPLAINT_STAGE)) & rated & (u < COMPLAINT_SHARE)
    commented |= complaint  # a complaint is also left on rated touchpoints that had no comment
    praise = (nps[journey] >= 9) & (u < PRAISE_SHARE)
    late = start_day[journey] >= DAYS - LATE_THEME_DAYS
    late_theme = late & (rng.random(n_events) < LATE_THEME_SHARE)
    comment = np.where(complaint, themes + pick, comment)
    comment = np.where(praise, themes + len(COMPLAINTS) + pick, comment)
    comment = np.where(late_theme, themes + len(COMPLAINTS) + len(PRAISES) + pick, comment)
    contact = rng.random(n_events) < CONTACT_SHARE
    contact_text = _contact(rng.integers(0, len(CONTACT_PHRASES), n_events), rng.integers(0, 10_000, n_events),
                            rng.integers(0, 10_000, n_events))
    journey, stage, touchpoint, channel = journey[order], stage[order], touchpoint[order], channel[order]
    customer_of_event = customer[journey]
    frame = pl.DataFrame(
        {
            "journey_id": first_journey + journey,
            "customer_id": customer_of_event,
            "timestamp": pl.Series(timestamp_us[order]).cast(pl.Datetime("us")),
            "stage": _lookup(STAGES, stage),
            "channel": _lookup(CHANNELS, channel),
            "touchpoint": _lookup(TOUCHPOINT_NAMES, touchpoint),
            "persona": _lookup(PERSONAS, persona[journey]),
            "region": _lookup(REGIONS, customers.region[customer_of_event]),
            "age_band": _lookup(AGE_BANDS, customers.age_band[customer_of_event]),
            "satisfaction": satisfaction[order],
            "ces": ces[order],
            "nps": event_nps[order],
            "comment": _lookup(_COMMENT_POOL, comment[order]) + pl.Series(np.where(contact, contact_text, ""))[order],
            "_rated": rated[order],
            "_ces_answered": ces_answered[order],
            "_nps_answered": nps_answered[order],
            "_commented": commented[order],
        }
    )
    return frame.select(
        _padded_id("J", "journey_id", JOURNEY_ID_DIGITS),
        _padded_id("C", "customer_id", CUSTOMER_ID_DIGITS),
        "timestamp",
        "stage",
        "channel",
        "touchpoint",
        "persona",
        "region",
        "age_band",
        pl.when("_rated").then("satisfaction").alias("satisfaction"),
        pl.when("_ces_answered").then("ces").alias("ces"),
        pl.when("_nps_answered").then("nps").alias("nps"),
        pl.when("_commented").then("comment").alias("comment"),
    ).cast(SCHEMA)


def _contact(phrase: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Personal data appended to a comment: a phone number or an e-mail address (CONTACT_PHRASES)."""
    digits_a = np.char.zfill(a.astype(str), 4)
    digits_b = np.char.zfill(b.astype(str), 4)
    out = np.empty(len(phrase), dtype=object)
    for i, template in enumerate(CONTACT_PHRASES):
        head, _, rest = template.partition("{a}")
        middle, _, tail = rest.partition("{b}")
        chosen = phrase == i
        out[chosen] = np.char.add(np.char.add(np.char.add(np.char.add(head, digits_a[chosen]), middle),
                                              digits_b[chosen]), tail)
    return out.astype(str)


def _lookup(values: Sequence[str], codes: np.ndarray) -> pl.Series:
    return pl.Series(values, dtype=pl.String).gather(codes)


def _padded_id(prefix: str, column: str, digits: int) -> pl.Expr:
    return pl.concat_str(pl.lit(prefix), pl.col(column).cast(pl.String).str.zfill(digits)).alias(column)


def iter_chunks(journeys: int, seed: int, drop: PlantedDrop | None = None) -> Iterator[pl.DataFrame]:
    """Yield the events of ``journeys`` journeys, CHUNK_JOURNEYS journeys per frame (``drop``: see PlantedDrop)."""
    if journeys < 1:
        raise ValueError("journeys must be at least 1")
    customers = _customers(journeys, seed)
    for k, first in enumerate(range(0, journeys, CHUNK_JOURNEYS)):
        n = min(CHUNK_JOURNEYS, journeys - first)
        yield _chunk(first, n, customers, np.random.default_rng([seed, 1, k]), drop)


def generate(journeys: int, seed: int, drop: PlantedDrop | None = None) -> pl.DataFrame:
    """Return the events of ``journeys`` synthetic journeys drawn with ``seed``.

    Parameters
    ----------
    journeys: number of journeys (about 7.2 events each).
    seed: any non-negative integer; the same (journeys, seed) gives the same rows in the same order.
    drop: a planted NPS drop in one channel's last days (a test option; see PlantedDrop).

    Returns
    -------
    A frame with the columns and dtypes of ``SCHEMA``, rows in random order.

    Example
    -------
    >>> generate(3, seed=1)["journey_id"].unique().sort().to_list()
    ['J0000000', 'J0000001', 'J0000002']
    """
    return pl.concat(iter_chunks(journeys, seed, drop), rechunk=True)


def write(journeys: int, seed: int, out: Path, drop: PlantedDrop | None = None) -> int:
    """Write the events as zstd Parquet, one row group per chunk; return the number of events."""
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    events = 0
    writer = None
    try:
        for frame in iter_chunks(journeys, seed, drop):
            table = frame.to_arrow(compat_level=pl.CompatLevel.oldest())
            if writer is None:
                writer = pq.ParquetWriter(out, table.schema, compression="zstd")
            writer.write_table(table, row_group_size=len(table))
            events += len(table)
    finally:
        if writer is not None:
            writer.close()
    return events


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_data.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, required=True, help="number of journeys (about 7.2 events each)")
    parser.add_argument(
        "--seed", type=int, required=True, help="random seed; same journeys and seed give the same rows"
    )
    parser.add_argument("--out", type=Path, required=True, help="Parquet file to write")
    parser.add_argument("--planted-drop", metavar="CHANNEL", choices=CHANNELS,
                        help="test data: the NPS of journeys touching CHANNEL falls in the last --drop-days days")
    parser.add_argument("--drop-days", type=int, default=30, help="days of the planted drop (default 30)")
    parser.add_argument("--drop-points", type=float, default=2.0,
                        help="size of the planted drop on the 0-10 answer (default 2.0)")
    args = parser.parse_args(argv)
    if args.journeys < 1 or args.seed < 0:
        parser.error("--journeys must be at least 1 and --seed non-negative")
    started = time.perf_counter()
    drop = PlantedDrop(args.planted_drop, args.drop_days, args.drop_points) if args.planted_drop else None
    events = write(args.journeys, args.seed, args.out, drop)
    seconds = time.perf_counter() - started
    print(f"wrote {events} events, {args.journeys} journeys to {args.out} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
