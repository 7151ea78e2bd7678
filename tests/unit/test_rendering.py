"""Cutting long replies to a platform's limit and turning limited HTML into plain text."""

from __future__ import annotations

import random

import pytest
from markupsafe import Markup

from bot.core import texts
from bot.core.conversation import MAX_LABEL_CHARS, Button, fit_label
from bot.platforms.rendering import split, to_plain


def _random_text(rng: random.Random, longest: int = 12) -> str:
    """Lines of words (none longer than `longest`), with blank lines and stray spaces."""
    lines = []
    for _ in range(rng.randint(1, 30)):
        words = [
            "".join(rng.choice("абвгдxyz<>&") for _ in range(rng.randint(1, longest)))
            for _ in range(rng.randint(0, 25))
        ]
        lines.append(" " * rng.randint(0, 2) + " ".join(words))
    return "\n".join(lines)


def test_short_text_is_one_piece() -> None:
    assert split("Привет!\nКак дела?", 4096) == ["Привет!\nКак дела?"]


@pytest.mark.parametrize("limit", [12, 13, 20, 37, 100, 4096])
def test_pieces_fit_and_keep_every_word_in_order(limit: int) -> None:
    rng = random.Random(limit)
    for _ in range(100):
        text = _random_text(rng, longest=min(12, limit - 3))  # a word always fits a piece
        pieces = split(text, limit)
        assert all(len(piece) <= limit for piece in pieces), text
        assert all(piece.strip() for piece in pieces)
        assert " ".join(pieces).split() == text.split(), text


def test_cuts_between_lines_when_it_can() -> None:
    first, second, third = "а" * 30, "б" * 30, "в" * 5
    assert split(f"{first}\n{second}\n{third}", 40) == [first, f"{second}\n{third}"]


def test_paragraphs_stay_whole_when_they_fit() -> None:
    paragraphs = [f"Строка {i} " + "слово " * 8 for i in range(12)]
    text = "\n".join(p.strip() for p in paragraphs)
    pieces = split(text, 200)
    assert len(pieces) > 1
    for piece in pieces:
        for line in piece.split("\n"):
            assert line in text.split("\n")  # no line was cut in the middle


def test_long_line_is_cut_at_a_space() -> None:
    line = " ".join(["слово"] * 30)  # 179 characters, no newline
    pieces = split(line, 50)
    assert all(len(p) <= 50 for p in pieces)
    assert all(set(p.split()) == {"слово"} for p in pieces)  # no word broken
    assert " ".join(pieces).split() == line.split()


def test_one_overlong_word_is_cut_hard_and_nothing_is_lost() -> None:
    word = "".join(chr(ord("a") + i % 26) for i in range(250))
    pieces = split(f"Начало\n{word}\nКонец", 60)
    assert all(len(p) <= 60 for p in pieces)
    assert pieces[0] == "Начало"
    assert pieces[-1].endswith("Конец")
    assert "".join(pieces).replace("\n", "") == f"Начало{word}Конец"


def test_real_long_reply_fits_telegram_and_vk() -> None:
    text = "\n\n".join([texts.render("consent", "ru")] * 8)
    assert len(text) > 4096
    pieces = split(text, 4096)
    assert len(pieces) >= 2
    assert all(len(p) <= 4096 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    # Markup never spans lines, so each piece stays balanced.
    for piece in pieces:
        assert piece.count("<b>") == piece.count("</b>")


def test_to_plain_strips_the_tags() -> None:
    assert to_plain("<b>Код:</b> <code>/link AB</code> <i>x</i>") == "Код: /link AB x"


def test_to_plain_unescapes_entities() -> None:
    assert to_plain("a &lt; b &amp;&amp; c &gt; d &quot;e&quot;") == 'a < b && c > d "e"'


def test_to_plain_shows_what_a_person_typed_exactly() -> None:
    """A name with markup characters comes out as typed, not as markup nor as entities."""
    for typed in ["<b>Bob</b>", "&lt;", "Tom & Jerry", "<i>"]:
        rendered = texts.t("start-welcome-back", "en", name=typed)
        assert to_plain(rendered) == f"Welcome back, {typed}! How can I help? Pick a button below."


def test_to_plain_leaves_plain_text_alone() -> None:
    text = "Привет, мир — 3 > 2"
    assert to_plain(text) == text


def test_a_long_button_label_is_cut_with_an_ellipsis() -> None:
    title = "25.12 · Подготовить презентацию проекта для конференции"
    label = fit_label(title)
    assert len(label) == MAX_LABEL_CHARS and label.endswith("…")
    assert label.startswith("25.12 · Подготовить презентацию")
    assert fit_label("Короткая") == "Короткая"
    assert fit_label("x" * MAX_LABEL_CHARS) == "x" * MAX_LABEL_CHARS


def test_every_button_label_is_plain_and_cut_with_an_ellipsis() -> None:
    """A label from a locale keeps no markup, and any label too long for VK ends with «…»."""
    bold = Button(Markup("<b>План</b> · ") + "&" + "д" * 60, "plan:1")
    assert "<b>" not in bold.label and bold.label.startswith("План · &д")
    assert len(bold.label) == MAX_LABEL_CHARS and bold.label.endswith("…")
    typed = Button("01.12 · " + "Собрать шасси и " * 5, "ms:done:1")
    assert len(typed.label) == MAX_LABEL_CHARS and typed.label.endswith("…")
