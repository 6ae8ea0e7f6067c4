"""Why a figure is not shown (too little data, nothing to explain, a survey without event times): the reasons
metrics/ and figures/ return as ``Message(key, **values)``; report.py prints the English, the pages the UI language."""

TEXT: dict[str, dict[str, str]] = {
    # --- key drivers and the handoff effect (metrics.drivers, metrics.handoff_effect)
    "reason_few_nps_answers": {"en": "only {n} journeys have an NPS answer (fewer than {min})",
                               "ko": "NPS 응답이 있는 여정이 {n}개뿐 (최소 {min}개 필요)"},
    "reason_no_rated_stage": {"en": "no stage was rated by at least {min} journeys with an NPS answer",
                              "ko": "NPS 응답이 있는 여정 {min}개 이상이 평가한 단계 없음"},
    "reason_few_for_stages": {"en": "{n} journeys are too few for a model of {k} stages",
                              "ko": "여정 {n}개로는 {k}개 단계의 모형을 추정하기에 부족"},
    "reason_few_for_terms": {"en": "{n} journeys are too few for the {k} terms of the model",
                             "ko": "여정 {n}개로는 모형의 {k}개 항을 추정하기에 부족"},
    "reason_same_nps": {"en": "every NPS answer is the same, so nothing can explain it",
                        "ko": "모든 NPS 응답이 같아 설명할 변동이 없음"},
    "reason_same_handoffs": {"en": "every journey has the same number of handoffs", "ko": "모든 여정의 채널 전환 횟수가 같음"},
    "reason_no_nps_answers": {"en": "no NPS answers in the selection", "ko": "선택한 범위에 NPS 응답 없음"},
    # --- anomalies in a trend (metrics.trend)
    "reason_anomaly_short_week": {"en": "anomalies need at least {min} weeks of data; this selection has {n}",
                                  "ko": "이상치 판정에는 최소 {min}주의 데이터가 필요하지만 이 선택에는 {n}주뿐"},
    "reason_anomaly_short_month": {"en": "anomalies need at least {min} months of data; this selection has {n}",
                                   "ko": "이상치 판정에는 최소 {min}개월의 데이터가 필요하지만 이 선택에는 {n}개월뿐"},
    "reason_anomaly_gaps_week": {"en": "more than a quarter of the weeks have no answers",
                                 "ko": "응답이 없는 주가 4분의 1을 넘음"},
    "reason_anomaly_gaps_month": {"en": "more than a quarter of the months have no answers",
                                  "ko": "응답이 없는 개월이 4분의 1을 넘음"},
    # --- tested changes between two periods (metrics.significance)
    "reason_small_current": {"en": "small sample: {current} {unit} in the current period (fewer than {min})",
                             "ko": "표본 부족: 이번 기간 {unit} {current}건 (최소 {min}건 필요)"},
    "reason_small_previous": {"en": "small sample: {previous} {unit} in the previous period (fewer than {min})",
                              "ko": "표본 부족: 이전 기간 {unit} {previous}건 (최소 {min}건 필요)"},
    "reason_small_both": {"en": "small sample: {current} {unit} in the current period and {previous} {unit} in the "
                                "previous period (fewer than {min})",
                          "ko": "표본 부족: 이번 기간 {unit} {current}건, 이전 기간 {unit} {previous}건 (최소 {min}건 필요)"},
    "reason_unit_answers": {"en": "answers", "ko": "응답"},
    "reason_unit_ratings": {"en": "ratings", "ko": "평점"},
    "reason_no_variation": {"en": "no variation in the answers, so the change cannot be tested",
                            "ko": "응답에 변동이 없어 변화를 검정할 수 없음"},
    # --- key drivers of a survey's outcome (metrics.survey_drivers, figures.survey)
    "reason_survey_few_answers": {"en": "only {n} respondents have an outcome answer (fewer than {min})",
                                  "ko": "결과 응답이 있는 응답자가 {n}명뿐 (최소 {min}명 필요)"},
    "reason_survey_no_rated_touchpoint": {
        "en": "no touchpoint was rated by at least {min} respondents with an outcome answer",
        "ko": "결과 응답이 있는 응답자 {min}명 이상이 평가한 접점 없음"},
    "reason_survey_few_for_touchpoints": {"en": "{n} respondents are too few for a model of {k} touchpoints",
                                          "ko": "응답자 {n}명으로는 {k}개 접점의 모형을 추정하기에 부족"},
    "reason_survey_same_outcome": {"en": "every outcome answer is the same, so nothing can explain it",
                                   "ko": "모든 결과 응답이 같아 설명할 변동이 없음"},
    "reason_survey_one_sided": {"en": "{positives} of {n} respondents have the positive outcome: too few of one value "
                                      "for a model",
                                "ko": "응답자 {n}명 중 {positives}명이 긍정 결과: 한쪽 값이 너무 적어 모형을 추정할 수 없음"},
    "reason_survey_no_outcome": {"en": "the survey has no outcome column (NPS, overall score or a two-valued label) for "
                                       "the ratings to explain",
                                 "ko": "평점으로 설명할 결과 열(NPS, 전반 만족도 점수, 두 값 레이블)이 없음"},
    # --- figures a survey cannot give (figures.survey)
    "reason_survey_no_duration": {"en": "a survey row has no event times, so a respondent's journey has no duration",
                                  "ko": "설문 행에는 이벤트 시각이 없어 응답자의 여정 소요시간이 없음"},
    "reason_survey_no_handoffs": {"en": "a survey row has no event times or sequence, so no channel handoff can be seen",
                                  "ko": "설문 행에는 이벤트 시각과 순서가 없어 채널 전환을 볼 수 없음"},
    "reason_survey_no_dwell": {"en": "a survey row has no event times, so no time is spent between touchpoints",
                               "ko": "설문 행에는 이벤트 시각이 없어 접점 사이의 시간이 없음"},
    "reason_survey_no_paths": {"en": "a survey row has no event times or sequence, so its answers follow no path",
                               "ko": "설문 행에는 이벤트 시각과 순서가 없어 응답이 경로를 이루지 않음"},
    "reason_survey_no_dates": {"en": "the survey has no answer dates", "ko": "설문에 응답 날짜가 없음"},
    # --- voice of the customer (figures.overview.voc)
    "reason_no_comments": {"en": "no comments on the selected touchpoints", "ko": "선택한 접점에 코멘트 없음"},
}
