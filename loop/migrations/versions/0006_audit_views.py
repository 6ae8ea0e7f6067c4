"""The audit trail records page views too: the event ``view`` joins sign_in, denied, export and write.

Only the CHECK constraint on ``audit.event`` changes, as in 0005 (SQLite: batch mode copies the table, rows, ids and
the index on ``at`` kept). Going down deletes nothing: it refuses while ``view`` rows exist.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BEFORE = "event IN ('sign_in', 'denied', 'export', 'write')"
AFTER = "event IN ('sign_in', 'denied', 'export', 'write', 'view')"


def _check(condition: str) -> None:
    with op.batch_alter_table("audit") as batch:
        batch.drop_constraint("audit_event", type_="check")
        batch.create_check_constraint("audit_event", condition)


def upgrade() -> None:
    _check(AFTER)


def downgrade() -> None:
    views = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM audit WHERE event = 'view'")).scalar_one()
    if views:
        raise RuntimeError(f"the audit trail holds {views} view rows; the previous schema cannot keep them")
    _check(BEFORE)
