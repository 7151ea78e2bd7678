"""Typed button payloads: packed compactly, read back strictly, forgeries refused."""

from __future__ import annotations

from typing import Annotated, Literal

import pytest

from bot.core.models import Form
from bot.core.payload import OneOf, Payload


class Pick(Payload, prefix="pick", legacy=("pk",)):
    act: Literal["done", "move"]
    item_id: int
    page: int | None = None


class Filter(Payload, prefix="filter"):
    form: Form | None
    free: bool
    months: Annotated[int, OneOf((1, 3, 6))]

    def valid(self) -> bool:
        return not (self.free and self.form is None)


class Home(Payload, prefix="home"):
    pass


def test_pack_and_parse_round_trip() -> None:
    for payload in (
        Pick("done", 12),
        Pick("move", 0, 3),
        Filter(Form.VIRTUAL, True, 3),
        Filter(None, False, 6),
        Home(),
    ):
        assert type(payload).parse(payload.pack()) == payload
    assert Pick("done", 12).pack() == "pick:done:12"
    assert Pick("move", 7, 2).pack() == "pick:move:7:2"
    assert Filter(None, False, 1).pack() == "filter::n:1"
    assert Home().pack() == "home"


def test_an_older_prefix_is_still_read() -> None:
    assert Pick.parse("pk:done:12") == Pick("done", 12)


@pytest.mark.parametrize(
    "forged",
    [
        "",
        "pick",
        "pick:done",
        "pick:done:12:1:extra",
        "pick:done:abc",
        "pick:done:-1",
        "pick:done:+1",
        "pick:done:012",
        "pick:done:1.5",
        "pick:done:١٢",
        "pick:done:²",
        "pick:done:9999999999999",
        "pick:done:99999999999999999999999999",
        "pick:done: 12",
        "pick:delete:12",
        "pick:DONE:12",
        "pick:done:12:x",
        "other:done:12",
        "pickle:done:12",
        "filter:virtual:yes:1",
        "filter:virtual:y:2",
        "filter:nonsense:y:1",
        "filter::y:1",  # a mix of fields the class does not allow
        "home:",
        "home:1",
    ],
)
def test_malformed_payloads_are_refused(forged: str) -> None:
    assert Pick.parse(forged) is None
    assert Filter.parse(forged) is None
    assert Home.parse(forged) is None


def test_the_longest_payload_is_known_before_any_button_is_made() -> None:
    assert Pick.longest() == len("pick:") + len("move:") + 12 + 1 + 12
    Pick.check()

    class TooLong(Payload, prefix="toolong"):
        first: int
        second: int
        third: int
        fourth: int
        fifth: int

    with pytest.raises(ValueError, match="TooLong"):
        TooLong.check()


def test_prefixes_are_words() -> None:
    with pytest.raises(ValueError, match="lowercase word"):

        class Bad(Payload, prefix="Bad:x"):
            pass
