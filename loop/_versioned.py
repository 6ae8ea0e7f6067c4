"""The one write path of an edited record: an optimistic version check and a history row per changed field.

``UPDATE … SET version = version + 1 WHERE id = :id AND version = :expected`` changes the row only when nobody else
changed it since the editor read it; the history rows are written in the same transaction, so a change is either
in both the record and its history or in neither. The old values come from the version the editor read, which the
check guarantees is the one replaced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from errors import DataError


class EditConflict(DataError):
    """Someone else saved the record after this editor read it: nothing was written; ``by`` and ``at`` say who
    and when (the editor reloads, sees their change and applies theirs again)."""

    def __init__(self, key: str, record_id: int, by: str, at: str):
        self.key, self.record_id, self.by, self.at = key, record_id, by, at
        super().__init__(key, id=record_id, by=by, at=at)


def person(name: str | None, key: str) -> str:
    """A person's name as given (trimmed, at most 200 characters); an empty one is the DataError ``key``."""
    name = (name or "").strip()
    if not name:
        raise DataError(key)
    return name[:200]


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored time as an aware UTC time (SQLite gives it back without its zone)."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def as_text(value: Any) -> str | None:
    """A field's value as the history keeps it."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def update(connection: sa.Connection, table: sa.Table, history: sa.Table, key: str, record_id: int,
           current: Mapping[str, Any], changes: Mapping[str, Any], by: str, at: dt.datetime,
           conflict_key: str) -> tuple[int, dict[str, Any]]:
    """Write ``changes`` over ``current`` (the version the editor read) and their history; the new version and
    the fields that changed (none: nothing written).

    Fields equal to their current value are not changes; with none, nothing is written. Raises EditConflict when
    the row's version is no longer ``current["version"]``.
    """
    changed = {k: v for k, v in changes.items() if as_text(v) != as_text(current[k])}
    expected = current["version"]
    if not changed:
        return expected, changed
    result = connection.execute(
        sa.update(table).where(table.c.id == record_id, table.c.version == expected)
        .values(**changed, version=table.c.version + 1))
    if result.rowcount != 1:
        latest = connection.execute(
            sa.select(history.c.changed_by, history.c.changed_at).where(history.c[key] == record_id)
            .order_by(history.c.version.desc(), history.c.id.desc()).limit(1)).first()
        by_, at_ = (latest.changed_by, as_text(latest.changed_at)) if latest else ("?", "?")
        raise EditConflict(conflict_key, record_id, by_, at_)
    connection.execute(sa.insert(history), [
        {key: record_id, "version": expected + 1, "field": field, "old_value": as_text(current[field]),
         "new_value": as_text(value), "changed_by": by, "changed_at": at}
        for field, value in changed.items()])
    return expected + 1, changed


def created(connection: sa.Connection, history: sa.Table, key: str, record_id: int, values: Mapping[str, Any],
            by: str, at: dt.datetime) -> None:
    """The history of a new record: version 1, every field it was created with (old value none)."""
    connection.execute(sa.insert(history), [
        {key: record_id, "version": 1, "field": field, "old_value": None, "new_value": as_text(value),
         "changed_by": by, "changed_at": at}
        for field, value in values.items() if value is not None and value != ""])
