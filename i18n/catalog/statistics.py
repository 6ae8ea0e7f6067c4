"""Statistics: intervals, tested deltas, key drivers, the handoff effect."""

TEXT: dict[str, dict[str, str]] = {
    "page_drivers": {"en": "Key drivers", "ko": "핵심 동인"},
    "drivers_intro": {
        "en": "Which stage's satisfaction moves the 0–10 recommend answer most, and how each stage performs.",
        "ko": "어느 단계의 만족도가 0–10 추천 응답을 가장 크게 움직이는지, 각 단계의 성과는 어떤지 보여줍니다.",
    },
    "ipm_title": {"en": "Importance–performance matrix", "ko": "중요도–성과 매트릭스"},
    "ipm_x": {"en": "Performance: mean satisfaction (1–5)", "ko": "성과: 평균 만족도 (1–5)"},
    "ipm_y": {"en": "Importance: % of what stage satisfaction explains", "ko": "중요도: 단계 만족도가 설명하는 몫 %"},
    "quadrant_fix_first": {"en": "Fix first", "ko": "우선 개선"},
    "quadrant_keep_up": {"en": "Keep up", "ko": "강점 유지"},
    "quadrant_maintain": {"en": "Don't over-invest", "ko": "과잉 투자 주의"},
    "quadrant_monitor": {"en": "Monitor", "ko": "관찰"},
    "driver_not_significant": {"en": "Not significant (p ≥ 0.05)", "ko": "유의하지 않음 (p ≥ 0.05)"},
    "quadrant_not_significant": {"en": "{quadrant} (not significant)", "ko": "{quadrant} (유의하지 않음)"},
    "drivers_table": {"en": "Drivers, most important first", "ko": "동인 (중요도 순)"},
    "drivers_unavailable": {"en": "Key drivers cannot be estimated for this selection: {reason}.",
                            "ko": "이 선택 범위에서는 핵심 동인을 추정할 수 없습니다: {reason}."},
    "drivers_method": {
        "en": "Journey-level regression (OLS, HC3 robust errors) of the 0–10 answer on each stage's mean satisfaction; "
              "journeys that did not rate a stage stay in the model (a rated/unrated indicator absorbs the gap). "
              "Importance = Shapley share of R²; {journeys} journeys, R² = {r2}. Stages rated by fewer than {min} "
              "journeys are listed without estimates.",
        "ko": "여정 단위 회귀(OLS, HC3 강건 표준오차): 0–10 추천 응답을 단계별 평균 만족도로 설명합니다. 어떤 단계를 평가하지 "
              "않은 여정도 모형에 남습니다(평가 여부 지시변수가 공백을 흡수). 중요도 = R²의 Shapley 몫; 여정 {journeys}건, "
              "R² = {r2}. 평가 여정이 {min}건 미만인 단계는 추정 없이 표시됩니다.",
    },
    "reading_fix_first_lowest": {
        "en": "{stage} matters most to NPS ({importance:.0f}% of what stage satisfaction explains; {coefficient:+.2f} "
              "points on the 0–10 answer per satisfaction point) and is rated lowest of the {stages} stages in the "
              "model ({mean_satisfaction:.2f}/5): fix it first.",
        "ko": "{stage} 단계가 NPS에 가장 중요합니다(단계 만족도가 설명하는 몫의 {importance:.0f}%; 만족도 1점당 0–10 응답 "
              "{coefficient:+.2f}점). 모형의 {stages}개 단계 중 만족도가 가장 낮으니({mean_satisfaction:.2f}/5) 우선 "
              "개선하세요.",
    },
    "reading_fix_first": {
        "en": "{stage} matters most to NPS ({importance:.0f}% of what stage satisfaction explains; {coefficient:+.2f} "
              "points on the 0–10 answer per satisfaction point) and is rated below their average "
              "({mean_satisfaction:.2f}/5 against {average_satisfaction:.2f}; lowest: {lowest_stage} at "
              "{lowest_satisfaction:.2f}/5): a candidate to fix first.",
        "ko": "{stage} 단계가 NPS에 가장 중요합니다(단계 만족도가 설명하는 몫의 {importance:.0f}%; 만족도 1점당 0–10 응답 "
              "{coefficient:+.2f}점). 만족도는 모형 단계 평균보다 낮습니다({mean_satisfaction:.2f}/5, 평균 "
              "{average_satisfaction:.2f}; 가장 낮은 단계: {lowest_stage} {lowest_satisfaction:.2f}/5). 우선 개선 후보입니다.",
    },
    "reading_keep_up": {
        "en": "{stage} matters most to NPS ({importance:.0f}% of what stage satisfaction explains; {coefficient:+.2f} "
              "points on the 0–10 answer per satisfaction point) and is rated at or above the average of the "
              "{stages} stages in the model ({mean_satisfaction:.2f}/5 against {average_satisfaction:.2f}): keep it up.",
        "ko": "{stage} 단계가 NPS에 가장 중요합니다(단계 만족도가 설명하는 몫의 {importance:.0f}%; 만족도 1점당 0–10 응답 "
              "{coefficient:+.2f}점). 만족도가 모형 {stages}개 단계의 평균 이상이니({mean_satisfaction:.2f}/5, 평균 "
              "{average_satisfaction:.2f}) 유지하세요.",
    },
    "reading_none": {"en": "No stage's satisfaction has a clear (95% significant) link to NPS in this selection.",
                     "ko": "이 선택 범위에서는 NPS와 뚜렷한(95% 유의한) 관계를 보이는 단계 만족도가 없습니다."},
    "handoff_effect_title": {"en": "Effect of a channel handoff", "ko": "채널 전환의 영향"},
    "handoff_cost": {
        "en": "Journeys with one more channel handoff score {points:.1f} points lower on the 0–10 recommend answer, "
              "other things equal (stage satisfaction, journey length and persona; 95% CI {low:.2f} to {high:.2f}; "
              "n = {n:,}).",
        "ko": "채널 전환이 한 번 더 있는 여정은 0–10 추천 응답이 {points:.1f}점 낮습니다(다른 조건이 같을 때: 단계 만족도, "
              "여정 길이, 페르소나; 95% 신뢰구간 {low:.2f} ~ {high:.2f}; n = {n:,}).",
    },
    "handoff_gain": {
        "en": "Journeys with one more channel handoff score {points:.1f} points higher on the 0–10 recommend answer, "
              "other things equal (stage satisfaction, journey length and persona; 95% CI {low:.2f} to {high:.2f}; "
              "n = {n:,}).",
        "ko": "채널 전환이 한 번 더 있는 여정은 0–10 추천 응답이 {points:.1f}점 높습니다(다른 조건이 같을 때: 단계 만족도, "
              "여정 길이, 페르소나; 95% 신뢰구간 {low:.2f} ~ {high:.2f}; n = {n:,}).",
    },
    "handoff_none": {
        "en": "Journeys with more channel handoffs score no clearly different 0–10 recommend answer, other things "
              "equal (stage satisfaction, journey length and persona; p = {p_value:.2f}; n = {n:,}).",
        "ko": "다른 조건이 같을 때(단계 만족도, 여정 길이, 페르소나) 채널 전환이 더 많은 여정의 0–10 추천 응답은 뚜렷하게 "
              "다르지 않습니다(p = {p_value:.2f}; n = {n:,}).",
    },
    "handoff_unavailable": {"en": "The handoff effect cannot be estimated for this selection: {reason}.",
                            "ko": "이 선택 범위에서는 채널 전환 효과를 추정할 수 없습니다: {reason}."},
    "col_stage": {"en": "Stage", "ko": "단계"},
    "col_importance": {"en": "Importance %", "ko": "중요도 %"},
    "col_coefficient": {"en": "Points per satisfaction point", "ko": "만족도 1점당 효과"},
    "col_ci_low": {"en": "95% CI low", "ko": "95% 하한"},
    "col_ci_high": {"en": "95% CI high", "ko": "95% 상한"},
    "col_p_value": {"en": "p-value", "ko": "p값"},
    "col_rated_journeys": {"en": "Journeys rating it", "ko": "평가 여정 수"},
    "col_quadrant": {"en": "Quadrant", "ko": "사분면"},
    "help_ci": {"en": "95% CI {low} to {high}.", "ko": "95% 신뢰구간 {low} ~ {high}."},
    "delta_significant": {"en": "Change vs the previous period is significant at 95% ({p}).",
                          "ko": "직전 기간 대비 변화는 95% 수준에서 유의합니다 ({p})."},
    "delta_not_significant": {"en": "Change vs the previous period is not significant at 95% ({p}): "
                                    "it may be noise.",
                              "ko": "직전 기간 대비 변화는 95% 수준에서 유의하지 않습니다 ({p}): 우연일 수 있습니다."},
    "delta_small_sample": {"en": "Small sample: {current} vs {previous} answers (fewer than {min} on a side); "
                                 "{p}, read with care.",
                           "ko": "표본 부족: 응답 {current}건 대 {previous}건 (한쪽이 {min}건 미만); {p}, 해석 주의."},
    "delta_untested": {"en": "Change not tested: no answers or no variation on one side.",
                       "ko": "변화를 검정하지 않음: 한쪽에 응답이 없거나 변동이 없습니다."},
    "tag_significant": {"en": "significant", "ko": "유의"},
    "tag_not_significant": {"en": "not significant", "ko": "유의하지 않음"},
    "tag_small_sample": {"en": "small sample", "ko": "표본 부족"},
    "ci_band": {"en": "NPS 95% CI", "ko": "NPS 95% 신뢰구간"},
    "anomaly": {"en": "Anomaly", "ko": "이상치"},
    "anomaly_none": {"en": "Anomalies (STL residuals) are marked with ◆; none in this selection.",
                     "ko": "이상치(STL 잔차)는 ◆로 표시합니다. 이 선택 범위에는 없습니다."},
    "anomaly_some": {"en": "◆ marks {n} anomalous week(s): beyond 3.5 robust SD of the STL residuals and 4 standard "
                           "errors of the week's own noise.",
                     "ko": "◆는 이상 주 {n}개입니다: STL 잔차의 강건 표준편차 3.5배와 해당 주 표준오차 4배를 모두 넘은 경우."},
    "anomaly_unavailable": {"en": "No anomaly flags: {reason}.", "ko": "이상치 표시 없음: {reason}."},
}
