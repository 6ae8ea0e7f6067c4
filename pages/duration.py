"""Journey duration: its distribution per persona (boxes, median and p90) and the dwell time per stage."""

from __future__ import annotations

import streamlit as st

from i18n import t
from ui import data, layout
from ui.charts import duration as duration_charts

ds, f = data.current_dataset(), data.current_filters()
min_n = data.min_sample()
st.title(t("page_duration"))
layout.stop_if_empty(ds, f)
if data.survey_info(ds) is not None:
    st.info(t("survey_no_duration"))
    st.stop()

with layout.guard():
    st.subheader(t("duration_by_persona"))
    spans = data.duration_by_persona(ds, f)
    personas = data.colour_keys(ds)["persona"]
    layout.chart(duration_charts.boxes(spans, "persona", t("hours_log_axis"), min_n, data.colours(ds)["persona"],
                                 personas, all_label=t("all_journeys")))
    st.caption(t("box_note"))
    layout.n_caption(journeys=int(spans.filter(spans["persona"].is_null())["journeys"].sum()))
    layout.suppressed_caption()
    st.subheader(t("duration_table"))
    layout.table(
        spans.select("persona", "journeys", "median_hours", "p90_hours").fill_null(t("all_journeys")),
        "duration_by_persona.csv",
        labels={"persona": t("col_persona"), "journeys": t("col_journeys"), "median_hours": t("col_median_hours"),
                "p90_hours": t("col_p90_hours")},
        formats={"median_hours": "%.1f", "p90_hours": "%.1f"},
    )

with layout.guard():
    st.subheader(t("dwell_title"))
    st.caption(t("dwell_definition"))
    stay = data.dwell(ds, f)
    if stay.height == 0:
        st.info(t("no_dwell"))
    else:
        layout.chart(duration_charts.boxes(stay, "stage", t("hours_log_axis"), min_n, order=list(ds.stage_order)))
        st.caption(t("box_note"))
        layout.n_caption(journeys=data.totals(ds, f)["journeys"])
        layout.suppressed_caption()
        layout.table(
            stay.select("stage", "journeys", "median_hours", "p90_hours"), "dwell_time.csv",
            labels={"stage": t("col_stage"), "journeys": t("col_dwell_journeys"),
                    "median_hours": t("col_median_hours"), "p90_hours": t("col_p90_hours")},
            formats={"median_hours": "%.1f", "p90_hours": "%.1f"},
        )
