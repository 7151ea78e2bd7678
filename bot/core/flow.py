"""The flow framework: a per-update `Context` and the `Router` that picks the handler.

A handler is written once and serves every platform: it gets a `Context`, calls services inside
the context's transaction and returns `Reply` objects.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.core import texts, timezones
from bot.core.conversation import Button, Incoming, Reply
from bot.core.models import STAFF, Account, Person, PersonStatus, Role
from bot.core.payload import SEPARATOR, Payload
from bot.core.refusal import Refusal
from bot.core.services import state as state_service

Replies = list[Reply]
Handler = Callable[["Context"], Awaitable[Replies]]
RefusalHandler = Callable[["Context", Refusal], Awaitable[Replies]]
P = TypeVar("P", bound=Payload)
ButtonHandler = Callable[["Context", P], Awaitable[Replies]]
OfferHandler = Callable[["Context", list[str], bool], Awaitable[Replies]]


@dataclass
class Context:
    """Everything a handler needs for one update; changes commit together when it returns."""

    session: AsyncSession
    incoming: Incoming
    account: Account
    settings: Settings
    now: datetime
    router: Router
    state: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)
    offered: bool = False  # the offer to continue paused wizards is among the replies

    @property
    def person(self) -> Person | None:
        """The person behind the account, once they have consented."""
        return self.account.person

    @property
    def registered(self) -> bool:
        """True for a person whose registration is complete."""
        return self.person is not None and self.person.status == PersonStatus.ACTIVE

    @property
    def is_staff(self) -> bool:
        """True for a registered curator or director."""
        return self.has_role(STAFF)

    def has_role(self, roles: frozenset[Role]) -> bool:
        """True for a registered person holding any of `roles`."""
        return self.registered and self.person is not None and bool(roles & self.person.role_set)

    @property
    def locale(self) -> str:
        """The language to answer in."""
        if self.person is not None:
            return self.person.locale
        return self.account.locale or self.settings.default_locale

    @property
    def zone(self) -> str:
        """The person's time zone (the organisation's for one not yet registered)."""
        return self.person.timezone if self.person else self.settings.default_timezone

    @property
    def today(self) -> date:
        """Today's date on the person's own clock."""
        return timezones.to_local(self.now, self.zone).date()

    def t(self, key: str, **params: Any) -> Markup:
        """A short localized string in the person's language."""
        return texts.t(key, self.locale, **params)

    def render(self, name: str, **params: Any) -> Markup:
        """A long localized template in the person's language."""
        return texts.render(name, self.locale, **params)

    def button(self, key: str, payload: Payload, **params: Any) -> Button:
        """A button whose label is a locale key."""
        return Button(self.t(key, **params), payload.pack())

    def reply(self, key: str, buttons: list[list[Button]] | None = None, **params: Any) -> Reply:
        """A reply whose text is a locale key."""
        return Reply(self.t(key, **params), buttons or [])

    async def goto(self, state: str, **data: Any) -> None:
        """Wait for the next answer in `state` (kept in the database)."""
        self.state, self.data = state, dict(data)
        await state_service.save(self.session, self.account.id, state, self.data)
        wizard = self.router.wizard_of(state)
        if wizard is not None:  # one copy of a wizard: entering it anew drops the paused one
            await state_service.drop_paused(self.session, [self.account.id], wizard.name)

    async def finish(self) -> None:
        """Leave any flow: the next text is read as a fresh request."""
        self.state, self.data = None, {}
        await state_service.clear(self.session, self.account.id)

    async def leave(self) -> str | None:
        """Leave the question under way for another request; a wizard's step and answers are
        kept aside to continue later. Returns the name of the wizard paused, if any."""
        wizard = self.router.wizard_of(self.state)
        if wizard is not None and self.state is not None:
            await state_service.pause(
                self.session, self.account.id, wizard.name, self.state, self.data
            )
        await self.finish()
        return wizard.name if wizard is not None else None


@dataclass(frozen=True)
class Command:
    """A command such as /help: who may use it, its other words, whether it leaves a flow."""

    name: str
    handler: Handler
    roles: frozenset[Role] = frozenset()
    needs_registration: bool = True
    aliases: tuple[str, ...] = ()
    keeps_flow: bool = False  # runs without leaving the question under way (/help, /language)


@dataclass(frozen=True)
class State:
    """A question the bot waits on: `prompt` asks it (again), `on_text` takes a typed answer."""

    name: str
    prompt: Handler
    on_text: Handler | None = None


@dataclass(frozen=True)
class Wizard:
    """Questions asked one after another whose answers outlive a command in the middle:
    `start` begins it afresh (None: it is only ever continued), `roles` may continue it."""

    name: str
    states: frozenset[str]
    roles: frozenset[Role] = frozenset()
    start: Handler | None = None


@dataclass(frozen=True)
class ButtonRoute:
    """Handles one payload class, pressed while in one of `states` (None: any time), by a
    person holding one of `roles` (empty: anyone)."""

    kind: type[Payload]
    handler: ButtonHandler[Any]
    states: frozenset[str] | None = None
    roles: frozenset[Role] = frozenset()
    keeps_flow: bool = False  # runs without leaving the question under way (language, menu)


class Router:
    """Registry of commands, button prefixes and states; `dispatch` picks one for an update."""

    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}
        self.words: dict[str, Command] = {}
        self.buttons: dict[str, ButtonRoute] = {}
        self.states: dict[str, State] = {}
        self.refusals: dict[str, Handler] = {}
        self.refused: RefusalHandler | None = None
        self.wizards: dict[str, Wizard] = {}
        self.offer: OfferHandler | None = None

    def command(
        self,
        name: str,
        *,
        roles: Iterable[Role] = (),
        needs_registration: bool = True,
        aliases: Iterable[str] = (),
        keeps_flow: bool = False,
    ) -> Callable[[Handler], Handler]:
        """Register a command handler (`/name`, or the bare word on platforms without slashes).

        A command leaves any question under way unless it `keeps_flow`.
        """

        def register(handler: Handler) -> Handler:
            spec = Command(
                name,
                handler,
                frozenset(roles),
                needs_registration,
                tuple(aliases),
                keeps_flow,
            )
            self.commands[name] = spec
            for word in (name, *spec.aliases):
                self.words[word.lower()] = spec
            return handler

        return register

    def button(
        self,
        kind: type[P],
        *,
        states: Iterable[str] | None = None,
        roles: Iterable[Role] = (),
        keeps_flow: bool = False,
    ) -> Callable[[ButtonHandler[P]], ButtonHandler[P]]:
        """Register the handler of one payload class; it gets the payload parsed and checked."""

        def register(handler: ButtonHandler[P]) -> ButtonHandler[P]:
            kind.check()
            allowed = frozenset(states) if states is not None else None
            self._add_button(ButtonRoute(kind, handler, allowed, frozenset(roles), keeps_flow))
            return handler

        return register

    def _add_button(self, route: ButtonRoute) -> None:
        for prefix in (route.kind.prefix, *route.kind.legacy):
            taken = self.buttons.get(prefix)
            if taken is not None and taken != route:
                raise ValueError(f"two button routes for {prefix!r}")
            self.buttons[prefix] = route

    def state(self, name: str, prompt: Handler, on_text: Handler | None = None) -> None:
        """Register a state: how to ask its question and how to read a typed answer."""
        self.states[name] = State(name, prompt, on_text)

    def wizard(
        self,
        name: str,
        states: Iterable[str],
        *,
        roles: Iterable[Role] = (),
        start: Handler | None = None,
    ) -> None:
        """Register a wizard: its states, who may continue it, and how it begins."""
        self.wizards[name] = Wizard(name, frozenset(states), frozenset(roles), start)

    def wizard_of(self, state: str | None) -> Wizard | None:
        """The wizard a state belongs to, if any."""
        return next((w for w in self.wizards.values() if state in w.states), None)

    def on_paused(self, handler: OfferHandler) -> OfferHandler:
        """Register the offer to continue paused wizards (`again`: the wizard was started anew)."""
        self.offer = handler
        return handler

    def on_refusal(self, reason: str) -> Callable[[Handler], Handler]:
        """Register the answer for `unregistered`, `forbidden`, `stale` or `unknown` input."""

        def register(handler: Handler) -> Handler:
            self.refusals[reason] = handler
            return handler

        return register

    def on_refused(self, handler: RefusalHandler) -> RefusalHandler:
        """Register the answer to a `Refusal` raised by a step (after its rollback)."""
        self.refused = handler
        return handler

    def include(self, other: Router) -> None:
        """Take over every route of another router (one router per handlers module)."""
        self.commands.update(other.commands)
        self.words.update(other.words)
        for route in other.buttons.values():
            self._add_button(route)
        self.states.update(other.states)
        self.refusals.update(other.refusals)
        self.refused = other.refused or self.refused
        self.wizards.update(other.wizards)
        self.offer = other.offer or self.offer

    async def run_command(self, ctx: Context, name: str) -> Replies:
        """Run a command by name, with its permission checks (for menu buttons)."""
        spec = self.commands.get(name)
        return await self._run_command(ctx, spec) if spec else await self._refuse("stale", ctx)

    def parse_command(self, ctx: Context) -> tuple[Command, list[str]] | None:
        """The command in the incoming text, with its arguments, if there is one."""
        text = (ctx.incoming.text or "").strip()
        if not text:
            return None
        first, *rest = text.split()
        if first.startswith("/"):
            word = first[1:].split("@", 1)[0].lower()
            spec = self.commands.get(word) or self.words.get(word)
        elif ctx.incoming.platform != "telegram":
            spec = self.words.get(first.lower())
        else:
            spec = None
        return (spec, rest) if spec else None

    async def prompt(self, ctx: Context) -> Replies:
        """Ask the current state's question again (after a restart, /start or a wrong answer)."""
        state = self.states.get(ctx.state or "")
        return await state.prompt(ctx) if state else []

    async def offer_paused(self, ctx: Context, names: list[str] | None = None) -> Replies:
        """The offer to continue the wizards this person left in the middle (all, or `names`)."""
        if names is None:
            names = await state_service.paused(ctx.session, ctx.account.id)
        allowed = [n for n in names if n in self.wizards and self._may(ctx, self.wizards[n])]
        if not allowed or self.offer is None:
            return []
        ctx.offered = True
        return await self.offer(ctx, allowed, False)

    async def begin(self, ctx: Context, name: str) -> Replies:
        """Start a wizard; if one was left in the middle, first ask: continue or start over."""
        wizard = self.wizards[name]
        if name in await state_service.paused(ctx.session, ctx.account.id) and self.offer:
            return await self.offer(ctx, [name], True)
        assert wizard.start is not None
        return await wizard.start(ctx)

    async def resume(self, ctx: Context, name: str, again: bool) -> Replies:
        """Continue a paused wizard at its step (asked again), or start it over."""
        wizard = self.wizards.get(name)
        if wizard is None or not self._may(ctx, wizard):
            return await self._refuse("stale", ctx)
        if again and wizard.start is not None:
            await state_service.drop_paused(ctx.session, [ctx.account.id], name)
            return await wizard.start(ctx)
        paused = await state_service.take_paused(ctx.session, ctx.account.id, name)
        if paused is None:
            return await self._refuse("stale", ctx)
        await ctx.goto(paused[0], **paused[1])
        return await self.prompt(ctx)

    @staticmethod
    def _may(ctx: Context, wizard: Wizard) -> bool:
        return ctx.person is not None and (not wizard.roles or ctx.has_role(wizard.roles))

    async def _after_leaving(self, ctx: Context, paused: str | None, replies: Replies) -> Replies:
        """A command's answer, then (unless it asks a question of its own) the offer to
        continue the wizard it interrupted."""
        if paused is None or ctx.state is not None or ctx.offered:
            return replies
        return replies + await self.offer_paused(ctx, [paused])

    async def dispatch(self, ctx: Context) -> Replies:
        """Route one update: a button, a command, an awaited answer, or the fallback."""
        if ctx.incoming.payload is not None:
            return await self._dispatch_button(ctx, ctx.incoming.payload)
        parsed = self.parse_command(ctx)
        if parsed is not None:
            spec, ctx.args = parsed
            return await self._run_command(ctx, spec)
        state = self.states.get(ctx.state or "")
        if state is not None:
            if state.on_text is not None:
                return await state.on_text(ctx)
            return await self._refuse("buttons_expected", ctx) + await state.prompt(ctx)
        return await self._refuse("unknown", ctx)

    async def _run_command(self, ctx: Context, spec: Command) -> Replies:
        if spec.needs_registration and not ctx.registered:
            return await self._refuse("unregistered", ctx)
        if spec.roles and not ctx.has_role(spec.roles):
            return await self._refuse("forbidden", ctx)
        paused = None
        if ctx.state is not None and not spec.keeps_flow:
            paused = await ctx.leave()
        return await self._after_leaving(ctx, paused, await spec.handler(ctx))

    async def _dispatch_button(self, ctx: Context, payload: str) -> Replies:
        """A foreign, malformed or out-of-place payload is a stale button, one of a route the
        person lacks the roles for is forbidden; only then does the handler run.

        Only a button of the question under way (or one that `keeps_flow`) leaves it open: a
        typed answer meant for it is never taken after the person went elsewhere."""
        route = self.buttons.get(payload.split(SEPARATOR, 1)[0])
        if route is None or (route.states is not None and ctx.state not in route.states):
            return await self._refuse("stale", ctx)
        if route.roles and not ctx.has_role(route.roles):
            return await self._refuse("forbidden", ctx)
        parsed = route.kind.parse(payload)
        if parsed is None:
            return await self._refuse("stale", ctx)
        paused = None
        if ctx.state is not None and route.states is None and not route.keeps_flow:
            paused = await ctx.leave()  # a button of another card: the question is left
        return await self._after_leaving(ctx, paused, await route.handler(ctx, parsed))

    async def answer_refusal(self, ctx: Context, refusal: Refusal) -> Replies:
        """The answer to a refused step, given in a fresh unit of work once the step's own was
        rolled back."""
        return await self.refused(ctx, refusal) if self.refused else []

    async def _refuse(self, reason: str, ctx: Context) -> Replies:
        handler = self.refusals.get(reason)
        return await handler(ctx) if handler else []
