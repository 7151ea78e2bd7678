"""outbox rows name their subject, purpose and occasion; claim tokens; due-scan indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 17:20:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Old idempotency-key prefixes and the subject (and the params key holding its id) they meant.
_PREFIXES = (
    ("ms:", "milestone", "milestone_id"),
    ("agr:", "programme", "programme_id"),
    ("prg:", "programme", "programme_id"),
    ("req:", "request", "request_id"),
)


def _subject(key: str, params: dict, person_id: int | None) -> tuple[str, int]:
    for prefix, kind, param in _PREFIXES:
        if key.startswith(prefix):
            ident = params.get(param) or key[len(prefix) :].split(":", 1)[0]
            if str(ident).isdigit():
                return kind, int(ident)
    return "person", person_id or 0


def _utc(moment: str | None) -> datetime | None:
    if not moment:
        return None
    return datetime.fromisoformat(moment).astimezone(UTC).replace(tzinfo=None)


def upgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject_kind", sa.String(16), server_default="person"))
        batch_op.add_column(sa.Column("subject_id", sa.Integer(), server_default="0"))
        batch_op.add_column(sa.Column("purpose", sa.String(48), server_default=""))
        batch_op.add_column(sa.Column("occasion", sa.String(128), server_default=""))
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("interruptions", sa.Integer(), server_default="0"))
        batch_op.add_column(sa.Column("claim_token", sa.String(32), nullable=True))
        batch_op.add_column(
            sa.Column("first_attempt_at", sa.DateTime(timezone=True), nullable=True)
        )

    # Old rows keep their unique key as the occasion, so none of them collides with another.
    bind = op.get_bind()
    table = sa.table(
        "notifications",
        sa.column("id", sa.Integer),
        sa.column("person_id", sa.Integer),
        sa.column("template", sa.String),
        sa.column("params", sa.JSON),
        sa.column("idempotency_key", sa.String),
        sa.column("subject_kind", sa.String),
        sa.column("subject_id", sa.Integer),
        sa.column("purpose", sa.String),
        sa.column("occasion", sa.String),
        sa.column("expires_at", sa.DateTime(timezone=True)),
    )
    rows = bind.execute(
        sa.select(
            table.c.id, table.c.person_id, table.c.template, table.c.params, table.c.idempotency_key
        )
    ).all()
    for row_id, person_id, template, params, key in rows:
        params = dict(params or {})
        kind, ident = _subject(key, params, person_id)
        stale = params.pop("stale_after", None)
        bind.execute(
            sa.update(table)
            .where(table.c.id == row_id)
            .values(
                subject_kind=kind,
                subject_id=ident,
                purpose=template,
                occasion=key,
                params=params,
                expires_at=_utc(stale),
            )
        )

    with op.batch_alter_table("notifications", schema=None) as batch_op:
        for name in ("subject_kind", "subject_id", "purpose", "occasion", "interruptions"):
            batch_op.alter_column(name, server_default=None, nullable=False)
        batch_op.drop_constraint("uq_notifications_idempotency_key", type_="unique")
        batch_op.drop_column("idempotency_key")
        batch_op.drop_index("ix_notifications_due_at")
        batch_op.drop_index("ix_notifications_status")
        batch_op.create_index("ix_notifications_due", ["status", "due_at"], unique=False)
        batch_op.create_index("ix_notifications_lease", ["status", "locked_until"], unique=False)
        batch_op.create_index(
            "ix_notifications_subject", ["subject_kind", "subject_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notifications_claim_token"), ["claim_token"], unique=False
        )
        batch_op.create_index(
            "uq_notifications_dedup",
            ["subject_kind", "subject_id", "purpose", "occasion", "person_id"],
            unique=True,
            sqlite_where=sa.text("status != 'void'"),
            postgresql_where=sa.text("status != 'void'"),
        )


def downgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idempotency_key", sa.String(128), nullable=True))
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE notifications SET idempotency_key = subject_kind || ':' || subject_id || ':' "
            "|| purpose || ':' || occasion || ':' || coalesce(person_id, '') || ':' || id"
        )
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("uq_notifications_dedup")
        batch_op.drop_index(batch_op.f("ix_notifications_claim_token"))
        batch_op.drop_index("ix_notifications_subject")
        batch_op.drop_index("ix_notifications_lease")
        batch_op.drop_index("ix_notifications_due")
        batch_op.create_index("ix_notifications_status", ["status"], unique=False)
        batch_op.create_index("ix_notifications_due_at", ["due_at"], unique=False)
        batch_op.alter_column("idempotency_key", nullable=False)
        batch_op.create_unique_constraint("uq_notifications_idempotency_key", ["idempotency_key"])
        for name in (
            "first_attempt_at",
            "claim_token",
            "interruptions",
            "expires_at",
            "occasion",
            "purpose",
            "subject_id",
            "subject_kind",
        ):
            batch_op.drop_column(name)
