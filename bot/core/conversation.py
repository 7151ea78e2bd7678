"""Neutral conversation types: what platforms hand to the core and what the core answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from bot.core.texts import plain

MAX_PAYLOAD_BYTES = 64  # Telegram's callback_data limit; VK allows more
MAX_LABEL_CHARS = 40  # VK's button label limit
MAX_BUTTONS = 10  # VK's inline keyboard limits, kept on every platform
MAX_ROWS = 6


def fit_label(text: str) -> str:
    """A button label as plain text (no markup), cut to the platforms' limit, ending with «…»
    when it was cut."""
    if isinstance(text, Markup):
        text = plain(text)
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Button:
    """An inline button: a short label and a compact opaque payload such as `lang:en`.

    The label is plain text on every platform: one rendered from a locale (`Markup`) is turned
    into the text a person reads here, so a name with `&` or `'` shows as typed; a label too long
    for VK is cut, ending with «…».
    """

    label: str
    payload: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", fit_label(self.label))
        if len(self.payload.encode()) > MAX_PAYLOAD_BYTES:
            raise ValueError(f"button payload over {MAX_PAYLOAD_BYTES} bytes: {self.payload!r}")


@dataclass(frozen=True, slots=True)
class File:
    """A file to hand to the person, such as the JSON of /mydata."""

    name: str
    content: bytes
    mime: str = "application/octet-stream"

    @property
    def is_photo(self) -> bool:
        """True for a picture, which platforms show as a photo where they can."""
        return self.mime.startswith("image/")


@dataclass(slots=True)
class Reply:
    """One message from the bot.

    `text` is limited HTML (<b>, <i>, <code> and entities) rendered by `texts`, every user value
    escaped once. It is `Markup`, so a plain `str` (unescaped, or rendered pieces joined with
    `str.join`) does not type-check. Adapters render it for their platform (VK and the console
    get its plain text).
    """

    text: Markup
    buttons: list[list[Button]] = field(default_factory=list)
    file: File | None = None
    replace: bool = False  # show in place of the message whose button was pressed, if possible
    intent: str | None = None  # what kind of message this is, for VK's `intent` (a newsletter)

    def __post_init__(self) -> None:
        count = sum(len(row) for row in self.buttons)
        if count > MAX_BUTTONS or len(self.buttons) > MAX_ROWS:
            raise ValueError(
                f"{count} buttons in {len(self.buttons)} rows; VK fits {MAX_BUTTONS} in {MAX_ROWS}"
            )


Fetch = Callable[[int], Awaitable[bytes]]  # download at most `limit` + 1 bytes of a file


class TooLarge(Exception):
    """A file above the size limit: it is neither downloaded nor stored."""


class FetchFailed(Exception):
    """A file could not be downloaded from the platform (the network, an expired link)."""


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file a person sent: a photo or a document, with its bytes or a way to fetch them.

    `size` is the size the platform declared (None when it did not say); `fetch` downloads the
    file only when a flow takes it.
    """

    name: str
    mime: str
    size: int | None = None
    content: bytes | None = None
    fetch: Fetch | None = None

    async def read(self, limit: int) -> bytes:
        """The file's bytes; `TooLarge` above `limit` bytes (checked on the declared size first,
        before anything is downloaded)."""
        if self.size is not None and self.size > limit:
            raise TooLarge(self.name)
        content = self.content
        if content is None:
            if self.fetch is None:
                raise ValueError("an attachment needs its content or a fetch")
            content = await self.fetch(limit)
        if len(content) > limit:
            raise TooLarge(self.name)
        return content


@dataclass(frozen=True, slots=True)
class Incoming:
    """One update from a person, whatever the platform: text, a command, a button press, files."""

    platform: str
    external_id: str
    text: str | None = None
    payload: str | None = None
    language_code: str | None = None
    attachments: tuple[Attachment, ...] = ()
    album: str | None = None  # a Telegram album (media group): its photos come one a message
    message: str | None = None  # the platform's id of the message whose button was pressed
    formatted: str | None = None  # the text with its bold, links… as HTML (Telegram's entities)
