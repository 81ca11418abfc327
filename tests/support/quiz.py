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


#: A notebook cell showing one practice session with a question of each of the six types (ids
#: ``k_<type>``), keyed on the four spirits, with the answers-file bar under it, as ``practice()``
#: shows it; independent of the practice bank's contents.
SIX_TYPES_CELL = """\
from course import kb
from course.portability.widget import follow
from course.practice import backup_panel
from course.quiz.model import Question
from course.quiz.session import QuizSession
S = kb.load().get_list("four_spirits").texts()
base = dict(section="tempering", explanation="解析文字")
session = QuizSession([
    Question(id="k_single", type="single", prompt="哪一种精神排在第一？", options=S,
             answer=S[0], **base),
    Question(id="k_multiple", type="multiple", prompt="选出排在前两位的精神。", options=S,
             answer=S[:2], **base),
    Question(id="k_truefalse", type="truefalse", prompt="文章列出了这四种精神。", answer=True,
             **base),
    Question(id="k_matching", type="matching", prompt="为每个位置选出对应的精神。",
             left=["第一位", "第二位"], options=S[:3], answer={"第一位": S[0], "第二位": S[1]},
             **base),
    Question(id="k_ordering", type="ordering", prompt="按文章的顺序排列。", options=S[::-1],
             answer=S, **base),
    Question(id="k_fill", type="fill", prompt="排在第一位的是____。", answer=S[0], **base),
], title="六种题型")
follow(session)
display(session)
backup_panel()"""


def key_texts(q) -> list[str]:
    """The texts a question's key names (for checks that keys are the article's words)."""
    if q.type == "single":
        return [q.answer]
    if q.type in ("multiple", "ordering"):
        return list(q.answer)
    if q.type == "matching":
        return list(q.answer.values())
    if q.type == "fill":
        return [q.answer[0] if isinstance(q.answer, list) else q.answer]
    return []
