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
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import streamlit as st

import ingest
from errors import DataError
from figures import survey as survey_figures
from figures import weighting
from i18n import Message, t
from ingest import ColumnMapping, survey
from ingest.ingested import SurveyInfo
from ingest.mapping import SURVEY_ONLY
from ingest.read import ROW
from ingest.schema import CANONICAL, REQUIRED
from metrics import exports
from metrics.mask import mask_column
from store import Dataset, Filters, open_dataset
from store import queries as q
from store.facts import comments as store_comments
from store.facts import ready
from ui import data, text

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
    reasons: dict[str, Message] = field(default_factory=dict)  # the quarantine's reasons (ingest.Ingested.reasons)
    notes: tuple[ingest.Note, ...] = ()  # how the file was read, worth a word (ingest.notes)
    dataset: Dataset | None = None
    reading: str = survey.EVENTS           # "events" or "survey" (ingest.survey.reading chose it; the user may switch)
    preview: pl.DataFrame = field(default_factory=lambda: pl.DataFrame())  # the first rows as read
    survey: SurveyInfo | None = None       # how a survey was read (None for events)
    outcome: str | None = None             # the survey outcome column the user chose (None: found automatically)
    stages: dict = field(default_factory=dict)  # survey rating column -> the stage the user put it in
    fields: dict = field(default_factory=dict)  # survey field (SURVEY_FIELDS) -> the column the user chose ("" none)
    refused: ingest.MostlyInvalid | None = None  # a stopped load the user may accept ("Load anyway")

    @property
    def loaded(self) -> bool:
        return self.dataset is not None


def _remove(directory: str) -> None:
    ready.join_under(directory)  # a late facts pass or keywords step still writing there would leave files behind
    store_comments.wait_for_jobs(directory)
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


def take(file_id: str, name: str, data: bytes) -> ingest.RawTable:
    """Take a new upload without loading it: keep its bytes, read its columns, its preview and the suggested mapping
    (the session's Upload, its dataset still the previous one); returns the table read, for ``load_taken``.

    Raises DataError for a whole-file problem; the session's dataset and upload are then unchanged.
    """
    raw = ingest.read_table(data, name)  # before anything is replaced: a bad file changes nothing
    directory = Path(session_dir())
    directory.mkdir(parents=True, exist_ok=True)
    source = directory / f"source-{file_id}{Path(name).suffix.lower()}"
    source.write_bytes(data)
    previous = current()
    if previous is not None and previous.source != source:
        previous.source.unlink(missing_ok=True)
    mapping = _suggested(raw, ingest.propose(raw.columns))
    upload = Upload(file_id=file_id, name=name, source=source, columns=tuple(raw.columns), mapping=mapping,
                    dataset=previous.dataset if previous else None, reading=survey.reading(raw, mapping),
                    preview=masked(raw.frame.head(PREVIEW_ROWS).drop(ROW)))
    st.session_state[STATE_KEY] = upload
    return raw


def load_taken(raw: ingest.RawTable) -> Upload:
    """Load the upload ``take`` has just read (``raw``, its table): as a survey, or as events when its columns map
    unambiguously; else it waits for the mapping form."""
    upload = current()
    if upload is None:
        raise DataError("upload_none")
    if upload.reading == survey.SURVEY:
        return apply_survey(None, raw)
    if upload.mapping.ready:
        return apply(upload.mapping.columns, raw)
    return upload


PREVIEW_ROWS = 5
SUGGESTION_ROWS = 2000  # suggestions from the values look at the first rows only


def _suggested(raw: ingest.RawTable, mapping: ColumnMapping) -> ColumnMapping:
    return ingest.with_suggestions(dataclasses.replace(raw, frame=raw.frame.head(SUGGESTION_ROWS)), mapping)


def switch(reading: str) -> Upload:
    """Read the current upload as ``events`` or as a ``survey`` instead."""
    upload = current()
    if upload is None:
        raise DataError("upload_none")
    upload = dataclasses.replace(upload, reading=reading, refused=None)
    st.session_state[STATE_KEY] = upload
    if reading == survey.SURVEY:
        return apply_survey(upload.outcome)
    if upload.mapping.ready:
        return apply(upload.mapping.columns)
    return upload


# The columns a survey reading takes besides its ratings, in the order the Upload page asks for them.
SURVEY_FIELDS = ("timestamp", "comment", "persona", "journey_id", "weight", "responded", "invited")
# The fields of an events mapping (a survey's weight, responded flag and sent date are asked on a survey only).
EVENT_FIELDS = tuple(c for c in CANONICAL if c not in SURVEY_ONLY)


def apply_survey(outcome: str | None, raw: ingest.RawTable | None = None,
                 stages: dict[str, str] | None = None, fields: dict[str, str] | None = None) -> Upload:
    """Load the current upload as a survey (ingest.survey), ``outcome`` the chosen outcome column (None: automatic,
    "": none), ``stages`` the rating columns put in a stage (None: as before), ``fields`` the answer date, comment,
    segment and respondent id columns the user chose (SURVEY_FIELDS → column, "" none; None: as before), and make
    it the session's dataset."""
    upload = current()
    if upload is None:
        raise DataError("upload_none")
    stages = upload.stages if stages is None else {c: s.strip() for c, s in stages.items() if s.strip() and s.strip() != c}
    fields = upload.fields if fields is None else dict(fields)
    raw = raw or ingest.read_table(upload.source, upload.name)
    mapping = ingest.propose(raw.columns, fields)
    declined = sorted(k for k, v in fields.items() if not v)
    digest = survey.digest(upload.source.read_bytes(), {"outcome": outcome, "mapping": sorted(mapping.columns.items()),
                                                        "stages": sorted(stages.items()), "declined": declined})
    loaded = survey.read(raw, mapping, outcome=outcome, stages=stages, digest=digest, declined=declined)
    dataset = _open_loaded(upload, loaded)
    st.session_state["dataset"] = survey_figures.ordered(dataset, loaded.survey)
    st.session_state[STATE_KEY] = dataclasses.replace(
        upload, reading=survey.SURVEY, quarantine=loaded.quarantine, reasons=loaded.reasons, dataset=st.session_state["dataset"],
        survey=loaded.survey, outcome=outcome, stages=stages, fields=fields, notes=loaded.notes + dataset.notes, refused=None)
    return st.session_state[STATE_KEY]


def _open_loaded(upload: Upload, loaded: ingest.Ingested) -> Dataset:
    """Write the loaded events as this session's Parquet and open it (a replaced upload's files are removed)."""
    path = ingest.write_parquet(loaded, Path(session_dir()) / f"events-{loaded.digest or upload.file_id}.parquet")
    show, clear = data.opening_progress(upload.name)
    try:
        # the facts go in the session's directory, not the shared cache: they are removed with the session
        dataset = open_dataset(path, name=upload.name, progress=show, cache_dir=Path(session_dir()) / "facts",
                               background=True, hold=True)
    finally:
        clear()
    if upload.dataset is not None and upload.dataset.files != dataset.files:
        _forget(upload.dataset)
    return dataset


def apply(chosen: dict[str, str], raw: ingest.RawTable | None = None, accept_invalid: bool = False) -> Upload:
    """Load the current upload as events with ``chosen`` (canonical → source column) and make it the session's
    dataset. A mapping that is not ready, or a load that stops (ingest.MostlyInvalid), is kept on the upload for
    the page to show (``mapping``, ``refused``) and raised."""
    upload = current()
    if upload is None:
        raise DataError("upload_none")
    mapping = ingest.propose(upload.columns, chosen) if chosen != upload.mapping.columns else upload.mapping
    raw = raw or ingest.read_table(upload.source, upload.name)
    if mapping is not upload.mapping:
        mapping = _suggested(raw, mapping)
    if not mapping.ready:
        st.session_state[STATE_KEY] = dataclasses.replace(upload, mapping=mapping, reading=survey.EVENTS)
        raise DataError(mapping.problem())
    try:
        loaded = ingest.canonicalize(raw, mapping, accept_invalid=accept_invalid)
    except ingest.MostlyInvalid as exc:
        st.session_state[STATE_KEY] = dataclasses.replace(upload, mapping=mapping, reading=survey.EVENTS, refused=exc)
        raise
    dataset = _open_loaded(upload, loaded)
    st.session_state["dataset"] = dataset
    st.session_state[STATE_KEY] = dataclasses.replace(
        upload, mapping=mapping, quarantine=loaded.quarantine, reasons=loaded.reasons, dataset=dataset, reading=survey.EVENTS, survey=None,
        notes=loaded.notes + dataset.notes, refused=None)
    return st.session_state[STATE_KEY]


def in_use(upload: Upload | None) -> bool:
    """Whether ``upload`` is loaded and is the session's dataset (not refused, not waiting for its mapping)."""
    return (upload is not None and upload.dataset is not None and upload.refused is None
            and st.session_state.get("dataset") is upload.dataset)


def _forget(ds: Dataset) -> None:
    """Remove a replaced upload's Parquet and journey facts."""
    for f in ds.files:
        Path(f).unlink(missing_ok=True)
    ready.join_under(ds.facts_dir)
    store_comments.wait_for_jobs(ds.facts_dir)
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
    """The selected events as Parquet bytes (for a download), personal data masked in every text column but the
    journey and customer ids (metrics.exports)."""
    return exports.parquet_bytes(q.touchpoints(ds, f))


# --- what the page says, in the UI language and without report.py's flags --------------------------------------


def message(exc: DataError) -> str:
    """A DataError's sentence in the UI language, without the report.py flags a mapping's problem names."""
    if isinstance(exc, ingest.MostlyInvalid):
        return refused_message(exc)
    return exc.message.without("report_flags")


def field_note(mapping: ColumnMapping, name: str) -> str | None:
    """What the mapping form says under field ``name`` (UI language, the file's own headers): required and
    missing, claimed by several columns, or taken from a header that looks like a typo; None otherwise."""
    if name in mapping.missing:
        return t("upload_field_missing")
    if name in mapping.candidates:
        return t("upload_field_ambiguous", columns=", ".join(f"'{s}'" for s in mapping.candidates[name]))
    if name in mapping.assumed:
        return t("upload_field_assumed", column=mapping.assumed[name])
    return None


def field_label(name: str) -> str:
    """A canonical field's name in the UI language, marked when required."""
    label = t(f"field_{name}")
    return t("upload_required", label=label) if name in REQUIRED else label


def mapping_message(mapping: ColumnMapping) -> str | None:
    """What an unfinished mapping lacks, in the UI language: ambiguous fields, every missing field, suggestions."""
    parts = []
    for canonical, sources in mapping.candidates.items():
        parts.append(t("upload_ambiguous", columns=", ".join(f"'{s}'" for s in sources), field=t(f"field_{canonical}")))
    if mapping.missing:
        parts.append(t("upload_missing", fields=", ".join(t(f"field_{c}") for c in mapping.missing)))
    for canonical, source in mapping.suggested.items():
        parts.append(t("upload_suggested", column=source, field=t(f"field_{canonical}")))
    return " ".join(parts) or None


def refused_message(exc: ingest.MostlyInvalid) -> str:
    first = exc.first
    values = {"row": first.get("row"), "reason": exc.message.values.get("reason", first.get("reason"))}
    if exc.invalid >= exc.rows:
        return t("upload_none_valid", **values)
    return t("upload_mostly_invalid", invalid=f"{exc.invalid:,}", rows=f"{exc.rows:,}", **values)


def masked(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with personal data masked in every text column (metrics.mask): what a preview shows of a file
    before anyone has said which column holds the comments."""
    for column, dtype in frame.schema.items():
        if dtype == pl.String:
            frame = mask_column(frame, column)
    return frame


def shown_quarantine(quarantine: pl.DataFrame, reasons: Mapping[str, Message]) -> pl.DataFrame:
    """The quarantine with its reasons in the UI language (row, the file's own header, value with personal data
    masked, reason); ``reasons`` are ingest's Messages by their English sentence (``Ingested.reasons``)."""
    translated = {english: m.text() for english, m in reasons.items()}
    return masked(quarantine.with_columns(pl.col("reason").replace(translated)))


QUARANTINE_LABELS = ("row", "column", "value", "reason", "rows")


def quarantine_labels() -> dict[str, str]:
    return {c: t(f"col_{c}") for c in QUARANTINE_LABELS}



def run(action, file_name: str, key: str = "upload_reading") -> None:
    """Run a load action under a spinner naming ``file_name`` (message ``key``), then redraw (the banner and sidebar
    come before the page); a DataError is shown as one sentence (a stopped load, MostlyInvalid, has its own box on
    the page)."""
    try:
        with st.spinner(t(key, name=text.md(file_name))):
            action()
        st.rerun()
    except DataError as exc:
        if not isinstance(exc, ingest.MostlyInvalid):
            st.error(text.error(message(exc)))


def taken(file_id: str, name: str, data: bytes) -> ingest.RawTable | None:
    """``take`` a new upload under a spinner naming it, without a redraw, so the page shows its preview while it
    loads (``load_in_view``); a DataError is shown as one sentence and gives None."""
    try:
        with st.spinner(t("upload_reading", name=text.md(name))):
            return take(file_id, name, data)
    except DataError as exc:
        st.error(text.error(message(exc)))
        return None


def load_in_view(raw: ingest.RawTable, file_name: str) -> None:
    """Load a just-taken upload where the page is (below its preview), with its progress, then redraw."""
    run(lambda: load_taken(raw), file_name, key="upload_loading")


def mapping_options(upload: Upload) -> list[str]:
    """The choices of every field's select box: unmapped, the file's columns, then mapped or suggested sources that
    are not columns of the file."""
    extra = dict.fromkeys(s for s in (*upload.mapping.columns.values(), *upload.mapping.suggested.values())
                          if s not in upload.columns)
    return [t("upload_unmapped"), *upload.columns, *extra]


def quarantine_by_column(quarantine: pl.DataFrame) -> pl.DataFrame:
    """Invalid rows per column (column, rows), most first."""
    return (quarantine.group_by("column").agg(pl.len().alias("rows"))
            .sort(["rows", "column"], descending=[True, False], nulls_last=True))


def survey_lines(about: SurveyInfo) -> list[str]:
    """What identifies a survey's respondents and dates its answers, one sentence each (UI language)."""
    lines = [t("upload_survey_id", column=about.respondent_column) if about.respondent_column
             else t("upload_survey_row_id"),
             t("upload_survey_dates", column=about.timestamp_column) if about.timestamp_column
             else t("upload_survey_no_dates")]
    if about.weighted:
        lines.append(weighting.reading_line(about).text())
    rate = weighting.invitation_totals(about)
    if rate is not None:
        lines.append(t("upload_survey_response_rate", rate=f"{rate['rate_pct']:.0f}", invited=f"{rate['invited']:,}",
                       responded=f"{rate['responded']:,}"))
    return lines


def survey_field_choices(upload: Upload) -> dict[str, tuple[list[str], int]]:
    """Per survey field (SURVEY_FIELDS): its select box's choices (none, then the file's columns) and the index of
    the column the reading uses."""
    about = upload.survey
    used = {"timestamp": about.timestamp_column, "comment": about.comment_column, "persona": about.persona_column,
            "journey_id": about.respondent_column, "weight": about.weight_column,
            "responded": about.responded_column, "invited": about.invited_column}
    options = [t("upload_unmapped"), *upload.columns]
    return {f: (options, 1 + upload.columns.index(used[f]) if used[f] in upload.columns else 0) for f in SURVEY_FIELDS}


def outcome_choices(upload: Upload) -> tuple[list[str], int]:
    """The outcome select box's choices (automatic, none, then the file's columns) and the current one's index."""
    index = 0 if upload.outcome is None else 1 if upload.outcome == "" else 2 + upload.columns.index(upload.outcome)
    return [t("upload_outcome_auto"), t("upload_outcome_none"), *upload.columns], index


def outcome_of_choice(upload: Upload, picked: int) -> str | None:
    """The outcome a choice of ``outcome_choices`` asks for: None automatic, "" none, else the column."""
    return None if picked == 0 else "" if picked == 1 else upload.columns[picked - 2]


def rating_columns(about: SurveyInfo) -> pl.DataFrame:
    """The survey's rating columns: column, stage, scale, answers and not-applicable answers."""
    return pl.DataFrame(
        [(r.column, r.stage, r.scale, r.answers, r.not_applicable) for r in about.ratings],
        schema={"rating_column": pl.String, "stage": pl.String, "scale": pl.String, "answers": pl.Int64,
                "not_applicable": pl.Int64}, orient="row")

# --- templates --------------------------------------------------------------------------------------------------

def template(kind: str) -> bytes:
    """A small CSV (UTF-8 with BOM, so Excel shows the Korean) of the events or the survey shape."""
    if kind == survey.SURVEY:
        frame = pl.DataFrame({
            "응답자ID": ["R-001", "R-002", "R-003"], "응답일시": ["2026-03-01 10:12", "2026-03-01 11:40", "2026-03-02 09:05"],
            "성별": ["여성", "남성", "여성"], "고객 유형": ["신규", "기존", "기존"],
            "온라인 예약": ["5", "3", "해당없음"], "체크인": ["4", "2", "5"], "기내 서비스": ["5", "0", "4"],
            "좌석 편안함": ["4", "2", "5"], "추천점수": ["9", "4", "10"], "의견": ["체크인이 빨라요", "좌석이 좁아요", ""],
        })
    else:
        frame = pl.DataFrame({
            "journey_id": ["J-001", "J-001", "J-002"],
            "timestamp": ["2026-03-01 09:00", "2026-03-01 09:30", "2026-03-02 14:05"],
            "stage": ["인지", "가입", "인지"], "channel": ["앱", "웹", "콜센터"], "customer_id": ["C-01", "C-01", "C-02"],
            "touchpoint": ["광고", "본인인증", "상담"], "persona": ["직장인", "직장인", "시니어"],
            "satisfaction": ["4", "2", "5"], "ces": ["", "3", "6"], "nps": ["", "7", "10"],
            "comment": ["", "인증이 번거로워요", "친절했어요"],
        })
    return exports.csv_bytes(frame)
