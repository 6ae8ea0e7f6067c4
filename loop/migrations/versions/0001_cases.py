"""Cases on customers, their history of changes, and the team's list of root causes."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "root_causes",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("added_by", sa.String(200), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "cases",
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
    op.create_index("cases_owner_status", "cases", ["owner", "status"])
    op.create_index("cases_journey", "cases", ["journey_id"])
    op.create_table(
        "case_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("field", sa.String(50), nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("changed_by", sa.String(200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("case_history_case", "case_history", ["case_id", "version"])


def downgrade() -> None:
    op.drop_table("case_history")
    op.drop_table("cases")
    op.drop_table("root_causes")
