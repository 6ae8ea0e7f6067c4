"""The audit trail: one row appended per sign-in, refused sign-in, page view, export or download, and per write of a
case, an action or the root-cause list; read and exported by admins.

A row says who (e-mail and role), when (UTC), what scope the person had, what filters were in effect, what was
exported (the file's name) and how many rows it held, or which record was written and which fields changed; never
the data itself. Rows are only ever appended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl
import sqlalchemy as sa

from loop._versioned import as_text, as_utc, now_utc
from loop.tables import AUDIT_EVENTS, audit

__all__ = ["record", "append", "trail", "Actor", "written", "AUDIT_COLUMNS"]

AUDIT_COLUMNS = {"at": pl.Datetime("us", "UTC"), "event": pl.String, "email": pl.String, "role": pl.String,
                 "scope": pl.String, "filters": pl.String, "item": pl.String, "rows": pl.Int64, "detail": pl.String}


def record(engine: sa.Engine, event: str, email: str | None, role: str, scope: str, filters: str = "",
           item: str = "", rows: int | None = None, detail: str = "", at: dt.datetime | None = None) -> None:
    """Append one row to the audit trail (``event``: sign_in, denied, view, export or write) in its own
    transaction."""
    with engine.begin() as connection:
        append(connection, event, email, role, scope, filters, item, rows, detail, at)


def append(connection: sa.Connection, event: str, email: str | None, role: str, scope: str, filters: str = "",
           item: str = "", rows: int | None = None, detail: str = "", at: dt.datetime | None = None) -> None:
    """Append one row to the audit trail inside ``connection``'s transaction (a write and its row: both or
    neither)."""
    if event not in AUDIT_EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    detail = detail if len(detail) <= 200 else detail[:199] + "…"
    connection.execute(sa.insert(audit).values(
        at=at or now_utc(), event=event, email=(email or "")[:200], role=role[:20], scope=scope,
        filters=filters, item=item[:200], rows=rows, detail=detail))


@dataclass(frozen=True)
class Actor:
    """Who writes, as the trail records them: ``who`` the signed-in e-mail (the name typed in the editor with open
    access), ``role`` and ``scope`` (as on the Access page)."""

    who: str
    role: str = "user"
    scope: str = "all"


def written(connection: sa.Connection, actor: Actor, item: str, detail: str, at: dt.datetime) -> None:
    """The audit row of one write of ``item`` ("case 12", "action 3", "root causes")."""
    append(connection, "write", actor.who, actor.role, actor.scope, item=item, detail=detail, at=at)


def _shown(value: Any) -> str:
    text = as_text(value)
    return "—" if text is None or text == "" else text


def changed(before: Mapping[str, Any] | None, after: Mapping[str, Any], fields: Iterable[str],
            private: Iterable[str] = ()) -> str:
    """What a write changed, for the trail: ``field: old → new`` per changed field of ``fields`` (``field:
    value`` for a new record, ``before`` None, its empty fields left out); a field of ``private`` (free text
    that may hold customer data) is named without its values ("notes changed")."""
    private = set(private)
    said = []
    for field in fields:
        if field not in after:
            continue
        new = after[field]
        if before is None:
            if new is None or new == "":
                continue
            said.append(f"{field} written" if field in private else f"{field}: {_shown(new)}")
        elif as_text(new) != as_text(before[field]):
            said.append(f"{field} changed" if field in private
                        else f"{field}: {_shown(before[field])} → {_shown(new)}")
    return "; ".join(said)


def trail(engine: sa.Engine, since: dt.datetime | None = None) -> pl.DataFrame:
    """The audit trail, oldest first (from ``since`` when given): AUDIT_COLUMNS."""
    query = sa.select(*(audit.c[name] for name in AUDIT_COLUMNS)).order_by(audit.c.at, audit.c.id)
    if since is not None:
        query = query.where(audit.c.at >= since)
    with engine.connect() as connection:
        rows = [dict(r._mapping) for r in connection.execute(query)]
    for r in rows:
        r["at"] = as_utc(r["at"])
    return pl.DataFrame(rows, schema=AUDIT_COLUMNS, orient="row")
