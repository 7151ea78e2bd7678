"""What Telegram's HTML parse mode accepts: the limited markup every `Reply.text` must be."""

from __future__ import annotations

import re

ALLOWED_TAGS = {"b", "i", "code"}
# A tag, a Telegram-supported entity, or a bare special character.
HTML_PIECE = re.compile(r"<(/?)(\w*)([^<>]*)>|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);|[<>&]")


def html_problems(text: str) -> list[str]:
    """What Telegram's HTML parse mode would reject in `text` (empty when it is fine)."""
    problems: list[str] = []
    stack: list[str] = []
    for match in HTML_PIECE.finditer(text):
        piece = match.group(0)
        if piece in ("<", ">", "&"):
            problems.append(f"bare {piece!r} at {match.start()}")
        elif piece.startswith("<"):
            closing, name, rest = match.group(1), match.group(2), match.group(3)
            if name not in ALLOWED_TAGS or rest:
                problems.append(f"tag {piece!r} not allowed")
            elif closing:
                if not stack or stack.pop() != name:
                    problems.append(f"unbalanced {piece!r}")
            else:
                stack.append(name)
    problems.extend(f"unclosed <{name}>" for name in stack)
    return problems
