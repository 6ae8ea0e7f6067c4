"""Generate deterministic, vectorised retail-banking CX touchpoint events with planted effects.

One row is one touchpoint interaction of a customer journey. Every number that
shapes the data (funnel, channel preferences, the pain point, the NPS model) is a
module constant below and is written down in ``sample_data/README.md``, so that
tests elsewhere can assert that analyses recover them.

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

# ---------------------------------------------------------------------------
# Domain vocabulary
# ---------------------------------------------------------------------------

STAGES = ("인지", "탐색", "가입", "본인인증", "이용", "문의", "재이용")
CHANNELS = ("모바일 앱", "인터넷뱅킹", "영업점", "콜센터", "챗봇", "ATM")
PERSONAS = (
    "현금을 사용하는 가정 주부",
    "금융거래 척척척 주도적인 고객",
    "금융 거래가 활발한 비즈니스맨",
    "사회초년생",
)
AGE_BANDS = ("20대", "30대", "40대", "50대", "60대+")
REGIONS = ("서울", "경기", "인천", "부산", "대구", "광주", "대전", "울산", "세종", "강원", "경남", "제주")

APP, WEB, BRANCH, CALL, BOT, ATM = range(len(CHANNELS))


@dataclass(frozen=True)
class Touchpoint:
    """A named step inside a stage: how often it is picked, where it can happen, how it feels."""

    name: str
    stage: str
    weight: float  # relative chance of being the touchpoint, within its stage
    channels: tuple[int, ...]  # channels on which it can happen
    satisfaction_offset: float  # added to the journey-stage quality before rounding


PAIN_POINT = "공동인증서 로그인"

TOUCHPOINTS = (
    Touchpoint("광고 노출", "인지", 0.45, (APP, WEB, BRANCH), 0.0),
    Touchpoint("지인 추천", "인지", 0.30, (APP, WEB, BRANCH, CALL), 0.1),
    Touchpoint("영업점 안내문", "인지", 0.25, (BRANCH,), 0.0),
    Touchpoint("상품 비교", "탐색", 0.40, (APP, WEB, BRANCH, BOT), 0.0),
    Touchpoint("금리 조회", "탐색", 0.40, (APP, WEB, BRANCH, CALL, BOT), 0.0),
    Touchpoint("상담 예약", "탐색", 0.20, (APP, WEB, CALL, BOT), 0.0),
    Touchpoint("가입 신청서 작성", "가입", 0.40, (APP, WEB, BRANCH), 0.0),
    Touchpoint("약관 동의", "가입", 0.30, (APP, WEB, BRANCH), -0.1),
    Touchpoint("계좌 개설", "가입", 0.30, (APP, WEB, BRANCH), 0.2),
    Touchpoint(PAIN_POINT, "본인인증", 0.55, (APP, WEB), -2.0),
    Touchpoint("신분증 촬영", "본인인증", 0.20, (APP, BRANCH), 0.0),
    Touchpoint("휴대폰 인증", "본인인증", 0.25, (APP, WEB, CALL), 0.1),
    Touchpoint("이체", "이용", 0.45, (APP, WEB, BRANCH, CALL, ATM), 0.0),
    Touchpoint("잔액 조회", "이용", 0.35, (APP, WEB, CALL, BOT, ATM), 0.1),
    Touchpoint("카드 결제", "이용", 0.20, (APP, WEB, BRANCH), 0.0),
    Touchpoint("챗봇 문의", "문의", 0.40, (BOT,), -0.1),
    Touchpoint("상담원 연결", "문의", 0.40, (CALL, APP), 0.0),
    Touchpoint("영업점 방문 상담", "문의", 0.20, (BRANCH,), 0.2),
    Touchpoint("추가 상품 가입", "재이용", 0.50, (APP, WEB, BRANCH), 0.0),
    Touchpoint("자동이체 등록", "재이용", 0.50, (APP, WEB, BRANCH, ATM), 0.1),
)
TOUCHPOINT_NAMES = tuple(tp.name for tp in TOUCHPOINTS)

# ---------------------------------------------------------------------------
# Customers
# ---------------------------------------------------------------------------

CUSTOMERS_PER_JOURNEY = 0.7  # customers = round(0.7 * journeys); uniform draw, so many have 2+
PERSONA_SHARE = (0.25, 0.30, 0.25, 0.20)
AGE_BAND_SHARE_BY_PERSONA = (
    (0.02, 0.15, 0.33, 0.30, 0.20),  # 가정 주부
    (0.35, 0.40, 0.17, 0.06, 0.02),  # 척척척 주도적인 고객
    (0.05, 0.35, 0.38, 0.18, 0.04),  # 비즈니스맨
    (0.85, 0.15, 0.00, 0.00, 0.00),  # 사회초년생
)
REGION_SHARE = (0.30, 0.25, 0.07, 0.09, 0.06, 0.04, 0.04, 0.03, 0.02, 0.03, 0.05, 0.02)

# ---------------------------------------------------------------------------
# Funnel and touchpoints per stage
# ---------------------------------------------------------------------------

# Share of journeys reaching each stage. 인지..이용 is a chain (each needs the one
# before); 문의 and 재이용 each need 이용 and are drawn independently of each
# other, so 문의 is optional on the way to 재이용.
REACH_SHARE = (1.00, 0.85, 0.65, 0.60, 0.55, 0.30, 0.40)
TOUCHES_PER_STAGE_SHARE = (0.50, 0.35, 0.15)  # 1, 2 or 3 touchpoints in a reached stage

# ---------------------------------------------------------------------------
# Channels: Markov chain with stickiness
# ---------------------------------------------------------------------------

CHANNEL_STAY_PROB = 0.7  # keep the previous channel if the touchpoint allows it
CHANNEL_PREFERENCE = (  # 모바일 앱, 인터넷뱅킹, 영업점, 콜센터, 챗봇, ATM
    (0.06, 0.04, 0.50, 0.25, 0.02, 0.13),  # 가정 주부
    (0.70, 0.10, 0.03, 0.03, 0.12, 0.02),  # 척척척 주도적인 고객
    (0.32, 0.50, 0.06, 0.06, 0.03, 0.03),  # 비즈니스맨
    (0.55, 0.10, 0.05, 0.05, 0.22, 0.03),  # 사회초년생
)

# ---------------------------------------------------------------------------
# Ratings
# ---------------------------------------------------------------------------

SATISFACTION_STAGE_MEAN = (4.1, 4.0, 3.9, 4.0, 3.5, 3.7, 4.2)  # latent journey-stage quality
SATISFACTION_QUALITY_SD = 0.6  # journey-stage quality spread across journeys
SATISFACTION_NOISE_SD = 0.5  # touchpoint noise around the journey-stage quality
SATISFACTION_RATE = 0.35  # share of touchpoints with a CSAT answer

CES_RATE_BY_STAGE = (0.05, 0.05, 0.45, 0.50, 0.05, 0.50, 0.05)
CES_CENTRE = 5.2  # CES at the average satisfaction latent
CES_SLOPE = 1.1  # CES points per satisfaction point
CES_NOISE_SD = 0.9

COMMENT_RATE_BY_SATISFACTION = (0.30, 0.25, 0.08, 0.08, 0.10)  # rated touchpoints rated 1..5

# NPS closing survey: latent = NPS_BASE + sum_s b_s * (mean answered satisfaction at
# stage s - 3) + HANDOFF_EFFECT * handoffs + persona offset + N(0, NPS_NOISE_SD),
# rounded and clipped to 0..10, answered by NPS_RESPONSE_RATE of journeys.
NPS_BASE = 7.3
NPS_STAGE_WEIGHT = (0.10, 0.15, 0.25, 0.35, 1.20, 0.30, 0.20)
HANDOFF_EFFECT = -0.7
NPS_PERSONA_OFFSET = (0.2, 0.2, -0.3, -0.1)
NPS_NOISE_SD = 1.0
NPS_RESPONSE_RATE = 0.75

# ---------------------------------------------------------------------------
# Time
# ---------------------------------------------------------------------------

YEAR_START = np.datetime64("2025-01-01T00:00:00", "us")
DAYS = 365
WEEKDAY_FACTOR = (1.30, 1.15, 1.10, 1.05, 1.00, 0.55, 0.45)  # Monday .. Sunday
MONTH_FACTOR = (1.05, 0.95, 1.10, 1.00, 0.95, 0.95, 0.90, 0.90, 1.00, 1.05, 1.05, 1.10)
HOUR_FACTOR = (
    0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 1.0, 1.4, 1.5, 1.4,
    1.2, 1.3, 1.4, 1.3, 1.2, 1.1, 1.0, 0.9, 0.9, 0.8, 0.5, 0.3,
)  # fmt: skip
WITHIN_STAGE_GAP_MEAN_S = 120  # same-session steps: 1 s + exponential
SAME_SESSION_STAGE_SHARE = 0.4  # next stage in the same session ...
SAME_SESSION_STAGE_GAP_MEAN_S = 600  # ... 60 s + exponential
LATER_STAGE_GAP_MEDIAN_S = 36 * 3600  # ... otherwise lognormal, median 1.5 days
LATER_STAGE_GAP_SIGMA = 1.0

# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

CHUNK_JOURNEYS = 200_000  # fixed: part of what makes a (journeys, seed) pair reproducible
JOURNEY_ID_DIGITS = 7
CUSTOMER_ID_DIGITS = 6

SCHEMA = {
    "journey_id": pl.String,
    "customer_id": pl.String,
    "timestamp": pl.Datetime("us"),
    "stage": pl.String,
    "channel": pl.String,
    "touchpoint": pl.String,
    "persona": pl.String,
    "region": pl.String,
    "age_band": pl.String,
    "satisfaction": pl.Int8,
    "ces": pl.Int8,
    "nps": pl.Int8,
    "comment": pl.String,
}

# ---------------------------------------------------------------------------
# Comments: templates keyed by sentiment; {tp} is a touchpoint name
# ---------------------------------------------------------------------------

NEGATIVE, NEUTRAL, POSITIVE = range(3)
COMMENT_TEMPLATES = (
    (
        "{tp} 단계가 너무 번거롭고 오래 걸렸어요.",
        "{tp} 할 때 안내가 부족해서 헤맸습니다.",
        "{tp} 중에 오류가 나서 처음부터 다시 했어요.",
    ),
    (
        "{tp} 자체는 무난했어요.",
        "{tp}, 그냥 보통이었습니다.",
        "{tp} 과정은 특별히 좋지도 나쁘지도 않았어요.",
    ),
    (
        "{tp} 단계가 빠르고 편했어요.",
        "{tp} 안내가 친절하고 이해하기 쉬웠습니다.",
        "{tp} 금방 끝나서 만족합니다.",
    ),
)
PAIN_POINT_COMPLAINTS = (
    "공동인증서 로그인이 계속 실패해서 결국 포기할 뻔했어요.",
    "인증서 갱신하라고 해서 한참 헤맸어요. 공동인증서 로그인 너무 불편합니다.",
    "공동인증서 로그인 때문에 보안 프로그램을 몇 개나 설치해야 했어요.",
)


# Planted voice-of-the-customer themes (drawn after every other column, so they change only comments):
# - a complaint about fees (수수료) on rated 이용 touchpoints of detractor journeys (closing answer 0-6),
# - praise of benefits (혜택) on any touchpoint of promoter journeys (9-10),
# - complaints about the app redesign (개편) only in journeys starting in the last LATE_THEME_DAYS days;
# and some comments carry personal data (a phone number or an e-mail address) for masking to hide.
COMPLAINT_STAGE = "이용"
COMPLAINT_SHARE = 0.25  # of the rated touchpoints of detractor journeys in COMPLAINT_STAGE (commented or not)
COMPLAINTS = (
    "이체 수수료가 너무 비싸요.",
    "수수료를 이렇게 많이 떼는 줄 몰랐어요.",
    "다른 은행은 수수료가 없는데 여기는 왜 수수료를 받나요?",
)
PRAISE_SHARE = 0.5  # of the comments of promoter journeys
PRAISES = (
    "우대금리 혜택이 좋아서 친구에게도 추천했어요.",
    "혜택이 많아서 앞으로도 계속 쓸 거예요.",
    "포인트 혜택을 받아서 기분이 좋았습니다.",
)
LATE_THEME_DAYS = 28
LATE_THEME_SHARE = 0.3  # of the comments of journeys starting in the last LATE_THEME_DAYS days
LATE_THEME = (
    "앱 개편 후에 메뉴를 못 찾겠어요.",
    "이번 개편으로 화면이 더 복잡해졌어요.",
    "개편된 앱에서 로그인이 자꾸 풀려요.",
)
CONTACT_SHARE = 0.03  # of comments end with a phone number or an e-mail address
CONTACT_PHRASES = (" 연락 부탁드립니다 010-{a}-{b}", " 답변은 cx{a}{b}@example.com 으로 주세요", " 전화 주세요 010{a}{b}")


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
