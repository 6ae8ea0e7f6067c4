"""The upload page: readings, fields, templates, survey datasets and how the pages show a survey."""

TEXT: dict[str, dict[str, str]] = {
    "page_upload": {"en": "Upload", "ko": "파일 업로드"},
    "upload_intro": {"en": "Analyse your own export: CSV, TSV, TXT, Excel (.xlsx), Parquet or an XES event log, "
                           "also as .gz or .zip, up to {limit} MB. "
                           "UTF-8 and CP949 (Korean Excel) are detected; columns are matched by name. Only this "
                           "browser session sees the file, and it is deleted when the session ends.",
                     "ko": "직접 가져온 파일을 분석합니다: CSV, TSV, TXT, Excel(.xlsx), Parquet, XES 이벤트 로그(.gz, .zip "
                           "압축도 가능), 최대 {limit} MB. "
                           "UTF-8과 CP949(한글 Excel)를 자동으로 인식하고 열은 이름으로 연결합니다. 이 브라우저 세션에서만 "
                           "보이며 세션이 끝나면 삭제됩니다."},
    "upload_reading": {"en": "Reading {name}…", "ko": "{name} 읽는 중…"},
    "upload_loading": {"en": "Loading {name}: checking every row and computing the journeys…",
                       "ko": "{name} 불러오는 중: 모든 행을 확인하고 여정을 계산하고 있습니다…"},
    "upload_none": {"en": "No file has been uploaded in this session.", "ko": "이 세션에 업로드한 파일이 없습니다."},
    "upload_banner": {"en": "You are looking at your upload {name} (this session only).",
                      "ko": "업로드한 파일 {name}을(를) 보고 있습니다(이 세션에서만)."},
    "upload_return": {"en": "Back to the default data", "ko": "기본 데이터로 돌아가기"},
    "upload_expired": {"en": "Your upload {name} is no longer available; showing the default data.",
                       "ko": "업로드한 파일 {name}을(를) 더 이상 사용할 수 없어 기본 데이터를 표시합니다."},
    "upload_loaded": {"en": "{name}: {events} events of {journeys} journeys loaded; {rejected} rows left out as "
                            "invalid. Every page of this session now shows this file.",
                      "ko": "{name}: 여정 {journeys}건의 이벤트 {events}건을 불러왔고 유효하지 않은 행 {rejected}건을 "
                            "제외했습니다. 이 세션의 모든 페이지가 이 파일을 보여 줍니다."},
    "upload_coverage": {"en": "Journeys per week in this file: the weeks its dates cover",
                        "ko": "이 파일의 주별 여정 수: 날짜가 걸친 기간"},
    "upload_in_use": {"en": "The data in use now: {name}", "ko": "지금 사용 중인 데이터: {name}"},
    "upload_in_use_help": {"en": "Journeys per week. A file loaded above replaces it on every page of this session "
                                 "(no one else sees your file).",
                           "ko": "주별 여정 수입니다. 위에서 불러온 파일이 이 세션의 모든 페이지에서 이 데이터를 "
                                 "대신합니다(다른 사람에게는 보이지 않습니다)."},
    "upload_mapping": {"en": "Column mapping ({status})", "ko": "열 연결({status})"},
    "upload_status_automatic": {"en": "found by name", "ko": "이름으로 자동 연결"},
    "upload_status_manual": {"en": "chosen by you", "ko": "직접 선택"},
    "upload_status_ambiguous": {"en": "ambiguous", "ko": "모호함"},
    "upload_status_incomplete": {"en": "incomplete", "ko": "불완전"},
    "upload_mapping_ask": {"en": "Choose which column holds each field, then load the file.",
                           "ko": "각 항목이 어느 열에 있는지 선택한 뒤 파일을 불러오세요."},
    "upload_unmapped": {"en": "(none)", "ko": "(없음)"},
    "upload_apply": {"en": "Load with this mapping", "ko": "이 연결로 불러오기"},
    "upload_quarantine": {"en": "Invalid rows", "ko": "유효하지 않은 행"},
    "upload_quarantine_count": {"en": "{n} rows were left out of every figure. Row = line of the file (the header "
                                      "is line 1).",
                                "ko": "{n}개 행을 모든 수치에서 제외했습니다. 행 = 파일의 줄 번호(머리글이 1번째 줄)."},
    "upload_quarantine_none": {"en": "No invalid rows.", "ko": "유효하지 않은 행이 없습니다."},
    "upload_export": {"en": "Export", "ko": "내보내기"},
    "upload_export_help": {"en": "The events of {name} selected by the sidebar filters, as Parquet.",
                           "ko": "사이드바 필터로 선택한 {name}의 이벤트(Parquet)."},
    "download_parquet": {"en": "Download events (Parquet)", "ko": "이벤트 다운로드(Parquet)"},
    # --- survey datasets on the pages
    "survey_overview_note": {"en": "Read as a survey: median journey and handoff rate are not given, because a survey "
                                   "row has no event times.",
                             "ko": "설문으로 읽은 데이터입니다. 설문 행에는 이벤트 시각이 없어 여정 소요 시간 중앙값과 "
                                   "채널 전환율은 알 수 없습니다."},
    "survey_no_duration": {"en": "This survey has no event times: a respondent's journey has no duration and no dwell "
                                 "time between touchpoints.",
                           "ko": "이 설문에는 이벤트 시각이 없어 응답자 여정의 소요 시간과 접점 사이 체류 시간을 알 수 "
                                 "없습니다."},
    "survey_no_handoffs": {"en": "This survey has no event times or sequence, so no channel handoff can be seen.",
                           "ko": "이 설문에는 이벤트 시각과 순서가 없어 채널 전환을 볼 수 없습니다."},
    "drivers_intro_survey": {"en": "Which touchpoint's satisfaction moves the survey's outcome most, and how each "
                                   "touchpoint performs.",
                             "ko": "어느 접점의 만족도가 설문 결과를 가장 크게 움직이는지, 각 접점의 성과는 어떤지 "
                                   "보여줍니다."},
    "drivers_model_logit": {"en": "Key drivers of '{column}' = {positive} ({rate}% of {n} respondents): a logistic model "
                                  "(statsmodels Logit) of the label on each touchpoint's satisfaction. Coefficient = "
                                  "change in log-odds per satisfaction point; importance = |coefficient| × SD of the "
                                  "rating, as % of the total; McFadden pseudo-R² {r2}.",
                            "ko": "'{column}' = {positive}(응답자 {n}명 중 {rate}%)의 핵심 동인: 각 접점 만족도로 레이블을 "
                                  "설명하는 로지스틱 모형(statsmodels Logit). 계수 = 만족도 1점당 로그 오즈 변화, "
                                  "중요도 = |계수| × 평점 표준편차의 비중(%), McFadden 유사 R² {r2}."},
    "drivers_model_score": {"en": "Key drivers of '{column}' ({n} respondents): OLS of the answer on each touchpoint's "
                                  "satisfaction (HC3 errors); importance = share of the R² the ratings add (Shapley); "
                                  "R² {r2}.",
                            "ko": "'{column}'(응답자 {n}명)의 핵심 동인: 각 접점 만족도로 응답을 설명하는 OLS(HC3 "
                                  "표준오차), 중요도 = 평점이 더하는 R²의 비중(Shapley), R² {r2}."},
    "reading_logit": {"en": "{stage} matters most to '{column}' = {positive}: each satisfaction point multiplies the odds "
                            "by {odds:.2f} ({importance:.0f}% of the importance).",
                      "ko": "'{column}' = {positive}에 가장 중요한 접점은 {stage}입니다. 만족도 1점마다 오즈가 "
                            "{odds:.2f}배가 됩니다(중요도의 {importance:.0f}%)."},
    "reading_logit_none": {"en": "No touchpoint's satisfaction has a clear (95% significant) link to '{column}' in this "
                                 "selection.",
                           "ko": "이 선택에서는 '{column}'와(과) 뚜렷하게(95% 유의) 연결된 접점 만족도가 없습니다."},
    "col_log_odds": {"en": "Log-odds per point", "ko": "1점당 로그 오즈"},
    # --- upload: readings, fields, templates, survey
    "upload_label_any": {"en": "Your file: touchpoint events or a survey export",
                         "ko": "파일: 터치포인트 이벤트 또는 설문 결과"},
    "upload_reading_label": {"en": "Read the file as", "ko": "파일 읽는 방식"},
    "reading_events": {"en": "Events (one row per touchpoint)", "ko": "이벤트 (한 행 = 한 접점)"},
    "reading_survey": {"en": "Survey (one row per respondent)", "ko": "설문 (한 행 = 한 응답자)"},
    "upload_reading_help": {"en": "Chosen from the file: a survey export has one row per respondent and several rating "
                                  "columns, and no column for the event fields. Switch if the guess is wrong.",
                            "ko": "파일을 보고 골랐습니다. 설문 결과는 한 행이 한 응답자이고 평점 열이 여러 개이며 "
                                  "이벤트 항목 열이 없습니다. 잘못 골랐다면 바꾸세요."},
    "upload_preview": {"en": "First rows of {name}", "ko": "{name}의 처음 몇 행"},
    "upload_templates": {"en": "Not sure what to upload? Download a template.",
                         "ko": "어떤 파일을 올려야 할지 모르겠다면 양식을 내려받으세요."},
    "upload_template_events": {"en": "Events template (CSV)", "ko": "이벤트 양식(CSV)"},
    "upload_template_survey": {"en": "Survey template (CSV)", "ko": "설문 양식(CSV)"},
    "upload_required": {"en": "{label} (required)", "ko": "{label} (필수)"},
    "upload_missing": {"en": "No column was recognised for {fields}; these fields are required, so choose a column "
                              "for each below.",
                       "ko": "{fields}에 해당하는 열을 찾지 못했습니다. 필수 항목이니 아래에서 각각 열을 고르세요."},
    "upload_suggested": {"en": "From its values, '{column}' looks like {field} (preselected).",
                         "ko": "값으로 보아 '{column}' 열이 {field}인 것 같습니다(미리 선택함)."},
    "upload_ambiguous": {"en": "Columns {columns} could all be {field}; choose one below.",
                         "ko": "{columns} 열이 모두 {field}일 수 있습니다. 아래에서 하나를 고르세요."},
    "upload_mostly_invalid": {"en": "{invalid} of {rows} rows are invalid (first: row {row}, {reason}). So many usually "
                                    "means a wrong column choice: check the mapping, or load the file anyway.",
                              "ko": "{rows}행 중 {invalid}행이 유효하지 않습니다(첫 번째: {row}행, {reason}). 이렇게 "
                                    "많으면 대개 열을 잘못 고른 것입니다. 열 연결을 확인하거나 그래도 불러오세요."},
    "upload_none_valid": {"en": "No row is valid (first: row {row}, {reason}); check which column feeds each field.",
                          "ko": "유효한 행이 하나도 없습니다(첫 번째: {row}행, {reason}). 각 항목에 연결한 열을 "
                                "확인하세요."},
    "upload_load_anyway": {"en": "Load anyway", "ko": "그래도 불러오기"},
    "upload_survey_loaded": {"en": "{name} read as a survey: {respondents} respondents, {answers} rated answers in "
                                   "{ratings} rating columns; {rejected} cells left out as invalid.",
                             "ko": "{name}을(를) 설문으로 읽었습니다: 응답자 {respondents}명, 평점 열 {ratings}개에 "
                                   "평점 {answers}개, 유효하지 않아 뺀 셀 {rejected}개."},
    "upload_survey_id": {"en": "Respondent id: column '{column}'.", "ko": "응답자 ID: '{column}' 열."},
    "upload_survey_row_id": {"en": "Respondent id: the row number (no id column with unique values).",
                             "ko": "응답자 ID: 행 번호(값이 모두 다른 ID 열이 없음)."},
    "upload_survey_dates": {"en": "Answer date: column '{column}'.", "ko": "응답 일시: '{column}' 열."},
    "upload_survey_no_dates": {"en": "No answer dates: durations, handoffs and trends are not available for this file.",
                               "ko": "응답 일시가 없어 소요 시간, 채널 전환, 추이는 이 파일로 알 수 없습니다."},
    "upload_survey_ratings": {"en": "Rating columns", "ko": "평점 열"},
    "upload_survey_na": {"en": "Not applicable answers (empty, {words}, and 0 in a column whose other answers are 1–5) "
                               "are neither counted nor invalid. Each column's CSAT is the top-2-box of its own scale.",
                         "ko": "해당 없음 응답(빈 칸, {words}, 다른 응답이 1–5인 열의 0)은 세지도 않고 오류로 보지도 "
                               "않습니다. 각 열의 CSAT는 그 열 척도의 상위 2개 응답 비율입니다."},
    "upload_survey_stages": {"en": "Put rating columns into journey stages", "ko": "평점 열을 여정 단계로 묶기"},
    "upload_survey_stages_help": {"en": "Each rating column is its own stage until you name another; columns with the "
                                        "same stage name are counted together (each stays a touchpoint).",
                                  "ko": "다른 이름을 주기 전까지 평점 열마다 단계가 하나입니다. 단계 이름이 같은 열은 "
                                        "함께 집계합니다(각 열은 접점으로 남습니다)."},
    "upload_apply_stages": {"en": "Apply these stages", "ko": "이 단계로 적용"},
    "upload_outcome": {"en": "Outcome the key drivers explain", "ko": "핵심 동인이 설명할 결과"},
    "upload_outcome_auto": {"en": "Found automatically", "ko": "자동으로 찾기"},
    "upload_outcome_none": {"en": "None", "ko": "없음"},
    "upload_outcome_nps": {"en": "Outcome: '{column}', an NPS answer (0–10); promoters ({positive}) are the positive "
                                 "value.",
                           "ko": "결과: '{column}', NPS 응답(0–10). 추천 고객({positive})을 긍정 값으로 봅니다."},
    "upload_outcome_score": {"en": "Outcome: '{column}', a score on {low}–{high}; the top two answers ({positive}) are "
                                   "the positive value.",
                             "ko": "결과: '{column}', {low}–{high} 점수. 상위 두 응답({positive})을 긍정 값으로 봅니다."},
    "upload_outcome_label": {"en": "Outcome: '{column}', a label; '{positive}' is the positive value (a logistic model "
                                   "explains it).",
                             "ko": "결과: '{column}', 두 값 레이블. '{positive}'을(를) 긍정 값으로 봅니다(로지스틱 "
                                   "모형으로 설명)."},
    "upload_outcome_missing": {"en": "No outcome column (NPS, overall score or a two-valued label) was found; choose "
                                     "one for the key drivers.",
                               "ko": "결과 열(NPS, 전반 만족도 점수, 두 값 레이블)을 찾지 못했습니다. 핵심 동인을 보려면 "
                                     "하나를 고르세요."},
    "col_row": {"en": "Row", "ko": "행"},
    "col_column": {"en": "Column", "ko": "열"},
    "col_reason": {"en": "Reason", "ko": "사유"},
    "col_rows": {"en": "Rows", "ko": "행 수"},
    "col_scale": {"en": "Scale", "ko": "척도"},
    "col_answers": {"en": "Answers", "ko": "응답"},
    "col_not_applicable": {"en": "Not applicable", "ko": "해당 없음"},
    "col_rating_column": {"en": "Rating column", "ko": "평점 열"},
    "field_journey_id": {"en": "Journey ID", "ko": "여정 ID"},
    "field_journey_id_help": {"en": "One customer journey: every row with the same value belongs to it.",
                              "ko": "한 고객 여정. 값이 같은 행은 모두 같은 여정입니다."},
    "field_timestamp": {"en": "Date and time", "ko": "일시"},
    "field_timestamp_help": {"en": "When the touchpoint happened (a date and time, or a date column plus a time column).",
                             "ko": "접점이 일어난 때(일시, 또는 날짜 열과 시간 열)."},
    "field_stage": {"en": "Journey stage", "ko": "여정 단계"},
    "field_stage_help": {"en": "The stage of the journey, e.g. 인지, 가입, 이용.", "ko": "여정의 단계(예: 인지, 가입, 이용)."},
    "field_channel": {"en": "Channel", "ko": "채널"},
    "field_channel_help": {"en": "Where it happened: app, web, call center, branch…",
                           "ko": "접점이 일어난 곳: 앱, 웹, 콜센터, 지점…"},
    "field_customer_id": {"en": "Customer ID", "ko": "고객 ID"},
    "field_customer_id_help": {"en": "The customer; the journey ID when left empty.",
                               "ko": "고객. 비워 두면 여정 ID를 씁니다."},
    "field_touchpoint": {"en": "Touchpoint", "ko": "접점"},
    "field_touchpoint_help": {"en": "The specific interaction, e.g. 본인인증, 상품 비교.",
                              "ko": "구체적인 상호작용(예: 본인인증, 상품 비교)."},
    "field_persona": {"en": "Persona / segment", "ko": "페르소나/세그먼트"},
    "field_persona_help": {"en": "The customer's persona or segment.", "ko": "고객의 페르소나 또는 세그먼트."},
    "field_satisfaction": {"en": "Satisfaction (1–5)", "ko": "만족도(1–5)"},
    "field_satisfaction_help": {"en": "CSAT rating of the touchpoint, 1 to 5.", "ko": "접점의 만족도 평점, 1–5."},
    "field_ces": {"en": "Effort (CES, 1–7)", "ko": "노력도(CES, 1–7)"},
    "field_ces_help": {"en": "Customer Effort Score, 1 to 7, higher = easier.",
                       "ko": "고객 노력 점수, 1–7, 높을수록 쉬움."},
    "field_nps": {"en": "Recommendation (NPS, 0–10)", "ko": "추천 의향(NPS, 0–10)"},
    "field_nps_help": {"en": "Likelihood-to-recommend answer, 0 to 10.", "ko": "추천 의향 응답, 0–10."},
    "field_comment": {"en": "Comment", "ko": "의견"},
    "field_comment_help": {"en": "Verbatim feedback.", "ko": "고객이 남긴 의견."},
}
