"""The audit trail: one row appended per sign-in, refused sign-in, export or download; read and exported by admins.

A row says who (e-mail and role), when (UTC), what scope the person had, what filters were in effect, what was
exported (the file's name) and how many rows it held; never the data itself. Rows are only ever appended.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import sqlalchemy as sa

from loop._versioned import as_utc, now_utc
from loop.tables import AUDIT_EVENTS, audit

__all__ = ["record", "trail", "AUDIT_COLUMNS"]

AUDIT_COLUMNS = {"at": pl.Datetime("us", "UTC"), "event": pl.String, "email": pl.String, "role": pl.String,
                 "scope": pl.String, "filters": pl.String, "item": pl.String, "rows": pl.Int64, "detail": pl.String}


def record(engine: sa.Engine, event: str, email: str | None, role: str, scope: str, filters: str = "",
           item: str = "", rows: int | None = None, detail: str = "", at: dt.datetime | None = None) -> None:
    """Append one row to the audit trail (``event``: sign_in, denied or export)."""
    if event not in AUDIT_EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    with engine.begin() as connection:
        connection.execute(sa.insert(audit).values(
            at=at or now_utc(), event=event, email=(email or "")[:200], role=role[:20], scope=scope,
            filters=filters, item=item[:200], rows=rows, detail=detail[:200]))


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
