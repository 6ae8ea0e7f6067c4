"""Messages of the loop: cases, actions and their impact (loop/, figures/loop.py, pages/loop.py, report.py --loop)."""

TEXT: dict[str, dict[str, str]] = {
    # --- the database and its writes (loop/)
    "loop_database_error": {
        "en": "The cases database ({kind}) cannot be opened or updated ({problem}): whoever runs the dashboard must "
              "check CXLENS_DATABASE_URL.",
        "ko": "사례 데이터베이스({kind})를 열거나 갱신할 수 없습니다({problem}). 대시보드 운영자가 "
              "CXLENS_DATABASE_URL을 확인해야 합니다."},
    "loop_bad_due_days": {"en": "Setting case_due_days (CXLENS_CASE_DUE_DAYS) must be a whole number of days of at "
                                "least 1, not {value}.",
                          "ko": "설정 case_due_days(CXLENS_CASE_DUE_DAYS)는 1 이상의 일수여야 합니다({value}은(는) 안 됨)."},
    "loop_missing_owner": {"en": "Name the owner: who is responsible?", "ko": "담당자를 입력하세요."},
    "loop_missing_editor": {"en": "Enter your name first (\"You are\"): every change is kept with who made it.",
                            "ko": "먼저 이름을 입력하세요(\"작성자\"). 모든 변경은 누가 했는지와 함께 기록됩니다."},
    "loop_missing_root_cause": {"en": "Name the root cause to add.", "ko": "추가할 근본 원인을 입력하세요."},
    "loop_missing_title": {"en": "Give the action a title.", "ko": "개선 활동의 제목을 입력하세요."},
    "loop_missing_target": {"en": "Name what the action changes (the stage, touchpoint, channel or keyword).",
                            "ko": "개선 활동이 바꾸는 대상(단계, 접점, 채널 또는 키워드)을 입력하세요."},
    "loop_bad_status": {"en": "Status {status} is not one of {allowed}.",
                        "ko": "상태 {status}은(는) {allowed} 중 하나가 아닙니다."},
    "loop_bad_target": {"en": "An action is tied to one of {allowed}, not {kind}.",
                        "ko": "개선 활동의 대상은 {allowed} 중 하나여야 합니다({kind}은(는) 안 됨)."},
    "loop_bad_metric": {"en": "Metric {metric} is not one of {allowed}.",
                        "ko": "지표 {metric}은(는) {allowed} 중 하나가 아닙니다."},
    "loop_bad_due_date": {"en": "The due date {value} is not a date.", "ko": "기한 {value}은(는) 날짜가 아닙니다."},
    "loop_unknown_root_cause": {"en": "{cause} is not in the team's list of root causes: add it to the list first.",
                                "ko": "{cause}은(는) 팀의 근본 원인 목록에 없습니다. 먼저 목록에 추가하세요."},
    "loop_launch_without_date": {"en": "A launched action needs its launch date.",
                                 "ko": "시행된 개선 활동에는 시행일이 필요합니다."},
    "loop_case_missing": {"en": "There is no case #{id}.", "ko": "사례 #{id}이(가) 없습니다."},
    "loop_action_missing": {"en": "There is no action #{id}.", "ko": "개선 활동 #{id}이(가) 없습니다."},
    "loop_case_conflict": {
        "en": "Not saved: {by} changed case #{id} at {at} (UTC) after you opened it. The case now shows their "
              "change; make yours again.",
        "ko": "저장되지 않았습니다. 사례 #{id}을(를) 연 뒤 {by} 님이 {at}(UTC)에 변경했습니다. 변경된 내용을 "
              "확인한 뒤 다시 수정하세요."},
    "loop_action_conflict": {
        "en": "Not saved: {by} changed action #{id} at {at} (UTC) after you opened it. The action now shows their "
              "change; make yours again.",
        "ko": "저장되지 않았습니다. 개선 활동 #{id}을(를) 연 뒤 {by} 님이 {at}(UTC)에 변경했습니다. 변경된 내용을 "
              "확인한 뒤 다시 수정하세요."},
    # --- impact in plain words (figures/loop.py)
    "loop_impact_stage_sig": {
        "en": "{target} CSAT {before}% → {after}% since {since}: {did} pp against the other stages over the same "
              "dates (95% interval {low} to {high}), significant.",
        "ko": "{target} CSAT {before}% → {after}% ({since}부터): 같은 기간 다른 단계 대비 {did}%p "
              "(95% 구간 {low}~{high}), 유의함."},
    "loop_impact_stage_nosig": {
        "en": "{target} CSAT {before}% → {after}% since {since}: {did} pp against the other stages over the same "
              "dates (95% interval {low} to {high}), not significant: it could be chance.",
        "ko": "{target} CSAT {before}% → {after}% ({since}부터): 같은 기간 다른 단계 대비 {did}%p "
              "(95% 구간 {low}~{high}), 유의하지 않음(우연일 수 있음)."},
    "loop_impact_touchpoint_sig": {
        "en": "{target} CSAT {before}% → {after}% since {since}: {did} pp against the other touchpoints over the "
              "same dates (95% interval {low} to {high}), significant.",
        "ko": "{target} CSAT {before}% → {after}% ({since}부터): 같은 기간 다른 접점 대비 {did}%p "
              "(95% 구간 {low}~{high}), 유의함."},
    "loop_impact_touchpoint_nosig": {
        "en": "{target} CSAT {before}% → {after}% since {since}: {did} pp against the other touchpoints over the "
              "same dates (95% interval {low} to {high}), not significant: it could be chance.",
        "ko": "{target} CSAT {before}% → {after}% ({since}부터): 같은 기간 다른 접점 대비 {did}%p "
              "(95% 구간 {low}~{high}), 유의하지 않음(우연일 수 있음)."},
    "loop_impact_channel_sig": {
        "en": "{target} CSAT {before}% → {after}% since {since}: {did} pp against the other channels over the "
              "same dates (95% interval {low} to {high}), significant.",
        "ko": "{target} CSAT {before}% → {after}% ({since}부터): 같은 기간 다른 채널 대비 {did}%p "
              "(95% 구간 {low}~{high}), 유의함."},
    "loop_impact_channel_nosig": {
        "en": "{target} CSAT {before}% → {after}% since {since}: {did} pp against the other channels over the "
              "same dates (95% interval {low} to {high}), not significant: it could be chance.",
        "ko": "{target} CSAT {before}% → {after}% ({since}부터): 같은 기간 다른 채널 대비 {did}%p "
              "(95% 구간 {low}~{high}), 유의하지 않음(우연일 수 있음)."},
    "loop_impact_not_launched": {"en": "{target}: not launched yet, so nothing to measure.",
                                 "ko": "{target}: 아직 시행 전이라 측정할 것이 없습니다."},
    "loop_impact_keyword": {
        "en": "{target}: the impact of a keyword theme is not measured (CSAT is rated at stages, touchpoints and "
              "channels).",
        "ko": "{target}: 키워드 주제의 효과는 측정하지 않습니다(CSAT는 단계, 접점, 채널에서 평가됨)."},
    "loop_impact_no_ratings": {"en": "{target}: no CSAT ratings on both sides of {since} to compare.",
                               "ko": "{target}: {since} 전후로 비교할 CSAT 평가가 없습니다."},
    "loop_impact_no_rest": {"en": "{target}: nothing else was rated around {since} to compare with.",
                            "ko": "{target}: {since} 전후로 비교할 다른 대상의 평가가 없습니다."},
    "loop_impact_too_few": {"en": "{target}: too few CSAT ratings around {since} to tell.",
                            "ko": "{target}: {since} 전후의 CSAT 평가가 너무 적어 판단할 수 없습니다."},
    "loop_impact_no_variation": {"en": "{target}: every rating around {since} is the same, so there is nothing "
                                       "to test.",
                                 "ko": "{target}: {since} 전후의 평가가 모두 같아 검정할 것이 없습니다."},
    # --- the overview's one line
    "loop_line_nothing_launched": {"en": "What we changed: no improvement launched yet.",
                                   "ko": "개선 활동: 아직 시행된 것이 없습니다."},
    "loop_line_changed": {"en": "What we changed ({launched} launched), latest:",
                          "ko": "개선 활동({launched}건 시행), 최근:"},
    "loop_line_cases": {"en": "Cases: {open} open, {overdue} overdue, {closed} closed.",
                        "ko": "사례: 진행 {open}건, 기한 초과 {overdue}건, 종료 {closed}건."},
}
