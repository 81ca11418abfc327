"""多选题: select all that apply, one checkbox per option; partial credit."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .. import strings as s
from ..shuffle import shuffled
from ._base import Count, QuestionType, Result, all_strings, duplicates, not_options

if TYPE_CHECKING:
    import ipywidgets as W

    from ..base import QuestionWidget
    from ..model import Question


class Multiple(QuestionType):
    """The key: a non-empty list of distinct options; an answer: a list of distinct options, in
    any order (the widget writes them in the options' order). Each right option chosen gains
    1/len(key), each wrong one loses as much, floor 0, so that ticking every option gains
    nothing over choosing only the sure ones; right only if exactly the key."""

    name = "multiple"
    scoring_rule = s.MULTIPLE_RULE

    def parse_answer(self, q: Question, value: Any) -> list[str]:
        if not isinstance(value, list) or not all_strings(value) or duplicates(value):
            raise ValueError("answer must be a list of distinct options")
        if not_options(q, value):
            raise ValueError(f"answers {not_options(q, value)} are not options")
        return value

    def key_problems(self, q: Question) -> list[str]:
        if q.answer == []:
            return ["answer must be a non-empty list of distinct options"]
        return super().key_problems(q)

    def check(self, q: Question, given: list[str]) -> Result:
        key, chosen = set(q.answer), set(given)
        score = max(0.0, (len(chosen & key) - len(chosen - key)) / len(key))
        return Result(chosen == key, round(score, 4))

    def is_empty(self, q: Question, given: Any) -> bool:
        return given is None or len(given) == 0

    def in_words(self, q: Question, value: Any) -> str:
        return "、".join(o for o in q.options if o in set(value)) or s.NOT_ANSWERED

    def tally(self, q: Question, answers: list[Any], top: int) -> list[Count]:
        counts = Counter(o for a in answers if a is not None for o in set(a))
        key = set(q.answer or [])
        return [*(Count("", o, counts[o], o in key) for o in q.options), self.blank(answers)]

    def build(self, w: QuestionWidget) -> list[W.Widget]:
        from ..controls import ChoiceGroup

        q = w.question
        w.choices = ChoiceGroup(
            shuffled(q.options, q.id, w.trainee),
            multiple=True,
            label=w.accessible_name,
            legend=s.CHOICES_LABEL,
        )
        w.choices.add_class("quiz-choices")
        return [w.choices]

    def inputs(self, w: QuestionWidget) -> list[W.Widget]:
        return [w.choices]

    def read(self, w: QuestionWidget) -> list[str]:
        chosen = set(w.choices.value)
        return [o for o in w.question.options if o in chosen]

    def show(self, w: QuestionWidget, answer: Any) -> None:
        chosen = answer if isinstance(answer, list) and all_strings(answer) else []
        w.choices.value = [o for o in w.question.options if o in set(chosen)]
