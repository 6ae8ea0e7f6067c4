"""The audit trail: sign-ins, refused sign-ins, exports and downloads (who, when, scope, filters, rows)."""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
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
        sa.CheckConstraint("event IN ('sign_in', 'denied', 'export')", name="audit_event"),
    )
    op.create_index("audit_at", "audit", ["at"])


def downgrade() -> None:
    op.drop_table("audit")
