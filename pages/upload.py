"""Upload: analyse your own file — upload, check the column mapping, see the invalid rows, download events."""

from __future__ import annotations

import polars as pl
import streamlit as st

import ingest
import settings
from errors import DataError
from store.schema import CANONICAL, REQUIRED
from ui import data, layout, text
from ui import upload as session
from ui.i18n import current_lang, t

st.title(t("page_upload"))
st.caption(t("upload_intro", limit=settings.get("upload_limit_mb")))

file = st.file_uploader(t("upload_label"), type=[s.lstrip(".") for s in ingest.SUFFIXES], key=session.uploader_key(),
                        max_upload_size=max(1, int(float(settings.get("upload_limit_mb")))))
current = session.current()
if file is not None and (current is None or current.file_id != file.file_id):
    try:
        with st.spinner(t("upload_reading", name=text.md(file.name))):
            current = session.receive(file.file_id, file.name, file.getvalue())
        st.rerun()  # the banner and the sidebar are drawn before this page: redraw them on the new data
    except DataError as exc:
        st.error(text.error(exc))
        current = session.current() if session.current() and session.current().file_id == file.file_id else None


def mapping_form(upload: session.Upload) -> None:
    """One selectbox per canonical column (required ones marked), applied together."""
    unmapped = t("upload_unmapped")
    options = [unmapped, *upload.columns]
    with st.form("upload.mapping"):
        chosen = {}
        columns = st.columns(4)
        for i, name in enumerate(CANONICAL):
            source = upload.mapping.columns.get(name)
            label = f"{name} *" if name in REQUIRED else name
            picked = columns[i % 4].selectbox(label, options, index=options.index(source) if source else 0,
                                              key=f"upload.map.{name}")
            chosen[name] = "" if picked == unmapped else picked
        if st.form_submit_button(t("upload_apply"), type="primary"):
            try:
                with st.spinner(t("upload_reading", name=text.md(upload.name))):
                    session.apply(chosen)
                st.rerun()
            except DataError as exc:
                st.error(text.error(exc))


if current is not None and not current.mapping.ready:  # ambiguous or incomplete: ask before loading
    st.warning(text.error(current.mapping.problem() or "") or t("upload_mapping_ask"))
    mapping_form(current)
elif current is not None and current.dataset is not None:
    st.success(t("upload_loaded", name=text.md(current.name), events=f"{current.dataset.events:,}",
                 journeys=f"{current.dataset.journeys:,}", rejected=f"{current.quarantine.height:,}"))
    for note in current.notes:
        st.warning(note.text(current_lang(), text.md), icon=":material/info:")
    with st.expander(t("upload_mapping", status=t(f"upload_status_{current.mapping.status}")),
                     expanded=False):
        mapping_form(current)
    st.subheader(t("upload_quarantine"))
    if current.quarantine.height:
        st.warning(t("upload_quarantine_count", n=f"{current.quarantine.height:,}"))
        by_column = (current.quarantine.group_by("column").agg(pl.len().alias("rows"))
                     .sort(["rows", "column"], descending=[True, False]))
        layout.table(by_column, "invalid_rows_by_column.csv")
        layout.table(current.quarantine, "invalid_rows.csv")
    else:
        st.caption(t("upload_quarantine_none"))

ds, f = data.current_dataset(), data.current_filters()
st.subheader(t("upload_export"))
st.caption(t("upload_export_help", name=text.md(ds.name)))
st.download_button(t("download_parquet"), lambda: session.events_parquet(ds, f), file_name="events.parquet",
                   mime="application/vnd.apache.parquet", icon=":material/download:", key="upload.parquet",
                   on_click="ignore")
