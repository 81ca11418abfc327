"""单选题 (``course.quiz.types.single``): key and answer shapes, checking both ways, words,
report counts, and its widget (radio buttons)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.base import QuestionWidget
from course.quiz.types import Count, Result
from tests.support.quiz import SPIRITS, assert_right, assert_wrong, question

KEY = "两路精神"
Q = question(type="single", options=SPIRITS, answer=KEY)


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


def test_the_right_answer_is_accepted():
    assert Q.check(KEY) == Result(True, 1.0)


@pytest.mark.parametrize("wrong", [o for o in SPIRITS if o != KEY])
def test_every_wrong_option_is_rejected(wrong):
    assert Q.check(wrong) == Result(False, 0.0)


@pytest.mark.parametrize("value", [*SPIRITS])
def test_every_option_is_an_answer(value):
    assert Q.kind.parse_answer(Q, value) == value


@pytest.mark.parametrize(
    "value", ["不在选项中", "", [KEY], {KEY: True}, 1, True, 0.5, SPIRITS.index(KEY)]
)
def test_other_shapes_are_refused(value):
    with pytest.raises(ValueError):
        Q.kind.parse_answer(Q, value)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"answer": "c"}, "answer 'c' is not one of the options"),
        ({"answer": [KEY]}, "answer must be one option text"),
        ({"options": [KEY]}, "needs at least 2 options"),
        ({"options": [KEY, KEY, "x"]}, "duplicate options"),
        ({"left": ["a", "b"]}, "takes no 'left' items"),
    ],
)
def test_a_question_that_does_not_fit_is_refused(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        question(**{"type": "single", "options": SPIRITS, "answer": KEY, **fields})


def test_words_and_text():
    assert Q.kind.format_answer(Q, KEY) == KEY
    assert Q.kind.format_answer(Q, None) == s.NOT_ANSWERED
    assert Q.kind.as_text(Q) == f"{s.TEXT_QUESTION}问题\n{s.TEXT_OPTIONS}{'；'.join(SPIRITS)}"


def test_report_counts_every_option():
    rows = Q.kind.frequencies(Q, [KEY, SPIRITS[0], KEY, None, "不在选项中"])
    assert rows == [
        *(Count("", o, {KEY: 2, SPIRITS[0]: 1}.get(o, 0), o == KEY) for o in SPIRITS),
        Count("", "", 1, kind="blank"),
        Count("", "", 1, kind="unreadable"),
    ]


# -- the widget ---------------------------------------------------------------------------------
def test_single_choice(store):
    w = QuestionWidget(Q, store=store)
    assert sorted(w.choices.options) == sorted(SPIRITS)
    assert w.choices.legend == s.CHOICE_LABEL and not w.choices.multiple
    assert w.choices.label == "单选题：问题"  # the group's accessible name
    assert {"quiz-question", "quiz-single", "quiz-q-t_q"} <= set(w._dom_classes)
    w.submit_button.click()
    assert s.EMPTY_ANSWER in w.feedback.value and store.get("t_q") is None and w.tries == 0
    w.choices.value = "红船精神"
    w.submit_button.click()
    assert_wrong(w, store, tries_left=1)
    w.choices.value = "两路精神"
    w.submit_button.click()
    assert_right(w, store)
    assert len(store.get("t_q")["attempts"]) == 2


def test_single_choice_out_of_tries_shows_the_answer(store):
    w = QuestionWidget(Q, store=store, attempts=1)
    w.value = "援藏精神"
    w.submit_button.click()
    assert_wrong(w, store, tries_left=None)
    assert "两路精神" in w.feedback.value
    w.value = "两路精神"
    w.submit_button.click()  # finished: nothing more is recorded
    assert len(store.get("t_q")["attempts"]) == 1


def test_options_shuffled_per_trainee_reproducibly():
    q = question(type="single", options=[f"选项{i}" for i in range(8)], answer="选项0")
    orders = {t: QuestionWidget(q, trainee=t).choices.options for t in ["甲", "乙", "丙"]}
    assert len(set(orders.values())) > 1
    assert QuestionWidget(q, trainee="甲").choices.options == orders["甲"]


@pytest.mark.parametrize("record", [["两路精神"], "不在选项中", 3])
def test_a_damaged_record_clears_the_choice(store, record):
    w = QuestionWidget(Q, store=store, record={"answer": record, "attempts": [{}]})
    assert w.value is None
