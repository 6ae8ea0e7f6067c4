"""Key drivers: the importance–performance matrix, the drivers table and one plain-language reading."""

from __future__ import annotations

import polars as pl
import streamlit as st

from figures import survey as survey_figures
from i18n import current_lang, t
from metrics.drivers import READING_KEYS, reading
from metrics.handoff_effect import sentence
from metrics.story import fix_first_text
from ui import data, drill, layout, loop_data, text
from ui.charts import drivers as driver_charts
from ui.charts import snapshot

QUADRANT_KEYS = ("fix_first", "keep_up", "maintain", "monitor")

ds, f = data.current_dataset(), data.current_filters()
st.title(t("page_drivers"))
about = data.survey_info(ds)  # a survey's drivers explain its outcome (a label: a logistic model)
st.caption(t("drivers_intro" if about is None or about.outcome is None else "drivers_intro_survey"))
drill.filter_notice(("drivers.matrix",))
layout.stop_if_empty(ds, f)
logit = about is not None and about.outcome is not None and about.outcome.kind == "label"

with layout.guard():
    kd = data.key_drivers(ds, f)
    if kd.table is None:
        st.info(t("drivers_unavailable", reason=kd.reason))
    else:
        if about is None:  # the one fix first, in the overview's words: the two pages never name two priorities
            fix = data.fix_first(ds, f)
            verdict = fix_first_text(fix, snapshot.story_templates(current_lang()))
            st.markdown("**" + text.md(verdict) + "**")
        else:
            if about.outcome is not None and about.outcome.kind != "nps":
                said = survey_figures.drivers_reading(kd, about, {"top": t("reading_logit"),
                                                                  "none": t("reading_logit_none")})
            else:
                said = reading(kd, {k: t("reading_" + k) for k in READING_KEYS})
            if said:
                st.markdown("**" + text.md(said) + "**")
        labels = {q: t("quadrant_" + q) for q in QUADRANT_KEYS}
        st.subheader(t("ipm_title"))
        layout.chart(driver_charts.importance_performance(kd.table, labels, data.min_sample()),
                     **drill.filter_on_cell(("stage",), "drivers.matrix"))
        st.caption(t("click_driver_to_filter"))
        if about is None or about.outcome is None:
            st.caption(t("drivers_method", journeys=f"{kd.journeys:,}", r2=f"{kd.r2:.2f}", min=data.min_sample()))
        else:
            o, rate = about.outcome, data.survey_outcome(ds, f)["rate"]
            st.caption(text.md(t(
                "drivers_model_logit" if logit else "drivers_model_score", column=o.column, positive=o.positive,
                rate="—" if rate is None else f"{rate:.1f}", n=f"{kd.journeys:,}", r2=f"{kd.r2:.2f}")))
            if kd.fit == "firth":
                st.caption(t("drivers_fit_firth"))
        st.subheader(t("drivers_table"))
        shown = kd.table.with_columns(pl.col("quadrant").replace_strict(labels, default=None)).with_columns(
            pl.when(pl.col("p_value").is_null() | (pl.col("p_value") >= driver_charts.SIGNIFICANCE))
            .then(pl.format(t("quadrant_not_significant", quadrant="{}"), pl.col("quadrant")))
            .otherwise(pl.col("quadrant")).alias("quadrant"))
        layout.table(
            shown.select("stage", "importance", "coefficient", "ci_low", "ci_high", "p_value", "mean_satisfaction",
                         "n", "quadrant"),
            "key_drivers.csv",
            labels={"stage": t("col_stage"), "importance": t("col_importance"),
                    "coefficient": t("col_log_odds" if logit else "col_coefficient"), "ci_low": t("col_ci_low"), "ci_high": t("col_ci_high"),
                    "p_value": t("col_p_value"), "mean_satisfaction": t("col_mean_satisfaction"),
                    "n": t("col_rated_journeys"), "quadrant": t("col_quadrant")},
            formats={"importance": "%.1f", "coefficient": "%+.2f", "ci_low": "%+.2f", "ci_high": "%+.2f",
                     "p_value": "%.3g", "mean_satisfaction": "%.2f"},
            column_order=["stage", "importance", "quadrant"],  # what a phone shows before it scrolls
            select={"on_select": "rerun", "selection_mode": "single-row", "key": "drivers.rows"} if about is None
            else None,
        )
        if about is None:  # a stage is something the team can change: plan an action on it
            picked = loop_data.selected_row(kd.table, "drivers.rows")
            stage = picked["stage"] if picked else fix.stage or kd.table["stage"][0]
            loop_data.draft_button(loop_data.action_draft("driver", "stage", stage),
                                   t("loop_plan_action_on", target=text.md(stage)), key="drivers.plan")
            st.caption(t("loop_plan_action_driver_hint"))

if about is not None:  # a survey has no channel handoffs: no section for them
    st.stop()
with layout.guard():
    st.subheader(t("handoff_effect_title"))
    effect = data.handoff_effect(ds, f)
    if effect.per_handoff is None:
        st.info(t("handoff_unavailable", reason=effect.reason))
    else:
        st.markdown(sentence(effect, {k: t("handoff_" + k) for k in ("cost", "gain", "none")}))
