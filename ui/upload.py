"""This session's uploaded dataset: ingest an upload into a per-session directory, open it, show its banner.

The upload's original bytes, its canonical Parquet and its journey facts live in a temporary
directory owned by the session (``st.cache_resource(scope="session")``), removed when the session
ends; nothing of an upload is written to the shared cache. A replaced upload's files (and its
journey facts) are removed at once. The dataset itself goes where
``ui.data.current_dataset`` looks for it: ``st.session_state["dataset"]``, so every page of this
session, and no other session, runs on it.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import streamlit as st

import ingest
from errors import DataError
from ingest import ColumnMapping
from store import Dataset, Filters, open_dataset
from store import queries as q
from ui import data, text
from ui.i18n import t

STATE_KEY = "upload"  # the session's Upload (the dataset itself is in st.session_state["dataset"])
GENERATION_KEY = "upload_generation"  # bumped on clear(): a new, empty file uploader


@dataclass(frozen=True)
class Upload:
    """An uploaded file: where its bytes are, its columns and mapping, and once loaded its dataset and quarantine."""

    file_id: str
    name: str
    source: Path
    columns: tuple[str, ...]
    mapping: ColumnMapping
    quarantine: pl.DataFrame = field(default_factory=lambda: pl.DataFrame())
    notes: tuple[ingest.Note, ...] = ()  # how the file was read, worth a word (ingest.notes)
    dataset: Dataset | None = None

    @property
    def loaded(self) -> bool:
        return self.dataset is not None


def _remove(directory: str) -> None:
    shutil.rmtree(directory, ignore_errors=True)


@st.cache_resource(scope="session", on_release=_remove, show_spinner=False)
def session_dir() -> str:
    """A temporary directory of this session, removed when the session ends."""
    return tempfile.mkdtemp(prefix="cxlens-upload-")


def uploader_key() -> str:
    """The file uploader's key; it changes when the upload is cleared, so the old file is not taken again."""
    return f"upload.file.{st.session_state.get(GENERATION_KEY, 0)}"


def current() -> Upload | None:
    return st.session_state.get(STATE_KEY)


def receive(file_id: str, name: str, data: bytes) -> Upload:
    """Take a new upload: keep its bytes, read its columns and, when they map unambiguously, load it.

    Raises DataError for a whole-file problem; the session's dataset is then unchanged.
    """
    raw = ingest.read_table(data, name)  # before anything is replaced: a bad file changes nothing
    directory = Path(session_dir())
    directory.mkdir(parents=True, exist_ok=True)
    source = directory / f"source-{file_id}{Path(name).suffix.lower()}"
    source.write_bytes(data)
    previous = current()
    if previous is not None and previous.source != source:
        previous.source.unlink(missing_ok=True)
    upload = Upload(file_id=file_id, name=name, source=source, columns=tuple(raw.columns),
                    mapping=ingest.propose(raw.columns), dataset=previous.dataset if previous else None)
    st.session_state[STATE_KEY] = upload
    if upload.mapping.ready:
        return apply(upload.mapping.columns, raw)
    return upload


def apply(chosen: dict[str, str], raw: ingest.RawTable | None = None) -> Upload:
    """Load the current upload with ``chosen`` (canonical → source column) and make it the session's dataset."""
    upload = current()
    if upload is None:
        raise DataError(t("upload_none"))
    mapping = ingest.propose(upload.columns, chosen) if chosen != upload.mapping.columns else upload.mapping
    if not mapping.ready:
        st.session_state[STATE_KEY] = dataclasses.replace(upload, mapping=mapping)
        raise DataError(mapping.problem())
    raw = raw or ingest.read_table(upload.source, upload.name)
    loaded = ingest.canonicalize(raw, mapping)
    path = ingest.write_parquet(loaded, Path(session_dir()) / f"events-{loaded.digest or upload.file_id}.parquet")
    show, clear = data.opening_progress(upload.name)
    try:
        # the facts go in the session's directory, not the shared cache: they are removed with the session
        dataset = open_dataset(path, name=upload.name, progress=show, cache_dir=Path(session_dir()) / "facts")
    finally:
        clear()
    if upload.dataset is not None and upload.dataset.files != dataset.files:
        _forget(upload.dataset)
    st.session_state["dataset"] = dataset
    st.session_state[STATE_KEY] = Upload(file_id=upload.file_id, name=upload.name, source=upload.source,
                                         columns=upload.columns, mapping=mapping, quarantine=loaded.quarantine, notes=loaded.notes,
                                         dataset=dataset)
    return st.session_state[STATE_KEY]


def _forget(ds: Dataset) -> None:
    """Remove a replaced upload's Parquet and journey facts."""
    for f in ds.files:
        Path(f).unlink(missing_ok=True)
    shutil.rmtree(ds.facts_dir, ignore_errors=True)


def clear() -> None:
    """Back to the default dataset: forget this session's upload and remove its files."""
    upload = st.session_state.pop(STATE_KEY, None)
    st.session_state.pop("dataset", None)
    st.session_state[GENERATION_KEY] = st.session_state.get(GENERATION_KEY, 0) + 1
    if upload is not None:
        upload.source.unlink(missing_ok=True)
        if upload.dataset is not None:
            _forget(upload.dataset)


def banner() -> None:
    """On every page of a session with an upload: the file's name and a button back to the default data.

    An upload whose files are gone (the session's directory was released) is forgotten first.
    """
    upload = current()
    if upload is None or upload.dataset is None:
        return
    if not all(Path(f).exists() for f in upload.dataset.files):
        clear()
        st.warning(t("upload_expired", name=text.md(upload.name)))
        return
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.info(t("upload_banner", name=text.md(upload.name)), icon=":material/upload_file:")
    right.button(t("upload_return"), on_click=clear, key="upload.return", icon=":material/undo:")


def events_parquet(ds: Dataset, f: Filters) -> bytes:
    """The selected events as Parquet bytes (for a download)."""
    buffer = io.BytesIO()
    q.touchpoints(ds, f).write_parquet(buffer, compression="zstd")
    return buffer.getvalue()
