"""Buttons for the organisation's lists (pair types, formats of work): a page of them two to a
row, then a row with the switch to the next page (when they do not fit: VK takes ten buttons a
message) and "other", which is on every page."""

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
