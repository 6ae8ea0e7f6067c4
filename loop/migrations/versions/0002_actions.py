"""Improvement actions tied to a stage, touchpoint, channel or keyword, and their history of changes."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actions",
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
    op.create_table(
        "action_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("action_id", sa.Integer, sa.ForeignKey("actions.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("field", sa.String(50), nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("action_history_action", "action_history", ["action_id", "version"])


def downgrade() -> None:
    op.drop_table("action_history")
    op.drop_table("actions")
