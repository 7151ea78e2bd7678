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


# A character reference as Telegram's HTML parser (and `texts.plain`) decodes it.
_REFERENCE = r"(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);"
ENTITY = re.compile("&" + _REFERENCE)
ESCAPED_TWICE = re.compile("&amp;" + _REFERENCE)


def escaped_twice(text: str) -> list[str]:
    """Character references escaped once more (`&amp;lt;`): the person would see `&lt;`."""
    return ESCAPED_TWICE.findall(text)


def leftover_entities(visible: str, typed: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Character references left in text a person sees as it is (VK text, button labels, the
    text Telegram shows), except those someone typed themselves: text escaped once too often."""
    return [found for found in ENTITY.findall(visible) if not any(found in t for t in typed)]
