"""A dataset: one event source, resolved and fingerprinted, and where its journey facts are (opened by
``store.facts.cache``; reading the source, ``store.facts.source``)."""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import settings
from errors import DataError
from ingest.notes import Note
from ingest.schema import FACTS_FORMAT, quote
from store.facts import db
from store.facts.source import _source_select, _valid_sql

_REMOTE_PREFIXES = ("s3://", "s3a://", "gs://", "gcs://", "http://", "https://", "az://", "abfss://")


@dataclass(frozen=True)
class Dataset:
    """One event source, resolved and checked, with its journey facts on disk."""

    source: str
    files: tuple[str, ...]
    version: str
    columns: tuple[str, ...]      # columns present in the source, in its order
    dims: tuple[str, ...]         # extra string columns usable as journey filters (by their names in cxlens)
    stage_order: tuple[str, ...]
    facts_dir: str
    events: int                   # valid events
    journeys: int
    rejected: int                 # events left out as invalid (see ``quarantine``)
    name: str
    # Bit of each (stage, channel) pair in the journeys' ``stage_channel_mask`` (empty when the
    # dataset has more than 64 pairs or too many distinct stages or channels to code them).
    pair_bits: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, hash=False)
    engine: str = "duckdb"        # what wrote the facts (meta.parquet's engine), and its version
    engine_version: str = ""
    # Source column -> its name in cxlens, for the extra columns renamed because their names are
    # cxlens's own (store.schema.column_names); empty when none is.
    renamed: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Derived personas (store.personas.with_personas): the prefix of copies of events.parquet and journeys.parquet
    # whose persona columns hold each customer's persona code, the label of each code (the persona every query
    # then shows, filters and splits by), and the assignment (customer_id, cluster). Empty: the data's own column.
    derived: str = ""
    persona_labels: tuple[str, ...] = ()
    persona_assignment: str = ""
    # Text columns that could have been filter dimensions but are beyond the max_dimensions cap (plain columns).
    plain_dims: tuple[str, ...] = field(default=(), compare=False, hash=False)
    # Coded text columns whose every value was already in NFC without a bidirectional control: read from the source
    # as they are (store.facts.source._source_select's as_read), not normalised event by event.
    as_read: frozenset[str] = field(default=frozenset(), compare=False, hash=False)

    @property
    def notes(self) -> tuple[Note, ...]:
        """What a person should know about how the data was opened (the dimensions cap)."""
        if not self.plain_dims:
            return ()
        return (Note("note_dimensions_capped", {"dims": len(self.dims), "plain": len(self.plain_dims),
                                                "setting": "CXLENS_MAX_DIMENSIONS"}),)
    # The facts pass's late outputs (store.facts.ready.LATE) these facts mark done one by one; a reader of one waits
    # for its marker. Empty: facts written whole before (by an earlier cxlens, or by another engine).
    late: tuple[str, ...] = field(default=(), compare=False, hash=False)

    @property
    def journeys_path(self) -> str:
        if self.derived:  # persona as the derived persona's code (see journeys_sql)
            return f"{self.derived}-journeys.parquet"
        return str(Path(self.facts_dir) / "journeys.parquet")

    @property
    def transitions_path(self) -> str:
        return str(Path(self.facts_dir) / "transitions.parquet")

    @property
    def events_path(self) -> str:
        """The valid events in canonical form (all but ``comment``), with ``seq`` (1-based position in
        journey order) and ``prev_channel``: what touchpoint queries read instead of the source."""
        if self.derived:  # persona and journey_persona as the derived persona's code (see events_sql)
            return f"{self.derived}-events.parquet"
        return str(Path(self.facts_dir) / "events.parquet")

    @property
    def quarantine_path(self) -> str:
        return str(Path(self.facts_dir) / "quarantine.parquet")

    @property
    def has(self) -> frozenset[str]:
        return frozenset(self.columns)

    def source_sql(self) -> str:
        """SELECT of the valid events in canonical form; reads the files bound as ``$files`` (``source_files``).

        Facts without their source (``open_facts``) have no comments beside the events: their events are read
        from ``events.parquet`` with ``comment`` NULL (the voice-of-the-customer page reads comments.parquet)."""
        if not self.files:
            dims = "".join(", " + quote(d) for d in self.dims)
            return ("SELECT journey_id, customer_id, timestamp, stage, channel, touchpoint, persona, satisfaction, "
                    f"ces, nps, CAST(NULL AS VARCHAR) AS comment, weight{dims} FROM read_parquet($files)")
        return _source_select(self.columns, self.dims, as_read=self.as_read) + " WHERE " + _valid_sql()

    @property
    def source_files(self) -> list[str]:
        """What ``source_sql`` reads as ``$files``: the source's files, or the facts' events without a source."""
        return list(self.files) or [self.events_path]

    def events_sql(self) -> str:
        """The same events as ``source_sql`` without ``comment``, from ``events_path`` bound as ``$events``:
        already cast and checked, so much cheaper to scan than the source.

        Each event also carries its journey's ``journey_first_ts`` and ``journey_persona`` (the
        journey facts' first_ts and persona), so a period or persona filter is a column predicate
        on the events (pushed into the Parquet scan) instead of a semi-join on the journeys.
        ``persona`` is the journey's persona too, so touchpoint figures split by persona agree
        with the persona filter (which selects journeys by their persona)."""
        if self.derived:  # the persona code of the customer (so of the journey too), shown as its label
            label = "list_extract(CAST($persona_labels AS VARCHAR[]), journey_persona + 1)"
            return (f"SELECT * EXCLUDE (seq, prev_channel, persona, journey_persona), {label} AS persona, "
                    f"{label} AS journey_persona FROM read_parquet($events)")
        return "SELECT * EXCLUDE (seq, prev_channel, persona), journey_persona AS persona FROM read_parquet($events)"

    def journeys_sql(self) -> str:
        """The journey facts as a table expression: ``read_parquet($journeys)``, with the derived persona's label in
        ``persona`` when the personas are derived."""
        if self.derived:
            return ("(SELECT * REPLACE (list_extract(CAST($persona_labels AS VARCHAR[]), persona + 1) AS persona) "
                    "FROM read_parquet($journeys))")
        return "read_parquet($journeys)"

    def bind(self, params: dict) -> dict:
        """``params`` with ``$persona_labels`` bound when the personas are derived (for events_sql and journeys_sql)."""
        if self.derived:
            params["persona_labels"] = list(self.persona_labels)
        return params


def is_remote(source: str) -> bool:
    return source.startswith(_REMOTE_PREFIXES)


def resolve(source: str) -> tuple[str, ...]:
    """The Parquet files (or remote glob) a source names: a file, a directory (recursively) or a glob."""
    if is_remote(source):
        if source.endswith("/"):
            source += "**/*.parquet"
        return (source,)
    path = Path(source).expanduser()
    if path.is_dir():
        files = sorted(glob.glob(str(path / "**" / "*.parquet"), recursive=True))
        if not files:
            raise DataError("source_no_parquet", source=str(source))
        return tuple(files)
    if path.is_file():
        return (str(path.resolve()),)
    if any(ch in source for ch in "*?["):
        files = sorted(glob.glob(str(path), recursive=True))
        if files:
            return tuple(files)
        raise DataError("source_no_match", source=str(source))
    raise DataError("source_missing", source=str(source))


def fingerprint(files: tuple[str, ...]) -> str:
    """A version string that changes whenever a file is added, removed, resized or rewritten.

    A remote glob is listed (object names, sizes, modification times) through DuckDB's filesystem,
    without reading the objects.
    """
    h = hashlib.sha256(FACTS_FORMAT.encode())
    h.update(settings.get("stage_order").encode())
    h.update(settings.get("max_dimension_values").encode())  # which columns are dimensions (in the facts)
    h.update(b":" + settings.get("max_dimensions").encode())
    h.update(b":" + settings.get("voc_max_comment_chars").encode())  # the keywords beside the facts
    for f in files:
        h.update(f.encode())
        if is_remote(f):
            for name, size, modified in _remote_listing(f):
                h.update(f"{name}:{size}:{modified}".encode())
        else:
            st = os.stat(f)
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:20]


def _remote_listing(pattern: str) -> list[tuple]:
    try:
        listing = db.query("SELECT filename, size, last_modified FROM read_blob($p) ORDER BY filename",
                           {"p": pattern})
    except Exception as exc:  # duckdb raises several types for unreachable or unlisted storage
        raise DataError("source_unlistable", pattern=str(pattern), problem=str(exc).splitlines()[0]) from None
    return listing.rows()
