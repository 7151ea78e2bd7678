"""Sending through a platform: errors read once per adapter, retries and pauses shared."""

from __future__ import annotations

import pytest

from bot.platforms import delivery
from bot.platforms.base import DeliveryRefused, RecipientUnavailable, RetryLater
from bot.platforms.delivery import Failure, Kind, Sender


class Flood(Exception):
    """A platform error carrying its retry-after."""

    def __init__(self, after: float) -> None:
        super().__init__(f"too many requests: retry after {after}")
        self.after = after


def classify(exc: BaseException) -> Failure | None:
    if isinstance(exc, Flood):
        return Failure(Kind.TRANSIENT, exc.after)
    if isinstance(exc, PermissionError):
        return Failure(Kind.UNAVAILABLE)
    if isinstance(exc, ValueError):
        return Failure(Kind.REFUSED)
    if isinstance(exc, ConnectionError):
        return Failure(Kind.TRANSIENT)
    return None


@pytest.fixture(autouse=True)
def no_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "RETRY_DELAY", 0)


class Api:
    """Answers each call with the next scripted outcome (an exception or a value)."""

    def __init__(self, *outcomes: object) -> None:
        self.outcomes = list(outcomes)
        self.calls = 0

    async def send(self, text: str) -> str:
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else "ok"
        if isinstance(outcome, BaseException):
            raise outcome
        return f"{outcome}: {text}"


async def test_a_long_retry_after_pauses_that_platform_only() -> None:
    telegram, vk = Sender("telegram", classify), Sender("vk", classify)
    api = Api(Flood(300))

    with pytest.raises(RetryLater) as first:
        await telegram.call(api.send, "a")
    assert first.value.after == 300

    with pytest.raises(RetryLater):  # still paused: the platform is not even asked
        await telegram.call(api.send, "b")
    assert api.calls == 1
    assert await vk.call(Api().send, "c") == "ok: c"


async def test_transient_failures_are_retried_then_handed_back() -> None:
    sender = Sender("vk", classify, attempts=3)
    assert await sender.call(Api(ConnectionError("reset")).send, "x") == "ok: x"
    api = Api(*[ConnectionError("reset")] * 3)
    with pytest.raises(RetryLater):
        await sender.call(api.send, "x")
    assert api.calls == 3


async def test_permanent_failures_are_not_retried() -> None:
    sender = Sender("telegram", classify)
    blocked, bad = Api(PermissionError("blocked")), Api(ValueError("message is too long"))
    with pytest.raises(RecipientUnavailable):
        await sender.call(blocked.send, "x")
    with pytest.raises(DeliveryRefused, match="too long"):
        await sender.call(bad.send, "x")
    assert blocked.calls == bad.calls == 1


async def test_an_error_the_adapter_does_not_know_propagates() -> None:
    sender = Sender("telegram", classify)
    with pytest.raises(KeyError):
        await sender.call(Api(KeyError("bug")).send, "x")
