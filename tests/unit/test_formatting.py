"""A person's formatted text (an announcement written with Telegram's bold, links…) keeps the
simple formatting, escaped once, each line well-formed; elsewhere it reads as plain text."""

from __future__ import annotations

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
