"""The Upload page's forms: the mapping of an event log's columns, a survey export's fields and outcome, the invalid
rows. Each change runs through ``ui.upload.run`` (one sentence in the UI language when it fails)."""

from __future__ import annotations

import streamlit as st

import settings
from i18n import t
from store import Dataset, Filters
from ui import data, layout, text
from ui import upload as session
from ui.charts import coverage as coverage_charts


def mapping_form(upload: session.Upload, file_name: str) -> None:
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
            session.run(lambda: session.apply(chosen), file_name)

def quarantine(upload: session.Upload) -> None:
    """The rows left out as invalid: counted per column, then each with its row number and reason (masked)."""
    st.subheader(t("upload_quarantine"))
    if upload.quarantine.height == 0:
        st.caption(t("upload_quarantine_none"))
        return
    st.warning(t("upload_quarantine_count", n=f"{upload.quarantine.height:,}"))
    labels = session.quarantine_labels()
    layout.table(session.quarantine_by_column(upload.quarantine), "invalid_rows_by_column.csv", labels=labels)
    layout.table(session.shown_quarantine(upload.quarantine, upload.reasons), "invalid_rows.csv", labels=labels)

def survey_section(upload: session.Upload, file_name: str) -> None:
    """A survey export read: what was found, the fields (weight, responded, segments…), the outcome, the rating
    columns and their stages."""
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
            session.run(lambda: session.apply_survey(upload.outcome, fields=chosen), file_name)
    # Options are shown as they are (no format_func): choices 0 and 1 are "automatic" and "none", then the columns.
    options, index = session.outcome_choices(upload)
    picked = st.selectbox(t("upload_outcome"), range(len(options)), index=index, format_func=options.__getitem__,
                          key=f"upload.outcome.{upload.file_id}")
    wanted = session.outcome_of_choice(upload, picked)
    if wanted != upload.outcome:
        session.run(lambda: session.apply_survey(wanted), file_name)
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
            session.run(lambda: session.apply_survey(upload.outcome, stages=named), file_name)

def events_section(upload: session.Upload, file_name: str) -> None:
    """An event log read: refused with the share of invalid rows (load anyway), a mapping to confirm, or loaded."""
    if upload.refused is not None:
        st.warning(text.md(session.refused_message(upload.refused)))
        acceptable = upload.refused.invalid < upload.refused.rows  # a file with no valid row never loads
        if acceptable and st.button(t("upload_load_anyway"), key="upload.load_anyway"):
            session.run(lambda: session.apply(upload.mapping.columns, accept_invalid=True), file_name)
        mapping_form(upload, file_name)
    elif not upload.mapping.ready:  # ambiguous or incomplete: ask before loading
        st.warning(text.md(session.mapping_message(upload.mapping) or t("upload_mapping_ask")))
        mapping_form(upload, file_name)
    elif upload.dataset is not None:
        st.success(t("upload_loaded", name=text.md(upload.name), events=f"{upload.dataset.events:,}",
                     journeys=f"{upload.dataset.journeys:,}", rejected=f"{upload.quarantine.height:,}"))
        coverage(upload)
        with st.expander(t("upload_mapping", status=t(f"upload_status_{upload.mapping.status}")), expanded=False):
            mapping_form(upload, file_name)


def data_in_use(ds: Dataset) -> None:
    """Before a file is loaded: the data every page shows now (``ds``), its journeys per week; an upload replaces it
    for this session. Drawn with the page, it also has the browser load its charts' code while the person picks a
    file (a first chart after the load otherwise waited about a second for it)."""
    weekly = data.journeys_by_week(ds, Filters())
    if weekly.height:
        st.subheader(t("upload_in_use", name=text.md(ds.name)))
        st.caption(t("upload_in_use_help"))
        layout.chart(coverage_charts.journeys_by_week(weekly), file_name="cxlens-data-weeks")


def coverage(upload: session.Upload) -> None:
    """The loaded file's journeys per week (its whole data, whatever the filters): the weeks its dates cover."""
    weekly = data.journeys_by_week(upload.dataset, Filters())
    if weekly.height:
        st.caption(t("upload_coverage"))
        layout.chart(coverage_charts.journeys_by_week(weekly), file_name="cxlens-upload-weeks")
