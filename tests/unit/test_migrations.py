"""Migrations build exactly the schema the models describe, and downgrade cleanly."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from bot.migrate import alembic_config, upgrade_sync


def test_migrations_match_models(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/m.sqlite3"
    upgrade_sync(url)
    command.check(alembic_config(url))  # raises if the models need a migration not written


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/m.sqlite3"
    upgrade_sync(url)
    command.downgrade(alembic_config(url), "base")
    upgrade_sync(url)
    command.check(alembic_config(url))


def test_outbox_rows_of_the_previous_release_keep_their_meaning(tmp_path: Path) -> None:
    """Rows written under idempotency keys get a subject, a purpose and an expiry; a pending
    reminder stays pending and can still be voided by its milestone."""
    path = tmp_path / "m.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    command.upgrade(alembic_config(url), "0002")
    rows = [
        ("ms:12:2026-12-25:g0:b3:5", "ms-before", '{"milestone_id": 12, "days": 3, '
         '"stale_after": "2026-12-22T21:00:00+00:00"}'),
        ("agr:3:5", "agreement", '{"programme_id": 3}'),
        ("req:9:5", "request-extend", '{"request_id": 9}'),
        ("parent-declined:5:2026-11-24T09:00:00+00:00", "notify-parent-declined", "{}"),
    ]  # fmt: skip
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO people (id, locale, timezone, status, created_at) "
            "VALUES (5, 'ru', 'Europe/Moscow', 'active', '2026-11-24 09:00:00')"
        )
        for key, template, params in rows:
            conn.execute(
                "INSERT INTO notifications (person_id, template, params, due_at, status, "
                "attempts, idempotency_key, quiet_hours, created_at) VALUES "
                "(5, ?, ?, '2026-12-22 07:00:00', 'pending', 0, ?, 0, '2026-11-24 09:00:00')",
                (template, params, key),
            )

    upgrade_sync(url)

    with sqlite3.connect(path) as conn:
        found = conn.execute(
            "SELECT subject_kind, subject_id, purpose, params, expires_at FROM notifications "
            "ORDER BY id"
        ).fetchall()
        assert found == [
            ("milestone", 12, "ms-before", '{"milestone_id": 12, "days": 3}',
             "2026-12-22 21:00:00.000000"),
            ("programme", 3, "agreement", '{"programme_id": 3}', None),
            ("request", 9, "request-extend", '{"request_id": 9}', None),
            ("person", 5, "notify-parent-declined", "{}", None),
        ]  # fmt: skip
        conn.execute(
            "UPDATE notifications SET status = 'void' "
            "WHERE subject_kind = 'milestone' AND subject_id = 12 AND status = 'pending'"
        )
        assert conn.total_changes == 1


def test_programmes_of_the_previous_release_keep_their_term_in_months(tmp_path: Path) -> None:
    """A six-month programme stays six months, and its pending +3 extension stays +3."""
    path = tmp_path / "m.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    command.upgrade(alembic_config(url), "0003")
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO people (id, locale, timezone, status, created_at) "
            "VALUES (5, 'ru', 'Europe/Moscow', 'active', '2026-11-24 09:00:00')"
        )
        conn.execute(
            "INSERT INTO programmes (id, mentor_id, form, pair_type, term_months, goals, status, "
            "reminder_days, agreement_version, created_at) VALUES (1, 5, 'virtual', "
            "'volunteer_pupil', 6, 'Цели', 'active', '[3, 1]', '2026-11', '2026-11-24 09:00:00')"
        )
        conn.execute(
            "INSERT INTO programme_requests (programme_id, kind, proposed_by, details, status, "
            "created_at) VALUES (1, 'extend', 5, '{\"months\": 3}', 'pending', "
            "'2026-11-24 09:00:00')"
        )

    upgrade_sync(url)

    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT term, term_unit FROM programmes").fetchall() == [(6, "months")]
        assert conn.execute("SELECT details FROM programme_requests").fetchall() == [
            ('{"count": 3}',)
        ]


def test_announcements_of_the_previous_release_read_as_they_were_typed(tmp_path: Path) -> None:
    """Their text was plain and is now limited HTML: escaped once, it reads the same."""
    from bot.core.texts import plain

    path = tmp_path / "m.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    command.upgrade(alembic_config(url), "0020")
    typed = "Сбор в 15:00 — чай & пироги <3 <b>не жирный</b>"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO broadcasts (text, audience, skipped, status, created_at) "
            "VALUES (?, '{}', 0, 'sending', '2026-11-30 09:00:00')",
            (typed,),
        )
    upgrade_sync(url)
    with sqlite3.connect(path) as conn:
        (stored,) = conn.execute("SELECT text FROM broadcasts").fetchone()
    assert "<" not in stored and plain(stored) == typed
