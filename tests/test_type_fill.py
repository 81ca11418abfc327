"""填空题 (``course.quiz.types.fill``): key and answer shapes, normalising, checking both ways,
words, report counts, and its widget (a text box)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.base import QuestionWidget
from course.quiz.types import Count, Result
from course.quiz.types.fill import normalise
from tests.support.quiz import assert_right, assert_wrong, question

Q = question(type="fill", prompt="浙江援藏秉持“____”。", answer=["缺氧不缺纪律", "缺氧不缺斗志"])


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


@pytest.mark.parametrize(
    "typed",
    [
        "缺氧不缺纪律",
        "缺氧不缺斗志",
        "“缺氧不缺纪律”",
        " 缺氧 不缺纪律。",
        "「缺氧不缺纪律」",
        "缺氧不缺纪律！",
        "『缺氧不缺斗志』？",
    ],
)
def test_every_accepted_variant_is_accepted_after_normalising(typed):
    assert Q.check(typed) == Result(True, 1.0)


@pytest.mark.parametrize("typed", ["缺氧也缺纪律", "缺氧不缺", "纪律", "缺氧不缺纪律性", "不知道"])
def test_other_answers_are_rejected(typed):
    assert Q.check(typed) == Result(False, 0.0)


def test_normalise():
    assert normalise(" ＡＢ，c、d。 ") == "ab,c,d"
    assert normalise("“「『x』」”") == "x"


@pytest.mark.parametrize("value", [["缺氧不缺纪律"], 5, True, {"text": "缺氧不缺纪律"}, None])
def test_other_shapes_are_refused(value):
    with pytest.raises(ValueError, match="typed text"):
        Q.kind.parse_answer(Q, value)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"answer": []}, "answer must be a non-empty string or list of strings"),
        ({"answer": ["缺氧", ""]}, "answer must be a non-empty string or list of strings"),
        ({"answer": [1]}, "answer must be a non-empty string or list of strings"),
        ({"options": ["a", "b"]}, "takes no options"),
    ],
)
def test_a_question_that_does_not_fit_is_refused(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        question(**{"type": "fill", "answer": "缺氧不缺纪律", **fields})


def test_words():
    assert Q.kind.format_answer(Q, Q.answer) == "缺氧不缺纪律 / 缺氧不缺斗志"
    assert Q.kind.format_answer(Q, " 缺氧 ") == " 缺氧 "
    assert Q.kind.is_empty(Q, " “ ” ") and not Q.kind.is_empty(Q, "缺氧")


def test_report_counts_the_most_frequent_answers_as_first_typed():
    answers = [" 缺氧不缺纪律。", "缺氧不缺纪律", "缺氧也缺纪律", None, ["缺氧不缺纪律"]]
    assert Q.kind.frequencies(Q, answers) == [
        Count("", "缺氧不缺纪律。", 2, True),
        Count("", "缺氧也缺纪律", 1, False),
        Count("", "", 1, kind="blank"),
        Count("", "", 1, kind="unreadable"),
    ]


# -- the widget ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "typed", ["缺氧不缺纪律", "“缺氧不缺纪律”", " 缺氧 不缺纪律。", "「缺氧不缺纪律」"]
)
def test_fill_blank_normalises(store, typed):
    w = QuestionWidget(
        question(type="fill", prompt="浙江援藏秉持“____”。", answer=["缺氧不缺纪律"]), store=store
    )
    w.text.value = typed
    w.submit_button.click()
    assert_right(w, store)
    assert store.answer("t_q") == typed


def test_fill_blank_wrong(store):
    w = QuestionWidget(question(type="fill", answer="缺氧不缺纪律"), store=store)
    assert "quiz-fill" in w.text._dom_classes
    w.text.value = "缺氧也缺纪律"
    w.submit_button.click()
    assert_wrong(w, store, tries_left=1)


def test_blank_text_is_not_submitted(store):
    w = QuestionWidget(Q, store=store)
    w.text.value = " 。 "
    w.submit_button.click()
    assert s.EMPTY_ANSWER in w.feedback.value and w.tries == 0
