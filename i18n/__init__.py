"""The one translation table of the dashboard: every UI string in English and Korean.

Data values (stage, channel, persona names…) are shown as they are and never translated.
Pages call ``t(key, **values)``; the language is ``st.session_state["lang"]`` (``en`` default).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import settings
from i18n.catalog.loop import TEXT as LOOP_TEXT

LANGUAGES = {"en": "English", "ko": "한국어"}
DEFAULT_LANG = "en"

TEXT: dict[str, dict[str, str]] = {
    # --- app and navigation
    "app_title": {"en": "cxlens — customer experience", "ko": "cxlens — 고객 경험 분석"},
    "page_overview": {"en": "Overview", "ko": "개요"},
    # The top navigation's short names: all nine pages fit one row at 1400 px (the long names put three
    # behind a "3 more" menu); each page's own title keeps its full name.
    "nav_overview": {"en": "Overview", "ko": "개요"},
    "nav_journey_map": {"en": "Journey map", "ko": "여정 지도"},
    "nav_channels": {"en": "Channels", "ko": "채널"},
    "nav_duration": {"en": "Duration", "ko": "소요시간"},
    "nav_personas": {"en": "Personas", "ko": "페르소나"},
    "nav_journeys": {"en": "Journeys", "ko": "여정 탐색"},
    "nav_voc": {"en": "VoC", "ko": "고객의 소리"},
    "nav_drivers": {"en": "Drivers", "ko": "핵심 동인"},
    "nav_upload": {"en": "Upload", "ko": "업로드"},
    "page_journey_map": {"en": "Journey map", "ko": "여정 지도"},
    "language": {"en": "Language", "ko": "언어"},
    "facts_source": {"en": "Facts written by {engine} {version} (the source is not read).",
                     "ko": "{engine} {version}(으)로 계산된 팩트를 읽습니다(원본 데이터는 읽지 않음)."},
    "data_source": {"en": "Data: {name} · {events} events · {journeys} journeys",
                    "ko": "데이터: {name} · 이벤트 {events}건 · 여정 {journeys}건"},
    "data_rejected": {"en": "{n} invalid events left out.", "ko": "유효하지 않은 이벤트 {n}건 제외."},
    "data_error": {"en": "The data could not be opened: {error}", "ko": "데이터를 열 수 없습니다: {error}"},
    "cache_error": {"en": "The server's cache directory cannot be written ({problem}): the data is not at fault. "
                          "Whoever runs the dashboard must point CXLENS_CACHE_DIR at a writable directory with free space.",
                    "ko": "서버의 캐시 디렉터리에 쓸 수 없습니다({problem}). 데이터의 문제가 아닙니다. "
                          "대시보드 운영자가 CXLENS_CACHE_DIR을 여유 공간이 있는 쓰기 가능한 디렉터리로 지정해야 합니다."},
    "progress_opening": {"en": "First look at {name}: {step}…", "ko": "{name} 처음 여는 중: {step}…"},
    "progress_read": {"en": "reading the events into journey order", "ko": "이벤트를 여정 순서로 읽는 중"},
    "progress_journeys": {"en": "computing journey facts", "ko": "여정 지표 계산 중"},
    "progress_handoffs": {"en": "counting channel handoffs and stage positions", "ko": "채널 전환과 단계 위치 집계 중"},
    "progress_invalid": {"en": "listing invalid events", "ko": "유효하지 않은 이벤트 확인 중"},
    "progress_ready": {"en": "journey facts ready", "ko": "여정 지표 준비 완료"},
    # --- access (ui/access_gate.py; the decisions are access.py's)
    "access_open": {"en": "Open access: no sign-in is configured (for local use).",
                    "ko": "공개 접속: 로그인이 설정되어 있지 않습니다(로컬 사용용)."},
    "access_signed_in": {"en": "Signed in as {name} ({email}).", "ko": "{name}({email}) 님으로 로그인했습니다."},
    "sign_in": {"en": "Sign in", "ko": "로그인"},
    "sign_out": {"en": "Sign out", "ko": "로그아웃"},
    "access_login_needed": {"en": "This dashboard is for signed-in colleagues: sign in with your company account.",
                            "ko": "로그인한 사용자만 볼 수 있습니다. 회사 계정으로 로그인하세요."},
    "access_wrong_domain": {
        "en": "{email} has no access: accounts of {detail} are not allowed here. Sign out and sign in with your "
              "company account.",
        "ko": "{email} 계정은 접근할 수 없습니다: {detail} 도메인은 허용되지 않습니다. 로그아웃한 뒤 회사 계정으로 로그인하세요.",
    },
    "access_no_email": {
        "en": "Your sign-in gave no e-mail address, which is needed to check access. Sign out and sign in with "
              "your company account.",
        "ko": "로그인 정보에 접근 확인에 필요한 이메일 주소가 없습니다. 로그아웃한 뒤 회사 계정으로 로그인하세요.",
    },
    "access_unverified": {"en": "The sign-in provider has not verified the e-mail {detail}. Verify it, or sign "
                                "out and use another account.",
                          "ko": "로그인 제공자가 이메일 {detail}을(를) 인증하지 않았습니다. 인증하거나 로그아웃한 뒤 다른 계정을 "
                                "쓰세요."},
    "access_bad_secrets": {"en": "The dashboard is closed: .streamlit/secrets.toml could not be read. Ask the "
                                 "administrator to fix it.",
                           "ko": "대시보드가 닫혀 있습니다: .streamlit/secrets.toml을 읽을 수 없습니다. 관리자에게 문의하세요."},
    "access_incomplete_auth": {"en": "The dashboard is closed: sign-in is configured but {detail} is missing in "
                                     ".streamlit/secrets.toml. Ask the administrator to add it.",
                               "ko": "대시보드가 닫혀 있습니다: 로그인이 설정되었지만 .streamlit/secrets.toml에 {detail} "
                                     "값이 없습니다. 관리자에게 문의하세요."},
    "access_domains_without_auth": {
        "en": "The dashboard is closed: an e-mail allow-list ({detail}) is set but no sign-in provider is "
              "configured ([auth] in .streamlit/secrets.toml). Ask the administrator to configure one.",
        "ko": "대시보드가 닫혀 있습니다: 이메일 허용 목록({detail})이 있지만 로그인 제공자([auth], "
              ".streamlit/secrets.toml)가 설정되지 않았습니다. 관리자에게 문의하세요.",
    },
    # --- filters
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
    # --- KPIs
    # Short: six cards share one row at 1400 px (longer labels were cut, "NPS (순추천…"); each card's help says more.
    "kpi_nps": {"en": "NPS", "ko": "NPS"},
    "kpi_csat": {"en": "CSAT %", "ko": "CSAT %"},
    "kpi_ces": {"en": "CES (1–7)", "ko": "CES (1–7)"},
    "kpi_journeys": {"en": "Journeys", "ko": "여정 수"},
    "kpi_median_duration": {"en": "Median duration", "ko": "소요시간 중앙값"},
    # the overview's card: six cards share 1400 px, and "Median duration" / "소요시간 중앙값" were cut to "Median durat…"
    "card_median_duration": {"en": "Median time", "ko": "소요 중앙값"},
    "kpi_handoff_rate": {"en": "Handoff rate %", "ko": "채널 전환율 %"},
    "help_nps": {"en": "% promoters (9–10) − % detractors (0–6) over journeys with an answer; {n} answers.",
                 "ko": "응답한 여정 중 추천자(9–10) % − 비추천자(0–6) %; 응답 {n}건."},
    "help_csat": {"en": "% of satisfaction ratings ≥ 4 of 5 over the selected touchpoints.",
                  "ko": "선택한 접점의 만족도 평가 중 4점 이상(5점 만점) 비율."},
    "help_ces": {"en": "Mean Customer Effort Score (1–7, higher = easier).",
                 "ko": "고객노력점수 평균 (1–7, 높을수록 쉬움)."},
    "help_journeys": {"en": "Selected journeys.", "ko": "선택한 여정 수."},
    "help_median_duration": {"en": "Median of last − first touchpoint time: in hours up to 48 hours, in days beyond.",
                             "ko": "마지막 접점 − 첫 접점 시각의 중앙값: 48시간까지는 시간, 넘으면 일 단위."},
    "help_handoff_rate": {"en": "% of journeys with at least one change of channel between consecutive touchpoints.",
                          "ko": "연속된 접점 사이에 채널이 한 번 이상 바뀐 여정의 비율."},
    "delta_caption_period": {
        "en": "Deltas compare {since} – {until} with the previous {days} days ({prev_since} – {prev_until}).",
        "ko": "증감은 {since} – {until}을(를) 직전 {days}일({prev_since} – {prev_until})과 비교합니다.",
    },
    "delta_caption_last30": {
        "en": "Values cover the whole selection; deltas compare the last {days} days of data ({since} – {until}) "
              "with the {days} days before ({prev_since} – {prev_until}).",
        "ko": "값은 선택 전체 기준이며, 증감은 데이터의 최근 {days}일({since} – {until})과 그 이전 {days}일"
              "({prev_since} – {prev_until})을 비교합니다.",
    },
    # --- overview
    "nps_trend": {"en": "NPS by week", "ko": "주별 NPS"},
    "week": {"en": "Week (first touchpoint)", "ko": "주 (첫 접점)"},
    "answers_share": {"en": "% of answers", "ko": "응답 비율 %"},
    "promoters": {"en": "Promoters (9–10)", "ko": "추천자 (9–10)"},
    "passives": {"en": "Passives (7–8)", "ko": "중립자 (7–8)"},
    "detractors": {"en": "Detractors (0–6)", "ko": "비추천자 (0–6)"},
    "worst_pain_points": {"en": "Worst pain points", "ko": "주요 불편 접점"},
    "pain_point_line": {
        "en": "**{touchpoint}** — {events} events, CSAT {csat}% → {score} unsatisfied interactions expected",
        "ko": "**{touchpoint}** — 이벤트 {events}건, CSAT {csat}% → 예상 불만 상호작용 {score}건",
    },
    "pain_ranked": {
        "en": "Touchpoints rated below the average CSAT ({average}%), ranked by expected unsatisfied interactions "
              "(events × (100 − CSAT) / 100). A touchpoint rated above the average is never listed here.",
        "ko": "평균 CSAT({average}%)보다 낮게 평가된 접점을 예상 불만족 상호작용 수(이벤트 × (100 − CSAT) / 100) 순으로 "
              "보여 줍니다. 평균보다 높게 평가된 접점은 여기에 나오지 않습니다.",
    },
    "no_pain_below_average": {"en": "No touchpoint is rated below the average CSAT ({average}%).",
                              "ko": "평균 CSAT({average}%)보다 낮게 평가된 접점이 없습니다."},
    "target_line": {"en": "target {value}", "ko": "목표 {value}"},
    "see_journey_map": {"en": "Explained on the journey map", "ko": "여정 지도에서 자세히 보기"},
    "no_pain_points": {"en": "No touchpoint ratings in the selection.", "ko": "선택한 범위에 접점 평가가 없습니다."},
    # --- executive story (issue 15): metrics/story.py templates, periods, targets, movers, PDF, detractors
    "story_fix_driver_lowest_pain": {
        "en": "Fix first: {stage}. It moves NPS most ({importance:.0f}% of what stage satisfaction explains), is rated "
              "lowest ({satisfaction:.2f}/5) and holds the worst pain point, {touchpoint} (CSAT {pain_csat:.0f}%).",
        "ko": "우선 개선: {stage}. NPS를 가장 크게 움직이고(단계 만족도가 설명하는 몫의 {importance:.0f}%), 만족도가 가장 "
              "낮으며({satisfaction:.2f}/5), 가장 큰 불편 접점 {touchpoint}(CSAT {pain_csat:.0f}%)이 있는 단계입니다.",
    },
    "story_fix_driver_lowest": {
        "en": "Fix first: {stage}. It moves NPS most ({importance:.0f}% of what stage satisfaction explains) and is "
              "rated lowest ({satisfaction:.2f}/5).",
        "ko": "우선 개선: {stage}. NPS를 가장 크게 움직이고(단계 만족도가 설명하는 몫의 {importance:.0f}%) 만족도가 가장 "
              "낮은({satisfaction:.2f}/5) 단계입니다.",
    },
    "story_fix_driver_pain": {
        "en": "Fix first: {stage}. It moves NPS most ({importance:.0f}% of what stage satisfaction explains) and holds "
              "the worst pain point, {touchpoint} (CSAT {pain_csat:.0f}%).",
        "ko": "우선 개선: {stage}. NPS를 가장 크게 움직이고(단계 만족도가 설명하는 몫의 {importance:.0f}%) 가장 큰 불편 접점 "
              "{touchpoint}(CSAT {pain_csat:.0f}%)이 있는 단계입니다.",
    },
    "story_fix_lowest_pain": {
        "en": "Fix first: {stage}. It is rated lowest ({satisfaction:.2f}/5) and holds the worst pain point, "
              "{touchpoint} (CSAT {pain_csat:.0f}%).",
        "ko": "우선 개선: {stage}. 만족도가 가장 낮고({satisfaction:.2f}/5) 가장 큰 불편 접점 {touchpoint}"
              "(CSAT {pain_csat:.0f}%)이 있는 단계입니다.",
    },
    "story_fix_none": {
        "en": "No single fix first: the key drivers, the stage ratings and the pain points do not name the same stage.",
        "ko": "하나의 우선 개선 단계가 없습니다: 핵심 동인, 단계 만족도, 불편 접점이 가리키는 단계가 서로 다릅니다.",
    },
    "story_part_driver": {
        "en": "{driver_stage} moves NPS most ({importance:.0f}% of what stage satisfaction explains; rated "
              "{driver_satisfaction:.2f}/5).",
        "ko": "NPS를 가장 크게 움직이는 단계는 {driver_stage}입니다(단계 만족도가 설명하는 몫의 {importance:.0f}%; 만족도 "
              "{driver_satisfaction:.2f}/5).",
    },
    "story_part_lowest": {"en": "{lowest_stage} is rated lowest ({lowest_satisfaction:.2f}/5).",
                          "ko": "만족도가 가장 낮은 단계는 {lowest_stage}입니다({lowest_satisfaction:.2f}/5)."},
    "story_part_pain": {"en": "The worst pain point, {touchpoint} (CSAT {pain_csat:.0f}%), is in {pain_stage}.",
                        "ko": "가장 큰 불편 접점 {touchpoint}(CSAT {pain_csat:.0f}%)은 {pain_stage} 단계에 있습니다."},
    "story_part_no_driver": {"en": "No stage's satisfaction has a clear (95% significant) link to NPS.",
                             "ko": "NPS와 뚜렷한(95% 유의한) 관계를 보이는 단계 만족도는 없습니다."},
    "story_part_no_lowest": {"en": "No stage has {min_sample} ratings or more.",
                             "ko": "평가가 {min_sample}건 이상인 단계가 없습니다."},
    "story_part_no_pain": {"en": "No touchpoint is rated below the average CSAT.",
                           "ko": "평균 CSAT보다 낮게 평가된 접점은 없습니다."},
    "story_nps_significant": {
        "en": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, a significant change ({p}).",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 {change:+.1f}, 유의한 변화입니다({p}).",
    },
    "story_nps_not_significant": {
        "en": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, not a significant change "
              "({p}).",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 {change:+.1f}, 유의한 변화가 아닙니다({p}).",
    },
    "story_nps_unchanged": {"en": "NPS {nps:.1f} in {period}, unchanged against {previous_period} ({p}).",
                            "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 변화가 없습니다({p})."},
    "story_nps_small_sample": {
        "en": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period}, on too few answers to tell "
              "({n_current} and {n_previous}; fewer than {min_sample} on a side).",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 {change:+.1f}이지만 응답이 적어 판단할 수 없습니다"
              "({n_current}건, {n_previous}건; 한쪽이 {min_sample}건 미만).",
    },
    "story_nps_untested": {
        "en": "NPS {nps:.1f} in {period}: {change:+.1f} against {previous_period} (the change cannot be tested: no "
              "variation in the answers).",
        "ko": "{period} NPS {nps:.1f}: {previous_period} 대비 {change:+.1f}(응답에 변동이 없어 변화를 검정할 수 없음).",
    },
    "story_nps_no_previous": {"en": "NPS {nps:.1f} in {period}; {previous_period} has no answers to compare with.",
                              "ko": "{period} NPS {nps:.1f}; 비교할 {previous_period}에는 응답이 없습니다."},
    "story_nps_none": {"en": "No NPS answers in {period}.", "ko": "{period}에 NPS 응답이 없습니다."},
    "story_mover": {
        "en": "Biggest mover: {metric} for {dimension} {value}, {change:+.1f}{unit} ({previous:.1f} → {current:.1f}; "
              "{p}).",
        "ko": "가장 크게 움직인 곳: {dimension} {value}의 {metric}, {change:+.1f}{unit}({previous:.1f} → {current:.1f}; "
              "{p}).",
    },
    "story_mover_all": {
        "en": "Only the selection as a whole moved significantly: {metric} {change:+.1f}{unit} ({previous:.1f} → "
              "{current:.1f}; {p}).",
        "ko": "선택 전체만 유의하게 움직였습니다: {metric} {change:+.1f}{unit}({previous:.1f} → {current:.1f}; {p}).",
    },
    "story_mover_none": {
        "en": "No segment moved significantly ({tested} segment figures tested; Benjamini–Hochberg at 5%).",
        "ko": "유의하게 움직인 세그먼트가 없습니다(세그먼트 수치 {tested}개 검정; Benjamini–Hochberg 5%).",
    },
    "drivers_reconciled": {
        "en": "Weighed with the stage ratings and the pain points, as on the overview: {text}",
        "ko": "단계 만족도와 불편 접점까지 함께 보면(개요와 같음): {text}",
    },
    "story_complaint": {
        "en": "What detractors say most distinctively: “{keyword}” (against promoters' comments, weighted log-odds "
              "z = {z:.1f}).",
        "ko": "비추천 고객이 가장 두드러지게 말하는 단어: “{keyword}”(추천 고객의 의견 대비, 가중 로그 오즈 z = {z:.1f}).",
    },
    "story_metric_nps": {"en": "NPS", "ko": "NPS"},
    "story_metric_csat": {"en": "CSAT", "ko": "CSAT"},
    "story_unit_nps": {"en": "", "ko": ""},
    "story_unit_csat": {"en": " pp", "ko": "%p"},
    "dim_all": {"en": "all", "ko": "전체"},
    "dim_channel": {"en": "channel", "ko": "채널"},
    "dim_stage": {"en": "stage", "ko": "단계"},
    "dim_persona": {"en": "persona", "ko": "페르소나"},
    "period": {"en": "Period", "ko": "기간"},
    "help_period": {
        "en": "The cards, the headline and the movers compare this period with the one before it (stated on the "
              "cards). Custom = the sidebar's date range (all data when empty), compared with the as many days "
              "before it; the other periods end on the sidebar's end date, else on the data's last day.",
        "ko": "카드, 헤드라인, 변화 세그먼트는 이 기간을 직전 비교 기간과 비교합니다(카드에 표시). 사용자 지정 = 사이드바의 "
              "기간(비어 있으면 전체 데이터)을 같은 일수의 직전 기간과 비교; 다른 기간은 사이드바의 종료일(없으면 데이터의 "
              "마지막 날)에 끝납니다.",
    },
    "period_last_30": {"en": "the last 30 days", "ko": "최근 30일"},
    "period_last_90": {"en": "the last 90 days", "ko": "최근 90일"},
    "period_quarter": {"en": "the quarter to date", "ko": "이번 분기"},
    "period_ytd": {"en": "the year to date", "ko": "올해 누적"},
    "period_custom": {"en": "the selected {days} days", "ko": "선택한 {days}일"},
    "period_choice_last_30": {"en": "Last 30 days", "ko": "최근 30일"},
    "period_choice_last_90": {"en": "Last 90 days", "ko": "최근 90일"},
    "period_choice_quarter": {"en": "This quarter", "ko": "이번 분기"},
    "period_choice_ytd": {"en": "Year to date", "ko": "올해 누적"},
    "period_choice_custom": {"en": "Custom (sidebar dates)", "ko": "사용자 지정(사이드바 기간)"},
    "period_span": {"en": "{name} ({since} – {until})", "ko": "{name}({since} – {until})"},
    "period_dates": {"en": "{since} – {until}", "ko": "{since} – {until}"},
    "delta_caption_same_period": {
        "en": "Each card's value and change cover {period}; the change is against {previous}. Trend and pain points: "
              "the whole selection.",
        "ko": "각 카드의 값과 변화는 {period} 기준이며, 변화는 {previous} 대비입니다. 추세와 불편 접점은 선택 전체 기준입니다.",
    },
    "card_compared": {"en": "vs {since} – {until}", "ko": "비교: {since} – {until}"},
    "card_not_compared": {"en": "no data in {since} – {until} to compare", "ko": "비교 기간 {since} – {until}에 데이터 없음"},
    "target_met": {"en": "target met ({gap})", "ko": "목표 달성 ({gap})"},
    "target_missed": {"en": "target missed ({gap})", "ko": "목표 미달 ({gap})"},
    "target_none": {"en": "no target", "ko": "목표 없음"},
    "target_badge_met": {"en": "Target {target} · met · gap {gap}", "ko": "목표 {target} · 달성 · 차이 {gap}"},
    "target_badge_missed": {"en": "Target {target} · missed · gap {gap}", "ko": "목표 {target} · 미달 · 차이 {gap}"},
    "headline_title": {"en": "Headline", "ko": "헤드라인"},
    "movers_title": {"en": "What changed, and where", "ko": "무엇이 어디서 바뀌었나"},
    "movers_intro": {
        "en": "NPS and CSAT of {period} against {previous}, overall and for every value of channel, stage, persona "
              "and each dimension. Alerts: significant after Benjamini–Hochberg at 5% over all {tested} figures "
              "tested (both periods with at least {min} answers). Rate = the segment's own score moved; mix = its "
              "share of the answers moved.",
        "ko": "{period}의 NPS와 CSAT를 {previous}와 비교합니다(전체, 그리고 채널·단계·페르소나·각 차원의 모든 값). 알림: "
              "검정한 수치 {tested}개 전체에 Benjamini–Hochberg 5%를 적용해 유의한 것(두 기간 모두 응답 {min}건 이상). "
              "비율 = 세그먼트 자체 점수의 변화, 구성 = 응답 중 세그먼트 비중의 변화.",
    },
    "movers_none": {"en": "No alerts: no segment's NPS or CSAT changed significantly.",
                    "ko": "알림 없음: NPS나 CSAT가 유의하게 바뀐 세그먼트가 없습니다."},
    "col_dimension": {"en": "Dimension", "ko": "차원"},
    "col_value": {"en": "Value", "ko": "값"},
    "col_metric": {"en": "Metric", "ko": "지표"},
    "col_current": {"en": "Current", "ko": "현재"},
    "col_previous": {"en": "Previous", "ko": "이전"},
    "col_change": {"en": "Change", "ko": "변화"},
    "col_rate": {"en": "Rate part", "ko": "비율 기여"},
    "col_mix": {"en": "Mix part", "ko": "구성 기여"},
    "col_n_current": {"en": "Answers now", "ko": "현재 응답"},
    "col_n_previous": {"en": "Answers before", "ko": "이전 응답"},
    "detractors_title": {"en": "Detractors to call back", "ko": "연락할 비추천 고객"},
    "detractors_intro": {
        "en": "{n} journeys of the selection answered 0–6, newest first. Comments have phone, card, account, "
              "passport, resident and business registration numbers and e-mail addresses masked.",
        "ko": "선택 범위에서 0–6점으로 답한 여정 {n}건(최근 순). 의견의 전화번호, 카드번호, 계좌번호, 여권번호, "
              "주민등록번호, 사업자등록번호, 이메일은 가렸습니다.",
    },
    "detractors_show": {"en": "Show the follow-up list (customer, journey, score, date, last and worst-rated stage, "
                              "masked comment; CSV)",
                        "ko": "후속 연락 목록 보기(고객, 여정, 점수, 날짜, 마지막·가장 낮게 평가한 단계, 가린 의견; CSV)"},
    "detractors_none": {"en": "No detractors in the selection.", "ko": "선택 범위에 비추천 고객이 없습니다."},
    "col_customer_id": {"en": "Customer", "ko": "고객"},
    "col_journey_id": {"en": "Journey", "ko": "여정"},
    "col_score": {"en": "Score (0–10)", "ko": "점수 (0–10)"},
    "col_date": {"en": "Date", "ko": "날짜"},
    "col_last_stage": {"en": "Last stage", "ko": "마지막 단계"},
    "col_last_channel": {"en": "Last channel", "ko": "마지막 채널"},
    "col_worst_stage": {"en": "Worst-rated stage", "ko": "가장 낮게 평가한 단계"},
    "col_comment_masked": {"en": "Comment (masked)", "ko": "의견 (가림)"},
    "pdf_button": {"en": "PDF snapshot", "ko": "PDF 스냅샷"},
    "pdf_preparing": {"en": "Prepare the PDF snapshot", "ko": "PDF 스냅샷 만들기"},
    "pdf_failed": {"en": "The PDF could not be made: {error}", "ko": "PDF를 만들 수 없습니다: {error}"},
    "pdf_no_browser": {"en": "The PDF snapshot needs Chromium, which is not installed on this server (apt-get install "
                             "chromium, or set BROWSER_PATH to a Chromium or Chrome executable).",
                       "ko": "PDF 스냅샷에는 Chromium이 필요한데 이 서버에 설치되어 있지 않습니다(apt-get install chromium "
                             "또는 BROWSER_PATH에 Chromium·Chrome 실행 파일 경로 지정)."},
    "pdf_browser_failed": {"en": "The PDF snapshot needs Chromium, which could not be started on this server: {problem}.",
                           "ko": "PDF 스냅샷에는 Chromium이 필요한데 이 서버에서 실행하지 못했습니다: {problem}."},
    "pdf_title": {"en": "cxlens executive summary · {name}<br><sub>{period} · made {today}</sub>",
                  "ko": "cxlens 경영 요약 · {name}<br><sub>{period} · 작성 {today}</sub>"},
    "pdf_headline": {"en": "Headline", "ko": "헤드라인"},
    "pdf_kpis": {"en": "KPIs: value and change against {previous}", "ko": "KPI: 값과 {previous} 대비 변화"},
    "pdf_movers": {"en": "Top movers (significant, Benjamini–Hochberg 5%)", "ko": "주요 변화 (유의, Benjamini–Hochberg 5%)"},
    "pdf_no_movers": {"en": "No segment moved significantly ({tested} figures tested).",
                      "ko": "유의하게 움직인 세그먼트 없음(수치 {tested}개 검정)."},
    "pdf_no_pain": {"en": "No touchpoint is rated below the average CSAT.", "ko": "평균 CSAT보다 낮게 평가된 접점 없음."},
    "pdf_col_label": {"en": "KPI", "ko": "KPI"},
    "pdf_col_value": {"en": "Value", "ko": "값"},
    "pdf_col_change": {"en": "Change", "ko": "변화"},
    "pdf_col_target": {"en": "Target", "ko": "목표"},
    "pdf_col_gap": {"en": "Status", "ko": "상태"},
    "pdf_col_segment": {"en": "Segment", "ko": "세그먼트"},
    "pdf_col_metric": {"en": "Metric", "ko": "지표"},
    "pdf_col_previous_current": {"en": "Before → now", "ko": "이전 → 현재"},
    "pdf_col_p": {"en": "p", "ko": "p"},
    "pdf_col_touchpoint": {"en": "Touchpoint", "ko": "접점"},
    "pdf_col_stage": {"en": "Stage", "ko": "단계"},
    "pdf_col_csat": {"en": "CSAT", "ko": "CSAT"},
    "pdf_col_events": {"en": "Events", "ko": "이벤트"},
    "pdf_col_pain_score": {"en": "Unsatisfied (expected)", "ko": "예상 불만족"},
    # --- journey map
    "emotion_curve": {"en": "Emotion curve: mean satisfaction per stage", "ko": "감정 곡선: 단계별 평균 만족도"},
    "mean_satisfaction": {"en": "Mean satisfaction (1–5)", "ko": "평균 만족도 (1–5)"},
    "funnel": {"en": "Stage funnel", "ko": "단계별 퍼널"},
    "reach_pct": {"en": "% of journeys reaching the stage", "ko": "단계 도달 여정 비율 %"},
    "drop_off": {"en": "drop-off", "ko": "이탈"},
    "vs_all": {"en": "{diff} vs all journeys", "ko": "전체 여정 대비 {diff}"},
    "funnel_optional": {"en": "optional", "ko": "선택 단계"},
    "funnel_note": {"en": "Under each bar: the drop-off from the previous step. Pale bars are optional stages ({stages}): "
                          "a later stage is reached by more journeys, so journeys pass them by and they are not steps "
                          "of the funnel.",
                    "ko": "막대 아래 숫자는 이전 단계 대비 이탈률입니다. 옅은 막대({stages})는 선택 단계입니다: 뒤 단계에 "
                          "도달한 여정이 더 많아 여정이 거치지 않고 지나가므로 퍼널의 단계로 보지 않습니다."},
    "heatmap": {"en": "Satisfaction by stage and channel", "ko": "단계 × 채널 만족도"},
    "pain_table": {"en": "Pain-point touchpoints", "ko": "불편 접점"},
    "pain_by_stage_channel": {"en": "This data has no touchpoint names, so each stage × channel pair is ranked as "
                                     "a touchpoint.",
                              "ko": "이 데이터에는 접점 이름이 없어 단계 × 채널 조합을 접점처럼 순위를 매겼습니다."},
    "pain_explained": {
        "en": "Pain score = touchpoint events × (100 − CSAT) / 100: the expected number of unsatisfied "
              "interactions. Touchpoints rated below the average CSAT come first, each group by pain score; "
              "only they are pain points.",
        "ko": "불편 점수 = 접점 이벤트 수 × (100 − CSAT) / 100: 예상되는 불만족 상호작용 수. 평균 CSAT보다 낮게 평가된 "
              "접점이 먼저(각각 불편 점수 순) 나오며, 이들만 불편 접점입니다.",
    },
    "stage_axis": {"en": "Stage", "ko": "단계"},
    "channel_axis": {"en": "Channel", "ko": "채널"},
    # --- n captions and low sample
    "n": {"en": "n", "ko": "n"},
    "n_journeys": {"en": "n = {n} journeys", "ko": "n = 여정 {n}건"},
    "n_answers": {"en": "n = {n} answers", "ko": "n = 응답 {n}건"},
    "n_ratings": {"en": "n = {n} ratings", "ko": "n = 평가 {n}건"},
    "low_sample_note": {"en": "Hollow markers, hatched bars and * mark groups with fewer than {min} answers "
                               "(low sample: read with care).",
                        "ko": "속이 빈 점, 빗금 막대, * 표시는 응답이 {min}건 미만인 그룹입니다(표본 부족: 해석 주의)."},
    "low_sample_tag": {"en": "(n<{min})", "ko": "(n<{min})"},
    "download_csv": {"en": "Download CSV", "ko": "CSV 다운로드"},
    # --- upload (issue 4: pages/upload.py, ui/upload.py)
    "page_upload": {"en": "Upload", "ko": "파일 업로드"},
    "upload_intro": {"en": "Analyse your own export: CSV, TSV, TXT, Excel (.xlsx), Parquet or an XES event log, "
                           "also as .gz or .zip, up to {limit} MB. "
                           "UTF-8 and CP949 (Korean Excel) are detected; columns are matched by name. Only this "
                           "browser session sees the file, and it is deleted when the session ends.",
                     "ko": "직접 가져온 파일을 분석합니다: CSV, TSV, TXT, Excel(.xlsx), Parquet, XES 이벤트 로그(.gz, .zip "
                           "압축도 가능), 최대 {limit} MB. "
                           "UTF-8과 CP949(한글 Excel)를 자동으로 인식하고 열은 이름으로 연결합니다. 이 브라우저 세션에서만 "
                           "보이며 세션이 끝나면 삭제됩니다."},
    "upload_label": {"en": "File of touchpoint events", "ko": "터치포인트 이벤트 파일"},
    "upload_reading": {"en": "Reading {name}…", "ko": "{name} 읽는 중…"},
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
    # --- survey datasets on the pages (issue 11)
    "survey_overview_note": {"en": "Read as a survey: median journey and handoff rate are not given, because a survey "
                                   "row has no event times.",
                             "ko": "설문으로 읽은 데이터입니다. 설문 행에는 이벤트 시각이 없어 여정 소요 시간 중앙값과 "
                                   "채널 전환율은 알 수 없습니다."},
    "survey_no_trend": {"en": "The survey has no answer dates, so there is no trend over time.",
                        "ko": "설문에 응답 일시가 없어 시간에 따른 추이는 알 수 없습니다."},
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
    # --- upload: readings, fields, templates, survey (issue 11)
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
    # --- notes on how an upload was read (ingest.notes; report.py prints the English as warnings)
    "note_sheet": {"en": "Read sheet '{sheet}', the first of the workbook's {count} sheets.",
                   "ko": "통합 문서의 시트 {count}개 중 첫 번째 시트 '{sheet}'을(를) 읽었습니다."},
    "note_sheet_hidden": {"en": "Read sheet '{sheet}', the first visible one; the hidden sheet(s) {hidden} before "
                                "it were not read.",
                          "ko": "처음 보이는 시트 '{sheet}'을(를) 읽었습니다. 그 앞의 숨겨진 시트 {hidden}은(는) 읽지 "
                                "않았습니다."},
    "note_channel_constant": {
        "en": "Column '{column}' (channel) never changes within a journey, so no channel handoff can be seen with it: "
              "the handoff rate is 0 % by construction. Map channel to a column that can change along a journey.",
        "ko": "'{column}' 열(채널)은 한 여정 안에서 바뀌지 않아 채널 전환을 볼 수 없습니다: 전환율은 구조상 0 %입니다. "
              "여정 중에 바뀔 수 있는 열을 채널로 연결하세요."},
    "note_offsets_own": {
        "en": "Column '{column}' has times with UTC offsets {offsets}; they are kept at {shown} (the data's own, "
              "its smallest offset), so every duration is the true duration.",
        "ko": "'{column}' 열의 시각에 UTC 오프셋 {offsets}이(가) 있습니다. 모두 {shown}(데이터의 가장 작은 오프셋) "
              "기준으로 맞춰 두어 소요 시간이 실제 시간과 같습니다."},
    "note_offsets_setting": {
        "en": "Column '{column}' has times with UTC offsets {offsets}; they are kept at {shown} (setting "
              "display_timezone), so every duration is the true duration.",
        "ko": "'{column}' 열의 시각에 UTC 오프셋 {offsets}이(가) 있습니다. 모두 {shown}(display_timezone 설정) "
              "기준으로 맞춰 두어 소요 시간이 실제 시간과 같습니다."},
    "note_formulas": {"en": "{count} formula cells in {columns} have no saved result and were read as empty (first "
                            "on row {row}); open the file in Excel and save it to keep the results.",
                      "ko": "{columns}의 수식 셀 {count}개에 저장된 결과가 없어 빈 값으로 읽었습니다(첫 번째: {row}행). "
                            "Excel에서 파일을 열어 저장하면 결과가 함께 저장됩니다."},
    "note_unused_score": {"en": "Column '{column}' holds {scale} scores but no field uses it, so no figure counts it; "
                                "map it to nps, satisfaction or ces.",
                          "ko": "'{column}' 열은 {scale} 점수인데 어느 항목에도 연결되지 않아 어떤 지표에도 쓰이지 않습니다. "
                                "nps, satisfaction 또는 ces에 연결하세요."},
    "note_renamed": {"en": "Column '{column}' is named '{name}' here: '{column}' is a name cxlens uses itself.",
                     "ko": "'{column}' 열은 여기서 '{name}'(이)라는 이름으로 씁니다. '{column}'은(는) cxlens가 내부에서 "
                           "쓰는 이름입니다."},
    # --- table columns
    "col_touchpoint": {"en": "Touchpoint", "ko": "접점"},
    "col_events": {"en": "Events", "ko": "이벤트"},
    "col_ratings": {"en": "Ratings", "ko": "평가 수"},
    "col_csat": {"en": "CSAT %", "ko": "CSAT %"},
    "col_mean_satisfaction": {"en": "Mean satisfaction", "ko": "평균 만족도"},
    "col_pain_score": {"en": "Pain score", "ko": "불편 점수"},
    "col_below_average": {"en": "Below average CSAT", "ko": "평균 CSAT 미만"},
    "col_journeys": {"en": "Journeys", "ko": "여정 수"},
    "col_reach_pct": {"en": "Reach %", "ko": "도달률 %"},
    "col_drop_off_pct": {"en": "Drop-off %", "ko": "이탈률 %"},
    # --- statistics (issue 5): intervals, tested deltas, key drivers, handoff effect
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
        "en": "Each channel handoff costs {points:.1f} points on the 0–10 recommend answer (95% CI {low:.2f} to "
              "{high:.2f}; n = {n:,}), with stage satisfaction, journey length and persona held fixed.",
        "ko": "채널 전환 1회마다 0–10 추천 응답이 {points:.1f}점 낮아집니다(95% 신뢰구간 {low:.2f} ~ {high:.2f}; "
              "n = {n:,}). 단계 만족도, 여정 길이, 페르소나는 고정한 효과입니다.",
    },
    "handoff_gain": {
        "en": "Each channel handoff adds {points:.1f} points on the 0–10 recommend answer (95% CI {low:.2f} to "
              "{high:.2f}; n = {n:,}), with stage satisfaction, journey length and persona held fixed.",
        "ko": "채널 전환 1회마다 0–10 추천 응답이 {points:.1f}점 높아집니다(95% 신뢰구간 {low:.2f} ~ {high:.2f}; "
              "n = {n:,}). 단계 만족도, 여정 길이, 페르소나는 고정한 효과입니다.",
    },
    "handoff_none": {
        "en": "Channel handoffs show no clear effect on the 0–10 recommend answer (p = {p_value:.2f}; n = {n:,}) "
              "once stage satisfaction, journey length and persona are held fixed.",
        "ko": "단계 만족도, 여정 길이, 페르소나를 고정하면 채널 전환은 0–10 추천 응답에 뚜렷한 영향이 없습니다"
              "(p = {p_value:.2f}; n = {n:,}).",
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
    # --- channels & handoffs, journey duration, personas (issue 3)
    "page_channels": {"en": "Channels & handoffs", "ko": "채널 및 채널 전환"},
    "page_duration": {"en": "Journey duration", "ko": "여정 소요시간"},
    "page_personas": {"en": "Personas", "ko": "페르소나"},
    "sankey_title": {"en": "Channel handoffs", "ko": "채널 전환 흐름"},
    "sankey_note": {"en": "A handoff is two consecutive touchpoints of a journey in different channels; each flow "
                          "goes from the channel left to the channel taken next.",
                    "ko": "채널 전환은 한 여정에서 연속된 두 접점의 채널이 다른 경우입니다. 흐름은 떠난 채널에서 다음 채널로 "
                          "이어집니다."},
    "matrix_title": {"en": "Handoff matrix (from → to)", "ko": "채널 전환 행렬 (출발 → 도착)"},
    "handoff_from": {"en": "From", "ko": "출발"},
    "handoff_to": {"en": "To", "ko": "도착"},
    "handoff_from_axis": {"en": "Handed off from", "ko": "출발 채널"},
    "handoff_to_axis": {"en": "Handed off to", "ko": "도착 채널"},
    "handoffs_word": {"en": "Handoffs", "ko": "전환"},
    "n_handoffs": {"en": "n = {n} handoffs (selected journeys: {journeys})", "ko": "n = 전환 {n}회 (선택한 여정 {journeys}건)"},
    "no_handoffs": {"en": "No channel handoffs in the selection.", "ko": "선택한 범위에 채널 전환이 없습니다."},
    "sat_by_channel": {"en": "Mean satisfaction by channel", "ko": "채널별 평균 만족도"},
    "csat_by_channel": {"en": "CSAT by channel", "ko": "채널별 CSAT"},
    "nps_by_channel": {"en": "NPS by channel", "ko": "채널별 NPS"},
    "nps_by_channel_note": {"en": "NPS of the journeys that touched the channel: a journey counts for every "
                                  "channel it used.",
                            "ko": "해당 채널을 거친 여정의 NPS입니다. 여러 채널을 쓴 여정은 각 채널에 모두 포함됩니다."},
    "nps_by_handoffs": {"en": "NPS by number of handoffs in the journey", "ko": "여정 내 채널 전환 횟수별 NPS"},
    "handoffs_axis": {"en": "Handoffs in the journey", "ko": "여정 내 채널 전환 횟수"},
    "nps_by_handoffs_note": {"en": "Raw NPS per group, not adjusted: longer journeys have more chances to hand off. "
                                   "The adjusted effect is the sentence at the top.",
                             "ko": "보정하지 않은 그룹별 NPS입니다. 긴 여정일수록 전환 기회가 많습니다. 보정한 효과는 맨 위 "
                                   "문장을 보세요."},
    "channel_table": {"en": "Channels", "ko": "채널"},
    "duration_by_persona": {"en": "Journey duration by persona", "ko": "페르소나별 여정 소요시간"},
    "hours_log_axis": {"en": "Duration (log scale)", "ko": "소요시간 (로그 척도)"},
    "box_note": {"en": "Box: middle half of the journeys (q1–q3), line: median, whiskers: 10th–90th percentile. "
                       "Spans under a minute are drawn at one minute.",
                 "ko": "상자: 여정의 가운데 절반(q1–q3), 선: 중앙값, 수염: 10–90 백분위. 1분 미만은 1분 위치에 그립니다."},
    "duration_table": {"en": "Median and p90 duration per persona", "ko": "페르소나별 소요시간 중앙값과 p90"},
    "dwell_title": {"en": "Dwell time per stage", "ko": "단계별 체류 시간"},
    "dwell_definition": {
        "en": "Dwell time = hours from a journey's first touchpoint in a stage to its first touchpoint in the next "
              "stage it reaches. The last stage of a journey has none. All touchpoints of the selected journeys "
              "count.",
        "ko": "체류 시간 = 한 단계의 첫 접점부터 여정이 다음으로 도달한 단계의 첫 접점까지의 시간. 여정의 마지막 단계는 "
              "체류 시간이 없습니다. 선택한 여정의 모든 접점을 씁니다.",
    },
    "no_dwell": {"en": "No journey in the selection reaches a second stage.",
                 "ko": "선택한 범위에 두 번째 단계에 도달한 여정이 없습니다."},
    "all_journeys": {"en": "All journeys", "ko": "전체 여정"},
    "median": {"en": "Median", "ko": "중앙값"},
    "personas_side_by_side": {"en": "Personas side by side", "ko": "페르소나 비교"},
    "channel_mix": {"en": "Channel mix per persona", "ko": "페르소나별 채널 구성"},
    "share_of_touchpoints": {"en": "% of the persona's touchpoints", "ko": "페르소나 접점 중 비율 %"},
    "n_touchpoints": {"en": "n = {n} touchpoints", "ko": "n = 접점 {n}건"},
    "weakest_title": {"en": "Each persona's weakest stage", "ko": "페르소나별 가장 약한 단계"},
    "weakest_definition": {"en": "The stage with the lowest mean satisfaction among stages with at least {min} "
                                 "ratings from the persona.",
                           "ko": "페르소나의 평가가 {min}건 이상인 단계 중 평균 만족도가 가장 낮은 단계입니다."},
    "weakest_line": {"en": "**{persona}** — {stage}: mean satisfaction {mean}/5, CSAT {csat}% (n = {n} ratings)",
                     "ko": "**{persona}** — {stage}: 평균 만족도 {mean}/5, CSAT {csat}% (n = 평가 {n}건)"},
    "weakest_none": {"en": "**{persona}** — no stage has {min} or more ratings: too few to name a weakest stage.",
                     "ko": "**{persona}** — 평가가 {min}건 이상인 단계가 없어 가장 약한 단계를 정할 수 없습니다."},
    "col_persona": {"en": "Persona", "ko": "페르소나"},
    "col_channel": {"en": "Channel", "ko": "채널"},
    "col_nps": {"en": "NPS", "ko": "NPS"},
    "col_nps_responses": {"en": "NPS answers", "ko": "NPS 응답 수"},
    "col_ces": {"en": "CES", "ko": "CES"},
    "col_ces_responses": {"en": "CES answers", "ko": "CES 응답 수"},
    "col_handoff_rate": {"en": "Handoff rate %", "ko": "채널 전환율 %"},
    "col_median_hours": {"en": "Median (h)", "ko": "중앙값 (시간)"},
    "col_p90_hours": {"en": "p90 (h)", "ko": "p90 (시간)"},
    "col_dwell_journeys": {"en": "Journeys moving on", "ko": "다음 단계로 간 여정"},
    "unit_min": {"en": "{n} min", "ko": "{n}분"},
    "unit_hours_suffix": {"en": " (h)", "ko": " (시간)"},
    "unit_days_suffix": {"en": " (d)", "ko": " (일)"},
    "unit_h": {"en": "{n} h", "ko": "{n}시간"},
    "unit_d": {"en": "{n} d", "ko": "{n}일"},
    # --- journeys behind the numbers (issue 13): paths, process map, journey list, episodes
    "page_journeys": {"en": "Journeys", "ko": "여정 탐색"},
    "journeys_intro": {"en": "From a number to the journeys behind it: click a path or a transition to list its "
                             "journeys, and a journey to read its episode.",
                       "ko": "숫자에서 그 뒤의 여정으로: 경로나 전환을 클릭하면 해당 여정 목록이, 여정을 고르면 그 에피소드가 "
                             "나옵니다."},
    "path_kind": {"en": "Paths of", "ko": "경로 기준"},
    "kind_stage": {"en": "Stage path", "ko": "단계 경로"},
    "kind_channel": {"en": "Channel path", "ko": "채널 경로"},
    "map_kind": {"en": "Map of", "ko": "맵 기준"},
    "path_view": {"en": "Show", "ko": "보기"},
    "path_view_bars": {"en": "Ranking", "ko": "순위"},
    "path_view_tree": {"en": "Tree", "ko": "트리"},
    "tree_ends": {"en": "End here", "ko": "여기서 끝남"},
    "path_tree_explained": {
        "en": "Every path beginning, left to right: a box's height = the journeys that start that way, its colour = "
              "their NPS (grey: too few answers). Beginnings taken by fewer than {share}% of journeys are left out. "
              "Click a box to zoom into its branch, its parent to zoom out.",
        "ko": "경로의 시작을 왼쪽에서 오른쪽으로: 상자 높이 = 그렇게 시작한 여정 수, 색 = 그 여정의 NPS(회색: 응답 부족). "
              "여정의 {share}% 미만이 지나는 시작은 뺐습니다. 상자를 클릭하면 그 가지를 확대하고, 부모를 클릭하면 돌아갑니다."},
    "nodes_stage": {"en": "Stages", "ko": "단계"},
    "nodes_channel": {"en": "Channels", "ko": "채널"},
    "nodes_touchpoint": {"en": "Touchpoints", "ko": "접점"},
    "edge_stage": {"en": "stage", "ko": "단계"},
    "edge_channel": {"en": "channel", "ko": "채널"},
    "edge_touchpoint": {"en": "touchpoint", "ko": "접점"},
    "map_edges_shown": {"en": "The map draws the {shown} most frequent of {total} transitions; the table lists all.",
                        "ko": "맵에는 전환 {total}개 중 가장 많은 {shown}개를 그렸고, 표에는 모두 있습니다."},
    "no_touchpoint_map": {"en": "A touchpoint map needs 2 to {max} named touchpoints; this data has a different number.",
                          "ko": "접점 맵은 이름 있는 접점이 2~{max}개일 때 그립니다. 이 데이터는 그렇지 않습니다."},
    "paths_title": {"en": "Most frequent paths", "ko": "가장 많은 경로"},
    "paths_explained": {"en": "Each journey's stages (channels) in order, repeats in a row counted once. Bar colour = "
                              "NPS of the path's journeys (grey, hatched: too few answers). Click a bar to list its "
                              "journeys.",
                        "ko": "여정의 단계(채널)를 순서대로, 연속 반복은 한 번으로 셉니다. 막대 색 = 그 경로 여정들의 NPS "
                              "(회색 빗금: 응답 부족). 막대를 클릭하면 해당 여정 목록이 나옵니다."},
    "detractor_paths_title": {"en": "Paths detractors take more than promoters",
                              "ko": "추천자보다 비추천자가 많이 거치는 경로"},
    "detractor_paths_explained": {
        "en": "Share of all detractors vs of all promoters on each path; Fisher's exact test, significant when the "
              "false-discovery-adjusted q < 0.05.",
        "ko": "경로별 전체 비추천자 중 비율과 전체 추천자 중 비율을 비교합니다. Fisher 정확검정, 거짓발견율 보정 q < 0.05이면 "
              "유의합니다."},
    "no_detractor_paths": {"en": "No path is taken by a larger share of detractors than of promoters (or there are no "
                                 "detractors or no promoters).",
                           "ko": "추천자보다 비추천자 비율이 높은 경로가 없습니다(또는 비추천자나 추천자가 없습니다)."},
    "process_map_title": {"en": "Process map", "ko": "프로세스 맵"},
    "process_map_explained": {
        "en": "Arrows = consecutive touchpoints of a journey in different stages (channels, touchpoints). Width = how often, "
              "colour = NPS of the journeys taking it (grey, dotted: too few answers). Click an arrow's dot to list "
              "its journeys.",
        "ko": "화살표 = 한 여정에서 단계(채널, 접점)가 바뀌는 연속된 두 접점. 굵기 = 횟수, 색 = 그 전환을 거친 여정의 NPS(회색 점선: "
              "응답 부족). 화살표 가운데 점을 클릭하면 해당 여정 목록이 나옵니다."},
    "no_transitions": {"en": "No journey in the selection changes stage (channel, touchpoint).",
                       "ko": "선택한 여정 중 단계(채널, 접점)가 바뀌는 여정이 없습니다."},
    "drill_active": {"en": "Showing the journeys of {what}.", "ko": "{what}의 여정을 보고 있습니다."},
    "drill_path": {"en": "{kind} {path}", "ko": "{kind} {path}"},
    "drill_transition": {"en": "{kind} transition {start} → {end}", "ko": "{kind} 전환 {start} → {end}"},
    "drill_clear": {"en": "Clear", "ko": "해제"},
    "journey_list_title": {"en": "Journeys", "ko": "여정 목록"},
    "journey_list_count": {"en": "{shown} of {total} journeys listed.", "ko": "여정 {total}건 중 {shown}건 표시."},
    "journey_list_hint": {"en": "Select a row to open the journey's episode.",
                          "ko": "행을 선택하면 그 여정의 에피소드가 열립니다."},
    "sort_by": {"en": "Sort by", "ko": "정렬 기준"},
    "sort_order": {"en": "Order", "ko": "순서"},
    "sort_nps": {"en": "NPS answer", "ko": "NPS 응답"},
    "sort_duration_hours": {"en": "Duration", "ko": "소요 시간"},
    "sort_handoffs": {"en": "Handoffs", "ko": "채널 전환 수"},
    "ascending": {"en": "Lowest first", "ko": "낮은 순"},
    "descending": {"en": "Highest first", "ko": "높은 순"},
    "episode_title": {"en": "Episode: journey {journey}", "ko": "에피소드: 여정 {journey}"},
    "episode_caption": {"en": "Customer {customer} · {n} touchpoints in journey order; personal data in comments "
                              "masked.",
                        "ko": "고객 {customer} · 여정 순서의 접점 {n}건. 의견의 개인정보는 가렸습니다."},
    "episode_unknown": {"en": "No journey has the id {journey}.", "ko": "ID가 {journey}인 여정이 없습니다."},
    "customer_journeys": {"en": "This customer's journeys ({n})", "ko": "이 고객의 여정 ({n}건)"},
    "time_axis": {"en": "Time", "ko": "시각"},
    "col_path": {"en": "Path", "ko": "경로"},
    "col_share": {"en": "Share %", "ko": "비율 %"},
    "col_low_sample": {"en": "Too few answers", "ko": "응답 부족"},
    "col_median_journey_hours": {"en": "Median journey (h)", "ko": "여정 소요 중앙값 (시간)"},
    "col_detractor_share": {"en": "% of detractors", "ko": "비추천자 중 %"},
    "col_promoter_share": {"en": "% of promoters", "ko": "추천자 중 %"},
    "col_ratio": {"en": "Ratio", "ko": "배율"},
    "col_q_value": {"en": "q (FDR)", "ko": "q (FDR)"},
    "col_significant": {"en": "Significant", "ko": "유의함"},
    "col_from": {"en": "From", "ko": "출발"},
    "col_to": {"en": "To", "ko": "도착"},
    "col_transitions": {"en": "Transitions", "ko": "전환 수"},
    "col_journey": {"en": "Journey", "ko": "여정"},
    "col_customer": {"en": "Customer", "ko": "고객"},
    "col_started": {"en": "Started", "ko": "시작"},
    "col_duration_hours": {"en": "Duration (h)", "ko": "소요 (시간)"},
    "col_handoffs": {"en": "Handoffs", "ko": "채널 전환"},
    "col_time": {"en": "Time", "ko": "시각"},
    "col_gap_hours": {"en": "Gap (h)", "ko": "간격 (시간)"},
    "col_satisfaction": {"en": "Satisfaction", "ko": "만족도"},
    "col_comment": {"en": "Comment", "ko": "의견"},
    "path_contains": {"en": "Path contains", "ko": "경로 포함"},
    "path_contains_placeholder": {"en": "e.g. app>call centre", "ko": "예: 앱>콜센터"},
    "help_path_contains": {"en": "Journeys whose stage path or channel path (repeats in a row counted once) has these "
                                 "values one after another, separated by >.",
                           "ko": "단계 경로나 채널 경로(연속 반복은 한 번)에 이 값들이 이어서 나오는 여정만 봅니다. 값은 >로 "
                                 "구분합니다."},
    "chart_filter": {"en": "Filtered to {choice} by a click on a chart.",
                     "ko": "차트 클릭으로 {choice}(으)로 필터링했습니다."},
    "chart_filter_part": {"en": "{what} {value}", "ko": "{what} {value}"},
    "and": {"en": " and ", "ko": ", "},
    "click_bar_filters_stage": {"en": "Click a bar to filter to its stage.", "ko": "막대를 클릭하면 해당 단계로 필터링합니다."},
    "click_cell_to_filter": {"en": "Click a cell to filter to its stage and channel.",
                             "ko": "칸을 클릭하면 해당 단계와 채널로 필터링합니다."},
    "click_pain_to_filter": {"en": "Select a row to filter to the pain point's stage (and its channel, when it has one).",
                             "ko": "행을 선택하면 해당 불편 접점의 단계(채널이 있으면 채널도)로 필터링합니다."},
    "click_driver_to_filter": {"en": "Click a stage's point to filter to that stage.",
                               "ko": "단계의 점을 클릭하면 해당 단계로 필터링합니다."},
    "click_handoff_for_journeys": {"en": "Click a cell to list the journeys with that handoff.",
                                   "ko": "칸을 클릭하면 그 채널 전환을 거친 여정 목록을 엽니다."},
    # --- derived personas (issue 14): trait words for the generated labels; {value} is a channel, stage or
    # attribute value as the data spells it
    "ptrait_journeys_high": {"en": "many journeys", "ko": "여정 많음"},
    "ptrait_journeys_low": {"en": "one-off", "ko": "단발성"},
    "ptrait_touchpoints_per_journey_high": {"en": "long journeys", "ko": "긴 여정"},
    "ptrait_touchpoints_per_journey_low": {"en": "short journeys", "ko": "짧은 여정"},
    "ptrait_median_journey_hours_high": {"en": "slow journeys", "ko": "느린 여정"},
    "ptrait_median_journey_hours_low": {"en": "fast journeys", "ko": "빠른 여정"},
    "ptrait_gap_hours_high": {"en": "long pauses", "ko": "긴 공백"},
    "ptrait_gap_hours_low": {"en": "in one go", "ko": "한 번에 처리"},
    "ptrait_handoffs_per_journey_high": {"en": "many handoffs", "ko": "잦은 채널 전환"},
    "ptrait_handoffs_per_journey_low": {"en": "one channel per journey", "ko": "단일 채널"},
    "ptrait_nps_high": {"en": "promoters", "ko": "추천 의향 높음"},
    "ptrait_nps_low": {"en": "detractors", "ko": "추천 의향 낮음"},
    "ptrait_rated_share_high": {"en": "rates often", "ko": "평가 적극적"},
    "ptrait_rated_share_low": {"en": "rarely rates", "ko": "평가 드묾"},
    "ptrait_channel_high": {"en": "{value}-first", "ko": "{value} 중심"},
    "ptrait_channel_low": {"en": "little {value}", "ko": "{value} 적음"},
    "ptrait_reach_high": {"en": "reaches {value}", "ko": "{value}까지 도달"},
    "ptrait_reach_low": {"en": "stops before {value}", "ko": "{value} 전 이탈"},
    "ptrait_touch_high": {"en": "much {value}", "ko": "{value} 많음"},
    "ptrait_touch_low": {"en": "little {value}", "ko": "{value} 적음"},
    "ptrait_attribute_high": {"en": "{value}", "ko": "{value}"},
    "ptrait_attribute_low": {"en": "few {value}", "ko": "{value} 적음"},
    "persona_fallback": {"en": "Persona {n}", "ko": "페르소나 {n}"},
    "trait_line": {"en": "{phrase}: {value} vs {overall} on average (z {z})",
                   "ko": "{phrase}: {value} (평균 {overall}, z {z})"},
    "trait_line_z": {"en": "{phrase} (z {z})", "ko": "{phrase} (z {z})"},
    # --- voice of the customer (issue 12; pages/voc.py)
    "page_voc": {"en": "Voice of the customer", "ko": "고객의 소리"},
    "keyword": {"en": "Keyword", "ko": "키워드"},
    "help_keyword": {
        "en": "Selects the journeys whose comments mention any of these keywords (nouns such as 수수료, compounds "
              "such as 본인인증, word stems such as 비싸다). Type a word to add one that is not listed. Empty: all "
              "journeys.",
        "ko": "의견에 이 키워드 중 하나라도 나오는 여정만 봅니다(수수료 같은 명사, 본인인증 같은 복합어, 비싸다 같은 "
              "기본형). 목록에 없는 단어는 입력해서 추가하세요. 비워 두면 전체입니다.",
    },
    "voc_progress": {"en": "Finding the keywords of the comments (once per data version): {pct}%…",
                     "ko": "의견의 키워드를 찾는 중(데이터 버전마다 한 번): {pct}%…"},
    "voc_progress_note": {"en": "The other pages can be used meanwhile.",
                          "ko": "그동안 다른 페이지는 그대로 쓸 수 있습니다."},
    "voc_failed": {"en": "The keywords could not be computed: {error}", "ko": "키워드를 계산하지 못했습니다: {error}"},
    "voc_intro": {"en": "What customers say in the {n} comments on the selected touchpoints. Phone, card, account, "
                        "passport, resident and business registration numbers and e-mail addresses are masked.",
                  "ko": "선택한 접점의 의견 {n}건에서 고객이 말하는 것. 전화번호, 카드번호, 계좌번호, 여권번호, "
                        "주민등록번호, 사업자등록번호, 이메일 주소는 가려서 보여 줍니다."},
    "voc_no_comments": {"en": "The selected touchpoints have no comments.", "ko": "선택한 접점에 의견이 없습니다."},
    "voc_keywords": {"en": "Most mentioned keywords", "ko": "많이 언급된 키워드"},
    "voc_share_axis": {"en": "% of comments", "ko": "의견 중 비율(%)"},
    "voc_keywords_note": {"en": "Share of the comments that contain the keyword, coloured by the NPS of the journeys "
                                "behind it (hatched: fewer than {min} answers).",
                          "ko": "키워드가 나온 의견의 비율이며, 색은 그 여정들의 NPS입니다(빗금: 응답 {min}건 미만)."},
    "voc_keyword_table": {"en": "Keyword table", "ko": "키워드 표"},
    "voc_keyword_table_note": {
        "en": "NPS of the journeys whose comments mention the keyword, with its 95% interval (low sample under {min} "
              "answers); mean satisfaction of the touchpoints whose comments carry it.",
        "ko": "키워드가 의견에 나온 여정의 NPS와 95% 구간(응답 {min}건 미만은 표본 부족), 그 의견이 달린 접점의 평균 "
              "만족도입니다.",
    },
    "voc_detractors": {"en": "What detractors say", "ko": "비추천 고객이 하는 말"},
    "voc_promoters": {"en": "What promoters say", "ko": "추천 고객이 하는 말"},
    "voc_z_axis": {"en": "z-score (weighted log-odds)", "ko": "z 점수(가중 로그 오즈)"},
    "voc_distinctive_note": {
        "en": "Keywords more frequent in one group's comments than in the other's: weighted log-odds with an "
              "informative Dirichlet prior, z ≥ 1.96. Detractors answered 0–6, promoters 9–10.",
        "ko": "한 집단의 의견에 다른 집단보다 더 자주 나오는 키워드(정보적 디리클레 사전분포를 쓴 가중 로그 오즈, "
              "z ≥ 1.96). 비추천 0–6점, 추천 9–10점.",
    },
    "voc_none_distinctive": {"en": "No keyword stands out (none with z ≥ 1.96).",
                             "ko": "두드러지는 키워드가 없습니다(z ≥ 1.96 없음)."},
    "voc_rising": {"en": "Rising keywords", "ko": "급상승 키워드"},
    "voc_rising_note": {
        "en": "Share of comments in {current} against {previous} (journeys by their first touchpoint): two-proportion "
              "z test, z ≥ 1.96, at least 5 comments now.",
        "ko": "{current}의 의견 비율을 {previous}와 비교(첫 접점 기준 여정): 두 비율 z 검정, z ≥ 1.96, 현재 의견 5건 "
              "이상.",
    },
    "voc_none_rising": {"en": "No keyword's share rose significantly.", "ko": "비율이 유의하게 오른 키워드가 없습니다."},
    "voc_compare": {"en": "One group against the rest", "ko": "한 집단과 나머지 비교"},
    "voc_compare_by": {"en": "Compare by", "ko": "비교 기준"},
    "voc_compare_value": {"en": "Group", "ko": "집단"},
    "voc_associated": {"en": "Associated words", "ko": "연관어"},
    "voc_associated_note": {
        "en": "Words in the same comments more often than chance: lift = P(word | keyword) / P(word), at least 5 "
              "comments together.",
        "ko": "우연보다 자주 같은 의견에 나오는 단어: 향상도 = P(단어 | 키워드) / P(단어), 함께 나온 의견 5건 이상.",
    },
    "voc_lift_axis": {"en": "lift", "ko": "향상도"},
    "voc_none_associated": {"en": "No word appears with it in 5 or more comments.",
                            "ko": "함께 5건 이상 나온 단어가 없습니다."},
    "voc_split": {"en": "Keywords by group", "ko": "집단별 키워드"},
    "voc_split_by": {"en": "Split by", "ko": "나누는 기준"},
    "voc_verbatims": {"en": "Verbatims", "ko": "고객 의견 원문"},
    "voc_search": {"en": "Search the comments", "ko": "의견 검색"},
    "voc_any_keyword": {"en": "(any keyword)", "ko": "(모든 키워드)"},
    "voc_verbatims_note": {"en": "{n} comments, newest first (at most {limit}); personal data masked.",
                           "ko": "의견 {n}건, 최신순(최대 {limit}건), 개인정보는 가림."},
    "voc_apply_filter": {"en": "Filter every page by “{keyword}”", "ko": "모든 페이지를 “{keyword}”(으)로 필터"},
    "voc_period": {"en": "{start} – {end}", "ko": "{start} – {end}"},
    "col_keyword": {"en": "Keyword", "ko": "키워드"},
    "col_comments": {"en": "Comments", "ko": "의견 수"},
    "col_z": {"en": "z", "ko": "z"},
    "col_comment_share": {"en": "% of comments", "ko": "의견 비율(%)"},
    "col_journey_nps": {"en": "Journey NPS answer", "ko": "여정 추천 점수"},
    "col_both": {"en": "Comments together", "ko": "함께 나온 의견"},
    "stage_complaints": {"en": "What detractors say at each stage", "ko": "단계별 비추천 고객의 말"},
    "stage_complaints_note": {
        "en": "Per stage, the keyword most distinctive of comments from detractor journeys against the stage's "
              "comments from passives and promoters (weighted log-odds, z ≥ 1.96), with the newest such comment "
              "(personal data masked). Stages where detractors say nothing different are not listed.",
        "ko": "단계마다 비추천 여정의 의견에서 중립·추천 여정의 의견보다 두드러지는 키워드(가중 로그 오즈, z ≥ 1.96)와 "
              "그 키워드가 나온 가장 최근 의견(개인정보 가림). 비추천 고객의 말이 다르지 않은 단계는 나오지 않습니다.",
    },
    "no_stage_complaints": {"en": "At no stage do detractors say something different from the other customers.",
                            "ko": "비추천 고객이 다른 고객과 다르게 말하는 단계가 없습니다."},
    "col_detractor_comments": {"en": "Detractor comments with it", "ko": "해당 비추천 의견 수"},
    "col_quote": {"en": "Newest such comment", "ko": "가장 최근 의견"},
    "pain_voice": {"en": "Detractors here say **{keyword}**: “{quote}”",
                   "ko": "여기서 비추천 고객이 두드러지게 말하는 키워드 **{keyword}**: “{quote}”"},
    "col_lift": {"en": "Lift", "ko": "향상도"},

    "persona_source": {"en": "Persona source", "ko": "페르소나 기준"},
    "help_persona_source": {
        "en": "The data's own persona column, or personas derived from the customers' behaviour (channels, journeys, "
              "speed, inquiries, ratings). With derived personas every persona filter, split and export uses them.",
        "ko": "데이터의 페르소나 열을 쓸지, 고객 행동(채널, 여정, 속도, 문의, 평가)에서 도출한 페르소나를 쓸지 정합니다. "
              "도출한 페르소나를 고르면 모든 페르소나 필터, 분할, 내보내기에 그것이 쓰입니다."},
    "persona_source_data": {"en": "The data's persona column", "ko": "데이터의 페르소나 열"},
    "persona_source_auto": {"en": "Derived (number automatic)", "ko": "행동 기반 (개수 자동)"},
    "persona_source_k": {"en": "Derived, {k} personas", "ko": "행동 기반, {k}개"},
    "warn_unknown_personas": {
        "en": "The link's personas={value} is not data, auto or a number from 2 to 8: the data's persona column is used.",
        "ko": "링크의 personas={value} 값은 data, auto, 2~8 중 하나가 아니어서 데이터의 페르소나 열을 사용합니다."},
    "deriving_personas": {"en": "Deriving personas from the customers' behaviour…",
                          "ko": "고객 행동에서 페르소나를 도출하는 중…"},
    "derived_failed": {"en": "Personas could not be derived: {error} The data's persona column is used.",
                       "ko": "페르소나를 도출할 수 없습니다: {error} 데이터의 페르소나 열을 사용합니다."},
    "derived_title": {"en": "Personas derived from behaviour", "ko": "행동에서 도출한 페르소나"},
    "derived_caption": {
        "en": "{customers} customers clustered on {n} behavioural features by {method}; {k} personas ({how}). "
              "Labels name each persona's two most distinctive traits; a trait is a feature at least 0.5 standard "
              "deviations (z) from the average customer. Figures are those of the selected journeys.",
        "ko": "고객 {customers}명을 행동 특성 {n}개로 {method} 방식으로 군집화했습니다. 페르소나 {k}개({how}). "
              "이름은 각 페르소나의 가장 두드러진 특성 두 가지이며, 특성은 평균 고객과 0.5 표준편차(z) 이상 "
              "차이 나는 항목입니다. 수치는 선택한 여정 기준입니다."},
    "derived_method_som": {"en": "a self-organising map whose nodes are grouped by k-means",
                           "ko": "자기조직화지도(SOM) 노드의 k-평균"},
    "derived_method_kmeans": {"en": "k-means", "ko": "k-평균"},
    "derived_k_given": {"en": "the number chosen in the sidebar", "ko": "사이드바에서 지정한 개수"},
    "derived_k_auto": {"en": "k with the lowest Davies–Bouldin index among 2–8",
                       "ko": "2~8 중 Davies–Bouldin 지수가 가장 낮은 개수"},
    "derived_features": {"en": "Features used", "ko": "사용한 특성"},
    "help_derived_features": {
        "en": "The customer features the clustering uses (the README lists each one's definition). Changing them "
              "derives the personas again, for every page.",
        "ko": "군집화에 쓰는 고객 특성입니다(정의는 README 참조). 바꾸면 모든 페이지의 페르소나를 다시 도출합니다."},
    "derived_hint": {
        "en": "These personas come from the data's own persona column. To derive personas from the customers' "
              "behaviour instead, choose “Derived” under “Persona source” in the sidebar.",
        "ko": "지금 페르소나는 데이터의 페르소나 열입니다. 고객 행동에서 페르소나를 도출하려면 사이드바의 "
              "‘페르소나 기준’에서 ‘행동 기반’을 고르세요."},
    "persona_map_title": {"en": "Persona map", "ko": "페르소나 지도"},
    "persona_map_caption_som": {
        "en": "Each circle is a node of the self-organising map: customers who behave alike sit in the same or "
              "nearby nodes. Colour: persona; size: customers in the node.",
        "ko": "원 하나가 자기조직화지도의 노드입니다. 행동이 비슷한 고객은 같은 노드나 가까운 노드에 놓입니다. "
              "색: 페르소나, 크기: 노드의 고객 수."},
    "persona_map_caption_kmeans": {
        "en": "Customers on the first two principal components of their features, counted per cell. Colour: persona; "
              "size: customers.",
        "ko": "고객 특성의 첫 두 주성분 평면에 고객을 놓고 칸마다 센 그림입니다. 색: 페르소나, 크기: 고객 수."},
    "map_customers": {"en": "customers", "ko": "고객"},
    "col_customers": {"en": "Customers", "ko": "고객 수"},
    "col_customer_share": {"en": "Share of customers %", "ko": "고객 비중 %"},
    "col_weakest_stage": {"en": "Weakest stage", "ko": "가장 약한 단계"},
    "col_representative": {"en": "Representative customer", "ko": "대표 고객"},
    "col_traits": {"en": "Traits", "ko": "특성"},
    "col_episode": {"en": "Latest journey", "ko": "최근 여정"},
    "derived_features_count": {"en": "Features used ({n} of {all})", "ko": "사용한 특성 ({all}개 중 {n}개)"},
    "feat_journeys": {"en": "Journeys", "ko": "여정 수"},
    "feat_touchpoints_per_journey": {"en": "Touchpoints per journey", "ko": "여정당 접점 수"},
    "feat_median_journey_hours": {"en": "Median journey hours", "ko": "여정 소요시간 중앙값"},
    "feat_gap_hours": {"en": "Hours between touchpoints", "ko": "접점 간 시간"},
    "feat_handoffs_per_journey": {"en": "Handoffs per journey", "ko": "여정당 채널 전환"},
    "feat_nps": {"en": "NPS answer", "ko": "NPS 응답"},
    "feat_rated_share": {"en": "Share of touchpoints rated", "ko": "평가한 접점 비율"},
    "feat_channel": {"en": "Channel share: {value}", "ko": "채널 비율: {value}"},
    "feat_reach": {"en": "Reaches: {value}", "ko": "도달: {value}"},
    "feat_touch": {"en": "Touchpoints in: {value}", "ko": "접점 비율: {value}"},
    "feat_attribute": {"en": "Attribute: {value}", "ko": "속성: {value}"},
    "open_episode": {"en": "open", "ko": "열기"},
}


# metrics/ words its "too little data" reasons in English (report.py prints them as they are); the
# UI shows them in the session's language through these patterns. A reason no pattern knows is
# shown as it comes.
_UNITS = {"week": "주", "month": "개월"}
REASONS: list[tuple[re.Pattern, dict[str, str]]] = [(re.compile(pattern), text) for pattern, text in [
    (r"only (?P<n>\d[\d,]*) journeys have an NPS answer \(fewer than (?P<min>\d+)\)",
     {"ko": "NPS 응답이 있는 여정이 {n}개뿐 (최소 {min}개 필요)"}),
    (r"no stage was rated by at least (?P<min>\d+) journeys with an NPS answer",
     {"ko": "NPS 응답이 있는 여정 {min}개 이상이 평가한 단계 없음"}),
    (r"(?P<n>\d[\d,]*) journeys are too few for a model of (?P<k>\d+) stages",
     {"ko": "여정 {n}개로는 {k}개 단계의 모형을 추정하기에 부족"}),
    (r"(?P<n>\d[\d,]*) journeys are too few for the (?P<k>\d+) terms of the model",
     {"ko": "여정 {n}개로는 모형의 {k}개 항을 추정하기에 부족"}),
    (r"every journey has the same number of handoffs", {"ko": "모든 여정의 채널 전환 횟수가 같음"}),
    (r"every NPS answer is the same, so nothing can explain it", {"ko": "모든 NPS 응답이 같아 설명할 변동이 없음"}),
    (r"anomalies need at least (?P<min>\d+) (?P<unit>week|month)s of data; this selection has (?P<n>\d+)",
     {"ko": "이상치 판정에는 최소 {min}{unit}의 데이터가 필요하지만 이 선택에는 {n}{unit}뿐"}),
    (r"more than a quarter of the (?P<unit>week|month)s have no answers", {"ko": "응답이 없는 {unit}이 4분의 1을 넘음"}),
    # upload messages and quarantine reasons (ingest; the page strips report.py's flags first)
    (r"Column '(?P<c>.+)' is chosen for both '(?P<a>\w+)' and '(?P<b>\w+)'; a column can feed only one field\.",
     {"ko": "'{c}' 열을 '{a}'와(과) '{b}' 모두에 골랐습니다. 한 열은 한 항목에만 연결할 수 있습니다."}),
    (r"(?P<n>.+) has no rating column \(whole-number answers on a 1–5, 1–7, 1–10 or 0–10 scale\), so it cannot be "
     r"read as a survey\.",
     {"ko": "{n}에는 평점 열(1–5, 1–7, 1–10, 0–10 척도의 정수 응답)이 없어 설문으로 읽을 수 없습니다."}),
    (r"Column '(?P<c>.+)' has the respondent id '(?P<v>.*)' on more than one row; a survey needs one row per "
     r"respondent\.",
     {"ko": "'{c}' 열의 응답자 ID '{v}'이(가) 여러 행에 있습니다. 설문은 응답자마다 한 행이어야 합니다."}),
    (r"(?P<n>.+): no respondent answered any of the (?P<k>\d+) rating columns \((?P<cols>.*)\) with a rating\.",
     {"ko": "{n}: 평점 열 {k}개({cols}) 중 어디에도 평점을 준 응답자가 없습니다."}),
    (r"Column '(?P<c>.+)' cannot be the outcome: it is neither a 0–10 score, a rating nor a label with two values\.",
     {"ko": "'{c}' 열은 결과가 될 수 없습니다. 0–10 점수도, 평점도, 두 값 레이블도 아닙니다."}),
    (r"(?P<n>.+) is empty\.", {"ko": "{n} 파일이 비어 있습니다."}),
    (r"(?P<n>.+) is not a table: it holds binary data, not text\.",
     {"ko": "{n}은(는) 표가 아닙니다: 텍스트가 아닌 바이너리 데이터입니다."}),
    (r"(?P<n>.+) is not a table: it looks like (?P<w>.+)\.", {"ko": "{n}은(는) 표가 아닙니다: {w}(으)로 보입니다."}),
    (r"(?P<n>.+) is not a table: it has no columns\.", {"ko": "{n}은(는) 표가 아닙니다: 열이 없습니다."}),
    (r"(?P<n>.+) holds a compressed file inside a compressed file; unpack the outer one\.",
     {"ko": "{n} 안에 압축 파일이 또 들어 있습니다. 바깥 압축을 먼저 푸세요."}),
    (r"(?P<n>.+) is (?P<mb>[\d,.]+) MB, over the upload limit of (?P<limit>[\d,.]+) MB \(setting upload_limit_mb\)\.",
     {"ko": "{n}은(는) {mb} MB로 업로드 한도 {limit} MB를 넘습니다(upload_limit_mb 설정)."}),
    (r"(?P<n>.+) could not be read as a table: its header has (?P<k>\d+) columns\.",
     {"ko": "{n}을(를) 표로 읽을 수 없습니다: 머리글의 열이 {k}개뿐입니다."}),
    (r"(?P<f>\w+) is missing", {"ko": "{f} 값이 없음"}),
    (r"timestamp '(?P<v>.*)' is not a date and time", {"ko": "timestamp '{v}'은(는) 날짜·시간이 아님"}),
    (r"(?P<f>\w+) (?P<v>\S+) is outside (?P<r>\S+)", {"ko": "{f} {v}은(는) {r} 범위를 벗어남"}),
    (r"nps (?P<v>\S+) is not a whole number", {"ko": "nps {v}은(는) 정수가 아님"}),
    (r"(?P<f>\w+) '(?P<v>.*)' is not a number", {"ko": "{f} '{v}'은(는) 숫자가 아님"}),
    (r"(?P<c>.+) '(?P<v>.*)' is not a rating on its (?P<s>\S+) scale", {"ko": "{c} '{v}'은(는) {s} 척도의 평점이 아님"}),
    (r"(?P<c>.+) '(?P<v>.*)' is not a number on its (?P<s>\S+) scale", {"ko": "{c} '{v}'은(는) {s} 척도의 숫자가 아님"}),
    (r"no rating in any of the (?P<n>\d+) rating columns", {"ko": "평점 열 {n}개 중 어디에도 평점이 없음"}),
    # survey figures (survey_figures, metrics.survey_drivers)
    (r"a survey row has no event times or sequence, so no channel handoff can be seen",
     {"ko": "설문 행에는 이벤트 시각과 순서가 없어 채널 전환을 볼 수 없음"}),
    (r"only (?P<n>\d[\d,]*) respondents have an outcome answer \(fewer than (?P<min>\d+)\)",
     {"ko": "결과 응답이 있는 응답자가 {n}명뿐 (최소 {min}명 필요)"}),
    (r"no touchpoint was rated by at least (?P<min>\d+) respondents with an outcome answer",
     {"ko": "결과 응답이 있는 응답자 {min}명 이상이 평가한 접점 없음"}),
    (r"(?P<k>\d+) of (?P<n>\d+) respondents have the positive outcome: too few of one value for a model",
     {"ko": "응답자 {n}명 중 {k}명이 긍정 결과: 한쪽 값이 너무 적어 모형을 추정할 수 없음"}),
    (r"the ratings separate the two outcomes perfectly, so the logistic model has no estimates",
     {"ko": "평점이 두 결과를 완벽히 가르므로 로지스틱 모형을 추정할 수 없음"}),
    (r"the logistic model did not converge", {"ko": "로지스틱 모형이 수렴하지 않음"}),
    (r"the survey has no outcome column \(NPS, overall score or a two-valued label\) for the ratings to explain",
     {"ko": "평점으로 설명할 결과 열(NPS, 전반 만족도 점수, 두 값 레이블)이 없음"}),
]]


def reason(text: str | None, lang: str | None = None) -> str | None:
    """A metrics "too little data" reason in ``lang`` (default: the session's language)."""
    lang = lang or current_lang()
    if text is None or lang == DEFAULT_LANG:
        return text
    for pattern, translations in REASONS:
        found = pattern.fullmatch(text)
        if found and lang in translations:
            values = {k: _UNITS.get(v, v) if k == "unit" and lang == "ko" else v for k, v in found.groupdict().items()}
            return translations[lang].format(**values)
    return text


# Display names of data columns that are often filter dimensions; the column_labels setting adds or overrides
# (a column named nowhere is shown by its own name).
COLUMN_LABELS: dict[str, dict[str, str]] = {
    "region": {"en": "Region", "ko": "지역"},
    "age_band": {"en": "Age band", "ko": "연령대"},
    "age_group": {"en": "Age group", "ko": "연령대"},
    "gender": {"en": "Gender", "ko": "성별"},
    "product": {"en": "Product", "ko": "상품"},
    "segment": {"en": "Segment", "ko": "세그먼트"},
    "tier": {"en": "Tier", "ko": "등급"},
    "grade": {"en": "Grade", "ko": "등급"},
    "device": {"en": "Device", "ko": "기기"},
}


def configured_column_labels(value: str | None = None) -> dict[str, dict[str, str]]:
    """The column_labels setting (``column=English|한국어`` pairs separated by ``;``) as {column: {lang: label}};
    a pair without ``|`` names the column the same way in both languages, an empty side is left out."""
    if value is None:

        value = settings.get("column_labels")
    out: dict[str, dict[str, str]] = {}
    for pair in value.split(";"):
        column, _, names = pair.partition("=")
        if not column.strip() or not names.strip():
            continue
        english, _, korean = names.partition("|") if "|" in names else (names, "|", names)
        out[column.strip()] = {k: v.strip() for k, v in (("en", english), ("ko", korean)) if v.strip()}
    return out


def column_labels(lang: str | None = None) -> dict[str, str]:
    """{column: display name in ``lang``} for every column with a name (built in or from column_labels)."""
    lang = lang or current_lang()
    merged = {c: dict(names) for c, names in COLUMN_LABELS.items()}
    for column, names in configured_column_labels().items():
        merged.setdefault(column, {}).update(names)
    return {c: names.get(lang) or names.get(DEFAULT_LANG) or c for c, names in merged.items()}


def column_label(column: str, lang: str | None = None) -> str:
    """A data column's display name in ``lang``: the column_labels setting, else a built-in name, else the column."""
    return column_labels(lang).get(column, column)


def t(key: str, lang: str | None = None, **values) -> str:
    """The UI string ``key`` in ``lang`` (default: the session's language), with ``values`` filled in; a value that
    is a ``Message`` is put in the same language."""
    if lang is None:
        lang = current_lang()
    entry = TEXT[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    if not values:
        return text
    return text.format(**{k: v.text(lang) if isinstance(v, Message) else v for k, v in values.items()})


class Message(str):
    """A sentence for a person, kept as its catalog key and values; as a ``str`` it is the English sentence (what
    report.py prints and JSON holds), and ``text(lang)`` puts it in another language (never by parsing the English)."""

    key: str
    values: dict

    def __new__(cls, key: str, **values) -> Message:
        message = super().__new__(cls, t(key, DEFAULT_LANG, **values))
        message.key, message.values = key, values
        return message

    def text(self, lang: str | None = None, escape: Callable[[str], str] | None = None) -> str:
        """The sentence in ``lang`` (default: the session's language); ``escape`` is applied to each text value."""
        values = {k: escape(v) if escape and isinstance(v, str) and not isinstance(v, Message) else v
                  for k, v in self.values.items()}
        return t(self.key, lang, **values)

    def __reduce__(self):  # cached results are pickled: rebuild from the key and values, not the English
        return (_message, (self.key, self.values))


def _message(key: str, values: dict) -> Message:
    return Message(key, **values)


def text(message: str | None, lang: str | None = None) -> str | None:
    """A message in ``lang``: a ``Message`` translated by its key, any other text as it is (a data value)."""
    return message.text(lang) if isinstance(message, Message) else message


def _no_session() -> str | None:
    return None


_language_source: Callable[[], str | None] = _no_session


def use_language_source(source: Callable[[], str | None]) -> None:
    """Where the session's language is kept (the UI registers ``st.session_state["lang"]``; without it, English)."""
    global _language_source
    _language_source = source


def current_lang() -> str:
    """The session's language, from the registered source when it names a known language, else English."""
    try:
        lang = _language_source()
    except Exception:  # outside a Streamlit run (tests, report): no session
        return DEFAULT_LANG
    return lang if lang in LANGUAGES else DEFAULT_LANG


def _merge(area: dict[str, dict[str, str]]) -> None:
    """Add an area's catalog (i18n/catalog/) to TEXT; a key defined twice is an error, not a silent override."""
    duplicates = sorted(TEXT.keys() & area.keys())
    if duplicates:
        raise KeyError(f"message keys defined twice: {duplicates}")
    TEXT.update(area)


_merge(LOOP_TEXT)
