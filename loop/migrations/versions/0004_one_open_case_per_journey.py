"""One case at a time per journey: a unique index over the journeys of the cases not closed.

Two people opening a case on the same journey at the same moment could both find none open and both insert one
(PostgreSQL runs their transactions side by side); the index makes the second insert fail, and loop.cases hands
that writer the case the first one opened. Duplicates made before this revision are resolved here: the oldest
case of the journey stays as it is, each later one is closed as resolved with two history rows by "cxlens
upgrade" (status, and duplicate_of naming the case kept), so nothing disappears and the history says why.
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NOT_CLOSED = "status IN ('open', 'contacted')"
UPGRADER = "cxlens upgrade"

cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("journey_id", sa.String),
                 sa.column("status", sa.String), sa.column("closed_at", sa.DateTime(timezone=True)),
                 sa.column("version", sa.Integer))
history = sa.table("case_history", sa.column("case_id", sa.Integer), sa.column("version", sa.Integer),
                   sa.column("field", sa.String), sa.column("old_value", sa.Text), sa.column("new_value", sa.Text),
                   sa.column("changed_by", sa.String), sa.column("changed_at", sa.DateTime(timezone=True)))


def _resolve_duplicates(connection: sa.Connection) -> None:
    now = dt.datetime.now(dt.UTC)
    rows = connection.execute(sa.select(cases.c.id, cases.c.journey_id, cases.c.status, cases.c.version)
                              .where(cases.c.status.in_(("open", "contacted")))
                              .order_by(cases.c.journey_id, cases.c.id)).all()
    kept: dict[str, int] = {}
    for row in rows:
        if row.journey_id not in kept:
            kept[row.journey_id] = row.id
            continue
        connection.execute(sa.update(cases).where(cases.c.id == row.id)
                           .values(status="resolved", closed_at=now, version=row.version + 1))
        connection.execute(sa.insert(history), [
            {"case_id": row.id, "version": row.version + 1, "field": "status", "old_value": row.status,
             "new_value": "resolved", "changed_by": UPGRADER, "changed_at": now},
            {"case_id": row.id, "version": row.version + 1, "field": "duplicate_of", "old_value": None,
             "new_value": str(kept[row.journey_id]), "changed_by": UPGRADER, "changed_at": now}])


def upgrade() -> None:
    _resolve_duplicates(op.get_bind())
    op.create_index("cases_one_open_per_journey", "cases", ["journey_id"], unique=True,
                    sqlite_where=sa.text(NOT_CLOSED), postgresql_where=sa.text(NOT_CLOSED))


def downgrade() -> None:
    op.drop_index("cases_one_open_per_journey", "cases")
