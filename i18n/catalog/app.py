"""The app's title, the top navigation, the data line, the cache error and the first-open progress steps."""

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"en": "cxlens — customer experience", "ko": "cxlens — 고객 경험 분석"},
    "page_overview": {"en": "Overview", "ko": "개요"},
    # The top navigation's short names, without icons: all ten pages fit one row at 1400 px (with icons two went
    # behind a "2 more" menu, named in English whatever the language); each page's own title keeps its full name.
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
    "progress_keywords": {"en": "finding the keywords of the comments ({done} of {total})",
                          "ko": "코멘트의 키워드를 찾는 중 ({total}건 중 {done}건)"},
    "progress_keywords_ready": {"en": "keywords ready", "ko": "키워드 준비 완료"},
    # d3 time formats of a date axis's ticks (ui.charts.style.date_ticks), by the spacing of the ticks
    "date_tick_hours": {"en": "%b %-d, %H:%M", "ko": "%-m월 %-d일 %H:%M"},
    "date_tick_days": {"en": "%b %-d", "ko": "%-m월 %-d일"},
    "date_tick_months": {"en": "%b %Y", "ko": "%Y년 %-m월"},
    "date_tick_years": {"en": "%Y", "ko": "%Y년"},
}
