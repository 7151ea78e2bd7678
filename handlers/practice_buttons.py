"""The buttons of the best-practice collection (see `bot.core.payload`): the wizard, the
curator's review, the browsing of /practices."""

from __future__ import annotations

from typing import Literal

from bot.core.models import Form
from bot.core.payload import Payload

PracticeField = Literal["title", "form", "format", "done", "results", "files"]


class PracticeInvite(Payload, prefix="prc-invite"):
    """The invitation answered: share a practice now, or not now."""

    practice_id: int
    share: bool


class PracticeNew(Payload, prefix="prc-new"):
    """A mentor offers a practice of their own, from /practices."""


class PracticeForm(Payload, prefix="prc-form"):
    """The form of mentoring of the practice."""

    form: Form


class PracticeFormat(Payload, prefix="prc-fmt"):
    """The format of work, a key of the organisation's list (or `other`)."""

    key: str


class PracticeFormatPage(Payload, prefix="prc-fmts"):
    """Another page of formats."""

    page: int


class PracticeFilesDone(Payload, prefix="prc-files-done"):
    """No more files: on to the summary."""


class PracticeChange(Payload, prefix="prc-change"):
    """Change one answer from the summary."""

    field: PracticeField


class PracticeSubmit(Payload, prefix="prc-submit"):
    """Send the practice to the curator, as summarised."""


class PracticeRework(Payload, prefix="prc-rework"):
    """The author reworks a practice sent back for changes."""

    practice_id: int


class PracticeReview(Payload, prefix="prc-review"):
    """A curator's verdict: approve, ask for changes or decline (the words are asked next)."""

    practice_id: int
    act: Literal["approve", "changes", "decline"]


class PracticeQueue(Payload, prefix="prc-queue"):
    """The practices waiting for a curator, a page of them."""

    page: int = 0


class PracticeBrowse(Payload, prefix="prc-list"):
    """/practices: the collection's start (`home`), the practices of a form or format (`key`
    none: the choice of formats), or one's own; a page of them."""

    by: Literal["home", "form", "format", "mine"]
    key: str | None = None
    page: int = 0


class PracticeOpen(Payload, prefix="prc"):
    """One practice."""

    practice_id: int


class PracticeFiles(Payload, prefix="prc-files"):
    """A practice's files, sent one a message."""

    practice_id: int


class PracticeMedia(Payload, prefix="prc-media"):
    """A curator turns an approved practice into a longread draft of the media plan."""

    practice_id: int
