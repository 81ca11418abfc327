"""排序题: put the items in the article's order, a list box with 上移 / 下移 buttons."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .. import strings as s
from ..shuffle import shuffled_avoiding
from ._base import LABEL_STYLE, WIDE, Count, QuestionType, Result, all_strings

if TYPE_CHECKING:
    import ipywidgets as W

    from ..base import QuestionWidget
    from ..model import Question


def numbered(items: list[str]) -> list[tuple[str, str]]:
    """The list box's options: each item with its position shown, 「1. 老西藏精神」 (a new list)."""
    return [(s.POSITION.format(n=n, item=item), item) for n, item in enumerate(items, 1)]


class Ordering(QuestionType):
    """The key and an answer: a list of every option exactly once (never a mapping). Right or
    wrong: 1 or 0. The list never starts in the key's order."""

    name = "ordering"

    def parse_answer(self, q: Question, value: Any) -> list[str]:
        if not isinstance(value, list) or not all_strings(value):
            raise ValueError("answer must list every option exactly once")
        if sorted(value) != sorted(q.options):
            raise ValueError("answer must list every option exactly once")
        return value

    def check(self, q: Question, given: list[str]) -> Result:
        ok = list(given) == list(q.answer)
        return Result(ok, 1.0 if ok else 0.0)

    def in_words(self, q: Question, value: Any) -> str:
        return " → ".join(value)

    def tally(self, q: Question, answers: list[Any], top: int) -> list[Count]:
        counts = Counter(tuple(a) for a in answers if a is not None)
        key = list(q.answer or [])
        rows = [Count("", " → ".join(o), c, list(o) == key) for o, c in counts.most_common(top)]
        return [*rows, self.blank(answers)]

    def build(self, w: QuestionWidget) -> list[W.Widget]:
        import ipywidgets as W

        q = w.question
        start = shuffled_avoiding(q.options, q.answer, q.id, w.trainee)
        w.start = tuple(start)
        w.listbox = W.Select(
            options=numbered(start),
            value=start[0],
            rows=len(start),
            description=s.ORDER_LIST_LABEL,
            style=LABEL_STYLE,
            layout=WIDE,
        )
        w.listbox.add_class("quiz-order")
        w.up = W.Button(description=s.MOVE_UP, tooltip=s.MOVE_UP_TOOLTIP, icon="arrow-up")
        w.down = W.Button(description=s.MOVE_DOWN, tooltip=s.MOVE_DOWN_TOOLTIP, icon="arrow-down")
        w.up.add_class("quiz-move-up")
        w.down.add_class("quiz-move-down")
        w.up.on_click(lambda _b: self.move(w, -1))
        w.down.on_click(lambda _b: self.move(w, +1))
        return [w.listbox, W.HBox([w.up, w.down])]

    def move(self, w: QuestionWidget, step: int) -> None:
        """Move the selected item of ``w`` ``step`` places (-1 up, +1 down), keeping it
        selected (changes ``w``)."""
        items, item = self.read(w), w.listbox.value
        if item is None:
            return
        i = items.index(item)
        j = max(0, min(len(items) - 1, i + step))
        items[i], items[j] = items[j], items[i]
        self.show(w, items)
        w.listbox.value = item

    def inputs(self, w: QuestionWidget) -> list[W.Widget]:
        return [w.listbox, w.up, w.down]

    def read(self, w: QuestionWidget) -> list[str]:
        return [item for _label, item in w.listbox.options]

    def show(self, w: QuestionWidget, answer: Any) -> None:
        try:
            order = list(self.parse_answer(w.question, answer))
        except ValueError:
            order = list(w.start)
        w.listbox.options = numbered(order)
        w.listbox.value = order[0]
