"""`Refusal`: a domain rule says no. Raised inside a unit of work, it undoes the whole of it."""

from __future__ import annotations

from typing import Any


class Refusal(Exception):
    """Why a step cannot be done: a locale key and its parameters.

    Services and handlers raise it; the core rolls the update's transaction back and answers with
    the key's text, so a refused step never leaves half of its changes behind.
    """

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class StaleButton(Refusal):
    """A button that is no longer (or never was) valid for this person: answered, not theirs,
    from an old message, or forged."""

    def __init__(self) -> None:
        super().__init__("refusal-stale-button")
