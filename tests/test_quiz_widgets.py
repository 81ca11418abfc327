"""The question widget's common frame, headless: hint, recording without a key, restoring,
store problems, a failing submit. Each type's own controls are tested in ``test_type_<name>.py``."""

from __future__ import annotations

import pytest

from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.base import QuestionWidget
from tests.support.quiz import SPIRITS
from tests.support.quiz import question as q


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "answers.json")


def test_hint(store):
    w = QuestionWidget(
        q(type="single", options=SPIRITS, answer="两路精神", hint="第二种"), store=store
    )
    assert w.hint.value == ""
    w.hint_button.click()
    assert s.HINT_PREFIX in w.hint.value and "第二种" in w.hint.value


@pytest.mark.parametrize(
    "fields,answer",
    [
        ({"type": "single", "options": SPIRITS}, "援藏精神"),
        ({"type": "multiple", "options": SPIRITS}, ["援藏精神"]),
        ({"type": "truefalse"}, False),
        ({"type": "matching", "left": ["a", "b"], "options": ["x", "y"]}, {"a": "y", "b": "x"}),
        ({"type": "ordering", "options": SPIRITS}, SPIRITS[::-1]),
        ({"type": "fill"}, "随便写"),
    ],
)
def test_without_a_key_only_records(store, fields, answer):
    w = QuestionWidget(q(answer=None, **fields), store=store)
    w.value = answer
    w.submit_button.click()
    text = w.feedback.value
    assert s.SAVED in text and s.MARK_SAVED in text
    assert s.RIGHT not in text and s.WRONG not in text and "出处" not in text
    assert w.correct is None and w.score is None and not w.finished
    rec = store.get("t_q")
    assert rec["answer"] == answer and rec["correct"] is None and rec["score"] is None
    w.submit_button.click()  # can be resubmitted; every attempt is kept
    assert len(store.get("t_q")["attempts"]) == 2


def test_rebuilt_widget_restores_answer_and_feedback(store):
    question = q(type="single", options=SPIRITS, answer="两路精神")
    w = QuestionWidget(question, store=store)
    w.value = "红船精神"
    w.submit_button.click()
    again = QuestionWidget(question, store=store)
    assert again.value == "红船精神" and again.tries == 1 and again.correct is False
    assert s.WRONG in again.feedback.value and s.RESTORED in again.feedback.value
    again.value = "两路精神"
    again.submit_button.click()
    assert again.finished and len(store.get("t_q")["attempts"]) == 2


def test_corrupt_store_is_shown_to_the_learner(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("{not json", encoding="utf-8")
    store = AnswerStore(path)
    with pytest.warns(UserWarning):
        w = QuestionWidget(q(type="truefalse", answer=True), store=store)
    w.value = True
    w.submit_button.click()
    assert "已损坏" in w.feedback.value and s.RIGHT in w.feedback.value


def test_without_a_key_a_limit_of_tries_locks_the_question(store):
    w = QuestionWidget(q(type="fill", answer=None), store=store, attempts=2)
    w.value = "第一次"
    w.submit_button.click()
    assert not w.finished and not w.text.disabled
    w.value = "第二次"
    w.submit_button.click()
    assert w.finished and w.text.disabled and s.SAVED in w.feedback.value
    w.value = "第三次"
    w.submit_button.click()
    assert store.answer("t_q") == "第二次" and len(store.get("t_q")["attempts"]) == 2


def test_an_unusable_store_is_reported_not_fatal(tmp_path):
    (tmp_path / "file").write_text("x")
    store = AnswerStore(tmp_path / "file" / "answers.json")  # its folder cannot exist
    w = QuestionWidget(q(type="truefalse", answer=True), store=store)
    w.value = True
    w.submit_button.click()
    assert s.RIGHT in w.feedback.value and "无法保存" in w.feedback.value


def test_a_failing_submit_says_so(store):
    w = QuestionWidget(q(type="truefalse", answer=True), store=store)

    def broken():
        raise RuntimeError("boom")

    w.submit = broken
    w.submit_button.click()  # ipywidgets logs the exception; the learner must see something
    assert "出错了" in w.feedback.value and "boom" in w.feedback.value
