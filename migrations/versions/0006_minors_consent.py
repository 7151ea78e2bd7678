"""minors: the account a parent consented from; outbox rows to an erased child's account; a
parent's answer to a minor's agreement

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("representative_account_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_consents_representative_account_id", ["representative_account_id"]
        )
        batch_op.create_foreign_key(
            "fk_consents_representative_account_id_accounts",
            "accounts",
            ["representative_account_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_notifications_account_id_accounts",
            "accounts",
            ["account_id"],
            ["id"],
            ondelete="CASCADE",
        )
    with op.batch_alter_table("programme_members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("guardian_agreement", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("programme_members", schema=None) as batch_op:
        batch_op.drop_column("guardian_agreement")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_constraint("fk_notifications_account_id_accounts", type_="foreignkey")
        batch_op.drop_column("account_id")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_constraint(
            "fk_consents_representative_account_id_accounts", type_="foreignkey"
        )
        batch_op.drop_index("ix_consents_representative_account_id")
        batch_op.drop_column("representative_account_id")
