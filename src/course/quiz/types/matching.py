"""连线题: pair each item on the left with one of the options, one drop-down per item."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .. import strings as s
from ..shuffle import shuffled
from ._base import LABEL_STYLE, Count, QuestionType, Result, all_strings, not_options

if TYPE_CHECKING:
    import ipywidgets as W

    from ..base import QuestionWidget
    from ..model import Question


class Matching(QuestionType):
    """The key: ``{left: option}`` for every ``left`` item; an answer: the same, an item not
    paired yet mapped to None (it is submitted only when every item is paired). Score: the share
    of pairs right; right only if all are."""

    name = "matching"
    takes_left = True
    empty_message = s.MATCH_INCOMPLETE

    def parse_answer(self, q: Question, value: Any) -> dict[str, str | None]:
        if not isinstance(value, dict) or set(value) != set(q.left):
            raise ValueError("answer must map every 'left' item to an option")
        chosen = [v for v in value.values() if v is not None]
        if not all_strings(chosen):
            raise ValueError("answer must map every 'left' item to an option")
        if not_options(q, chosen):
            raise ValueError(f"answers {not_options(q, chosen)} are not options")
        return value

    def key_problems(self, q: Question) -> list[str]:
        if isinstance(q.answer, dict) and None in q.answer.values():
            return ["answer must map every 'left' item to an option"]
        return super().key_problems(q)

    def check(self, q: Question, given: dict[str, str | None]) -> Result:
        key = q.answer
        hits = sum(1 for left, right in key.items() if given.get(left) == right)
        return Result(hits == len(key), round(hits / len(key), 4))

    def is_empty(self, q: Question, given: Any) -> bool:
        return given is None or all(v is None for v in given.values())

    def incomplete(self, q: Question, given: Any) -> bool:
        return any(v is None for v in given.values())

    def in_words(self, q: Question, value: Any) -> str:
        return "；".join(f"{k} — {value.get(k) or s.NOT_ANSWERED}" for k in q.left)

    def tally(self, q: Question, answers: list[Any], top: int) -> list[Count]:
        key, rows = q.answer or {}, []
        for item in q.left:
            picks = Counter(a.get(item) for a in answers if a is not None)
            rows += [Count(item, o, picks[o], key.get(item) == o) for o in q.options]
            unpaired = len(answers) - sum(picks[o] for o in q.options)
            rows.append(Count(item, "", unpaired, kind="blank"))
        return rows

    def build(self, w: QuestionWidget) -> list[W.Widget]:
        import ipywidgets as W

        q = w.question
        options = [(s.MATCH_PLACEHOLDER, None)] + [
            (o, o) for o in shuffled(q.options, q.id, w.trainee)
        ]
        # index 0 is the placeholder: a menu showing 「（请选择）」, never a blank one (ipywidgets
        # shows value=None as no selection at all, even when an option's value is None)
        w.menus = {
            left: W.Dropdown(options=options, index=0, description=left, style=LABEL_STYLE)
            for left in q.left
        }
        group = W.VBox(list(w.menus.values()))
        group.add_class("quiz-pairs")
        return [group]

    def inputs(self, w: QuestionWidget) -> list[W.Widget]:
        return list(w.menus.values())

    def read(self, w: QuestionWidget) -> dict[str, str | None]:
        return {left: menu.value for left, menu in w.menus.items()}

    def show(self, w: QuestionWidget, answer: Any) -> None:
        answer = answer if isinstance(answer, dict) else {}
        for left, menu in w.menus.items():
            chosen = answer.get(left)
            if chosen in w.question.options:
                menu.value = chosen
            else:
                menu.index = 0
