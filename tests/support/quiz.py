"""Helpers for the question-type tests: a question builder and the checks of a widget's feedback."""

from __future__ import annotations

from typing import Any

from course import kb
from course.quiz import strings as s
from course.quiz.model import Question

# The four spirits in the article's order, taken from the knowledge base (written once).
SPIRITS = kb.load().get_list("four_spirits").texts()


def question(**fields: Any) -> Question:
    """A question of section tempering with id ``t_q``, explanation 解析文字 and ``fields``."""
    base = {
        "id": "t_q",
        "section": "tempering",
        "refs": ["lists.four_spirits"],
        "prompt": "问题",
        "explanation": "解析文字",
    }
    return Question(**{**base, **fields})


def assert_right(w, store) -> None:
    """``w`` was just answered right: verdict, explanation, source, finished, recorded."""
    text = w.feedback.value
    assert s.MARK_RIGHT in text and s.RIGHT in text
    assert "解析文字" in text and "出处：第一部分 深入实施“4500”浙江援藏铁军锤炼行动" in text
    assert w.correct is True and w.score == 1.0 and w.finished
    rec = store.get(w.question.id)
    assert rec["correct"] is True and rec["answer"] == w.value and rec["type"] == w.question.type
    assert all(c.disabled for c in w._inputs()) and w.submit_button.disabled


def assert_wrong(w, store, tries_left: int | None) -> None:
    """``w`` was just answered wrong, with ``tries_left`` (None: none, the answer is shown)."""
    text = w.feedback.value
    assert s.MARK_WRONG in text and s.WRONG in text and "出处：" in text
    assert w.correct is False and w.score == 0.0
    if tries_left:
        assert s.TRIES_LEFT.format(n=tries_left) in text and not w.finished
        assert "解析文字" not in text  # the explanation would give the answer away
    else:
        assert s.CORRECT_ANSWER in text and "解析文字" in text and w.finished
    assert store.get(w.question.id)["correct"] is False
