"""Locale strings and templates: complete, consistent, and valid Telegram HTML in both languages."""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

import pytest
from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast
from fluent.syntax.visitor import Visitor
from markupsafe import Markup

from bot.config import SUPPORTED_LOCALES
from bot.core import texts
from bot.core.conversation import MAX_LABEL_CHARS, Button
from bot.core.models import AgeGroup, PersonStatus, Role
from bot.core.services.people import PLATFORM_ALIASES
from handlers import build_router, common, notifications
from handlers.common import MENU, PUBLIC_COMMANDS
from handlers.preferences import ZONE_SHORTCUTS
from tests.unit.html_check import escaped_twice, html_problems, leftover_entities

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = (ROOT / "bot", ROOT / "handlers", ROOT / "scheduler")

# `ctx.t("key"`, `ctx.reply("key"`, `ctx.button("key"`, `texts.t("key"` (also f-strings).
CALL = re.compile(r'(?:\b(?:ctx|self)\.(?:t|reply|button)|\btexts\.t)\(\s*(f?)"([^"]*)"')
# Outbox rows name the locale key they are rendered with: `template="notify-…"` (unless the
# template has a renderer in handlers.notifications.RENDERERS).
TEMPLATE_ARG = re.compile(r'\btemplate="([^"]+)"')
# In Jinja templates: `t("key"` and `t("prefix-" ~ value)`.
JINJA_T = re.compile(r'\bt\(\s*"([^"]+)"\s*(~)?')

# Every f-string key in the code, and the values its placeholder takes.
FSTRING_KEYS: dict[str, list[str]] = {
    "btn-{name}": [name for name, _ in MENU] + list(getattr(common, "SETTINGS", ())),
    "btn-language-{code}": list(SUPPORTED_LOCALES),
    "btn-language-{other}": list(SUPPORTED_LOCALES),
    "btn-tz-{i}": [str(i) for i in range(len(ZONE_SHORTCUTS))],
    "cmd-{name}": list(PUBLIC_COMMANDS),
}
# Every `"prefix-" ~ value` in the templates, and the values it takes.
JINJA_PREFIXES: dict[str, list[str]] = {
    "platform-": sorted(set(PLATFORM_ALIASES.values())),
    "age-": [g.value for g in AgeGroup],
    "role-": [r.value for r in Role],
    "status-": [s.value for s in PersonStatus],
}


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: fluent_ast.VariableReference) -> None:
        self.names.add(node.id.name)


def parsed_resource(locale: str) -> list[fluent_ast.Resource]:
    return [
        FluentParser().parse(path.read_text(encoding="utf-8"))
        for path in sorted((texts.LOCALES_DIR / locale).glob("*.ftl"))
    ]


def variables(locale: str) -> dict[str, set[str]]:
    """Each message key with the `$variables` its text uses."""
    found: dict[str, set[str]] = {}
    for resource in parsed_resource(locale):
        for entry in resource.body:
            if isinstance(entry, fluent_ast.Message):
                visitor = _Variables()
                visitor.visit(entry)
                found[entry.id.name] = visitor.names
    return found


def rendered_messages(locale: str, value: str) -> dict[str, str]:
    """Every message of the locale, with each parameter set to `value`."""
    return {
        key: texts.t(key, locale, **dict.fromkeys(names, value))
        for key, names in variables(locale).items()
    }


def code_files() -> list[Path]:
    return [path for folder in CODE_DIRS for path in sorted(folder.rglob("*.py"))]


def _static_parts(pattern: str) -> tuple[str, str]:
    """The literal text before the first and after the last placeholder of an f-string key."""
    return pattern[: pattern.index("{")], pattern[pattern.rindex("}") + 1 :]


def keys_used_in_code() -> tuple[set[str], set[tuple[str, str]]]:
    """Every locale key the Python code can ask for, with known f-string keys expanded.

    F-string keys not listed in FSTRING_KEYS come back as (prefix, suffix) pairs: those are only
    checked for having at least one matching key; list them above for the full check.
    """
    used: set[str] = set()
    partial: set[tuple[str, str]] = set()
    for path in code_files():
        source = path.read_text(encoding="utf-8")
        for is_f, key in CALL.findall(source):
            if not is_f:
                used.add(key)
            elif key in FSTRING_KEYS:
                used.update(
                    key.replace(key[key.index("{") : key.index("}") + 1], value)
                    for value in FSTRING_KEYS[key]
                )
            else:
                partial.add(_static_parts(key))
        # Outbox templates with a renderer of their own are not locale keys.
        used.update(k for k in TEMPLATE_ARG.findall(source) if k not in notifications.RENDERERS)
    return used, partial


def keys_used_in_templates(locale: str) -> tuple[set[str], set[str]]:
    """Keys the templates ask for, and prefixes of `"prefix-" ~ value` keys not listed above."""
    used: set[str] = set()
    partial: set[str] = set()
    for path in sorted((texts.TEMPLATES_DIR / locale).glob("*.j2")):
        for key, concatenated in JINJA_T.findall(path.read_text(encoding="utf-8")):
            if not concatenated:
                used.add(key)
            elif key in JINJA_PREFIXES:
                used.update(key + value for value in JINJA_PREFIXES[key])
            else:
                partial.add(key)
    return used, partial


# ---------------------------------------------------------------------------------------------
# Completeness


def test_locale_files_parse_without_errors() -> None:
    """A syntax error in a .ftl file silently drops messages; there must be none."""
    for locale in SUPPORTED_LOCALES:
        for resource in parsed_resource(locale):
            junk = [entry.content for entry in resource.body if isinstance(entry, fluent_ast.Junk)]
            assert not junk, f"{locale}: unparsable text {junk}"


def test_no_key_is_defined_twice_in_a_locale() -> None:
    for locale in SUPPORTED_LOCALES:
        ids = [
            entry.id.name
            for resource in parsed_resource(locale)
            for entry in resource.body
            if isinstance(entry, fluent_ast.Message)
        ]
        duplicates = sorted({key for key in ids if ids.count(key) > 1})
        assert not duplicates, f"{locale}: defined twice: {duplicates}"


def test_ru_and_en_define_exactly_the_same_keys() -> None:
    ru, en = texts.keys("ru"), texts.keys("en")
    assert sorted(ru - en) == [], "only in ru"
    assert sorted(en - ru) == [], "only in en"


def test_ru_and_en_messages_take_the_same_parameters() -> None:
    ru, en = variables("ru"), variables("en")
    differing = {key: (ru[key], en[key]) for key in ru if key in en and ru[key] != en[key]}
    assert differing == {}


def test_every_key_used_in_code_exists_in_every_locale() -> None:
    used, partial = keys_used_in_code()
    # The scan must actually find the keys (a broken regex would make this test pass vacuously).
    assert {"start-welcome-back", "btn-help", "btn-tz-3", "btn-stats", "stats"} <= used
    assert len(used) > 60
    for locale in SUPPORTED_LOCALES:
        missing = sorted(key for key in used if not texts.has(key, locale))
        assert missing == [], f"{locale}: used in code but not defined"
        defined = texts.keys(locale)
        orphans = sorted(
            f"{prefix}{{…}}{suffix}"
            for prefix, suffix in partial
            if not any(k.startswith(prefix) and k.endswith(suffix) for k in defined)
        )
        assert orphans == [], f"{locale}: no key at all matches these f-string keys"


def test_every_key_used_in_templates_exists() -> None:
    for locale in SUPPORTED_LOCALES:
        used, partial = keys_used_in_templates(locale)
        assert {"mydata-title", "status-awaiting_parent", "platform-vk"} <= used
        missing = sorted(key for key in used if not texts.has(key, locale))
        assert missing == [], f"{locale}: used in templates but not defined"
        defined = texts.keys(locale)
        orphans = sorted(p for p in partial if not any(k.startswith(p) for k in defined))
        assert orphans == [], f"{locale}: no key at all starts with these template prefixes"


def test_unknown_key_is_an_error_not_a_blank_message() -> None:
    with pytest.raises(texts.MissingText):
        texts.t("no-such-key", "ru")
    with pytest.raises(texts.MissingText):
        texts.t("start-welcome-back", "ru")  # its $name is missing


# ---------------------------------------------------------------------------------------------
# HTML that Telegram accepts


def test_html_checker_catches_what_telegram_rejects() -> None:
    """The checker used below really fails on bad markup."""
    assert html_problems("<b>ok</b> &lt;x&gt; &amp; <code>/link A</code> <i>y</i>") == []
    assert html_problems("a & b")
    assert html_problems("1 < 2")
    assert html_problems("<b>open")
    assert html_problems("<b><i>x</b></i>")
    assert html_problems('<a href="x">x</a>')
    assert html_problems("<u>x</u>")
    assert html_problems("&nbsp;")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("value", ["Анна", "<b>x</b> & y", "7"])
def test_every_message_is_valid_limited_html(locale: str, value: str) -> None:
    bad = {
        key: problems
        for key, text in rendered_messages(locale, value).items()
        if (problems := html_problems(text))
    }
    assert bad == {}


def test_parameters_are_html_escaped() -> None:
    text = texts.t("start-welcome-back", "ru", name="<b>x</b>&")
    assert "&lt;b&gt;x&lt;/b&gt;&amp;" in text
    assert "<b>x" not in text
    assert html_problems(text) == []


def test_template_values_are_html_escaped() -> None:
    text = texts.render("consent_parent", "en", child="<i>Tom</i> & Co")
    assert "&lt;i&gt;Tom&lt;/i&gt; &amp; Co" in text
    assert "<i>Tom" not in text


def test_escaping_checkers_catch_text_escaped_twice() -> None:
    """The checkers the e2e harness runs on every message really fail on double escaping."""
    assert escaped_twice("R&amp;D &lt;b&gt; D&#39;Artagnan") == []
    assert escaped_twice("R&amp;amp;D") == ["&amp;amp;"]
    assert escaped_twice("&amp;lt;b&amp;gt; D&amp;#39;Artagnan") == [
        "&amp;lt;",
        "&amp;gt;",
        "&amp;#39;",
    ]
    assert leftover_entities("R&D <b> D'Artagnan") == []
    assert leftover_entities("R&amp;D D&#39;Artagnan") == ["&amp;", "&#39;"]
    assert leftover_entities("I typed &lt; myself", typed=["I typed &lt; myself"]) == []


def test_rendered_text_passed_back_is_escaped_only_once() -> None:
    """A rendered piece given to another text goes in as it is; what a person typed is escaped."""
    topics = texts.t("pf-reason-topics", "en", count=1, topics="R&D <b>")
    line = texts.t("pf-reason", "en", index=1, name="D'Artagnan", reasons=topics)
    assert isinstance(line, Markup)
    assert line == "1. D&#39;Artagnan: shared topics: 1 (R&amp;D &lt;b&gt;)"
    assert texts.plain(line) == "1. D'Artagnan: shared topics: 1 (R&D <b>)"
    summary = texts.render(
        "pair_summary",
        "en",
        mentor="D'Artagnan",
        mentees="Ann & Bob",
        mentee_count=2,
        form=line,
        pair_type=texts.t("form-virtual", "en"),
        term=6,
        term_unit="months",
        goals="<robot>",
        replaces=None,
    )
    assert isinstance(summary, Markup)
    assert escaped_twice(summary) == [] and html_problems(summary) == []
    assert "(R&amp;D &lt;b&gt;)" in summary and "Ann &amp; Bob" in summary
    assert "&lt;robot&gt;" in summary and "D&#39;Artagnan" in summary


def test_button_labels_are_plain_text() -> None:
    """Platforms show labels as they are: a rendered label becomes the text a person reads."""
    label = texts.t("btn-bank-mentor", "en", name="D'Art & <Co>", free=1, capacity=2)
    assert Button(label, "bk:p:1").label == "D'Art & <Co> — 1 of 2 free"
    assert Button("R&amp;D as typed", "bk:p:1").label == "R&amp;D as typed"


def all_template_renderings(locale: str) -> dict[str, str]:
    """The static templates in every variant the handlers use (mydata: see test_flows)."""
    rendered = {
        "consent": texts.render("consent", locale),
        "consent_parent": texts.render("consent_parent", locale, child="Петя & <Вася>"),
    }
    for registered, awaiting, curator, in_flow in product((False, True), repeat=4):
        rendered[f"help-{registered}-{awaiting}-{curator}-{in_flow}"] = texts.render(
            "help",
            locale,
            registered=registered,
            awaiting_parent=awaiting,
            is_curator=curator,
            is_mentee=True,
            in_flow=in_flow,
        )
    return rendered


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_templates_render_as_valid_html(locale: str) -> None:
    rendered = all_template_renderings(locale)
    for name, text in rendered.items():
        assert text.strip(), name
        assert html_problems(text) == [], name
    assert "/forget" in rendered["consent"] and "/mydata" in rendered["consent"]
    assert "Петя &amp; &lt;Вася&gt;" in rendered["consent_parent"]
    assert "/stats" in rendered["help-True-False-True-False"]
    assert "/stats" not in rendered["help-True-False-False-False"]
    assert "/cancel" in rendered["help-False-False-False-True"]


def test_templates_differ_by_locale() -> None:
    ru, en = all_template_renderings("ru"), all_template_renderings("en")
    for name in ru:
        assert ru[name] != en[name], name
    assert "Согласие на обработку персональных данных" in ru["consent"]
    assert "Consent to personal data processing" in en["consent"]


# ---------------------------------------------------------------------------------------------
# Language purity and button limits

# Latin words that belong in Russian texts: product names, examples of what to type, commands.
LATIN_IN_RUSSIAN = {
    "Telegram",
    "JSON",
    "PDF",
    "UTC",
    "ABCD",
    "EFGH",
    "Nastavnik",
    "English",
    "console",
    "Python",
    "http",
    "https",
}
COMMANDS = re.compile(r"/[a-z]+|:[a-z]+\b|<[^>]*>|&[a-z]+;")
LATIN_WORD = re.compile(r"(?<![\w-])[A-Za-z]+(?![\w-])")


def test_russian_texts_have_no_untranslated_english() -> None:
    pieces = dict(rendered_messages("ru", "Пётр"))
    pieces.update({f"template:{k}": v for k, v in all_template_renderings("ru").items()})
    leftovers = {
        key: found
        for key, text in pieces.items()
        if (found := set(LATIN_WORD.findall(COMMANDS.sub(" ", text))) - LATIN_IN_RUSSIAN)
    }
    assert leftovers == {}


def test_english_texts_have_no_russian() -> None:
    pieces = dict(rendered_messages("en", "Peter"))
    pieces.update({f"template:{k}": v for k, v in all_template_renderings("en").items()})
    pieces.pop("btn-language-ru")  # the name of the Russian language is written in Russian
    pieces.pop("template:consent_parent")  # the sample child's name is Russian on purpose
    cyrillic = {key: text for key, text in pieces.items() if re.search("[а-яА-ЯёЁ]", text)}
    assert cyrillic == {}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_button_labels_fit_vk_limit(locale: str) -> None:
    labels = {
        key: text for key, text in rendered_messages(locale, "x").items() if key.startswith("btn-")
    }
    assert len(labels) >= 20
    too_long = {key: text for key, text in labels.items() if len(text) > MAX_LABEL_CHARS}
    assert too_long == {}
    assert all(text.strip() and "<" not in text for text in labels.values())


def test_telegram_command_menu_is_complete_and_plain() -> None:
    """Telegram shows command descriptions as typed (no markup), 3 to 256 characters each."""
    from bot.app import command_menu

    menu = command_menu()
    commands = build_router().commands
    assert set(menu) == set(SUPPORTED_LOCALES)
    for locale, items in menu.items():
        assert [name for name, _ in items] == list(PUBLIC_COMMANDS)
        for name, description in items:
            assert name in commands, f"/{name} is in the menu but is not a command"
            assert re.fullmatch(r"[a-z0-9_]{1,32}", name)
            assert 3 <= len(description) <= 256, (locale, name)
            assert not re.search(r"[<>&]", description), (locale, name)
    assert menu["ru"] != menu["en"]


@pytest.mark.parametrize(
    ("unit", "count", "ru", "en"),
    [
        ("months", 1, "1 месяц", "1 month"),
        ("months", 2, "2 месяца", "2 months"),
        ("months", 5, "5 месяцев", "5 months"),
        ("days", 21, "21 день", "21 days"),
        ("days", 22, "22 дня", "22 days"),
        ("days", 11, "11 дней", "11 days"),
        ("weeks", 1, "1 неделя", "1 week"),
        ("weeks", 3, "3 недели", "3 weeks"),
        ("weeks", 5, "5 недель", "5 weeks"),
    ],
)
def test_a_term_is_a_proper_plural(unit: str, count: int, ru: str, en: str) -> None:
    for locale, expected in (("ru", ru), ("en", en)):
        assert texts.t(f"term-{unit}", locale, count=count) == expected


@pytest.mark.parametrize(
    ("key", "ru", "en"),
    [
        ("form-reverse", "Реверсивная", "Reverse"),
        ("person-erased", "данные удалены", "data deleted"),
    ],
)
def test_terms_the_centre_uses(key: str, ru: str, en: str) -> None:
    assert texts.t(key, "ru") == ru
    assert texts.t(key, "en") == en


def test_not_understood_and_free_places_read_naturally() -> None:
    assert texts.t("refusal-unknown", "ru").startswith("Не понял вас.")
    assert texts.t("pf-reason-free", "ru", free=2, capacity=3) == "свободных мест: 2 из 3"
