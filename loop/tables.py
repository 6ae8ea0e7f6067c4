"""The loop's tables (SQLAlchemy Core): cases and actions, each change in a history table, the team's root causes;
and the audit trail of sign-ins, exports and the writes of cases and actions.

The migrations in loop/migrations create exactly these; tests/loop/test_migrations.py compares them.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

CASE_STATUSES = ("open", "contacted", "resolved", "unreachable")
CLOSED_STATUSES = ("resolved", "unreachable")
ACTION_STATUSES = ("planned", "launched", "stopped")
ACTION_TARGETS = ("stage", "touchpoint", "channel", "keyword")
ACTION_METRICS = ("csat",)

root_causes = sa.Table(
    "root_causes", metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("added_by", sa.String(200), nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
)

cases = sa.Table(
    "cases", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("customer_id", sa.String(200), nullable=False),
    sa.Column("journey_id", sa.String(200), nullable=False),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("due_date", sa.Date, nullable=False),
    sa.Column("root_cause", sa.String(200)),
    sa.Column("stage", sa.String(200)),
    sa.Column("touchpoint", sa.String(200)),
    sa.Column("notes", sa.Text, nullable=False),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("opened_by", sa.String(200), nullable=False),
    sa.Column("contacted_at", sa.DateTime(timezone=True)),
    sa.Column("closed_at", sa.DateTime(timezone=True)),
    sa.Column("version", sa.Integer, nullable=False),
    sa.CheckConstraint("status IN ('open', 'contacted', 'resolved', 'unreachable')", name="case_status"),
)
sa.Index("cases_owner_status", cases.c.owner, cases.c.status)
sa.Index("cases_journey", cases.c.journey_id)
# one case not closed per journey (migration 0004): two writers opening one at once cannot both succeed
NOT_CLOSED = sa.text("status IN ('open', 'contacted')")
sa.Index("cases_one_open_per_journey", cases.c.journey_id, unique=True, sqlite_where=NOT_CLOSED,
         postgresql_where=NOT_CLOSED)

case_history = sa.Table(
    "case_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("field", sa.String(50), nullable=False),
    sa.Column("old_value", sa.Text),
    sa.Column("new_value", sa.Text),
    sa.Column("changed_by", sa.String(200), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
)
sa.Index("case_history_case", case_history.c.case_id, case_history.c.version)

actions = sa.Table(
    "actions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("title", sa.String(300), nullable=False),
    sa.Column("target_kind", sa.String(20), nullable=False),
    sa.Column("target_value", sa.String(200), nullable=False),
    sa.Column("metric", sa.String(20), nullable=False),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("launch_date", sa.Date),
    sa.Column("expected_effect_pp", sa.Float),
    sa.Column("notes", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.CheckConstraint("status IN ('planned', 'launched', 'stopped')", name="action_status"),
    sa.CheckConstraint("target_kind IN ('stage', 'touchpoint', 'channel', 'keyword')", name="action_target_kind"),
)

action_history = sa.Table(
    "action_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("field", sa.String(50), nullable=False),
    sa.Column("old_value", sa.Text),
    sa.Column("new_value", sa.Text),
    sa.Column("changed_by", sa.String(200), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
)
sa.Index("action_history_action", action_history.c.action_id, action_history.c.version)

AUDIT_EVENTS = ("sign_in", "denied", "export", "write", "view")

# The audit trail: who signed in, who was refused, who viewed which page with which filters, who exported or
# downloaded what, who changed which case or action (never the data itself).
audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("event", sa.String(20), nullable=False),
    sa.Column("email", sa.String(200), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("scope", sa.Text, nullable=False),
    sa.Column("filters", sa.Text, nullable=False),
    sa.Column("item", sa.String(200), nullable=False),
    sa.Column("rows", sa.BigInteger),
    sa.Column("detail", sa.String(200), nullable=False),
    sa.CheckConstraint("event IN ('sign_in', 'denied', 'export', 'write', 'view')", name="audit_event"),
)
sa.Index("audit_at", audit.c.at)
