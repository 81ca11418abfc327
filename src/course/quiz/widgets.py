"""One widget class per question type, each composed of ipywidgets' own controls.

Every control has a visible label (``description`` or its own text) that screen readers announce,
and all are native form elements reachable with Tab and operable with the keyboard.
Use :func:`make` to build the right class for a :class:`~course.quiz.model.Question`.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W

from . import strings as s
from .base import QuestionWidget
from .model import Question
from .shuffle import shuffled, shuffled_avoiding

_WIDE = {"width": "auto"}
_LABEL_STYLE = {"description_width": "initial"}


class SingleChoice(QuestionWidget):
    """One answer out of several (radio buttons)."""

    def _build(self) -> list[W.Widget]:
        q = self.question
        self.choices = W.RadioButtons(
            options=shuffled(q.options, q.id, self.trainee), value=None,
            description=s.CHOICE_LABEL, layout=_WIDE, style=_LABEL_STYLE,
        )  # fmt: skip
        self.choices.add_class("quiz-choices")
        return [self.choices]

    def _inputs(self) -> list[W.Widget]:
        return [self.choices]

    @property
    def value(self) -> Any:
        return self.choices.value

    @value.setter
    def value(self, answer: Any) -> None:
        self.choices.value = answer if answer in self.choices.options else None


class TrueFalse(SingleChoice):
    """A statement judged 对 or 错 (radio buttons; the order is always 对, 错)."""

    def _build(self) -> list[W.Widget]:
        self.choices = W.RadioButtons(
            options=[(s.TRUE, True), (s.FALSE, False)], value=None,
            description=s.TRUEFALSE_LABEL, style=_LABEL_STYLE,
        )  # fmt: skip
        self.choices.add_class("quiz-choices")
        return [self.choices]

    @SingleChoice.value.setter
    def value(self, answer: Any) -> None:
        self.choices.value = answer if isinstance(answer, bool) else None


class MultipleChoice(QuestionWidget):
    """Select all that apply (one checkbox per option)."""

    def _build(self) -> list[W.Widget]:
        q = self.question
        self.boxes = [
            W.Checkbox(value=False, description=text, indent=False, layout=_WIDE)
            for text in shuffled(q.options, q.id, self.trainee)
        ]
        group = W.VBox(self.boxes)
        group.add_class("quiz-choices")
        return [group]

    def _inputs(self) -> list[W.Widget]:
        return list(self.boxes)

    @property
    def value(self) -> list[str]:
        chosen = {b.description for b in self.boxes if b.value}
        return [o for o in self.question.options if o in chosen]

    @value.setter
    def value(self, answer: Any) -> None:
        chosen = set(answer or [])
        for box in self.boxes:
            box.value = box.description in chosen


class Matching(QuestionWidget):
    """Pair each item on the left with one of the options (one drop-down per item)."""

    def _build(self) -> list[W.Widget]:
        q = self.question
        options = [(s.MATCH_PLACEHOLDER, None)] + [
            (o, o) for o in shuffled(q.options, q.id, self.trainee)
        ]
        self.menus = {
            left: W.Dropdown(
                options=options, value=None, description=left, style=_LABEL_STYLE, layout=_WIDE
            )  # fmt: skip
            for left in q.left
        }
        group = W.VBox(list(self.menus.values()))
        group.add_class("quiz-pairs")
        return [group]

    def _inputs(self) -> list[W.Widget]:
        return list(self.menus.values())

    @property
    def value(self) -> dict[str, str | None]:
        return {left: menu.value for left, menu in self.menus.items()}

    @value.setter
    def value(self, answer: Any) -> None:
        answer = answer if isinstance(answer, dict) else {}
        for left, menu in self.menus.items():
            chosen = answer.get(left)
            menu.value = chosen if chosen in self.question.options else None


class Ordering(QuestionWidget):
    """Put the items in the article's order: a list box plus 上移 / 下移 buttons."""

    def _build(self) -> list[W.Widget]:
        q = self.question
        start = shuffled_avoiding(q.options, q.answer, q.id, self.trainee)
        self.start = tuple(start)
        self.listbox = W.Select(options=start, value=start[0], rows=len(start),
                                description=s.ORDER_LIST_LABEL, style=_LABEL_STYLE,
                                layout=_WIDE)  # fmt: skip
        self.listbox.add_class("quiz-order")
        self.up = W.Button(description=s.MOVE_UP, tooltip=s.MOVE_UP_TOOLTIP, icon="arrow-up")
        self.down = W.Button(
            description=s.MOVE_DOWN, tooltip=s.MOVE_DOWN_TOOLTIP, icon="arrow-down"
        )
        self.up.add_class("quiz-move-up")
        self.down.add_class("quiz-move-down")
        self.up.on_click(lambda _b: self.move(-1))
        self.down.on_click(lambda _b: self.move(+1))
        return [self.listbox, W.HBox([self.up, self.down])]

    def _inputs(self) -> list[W.Widget]:
        return [self.listbox, self.up, self.down]

    def move(self, step: int) -> None:
        """Move the selected item ``step`` places (-1 up, +1 down), keeping it selected."""
        items, item = list(self.listbox.options), self.listbox.value
        if item is None:
            return
        i = items.index(item)
        j = max(0, min(len(items) - 1, i + step))
        items[i], items[j] = items[j], items[i]
        self.value = items
        self.listbox.value = item

    @property
    def value(self) -> list[str]:
        return list(self.listbox.options)

    @value.setter
    def value(self, answer: Any) -> None:
        valid = isinstance(answer, list) and sorted(answer) == sorted(self.question.options)
        order = list(answer) if valid else list(self.start)
        self.listbox.options = order
        self.listbox.value = order[0]


class FillBlank(QuestionWidget):
    """Type the missing words into a text box."""

    def _build(self) -> list[W.Widget]:
        self.text = W.Text(value="", description=s.FILL_LABEL, placeholder=s.FILL_PLACEHOLDER,
                           style=_LABEL_STYLE, layout={"width": "24em"})  # fmt: skip
        self.text.add_class("quiz-fill")
        return [self.text]

    def _inputs(self) -> list[W.Widget]:
        return [self.text]

    @property
    def value(self) -> str:
        return self.text.value

    @value.setter
    def value(self, answer: Any) -> None:
        self.text.value = answer if isinstance(answer, str) else ""


CLASSES: dict[str, type[QuestionWidget]] = {
    "single": SingleChoice,
    "multiple": MultipleChoice,
    "truefalse": TrueFalse,
    "matching": Matching,
    "ordering": Ordering,
    "fill": FillBlank,
}


def make(question: Question, **kwargs: Any) -> QuestionWidget:
    """The widget for ``question`` (keyword arguments as for :class:`QuestionWidget`)."""
    return CLASSES[question.type](question, **kwargs)
