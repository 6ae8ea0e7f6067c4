"""Questions (a survey): how each rating question was answered, and its top-2-box with a 95% interval."""

from __future__ import annotations

import streamlit as st

from i18n import current_lang, t
from ui import data, layout
from ui.charts import survey as survey_charts

ds, f = data.current_dataset(), data.current_filters()
st.title(t("page_questions"))
layout.survey_page(ds, f, current_lang())  # shares, intervals and means below may be weighted

with layout.guard():
    st.subheader(t("survey_distribution_title"))
    answers = data.survey_distribution(ds, f)
    layout.chart(survey_charts.distribution(answers), "cxlens-answers")
    st.caption(t("survey_distribution_note"))
    layout.table(answers.select("question", "answer", "respondents", "share_pct"), "survey_answers.csv",
                 labels={"question": t("col_question"), "answer": t("col_answer"),
                         "respondents": t("col_respondents"), "share_pct": t("col_share_pct")},
                 formats={"share_pct": "%.1f"})

with layout.guard():
    st.subheader(t("survey_top_two_title"))
    boxes = data.survey_top_two_box(ds, f)
    layout.chart(survey_charts.top_two_box(boxes, data.min_sample()), "cxlens-top-two-box")
    st.caption(t("survey_top_two_note"))
    layout.n_caption(ratings=int(boxes["answers"].sum()))
    layout.table(boxes, "survey_top_two_box.csv",
                 labels={"question": t("col_question"), "scale": t("col_scale"), "answers": t("col_answers"),
                         "not_applicable": t("col_not_applicable"), "top_two": t("col_top_two"),
                         "top_two_pct": t("col_top_two_pct"), "top_two_low": t("col_ci_low"),
                         "top_two_high": t("col_ci_high"), "mean": t("col_mean_answer")},
                 formats={"top_two_pct": "%.1f", "top_two_low": "%.1f", "top_two_high": "%.1f", "mean": "%.2f"},
                 column_order=["question", "top_two_pct"])
