"""The practice of the lessons: bank questions in quiz sessions, a review drawn from the learner's
own record, and one answers-file bar (download / upload) per notebook. In a lesson::

    from course.practice import backup_panel, practice, review
    practice("lists.four_spirits", "framework_4500.five")   # or practice(section="tempering")
    review()                                                # what is wrong, unseen or due
    backup_panel()                                          # once, at the end of the notebook

This module composes the quiz engine (:mod:`course.quiz`) and answers portability
(:mod:`course.portability`), which know nothing of each other: every session it builds is
followed by the notebook's bar, which is rebuilt after every answer. Importing it reads no file
and imports no widget library; its functions do.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ipywidgets as W

    from course.answers import AnswerStore
    from course.portability.widget import BackupBar
    from course.quiz.session import QuizSession

__all__ = ["backup_panel", "practice", "review"]


def practice(
    *refs: str,
    section: str | None = None,
    store: AnswerStore | None = None,
    title: str | None = None,
) -> QuizSession:
    """A practice QuizSession with every bank question whose ``refs`` include one of ``refs``
    (an item reference such as ``lists.four_spirits.red_boat`` also matches its list, and a
    「4500」 part such as ``framework_4500.five`` also matches its list) and, if given, whose
    section is ``section``. Answers go to the practice store unless ``store`` is given. Returns
    the session (the last expression of a cell, it is displayed).

    Raises ValueError, naming what was asked for, if no question matches.
    """
    from course.quiz import bank
    from course.quiz import strings as s
    from course.quiz.session import QuizSession

    if not refs and section is None:
        raise ValueError("practice() needs knowledge-base references or section=...")
    questions = bank.select(refs, section)
    if not questions:
        what = "、".join([*refs, *([f"section={section}"] if section else [])])
        raise ValueError(s.NOTHING_MATCHES.format(what=what))
    return _followed(QuizSession(questions, store=store, title=title or s.PRACTICE_TITLE))


def review(
    size: int | None = None, store: AnswerStore | None = None, now: dt.datetime | None = None
) -> QuizSession | W.HTML:
    """A review of the whole bank, drawn from the learner's record in ``store`` (default: the
    practice store) at ``now`` (default: the current UTC time): the questions answered wrong,
    then those never answered, then those due again, at most ``size`` (default
    :data:`course.quiz.review.SIZE`), each started afresh; the session says so. When nothing is
    to be reviewed, a note saying when the next question is due (China time) instead."""
    import html

    import ipywidgets as W

    from course import chinatime
    from course.answers import AnswerStore
    from course.quiz import bank
    from course.quiz import review as r
    from course.quiz import strings as s
    from course.quiz.session import QuizSession

    store = store if store is not None else AnswerStore()
    now = now or dt.datetime.now(dt.UTC)
    drawn = r.draw(list(bank.load()), store.read()["answers"], now, size or r.SIZE)
    if not drawn.questions:
        lines = [s.REVIEW_NOTHING]
        if drawn.next_due is not None:
            china = chinatime.china(drawn.next_due)
            lines.append(s.REVIEW_NEXT.format(when=china.strftime("%Y-%m-%d %H:%M")))
        note = W.HTML("".join(f"<p>{html.escape(line)}</p>" for line in lines))
        note.add_class("quiz-review-empty")
        return note
    intro = s.REVIEW_INTRO.format(
        n=len(drawn.questions),
        wrong=drawn.counts["wrong"],
        unseen=drawn.counts["unseen"],
        due=drawn.counts["due"],
        intervals="、".join(str(d) for d in r.INTERVALS_DAYS[:-1]),
        last=r.INTERVALS_DAYS[-1],
    )
    session = QuizSession(
        drawn.questions, store=store, title=s.REVIEW_TITLE, since=now, intro=intro
    )
    session.add_class("quiz-review")
    return _followed(session)


def _followed(session: QuizSession) -> QuizSession:
    from course.portability.widget import follow

    follow(session)
    return session


def backup_panel() -> BackupBar:
    """The notebook's answers-file bar with its explanation: 「下载全部答案」 (one click, every
    practice and graded answer, rebuilt after every answer given in the notebook) and
    「上传答案文件」 (restore them in a new session). Returns the widget."""
    from course.portability.widget import BackupBar

    return BackupBar(full=True)
