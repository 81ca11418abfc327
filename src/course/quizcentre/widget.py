"""The quiz centre the trainee sees: one row per released quiz with 获取 / 打开 / 检查作答 /
提交 (再次提交) / 获取反馈 / 查看反馈, the last submission's time in China time, and a line
saying what the last click did.

The two links (打开, 查看反馈) are HTML outputs in ``ipywidgets.Output`` areas, so that
JupyterLab's own link handling turns their relative addresses into "open this file in the lab"
(a plain widget's link would leave the page). Every CSS class here is a stable hook for browser
tests (listed in the module's constants).
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as W
from IPython.display import HTML

from course import chinatime
from course.grading import identity

from . import strings as s
from .desk import Desk, DeskError, Quiz
from .progress import progress

CENTRE = "quiz-centre"
ROW = "quiz-centre-row"  # plus ``quiz-centre-<assignment>`` and ``quiz-centre-course-<course>``
STATE = "quiz-centre-state"
SUBMITTED = "quiz-centre-submitted"
MESSAGE = "quiz-centre-message"
BUTTONS = {
    "fetch": "quiz-centre-fetch",
    "check": "quiz-centre-check",
    "submit": "quiz-centre-submit",
    "feedback": "quiz-centre-get-feedback",
    "refresh": "quiz-centre-refresh",
}
OPEN_LINK = "quiz-centre-open"
FEEDBACK_LINK = "quiz-centre-view-feedback"


def _p(text: str, cls: str = "") -> str:
    attr = f" class='{cls}'" if cls else ""
    return f"<p{attr}>{html.escape(text)}</p>"


def _problem(text: str, detail: str = "") -> str:
    """``text`` (lines become paragraphs) and, smaller, a technical ``detail``."""
    body = "".join(_p(line) for line in text.split("\n"))
    if detail:
        body += f"<p style='color:#666;font-size:85%'>{html.escape(s.TECHNICAL + detail)}</p>"
    return body


def _link(target: Path, where: Path, text: str, cls: str) -> HTML:
    """An HTML output linking to ``target`` relative to the notebook's folder ``where``."""
    href = Path(os.path.relpath(target, where)).as_posix()
    return HTML(f"<a class='{cls}' href='{html.escape(href, quote=True)}'>{html.escape(text)}</a>")


def trainee_for(quiz: Quiz) -> str | None:
    """The id a submission of ``quiz`` is filed under: the one the environment fixes (a hub
    account), else the one confirmed in the quiz's panel (None: not confirmed yet)."""
    fixed = identity.from_environment()
    if fixed or quiz.folder is None:
        return fixed
    return identity.saved(quiz.folder)


class QuizRow(W.VBox):
    """One quiz: its state and the buttons its state allows."""

    def __init__(self, desk: Desk, quiz: Quiz, on_change, courses: int = 1) -> None:
        super().__init__()
        self.desk, self.quiz, self.on_change, self.courses = desk, quiz, on_change, courses
        self.add_class(ROW)
        self.add_class(f"quiz-centre-{quiz.assignment}")
        self.add_class(f"quiz-centre-course-{quiz.course}")
        self.message = W.Output()
        self.message.add_class(MESSAGE)
        self.open_area, self.feedback_area = W.Output(), W.Output()
        self.children = self._build()

    def _button(self, kind: str, text: str, tooltip: str, action) -> W.Button:
        button = W.Button(description=text, tooltip=tooltip)
        button.add_class(BUTTONS[kind])
        button.on_click(lambda _b: self._do(action))
        return button

    def _build(self) -> list[W.Widget]:
        q, where = self.quiz, self.desk.where
        title = s.QUIZ_TITLE_COURSE if self.courses > 1 else s.QUIZ_TITLE
        head = html.escape(title.format(assignment=q.assignment, course=q.course))
        head = f"<strong>{head}</strong>"
        if q.folder is None:
            state = s.STATE_RELEASED
        elif q.last is None:
            state = s.STATE_FETCHED
        else:
            state = s.STATE_SUBMITTED.format(n=len(q.submissions))
        lines = [head, _p(state, STATE)]
        if q.last is not None:
            lines.append(
                _p(s.SUBMITTED_AT.format(when=chinatime.shown(q.last.timestamp)), SUBMITTED)
            )
            lines.append(_p(self._feedback_state()))
        buttons: list[W.Widget] = []
        if q.folder is None:
            buttons.append(self._button("fetch", s.FETCH, s.FETCH_TOOLTIP, self.fetch))
        else:
            if q.notebooks:
                self.open_area.append_display_data(_link(q.notebooks[0], where, s.OPEN, OPEN_LINK))
                buttons.append(self.open_area)
            buttons.append(self._button("check", s.CHECK, s.CHECK_TOOLTIP, self.check))
            again = q.last is not None
            buttons.append(
                self._button(
                    "submit", s.SUBMIT_AGAIN if again else s.SUBMIT, s.SUBMIT_TOOLTIP, self.submit
                )
            )
        if q.last is not None and (q.last.feedback_ready or q.last.feedback_pages):
            buttons.append(
                self._button("feedback", s.GET_FEEDBACK, s.GET_FEEDBACK_TOOLTIP, self.feedback)
            )
        pages = next((x.feedback_pages for x in reversed(q.submissions) if x.feedback_pages), ())
        if pages:
            self.feedback_area.append_display_data(
                _link(pages[0], where, s.VIEW_FEEDBACK, FEEDBACK_LINK)
            )
            buttons.append(self.feedback_area)
        return [W.HTML("".join(lines)), W.HBox(buttons), self.message]

    def _feedback_state(self) -> str:
        last = self.quiz.last
        if last.feedback_pages and last.feedback_updated:
            return s.FEEDBACK_NEW
        if last.feedback_pages:
            return s.FEEDBACK_HERE
        return s.FEEDBACK_READY if last.feedback_ready else s.FEEDBACK_WAITING

    def say(self, text: str, detail: str = "") -> None:
        """Show ``text`` (and a technical ``detail``) under the row, replacing the last message."""
        self.message.outputs = ()
        self.message.append_display_data(HTML(_problem(text, detail)))

    def _do(self, action) -> None:
        try:
            text = action()
        except DeskError as err:
            self.say(str(err), err.detail)
            return
        except Exception as exc:  # ipywidgets would only log it: the trainee must see something
            self.say(s.UNEXPECTED, f"{type(exc).__name__}: {exc}")
            return
        if text:
            self.on_change(self.quiz, text)

    # -- actions: each returns the message to show after the list is refreshed ----------------
    def fetch(self) -> str:
        folder = self.desk.fetch(self.quiz.course, self.quiz.assignment)
        shown = Path(os.path.relpath(folder, self.desk.folder)).as_posix()
        return s.FETCHED.format(assignment=self.quiz.assignment, folder=shown)

    def check(self) -> None:
        trainee = trainee_for(self.quiz)
        if trainee is None or not self.quiz.notebooks:
            self.say(s.NEED_ID)
            return None
        p = progress(self.quiz.notebooks[0], trainee)
        lines = [s.CHECKED.format(n=p.total, saved=p.saved)]
        if p.missing:
            lines.append(s.CHECKED_MISSING.format(numbers="、".join(f"第{n}题" for n in p.missing)))
        written = s.REFLECTION_WRITTEN if p.reflection_written else s.REFLECTION_EMPTY
        lines += [s.CHECKED_REFLECTION.format(state=written), s.CHECK_NOTE]
        self.say("\n".join(lines), p.problem or "")
        return None

    def submit(self) -> str | None:
        trainee = trainee_for(self.quiz)
        if trainee is None:
            self.say(s.NEED_ID)
            return None
        stamp = self.desk.submit(self.quiz.course, self.quiz.assignment, trainee)
        return s.SUBMITTED.format(assignment=self.quiz.assignment, when=chinatime.shown(stamp))

    def feedback(self) -> str:
        trainee = trainee_for(self.quiz) or "*"
        pages = self.desk.fetch_feedback(self.quiz.course, self.quiz.assignment, trainee)
        return s.FEEDBACK_FETCHED if pages else s.FEEDBACK_NONE


class QuizCentre(W.VBox):
    """The quiz centre: title, instructions, 刷新列表 and a :class:`QuizRow` per quiz."""

    def __init__(self, where: str | Path | None = None) -> None:
        super().__init__()
        self.where = where
        self.add_class(CENTRE)
        intro = W.HTML(f"<h3>{html.escape(s.TITLE)}</h3>" + _p(s.INTRO))
        self.refresh_button = W.Button(description=s.REFRESH, tooltip=s.REFRESH_TOOLTIP)
        self.refresh_button.add_class(BUTTONS["refresh"])
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.rows = W.VBox()
        self.message = W.Output()
        self.message.add_class(MESSAGE)
        self.children = [intro, self.refresh_button, self.message, self.rows]
        self.refresh()

    def row(self, assignment: str, course: str | None = None) -> QuizRow | None:
        """The row of ``assignment`` (of ``course``, if given)."""
        return next(
            (
                r
                for r in self.rows.children
                if r.quiz.assignment == assignment and course in (None, r.quiz.course)
            ),
            None,
        )

    def refresh(self, quiz: Quiz | None = None, text: str = "") -> None:
        """Read the list again; show ``text`` under the row of ``quiz``."""
        self.message.outputs = ()
        try:
            desk = Desk(self.where)
            quizzes = desk.quizzes()
        except DeskError as err:
            self.rows.children = []
            self.message.append_display_data(HTML(_problem(str(err), err.detail)))
            return
        if not quizzes:
            self.message.append_display_data(HTML(_p(s.NONE_RELEASED)))
        courses = len({q.course for q in quizzes})
        self.rows.children = [QuizRow(desk, q, self.refresh, courses) for q in quizzes]
        row = self.row(quiz.assignment, quiz.course) if quiz else None
        if row is not None and text:
            row.say(text)
