"""Buttons for the organisation's lists (pair types, formats of work): a page of them two to a
row, then a row with the switch to the next page (when they do not fit: VK takes ten buttons a
message) and "other", which is on every page; `Step` is a whole question of that kind, with
"other" asked in words in a state of its own."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.core import organisation
from bot.core.conversation import Button, Reply, fit_label
from bot.core.flow import Context, Replies, Router
from bot.core.models import Role
from bot.core.payload import Payload
from bot.core.refusal import StaleButton
from bot.core.services import banks

MAX_NOTE = 100  # the words of an "other" choice


def keyboard(
    ctx: Context,
    kind: str,
    page: int,
    pick: Callable[[str], Payload],
    turn: Callable[[int], Payload],
    more: str,
    per_page: int,
) -> tuple[list[list[Button]], list[Button]]:
    """Rows of two choices on this page, and the last row: the page switch and "other"."""
    keys = [e.key for e in organisation.current().entries(kind)]
    pages = -(-len(keys) // per_page)
    page = page % pages
    buttons = [
        Button(fit_label(organisation.shown(kind, key, None, ctx.locale)), pick(key).pack())
        for key in keys[page * per_page : (page + 1) * per_page]
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    other = Button(organisation.other_button(kind, ctx.locale), pick(organisation.OTHER).pack())
    if pages == 1:
        return rows, [other]
    last = page == pages - 1
    return rows, [ctx.button("btn-back" if last else more, turn(0 if last else page + 1)), other]


@runtime_checkable
class Paged(Protocol):
    """A payload naming a page."""

    page: int


Then = Callable[[Context, str, str | None], Awaitable[Replies]]


@dataclass(frozen=True)
class Step:
    """A question answered from the organisation's list `kind` in `state`: `pick` payloads carry
    the key in their field `field`, `turn` payloads the page; "other" asks for words in
    `state` + "_other"; `then` gets the key and the words (None unless "other")."""

    kind: str
    state: str
    prompt: str
    other_prompt: str
    pick: type[Payload]
    field: str
    turn: type[Payload]
    more: str
    per_page: int
    then: Then
    skip: Payload | None = None  # a button after the last row (its route is the caller's)

    def keyboard(self, ctx: Context, page: int) -> list[list[Button]]:
        """The choices on this page, the page switch, "other" and the skip button if any."""
        rows, last = keyboard(ctx, self.kind, page, self.pick, self.turn, self.more, self.per_page)
        if self.skip is not None:
            last = [*last, ctx.button("btn-skip", self.skip)]
        return [*rows, last]

    async def ask(self, ctx: Context) -> Replies:
        """The question with the first page of choices."""
        return [ctx.reply(self.prompt, self.keyboard(ctx, 0))]

    async def ask_other(self, ctx: Context) -> Replies:
        """The question of "other": the choice in words."""
        return [ctx.reply(self.other_prompt, max=MAX_NOTE)]

    async def take_other(self, ctx: Context) -> Replies:
        """The words of "other" typed."""
        note = banks.clean_text(ctx.incoming.text, MAX_NOTE)
        if note is None:
            return [ctx.reply("q-text-invalid", max=MAX_NOTE)]
        return await self.then(ctx, organisation.OTHER, note)

    async def page(self, ctx: Context, payload: Payload) -> Replies:
        """Another page of choices, in place."""
        assert isinstance(payload, Paged)
        return [Reply(ctx.t(self.prompt), self.keyboard(ctx, payload.page), replace=True)]

    async def take(self, ctx: Context, payload: Payload) -> Replies:
        """The choice pressed; "other" asks for it in words."""
        key: str = getattr(payload, self.field)
        if not organisation.current().offers(self.kind, key):
            raise StaleButton()  # a button of a list the organisation has changed since
        if key == organisation.OTHER:
            await ctx.goto(f"{self.state}_other", **ctx.data)
            return await self.ask_other(ctx)
        return await self.then(ctx, key, None)

    def register(self, router: Router, roles: Iterable[Role] = ()) -> None:
        """The step's two states and its two buttons on `router`, for people holding `roles`."""
        router.state(self.state, self.ask)
        router.state(f"{self.state}_other", self.ask_other, self.take_other)
        router.button(self.turn, states=[self.state], roles=roles)(self.page)
        router.button(self.pick, states=[self.state], roles=roles)(self.take)
