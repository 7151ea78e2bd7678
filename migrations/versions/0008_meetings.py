"""meetings: one-off meetings and series of a programme, their participants; the programme's
meeting reminder hours

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("meeting_reminder_hours", sa.JSON(), nullable=False, server_default="[24, 1]")
        )
    op.create_table(
        "meeting_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("every_weeks", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        _fk("meeting_series", "programme_id", "programmes", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_series")),
    )
    op.create_index(
        op.f("ix_meeting_series_programme_id"), "meeting_series", ["programme_id"], unique=False
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("slot", MOMENT, nullable=False),
        sa.Column("start", MOMENT, nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=True),
        sa.Column("format", sa.String(length=32), nullable=True),
        sa.Column("format_note", sa.String(length=100), nullable=True),
        sa.Column("agenda", sa.String(length=1000), nullable=True),
        sa.Column("milestone_id", sa.Integer(), nullable=True),
        sa.Column("proposed_by", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("counter_start", MOMENT, nullable=True),
        sa.Column("counter_by", sa.Integer(), nullable=True),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("held_at", MOMENT, nullable=True),
        _fk("meetings", "programme_id", "programmes", "CASCADE"),
        _fk("meetings", "series_id", "meeting_series", "CASCADE"),
        _fk("meetings", "milestone_id", "milestones", "SET NULL"),
        _fk("meetings", "proposed_by", "people", "SET NULL"),
        _fk("meetings", "counter_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    for column in ("programme_id", "series_id", "start", "status"):
        op.create_index(op.f(f"ix_meetings_{column}"), "meetings", [column], unique=False)
    op.create_table(
        "meeting_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        _fk("meeting_participants", "meeting_id", "meetings", "CASCADE"),
        _fk("meeting_participants", "person_id", "people", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_participants")),
        sa.UniqueConstraint(
            "meeting_id", "person_id", name=op.f("uq_meeting_participants_meeting_id")
        ),
    )
    for column in ("meeting_id", "person_id"):
        op.create_index(
            op.f(f"ix_meeting_participants_{column}"),
            "meeting_participants",
            [column],
            unique=False,
        )


def downgrade() -> None:
    op.drop_table("meeting_participants")
    op.drop_table("meetings")
    op.drop_table("meeting_series")
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.drop_column("meeting_reminder_hours")
