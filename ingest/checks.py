"""Checks on a loaded file that are worth a word but are no error: a channel that never changes, converted times."""

from __future__ import annotations

import polars as pl

from ingest import values
from ingest.mapping import ColumnMapping
from ingest.notes import Note
from ingest.read import RawTable


def notes(raw: RawTable, mapping: ColumnMapping, events: pl.DataFrame) -> tuple[Note, ...]:
    """The notes about ``events`` (canonical) as read from ``raw`` with ``mapping``."""
    return (*_offsets(raw, mapping), *_constant_channel(mapping, events))


def _constant_channel(mapping: ColumnMapping, events: pl.DataFrame) -> list[Note]:
    """A channel column that never changes within any journey (a case attribute) can show no handoff."""
    if "channel" not in events.columns or "journey_id" not in events.columns or events.height == 0:
        return []
    # Every journey has one channel when its (journey, channel) pairs are as many as its journeys; some journey has
    # two touchpoints when there are more rows than journeys (three distinct counts: a group-by per journey was 0.1 s
    # of a 200k-row upload).
    counts = events.select(pl.struct("journey_id", "channel").n_unique().alias("pairs"),
                           pl.col("journey_id").n_unique().alias("journeys"), pl.len().alias("rows")).row(0, named=True)
    if counts["pairs"] > counts["journeys"] or counts["rows"] == counts["journeys"]:
        return []
    return [Note("note_channel_constant", {"column": mapping.columns.get("channel", "channel")})]


def _offsets(raw: RawTable, mapping: ColumnMapping) -> list[Note]:
    """Timestamps written with UTC offsets: say which offsets there were and at which one times are kept."""
    source = mapping.columns.get("timestamp")
    if source is None or raw.frame.schema.get(source) != pl.String:
        return []
    minutes = values.offset_values(raw.frame[source]).unique().sort()
    if minutes.len() == 0:
        return []
    configured = values.display_offset_minutes()
    shown = minutes.min() if configured is None else configured
    if minutes.len() == 1 and minutes[0] == shown:
        return []  # one offset, kept as it is: every time reads as written
    listed = ", ".join(values.offset_label(m) for m in minutes.to_list()[:6])
    key = "note_offsets_own" if configured is None else "note_offsets_setting"
    label = "UTC" if shown == 0 else values.offset_label(shown)
    return [Note(key, {"column": source, "offsets": listed, "shown": label})]
