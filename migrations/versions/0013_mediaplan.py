"""mediaplan: events, posts, their photos and history

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-01 03:54:35.753789
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "media_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("curator_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["curator_id"],
            ["people.id"],
            name=op.f("fk_media_events_curator_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_events")),
    )
    with op.batch_alter_table("media_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_media_events_starts_at"), ["starts_at"], unique=False)

    op.create_table(
        "media_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("occasion", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("publish_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wall_post_id", sa.Integer(), nullable=True),
        sa.Column("failure", sa.String(length=200), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["media_events.id"],
            name=op.f("fk_media_posts_event_id_media_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_posts")),
        sa.UniqueConstraint("kind", "occasion", name=op.f("uq_media_posts_kind")),
    )
    with op.batch_alter_table("media_posts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_media_posts_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_media_posts_publish_at"), ["publish_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_media_posts_status"), ["status"], unique=False)

    op.create_table(
        "media_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("mime", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["media_posts.id"],
            name=op.f("fk_media_photos_post_id_media_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_photos")),
    )
    with op.batch_alter_table("media_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_media_photos_post_id"), ["post_id"], unique=False)

    op.create_table(
        "media_post_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_id"],
            ["people.id"],
            name=op.f("fk_media_post_changes_by_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["media_posts.id"],
            name=op.f("fk_media_post_changes_post_id_media_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_post_changes")),
    )
    with op.batch_alter_table("media_post_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_media_post_changes_post_id"), ["post_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("media_post_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_media_post_changes_post_id"))

    op.drop_table("media_post_changes")
    with op.batch_alter_table("media_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_media_photos_post_id"))

    op.drop_table("media_photos")
    with op.batch_alter_table("media_posts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_media_posts_status"))
        batch_op.drop_index(batch_op.f("ix_media_posts_publish_at"))
        batch_op.drop_index(batch_op.f("ix_media_posts_event_id"))

    op.drop_table("media_posts")
    with op.batch_alter_table("media_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_media_events_starts_at"))

    op.drop_table("media_events")
