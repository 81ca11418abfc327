"""判断题 (``course.quiz.types.truefalse``): key and answer shapes (``true``/``false`` only),
checking both ways, words, report counts, and its widget (对/错 radio buttons, one try)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.base import QuestionWidget
from course.quiz.types import Count, Result
from tests.support.quiz import assert_right, assert_wrong, question

QS = {key: question(type="truefalse", prompt="“4”指4种精神。", answer=key) for key in (True, False)}


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


@pytest.mark.parametrize("key", [True, False])
def test_the_right_answer_is_accepted(key):
    assert QS[key].check(key) == Result(True, 1.0)


@pytest.mark.parametrize("key", [True, False])
def test_the_wrong_answer_is_rejected(key):
    assert QS[key].check(not key) == Result(False, 0.0)


@pytest.mark.parametrize("value", [1, 0, 1.0, "对", "错", "true", "True", [True], {"answer": True}])
def test_other_shapes_are_refused(value):
    q = QS[True]
    with pytest.raises(ValueError, match="true or false"):
        q.kind.parse_answer(q, value)
    with pytest.raises(ValueError):
        q.check(value)  # 1 == True in Python, but 1 is not an answer the widget writes


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"answer": 1}, "answer must be true or false"),
        ({"answer": "对"}, "answer must be true or false"),
        ({"options": ["对", "错"]}, "takes no options"),
    ],
)
def test_a_question_that_does_not_fit_is_refused(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        question(**{"type": "truefalse", "answer": True, **fields})


def test_words_and_text():
    q = QS[True]
    assert [q.kind.format_answer(q, v) for v in (True, False, None)] == ["对", "错", "—"]
    assert q.kind.as_text(q) == s.TEXT_QUESTION + "“4”指4种精神。"


def test_report_counts_true_and_false():
    q = QS[False]
    assert q.kind.frequencies(q, [True, False, False, None, 1]) == [
        Count("", s.TRUE, 1, False),
        Count("", s.FALSE, 2, True),
        Count("", "", 1, kind="blank"),
        Count("", "", 1, kind="unreadable"),
    ]


# -- the widget ---------------------------------------------------------------------------------
def test_true_false(store):
    w = QuestionWidget(QS[True], store=store)
    assert [label for label, _ in w.choices.options] == [s.TRUE, s.FALSE]
    w.choices.value = True
    w.submit_button.click()
    assert_right(w, store)
    w2 = QuestionWidget(question(id="t_q2", type="truefalse", answer=True), store=store)
    w2.choices.value = False
    w2.submit_button.click()
    assert_wrong(w2, store, tries_left=None)  # one try by default for 对/错


@pytest.mark.parametrize("record", [1, "对", None])
def test_a_record_that_is_not_a_boolean_is_not_shown(store, record):
    w = QuestionWidget(QS[True], store=store, record={"answer": record, "attempts": [{}]})
    assert w.value is None
