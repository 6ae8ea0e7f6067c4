"""An airline passenger survey export like the public 25,976-row one, made here deterministically.

Wide: one row per passenger; 14 service ratings 0–5 (0 = not applicable); a two-valued label
``satisfied`` / ``neutral or dissatisfied``; profile columns; no timestamps. The label is drawn from
a logistic model in which ``Online boarding`` has by far the largest weight (the planted driver).
The Korean export has the same answers with Korean headers and labels, ``해당없음`` for 0 and CP949.
"""

from __future__ import annotations

import math
import random

import polars as pl

RATINGS = [
    "Inflight wifi service", "Departure/Arrival time convenient", "Ease of Online booking", "Gate location",
    "Food and drink", "Online boarding", "Seat comfort", "Inflight entertainment", "On-board service",
    "Leg room service", "Baggage handling", "Checkin service", "Inflight service", "Cleanliness",
]
RATINGS_KO = [
    "기내 와이파이 서비스", "출도착 시간 편의성", "온라인 예약 편의성", "탑승구 위치", "기내식과 음료", "온라인 탑승 수속",
    "좌석 편안함", "기내 엔터테인먼트", "탑승 서비스", "다리 공간", "수하물 처리", "체크인 서비스", "기내 서비스", "청결도",
]
# Planted effects on the log-odds of "satisfied" per rating point above 3.
WEIGHTS = {"Online boarding": 1.2, "Inflight wifi service": 0.45, "Seat comfort": 0.3, "Cleanliness": 0.2,
           "Leg room service": 0.2}
DRIVER = "Online boarding"
KO = {"Male": "남성", "Female": "여성", "Loyal Customer": "충성 고객", "disloyal Customer": "비충성 고객",
      "Business travel": "출장", "Personal Travel": "개인 여행", "Business": "비즈니스", "Eco": "이코노미",
      "Eco Plus": "이코노미 플러스", "satisfied": "만족", "neutral or dissatisfied": "보통 또는 불만족"}
# Columns without a 0: every passenger answered them (as in the public file).
ALWAYS_ANSWERED = {"Baggage handling", "Seat comfort", "Cleanliness", "On-board service"}


def airline_survey(rows: int = 3000, seed: int = 7) -> pl.DataFrame:
    """The English export: ``Unnamed: 0`` index, ``id``, profile, 14 ratings 0–5, delays, ``satisfaction`` label."""
    rng = random.Random(seed)
    ids = rng.sample(range(1, 130_000), rows)
    out = []
    for i in range(rows):
        quality = rng.gauss(0, 1)
        answers = {}
        for r in RATINGS:
            if r not in ALWAYS_ANSWERED and rng.random() < 0.04:
                answers[r] = 0  # not applicable
            else:
                answers[r] = max(1, min(5, round(3 + 0.8 * quality + rng.gauss(0, 1.1))))
        logit = -0.3 + sum(w * (answers[r] - 3) for r, w in WEIGHTS.items() if answers[r])
        satisfied = rng.random() < 1 / (1 + math.exp(-logit))
        out.append({
            "Unnamed: 0": i, "id": ids[i], "Gender": rng.choice(["Male", "Female"]),
            "Customer Type": rng.choice(["Loyal Customer"] * 4 + ["disloyal Customer"]),
            "Age": rng.randint(7, 85), "Type of Travel": rng.choice(["Business travel", "Personal Travel"]),
            "Class": rng.choice(["Business", "Eco", "Eco Plus"]), "Flight Distance": rng.randint(31, 4983),
            **answers,
            "Departure Delay in Minutes": rng.choice([0, 0, 0, 5, 17, 42]),
            "Arrival Delay in Minutes": rng.choice([0, 0, 3, 20, 55, None]),
            "satisfaction": "satisfied" if satisfied else "neutral or dissatisfied",
        })
    return pl.DataFrame(out)


def korean(frame: pl.DataFrame) -> pl.DataFrame:
    """The same answers as a Korean agency's export: Korean headers and labels, 해당없음 for 0, no index column."""
    names = {"id": "응답자ID", "Gender": "성별", "Customer Type": "고객 유형", "Age": "나이", "Type of Travel": "여행 유형",
             "Class": "좌석 등급", "Flight Distance": "비행 거리", **dict(zip(RATINGS, RATINGS_KO, strict=True)),
             "Departure Delay in Minutes": "출발 지연(분)", "Arrival Delay in Minutes": "도착 지연(분)",
             "satisfaction": "만족도"}
    return frame.drop("Unnamed: 0").with_columns(
        *(pl.col(c).replace_strict(KO, default=pl.col(c)) for c in ("Gender", "Customer Type", "Type of Travel",
                                                                     "Class", "satisfaction")),
        *(pl.when(pl.col(r) == 0).then(pl.lit("해당없음")).otherwise(pl.col(r).cast(pl.String)).alias(r)
          for r in RATINGS),
    ).rename(names)


def csv_bytes(frame: pl.DataFrame, encoding: str = "utf-8") -> bytes:
    text = frame.write_csv()
    return text.encode(encoding)


# The public export's traits that broke the logistic model: a touchpoint almost every passenger rated (its few
# not-applicable answers all with one label, so its "rated" indicator predicts them perfectly), and one that a
# third of passengers could not rate (flights without wifi).
ALMOST_ALWAYS_RATED = {"Gate location": 2, "Inflight service": 3, "Checkin service": 1}
MOSTLY_RATED = {"Inflight wifi service": 0.35}
WIFI = "Inflight wifi service"


def airline_export(rows: int = 6000, seed: int = 11) -> pl.DataFrame:
    """``airline_survey`` with the public export's not-applicable pattern: ``ALMOST_ALWAYS_RATED`` columns have that
    many 0s, all on passengers labelled ``satisfied``; ``MOSTLY_RATED`` columns have that share of 0s at random; the
    other columns keep ``airline_survey``'s (about 4% of 0s, none in ``ALWAYS_ANSWERED``). The label is drawn from the
    passengers' ratings with the planted weights (a not-applicable answer counts as 3, no effect)."""
    rng = random.Random(seed)
    frame = airline_survey(rows, seed)
    refill = {*ALMOST_ALWAYS_RATED, *MOSTLY_RATED}
    answered = {r: [v or rng.randint(1, 5) if r in refill else v for v in frame[r].to_list()] for r in RATINGS}
    labels = []
    for i in range(rows):
        logit = -0.3 + sum(w * (answered[r][i] - 3) for r, w in WEIGHTS.items() if answered[r][i])
        labels.append("satisfied" if rng.random() < 1 / (1 + math.exp(-logit)) else "neutral or dissatisfied")
    satisfied = [i for i, label in enumerate(labels) if label == "satisfied"]
    for column, count in ALMOST_ALWAYS_RATED.items():
        for i in rng.sample(satisfied, count):
            answered[column][i] = 0
    for column, share in MOSTLY_RATED.items():
        for i in range(rows):
            if rng.random() < share:
                answered[column][i] = 0
    return frame.with_columns(*(pl.Series(r, answered[r], dtype=pl.Int64) for r in RATINGS),
                              pl.Series("satisfaction", labels))


COMPLAINTS = ["좌석이 너무 좁아서 불편했어요", "와이파이가 자꾸 끊겨요", "탑승 수속 줄이 길었어요", "기내식이 식어 있었어요"]
PRAISE = ["승무원이 친절했어요", "온라인 탑승 수속이 빨라서 좋았어요", "기내가 깨끗했어요", "정시에 도착해서 좋았어요"]


def dated_with_comments(frame: pl.DataFrame, seed: int = 5, months: int = 6) -> pl.DataFrame:
    """The export as a Korean agency sends it with its answer date (``응답일``, text ``YYYY-MM-DD`` over ``months``
    months from 2026-01), a 0–10 recommendation question (``추천 의향``, from the label) and a free-text
    ``기타 의견`` (about 60% answered: complaints from unsatisfied passengers, praise from satisfied ones)."""
    rng = random.Random(seed)
    dates, scores, comments = [], [], []
    for label in frame["satisfaction"]:
        happy = label == "satisfied"
        dates.append(f"2026-{rng.randint(1, months):02d}-{rng.randint(1, 28):02d}")
        scores.append(rng.choice([8, 9, 9, 10, 10]) if happy else rng.choice([2, 4, 5, 6, 6, 7, 8]))
        said = rng.choice(PRAISE if happy else COMPLAINTS) if rng.random() < 0.6 else None
        comments.append(None if said is None else f"{said} ({rng.randint(1, 999)})")
    return frame.with_columns(pl.Series("응답일", dates), pl.Series("추천 의향", scores), pl.Series("기타 의견", comments))
