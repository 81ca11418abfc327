"""The widget of a question: prompt, controls, submit, hint, attempts, feedback, storage.

One class for every type: the question's type (:mod:`course.quiz.types`) builds the input
controls and converts between them and an answer (:attr:`QuestionWidget.value`); everything else
happens here.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as W
from traitlets import Bool, Float, Int

from course.answers import AnswerStore, StoreProblem

from . import strings as s
from .model import Question, source_text
from .rounds import tries_allowed

# Colour only reinforces what the words and the symbol already say.
_BORDER = {
    "quiz-right": "#2e7d32",
    "quiz-wrong": "#c62828",
    "quiz-partial": "#b26a00",
    "quiz-saved": "#1565c0",
    "quiz-empty": "#757575",
}


def _p(text: str, cls: str = "") -> str:
    return f'<p class="{cls}" style="margin:0.25em 0">{html.escape(text)}</p>'


class QuestionWidget(W.VBox):
    """One question: a box of [heading, instructions, controls, buttons, hint, feedback]. The
    controls are attributes made by the question's type (``choices``, ``boxes``, ``menus``,
    ``listbox``/``up``/``down``, ``text``)."""

    tries = Int(0, help="how many answers were submitted (checked or recorded)").tag(sync=True)
    finished = Bool(False, help="no more tries: answered right, out of tries").tag(sync=True)
    correct = Bool(None, allow_none=True, help="the last checked answer was right").tag(sync=True)
    score = Float(None, allow_none=True, help="score of the last checked answer, 0-1").tag(
        sync=True
    )

    def __init__(
        self,
        question: Question,
        *,
        store: AnswerStore | None = None,
        attempts: int | None = None,
        number: int | None = None,
        trainee: str | None = None,
        record: dict | None | bool = True,
    ) -> None:
        """``store``: where answers go (None: nowhere). ``attempts``: tries allowed (None: the
        question's own, else the type's default; unlimited without a key). ``record``: the
        stored record to restore (True: read it from ``store``)."""
        super().__init__()
        self.question = question
        self.kind = kind = question.kind
        self.store = store
        self.trainee = trainee
        self.max_tries = tries_allowed(question, attempts)
        self.add_class("quiz-question")
        self.add_class(f"quiz-{question.type}")
        self.add_class(f"quiz-q-{question.id}")
        title = kind.label
        if number is not None:
            title = f"{s.QUESTION_NUMBER.format(n=number)}（{title}）"
        head = W.HTML(f"<strong>{html.escape(title)}</strong>" + _p(question.prompt, "quiz-prompt"))
        head.add_class("quiz-heading")
        note = _p(kind.instructions)
        if kind.scoring_rule and not question.keyless:
            note += _p(kind.scoring_rule, "quiz-rule")
        self.instructions = W.HTML(note)
        self.instructions.add_class("quiz-instructions")
        self.submit_button = W.Button(
            description=s.SUBMIT, tooltip=s.SUBMIT_TOOLTIP, button_style="primary", icon="check"
        )
        self.submit_button.add_class("quiz-submit")
        self.submit_button.on_click(lambda _b: self._guarded(self.submit))
        buttons = [self.submit_button]
        if question.hint:
            self.hint_button = W.Button(
                description=s.HINT, tooltip=s.HINT_TOOLTIP, icon="lightbulb-o"
            )
            self.hint_button.add_class("quiz-hint-button")
            self.hint_button.on_click(lambda _b: self.show_hint())
            buttons.append(self.hint_button)
        self.hint = W.HTML()
        self.hint.add_class("quiz-hint")
        self.feedback = W.HTML()
        self.feedback.add_class("quiz-feedback")
        self.controls = kind.build(self)
        self.children = [
            head,
            self.instructions,
            *self.controls,
            W.HBox(buttons),
            self.hint,
            self.feedback,
        ]
        if record is True:
            record = self._read_record()
        if record:
            self.restore(record)

    # -- the controls, made by the question's type -----------------------------------------------
    def _inputs(self) -> list[W.Widget]:
        """The controls to disable once the question is finished."""
        return self.kind.inputs(self)

    @property
    def value(self) -> Any:
        """The learner's current answer, in the shape the question's type writes."""
        return self.kind.read(self)

    @value.setter
    def value(self, answer: Any) -> None:
        self.kind.show(self, answer)

    # -- behaviour ----------------------------------------------------------------------------
    def _guarded(self, action: Any) -> None:
        """Run a button's action; if it fails, say so in the feedback (ipywidgets would only log
        the exception, leaving the learner with no reaction at all), then re-raise."""
        try:
            action()
        except Exception as exc:
            message = s.INTERNAL_ERROR.format(error=f"{type(exc).__name__}: {exc}")
            self.feedback.value = self._box("quiz-empty", [_p(message)])
            raise

    def show_hint(self) -> None:
        self.hint.value = _p(s.HINT_PREFIX + (self.question.hint or ""))

    def submit(self) -> None:
        """Check (or, without a key, record) the current answer and show the feedback."""
        if self.finished:
            return
        q, given = self.question, self.value
        if self.kind.is_empty(q, given) or self.kind.incomplete(q, given):
            self.feedback.value = self._box("quiz-empty", [_p(self.kind.empty_message)])
            return
        correct = score = None
        if not q.keyless:
            result = q.check(given)
            correct, score = result.correct, result.score
        if self.store is not None:
            try:
                self.store.record(q.id, q.type, given, correct, score)
            except OSError as exc:
                problem = StoreProblem("unwritable", str(self.store.path), reason=str(exc))
                self.store.problem = problem
        self._apply(given, self.tries + 1, correct, score, restored=False)

    def restore(self, record: dict) -> None:
        """Show a stored record: its answer in the controls and the feedback it got."""
        self.value = record.get("answer")
        tries = len(record.get("attempts", [])) or 1
        self._apply(record.get("answer"), tries, record.get("correct"), record.get("score"), True)

    def reset(self) -> None:
        """Back to unanswered (the store is not touched; see QuizSession.reset)."""
        self.tries, self.correct, self.score, self.finished = 0, None, None, False
        self.value = None
        self.feedback.value = self.hint.value = ""
        for control in self._inputs():
            control.disabled = False
        self.submit_button.disabled = False

    def _read_record(self) -> dict | None:
        if self.store is None:
            return None
        try:
            return self.store.get(self.question.id)
        except OSError as exc:  # the learner is told when they submit
            self.store.problem = StoreProblem("unwritable", str(self.store.path), reason=str(exc))
            return None

    def _apply(
        self, given: Any, tries: int, correct: bool | None, score: float | None, restored: bool
    ) -> None:
        self.tries, self.correct, self.score = tries, correct, score
        out_of_tries = self.max_tries is not None and tries >= self.max_tries
        self.finished = bool(correct) or out_of_tries
        for control in [*self._inputs(), self.submit_button]:
            control.disabled = self.finished
        self.feedback.value = self._feedback_html(given, restored)

    def _feedback_html(self, given: Any, restored: bool) -> str:
        q = self.question
        parts: list[str] = []
        if q.keyless:
            tone = "quiz-saved"
            parts.append(f"<strong>{s.MARK_SAVED} {s.SAVED}</strong>")
            if self.finished:
                parts.append(_p(s.SAVED_FINAL.format(n=self.tries)))
            else:
                parts.append(_p(s.SAVED_DETAIL.format(n=self.tries)))
        else:
            if self.correct:
                tone, verdict = "quiz-right", f"{s.MARK_RIGHT} {s.RIGHT}"
            elif self.score:
                tone = "quiz-partial"
                verdict = f"{s.MARK_PARTIAL} " + s.PARTIAL.format(score=f"{self.score:g}")
            else:
                tone, verdict = "quiz-wrong", f"{s.MARK_WRONG} {s.WRONG}"
            parts.append(f"<strong>{html.escape(verdict)}</strong>")
            if not self.finished:
                parts.append(_p(s.TRIES_LEFT.format(n=self.max_tries - self.tries)))
            else:
                if not self.correct:
                    parts.append(_p(s.NO_TRIES_LEFT.format(n=self.max_tries)))
                    parts.append(_p(s.CORRECT_ANSWER + self.kind.format_answer(q, q.answer)))
                if q.explanation:
                    parts.append(_p(s.EXPLANATION + q.explanation))
            parts.append(_p(source_text(q), "quiz-source"))
        if restored:
            parts.append(_p(s.RESTORED))
        if self.store is not None and self.store.problem is not None:
            parts.append(_p(self.store.problem.message(), "quiz-store-problem"))
        return self._box(tone, parts)

    @staticmethod
    def _box(tone: str, parts: list[str]) -> str:
        style = f"border-left:4px solid {_BORDER[tone]};padding:0.2em 0.8em;margin:0.3em 0"
        return (
            f'<div class="quiz-feedback-body {tone}" role="status" aria-live="polite" '
            f'style="{style}">{"".join(parts)}</div>'
        )
