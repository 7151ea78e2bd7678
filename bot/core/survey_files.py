"""Survey files: `templates/surveys/<key>.yaml`, both languages in one file, read and checked.

`load(path)` gives a file's definition in the stored (normalised) shape and refuses a malformed
one with `SurveyFileError` naming the file, the question and the reason; `configure()` reads every
shipped file (and those of SURVEYS_DIR, which replace shipped ones of the same name) once at
start-up; `definition(key)` and `digest()` are what a run records.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from bot import resources
from bot.config import SUPPORTED_LOCALES

SHIPPED = resources.folder("templates") / "surveys"
KEY = re.compile(r"[a-z][a-z0-9_-]{0,23}")
KINDS = ("scale", "single", "multi", "text")
ROLES = ("mentee", "mentor")
MAX_LABEL = 38  # an option is a button (40 chars on VK), with room for the «✓ » of a ticked one
MAX_TEXT = 500
MAX_OPTIONS = {"single": 8, "multi": 7}  # with Back, Skip (and Done) within VK's 10 buttons
SCALE_RANGE = (0, 10)
QUESTION_FIELDS = {"id", "kind", "text", "required", "roles", "show_if", "min", "max", "labels"}
QUESTION_FIELDS |= {"options"}


class SurveyFileError(ValueError):
    """A survey file that cannot be used: one line naming the file, the question and why."""


def _fail(path: Path, where: str, reason: str) -> SurveyFileError:
    return SurveyFileError(f"{path}: {where}: {reason}")


def _texts(
    value: Any, path: Path, where: str, what: str, longest: int = MAX_TEXT
) -> dict[str, str]:
    """A text in every language, each non-empty and at most `longest` characters."""
    if not isinstance(value, dict):
        raise _fail(path, where, f"{what} needs {' and '.join(SUPPORTED_LOCALES)} texts")
    extra = sorted(set(value) - set(SUPPORTED_LOCALES))
    if extra:
        raise _fail(path, where, f"{what} has text in an unknown language {extra[0]!r}")
    found: dict[str, str] = {}
    for locale in SUPPORTED_LOCALES:
        text = value.get(locale)
        if not isinstance(text, str) or not 0 < len(text.strip()) <= longest:
            raise _fail(path, where, f"{what} needs a {locale!r} text of 1 to {longest} chars")
        found[locale] = text.strip()
    return found


def _options(raw: dict[str, Any], path: Path, where: str) -> list[dict[str, Any]]:
    options = raw.get("options")
    kind = raw["kind"]
    if not isinstance(options, list) or len(options) < 2:
        raise _fail(path, where, f"a {kind} question needs at least two options")
    if len(options) > MAX_OPTIONS[kind]:
        raise _fail(path, where, f"a {kind} question takes at most {MAX_OPTIONS[kind]} options")
    found: list[dict[str, Any]] = []
    for option in options:
        key = option.get("key") if isinstance(option, dict) else None
        if isinstance(option, dict) and set(option) - {"key", "text"}:
            raise _fail(path, where, f"option {key!r} has fields other than key and text")
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise _fail(path, where, "an option's key must be a-z, 0-9, _ or - (up to 24)")
        if any(o["key"] == key for o in found):
            raise _fail(path, where, f"option {key!r} is listed twice")
        text = _texts(option.get("text"), path, where, f"option {key!r}", MAX_LABEL)
        found.append({"key": key, "text": text})
    return found


def _scale(raw: dict[str, Any], path: Path, where: str) -> dict[str, Any]:
    low, high = raw.get("min"), raw.get("max")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
        raise _fail(path, where, "a scale needs whole numbers min and max")
    assert isinstance(low, int) and isinstance(high, int)
    if not SCALE_RANGE[0] <= low < high <= SCALE_RANGE[1]:
        raise _fail(path, where, f"a scale needs {SCALE_RANGE[0]} <= min < max <= 10")
    found: dict[str, Any] = {"min": low, "max": high}
    labels = raw.get("labels")
    if labels is not None:
        if not isinstance(labels, dict) or set(labels) - {"min", "max"}:
            raise _fail(path, where, "labels are given for min and max only")
        found["labels"] = {
            end: _texts(text, path, where, f"label {end}") for end, text in labels.items()
        }
    return found


def _values(question: dict[str, Any]) -> list[Any]:
    """Every answer a question can take (a text question: none to compare with)."""
    if question["kind"] == "scale":
        return list(range(question["min"], question["max"] + 1))
    if question["kind"] in MAX_OPTIONS:
        return [o["key"] for o in question["options"]]
    return []


def _show_if(raw: Any, earlier: list[dict[str, Any]], path: Path, where: str) -> dict[str, Any]:
    if (
        not isinstance(raw, dict)
        or set(raw) != {"question", "in"}
        or not isinstance(raw["in"], list)
    ):
        raise _fail(path, where, "show_if needs question and in (a list of answers)")
    target = next((q for q in earlier if q["id"] == raw["question"]), None)
    if target is None:
        raise _fail(path, where, f"show_if names {raw['question']!r}, not an earlier question")
    possible = _values(target)
    if not raw["in"] or any(v not in possible or isinstance(v, bool) for v in raw["in"]):
        raise _fail(path, where, f"show_if expects an answer {raw['question']!r} cannot take")
    return {"question": target["id"], "in": list(raw["in"])}


def _question(raw: Any, earlier: list[dict[str, Any]], path: Path, n: int) -> dict[str, Any]:
    where = f"question #{n}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "not a mapping")
    qid = raw.get("id")
    if not isinstance(qid, str) or not KEY.fullmatch(qid):
        raise _fail(path, where, "id must be a-z, 0-9, _ or - (up to 24)")
    where = f"question {qid!r}"
    if any(q["id"] == qid for q in earlier):
        raise _fail(path, where, "the id is used twice")
    unknown = sorted(set(raw) - QUESTION_FIELDS)
    if unknown:
        raise _fail(path, where, f"unknown field {unknown[0]!r}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(path, where, f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    required = raw.get("required", True)
    if not isinstance(required, bool):
        raise _fail(path, where, "required is true or false")
    question: dict[str, Any] = {"id": qid, "kind": kind, "required": required}
    question["text"] = _texts(raw.get("text"), path, where, "the question")
    if kind == "scale":
        question.update(_scale(raw, path, where))
    elif kind in MAX_OPTIONS:
        question["options"] = _options(raw, path, where)
    roles = raw.get("roles")
    if roles is not None:
        if not isinstance(roles, list) or not roles or any(r not in ROLES for r in roles):
            raise _fail(path, where, f"roles lists some of {', '.join(ROLES)}")
        question["roles"] = sorted(set(roles))
    if "show_if" in raw:
        question["show_if"] = _show_if(raw["show_if"], earlier, path, where)
    return question


def parse(text: str, path: Path) -> dict[str, Any]:
    """The definition of a survey file's text (its key is the file's name), checked."""
    key = path.stem
    if not KEY.fullmatch(key):
        raise _fail(path, "file name", "must be a-z, 0-9, _ or - (up to 24), then .yaml")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        reason = str(exc).replace("\n", " ")
        raise _fail(path, "YAML", reason) from None
    if not isinstance(raw, dict):
        raise _fail(path, "survey", "expected title and questions")
    title = _texts(raw.get("title"), path, "title", "the title")
    questions = raw.get("questions")
    if not isinstance(questions, list) or not questions:
        raise _fail(path, "questions", "a survey needs at least one question")
    found: list[dict[str, Any]] = []
    for n, item in enumerate(questions, start=1):
        found.append(_question(item, found, path, n))
    return {"key": key, "title": title, "questions": found}


def load(path: Path) -> dict[str, Any]:
    """The checked definition of one survey file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, "file", str(exc)) from None
    return parse(text, path)


def digest(definition: dict[str, Any]) -> str:
    """The sha256 of a definition: a changed file is a new version, an unchanged one is not."""
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def load_all(folder: Path | None = None) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Every survey: the shipped ones, replaced or joined by those in `folder`; and the one-line
    reason for each file refused."""
    surveys: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    folders = [SHIPPED] + ([folder] if folder is not None else [])
    for where in folders:
        for path in sorted(where.glob("*.yaml")):
            try:
                surveys[path.stem] = load(path)
            except SurveyFileError as exc:
                errors.append(str(exc))
    return surveys, errors


_current: dict[str, dict[str, Any]] = {}


def configure(folder: Path | None = None) -> None:
    """Read the surveys once (at start-up); `SurveyFileError` lists every file refused."""
    surveys, errors = load_all(folder)
    if errors:
        raise SurveyFileError("\n".join(errors))
    _current.clear()
    _current.update(surveys)


def definition(key: str) -> dict[str, Any]:
    """The current definition of a survey (KeyError for an unknown one)."""
    if not _current:
        configure()
    return _current[key]


def names() -> list[str]:
    """The names of every survey there is now, in order."""
    if not _current:
        configure()
    return sorted(_current)


def asks(definition: dict[str, Any], role: str | None) -> bool:
    """Whether the survey has a question for one in `role` (a question without `roles` is for
    everyone)."""
    return any(role in q.get("roles", [role]) for q in definition["questions"])
