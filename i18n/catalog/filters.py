"""The filter sidebar, its warnings, the empty result and the shared error lines."""

TEXT: dict[str, dict[str, str]] = {
    "filters": {"en": "Filters", "ko": "필터"},
    "since": {"en": "From (first touchpoint)", "ko": "시작일 (첫 접점)"},
    "until": {"en": "To (first touchpoint)", "ko": "종료일 (첫 접점)"},
    "help_dates": {
        "en": "Selects whole journeys by the date of their first touchpoint (inclusive); a journey is never "
              "cut in half. Leave empty for all dates.",
        "ko": "첫 접점 날짜(양 끝 포함)로 여정 전체를 선택합니다. 여정은 중간에 잘리지 않습니다. 비워 두면 전체 기간입니다.",
    },
    "persona": {"en": "Persona", "ko": "페르소나"},
    "help_persona": {
        "en": "Selects journeys of these personas (a journey's persona is its first non-empty value). "
              "Empty: all personas.",
        "ko": "선택한 페르소나의 여정만 봅니다(여정의 페르소나는 첫 번째 값). 비워 두면 전체입니다.",
    },
    "channel": {"en": "Channel", "ko": "채널"},
    "help_channel": {
        "en": "Touchpoint metrics (CSAT, CES, events, per-stage satisfaction) use only touchpoints in these "
              "channels; journey metrics (NPS, journeys, duration, handoffs, funnel) use the journeys that "
              "touched one. Empty: all channels.",
        "ko": "접점 지표(CSAT, CES, 이벤트, 단계별 만족도)는 선택한 채널의 접점만, 여정 지표(NPS, 여정 수, 소요시간, "
              "채널 전환, 퍼널)는 해당 채널을 거친 여정을 씁니다. 비워 두면 전체입니다.",
    },
    "stage": {"en": "Stage", "ko": "단계"},
    "help_stage": {
        "en": "Touchpoint metrics use only touchpoints in these stages; journey metrics use the journeys that "
              "reached one. With a channel too, a journey needs a touchpoint in a selected channel and a "
              "selected stage. Empty: all stages.",
        "ko": "접점 지표는 선택한 단계의 접점만, 여정 지표는 해당 단계에 도달한 여정을 씁니다. 채널도 선택하면 두 조건을 "
              "모두 만족하는 접점이 있어야 합니다. 비워 두면 전체입니다.",
    },
    "help_dim": {
        "en": "A journey attribute: selects journeys whose first non-empty {column} is one of these. Empty: all.",
        "ko": "여정 속성: 첫 번째 {column} 값이 선택한 값인 여정만 봅니다. 비워 두면 전체입니다.",
    },
    "all": {"en": "All", "ko": "전체"},
    "reset_filters": {"en": "Clear filters", "ko": "필터 초기화"},
    # the line above every page naming the active filters
    "filter_line": {"en": "Filtered: {filters}", "ko": "필터 적용: {filters}"},
    "filter_line_part": {"en": "{name}: {values}", "ko": "{name}: {values}"},
    "filter_line_dates": {"en": "first touchpoint {since} – {until}", "ko": "첫 접점 {since} – {until}"},
    "filter_line_clear": {"en": "Clear all", "ko": "모두 해제"},
    "warn_unknown_value": {"en": "Ignored {param}={value} from the link: no such value in the data.",
                           "ko": "링크의 {param}={value}을(를) 무시했습니다: 데이터에 없는 값입니다."},
    "warn_bad_date": {"en": "Ignored {param}={value} from the link: not a date of the form YYYY-MM-DD.",
                      "ko": "링크의 {param}={value}을(를) 무시했습니다: YYYY-MM-DD 형식의 날짜가 아닙니다."},
    "warn_date_clamped": {"en": "{param}={value} is outside the data ({lo} – {hi}); using {used}.",
                          "ko": "{param}={value}은(는) 데이터 기간({lo} – {hi}) 밖이므로 {used}을(를) 씁니다."},
    "warn_swapped": {"en": "The start date was after the end date; they were swapped ({since} – {until}).",
                     "ko": "시작일이 종료일보다 늦어 서로 바꿨습니다 ({since} – {until})."},
    "warn_unknown_lang": {"en": "Unknown language lang={value}; showing English.",
                          "ko": "알 수 없는 언어 lang={value}; 영어로 표시합니다."},
    # --- empty result and errors
    "nothing_matches": {"en": "Nothing matches these filters. Relax {filters}.",
                        "ko": "이 필터에 맞는 데이터가 없습니다. {filters} 필터를 완화해 보세요."},
    "nothing_matches_any": {"en": "Nothing matches these filters. Relax one of them.",
                            "ko": "이 필터에 맞는 데이터가 없습니다. 필터 중 하나를 완화해 보세요."},
    "or": {"en": " or ", "ko": " 또는 "},
    "date_range": {"en": "the date range", "ko": "기간"},
    "chart_failed": {"en": "This part could not be drawn: {error}", "ko": "이 부분을 그릴 수 없습니다: {error}"},
    "no_answers": {"en": "No answers for this chart in the selection.", "ko": "선택한 범위에 이 차트의 응답이 없습니다."},
}
