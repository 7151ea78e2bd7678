"""A person's formatted text (an announcement written with Telegram's bold, links…) keeps the
simple formatting, escaped once, each line well-formed; elsewhere it reads as plain text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from bot.core.formatting import clean
from bot.core.texts import plain


def test_the_simple_formatting_is_kept_and_the_rest_is_text() -> None:
    html = (
        "<b>Сбор</b> в <i>пятницу</i>, <u>15:00</u> <s>14:00</s> <code>каб. 5</code> "
        '<a href="https://school.example/plan?a=1&amp;b=2">план</a> '
        "<tg-spoiler>сюрприз</tg-spoiler> &lt;script&gt; R&amp;D"
    )
    assert clean(html) == (
        "<b>Сбор</b> в <i>пятницу</i>, <u>15:00</u> <s>14:00</s> <code>каб. 5</code> "
        '<a href="https://school.example/plan?a=1&amp;b=2">план</a> '
        "сюрприз &lt;script&gt; R&amp;D"
    )


def test_a_link_other_than_the_web_is_text() -> None:
    assert clean('<a href="javascript:alert(1)">нажми</a> <a href="tg://user?id=1">Анна</a>') == (
        "нажми Анна"
    )


def test_formatting_across_lines_is_closed_and_opened_again_on_each() -> None:
    assert clean("<b>Сбор\nв <i>пятницу\nв</i> 15:00</b>") == (
        "<b>Сбор</b>\n<b>в <i>пятницу</i></b>\n<b><i>в</i> 15:00</b>"
    )


def test_what_is_left_open_is_closed() -> None:
    assert clean("<b>жирный <i>и курсив") == "<b>жирный <i>и курсив</i></b>"


def test_plain_text_reads_a_link_with_its_address() -> None:
    formatted = clean('<b>Сбор</b>: <a href="https://school.example/?a=1&amp;b=2">план</a>')
    assert plain(formatted) == "Сбор: план (https://school.example/?a=1&b=2)"
    same = clean('<a href="https://school.example">https://school.example</a>')
    assert plain(same) == "https://school.example"


PIECES = [
    "<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<s>", "</s>", "<code>", "</code>",
    "<strong>", "</em>", "<span>", "</span>", "<tg-spoiler>", "</a>", "<br/>",
    '<a href="https://x.example/?a=1&amp;b=2">', '<a href="javascript:x">', "&amp;",
]  # fmt: skip
TAG_SOUP = st.lists(
    st.one_of(st.text(alphabet="ab <>&\"'\n;#x1", max_size=6), st.sampled_from(PIECES)),
    max_size=12,
).map("".join)


@given(st.text())
def test_typed_text_reads_as_typed(typed: str) -> None:
    """Whatever a person types (no formatting) comes back exactly, escaped once."""
    assert plain(clean(escape(typed))) == typed


@given(TAG_SOUP)
def test_cleaning_twice_changes_nothing_and_every_line_is_well_formed(html: str) -> None:
    cleaned = clean(html)
    assert clean(cleaned) == cleaned
    for line in cleaned.split("\n"):
        opened: list[str] = []
        for closing, name in re.findall(r"<(/?)(b|i|u|s|code|a)\b[^>]*>", line):
            if closing:
                assert opened and opened.pop() == name, cleaned
            else:
                opened.append(name)
        assert not opened, cleaned
