"""Upload: analyse your own file — events or a survey export: the reading, a preview, the mapping, invalid rows, export."""

from __future__ import annotations

import streamlit as st

import ingest
import settings
from i18n import current_lang, t
from ingest import survey
from ui import audit, data, layout, text
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


def _run(action) -> None:
    session.run(action, file.name if file else "")


current = session.current()
if file is not None and (current is None or current.file_id != file.file_id):
    _run(lambda: session.receive(file.file_id, file.name, file.getvalue()))
    current = session.current() if session.current() and session.current().file_id == file.file_id else None


def mapping_form(upload: session.Upload) -> None:
    """One selectbox per field (named and described in the UI language), applied together."""
    options = session.mapping_options(upload)
    with st.form("upload.mapping"):
        chosen = {}
        for i, name in enumerate(session.EVENT_FIELDS):
            if i % 4 == 0:  # a row of four at a time: a phone stacks them in the fields' order, not column by column
                columns = st.columns(4)
            source = upload.mapping.columns.get(name) or upload.mapping.suggested.get(name)
            picked = columns[i % 4].selectbox(session.field_label(name), options,
                                              index=options.index(source) if source in options else 0,
                                              help=t(f"field_{name}_help"), key=f"upload.map.{name}")
            said = session.field_note(upload.mapping, name)
            if said:  # next to the field it is about, in the UI language, with the file's own headers
                columns[i % 4].caption(text.md(said))
            chosen[name] = "" if picked == options[0] else picked
        if st.form_submit_button(t("upload_apply"), type="primary"):
            _run(lambda: session.apply(chosen))


def quarantine(upload: session.Upload) -> None:
    st.subheader(t("upload_quarantine"))
    if upload.quarantine.height == 0:
        st.caption(t("upload_quarantine_none"))
        return
    st.warning(t("upload_quarantine_count", n=f"{upload.quarantine.height:,}"))
    labels = session.quarantine_labels()
    layout.table(session.quarantine_by_column(upload.quarantine), "invalid_rows_by_column.csv", labels=labels)
    layout.table(session.shown_quarantine(upload.quarantine, upload.reasons), "invalid_rows.csv", labels=labels)


def survey_section(upload: session.Upload) -> None:
    about = upload.survey
    st.success(t("upload_survey_loaded", name=text.md(upload.name), respondents=f"{about.respondents:,}",
                 answers=f"{sum(r.answers for r in about.ratings):,}", ratings=len(about.ratings),
                 rejected=f"{upload.quarantine.height:,}"))
    st.markdown("  \n".join(text.md(line) for line in session.survey_lines(about)))
    with st.form("upload.survey_fields"):
        st.caption(t("upload_survey_fields_help"))
        chosen = {}
        for i, (name, (options, index)) in enumerate(session.survey_field_choices(upload).items()):
            if i % 2 == 0:  # a row at a time, so a phone keeps the fields' order
                boxes = st.columns(2)
            picked = boxes[i % 2].selectbox(t(f"survey_field_{name}"), options, index=index,
                                            help=t(f"survey_field_{name}_help"), key=f"upload.survey.{name}")
            chosen[name] = "" if picked == options[0] else picked
        if st.form_submit_button(t("upload_apply"), type="primary"):
            _run(lambda: session.apply_survey(upload.outcome, fields=chosen))
    # Options are shown as they are (no format_func): choices 0 and 1 are "automatic" and "none", then the columns.
    options, index = session.outcome_choices(upload)
    picked = st.selectbox(t("upload_outcome"), range(len(options)), index=index, format_func=options.__getitem__,
                          key=f"upload.outcome.{upload.file_id}")
    wanted = session.outcome_of_choice(upload, picked)
    if wanted != upload.outcome:
        _run(lambda: session.apply_survey(wanted))
    o = about.outcome
    if o is None:
        st.info(t("upload_outcome_missing"))
    else:
        st.caption(t(f"upload_outcome_{o.kind}", column=text.md(o.column), positive=text.md(o.positive), low=o.low,
                     high=o.high))
    st.subheader(t("upload_survey_ratings"))
    ratings = session.rating_columns(about)
    layout.table(ratings, "rating_columns.csv", labels={c: t(f"col_{c}") for c in ratings.columns})
    words = ", ".join(w.strip() for w in settings.get("not_applicable").split(",") if w.strip())
    st.caption(t("upload_survey_na", words=text.md(words)))
    with st.expander(t("upload_survey_stages")), st.form("upload.stages"):
        st.caption(t("upload_survey_stages_help"))
        named = {}
        for i, r in enumerate(about.ratings):
            if i % 2 == 0:  # a row at a time, so a phone keeps the columns' order
                columns = st.columns(2)
            named[r.column] = columns[i % 2].text_input(r.column, value=r.stage, key=f"upload.stage.{i}")
        if st.form_submit_button(t("upload_apply_stages"), type="primary"):
            _run(lambda: session.apply_survey(upload.outcome, stages=named))


def events_section(upload: session.Upload) -> None:
    if upload.refused is not None:
        st.warning(text.md(session.refused_message(upload.refused)))
        acceptable = upload.refused.invalid < upload.refused.rows  # a file with no valid row never loads
        if acceptable and st.button(t("upload_load_anyway"), key="upload.load_anyway"):
            _run(lambda: session.apply(upload.mapping.columns, accept_invalid=True))
        mapping_form(upload)
    elif not upload.mapping.ready:  # ambiguous or incomplete: ask before loading
        st.warning(text.md(session.mapping_message(upload.mapping) or t("upload_mapping_ask")))
        mapping_form(upload)
    elif upload.dataset is not None:
        st.success(t("upload_loaded", name=text.md(upload.name), events=f"{upload.dataset.events:,}",
                     journeys=f"{upload.dataset.journeys:,}", rejected=f"{upload.quarantine.height:,}"))
        with st.expander(t("upload_mapping", status=t(f"upload_status_{upload.mapping.status}")), expanded=False):
            mapping_form(upload)


if current is not None:
    st.subheader(t("upload_preview", name=text.md(current.name)))
    st.dataframe(current.preview, hide_index=True, width="stretch", placeholder=number_format.MISSING)
    readings = [survey.EVENTS, survey.SURVEY]
    labels = [t(f"reading_{r}") for r in readings]
    shown = st.radio(t("upload_reading_label"), labels, index=readings.index(current.reading), horizontal=True,
                     help=t("upload_reading_help"), key=f"upload.reading.{current.file_id}.{current_lang()}")
    picked = readings[labels.index(shown)]
    if picked != current.reading:
        _run(lambda: session.switch(picked))
    if current.reading == survey.SURVEY and current.survey is not None and current.dataset is not None:
        survey_section(current)
    elif current.reading == survey.EVENTS:
        events_section(current)
    for note in current.notes:
        st.warning(note.text(current_lang(), text.md), icon=":material/info:")
    if current.dataset is not None and current.refused is None and (
            current.reading == survey.EVENTS) == (current.survey is None):
        quarantine(current)

ds, f = data.current_dataset(), data.current_filters()
st.subheader(t("upload_export"))
st.caption(t("upload_export_help", name=text.md(ds.name)))
st.download_button(t("download_parquet"), audit.exported("events.parquet", f, lambda: session.events_parquet(ds, f),
                                                        lambda: data.totals(ds, f)["events"]), file_name="events.parquet",
                   mime="application/vnd.apache.parquet", icon=":material/download:", key="upload.parquet",
                   on_click="ignore")
