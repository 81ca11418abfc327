"""多选题 (``course.quiz.types.multiple``): key and answer shapes, checking both ways with its
partial credit, words, report counts, and its widget (one checkbox per option)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.base import QuestionWidget
from course.quiz.types import Count, Result
from tests.support.quiz import SPIRITS, assert_right, question

WRONG = ["政治能力", "学习能力"]
Q = question(type="multiple", options=[*SPIRITS, *WRONG], answer=SPIRITS)


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


@pytest.mark.parametrize("right", [SPIRITS, SPIRITS[::-1], [SPIRITS[2], *SPIRITS[:2], SPIRITS[3]]])
def test_the_key_in_any_order_is_accepted(right):
    assert Q.check(right) == Result(True, 1.0)


# (right chosen - wrong chosen) / 4 right options, floor 0
@pytest.mark.parametrize(
    ("given", "score"),
    [
        (SPIRITS[:3], 0.75),
        (SPIRITS[:1], 0.25),
        ([*SPIRITS, WRONG[0]], 0.75),
        ([*SPIRITS, *WRONG], 0.5),
        ([*SPIRITS[:2], WRONG[0]], 0.25),
        ([SPIRITS[0], *WRONG], 0.0),
        (WRONG, 0.0),
        ([], 0.0),
    ],
)
def test_every_other_choice_is_rejected_with_its_partial_credit(given, score):
    assert Q.check(given) == Result(False, score)


def test_ticking_everything_gains_nothing():
    q = question(
        type="multiple", options=[*SPIRITS, *WRONG, "创新能力", "团结能力"], answer=SPIRITS
    )
    assert q.check(q.options) == Result(False, 0.0)


@pytest.mark.parametrize(
    "value",
    [
        SPIRITS[0],  # a string, not a list
        {SPIRITS[0]: True},
        [SPIRITS[0], SPIRITS[0]],
        [SPIRITS[0], "不在选项中"],
        [SPIRITS[0], 1],
        [[SPIRITS[0]]],
        None,
        True,
    ],
)
def test_other_shapes_are_refused(value):
    with pytest.raises(ValueError):
        Q.kind.parse_answer(Q, value)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"answer": ["a", "z"]}, r"answers \['a', 'z'\] are not options"),
        ({"answer": []}, "answer must be a non-empty list of distinct options"),
        ({"answer": SPIRITS[0]}, "answer must be a list of distinct options"),
        ({"answer": [SPIRITS[0], SPIRITS[0]]}, "answer must be a list of distinct options"),
        ({"options": [SPIRITS[0]], "answer": [SPIRITS[0]]}, "needs at least 2 options"),
    ],
)
def test_a_question_that_does_not_fit_is_refused(fields, problem):
    with pytest.raises(ValidationError, match=problem):
        question(**{"type": "multiple", "options": [*SPIRITS, *WRONG], "answer": SPIRITS, **fields})


def test_words_are_in_the_options_order():
    assert Q.kind.format_answer(Q, [WRONG[0], SPIRITS[1]]) == f"{SPIRITS[1]}、{WRONG[0]}"
    assert Q.kind.format_answer(Q, []) == s.NOT_ANSWERED
    assert Q.kind.is_empty(Q, []) and not Q.kind.is_empty(Q, SPIRITS[:1])


def test_report_counts_every_option():
    rows = Q.kind.frequencies(Q, [SPIRITS[:2], [SPIRITS[0], WRONG[0]], [], None, SPIRITS[0]])
    counts = {SPIRITS[0]: 2, SPIRITS[1]: 1, WRONG[0]: 1}
    assert rows == [
        *(Count("", o, counts.get(o, 0), o in SPIRITS) for o in Q.options),
        Count("", "", 1, kind="blank"),
        Count("", "", 1, kind="unreadable"),
    ]


# -- the widget ---------------------------------------------------------------------------------
def tick(w, *texts: str) -> None:
    """Tick exactly the boxes of ``texts``, as the page does: it sends the ticked positions."""
    w.choices.selected = [w.choices.labels.index(text) for text in texts]


def test_the_boxes_are_one_named_group(store):
    w = QuestionWidget(Q, store=store, number=3)
    assert w.choices.multiple and sorted(w.choices.labels) == sorted(Q.options)
    assert w.choices.label == "第3题（多选题）：问题" and w.choices.legend == s.CHOICES_LABEL
    tick(w, "红船精神")
    assert w.value == ["红船精神"]
    w.value = ["援藏精神", "老西藏精神"]
    assert sorted(w.choices.labels[i] for i in w.choices.selected) == ["援藏精神", "老西藏精神"]


def test_multiple_choice_partial_credit(store):
    w = QuestionWidget(Q, store=store)
    assert "计分规则" in w.instructions.value
    tick(w, "红船精神", "两路精神", "政治能力")
    w.submit_button.click()
    assert w.score == 0.25 and w.correct is False  # (2 right - 1 wrong) / 4
    assert s.MARK_PARTIAL in w.feedback.value and "0.25" in w.feedback.value
    assert store.get("t_q")["answer"] == ["红船精神", "两路精神", "政治能力"]
    tick(w, "红船精神", "两路精神", "老西藏精神", "援藏精神")
    w.submit_button.click()
    assert_right(w, store)


def test_multiple_choice_ticking_everything_scores_nothing_extra(store):
    q = question(
        type="multiple", options=[*SPIRITS, *WRONG, "创新能力", "团结能力"], answer=SPIRITS
    )
    w = QuestionWidget(q, store=store)
    w.value = w.question.options
    w.submit_button.click()
    assert w.score == 0.0 and s.MARK_WRONG in w.feedback.value


def test_nothing_ticked_is_not_submitted(store):
    w = QuestionWidget(Q, store=store)
    w.submit_button.click()
    assert s.EMPTY_ANSWER in w.feedback.value and w.tries == 0


def test_the_scoring_rule_is_not_shown_without_a_key():
    w = QuestionWidget(question(type="multiple", options=SPIRITS))
    assert "计分规则" not in w.instructions.value
