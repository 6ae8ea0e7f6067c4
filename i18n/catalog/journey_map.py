"""The journey map page, its n captions and the low-sample marks."""

TEXT: dict[str, dict[str, str]] = {
    "emotion_curve": {"en": "Emotion curve: mean satisfaction per stage", "ko": "감정 곡선: 단계별 평균 만족도"},
    "mean_satisfaction": {"en": "Mean satisfaction (1–5)", "ko": "평균 만족도 (1–5)"},
    "funnel": {"en": "Stage funnel", "ko": "단계별 퍼널"},
    "reach_pct": {"en": "% of journeys reaching the stage", "ko": "단계 도달 여정 비율 %"},
    "drop_off": {"en": "drop-off", "ko": "이탈"},
    "vs_all": {"en": "{diff} vs all journeys", "ko": "전체 여정 대비 {diff}"},
    "funnel_optional": {"en": "optional", "ko": "선택 단계"},
    "funnel_note": {"en": "Above each bar: the share of journeys that reach the stage and, below it, the drop-off "
                          "from the previous step. Pale bars are optional stages ({stages}): a later stage is reached by "
                          "more journeys, so journeys pass them by and they are not steps of the funnel.",
                    "ko": "막대 위 숫자는 그 단계에 도달한 여정 비율이고, 그 아래 숫자는 이전 단계 대비 이탈률입니다. 옅은 "
                          "막대({stages})는 선택 단계입니다: 뒤 단계에 도달한 여정이 더 많아 여정이 거치지 않고 지나가므로 "
                          "퍼널의 단계로 보지 않습니다."},
    "heatmap": {"en": "Satisfaction by stage and channel", "ko": "단계 × 채널 만족도"},
    "pain_table": {"en": "Pain-point touchpoints", "ko": "불편 접점"},
    "pain_by_stage_channel": {"en": "This data has no touchpoint names, so each stage × channel pair is ranked as "
                                     "a touchpoint.",
                              "ko": "이 데이터에는 접점 이름이 없어 단계 × 채널 조합을 접점처럼 순위를 매겼습니다."},
    "pain_explained": {
        "en": "Pain score = touchpoint events × (100 − CSAT) / 100: the expected number of unsatisfied "
              "interactions. Touchpoints rated below the average CSAT come first, each group by pain score; "
              "only they are pain points.",
        "ko": "불편 점수 = 접점 이벤트 수 × (100 − CSAT) / 100: 예상되는 불만족 상호작용 수. 평균 CSAT보다 낮게 평가된 "
              "접점이 먼저(각각 불편 점수 순) 나오며, 이들만 불편 접점입니다.",
    },
    "stage_axis": {"en": "Stage", "ko": "단계"},
    "channel_axis": {"en": "Channel", "ko": "채널"},
    # --- n captions and low sample
    "n": {"en": "n", "ko": "n"},
    "n_journeys": {"en": "n = {n} journeys", "ko": "n = 여정 {n}건"},
    "n_answers": {"en": "n = {n} answers", "ko": "n = 응답 {n}건"},
    "n_ratings": {"en": "n = {n} ratings", "ko": "n = 평가 {n}건"},
    "low_sample_note": {"en": "Hollow markers, hatched bars and * mark groups with fewer than {min} answers "
                               "(low sample: read with care).",
                        "ko": "속이 빈 점, 빗금 막대, * 표시는 응답이 {min}건 미만인 그룹입니다(표본 부족: 해석 주의)."},
    "low_sample_tag": {"en": "(n<{min})", "ko": "(n<{min})"},
    "download_csv": {"en": "Download CSV", "ko": "CSV 다운로드"},
}
