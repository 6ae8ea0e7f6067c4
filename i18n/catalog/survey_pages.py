"""The survey pages: Questions, Segments, the survey's overview headline and cards."""

TEXT: dict[str, dict[str, str]] = {
    "nav_questions": {"en": "Questions", "ko": "문항"},
    "nav_segments": {"en": "Segments", "ko": "세그먼트"},
    "page_questions": {"en": "Questions", "ko": "문항별 응답"},
    "page_segments": {"en": "Outcome by segment", "ko": "세그먼트별 결과"},
    "survey_page_needs_survey": {"en": "This page is for survey data (one row of answers per respondent); the data "
                                       "in use is events.",
                                 "ko": "이 페이지는 설문 데이터(응답자마다 답 한 행)용입니다. 지금 데이터는 이벤트입니다."},
    "survey_distribution_title": {"en": "How each question was answered", "ko": "문항별 응답 분포"},
    "survey_distribution_note": {
        "en": "Each bar is one question's answers, from the lowest answer of its scale (left, red) to the highest "
              "(right, green); not-applicable answers are left out.",
        "ko": "막대 하나가 한 문항의 응답이며, 척도의 가장 낮은 답(왼쪽, 빨강)부터 가장 높은 답(오른쪽, 초록)까지입니다. "
              "해당없음 응답은 빠집니다."},
    "survey_answer": {"en": "Answer", "ko": "응답"},
    "survey_share_axis": {"en": "Share of the question's answers (%)", "ko": "문항 응답 중 비율(%)"},
    "survey_top_two_title": {"en": "Top-2-box per question", "ko": "문항별 상위 2개 응답 비율(Top-2-box)"},
    "survey_top_two": {"en": "Top-2-box", "ko": "Top-2-box"},
    "survey_top_two_axis": {"en": "Answers among the scale's top two (%)", "ko": "척도의 상위 두 응답 비율(%)"},
    "survey_top_two_note": {
        "en": "Top-2-box = % of a question's answers that are its scale's two highest (4–5 on 1–5, 9–10 on 0–10); "
              "the bar is its 95% interval (Wilson). A hollow point has fewer answers than the minimum sample.",
        "ko": "Top-2-box = 문항 응답 중 척도의 가장 높은 두 답(1–5점이면 4–5, 0–10점이면 9–10)의 비율이며, 막대는 95% "
              "구간(Wilson)입니다. 속이 빈 점은 응답이 최소 표본보다 적은 문항입니다."},
    "col_question": {"en": "Question", "ko": "문항"},
    "col_answer": {"en": "Answer", "ko": "응답"},
    "col_respondents": {"en": "Respondents", "ko": "응답자 수"},
    "col_share_pct": {"en": "Share %", "ko": "비율 %"},
    "col_top_two": {"en": "Top two", "ko": "상위 2개 응답 수"},
    "col_top_two_pct": {"en": "Top-2-box %", "ko": "Top-2-box %"},
    "col_mean_answer": {"en": "Mean answer", "ko": "평균 응답"},
    "col_positive_pct": {"en": "Positive %", "ko": "긍정 %"},
    "survey_segments_no_outcome": {
        "en": "This survey has no outcome column (NPS, an overall score or a satisfied/unsatisfied label), so there "
              "is nothing to compare between segments; choose one on the upload page.",
        "ko": "이 설문에는 결과 열(NPS, 종합 점수, 만족/불만족 구분)이 없어 세그먼트끼리 비교할 것이 없습니다. 업로드 "
              "페이지에서 고르세요."},
    "survey_segments_none": {
        "en": "This survey has no column with a few values to split respondents by (such as gender, class or "
              "region).",
        "ko": "이 설문에는 응답자를 나눌 값이 적은 열(성별, 등급, 지역 등)이 없습니다."},
    "survey_segment_by": {"en": "Split by", "ko": "나누는 기준"},
    "survey_segment_title_nps": {"en": "NPS on '{column}' by segment", "ko": "세그먼트별 '{column}' NPS"},
    "survey_segment_title_rate": {"en": "'{positive}' on '{column}' by segment",
                                  "ko": "세그먼트별 '{column}'의 '{positive}' 비율"},
    "survey_segment_note_nps": {
        "en": "NPS = % promoters (9–10) − % detractors (0–6) of the segment's respondents who answered; the bar is "
              "its 95% interval. A hollow bar has fewer answers than the minimum sample.",
        "ko": "NPS = 답한 응답자 중 추천(9–10) 비율 − 비추천(0–6) 비율이며, 막대는 95% 구간입니다. 속이 빈 막대는 응답이 "
              "최소 표본보다 적은 세그먼트입니다."},
    "survey_segment_note_rate": {
        "en": "% of the segment's respondents who answered with the positive value; the bar is its 95% interval "
              "(Wilson). A hollow bar has fewer answers than the minimum sample.",
        "ko": "답한 응답자 중 긍정 값으로 답한 비율이며, 막대는 95% 구간(Wilson)입니다. 속이 빈 막대는 응답이 최소 "
              "표본보다 적은 세그먼트입니다."},
    "survey_segment_nps_axis": {"en": "NPS", "ko": "NPS"},
    "survey_segment_rate_axis": {"en": "Positive answers (%)", "ko": "긍정 응답(%)"},
    "survey_no_segment": {"en": "'{column}' is not a segment column of this survey.",
                          "ko": "'{column}'은(는) 이 설문의 세그먼트 열이 아닙니다."},
    "kpi_respondents": {"en": "Respondents", "ko": "응답자 수"},
    "help_respondents": {"en": "Selected respondents with at least one rating.",
                         "ko": "평가를 하나 이상 한 선택 범위의 응답자 수."},
    "survey_lowest_title": {"en": "Lowest rated questions", "ko": "가장 낮게 평가된 문항"},
    "survey_lowest_line": {
        "en": "**{question}** — top-2-box {pct}% (95% interval {low}–{high}%), {n} answers",
        "ko": "**{question}** — Top-2-box {pct}% (95% 구간 {low}–{high}%), 응답 {n}건"},
    "see_questions": {"en": "See every question", "ko": "모든 문항 보기"},
    "survey_headline_who": {"en": "{respondents} respondents answered {questions} rating questions.",
                            "ko": "응답자 {respondents}명이 평가 문항 {questions}개에 답했습니다."},
    "survey_headline_who_dated": {
        "en": "{respondents} respondents answered {questions} rating questions between {since} and {until}.",
        "ko": "응답자 {respondents}명이 {since}부터 {until}까지 평가 문항 {questions}개에 답했습니다."},
    "survey_headline_nps": {
        "en": "NPS on '{column}' is {nps} (95% interval {low} to {high}): {promoters}% promoters, {detractors}% "
              "detractors.",
        "ko": "'{column}' NPS는 {nps}입니다(95% 구간 {low} ~ {high}). 추천 {promoters}%, 비추천 {detractors}%."},
    "survey_headline_label": {
        "en": "{rate}% answered '{positive}' to '{column}' (95% interval {low}–{high}%).",
        "ko": "'{column}'에 '{positive}'(이)라고 답한 응답자는 {rate}%입니다(95% 구간 {low}–{high}%)."},
    "survey_headline_score": {
        "en": "{rate}% gave one of the top two answers ({positive}) to '{column}' (95% interval {low}–{high}%).",
        "ko": "'{column}'에 상위 두 답({positive})을 한 응답자는 {rate}%입니다(95% 구간 {low}–{high}%)."},
    "survey_headline_questions": {
        "en": "'{best}' is rated best ({best_pct}% in the top two answers), '{worst}' lowest ({worst_pct}%).",
        "ko": "가장 좋게 평가된 문항은 '{best}'(상위 두 답 {best_pct}%), 가장 낮은 문항은 '{worst}'({worst_pct}%)입니다."},
    "survey_headline_driver": {
        "en": "'{question}' moves '{column}' the most ({importance}% of what the ratings explain).",
        "ko": "'{column}'을(를) 가장 크게 움직이는 문항은 '{question}'입니다(평가가 설명하는 부분의 {importance}%)."},
    "survey_headline_no_driver": {
        "en": "No question has a clear link with '{column}' in this selection.",
        "ko": "이 선택 범위에서는 '{column}'과(와) 뚜렷하게 연결된 문항이 없습니다."},
}
