"""The sample's world: the bank's stages, channels, touchpoints, personas and regions, and every number that shapes
the data (funnel, channel preferences, the pain point, the NPS model, the comments), written down in
``sample_data/README.md`` so that tests elsewhere can assert that analyses recover them. ``generate.py`` draws the
events from these."""

from __future__ import annotations

from dataclasses import dataclass

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
