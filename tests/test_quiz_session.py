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
        ),
        Question(
            id="s_fill",
            type="fill",
            prompt="打铁还需____",
            answer=["自身硬"],
            **{**common, "section": "integrity"},
        ),
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
    assert list(table.columns) == [
        s.COL_NUMBER,
        s.COL_QUESTION,
        s.COL_ANSWER,
        s.COL_RESULT,
        s.COL_SCORE,
        s.COL_REVIEW,
    ]
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


def test_restored_session_shows_the_current_round(store):
    first = QuizSession(questions(), store=store)
    first.items[0].value = True
    first.items[0].submit_button.click()
    first.items[1].value = "4种精神"
    first.items[1].submit_button.click()
    again = QuizSession(questions(), store=store)  # e.g. after a kernel restart
    assert again.progress.value == 1 and again.items[1].tries == 1
    assert s.RESTORED in again.items[0].feedback.value and s.WRONG in again.items[1].feedback.value


def test_starting_all_over_keeps_every_answer_in_the_store(store):
    first = QuizSession(questions(), store=store)
    first.items[0].value = True
    first.items[0].submit_button.click()
    before = store.read()
    assert s.RESET_QUESTION.format(n=3) == first.reset_button.question  # asked in the page first
    # the learner confirms: the page side sends this message
    first.reset_button._handle_custom_msg({"event": "confirm"}, [])
    assert first.progress.value == 0
    assert all(w.feedback.value == "" and not w.finished for w in first.items)
    assert not first.items[0].choices.disabled and s.RESET_DONE in first.summary_view.value
    assert store.read() == before  # nothing forgotten
    first.items[0].value = False
    first.items[0].submit_button.click()
    attempts = store.get("s_tf")["attempts"]
    assert [a["answer"] for a in attempts] == [True, False]
    assert QuizSession(questions(), store=store).items[0].correct is False


def test_reset_leaves_other_questions_alone(store):
    store.record("elsewhere", "fill", "x", True, 1.0)
    QuizSession(questions(), store=store).reset()
    assert store.answer("elsewhere") == "x"


def test_a_finished_question_can_be_tried_again_without_losing_its_record(store):
    session = QuizSession(questions(), store=store)
    single, retry = session.items[1], session.retry_buttons[1]
    assert retry.layout.display == "none"  # nothing to try again yet
    for wrong in ("4种精神", "4种精神"):
        single.value = wrong
        single.submit_button.click()
    assert single.finished and single.correct is False
    assert retry.layout.display is None  # shown under the finished question
    retry.click()
    assert not single.finished and single.tries == 0 and single.feedback.value == ""
    assert retry.layout.display == "none"
    single.value = "5种能力"
    single.submit_button.click()
    assert single.correct and single.tries == 1  # a new round: one try so far
    record = store.get("s_single")
    assert [a["correct"] for a in record["attempts"]] == [False, False, True]
    rebuilt = QuizSession(questions(), store=store).items[1]
    assert rebuilt.finished and rebuilt.correct and rebuilt.tries == 1


def test_an_open_round_is_restored_with_its_tries_left(store):
    session = QuizSession(questions(), store=store)
    single = session.items[1]
    single.value = "5种能力"
    single.submit_button.click()  # round 1: right at once
    session.retry_buttons[1].click()
    single.value = "4种精神"
    single.submit_button.click()  # round 2: wrong, one try left
    rebuilt = QuizSession(questions(), store=store).items[1]
    assert not rebuilt.finished and rebuilt.tries == 1 and s.WRONG in rebuilt.feedback.value
    assert s.TRIES_LEFT.format(n=1) in rebuilt.feedback.value


def test_a_session_since_a_time_starts_every_question_afresh(store):
    import datetime as dt

    first = QuizSession(questions(), store=store)
    first.items[0].value = True
    first.items[0].submit_button.click()
    fresh = QuizSession(questions(), store=store, since=dt.datetime.now(dt.UTC))
    assert fresh.progress.value == 0 and not fresh.items[0].tries
    fresh.items[0].value = True
    fresh.items[0].submit_button.click()
    assert len(store.get("s_tf")["attempts"]) == 2
    fresh.reload()  # e.g. after answers were restored from a file: still since that time
    assert fresh.items[0].tries == 1


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
