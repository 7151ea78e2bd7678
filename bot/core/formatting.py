"""The simple formatting a person's own text may carry — bold, italic, underline, strikethrough,
code and links — kept as the limited HTML every reply is written in.

A platform hands its formatted text over as HTML (Telegram: the message's entities); `clean`
keeps only those tags, escapes everything else once, and closes what is open at each line end
and opens it again on the next line, so a reply cut between lines stays well-formed.
"""

from __future__ import annotations

from html.parser import HTMLParser

from markupsafe import Markup, escape

TAGS = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "u": "u",
    "ins": "u",
    "s": "s",
    "strike": "s",
    "del": "s",
    "code": "code",
    "a": "a",
}
SCHEMES = ("http://", "https://")


def clean(html: str) -> Markup:
    """`html` with only the simple formatting left, the text escaped once."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return Markup("".join(cleaner.out) + cleaner.closing())


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[tuple[str, str]] = []  # (tag, its opening text) of what is open
        self.skipped: list[str] = []  # tags dropped while open (their end tags dropped too)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = TAGS.get(tag)
        href = dict(attrs).get("href") or ""
        if name is None or (name == "a" and not href.startswith(SCHEMES)):
            self.skipped.append(tag)
            return
        opening = f'<a href="{escape(href)}">' if name == "a" else f"<{name}>"
        self.open.append((name, opening))
        self.out.append(opening)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipped:
            self.skipped.remove(tag)
            return
        name = TAGS.get(tag)
        if self.open and self.open[-1][0] == name:
            self.open.pop()
            self.out.append(f"</{name}>")

    def handle_data(self, data: str) -> None:
        lines = data.split("\n")
        for number, line in enumerate(lines):
            if number:  # a line end: what is open closes before it and opens again after
                self.out.append(self.closing() + "\n" + "".join(o for _, o in self.open))
            self.out.append(str(escape(line)))

    def closing(self) -> str:
        """The end tags of what is open, innermost first."""
        return "".join(f"</{name}>" for name, _ in reversed(self.open))
