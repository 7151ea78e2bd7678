"""announcements keep their simple formatting: the text is now limited HTML

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 10:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # the plain text of earlier announcements, escaped once, reads the same as HTML
    op.execute(
        "UPDATE broadcasts SET text = "
        "replace(replace(replace(text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE broadcasts SET text = "
        "replace(replace(replace(text, '&lt;', '<'), '&gt;', '>'), '&amp;', '&')"
    )
