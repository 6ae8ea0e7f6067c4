"""The voice of the customer page (pages/voc.py, figures/voc.py)."""

TEXT: dict[str, dict[str, str]] = {
    "page_voc": {"en": "Voice of the customer", "ko": "고객의 소리"},
    "keyword": {"en": "Keyword", "ko": "키워드"},
    "voc_opened_title": {"en": "Comments that use “{keyword}”", "ko": "“{keyword}”이(가) 들어간 의견"},
    "voc_opened_close": {"en": "Close", "ko": "닫기"},
    "voc_click_bar": {"en": "Click a bar to read the comments that use the word.",
                      "ko": "막대를 누르면 그 단어가 들어간 의견을 봅니다."},
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
}
