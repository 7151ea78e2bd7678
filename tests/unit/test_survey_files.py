"""Survey files: the shipped ones load in the stored shape; a malformed one is refused with the
file, the question and the reason; the digest changes with the questions and only with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core import survey_files
from bot.core.survey_files import SurveyFileError

SHIPPED = ("completion", "meeting-feedback", "mentor-self-assessment", "monitoring-mentee")
TITLE = "title: {ru: Опрос, en: Survey}\nquestions:\n"
SCALE = "  - {id: score, kind: scale, min: 1, max: 5, text: {ru: Оценка, en: Score}}\n"
CHOICE = (
    "  - id: pick\n    kind: single\n    text: {ru: Выбор, en: Pick}\n    options:\n"
    "      - {key: a, text: {ru: А, en: A}}\n      - {key: b, text: {ru: Б, en: B}}\n"
)


def parse(body: str, name: str = "pulse.yaml") -> dict[str, object]:
    return survey_files.parse(TITLE + body, Path("surveys") / name)


def test_the_shipped_surveys_load_in_the_stored_shape() -> None:
    surveys, errors = survey_files.load_all()
    assert errors == []
    assert set(SHIPPED) | {"monitoring-mentor"} == set(surveys)
    feedback = surveys["meeting-feedback"]
    assert feedback["key"] == "meeting-feedback"
    assert set(feedback["title"]) == {"ru", "en"}
    useful = feedback["questions"][0]
    assert useful == {
        "id": "useful",
        "kind": "scale",
        "required": True,
        "text": {"ru": "Насколько полезной была встреча?", "en": "How useful was the meeting?"},
        "min": 1,
        "max": 5,
        "labels": {
            "min": {"ru": "совсем нет", "en": "not at all"},
            "max": {"ru": "очень", "en": "very"},
        },
    }
    obstacle = next(q for q in feedback["questions"] if q["id"] == "obstacle")
    assert obstacle["show_if"] == {"question": "goal", "in": ["partly", "no"]}
    assert obstacle["roles"] == ["mentor"] and obstacle["required"] is False
    nps = next(q for q in surveys["monitoring-mentee"]["questions"] if q["id"] == "recommend")
    assert (nps["min"], nps["max"]) == (0, 10)


def test_the_digest_follows_the_questions() -> None:
    first = parse(SCALE)
    assert survey_files.digest(first) == survey_files.digest(parse("\n# a comment\n" + SCALE))
    assert survey_files.digest(first) != survey_files.digest(parse(SCALE.replace("5", "4")))


@pytest.mark.parametrize(
    ("body", "where", "reason"),
    [
        (SCALE.replace("scale", "stars"), "question 'score'", "kind must be one of"),
        (SCALE.replace(", en: Score", ""), "question 'score'", "needs a 'en' text"),
        (SCALE.replace("en: Score", "en: ''"), "question 'score'", "needs a 'en' text"),
        (SCALE.replace("en: Score", "de: Note"), "question 'score'", "unknown language 'de'"),
        (SCALE + SCALE, "question 'score'", "the id is used twice"),
        (SCALE.replace("min: 1", "min: 5"), "question 'score'", "min < max"),
        (SCALE.replace("max: 5", "max: 11"), "question 'score'", "min < max"),
        (SCALE.replace("min: 1", "min: one"), "question 'score'", "whole numbers"),
        (SCALE.replace("}}", "}, colour: red}"), "question 'score'", "unknown field 'colour'"),
        (SCALE.replace("score,", "Score!,"), "question #1", "id must be"),
        (
            "  - {id: why, kind: text, text: {ru: Почему, en: Why},"
            " show_if: {question: score, in: [1]}}\n" + SCALE,
            "question 'why'",
            "'score', not an earlier question",
        ),
        (
            SCALE + "  - {id: why, kind: text, text: {ru: Почему, en: Why},"
            " show_if: {question: ghost, in: [1]}}\n",
            "question 'why'",
            "'ghost', not an earlier question",
        ),
        (
            SCALE + "  - {id: why, kind: text, text: {ru: Почему, en: Why},"
            " show_if: {question: score, in: [9]}}\n",
            "question 'why'",
            "an answer 'score' cannot take",
        ),
        (
            CHOICE + "  - {id: why, kind: text, text: {ru: Почему, en: Why},"
            " show_if: {question: pick, in: [c]}}\n",
            "question 'why'",
            "an answer 'pick' cannot take",
        ),
        (
            "  - {id: pick, kind: multi, text: {ru: Выбор, en: Pick}}\n",
            "question 'pick'",
            "needs at least two options",
        ),
        (CHOICE.replace("key: b", "key: a"), "question 'pick'", "option 'a' is listed twice"),
        (
            CHOICE.replace("en: B}", "en: " + "B" * 39 + "}"),
            "question 'pick'",
            "option 'b' needs a 'en' text of 1 to 38",
        ),
        (
            CHOICE.replace(
                "options:\n", "options:\n" + "      - {key: x, text: {ru: Х, en: X}}\n" * 7
            ),
            "question 'pick'",
            "at most 8 options",
        ),
        (SCALE.replace("}}", "}, roles: [parent]}"), "question 'score'", "roles lists some of"),
        (SCALE.replace("}}", "}, required: maybe}"), "question 'score'", "true or false"),
        ("", "questions", "at least one question"),
        ("  - {id: score, kind: scale, min: 1, max: [\n", "YAML", ""),
    ],
)
def test_a_malformed_survey_is_refused_naming_the_question(
    body: str, where: str, reason: str
) -> None:
    with pytest.raises(SurveyFileError) as refused:
        parse(body)
    message = str(refused.value)
    assert message.startswith(f"{Path('surveys') / 'pulse.yaml'}: {where}: ")
    assert reason in message
    assert "\n" not in message  # one line each


def test_a_bad_file_name_or_missing_title_is_refused() -> None:
    with pytest.raises(SurveyFileError, match="file name"):
        parse(SCALE, "Pulse Survey.yaml")
    with pytest.raises(SurveyFileError, match="title: the title needs"):
        survey_files.parse("questions:\n" + SCALE, Path("pulse.yaml"))


def test_a_folder_adds_and_replaces_surveys(tmp_path: Path) -> None:
    (tmp_path / "pulse.yaml").write_text(TITLE + SCALE, encoding="utf-8")
    (tmp_path / "completion.yaml").write_text(TITLE + CHOICE, encoding="utf-8")
    surveys, errors = survey_files.load_all(tmp_path)
    assert errors == []
    assert [q["id"] for q in surveys["pulse"]["questions"]] == ["score"]
    assert [q["id"] for q in surveys["completion"]["questions"]] == ["pick"]
    assert "meeting-feedback" in surveys  # the shipped ones stay


def test_the_readme_example_is_a_valid_survey() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    survey = survey_files.parse(example, Path("example.yaml"))
    assert [q["id"] for q in survey["questions"]] == ["useful", "goal", "obstacle"]
