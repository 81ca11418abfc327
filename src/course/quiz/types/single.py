"""单选题: one option out of several, chosen with radio buttons."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .. import strings as s
from ..shuffle import shuffled
from ._base import Count, QuestionType, Result

if TYPE_CHECKING:
    import ipywidgets as W

    from ..base import QuestionWidget
    from ..model import Question


class Single(QuestionType):
    """The key and an answer: one option text. Right or wrong: 1 or 0."""

    name = "single"

    def parse_answer(self, q: Question, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"answer must be one option text, not {type(value).__name__}")
        if value not in q.options:
            raise ValueError(f"answer {value!r} is not one of the options")
        return value

    def check(self, q: Question, given: str) -> Result:
        ok = given == q.answer
        return Result(ok, 1.0 if ok else 0.0)

    def in_words(self, q: Question, value: Any) -> str:
        return str(value)

    def tally(self, q: Question, answers: list[Any], top: int) -> list[Count]:
        counts = Counter(a for a in answers if a is not None)
        rows = [Count("", o, counts[o], o == q.answer) for o in q.options]
        return [*rows, self.blank(answers)]

    def build(self, w: QuestionWidget) -> list[W.Widget]:
        from ..controls import ChoiceGroup

        q = w.question
        w.choices = ChoiceGroup(
            shuffled(q.options, q.id, w.trainee), label=w.accessible_name, legend=s.CHOICE_LABEL
        )
        w.choices.add_class("quiz-choices")
        return [w.choices]

    def inputs(self, w: QuestionWidget) -> list[W.Widget]:
        return [w.choices]

    def read(self, w: QuestionWidget) -> str | None:
        return w.choices.value

    def show(self, w: QuestionWidget, answer: Any) -> None:
        w.choices.value = answer if answer in w.choices.options else None
