"""paused wizards: a wizard's step and answers kept when a command interrupts it

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 20:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "paused_wizards",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("wizard", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_paused_wizards_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "wizard", name=op.f("pk_paused_wizards")),
    )


def downgrade() -> None:
    op.drop_table("paused_wizards")
