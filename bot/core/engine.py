"""The core's entry point: one `Incoming` in, `Reply` objects out, in one unit of work."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial
from weakref import WeakValueDictionary

from bot.config import Settings
from bot.core import organisation, outbox, points, survey_files, texts
from bot.core.conversation import Incoming, Reply
from bot.core.flow import Context, Handler, Router
from bot.core.models import utcnow
from bot.core.refusal import Refusal
from bot.core.services import people
from bot.core.services import state as state_service
from bot.db import Database

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


class Core:
    """Handles updates from any platform with the flows registered on `router`."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        router: Router,
        clock: Clock = utcnow,
        on_notified: Callable[[], None] | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        organisation.configure(
            settings.org_data_file,
            settings.org_name.strip(),
            settings.director_name.strip(),
            settings.curator_name.strip(),
        )
        survey_files.configure(settings.surveys_dir)
        points.configure(settings.footprint_points_file)
        self.router = router
        self.clock = clock
        self.on_notified = on_notified
        self._locks: WeakValueDictionary[tuple[str, str], asyncio.Lock] = WeakValueDictionary()

    def _lock(self, incoming: Incoming) -> asyncio.Lock:
        key = (incoming.platform, incoming.external_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Answer one update. Updates of one chat are handled one at a time, in order."""
        async with self._lock(incoming):
            try:
                return await self._handle(incoming)
            except Exception:
                log.exception("update from %s:%s failed", incoming.platform, incoming.external_id)
                locale = texts.pick_locale(incoming.language_code, self.settings.default_locale)
                return [Reply(texts.t("error-internal", locale))]

    async def locale_of(self, platform: str, external_id: str) -> str:
        """The language the bot speaks with this chat (the default before first contact)."""
        async with self.db.transaction() as session:
            account = await people.find_account(session, platform, external_id)
            if account is None:
                return self.settings.default_locale
            person = account.person
            if person is not None:
                return person.locale
            return account.locale or self.settings.default_locale

    async def _handle(self, incoming: Incoming) -> list[Reply]:
        """Run the update's step; a `Refusal` undoes all of it and is answered on its own."""
        now = self.clock()
        try:
            return await self._unit_of_work(incoming, now, self.router.dispatch)
        except Refusal as refusal:
            answer = partial(self.router.answer_refusal, refusal=refusal)
            return await self._unit_of_work(incoming, now, answer)

    async def _unit_of_work(self, incoming: Incoming, now: datetime, step: Handler) -> list[Reply]:
        locale = texts.pick_locale(incoming.language_code, self.settings.default_locale)
        async with self.db.transaction() as session:
            account = await people.touch_account(
                session, incoming.platform, incoming.external_id, locale, now
            )
            state, data = await state_service.load(session, account.id)
            ctx = Context(
                session=session,
                incoming=incoming,
                account=account,
                settings=self.settings,
                now=now,
                router=self.router,
                state=state,
                data=data,
            )
            replies = await step(ctx)
        if session.info.get(outbox.ADDED) and self.on_notified is not None:
            self.on_notified()  # the unit of work wrote outbox rows: send what is due now
        return replies
