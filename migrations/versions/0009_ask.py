"""ask: questions to a mentor (help threads), their messages and the files people sent

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name="fk_attachments_person_id_people",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_attachments"),
    )
    op.create_index("ix_attachments_person_id", "attachments", ["person_id"])
    op.create_table(
        "help_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("helper_id", sa.Integer(), nullable=True),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("escalated", sa.Boolean(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["people.id"],
            name="fk_help_threads_mentee_id_people",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["helper_id"],
            ["people.id"],
            name="fk_help_threads_helper_id_people",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name="fk_help_threads_programme_id_programmes",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_help_threads"),
    )
    op.create_index("ix_help_threads_mentee_id", "help_threads", ["mentee_id"])
    op.create_index("ix_help_threads_helper_id", "help_threads", ["helper_id"])
    op.create_index("ix_help_threads_status", "help_threads", ["status"])
    op.create_table(
        "help_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("file_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["help_threads.id"],
            name="fk_help_messages_thread_id_help_threads",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["people.id"],
            name="fk_help_messages_author_id_people",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["attachments.id"],
            name="fk_help_messages_file_id_attachments",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_help_messages"),
    )
    op.create_index("ix_help_messages_thread_id", "help_messages", ["thread_id"])
    op.create_index("ix_help_messages_author_id", "help_messages", ["author_id"])


def downgrade() -> None:
    op.drop_table("help_messages")
    op.drop_table("help_threads")
    op.drop_table("attachments")
