"""The review: drawn from the learner's own record -- wrong first, then unseen, then due again
(spaced) -- every question started afresh, and the session says what it drew and why."""

from __future__ import annotations

import datetime as dt

import pytest

from course.answers import AnswerStore
from course.practice import review
from course.quiz import bank
from course.quiz import review as r
from course.quiz import strings as s

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
QUESTIONS = list(bank.load())


def at(days_ago: float) -> str:
    return (NOW - dt.timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def record(qid: str, *results: tuple[bool, float]) -> dict:
    """A store record of ``qid`` with one attempt per (correct, days ago), oldest first."""
    q = next(x for x in QUESTIONS if x.id == qid)
    attempts = [
        {"answer": None, "correct": ok, "score": 1.0 if ok else 0.0, "at": at(ago)}
        for ok, ago in results
    ]
    last = attempts[-1]
    return {
        "question_id": qid,
        "type": q.type,
        "answer": last["answer"],
        "correct": last["correct"],
        "score": last["score"],
        "attempts": attempts,
    }


def test_wrong_then_unseen_then_due_and_nothing_that_is_not_due():
    first, second, third, fourth = (q.id for q in QUESTIONS[:4])
    records = {
        first: record(first, (True, 2)),  # right two days ago: due (1 day)
        second: record(second, (False, 5)),  # wrong: first
        third: record(third, (True, 0.5)),  # right half a day ago: not yet due
    }
    drawn = r.draw(QUESTIONS, records, NOW, size=len(QUESTIONS))
    ids = [q.id for q in drawn.questions]
    assert ids[0] == second and ids[-1] == first and third not in ids
    assert ids[1] == fourth  # the unseen ones, in bank order
    assert drawn.counts == {"wrong": 1, "unseen": len(QUESTIONS) - 3, "due": 1}
    assert drawn.next_due == NOW - dt.timedelta(days=0.5) + dt.timedelta(days=1)


def test_the_interval_grows_with_each_round_right_in_a_row():
    qid = QUESTIONS[0].id  # default tries: a right answer closes a round
    q = QUESTIONS[0]
    once = r.standing(q, record(qid, (True, 2)), NOW)
    twice = r.standing(q, record(qid, (True, 10), (True, 2)), NOW)
    thrice = r.standing(q, record(qid, (True, 20), (True, 10), (True, 4)), NOW)
    assert once.kind == "due" and twice.kind == "later" and thrice.kind == "later"
    assert twice.due - twice.last == dt.timedelta(days=3)
    assert thrice.due - thrice.last == dt.timedelta(days=7)
    broken = r.standing(q, record(qid, (True, 20), (False, 15), (False, 15), (True, 2)), NOW)
    assert broken.kind == "due"  # the streak starts again after a round that ended wrong


def test_the_size_caps_the_review_and_wrong_answers_come_first():
    records = {q.id: record(q.id, (False, 1)) for q in QUESTIONS[20:40]}
    drawn = r.draw(QUESTIONS, records, NOW, size=12)
    assert len(drawn.questions) == 12 and drawn.counts == {"wrong": 12}


@pytest.fixture
def store(tmp_path) -> AnswerStore:
    return AnswerStore(tmp_path / "practice.json")


def test_the_review_session_starts_afresh_and_says_what_it_drew(store):
    q = QUESTIONS[0]
    store.record(q.id, q.type, q.answer, True, 1.0)  # just answered right: not due
    wrong = QUESTIONS[1]
    store.record(wrong.id, wrong.type, None, False, 0.0)
    session = review(store=store)
    ids = [x.id for x in session.questions]
    assert ids[0] == wrong.id and q.id not in ids and len(ids) == r.SIZE
    assert all(not w.tries and not w.finished for w in session.items)  # not locked
    intro = session.intro.value
    assert (
        intro.startswith("<p>这次复习 12 题")
        and "答错的（1 题）" in intro
        and "还没做过的（11 题）" in intro
    )
    assert "依次隔 1、3、7、14 天再出现，之后每隔 30 天" in intro
    assert session.title == s.REVIEW_TITLE
    item = session.items[0]
    item.value = wrong.answer
    item.submit_button.click()
    assert len(store.get(wrong.id)["attempts"]) == 2  # the record grows; nothing is lost


def test_with_nothing_to_review_it_says_when_the_next_question_is_due(store):
    for q in QUESTIONS:
        store.record(q.id, q.type, q.answer, True, 1.0)
    note = review(store=store)
    assert s.REVIEW_NOTHING in note.value and "北京时间" in note.value
