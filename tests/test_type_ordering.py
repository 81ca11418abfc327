"""排序题 (``course.quiz.types.ordering``): key and answer shapes (a list of every item, never a
mapping), checking both ways, words, report counts, and its widget (list box, 上移/下移)."""

from __future__ import annotations

import itertools

import pytest
from pydantic import ValidationError

from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.base import QuestionWidget
from course.quiz.types import Count, Result
from tests.support.quiz import SPIRITS, assert_right, assert_wrong, question

Q = question(type="ordering", options=SPIRITS[::-1], answer=SPIRITS)


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


def test_the_right_order_is_accepted():
    assert Q.check(list(SPIRITS)) == Result(True, 1.0)


@pytest.mark.parametrize(
    "order", [list(p) for p in itertools.permutations(SPIRITS) if list(p) != SPIRITS]
)
def test_every_other_order_is_rejected(order):
    assert Q.check(order) == Result(False, 0.0)


@pytest.mark.parametrize(
    "value",
    [
        {item: n for n, item in enumerate(SPIRITS)},  # a mapping whose keys are in order
        dict.fromkeys(SPIRITS),
        SPIRITS[:3],
        [*SPIRITS, SPIRITS[0]],
        [*SPIRITS[:3], "不在选项中"],
        [*SPIRITS[:3], 1],
        " → ".join(SPIRITS),
        None,
    ],
)
def test_other_shapes_are_refused(value):
    with pytest.raises(ValueError, match="every option exactly once"):
        Q.kind.parse_answer(Q, value)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"answer": SPIRITS[:3]}, "answer must list every option exactly once"),
        ({"answer": dict.fromkeys(SPIRITS)}, "answer must list every option exactly once"),
        ({"options": SPIRITS[:1], "answer": SPIRITS[:1]}, "needs at least 2 options"),
    ],
)
def test_a_question_that_does_not_fit_is_refused(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        question(**{"type": "ordering", "options": SPIRITS, "answer": SPIRITS, **fields})


def test_words():
    assert Q.kind.format_answer(Q, SPIRITS) == " → ".join(SPIRITS)


def test_report_counts_the_most_frequent_orders():
    answers = [SPIRITS, SPIRITS, SPIRITS[::-1], None, {"x": 1}]
    assert Q.kind.frequencies(Q, answers, top=1) == [
        Count("", " → ".join(SPIRITS), 2, True),
        Count("", "", 1, kind="blank"),
        Count("", "", 1, kind="unreadable"),
    ]


# -- the widget ---------------------------------------------------------------------------------
def test_ordering_never_starts_solved_and_moves_with_buttons(store):
    q = question(type="ordering", options=SPIRITS, answer=SPIRITS)
    for trainee in [f"t{i}" for i in range(40)]:
        w = QuestionWidget(q, trainee=trainee)
        assert w.value != SPIRITS and sorted(w.value) == sorted(SPIRITS)
    w = QuestionWidget(q, store=store, trainee="t1")
    assert {"quiz-order"} <= set(w.listbox._dom_classes)
    assert "quiz-move-up" in w.up._dom_classes and "quiz-move-down" in w.down._dom_classes
    w.submit_button.click()  # the shuffled order, as is
    assert_wrong(w, store, tries_left=1)
    # Bubble each item into place with the buttons, as a learner would.
    for target, item in enumerate(SPIRITS):
        w.listbox.value = item
        for _ in range(w.value.index(item) - target):
            w.up.click()
        assert w.listbox.value == item
    w.listbox.value = SPIRITS[0]
    w.down.click()
    w.up.click()
    assert w.value == SPIRITS
    w.submit_button.click()
    assert_right(w, store)


@pytest.mark.parametrize("record", [dict.fromkeys(SPIRITS), SPIRITS[:2], [1, 2, 3, 4]])
def test_a_damaged_record_shows_the_starting_order(store, record):
    w = QuestionWidget(Q, store=store, record={"answer": record, "attempts": [{}]})
    assert w.value == list(w.start)
    assert s.RESTORED in w.feedback.value
