"""Choices that turn pages: a page of buttons, one a row, with «Назад»/«Дальше» under them."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.conversation import Button
from bot.core.flow import Context
from bot.core.payload import Payload


def last_page(count: int, size: int) -> int:
    """The number of the last page of `count` choices, `size` a page (0 when there are none)."""
    return max(count - 1, 0) // size


def page_rows(
    ctx: Context, buttons: list[Button], page: int, size: int, turn: Callable[[int], Payload]
) -> list[list[Button]]:
    """The buttons of `page` (kept within the pages there are), one a row, then the buttons to
    the pages around it (`turn(n)`: the payload of page n)."""
    page = min(page, last_page(len(buttons), size))
    rows = [[button] for button in buttons[page * size : (page + 1) * size]]
    nav = []
    if page > 0:
        nav.append(ctx.button("btn-prev", turn(page - 1)))
    if (page + 1) * size < len(buttons):
        nav.append(ctx.button("btn-next", turn(page + 1)))
    return rows + ([nav] if nav else [])
