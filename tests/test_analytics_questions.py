"""What the report reads about each graded question: every question of every pool, rebuilt from
the generated set-up cell (the pools, without keys) and the keys in the hidden test of its slots'
grade cells, checked against its type; a grade cell that is not a slot is a manual question."""

from __future__ import annotations

import re

import pytest

from course.analytics.errors import BadQuestion
from course.analytics.questions import describe
from course.grading import code
from course.grading.papers import PaperSpec

PAPER = {
    "assignment": "quiz",
    "pools": {
        "order": {
            "section": "tempering",
            "points": 2,
            "questions": [
                {"id": "order_a", "type": "ordering", "prompt": "排序", "options": ["b", "a"]},
                {"id": "order_b", "type": "ordering", "prompt": "排序", "options": ["d", "c"]},
            ],
        },
        "judge": {
            "section": "integrity",
            "points": 1,
            "questions": [{"id": "judge_a", "type": "truefalse", "prompt": "判断"}],
        },
    },
    "slots": [{"id": "order_1", "pool": "order"}, {"id": "judge_1", "pool": "judge"}],
}
KEYS = {
    "order": {"order_a": {"answer": ["a", "b"]}, "order_b": {"answer": ["c", "d"]}},
    "judge": {"judge_a": {"answer": True}},
}
GRADED = [("order_1", 2.0), ("judge_1", 1.0), ("reflection", 4.0)]


def sources(paper: dict = PAPER, keys: dict = KEYS) -> dict[str, str]:
    """The cells of a generated notebook; the set-up cell holds ``paper`` as written, even when
    it would not validate (a damaged gradebook copy)."""
    return {
        "setup": f"{code.IMPORT}\n\ngraded.start({paper!r})",
        "ask_order_1": code.ask_source("order_1"),
        "order_1": code.test_source("order_1", keys["order"]),
        "judge_1": code.test_source("judge_1", keys["judge"]),
        "reflection": "",
    }


def test_each_pool_question_is_the_question_asked_with_its_key():
    infos, paper = describe("quiz", "quiz", GRADED, sources())
    assert paper == PaperSpec.model_validate(PAPER)
    by_id = {i.question: i for i in infos}
    assert list(by_id) == ["order_a", "order_b", "judge_a", "reflection"]
    a = by_id["order_a"]
    assert (a.type, a.section, a.number, a.points, a.pool) == (
        "ordering",
        "tempering",
        1,
        2,
        "order",
    )
    assert a.asked.options == ["b", "a"] and a.asked.answer == ["a", "b"]
    assert by_id["order_b"].number == 1 and by_id["judge_a"].number == 2
    manual = by_id["reflection"]
    assert (manual.type, manual.asked, manual.section, manual.pool) == ("manual", None, None, None)
    assert manual.number == 3


def test_a_notebook_that_is_not_a_generated_quiz_has_only_manual_questions():
    infos, paper = describe("quiz", "quiz", [("essay", 4.0)], {"essay": "写一段话"})
    assert paper is None and [i.type for i in infos] == ["manual"]


@pytest.mark.parametrize(
    ("paper", "keys", "question", "problem"),
    [
        (
            {**PAPER, "slots": [{"id": "order_1", "pool": "nope"}]},
            KEYS,
            "(set-up)",
            "unknown pool 'nope'",
        ),
        (PAPER, {**KEYS, "order": {"order_a": {"answer": ["a", "b"]}}}, "order_b", "no key"),
        (
            PAPER,
            {**KEYS, "order": {**KEYS["order"], "order_a": {"answer": ["a"]}}},
            "order_a",
            "answer must list every option exactly once",
        ),
    ],
)
def test_a_question_that_does_not_fit_stops_the_report(paper, keys, question, problem):
    with pytest.raises(BadQuestion, match=f"'quiz'.*'{re.escape(question)}'.*{problem}"):
        describe("quiz", "quiz", GRADED, sources(paper, keys))


def test_a_slot_worth_other_points_than_its_pool_stops_the_report():
    graded = [("order_1", 3.0), ("judge_1", 1.0)]
    with pytest.raises(BadQuestion, match="worth 3, its pool 'order' 2"):
        describe("quiz", "quiz", graded, sources())
