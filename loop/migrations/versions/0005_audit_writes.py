"""The audit trail records the loop's writes too: the event ``write`` joins sign_in, denied and export.

Only the CHECK constraint on ``audit.event`` changes. PostgreSQL drops and adds it in place; SQLite cannot alter
a constraint, so batch mode copies the table into a new one with the new constraint (rows, ids and the index on
``at`` kept) and renames it. Going down deletes nothing: it refuses while ``write`` rows exist.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BEFORE = "event IN ('sign_in', 'denied', 'export')"
AFTER = "event IN ('sign_in', 'denied', 'export', 'write')"


def _check(condition: str) -> None:
    with op.batch_alter_table("audit") as batch:
        batch.drop_constraint("audit_event", type_="check")
        batch.create_check_constraint("audit_event", condition)


def upgrade() -> None:
    _check(AFTER)


def downgrade() -> None:
    writes = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM audit WHERE event = 'write'")).scalar_one()
    if writes:
        raise RuntimeError(f"the audit trail holds {writes} write rows; the previous schema cannot keep them")
    _check(BEFORE)
