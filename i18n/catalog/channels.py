"""Channels and handoffs, journey duration, personas."""

TEXT: dict[str, dict[str, str]] = {
    "page_channels": {"en": "Channels & handoffs", "ko": "채널 및 채널 전환"},
    "page_duration": {"en": "Journey duration", "ko": "여정 소요시간"},
    "page_personas": {"en": "Personas", "ko": "페르소나"},
    "sankey_title": {"en": "Channel handoffs", "ko": "채널 간 전환"},
    "sankey_note": {"en": "A handoff is two consecutive touchpoints of a journey in different channels; each flow "
                          "goes from the channel left to the channel taken next.",
                    "ko": "채널 전환은 한 여정에서 연속된 두 접점의 채널이 다른 경우입니다. 흐름은 떠난 채널에서 다음 채널로 "
                          "이어집니다."},
    "tab_flows": {"en": "Flows", "ko": "흐름"},
    "tab_matrix": {"en": "Matrix (from → to)", "ko": "행렬 (출발 → 도착)"},
    "handoff_from": {"en": "From", "ko": "출발"},
    "handoff_to": {"en": "To", "ko": "도착"},
    "handoff_from_axis_down": {"en": "From ↓", "ko": "출발 채널 ↓"},
    "handoff_to_axis": {"en": "Handed off to", "ko": "도착 채널"},
    "handoffs_word": {"en": "Handoffs", "ko": "전환"},
    "n_handoffs": {"en": "n = {n} handoffs (selected journeys: {journeys})", "ko": "n = 전환 {n}회 (선택한 여정 {journeys}건)"},
    "no_handoffs": {"en": "No channel handoffs in the selection.", "ko": "선택한 범위에 채널 전환이 없습니다."},
    "scores_by_channel": {"en": "Scores by channel", "ko": "채널별 점수"},
    "tab_csat": {"en": "CSAT", "ko": "CSAT"},
    "nps_by_channel_note": {"en": "NPS of the journeys that touched the channel: a journey counts for every "
                                  "channel it used.",
                            "ko": "해당 채널을 거친 여정의 NPS입니다. 여러 채널을 쓴 여정은 각 채널에 모두 포함됩니다."},
    "nps_by_handoffs": {"en": "NPS by number of handoffs in the journey", "ko": "여정 내 채널 전환 횟수별 NPS"},
    "handoffs_axis": {"en": "Handoffs in the journey", "ko": "여정 내 채널 전환 횟수"},
    "nps_by_handoffs_note": {"en": "Raw NPS per group, not adjusted: longer journeys have more chances to hand off. "
                                   "The adjusted effect is the sentence at the top.",
                             "ko": "보정하지 않은 그룹별 NPS입니다. 긴 여정일수록 전환 기회가 많습니다. 보정한 효과는 맨 위 "
                                   "문장을 보세요."},
    "channel_table": {"en": "Channels", "ko": "채널"},
    "duration_by_persona": {"en": "Journey duration by persona", "ko": "페르소나별 여정 소요시간"},
    "hours_log_axis": {"en": "Duration (log scale)", "ko": "소요시간 (로그 척도)"},
    "box_note": {"en": "Box: middle half of the journeys (q1–q3), line: median, whiskers: 10th–90th percentile. "
                       "Spans under a minute are drawn at one minute.",
                 "ko": "상자: 여정의 가운데 절반(q1–q3), 선: 중앙값, 수염: 10–90 백분위. 1분 미만은 1분 위치에 그립니다."},
    "duration_table": {"en": "Median and p90 duration per persona", "ko": "페르소나별 소요시간 중앙값과 p90"},
    "dwell_title": {"en": "Dwell time per stage", "ko": "단계별 체류 시간"},
    "dwell_definition": {
        "en": "Dwell time = hours from a journey's first touchpoint in a stage to its first touchpoint in the next "
              "stage it reaches. The last stage of a journey has none. All touchpoints of the selected journeys "
              "count.",
        "ko": "체류 시간 = 한 단계의 첫 접점부터 여정이 다음으로 도달한 단계의 첫 접점까지의 시간. 여정의 마지막 단계는 "
              "체류 시간이 없습니다. 선택한 여정의 모든 접점을 씁니다.",
    },
    "no_dwell": {"en": "No journey in the selection reaches a second stage.",
                 "ko": "선택한 범위에 두 번째 단계에 도달한 여정이 없습니다."},
    "all_journeys": {"en": "All journeys", "ko": "전체 여정"},
    "median": {"en": "Median", "ko": "중앙값"},
    "personas_side_by_side": {"en": "Personas side by side", "ko": "페르소나 비교"},
    "channel_mix": {"en": "Channel mix per persona", "ko": "페르소나별 채널 구성"},
    "share_of_touchpoints": {"en": "% of the persona's touchpoints", "ko": "페르소나 접점 중 비율 %"},
    "n_touchpoints": {"en": "n = {n} touchpoints", "ko": "n = 접점 {n}건"},
    "weakest_title": {"en": "Each persona's weakest stage", "ko": "페르소나별 가장 약한 단계"},
    "weakest_definition": {"en": "The stage with the lowest mean satisfaction among stages with at least {min} "
                                 "ratings from the persona.",
                           "ko": "페르소나의 평가가 {min}건 이상인 단계 중 평균 만족도가 가장 낮은 단계입니다."},
    "weakest_line": {"en": "**{persona}** — {stage}: mean satisfaction {mean}/5, CSAT {csat}% (n = {n} ratings)",
                     "ko": "**{persona}** — {stage}: 평균 만족도 {mean}/5, CSAT {csat}% (n = 평가 {n}건)"},
    "weakest_none": {"en": "**{persona}** — no stage has {min} or more ratings: too few to name a weakest stage.",
                     "ko": "**{persona}** — 평가가 {min}건 이상인 단계가 없어 가장 약한 단계를 정할 수 없습니다."},
    "col_persona": {"en": "Persona", "ko": "페르소나"},
    "col_channel": {"en": "Channel", "ko": "채널"},
    "col_nps": {"en": "NPS", "ko": "NPS"},
    "col_nps_responses": {"en": "NPS answers", "ko": "NPS 응답 수"},
    "col_ces": {"en": "CES", "ko": "CES"},
    "col_ces_responses": {"en": "CES answers", "ko": "CES 응답 수"},
    "col_handoff_rate": {"en": "Handoff rate %", "ko": "채널 전환율 %"},
    "col_median_hours": {"en": "Median (h)", "ko": "중앙값 (시간)"},
    "col_p90_hours": {"en": "p90 (h)", "ko": "p90 (시간)"},
    "col_dwell_journeys": {"en": "Journeys moving on", "ko": "다음 단계로 간 여정"},
    "unit_min": {"en": "{n} min", "ko": "{n}분"},
    "unit_hours_suffix": {"en": " (h)", "ko": " (시간)"},
    "unit_days_suffix": {"en": " (d)", "ko": " (일)"},
    "unit_h": {"en": "{n} h", "ko": "{n}시간"},
    "unit_d": {"en": "{n} d", "ko": "{n}일"},
}
