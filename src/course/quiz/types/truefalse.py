"""判断题: a statement judged 对 or 错 with radio buttons (always in that order)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .. import strings as s
from ._base import Count, QuestionType, Result

if TYPE_CHECKING:
    import ipywidgets as W

    from ..base import QuestionWidget
    from ..model import Question


class TrueFalse(QuestionType):
    """The key and an answer: ``true`` or ``false`` (never 1, 0 or 对). Right or wrong: 1 or 0;
    one try unless said otherwise."""

    name = "truefalse"
    takes_options = False
    default_attempts = 1

    def parse_answer(self, q: Question, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError("answer must be true or false")
        return value

    def check(self, q: Question, given: bool) -> Result:
        ok = given is q.answer
        return Result(ok, 1.0 if ok else 0.0)

    def in_words(self, q: Question, value: Any) -> str:
        return s.TRUE if value else s.FALSE

    def tally(self, q: Question, answers: list[Any], top: int) -> list[Count]:
        counts = Counter(a for a in answers if a is not None)
        return [
            Count("", s.TRUE, counts[True], q.answer is True),
            Count("", s.FALSE, counts[False], q.answer is False),
            self.blank(answers),
        ]

    def build(self, w: QuestionWidget) -> list[W.Widget]:
        from ..controls import ChoiceGroup

        w.choices = ChoiceGroup(
            [(s.TRUE, True), (s.FALSE, False)], label=w.accessible_name, legend=s.TRUEFALSE_LABEL
        )
        w.choices.add_class("quiz-choices")
        return [w.choices]

    def inputs(self, w: QuestionWidget) -> list[W.Widget]:
        return [w.choices]

    def read(self, w: QuestionWidget) -> bool | None:
        return w.choices.value

    def show(self, w: QuestionWidget, answer: Any) -> None:
        w.choices.value = answer if isinstance(answer, bool) else None
