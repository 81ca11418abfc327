"""A quiz session: several questions with a progress bar, a running score, a summary, and a way
to try every question again -- one by one (「再做一次」 under a finished question) or all at once
(「全部重做」). Trying again never forgets: every attempt stays in the answers store, and a
rebuilt session shows each question's current round (:mod:`.rounds`).

Other layers follow a session without the engine knowing them: they observe its ``changes``
trait and may add widgets under it (:meth:`QuizSession.add_footer`); the answers-file bar of
:mod:`course.portability.widget` does both."""

from __future__ import annotations

import datetime as dt
import html
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as W
from traitlets import Int

from course.answers import AnswerStore, StoreProblem, default_practice_path

from . import rounds
from . import strings as s
from .base import QuestionWidget
from .model import Question, section_label

if TYPE_CHECKING:
    import pandas as pd


#: Every session built in this kernel, so that restoring an answers file updates them all.
LIVE: weakref.WeakSet[QuizSession] = weakref.WeakSet()


def reload_sessions(practice_path: Path | None = None) -> int:
    """Rebuild every live session whose store is ``practice_path`` (default: the practice store)
    from its store; return how many were rebuilt."""
    target = (practice_path or default_practice_path()).resolve()
    sessions = [x for x in list(LIVE) if x.store.path.resolve() == target]
    for session in sessions:
        session.reload()
    return len(sessions)


class QuizSession(W.VBox):
    """Questions in order, answered one by one; the store is read once, when the session is built
    (and again by :meth:`reload`)."""

    changes = Int(0, help="counts the answers given and the rebuilds from the store")

    def __init__(
        self,
        questions: list[Question],
        *,
        store: AnswerStore | None = None,
        title: str = s.PRACTICE_TITLE,
        attempts: int | None = None,
        trainee: str | None = None,
        since: dt.datetime | None = None,
        intro: str = "",
    ) -> None:
        """``store``: where answers are kept (None: the practice store, see
        :func:`~course.answers.default_practice_path`). ``attempts`` overrides every
        question's number of tries. ``since``: attempts given before this (UTC) time are history
        only, so every question starts afresh (a review). ``intro``: a line under the title."""
        super().__init__()
        if not questions:
            raise ValueError("a quiz session needs at least one question")
        self.questions = list(questions)
        self.store = store if store is not None else AnswerStore()
        self.title, self.attempts, self.trainee, self.since = title, attempts, trainee, since
        self.intro = W.HTML(f"<p>{html.escape(intro)}</p>" if intro else "")
        self.intro.add_class("quiz-intro")
        self.add_class("quiz-session")
        self.items: list[QuestionWidget] = self._build_items()
        total = len(self.items)
        self.progress = W.IntProgress(
            value=0,
            min=0,
            max=total,
            description=s.PROGRESS,
            style={"description_width": "initial"},
        )
        self.progress.add_class("quiz-progress")
        self.status = W.HTML()
        self.status.add_class("quiz-status")
        self.warning = W.HTML()
        self.warning.add_class("quiz-warning")
        self.summary_button = W.Button(
            description=s.SUMMARY_BUTTON, tooltip=s.SUMMARY_TOOLTIP, icon="table"
        )
        self.summary_button.add_class("quiz-summary-button")
        self.summary_button.on_click(lambda _b: self.show_summary())
        self.reset_button = W.Button(description=s.RESET, tooltip=s.RESET_TOOLTIP, icon="undo")
        self.reset_button.add_class("quiz-reset")
        self.reset_button.on_click(lambda _b: self.reset())
        self.summary_view = W.HTML()
        self.summary_view.add_class("quiz-summary")
        self.footer: list[W.Widget] = []  # widgets other layers put under the questions
        LIVE.add(self)
        self._layout()
        self._changed()

    def __repr__(self) -> str:  # what a notebook shows when the widgets cannot render
        return s.WIDGETS_MISSING

    def _build_items(self) -> list[QuestionWidget]:
        """One widget per question, each showing its current round from the store (read once,
        now), each with its 「再做一次」 button (:attr:`retry_buttons`)."""
        try:
            records = self.store.read()["answers"]
        except OSError as exc:  # shown in the warning line; answers still get checked
            self.store.problem = StoreProblem("unwritable", str(self.store.path), reason=str(exc))
            records = {}
        items = []
        self.retry_buttons: list[W.Button] = []
        for n, q in enumerate(self.questions, 1):
            item = QuestionWidget(
                q,
                store=self.store,
                attempts=self.attempts,
                number=n,
                trainee=self.trainee,
                record=None,
            )
            shown = rounds.current(records.get(q.id), item.max_tries, self.since)
            if shown is not None:
                item.restore(shown)
            item.observe(self._changed, names=["tries", "finished"])
            self.retry_buttons.append(self._retry_button(item))
            items.append(item)
        return items

    def _retry_button(self, item: QuestionWidget) -> W.Button:
        """「再做一次」 under ``item``, shown once it is finished: the question starts a new round;
        its earlier attempts stay in the store."""
        button = W.Button(description=s.RETRY, tooltip=s.RETRY_TOOLTIP, icon="repeat")
        button.add_class("quiz-retry")

        def show(_change: Any = None) -> None:
            button.layout.display = None if item.finished else "none"

        def retry(_button: W.Button) -> None:
            item.reset()
            self.summary_view.value = ""

        item.observe(show, names="finished")
        button.on_click(retry)
        show()
        return button

    def _layout(self) -> None:
        header = W.HTML(f"<h3>{html.escape(self.title)}</h3>")
        questions = [w for pair in zip(self.items, self.retry_buttons, strict=True) for w in pair]
        self.children = [
            header,
            self.intro,
            self.warning,
            self.progress,
            self.status,
            *questions,
            W.HBox([self.summary_button, self.reset_button]),
            self.summary_view,
            *self.footer,
        ]

    def reload(self) -> None:
        """Rebuild every question from the store (after answers were restored from a file)."""
        self.items = self._build_items()
        self.summary_view.value = ""
        self._layout()
        self._changed()
        self.changes += 1

    def add_footer(self, widget: W.Widget) -> None:
        """Show ``widget`` under the questions, kept there when the session is rebuilt."""
        self.footer.append(widget)
        self._layout()

    # -- state ---------------------------------------------------------------------------------
    @property
    def done(self) -> int:
        """Questions answered (finished; or, without a key, answered at least once)."""
        return sum(1 for w in self.items if w.finished or (w.question.keyless and w.tries))

    @property
    def total_score(self) -> float:
        return round(sum(w.score or 0.0 for w in self.items if w.finished), 4)

    def _changed(self, _change: Any = None) -> None:
        if _change is not None and _change["name"] == "tries":  # an answer was just given
            self.changes += 1
        total = len(self.items)
        self.progress.value = self.done
        self.status.value = html.escape(
            s.PROGRESS_TEXT.format(done=self.done, total=total, score=f"{self.total_score:g}")
        )
        problem = self.store.problem
        self.warning.value = html.escape(problem.message()) if problem else ""
        if self.done == total and _change is not None:
            self.show_summary(finished=True)

    # -- summary and reset -----------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """One row per question: number, prompt, the answer given, result, score, section to
        review. A new DataFrame; nothing is changed."""
        import pandas as pd

        rows = []
        for n, w in enumerate(self.items, 1):
            q = w.question
            if not w.tries:
                result = s.RESULT_NONE
            elif q.keyless:
                result = s.RESULT_SAVED
            elif w.correct:
                result = s.RESULT_RIGHT
            elif w.score:
                result = s.RESULT_PARTIAL
            else:
                result = s.RESULT_WRONG
            rows.append(
                {
                    s.COL_NUMBER: n,
                    s.COL_QUESTION: q.prompt,
                    s.COL_ANSWER: q.kind.format_answer(q, w.value) if w.tries else s.NOT_ANSWERED,
                    s.COL_RESULT: result,
                    s.COL_SCORE: None if q.keyless or not w.tries else w.score,
                    s.COL_REVIEW: section_label(q.section),
                }
            )
        return pd.DataFrame(rows)

    def show_summary(self, finished: bool = False) -> None:
        table = self.summary().to_html(
            index=False, escape=True, na_rep=s.NOT_ANSWERED, classes="quiz-summary-table", border=0
        )
        heading = s.SUMMARY_TITLE
        if finished:
            heading = s.FINISHED.format(score=f"{self.total_score:g}", total=len(self.items))
        self.summary_view.value = f"<p><strong>{html.escape(heading)}</strong></p>{table}"

    def reset(self) -> None:
        """Every question back to unanswered, to be tried again. The store is not changed: every
        earlier attempt stays there (and an answers file still holds it)."""
        for item in self.items:
            item.reset()
        self.summary_view.value = f"<p>{html.escape(s.RESET_DONE)}</p>"
        self._changed()
