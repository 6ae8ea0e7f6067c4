"""Table column headers."""

TEXT: dict[str, dict[str, str]] = {
    "col_touchpoint": {"en": "Touchpoint", "ko": "접점"},
    "col_events": {"en": "Events", "ko": "이벤트"},
    "col_ratings": {"en": "Ratings", "ko": "평가 수"},
    "col_csat": {"en": "CSAT %", "ko": "CSAT %"},
    "col_mean_satisfaction": {"en": "Mean satisfaction", "ko": "평균 만족도"},
    "col_pain_score": {"en": "Pain score", "ko": "불편 점수"},
    "col_below_average": {"en": "Below average CSAT", "ko": "평균 CSAT 미만"},
    "col_journeys": {"en": "Journeys", "ko": "여정 수"},
    "col_reach_pct": {"en": "Reach %", "ko": "도달률 %"},
    "col_drop_off_pct": {"en": "Drop-off %", "ko": "이탈률 %"},
}
