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
    "loop_reopen_taken": {
        "en": "Not reopened: journey {journey} already has case #{id} open (owner {owner}). Work on that case.",
        "ko": "다시 열지 않았습니다. 여정 {journey}에는 이미 열린 사례 #{id}이(가) 있습니다(담당자 {owner}). 그 사례에서 "
              "진행하세요."},
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
    # --- the Loop page (pages/loop.py, ui/loop_data.py, ui/tables.py, ui/charts/loop.py)
    "page_loop": {"en": "Closing the loop", "ko": "고객 피드백 후속 조치"},
    "nav_loop": {"en": "Loop", "ko": "후속 조치"},
    "loop_intro": {"en": "Cases on detractors and the changes the team made, with whether they worked. Kept in the "
                         "team's database; measured on all the data, not the filters.",
                   "ko": "비추천 고객 사례와 팀이 시행한 개선 활동, 그리고 그 효과입니다. 팀 데이터베이스에 저장되며 "
                         "필터가 아닌 전체 데이터로 측정합니다."},
    "loop_you_are": {"en": "You are", "ko": "작성자"},
    "loop_you_are_placeholder": {"en": "your name", "ko": "이름"},
    "loop_you_are_help": {"en": "Your name: your cases are the ones you own, and every change is kept with who "
                                "made it.",
                          "ko": "내 이름: 내가 담당한 사례가 표시되고, 모든 변경은 작성자와 함께 기록됩니다."},
    "loop_signed_in_as": {"en": "Editing as {email}.", "ko": "{email}(으)로 작성합니다."},
    "loop_kpi_open": {"en": "Open cases", "ko": "진행 중 사례"},
    "loop_kpi_open_help": {"en": "Cases not resolved and not found unreachable.",
                           "ko": "해결되지 않았고 연락 불가로 종료되지 않은 사례."},
    "loop_kpi_overdue": {"en": "Overdue", "ko": "기한 초과"},
    "loop_kpi_overdue_help": {"en": "Open cases due before today.", "ko": "오늘 이전이 기한인 진행 중 사례."},
    "loop_kpi_days_to_close": {"en": "Days to close", "ko": "종료 소요일"},
    "loop_kpi_days_to_close_help": {"en": "Median days from opening to resolved or unreachable, over closed cases.",
                                    "ko": "종료된 사례의 개설부터 해결 또는 연락 불가까지 걸린 일수의 중앙값."},
    "loop_kpi_in_time": {"en": "Contacted in time", "ko": "기한 내 연락"},
    "loop_kpi_in_time_help": {"en": "Share of cases contacted on or before their due date, of those contacted or "
                                    "past due.",
                              "ko": "연락했거나 기한이 지난 사례 중 기한 내에 연락한 비율."},
    "loop_kpi_recovery": {"en": "Recovery NPS", "ko": "회복 NPS"},
    "loop_kpi_recovery_help": {"en": "NPS of detractors' later journeys: with a case / without a case.",
                               "ko": "비추천 고객의 이후 여정 NPS: 사례 있음 / 사례 없음."},
    "loop_recovery_caption": {"en": "Recovery NPS is detractors' later answers: {with_n} with a case, {without_n} "
                                    "without; {verdict}",
                              "ko": "회복 NPS는 비추천 고객의 이후 응답입니다: 사례 있음 {with_n}건, 없음 {without_n}건. "
                                    "{verdict}"},
    "loop_recovery_sig": {"en": "the difference is significant.", "ko": "차이가 유의합니다."},
    "loop_recovery_nosig": {"en": "the difference could be chance.", "ko": "차이는 우연일 수 있습니다."},
    "loop_recovery_untested": {"en": "too few to compare yet.", "ko": "아직 비교하기에 너무 적습니다."},
    "loop_my_cases": {"en": "My cases, overdue first", "ko": "내 사례 (기한 초과 먼저)"},
    "loop_all_cases": {"en": "All cases, overdue first", "ko": "전체 사례 (기한 초과 먼저)"},
    "loop_show_everyones": {"en": "Everyone's cases", "ko": "모든 담당자의 사례"},
    "loop_no_cases": {"en": "No cases yet: open one from the detractor list below.",
                      "ko": "아직 사례가 없습니다. 아래 비추천 고객 목록에서 여세요."},
    "loop_no_cases_mine": {"en": "You own no cases.", "ko": "담당한 사례가 없습니다."},
    "loop_case_heading": {"en": "Case #{id} · customer {customer} · journey {journey}",
                          "ko": "사례 #{id} · 고객 {customer} · 여정 {journey}"},
    "loop_case_where": {"en": "Stage {stage} · touchpoint {touchpoint} · opened {opened} UTC by {by}",
                        "ko": "단계 {stage} · 접점 {touchpoint} · {opened} UTC {by} 개설"},
    "loop_owner": {"en": "Owner", "ko": "담당자"},
    "loop_status": {"en": "Status", "ko": "상태"},
    "loop_due_date": {"en": "Due date", "ko": "기한"},
    "loop_root_cause": {"en": "Root cause", "ko": "근본 원인"},
    "loop_none": {"en": "—", "ko": "—"},
    "loop_notes": {"en": "Notes", "ko": "메모"},
    "loop_notes_help": {"en": "Shown masked in lists and exports, like customers' comments.",
                        "ko": "목록과 내보내기에서는 고객 의견처럼 가려서 표시됩니다."},
    "loop_save": {"en": "Save", "ko": "저장"},
    "loop_history": {"en": "History of changes", "ko": "변경 이력"},
    "loop_causes_edit": {"en": "The team's root causes", "ko": "팀의 근본 원인 목록"},
    "loop_cause_new": {"en": "New root cause", "ko": "새 근본 원인"},
    "loop_cause_add": {"en": "Add to the list", "ko": "목록에 추가"},
    "loop_cause_added": {"en": "{cause} added to the root causes.", "ko": "근본 원인에 {cause}을(를) 추가했습니다."},
    "loop_cause_known": {"en": "{cause} is already in the list.", "ko": "{cause}은(는) 이미 목록에 있습니다."},
    "loop_status_open": {"en": "open", "ko": "열림"},
    "loop_status_contacted": {"en": "contacted", "ko": "연락함"},
    "loop_status_resolved": {"en": "resolved", "ko": "해결"},
    "loop_status_unreachable": {"en": "unreachable", "ko": "연락 불가"},
    "loop_case_opened": {"en": "Case #{id} opened on journey {journey}, owner {owner}.",
                         "ko": "여정 {journey}에 사례 #{id}을(를) 열었습니다. 담당자 {owner}."},
    "loop_case_already_open": {"en": "Journey {journey} already has case #{id} (owner {owner}).",
                               "ko": "여정 {journey}에는 이미 사례 #{id}이(가) 있습니다(담당자 {owner})."},
    "loop_case_saved": {"en": "Case #{id} saved (version {version}).", "ko": "사례 #{id}을(를) 저장했습니다(버전 {version})."},
    "loop_open_title": {"en": "Open a case from the detractor list", "ko": "비추천 고객 목록에서 사례 열기"},
    "loop_open_intro": {"en": "Pick a detractor's row, then open the case: it is yours, due in the set number of "
                              "days.",
                        "ko": "비추천 고객 행을 고른 뒤 사례를 여세요. 내가 담당자가 되고 정해진 일수 후가 기한입니다."},
    "loop_open_button": {"en": "Open a case on journey {journey}", "ko": "여정 {journey}에 사례 열기"},
    "loop_open_button_none": {"en": "Pick a row to open a case", "ko": "사례를 열 행을 고르세요"},
    "loop_col_id": {"en": "Case", "ko": "사례"},
    "loop_col_status": {"en": "Status", "ko": "상태"},
    "loop_col_overdue": {"en": "Overdue", "ko": "기한 초과"},
    "loop_col_due_date": {"en": "Due", "ko": "기한"},
    "loop_col_owner": {"en": "Owner", "ko": "담당자"},
    "loop_col_customer_id": {"en": "Customer", "ko": "고객"},
    "loop_col_journey_id": {"en": "Journey", "ko": "여정"},
    "loop_col_root_cause": {"en": "Root cause", "ko": "근본 원인"},
    "loop_col_stage": {"en": "Stage", "ko": "단계"},
    "loop_col_touchpoint": {"en": "Touchpoint", "ko": "접점"},
    "loop_col_notes": {"en": "Notes (masked)", "ko": "메모 (가림)"},
    "loop_col_changed_at": {"en": "When (UTC)", "ko": "시각 (UTC)"},
    "loop_col_changed_by": {"en": "Who", "ko": "변경자"},
    "loop_col_field": {"en": "Field", "ko": "항목"},
    "loop_col_old_value": {"en": "Before", "ko": "이전"},
    "loop_col_new_value": {"en": "After", "ko": "이후"},
    "loop_col_version": {"en": "Version", "ko": "버전"},
    "loop_actions_title": {"en": "What we changed and whether it worked", "ko": "개선 활동과 그 효과"},
    "loop_no_actions": {"en": "No improvement actions yet.", "ko": "아직 개선 활동이 없습니다."},
    "loop_action_heading": {"en": "Action #{id}: {title}", "ko": "개선 활동 #{id}: {title}"},
    "loop_action_line": {"en": "{kind} {target} · owner {owner} · {status} · expected {expected} pp",
                         "ko": "{kind} {target} · 담당 {owner} · {status} · 기대 효과 {expected}%p"},
    "loop_action_change": {"en": "Change status, launch date or owner", "ko": "상태, 시행일, 담당자 변경"},
    "loop_action_new": {"en": "New improvement action", "ko": "새 개선 활동"},
    "loop_action_title": {"en": "Title", "ko": "제목"},
    "loop_target_kind": {"en": "Tied to", "ko": "대상 종류"},
    "loop_target_value": {"en": "Which one", "ko": "대상"},
    "loop_target_value_help": {"en": "The stage, touchpoint or channel as the data names it, or a keyword.",
                               "ko": "데이터에 적힌 단계, 접점, 채널 이름 또는 키워드."},
    "loop_target_stage": {"en": "Stage", "ko": "단계"},
    "loop_target_touchpoint": {"en": "Touchpoint", "ko": "접점"},
    "loop_target_channel": {"en": "Channel", "ko": "채널"},
    "loop_target_keyword": {"en": "Keyword", "ko": "키워드"},
    "loop_action_status_planned": {"en": "planned", "ko": "계획"},
    "loop_action_status_launched": {"en": "launched", "ko": "시행"},
    "loop_action_status_stopped": {"en": "stopped", "ko": "중단"},
    "loop_launch_date": {"en": "Launch date", "ko": "시행일"},
    "loop_expected": {"en": "Expected effect (CSAT pp)", "ko": "기대 효과 (CSAT %p)"},
    "loop_expected_help": {"en": "How many percentage points of CSAT the team expects it to add.",
                           "ko": "팀이 기대하는 CSAT 상승 폭(%p)."},
    "loop_action_create": {"en": "Create the action", "ko": "개선 활동 만들기"},
    "loop_action_created": {"en": "Action #{id} created: {title}.", "ko": "개선 활동 #{id}을(를) 만들었습니다: {title}."},
    "loop_action_saved": {"en": "Action #{id} saved: {title}.", "ko": "개선 활동 #{id}을(를) 저장했습니다: {title}."},
    "loop_chart_rest": {"en": "everything else", "ko": "그 외 전체"},
    "loop_chart_launch": {"en": "launched {date}", "ko": "{date} 시행"},
    "loop_chart_csat": {"en": "CSAT %", "ko": "CSAT %"},
    "loop_chart_week": {"en": "Week (of the rating)", "ko": "주 (평가일)"},
    "loop_chart_band": {"en": "95% interval", "ko": "95% 구간"},
    # --- a case or an action started on another page (ui/loop_data.py's drafts)
    "loop_plan_action_on": {"en": "Plan an action on {target}", "ko": "{target} 개선 활동 만들기"},
    "loop_plan_action_path": {"en": "Plan an action on this path", "ko": "이 경로 개선 활동 만들기"},
    "loop_plan_action_driver_hint": {"en": "Pick a driver's row to plan an action on another stage.",
                                     "ko": "다른 단계의 개선 활동을 만들려면 표에서 그 행을 고르세요."},
    "loop_draft_heading_action": {"en": "New improvement action: check it, then create it",
                                  "ko": "새 개선 활동: 확인한 뒤 만드세요"},
    "loop_draft_heading_case": {"en": "New case: check it, then open it", "ko": "새 사례: 확인한 뒤 여세요"},
    "loop_draft_from_pain_point": {"en": "Filled in from the overview's pain point {target}.",
                                   "ko": "개요의 불편 접점 {target}에서 채웠습니다."},
    "loop_draft_from_driver": {"en": "Filled in from the key driver {target}.",
                               "ko": "핵심 동인 {target}에서 채웠습니다."},
    "loop_draft_from_keyword": {"en": "Filled in from the customers' keyword {target}.",
                                "ko": "고객의 키워드 {target}에서 채웠습니다."},
    "loop_draft_from_path": {"en": "Filled in from the path {path}: the action is tied to its last step, {target}. "
                                   "Change it if the problem is elsewhere on the path.",
                             "ko": "경로 {path}에서 채웠습니다. 대상은 경로의 마지막 단계인 {target}입니다. 문제가 "
                                   "경로의 다른 곳에 있으면 바꾸세요."},
    "loop_draft_from_journey": {"en": "Journey {journey} of customer {customer}: the stage and touchpoint are the "
                                      "ones the customer rated lowest.",
                                "ko": "고객 {customer}의 여정 {journey}. 단계와 접점은 고객이 가장 낮게 평가한 "
                                      "곳입니다."},
    "loop_draft_title": {"en": "Improve {target}", "ko": "{target} 개선"},
    "loop_draft_title_path": {"en": "Improve the path {path}", "ko": "{path} 경로 개선"},
    "loop_draft_open_case": {"en": "Open the case", "ko": "사례 열기"},
    "loop_pdf_more": {"en": "{n} more launched actions are on the dashboard's loop page.",
                      "ko": "시행된 개선 활동 {n}건이 더 있습니다. 대시보드의 후속 조치 페이지에서 보세요."},
    "loop_draft_discard": {"en": "Discard", "ko": "취소"},
}
