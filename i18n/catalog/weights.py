"""Messages of response weights, raking and the response rate (en + ko)."""

TEXT: dict[str, dict[str, str]] = {
    "rake_no_column": {"en": "The raking targets name column '{column}', which this survey does not have.",
                       "ko": "가중 목표 비율에 있는 '{column}' 열이 이 설문에 없습니다."},
    "rake_bad_share": {"en": "The raking target of {column} = {value} is not a share above 0.",
                       "ko": "{column} = {value}의 가중 목표 비율이 0보다 큰 비율이 아닙니다."},
    "rake_value_absent": {"en": "The raking targets give a share to {column} = {value}, but no respondent has that "
                                "value.",
                          "ko": "가중 목표 비율에 {column} = {value}이(가) 있지만 그 값의 응답자가 없습니다."},
    "rake_value_no_target": {"en": "Respondents have {column} = {value}, but the raking targets give it no share.",
                             "ko": "{column} = {value}인 응답자가 있지만 가중 목표 비율에 그 값이 없습니다."},
    "rake_not_converged": {"en": "Raking did not reach the target shares: after {rounds} rounds a share is still {gap} "
                                 "away (the limit is {tolerance}). Check that the targets can be met together.",
                           "ko": "가중(레이킹)이 목표 비율에 이르지 못했습니다: {rounds}회 반복 후에도 {gap}만큼 "
                                 "차이가 납니다(허용 {tolerance}). 목표 비율이 함께 맞을 수 있는지 확인하세요."},
    "rake_file_header": {"en": "{name} is not a raking file: its first line must be column,value,share.",
                         "ko": "{name}은(는) 가중 목표 파일이 아닙니다: 첫 줄이 column,value,share여야 합니다."},
    "rake_file_row": {"en": "{name}, line {line}: a row needs a column, a value and a share (a number).",
                      "ko": "{name} {line}번째 줄: 열, 값, 비율(숫자)이 모두 있어야 합니다."},
    "survey_weight_invalid": {
        "en": "Column '{column}' is the weight, but not every respondent has a weight above 0 ({count} without; "
              "first: row {row}, {value}). Give every respondent a positive weight, or choose no weight column.",
        "ko": "'{column}' 열이 가중치인데 가중치가 0보다 크지 않은 응답자가 있습니다 ({count}명; 첫 번째: {row}행, "
              "{value}). 모든 응답자에게 0보다 큰 가중치를 주거나 가중치 열을 없음으로 하세요.",
    },
    "survey_responded_value": {
        "en": "Column '{column}' says whether each row responded, but '{value}' is neither yes nor no (예/아니오, Y/N, "
              "1/0).",
        "ko": "'{column}' 열은 응답 여부인데 '{value}'는 예/아니오(Y/N, 1/0)가 아닙니다.",
    },
    "field_weight": {"en": "Weight", "ko": "가중치"},
    "field_responded": {"en": "Responded", "ko": "응답 여부"},
    "field_invited": {"en": "Sent date", "ko": "발송일"},
    "survey_field_weight": {"en": "Weight", "ko": "가중치"},
    "survey_field_weight_help": {
        "en": "Each respondent's weight (above 0): NPS, CSAT, their intervals and the key drivers are weighted by it.",
        "ko": "응답자별 가중치(0보다 큼): NPS, CSAT, 신뢰구간, 핵심 동인을 이 가중치로 계산합니다."},
    "survey_field_responded": {"en": "Responded", "ko": "응답 여부"},
    "survey_field_responded_help": {
        "en": "Whether an invited row answered (yes/no, 예/아니오, Y/N, 1/0): gives the response rate.",
        "ko": "발송된 행이 응답했는지 (예/아니오, Y/N, 1/0): 응답률을 구합니다."},
    "survey_field_invited": {"en": "Sent date", "ko": "발송일"},
    "survey_field_invited_help": {
        "en": "When each invitation was sent: gives the response rate by week.",
        "ko": "설문을 발송한 날짜: 주별 응답률을 구합니다."},
    "weighting_line": {"en": "Weighted by {column} (effective n = {n_eff} of {answers} answers).",
                       "ko": "{column} 기준으로 가중했습니다 (유효 표본 {n_eff}, 응답 {answers}건 중)."},
    "weighting_line_raked": {"en": "Weighted to the given shares of {raked} (effective n = {n_eff} of {answers} "
                                   "answers).",
                             "ko": "{raked}의 목표 비율에 맞춰 가중했습니다 (유효 표본 {n_eff}, 응답 {answers}건 중)."},
    "weighting_line_both": {"en": "Weighted by {column}, raked to the given shares of {raked} (effective n = {n_eff} "
                                  "of {answers} answers).",
                            "ko": "{column} 기준으로 가중하고 {raked}의 목표 비율에 맞췄습니다 (유효 표본 {n_eff}, "
                                  "응답 {answers}건 중)."},
    "response_mix_warning": {
        "en": "Who answers changed: from {previous} to {current} NPS moved {delta} points while the mix of "
              "respondents by {column} changed too (both 95% significant), so part of the NPS change may come "
              "from who answered rather than from how customers feel.",
        "ko": "응답자 구성이 바뀌었습니다: {previous}에서 {current} 사이 NPS가 {delta}점 움직였고, {column}별 응답자 "
              "구성도 함께 달라졌습니다(둘 다 95% 유의). NPS 변화의 일부는 고객 경험이 아니라 누가 응답했는지에서 "
              "왔을 수 있습니다.",
    },
    "report_weight_needs_survey": {
        "en": "--weight and --rake weight the respondents of a survey, but this file was read as events (add --survey "
              "to read it as a survey).",
        "ko": "--weight와 --rake는 설문 응답자에 가중치를 주는데, 이 파일은 이벤트로 읽혔습니다 (설문으로 읽으려면 "
              "--survey를 붙이세요)."},
    "rake_file_unreadable": {"en": "The raking file {name} cannot be read.",
                             "ko": "가중 목표 파일 {name}을(를) 읽을 수 없습니다."},
    "reason_weighted_no_anomaly": {
        "en": "unusual weeks are not looked for in weighted NPS (the test counts answers, not weights)",
        "ko": "가중 NPS에서는 이상 주간을 찾지 않습니다 (검정은 가중치가 아니라 응답 수를 셉니다)"},
    "upload_survey_response_rate": {"en": "Response rate: {rate}% ({responded} of {invited} invited answered).",
                                    "ko": "응답률: {rate}% (발송 {invited}건 중 {responded}건 응답)."},
    "response_rate_title": {"en": "Response rate", "ko": "응답률"},
    "response_rate_line": {"en": "{rate}% of the {invited} invited answered ({responded}).",
                           "ko": "발송 {invited}건 중 {rate}%가 응답했습니다 ({responded}건)."},
    "response_rate_by_week": {"en": "By week sent", "ko": "발송 주별"},
    "response_rate_no_week": {"en": "No sent date was mapped, so there is no response rate by week.",
                              "ko": "발송일이 지정되지 않아 주별 응답률이 없습니다."},
    "response_rate_scope": {"en": "Counts every invitation in the file: the filters do not apply to it.",
                            "ko": "파일의 모든 발송 건을 셉니다. 필터는 적용되지 않습니다."},
    "response_rate_missing": {"en": "{n} rows have no responded flag and are left out of the response rate.",
                              "ko": "응답 여부가 비어 있는 {n}개 행은 응답률에서 뺐습니다."},
    "col_invited": {"en": "Invited", "ko": "발송"},
    "col_responded": {"en": "Responded", "ko": "응답"},
    "col_rate_pct": {"en": "Response rate %", "ko": "응답률 %"},
    "col_week_sent": {"en": "Week sent", "ko": "발송 주"},
    "movers_unweighted": {"en": "This table counts answers without the survey's weights (its tests need counts), so "
                                "its NPS and CSAT can differ from the weighted cards above.",
                          "ko": "이 표는 설문 가중치 없이 응답 수로 셉니다(검정에 응답 수가 필요합니다). 그래서 NPS와 "
                                "CSAT이 위의 가중 카드와 다를 수 있습니다."},
}
