"""Messages of survey readings, their figures and the upload mapping (en + ko)."""

TEXT: dict[str, dict[str, str]] = {
    "drivers_no_fit": {"en": "the logistic model did not converge, with or without Firth's penalty",
                       "ko": "로지스틱 모형이 수렴하지 않음 (Firth 벌점 적합도 마찬가지)"},
    "drivers_fit_firth": {"en": "The usual (maximum-likelihood) fit has no finite estimates on these answers, so the "
                                "drivers come from Firth's penalised fit.",
                          "ko": "이 응답에서는 일반(최대우도) 적합의 추정값이 유한하지 않아, Firth 벌점 적합으로 동인을 "
                                "구했습니다."},
    "note_survey_timestamp_by_values": {
        "en": "Column '{column}' holds dates, so it is read as the answer date; another column (or none) can be "
              "chosen for it.",
        "ko": "'{column}' 열에 날짜가 있어 응답일로 읽었습니다. 다른 열을 고르거나 없음으로 할 수 있습니다.",
    },
    "note_survey_comment_by_values": {
        "en": "Column '{column}' holds free text, so it is read as the respondents' comments; another column (or "
              "none) can be chosen for them.",
        "ko": "'{column}' 열에 자유 서술이 있어 응답자 의견으로 읽었습니다. 다른 열을 고르거나 없음으로 할 수 있습니다.",
    },
    "upload_survey_fields_help": {
        "en": "Which columns hold the answer date, the comments, a segment, the respondent id, a weight, whether an "
              "invited row responded and when it was sent (found from the headers and values; change them here).",
        "ko": "응답일, 의견, 세그먼트, 응답자 ID, 가중치, 응답 여부, 발송일이 어느 열인지 고르세요 (머리글과 값으로 "
              "찾았으며 여기서 바꿀 수 있습니다).",
    },
    "survey_field_timestamp": {"en": "Answer date", "ko": "응답일"},
    "survey_field_timestamp_help": {"en": "When each respondent answered: gives the trend and alerts by month.",
                                    "ko": "응답자가 답한 날짜: 월별 추이와 알림에 쓰입니다."},
    "survey_field_comment": {"en": "Comment", "ko": "의견"},
    "survey_field_comment_help": {"en": "The respondents' own words: gives the voice of the customer.",
                                  "ko": "응답자가 직접 쓴 말: 고객의 소리(VoC)에 쓰입니다."},
    "survey_field_persona": {"en": "Segment", "ko": "세그먼트"},
    "survey_field_persona_help": {"en": "A group of respondents (customer type, region…) to compare outcomes by.",
                                  "ko": "결과를 비교할 응답자 집단 (고객 유형, 지역 등)."},
    "survey_field_journey_id": {"en": "Respondent id", "ko": "응답자 ID"},
    "survey_field_journey_id_help": {"en": "One value per row; without it the row number identifies a respondent.",
                                     "ko": "행마다 하나의 값. 없으면 행 번호로 응답자를 구분합니다."},
    "survey_alerts_no_dates": {
        "en": "--alerts compares answers by date, and this survey has no answer-date column; map one with "
              "--map timestamp=COLUMN.",
        "ko": "--alerts는 응답 날짜로 기간을 비교하는데 이 설문에는 응답일 열이 없습니다. --map timestamp=열 로 지정하세요.",
    },
    "survey_detractors_no_outcome": {
        "en": "--detractors lists the respondents with the negative outcome, and this survey has no outcome column; "
              "name one with --outcome COLUMN.",
        "ko": "--detractors는 부정적 결과를 준 응답자 목록인데 이 설문에는 결과 열이 없습니다. --outcome 열 로 지정하세요.",
    },
    "survey_personas": {
        "en": "--personas groups customers by how their journeys unfold over time, and a survey has one row of "
              "answers per respondent; use a segment column as a filter instead (--persona).",
        "ko": "--personas는 시간에 따른 여정 행동으로 고객을 묶는데, 설문은 응답자마다 답 한 행뿐입니다. 대신 세그먼트 열로 "
              "거르세요 (--persona).",
    },
    "note_assumed_field": {
        "en": "Column '{column}' is taken as {field}: its header looks like a typo of that field's name.",
        "ko": "'{column}' 열을 {field}(으)로 읽었습니다. 머리글이 이 항목 이름의 오타로 보입니다.",
    },
    "upload_tab_only": {
        "en": "An upload lives in this browser tab only: reloading the page or opening a new tab starts again "
              "from the default data, and nothing of the file is kept after the tab closes.",
        "ko": "업로드한 파일은 이 브라우저 탭에서만 유지됩니다. 새로고침하거나 새 탭을 열면 기본 데이터로 돌아가며, 탭을 "
              "닫으면 파일의 어떤 내용도 남지 않습니다.",
    },
    "upload_field_missing": {"en": "Required: choose the column that holds it.",
                             "ko": "필수 항목입니다. 이 값이 든 열을 고르세요."},
    "upload_field_ambiguous": {"en": "Columns {columns} could all be this one: choose one.",
                               "ko": "{columns} 열이 모두 이 항목일 수 있습니다. 하나를 고르세요."},
    "upload_field_assumed": {"en": "Taken from '{column}' (its header looks like a typo of this field's name).",
                             "ko": "'{column}' 열로 읽었습니다 (머리글이 이 항목 이름의 오타로 보입니다)."},
    "mapping_chosen_twice": {
        "en": "Column '{column}' is chosen for both {first} and {second}; a column can feed only one field (only "
              "Journey ID and Customer ID may share one).",
        "ko": "'{column}' 열을 {first}와(과) {second} 모두에 골랐습니다. 한 열은 한 항목에만 연결할 수 있습니다 (여정 ID와 "
              "고객 ID만 같은 열을 쓸 수 있습니다).",
    },
}
