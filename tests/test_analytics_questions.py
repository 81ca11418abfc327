"""What the report reads about each graded question: the question as asked, rebuilt from the
literal ``graded.ask(...)`` call and the ``KEY`` of its grade cell, checked against its type."""

from __future__ import annotations

import pytest

from course.analytics.errors import BadQuestion
from course.analytics.questions import describe

ASK = (
    'graded.ask(id="order", type="{type}", section="tempering", prompt="排序", options=["b", "a"])'
)
TEST = (
    "graded.recorded('order')\n### BEGIN HIDDEN TESTS\n"
    'KEY = {{"question": "order", "points": 2, "answer": {answer}}}\n'
    "graded.grade(KEY)\n### END HIDDEN TESTS\n"
)


def sources(qtype: str = "ordering", answer: str = '["a", "b"]') -> dict[str, str]:
    return {
        "ask_order": ASK.format(type=qtype),
        "order": TEST.format(answer=answer),
        "reflection": "",
    }


def test_each_question_is_the_question_asked_with_its_key():
    infos = describe("quiz", "quiz", [("order", 2.0), ("reflection", 4.0)], sources())
    order, reflection = infos
    assert (order.type, order.section, order.number, order.points) == (
        "ordering",
        "tempering",
        1,
        2.0,
    )
    assert order.asked.options == ["b", "a"] and order.asked.answer == ["a", "b"]
    assert order.asked.kind.name == "ordering"
    assert (reflection.type, reflection.asked, reflection.section) == ("manual", None, None)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"qtype": "essay"}, "unknown question type 'essay'"),
        ({"answer": '{"a": 1, "b": 2}'}, "answer must list every option exactly once"),
        ({"answer": '["a"]'}, "answer must list every option exactly once"),
    ],
)
def test_a_question_that_does_not_fit_its_type_stops_the_report(changes, problem):
    with pytest.raises(BadQuestion, match=f"'quiz'.*'order'.*{problem}"):
        describe("quiz", "quiz", [("order", 2.0)], sources(**changes))


def test_a_key_without_its_question_stops_the_report():
    cells = {"order": TEST.format(answer='["a", "b"]')}
    with pytest.raises(BadQuestion, match="no graded.ask"):
        describe("quiz", "quiz", [("order", 2.0)], cells)
