"""The executive story: metrics/story.py templates, periods, targets, movers, the PDF snapshot, detractors."""

TEXT: dict[str, dict[str, str]] = {
    "story_metric_nps": {"en": "NPS", "ko": "NPS"},
    "story_metric_csat": {"en": "CSAT", "ko": "CSAT"},
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
    "period_custom": {"en": "the selected {days} days", "ko": "선택한 {days}일"},
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
    "pdf_movers": {"en": "Top movers (changes that are not chance, all segments tested together)", "ko": "주요 변화 (모든 세그먼트를 함께 검정해도 우연이 아닌 변화)"},
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
}
