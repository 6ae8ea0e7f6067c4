"""Who sees what: the access file's problems, a viewer's scope, the admins' access page and the audit trail
(hosting/scopes.py, hosting/sign_in.py, pages/access.py, loop/audit.py)."""

TEXT: dict[str, dict[str, str]] = {
    # the access file, checked at start: one sentence per problem, naming the line or the key
    "access_file_missing": {"en": "The access file {path} does not exist.",
                            "ko": "접근 파일 {path}이(가) 없습니다."},
    "access_file_unreadable": {"en": "The access file {path} could not be read ({problem}).",
                               "ko": "접근 파일 {path}을(를) 읽을 수 없습니다({problem})."},
    "access_file_syntax": {"en": "The access file {path} is not valid TOML at line {line}.",
                           "ko": "접근 파일 {path}의 {line}번째 줄이 올바른 TOML이 아닙니다."},
    "access_unknown_key": {"en": "The access file has an unknown key {entry} (known keys: {known}).",
                           "ko": "접근 파일에 알 수 없는 키 {entry}가 있습니다(쓸 수 있는 키: {known})."},
    "access_not_list": {"en": "In the access file, {entry} must be a list of names in quotes.",
                        "ko": "접근 파일의 {entry}는 따옴표로 묶은 이름의 목록이어야 합니다."},
    "access_not_email": {"en": "In the access file, {entry} has {value}, which is not an e-mail address.",
                         "ko": "접근 파일의 {entry}에 있는 {value}은(는) 이메일 주소가 아닙니다."},
    "access_not_table": {"en": "In the access file, {entry} must be a table ([{entry}]).",
                         "ko": "접근 파일의 {entry}는 표([{entry}])여야 합니다."},
    "access_all_not_true": {"en": "In the access file, {entry} can only be true (to see all the data).",
                            "ko": "접근 파일의 {entry}에는 true(모든 데이터 보기)만 쓸 수 있습니다."},
    "access_all_and_values": {"en": "In the access file, {entry} has both all = true and values: keep one.",
                              "ko": "접근 파일의 {entry}에 all = true와 값이 함께 있습니다. 하나만 남기세요."},
    "access_empty_scope": {"en": "In the access file, {entry} is empty: give values (e.g. region = [\"Seoul\"]) "
                                 "or all = true.",
                           "ko": "접근 파일의 {entry}가 비어 있습니다. 값(예: region = [\"서울\"])이나 all = true를 쓰세요."},
    "access_not_dimension": {"en": "In the access file, {entry} is not a column a scope can limit (use persona, "
                                   "channel, stage or a column of the data).",
                             "ko": "접근 파일의 {entry}는 범위를 제한할 수 있는 열이 아닙니다(persona, channel, stage 또는 "
                                   "데이터의 열을 쓰세요)."},
    "access_values_not_list": {"en": "In the access file, {entry} must be a non-empty list of values in quotes.",
                               "ko": "접근 파일의 {entry}는 따옴표로 묶은 값이 하나 이상 있는 목록이어야 합니다."},
    # the sign-in gate
    "access_file_problems": {"en": "The dashboard is closed: the access file has problems. Ask the administrator "
                                   "to fix them:",
                             "ko": "대시보드가 닫혀 있습니다: 접근 파일에 문제가 있습니다. 관리자에게 수정을 요청하세요:"},
    "access_file_without_auth": {"en": "The dashboard is closed: an access file ({detail}) is set but no sign-in "
                                       "is configured. Ask the administrator to add [auth] to "
                                       ".streamlit/secrets.toml.",
                                 "ko": "대시보드가 닫혀 있습니다: 접근 파일({detail})이 설정되었지만 로그인이 설정되어 있지 "
                                       "않습니다. 관리자에게 .streamlit/secrets.toml에 [auth]를 추가하도록 요청하세요."},
    "access_no_scope": {"en": "{email} is signed in but has not been given any data to see. Ask the administrator "
                              "for access.",
                        "ko": "{email} 계정으로 로그인했지만 볼 수 있는 데이터가 지정되지 않았습니다. 관리자에게 접근 권한을 "
                              "요청하세요."},
    "access_audit_unavailable": {"en": "The dashboard is closed: the audit trail cannot be written ({detail}). Ask "
                                       "the administrator.",
                                 "ko": "대시보드가 닫혀 있습니다: 감사 기록을 쓸 수 없습니다({detail}). 관리자에게 문의하세요."},
    "access_your_scope": {"en": "Your view is limited to {scope}.", "ko": "조회 범위 — {scope}"},
    "access_your_scope_all": {"en": "You see all the data.", "ko": "모든 데이터를 볼 수 있습니다."},
    "access_scope_unknown_dimension": {
        "en": "Your access is limited by {columns}, which this data does not have, so nothing can be shown. Ask the "
              "administrator.",
        "ko": "접근 범위가 이 데이터에 없는 열({columns})로 제한되어 있어 아무것도 보여 줄 수 없습니다. 관리자에게 문의하세요."},
    "episode_outside_scope": {"en": "Journey {journey} is outside the data you may see.",
                              "ko": "여정 {journey}은(는) 볼 수 있는 데이터 범위 밖에 있습니다."},
    # the admins' page
    "nav_access": {"en": "Access", "ko": "접근 관리"},
    "page_access": {"en": "Access and audit trail", "ko": "접근 관리와 감사 기록"},
    "access_page_intro": {"en": "Only admins see this page. Scopes come from the access file the operator edits; "
                                "the audit trail records sign-ins, refused sign-ins, every export and every change to a case "
                                "or an action, never the data.",
                          "ko": "관리자만 이 페이지를 봅니다. 범위는 운영자가 편집하는 접근 파일에서 오며, 감사 기록에는 "
                                "로그인, 거부된 로그인, 모든 내보내기와 케이스·개선 활동의 모든 변경이 남고 데이터 자체는 "
                                "남지 않습니다."},
    "access_who_has_what": {"en": "Who sees what", "ko": "누가 무엇을 보는지"},
    "access_no_file": {"en": "No access file is set: every signed-in user sees all the data.",
                       "ko": "접근 파일이 설정되어 있지 않습니다. 로그인한 모든 사용자가 모든 데이터를 봅니다."},
    "access_col_who": {"en": "Who", "ko": "대상"},
    "access_col_kind": {"en": "Kind", "ko": "종류"},
    "access_col_scope": {"en": "Scope", "ko": "범위"},
    "access_kind_admin": {"en": "admin", "ko": "관리자"},
    "access_kind_admin_group": {"en": "admin group", "ko": "관리자 그룹"},
    "access_kind_user": {"en": "e-mail", "ko": "이메일"},
    "access_kind_group": {"en": "group", "ko": "그룹"},
    "audit_title": {"en": "Audit trail", "ko": "감사 기록"},
    "audit_intro": {"en": "Newest first. Rows are only ever added.", "ko": "최신순입니다. 기록은 추가만 됩니다."},
    "audit_event_sign_in": {"en": "sign-in", "ko": "로그인"},
    "audit_event_denied": {"en": "refused", "ko": "거부"},
    "audit_event_export": {"en": "export", "ko": "내보내기"},
    "audit_event_write": {"en": "change", "ko": "변경"},
    "audit_event_view": {"en": "page view", "ko": "페이지 조회"},
    "audit_col_at": {"en": "When (UTC)", "ko": "시각(UTC)"},
    "audit_col_event": {"en": "Event", "ko": "이벤트"},
    "audit_col_email": {"en": "E-mail or name", "ko": "이메일 또는 이름"},
    "audit_col_role": {"en": "Role", "ko": "역할"},
    "audit_col_scope": {"en": "Scope", "ko": "범위"},
    "audit_col_filters": {"en": "Filters", "ko": "필터"},
    "audit_col_item": {"en": "File or record", "ko": "파일 또는 기록"},
    "audit_col_rows": {"en": "Rows", "ko": "행 수"},
    "audit_col_detail": {"en": "Detail", "ko": "세부"},
    # report.py --as
    "report_as_needs_access_file": {"en": "--as needs the access_file setting (CXLENS_ACCESS_FILE): the access.toml "
                                          "that gives each user a scope.",
                                    "ko": "--as에는 access_file 설정(CXLENS_ACCESS_FILE), 곧 사용자마다 범위를 주는 "
                                          "access.toml이 필요합니다."},
    "report_access_file_invalid": {"en": "The access file has problems: {problems}",
                                   "ko": "접근 파일에 문제가 있습니다: {problems}"},
    "report_as_no_scope": {"en": "{email} has no scope in the access file, so there is nothing to report.",
                           "ko": "{email}에게는 접근 파일에 범위가 없어 보고할 것이 없습니다."},
    "report_as_flag_refused": {"en": "{flag} is not available for {email}: it covers customers outside their scope.",
                               "ko": "{email}에게는 {flag}를 쓸 수 없습니다: 범위 밖의 고객이 포함됩니다."},
    "report_journey_outside_scope": {"en": "Journey {journey} is outside the scope of the --as user.",
                                     "ko": "여정 {journey}은(는) --as 사용자의 범위 밖에 있습니다."},
    # small-group suppression (metrics/suppression.py): what stands in place of a hidden figure
    "suppressed_fewer": {"en": "fewer than {n}", "ko": "{n}명 미만"},
    "suppressed_short": {"en": "<{n}", "ko": "<{n}"},  # in a heatmap cell; the hover says suppressed_fewer
    "suppressed_period": {"en": "Figures hidden for {period}: fewer than {n} customers.",
                          "ko": "{period}의 수치는 고객이 {n}명 미만이라 숨겼습니다."},
    "suppressed_selection": {"en": "Figures hidden for this selection: fewer than {n} customers.",
                             "ko": "선택한 범위의 수치는 고객이 {n}명 미만이라 숨겼습니다."},
    "suppressed_comments": {"en": "No comment quoted: the ones found come from fewer than {n} customers.",
                            "ko": "인용하지 않습니다: 찾은 의견이 고객 {n}명 미만의 것입니다."},
    "suppressed_model": {"en": "it is not fitted on fewer than {n} customers, whose figures are hidden",
                         "ko": "고객이 {n}명 미만인 범위의 수치는 숨기므로 모형을 적합하지 않습니다"},
    "detractors_hidden": {"en": "No list of detractors for this selection: it has fewer than {n} customers.",
                          "ko": "선택한 범위의 고객이 {n}명 미만이라 비추천 고객 목록을 보여 주지 않습니다."},
    "journeys_hidden": {"en": "No journeys listed: they belong to fewer than {n} customers.",
                        "ko": "여정 목록을 보여 주지 않습니다: 고객 {n}명 미만의 여정입니다."},
    "report_detractors_hidden": {"en": "{file} not written: the selection has fewer than {n} customers.",
                                 "ko": "{file}을(를) 쓰지 않았습니다: 선택한 범위의 고객이 {n}명 미만입니다."},
    "suppressed_cells": {"en": "A cell marked <{n} covers fewer than {n} customers (or is hidden with one): its "
                               "figures are not shown.",
                         "ko": "<{n} 표시 칸은 고객이 {n}명 미만이거나 그런 칸과 함께 숨긴 칸이라 수치를 보여 주지 않습니다."},
    "suppressed_channels": {"en": "Hidden channels", "ko": "숨긴 채널"},
    "suppressed_note": {"en": "Figures over fewer than {n} customers are hidden, with some others so totals cannot "
                              "reveal them.",
                        "ko": "고객 {n}명 미만의 수치는 숨기며, 합계로 역산되지 않도록 일부 다른 수치도 함께 숨깁니다."},
}
