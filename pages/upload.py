"""Upload: analyse your own file — events or a survey export: the reading, a preview, the mapping, invalid rows, export."""

from __future__ import annotations

import streamlit as st

import ingest
import settings
from i18n import current_lang, t
from ingest import survey
from ui import audit, data, overview_view, text, upload_forms
from ui import format as number_format
from ui import upload as session

st.title(t("page_upload"))
st.caption(t("upload_intro", limit=settings.get("upload_limit_mb")))

file = st.file_uploader(t("upload_label_any"), type=[s.lstrip(".") for s in ingest.SUFFIXES],
                        key=session.uploader_key(), max_upload_size=max(1, int(float(settings.get("upload_limit_mb")))))
left, right, _ = st.columns([1, 1, 2], vertical_alignment="center")
left.download_button(t("upload_template_events"), lambda: session.template(survey.EVENTS),
                     file_name="cxlens_events_template.csv",
                     mime="text/csv", icon=":material/download:", key="upload.template.events", on_click="ignore")
right.download_button(t("upload_template_survey"), lambda: session.template(survey.SURVEY),
                      file_name="cxlens_survey_template.csv", mime="text/csv", icon=":material/download:",
                      key="upload.template.survey", on_click="ignore")
st.caption(t("upload_templates"))
st.caption(t("upload_tab_only"))


file_name = file.name if file else ""
current, fresh = session.current(), None
if file is not None and (current is None or current.file_id != file.file_id):
    fresh = session.taken(file.file_id, file.name, file.getvalue())
    current = session.current() if fresh is not None else None

if current is not None:
    st.subheader(t("upload_preview", name=text.md(current.name)))
    st.dataframe(current.preview, hide_index=True, width="stretch", placeholder=number_format.MISSING)
    if fresh is not None:  # the preview is on screen while the file loads; the page is drawn again after
        session.load_in_view(fresh, file_name)
        current = session.current()  # a stopped load (a refused file, a mapping to finish) is on it
    readings = [survey.EVENTS, survey.SURVEY]
    labels = [t(f"reading_{r}") for r in readings]
    shown = st.radio(t("upload_reading_label"), labels, index=readings.index(current.reading), horizontal=True,
                     help=t("upload_reading_help"), key=f"upload.reading.{current.file_id}.{current_lang()}")
    picked = readings[labels.index(shown)]
    if picked != current.reading:
        session.run(lambda: session.switch(picked), file_name)
    if current.reading == survey.SURVEY and current.survey is not None and current.dataset is not None:
        upload_forms.survey_section(current, file_name)
    elif current.reading == survey.EVENTS:
        upload_forms.events_section(current, file_name)
    for note in current.notes:
        st.warning(note.text(current_lang(), text.md), icon=":material/info:")
    if current.dataset is not None and current.refused is None and (
            current.reading == survey.EVENTS) == (current.survey is None):
        upload_forms.quarantine(current)

ds, f = data.current_dataset(), data.current_filters()
if session.in_use(current):  # the overview's story is computed while the person reads what was loaded
    overview_view.prefetch(ds, f)
elif current is None:
    upload_forms.data_in_use(ds)
st.subheader(t("upload_export"))
st.caption(t("upload_export_help", name=text.md(ds.name)))
st.download_button(t("download_parquet"), audit.exported("events.parquet", f, lambda: session.events_parquet(ds, f),
                                                        lambda: data.totals(ds, f)["events"]), file_name="events.parquet",
                   mime="application/vnd.apache.parquet", icon=":material/download:", key="upload.parquet",
                   on_click="ignore")
