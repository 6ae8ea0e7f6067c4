"""The KPI cards and the overview page."""

TEXT: dict[str, dict[str, str]] = {
    # Short: six cards share one row at 1400 px (longer labels were cut, "NPS (순추천…"); each card's help says more.
    "kpi_nps": {"en": "NPS", "ko": "NPS"},
    "kpi_csat": {"en": "CSAT %", "ko": "CSAT %"},
    "kpi_ces": {"en": "CES (1–7)", "ko": "CES (1–7)"},
    "kpi_journeys": {"en": "Journeys", "ko": "여정 수"},
    "kpi_median_duration": {"en": "Median duration", "ko": "소요시간 중앙값"},
    # the overview's card: six cards share 1400 px, and "Median duration" / "소요시간 중앙값" were cut to "Median durat…"
    "card_median_duration": {"en": "Median time", "ko": "소요 중앙값"},
    "kpi_handoff_rate": {"en": "Handoff rate %", "ko": "채널 전환율 %"},
    "help_nps": {"en": "% promoters (9–10) − % detractors (0–6) over journeys with an answer; {n} answers.",
                 "ko": "응답한 여정 중 추천자(9–10) % − 비추천자(0–6) %; 응답 {n}건."},
    "help_csat": {"en": "% of satisfaction ratings ≥ 4 of 5 over the selected touchpoints.",
                  "ko": "선택한 접점의 만족도 평가 중 4점 이상(5점 만점) 비율."},
    "help_ces": {"en": "Mean Customer Effort Score (1–7, higher = easier).",
                 "ko": "고객노력점수 평균 (1–7, 높을수록 쉬움)."},
    "help_journeys": {"en": "Selected journeys.", "ko": "선택한 여정 수."},
    "help_median_duration": {"en": "Median of last − first touchpoint time: in hours up to 48 hours, in days beyond.",
                             "ko": "마지막 접점 − 첫 접점 시각의 중앙값: 48시간까지는 시간, 넘으면 일 단위."},
    "help_handoff_rate": {"en": "% of journeys with at least one change of channel between consecutive touchpoints.",
                          "ko": "연속된 접점 사이에 채널이 한 번 이상 바뀐 여정의 비율."},
    # --- overview
    "nps_trend": {"en": "NPS by week", "ko": "주별 NPS"},
    "week": {"en": "Week (first touchpoint)", "ko": "주 (첫 접점)"},
    "answers_share": {"en": "% of answers", "ko": "응답 비율 %"},
    "promoters": {"en": "Promoters (9–10)", "ko": "추천자 (9–10)"},
    "passives": {"en": "Passives (7–8)", "ko": "중립자 (7–8)"},
    "detractors": {"en": "Detractors (0–6)", "ko": "비추천자 (0–6)"},
    "worst_pain_points": {"en": "Worst pain points", "ko": "주요 불편 접점"},
    "pain_point_line": {
        "en": "**{touchpoint}** — {events} events, CSAT {csat}% → {score} unsatisfied interactions expected",
        "ko": "**{touchpoint}** — 이벤트 {events}건, CSAT {csat}% → 예상 불만 상호작용 {score}건",
    },
    "target_line": {"en": "target {value}", "ko": "목표 {value}"},
    "see_journey_map": {"en": "Explained on the journey map", "ko": "여정 지도에서 자세히 보기"},
    "no_pain_points": {"en": "No touchpoint ratings in the selection.", "ko": "선택한 범위에 접점 평가가 없습니다."},
}
