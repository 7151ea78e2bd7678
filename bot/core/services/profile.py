"""Profile values as people type them: checked and normalised before anything is stored."""

from __future__ import annotations

MAX_NAME = 100
_NAME_PUNCTUATION = set(" -'’.")


def clean_name(text: str | None) -> str | None:
    """A person's name with spaces tidied, or None when it is not a plausible name.

    Letters from any alphabet, spaces, hyphens, apostrophes and dots; 2 to 100 characters; at
    least two letters. Markup, digits, links and emoji are refused, so nothing can be smuggled in.
    """
    if text is None:
        return None
    name = " ".join(text.split())
    if not 2 <= len(name) <= MAX_NAME:
        return None
    if not all(ch.isalpha() or ch in _NAME_PUNCTUATION for ch in name):
        return None
    if sum(ch.isalpha() for ch in name) < 2:
        return None
    return name


def is_full_name(name: str) -> bool:
    """At least two words with letters: a surname and a given name, as a consent needs."""
    return sum(any(ch.isalpha() for ch in word) for word in name.split()) >= 2
