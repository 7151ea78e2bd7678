"""Turning a `Reply`'s limited HTML into what each platform accepts, within its length limit."""

from __future__ import annotations

from bot.core.texts import plain as to_plain

__all__ = ["split", "to_plain"]


def split(text: str, limit: int) -> list[str]:
    """Cut text into pieces of at most `limit` characters, at paragraph or line ends if possible.

    Markup in replies never spans lines, so cutting between lines keeps every piece well-formed.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # a single overlong line: cut at the last space before the limit
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:cut])
            line = line[cut:].lstrip(" ")
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            pieces.append(current)
            current = line
        else:
            current = candidate
    if current:
        pieces.append(current)
    return [piece for piece in pieces if piece.strip()]
