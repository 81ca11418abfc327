"""QuizSession headless: progress, running score, summary table, reset, restore."""

from __future__ import annotations

import pytest

from course.answers import AnswerStore
from course.quiz import strings as s
from course.quiz.model import Question
from course.quiz.session import QuizSession


def questions():
    common = {"section": "tempering", "refs": ["lists.four_spirits"], "explanation": "解析"}
    return [
        Question(id="s_tf", type="truefalse", prompt="“4”指4种精神。", answer=True, **common),
        Question(
            id="s_single",
            type="single",
            prompt="“5”指什么？",
            options=["5种能力", "4种精神"],
            answer="5种能力",
            **common,
        ),  # fmt: skip
        Question(
            id="s_fill",
            type="fill",
            prompt="打铁还需____",
            answer=["自身硬"],
            **{**common, "section": "integrity"},
        ),  # fmt: skip
    ]


@pytest.fixture
def store(tmp_path):
    return AnswerStore(tmp_path / "practice.json")


def test_progress_score_and_summary(store):
    session = QuizSession(questions(), store=store)
    tf, single, fill = session.items
    assert session.progress.max == 3 and session.progress.value == 0
    assert s.PROGRESS_TEXT.format(done=0, total=3, score="0") in session.status.value
    tf.value = True
    tf.submit_button.click()
    assert session.progress.value == 1 and "得分 1/3" in session.status.value
    single.value = "4种精神"
    single.submit_button.click()  # wrong, one try left: not done yet
    assert session.progress.value == 1
    table = session.summary()
    assert list(table.columns) == [s.COL_NUMBER, s.COL_QUESTION, s.COL_ANSWER, s.COL_RESULT,
                                   s.COL_SCORE, s.COL_REVIEW]  # fmt: skip
    assert list(table[s.COL_RESULT]) == [s.RESULT_RIGHT, s.RESULT_WRONG, s.RESULT_NONE]
    assert list(table[s.COL_ANSWER])[:2] == [s.TRUE, "4种精神"]
    single.value = "5种能力"
    single.submit_button.click()
    fill.value = "自身软"
    fill.submit_button.click()
    fill.submit_button.click()
    assert session.progress.value == 3 and "得分 2/3" in session.status.value
    table = session.summary()
    assert list(table[s.COL_RESULT]) == [s.RESULT_RIGHT, s.RESULT_RIGHT, s.RESULT_WRONG]
    assert table[s.COL_REVIEW].iloc[2].startswith("第三部分")
    view = session.summary_view.value  # shown by itself at the end
    assert "全部完成" in view and "<table" in view and s.RESULT_WRONG in view


def test_restored_session_and_reset(store):
    first = QuizSession(questions(), store=store)
    first.items[0].value = True
    first.items[0].submit_button.click()
    first.items[1].value = "4种精神"
    first.items[1].submit_button.click()
    again = QuizSession(questions(), store=store)  # e.g. after a kernel restart
    assert again.progress.value == 1 and again.items[1].tries == 1
    assert s.RESTORED in again.items[0].feedback.value and s.WRONG in again.items[1].feedback.value
    again.reset_button.click()
    assert again.progress.value == 0 and store.get("s_tf") is None and store.get("s_single") is None
    assert all(w.feedback.value == "" and not w.finished for w in again.items)
    assert not again.items[0].choices.disabled and s.RESET_DONE in again.summary_view.value
    assert QuizSession(questions(), store=store).progress.value == 0


def test_reset_leaves_other_questions_alone(store):
    store.record("elsewhere", "fill", "x", True, 1.0)
    QuizSession(questions(), store=store).reset()
    assert store.answer("elsewhere") == "x"


def test_corrupt_store_warning_is_shown(tmp_path):
    path = tmp_path / "practice.json"
    path.write_text("garbage", encoding="utf-8")
    with pytest.warns(UserWarning):
        session = QuizSession(questions(), store=AnswerStore(path))
    assert "已损坏" in session.warning.value


def test_summary_button(store):
    session = QuizSession(questions(), store=store)
    session.summary_button.click()
    assert (
        s.SUMMARY_TITLE in session.summary_view.value
        and s.RESULT_NONE in session.summary_view.value
    )


def test_session_without_questions_is_an_error(store):
    with pytest.raises(ValueError):
        QuizSession([], store=store)


def test_unusable_store_is_reported(tmp_path):
    (tmp_path / "file").write_text("x")
    session = QuizSession(questions(), store=AnswerStore(tmp_path / "file" / "p.json"))
    assert "无法保存" in session.warning.value
