"""Buttons for the organisation's lists (pair types, formats of work): a page of them, "other"
last, and a button to the next page when they do not fit (VK takes ten buttons a message)."""

from __future__ import annotations

from collections.abc import Callable

from bot.core import organisation
from bot.core.conversation import Button, fit_label
from bot.core.flow import Context
from bot.core.payload import Payload


def keyboard(
    ctx: Context,
    kind: str,
    page: int,
    pick: Callable[[str], Payload],
    turn: Callable[[int], Payload],
    more: str,
    per_page: int,
) -> tuple[list[list[Button]], list[Button]]:
    """Rows of two choices on this page, and the page switch (empty when all fit on one)."""
    org = organisation.current()
    keys = [e.key for e in org.entries(kind)] + [organisation.OTHER]
    pages = -(-len(keys) // per_page)
    page = page % pages
    buttons = [
        Button(fit_label(organisation.shown(kind, key, None, ctx.locale)), pick(key).pack())
        if key != organisation.OTHER
        else Button(organisation.other_button(kind, ctx.locale), pick(key).pack())
        for key in keys[page * per_page : (page + 1) * per_page]
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if pages == 1:
        return rows, []
    last = page == pages - 1
    return rows, [ctx.button("btn-back" if last else more, turn(0 if last else page + 1))]
