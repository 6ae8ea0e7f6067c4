"""The executive story's words: the plain headline (templates of metrics/story.py, prefix ``headline_``), its
statistics for the help text, and the notes the story shows beside it."""

TEXT: dict[str, dict[str, str]] = {
    "headline_fix_driver_lowest_pain": {
        "en": "Fix first: {stage}. Its rating goes with NPS more than any other stage's, it is rated lowest "
              "({satisfaction:.2f}/5) and it holds the worst pain point, {touchpoint} (CSAT {pain_csat:.0f}%).",
        "ko": "우선 개선: {stage}. 이 단계의 만족도가 다른 어느 단계보다 NPS와 함께 움직이고, 만족도가 가장 "
              "낮으며({satisfaction:.2f}/5), 가장 큰 불편 접점 {touchpoint}(CSAT "
              "{pain_csat:.0f}%)이 있는 단계입니다.",
    },
    "headline_fix_driver_lowest": {
        "en": "Fix first: {stage}. Its rating goes with NPS more than any other stage's and it is rated lowest "
              "({satisfaction:.2f}/5).",
        "ko": "우선 개선: {stage}. 이 단계의 만족도가 다른 어느 단계보다 NPS와 함께 움직이고, 만족도가 가장 "
              "낮은({satisfaction:.2f}/5) 단계입니다.",
    },
    "headline_fix_driver_pain": {
        "en": "Fix first: {stage}. Its rating goes with NPS more than any other stage's and it holds the worst "
              "pain point, {touchpoint} (CSAT {pain_csat:.0f}%).",
        "ko": "우선 개선: {stage}. 이 단계의 만족도가 다른 어느 단계보다 NPS와 함께 움직이고, 가장 큰 불편 "
              "접점 {touchpoint}(CSAT {pain_csat:.0f}%)이 있는 단계입니다.",
    },
    "headline_fix_lowest_pain": {
        "en": "Fix first: {stage}. It is rated lowest ({satisfaction:.2f}/5) and holds the worst pain point, "
              "{touchpoint} (CSAT {pain_csat:.0f}%).",
        "ko": "우선 개선: {stage}. 만족도가 가장 낮고({satisfaction:.2f}/5) 가장 큰 불편 접점 "
              "{touchpoint}(CSAT {pain_csat:.0f}%)이 있는 단계입니다.",
    },
    "headline_fix_none": {
        "en": "No single fix first: the stage ratings, the stage that goes with NPS most and the pain points "
              "name different stages.",
        "ko": "하나의 우선 개선 단계가 없습니다: 단계 만족도, NPS와 가장 함께 움직이는 단계, 불편 접점이 서로 다른 "
              "단계를 가리킵니다.",
    },
    "headline_part_driver": {
        "en": "{driver_stage} is the stage whose rating goes with NPS most (rated {driver_satisfaction:.2f}/5).",
        "ko": "NPS와 가장 함께 움직이는 만족도는 {driver_stage} 단계입니다(만족도 "
              "{driver_satisfaction:.2f}/5).",
    },
    "headline_part_lowest": {
        "en": "{lowest_stage} is rated lowest ({lowest_satisfaction:.2f}/5).",
        "ko": "만족도가 가장 낮은 단계는 "
              "{lowest_stage}입니다({lowest_satisfaction:.2f}/5).",
    },
    "headline_part_pain": {
        "en": "The worst pain point, {touchpoint} (CSAT {pain_csat:.0f}%), is in {pain_stage}.",
        "ko": "가장 큰 불편 접점 {touchpoint}(CSAT {pain_csat:.0f}%)은 {pain_stage} "
              "단계에 있습니다.",
    },
    "headline_part_no_driver": {
        "en": "No stage's rating clearly goes with NPS.",
        "ko": "NPS와 뚜렷하게 함께 움직이는 단계 만족도는 없습니다.",
    },
    "headline_part_no_lowest": {
        "en": "No stage has {min_sample} ratings or more.",
        "ko": "평가가 {min_sample}건 이상인 단계가 없습니다.",
    },
    "headline_part_no_pain": {
        "en": "No touchpoint stands out: none is rated clearly below the average CSAT.",
        "ko": "두드러지는 접점이 없습니다: 평균 CSAT보다 뚜렷하게 낮게 평가된 접점이 없습니다.",
    },
    "headline_nps_significant": {
        "en": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, a significant change.",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 {change:+.1f}, "
              "유의한 변화입니다.",
    },
    "headline_nps_not_significant": {
        "en": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, not a significant change.",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 {change:+.1f}, "
              "유의한 변화가 아닙니다.",
    },
    "headline_nps_unchanged": {
        "en": "NPS {nps:.1f} in {period}, unchanged against {previous_period}.",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 변화가 없습니다.",
    },
    "headline_nps_small_sample": {
        "en": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, on too few answers to tell "
              "({n_current} and {n_previous}; fewer than {min_sample} on a side).",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 "
              "{change:+.1f}이지만 응답이 적어 판단할 수 없습니다({n_current}건, "
              "{n_previous}건; 한쪽이 {min_sample}건 미만).",
    },
    "headline_nps_untested": {
        "en": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period} (every answer is the same, so "
              "the change cannot be tested).",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 "
              "{change:+.1f}(모든 응답이 같아 변화를 검정할 수 없음).",
    },
    "headline_nps_no_previous": {
        "en": "NPS {nps:.1f} in {period}; nothing to compare with: {previous_period} has no answers.",
        "ko": "{period} NPS {nps:.1f}; 비교할 대상이 없습니다: {previous_period}에는 "
              "응답이 없습니다.",
    },
    "headline_nps_none": {
        "en": "No NPS answers in {period}.",
        "ko": "{period}에 NPS 응답이 없습니다.",
    },
    "headline_mover": {
        "en": "Biggest move: {metric} for {dimension} {value}, {change:+.1f}{unit} ({previous:.1f} → "
              "{current:.1f}), a significant change.",
        "ko": "가장 큰 변화: {dimension} {value}의 {metric}, "
              "{change:+.1f}{unit}({previous:.1f} → {current:.1f}), 유의한 "
              "변화입니다.",
    },
    "headline_mover_all": {
        "en": "Only the selection as a whole changed significantly: {metric} {change:+.1f}{unit} "
              "({previous:.1f} → {current:.1f}).",
        "ko": "선택 전체만 유의하게 변했습니다: {metric} "
              "{change:+.1f}{unit}({previous:.1f} → {current:.1f}).",
    },
    "headline_mover_none": {
        "en": "No segment changed significantly.",
        "ko": "유의하게 변한 세그먼트가 없습니다.",
    },
    "headline_changes": {
        "en": "What changed: {items}.",
        "ko": "무엇이 바뀌었나: {items}.",
    },
    "headline_change_segment": {
        "en": "{metric} for {dimension} {value} {change:+.1f}{unit} ({previous:.1f} → {current:.1f})",
        "ko": "{dimension} {value}의 {metric} {change:+.1f}{unit}({previous:.1f} → {current:.1f})",
    },
    "headline_change_theme": {
        "en": "comments mentioning “{keyword}” up from {previous:.1f}% to {current:.1f}%",
        "ko": "“{keyword}” 언급 의견 {previous:.1f}% → {current:.1f}%",
    },
    "headline_changes_none": {
        "en": "Nothing changed significantly: no segment's NPS or CSAT, and no comment theme.",
        "ko": "유의하게 바뀐 것이 없습니다: 세그먼트의 NPS·CSAT도, 의견 주제도 그대로입니다.",
    },
    "headline_changes_nothing_to_compare": {
        "en": "What changed: nothing to compare with; {previous_period} has no data.",
        "ko": "무엇이 바뀌었나: 비교할 대상이 없습니다. {previous_period}에는 데이터가 없습니다.",
    },
    "movers_nothing_to_compare": {
        "en": "Nothing to compare with: {previous} has no data, so no change can be tested.",
        "ko": "비교할 대상이 없습니다: {previous}에는 데이터가 없어 변화를 검정할 수 없습니다.",
    },
    "headline_metric_nps": {
        "en": "NPS",
        "ko": "NPS",
    },
    "headline_metric_csat": {
        "en": "CSAT",
        "ko": "CSAT",
    },
    "headline_unit_nps": {
        "en": "",
        "ko": "",
    },
    "headline_unit_csat": {
        "en": " pp",
        "ko": "%p",
    },
    "headline_complaint": {
        "en": "A much more common complaint among detractors than among promoters: “{keyword}”.",
        "ko": "추천 고객보다 비추천 고객에게서 훨씬 자주 나오는 불만: “{keyword}”.",
    },
    # the keywords of the comments not computed yet (a first load): said in place of the complaint and the rising
    # themes, filled in when they are ready
    "headline_comments_running": {
        "en": "The comment analysis is still running: the detractors' most distinctive complaint and the rising "
              "comment themes are added here when it finishes.",
        "ko": "의견 분석이 아직 진행 중입니다: 끝나면 비추천 고객의 두드러진 불만과 늘어나는 의견 주제가 여기에 "
              "추가됩니다.",
    },
    "pain_voice_running": {
        "en": "The comment analysis is still running: what detractors say at each pain point is added when it "
              "finishes.",
        "ko": "의견 분석이 아직 진행 중입니다: 끝나면 각 불편 접점에서 비추천 고객이 하는 말이 추가됩니다.",
    },
    # the statistics behind the headline's plain words: the headline's help text (docs/statistics.md has the long form)
    "headline_statistics": {
        "en": "The statistics behind these words. *Significant*: a two-sided z test at p < 0.05 with at least "
              "{min_sample} answers on each side (the NPS change: {nps_p}). A segment's change is significant when it "
              "stays so with all {tested} segment figures tested together (Benjamini–Hochberg at 5%; the biggest "
              "move: {mover_p}). *Goes with NPS most*: the largest share of what the stage ratings explain of the "
              "0–10 answer in the key-driver model (Shapley share of R²: {importance}); a link, not a proven cause. "
              "*A much more common complaint among detractors*: weighted log-odds z ≥ 1.96 against promoters' "
              "comments ({z}). Definitions: docs/statistics.md.",
        "ko": "이 문장들 뒤의 통계. *유의한 변화*: 양쪽 응답이 각각 {min_sample}건 이상일 때 양측 z 검정 p < 0.05 "
              "(NPS 변화: {nps_p}). 세그먼트 변화는 세그먼트 수치 {tested}개를 함께 검정해도 유의할 때만 유의합니다"
              "(Benjamini–Hochberg 5%; 가장 큰 변화: {mover_p}). *NPS와 가장 함께 움직이는 단계*: 핵심 동인 모형에서 "
              "단계 만족도가 설명하는 0–10 응답 몫 중 가장 큰 몫(R²의 Shapley 몫: {importance}); 인과가 증명된 것은 "
              "아닙니다. *비추천 고객에게서 훨씬 자주 나오는 불만*: 추천 고객 의견 대비 가중 로그 오즈 z ≥ 1.96 "
              "({z}). 정의: docs/statistics.md.",
    },
    # pain points: only touchpoints significantly below the average (metrics/pain_points.py)
    "pain_none_stands_out": {
        "en": "No touchpoint stands out: none is rated clearly below the average CSAT ({average}%), beyond what chance "
              "alone would give.",
        "ko": "두드러지는 접점이 없습니다: 평균 CSAT({average}%)보다 우연 이상으로 뚜렷하게 낮게 평가된 접점이 없습니다.",
    },
    "pain_ranked_clearly": {
        "en": "Touchpoints rated clearly below the average CSAT ({average}%: even the top of their 95% interval is "
              "below it), ranked by expected unsatisfied interactions (events × (100 − CSAT) / 100).",
        "ko": "평균 CSAT({average}%)보다 뚜렷하게 낮게 평가된 접점(95% 구간의 위쪽 끝도 평균보다 낮음)을 예상 불만족 "
              "상호작용 수(이벤트 × (100 − CSAT) / 100) 순으로 보여 줍니다.",
    },
    "col_clearly_below_average": {"en": "Clearly below average CSAT", "ko": "평균 CSAT보다 뚜렷이 낮음"},
    # periods: "the last 30 days" are the last 30 days of the data, to its last date
    "period_data_last_30": {"en": "the last 30 days of data", "ko": "데이터의 마지막 30일"},
    "period_data_last_90": {"en": "the last 90 days of data", "ko": "데이터의 마지막 90일"},
    "period_data_quarter": {"en": "the data's latest quarter to date", "ko": "데이터의 마지막 분기(누적)"},
    "period_data_ytd": {"en": "the data's latest year to date", "ko": "데이터의 마지막 해(누적)"},
    "period_span_to": {"en": "{name}, to {until}", "ko": "{name}({until}까지)"},
    "period_choice_data_last_30": {"en": "Last 30 days of data", "ko": "데이터의 마지막 30일"},
    "period_choice_data_last_90": {"en": "Last 90 days of data", "ko": "데이터의 마지막 90일"},
    "period_choice_data_quarter": {"en": "Latest quarter of data", "ko": "데이터의 마지막 분기"},
    "period_choice_data_ytd": {"en": "Latest year of data, to date", "ko": "데이터의 마지막 해(누적)"},
    "data_ends_long_ago": {
        "en": "The data ends on {last}, {days} days before today: every period here ends with the data, so \"the "
              "last 30 days\" are the 30 days to {last}, not to today.",
        "ko": "데이터는 {last}에 끝납니다(오늘보다 {days}일 전). 여기의 모든 기간은 데이터의 끝에서 끝나므로 \"최근 30일\"은 "
              "오늘이 아니라 {last}까지의 30일입니다.",
    },
}
