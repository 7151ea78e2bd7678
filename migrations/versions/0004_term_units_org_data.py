"""terms in days, weeks or months; the text of an "other" pair type or format

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 20:50:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _rename_extension_key(old: str, new: str) -> None:
    """Extension requests keep their length under `count` (the programme's unit), once `months`."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, details FROM programme_requests WHERE kind = 'extend'")
    ).all()
    for ident, raw in rows:
        details = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
        if old in details:
            details[new] = details.pop(old)
            conn.execute(
                sa.text("UPDATE programme_requests SET details = :d WHERE id = :i"),
                {"d": json.dumps(details), "i": ident},
            )


def upgrade() -> None:
    with op.batch_alter_table("programmes") as batch:
        batch.alter_column("term_months", new_column_name="term", existing_type=sa.Integer())
        batch.add_column(
            sa.Column("term_unit", sa.String(length=8), nullable=False, server_default="months")
        )
        batch.add_column(sa.Column("pair_type_note", sa.String(length=100), nullable=True))
    with op.batch_alter_table("programmes") as batch:
        batch.alter_column("term_unit", server_default=None, existing_type=sa.String(length=8))
    with op.batch_alter_table("milestones") as batch:
        batch.add_column(sa.Column("format_note", sa.String(length=100), nullable=True))
    _rename_extension_key("months", "count")


def downgrade() -> None:
    _rename_extension_key("count", "months")
    with op.batch_alter_table("milestones") as batch:
        batch.drop_column("format_note")
    with op.batch_alter_table("programmes") as batch:
        batch.drop_column("pair_type_note")
        batch.drop_column("term_unit")
        batch.alter_column("term", new_column_name="term_months", existing_type=sa.Integer())
