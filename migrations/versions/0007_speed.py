"""speed mentoring: events, their slots and the mentees' bookings

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 00:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOMENT = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "speed_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guest_id", sa.Integer(), nullable=True),
        sa.Column("guest_name", sa.String(length=100), nullable=True),
        sa.Column("starts_at", MOMENT, nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("audience_ref", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("cancelled_at", MOMENT, nullable=True),
        _fk("speed_events", "guest_id", "people", "SET NULL"),
        _fk("speed_events", "created_by", "people", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speed_events")),
    )
    op.create_table(
        "speed_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("starts_at", MOMENT, nullable=False),
        sa.Column("booked", sa.Integer(), nullable=False),
        _fk("speed_slots", "event_id", "speed_events", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speed_slots")),
        sa.UniqueConstraint("event_id", "number", name=op.f("uq_speed_slots_event_id")),
    )
    op.create_index(op.f("ix_speed_slots_event_id"), "speed_slots", ["event_id"])
    op.create_table(
        "speed_bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("slot_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("cancelled_at", MOMENT, nullable=True),
        _fk("speed_bookings", "event_id", "speed_events", "CASCADE"),
        _fk("speed_bookings", "slot_id", "speed_slots", "CASCADE"),
        _fk("speed_bookings", "person_id", "people", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speed_bookings")),
    )
    op.create_index(op.f("ix_speed_bookings_event_id"), "speed_bookings", ["event_id"])
    op.create_index(op.f("ix_speed_bookings_person_id"), "speed_bookings", ["person_id"])
    op.create_index(
        "uq_speed_bookings_live",
        "speed_bookings",
        ["event_id", "person_id"],
        unique=True,
        sqlite_where=sa.text("cancelled_at IS NULL"),
        postgresql_where=sa.text("cancelled_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_table("speed_bookings")
    op.drop_table("speed_slots")
    op.drop_table("speed_events")
