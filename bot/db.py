"""Engine, sessions and the unit of work (one database transaction per use)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

log = logging.getLogger(__name__)

_WIPE = "wipe_after_commit"  # a session.info flag


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite database URL; None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database).expanduser()
    return None


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a SQLite database file so a fresh checkout just works."""
    path = sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Deleted or overwritten values are zeroed, not left in free space for a disk reader.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def wipe_after_commit(session: AsyncSession) -> None:
    """Ask the unit of work to clear old copies of pages once this transaction commits.

    SQLite's write-ahead log keeps every page as it was written until a checkpoint; after an
    erasure those copies still hold the erased values. On PostgreSQL it does nothing: old row
    versions there are reclaimed by its autovacuum.
    """
    session.info[_WIPE] = True


class Database:
    """Owns the engine; `transaction()` is the unit of work every use case runs in."""

    def __init__(self, url: str) -> None:
        ensure_sqlite_folder(url)
        self.url = url
        self.engine: AsyncEngine = create_async_engine(url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # SQLite takes one writer at a time; queueing here instead of in SQLite's busy loop keeps
        # a burst of updates from failing with "database is locked". PostgreSQL needs no queue.
        self._sqlite_queue = asyncio.Lock() if self.engine.dialect.name == "sqlite" else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: commits on success, rolls back on any exception.

        Never nest transactions, and never hold one across a network call.
        """
        if self._sqlite_queue is None:
            async with self.sessions() as session, session.begin():
                yield session
            return
        async with self._sqlite_queue, self.sessions() as session:
            async with session.begin():
                yield session
            if session.info.pop(_WIPE, False):
                await self._checkpoint()

    async def _checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and truncate it to nothing."""
        async with self.engine.connect() as connection:
            result = await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = result.scalar()
        if busy:
            log.warning("the write-ahead log was not cleared: another connection is reading")

    async def close(self) -> None:
        """Fold SQLite's write-ahead log into the database file, then release every connection."""
        path = sqlite_file(self.url)
        if path is not None and path.exists():
            async with self.engine.connect() as connection:
                await connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        await self.engine.dispose()
