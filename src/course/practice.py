"""The practice quizzes of the lessons: bank questions in a quiz session, with the answers-file
bar (download / upload) under it. In a lesson::

    from course.practice import practice
    practice("lists.four_spirits", "framework_4500.five")   # or practice(section="tempering")

This module composes the quiz engine (:mod:`course.quiz`) and answers portability
(:mod:`course.portability`), which know nothing of each other. Importing it reads no file and
imports no widget library; :func:`practice` and :func:`backup_panel` do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from course.answers import AnswerStore
    from course.portability.widget import BackupBar
    from course.quiz.session import QuizSession

__all__ = ["backup_panel", "practice"]


def practice(
    *refs: str,
    section: str | None = None,
    store: AnswerStore | None = None,
    title: str | None = None,
) -> QuizSession:
    """A practice QuizSession with every bank question whose ``refs`` include one of ``refs``
    (an item reference such as ``lists.four_spirits.red_boat`` also matches its list, and a
    「4500」 part such as ``framework_4500.five`` also matches its list) and, if given, whose
    section is ``section``, with the answers-file bar under it. Answers go to the practice store
    unless ``store`` is given. Returns the session (the last expression of a cell, it is
    displayed).

    Raises ValueError, naming what was asked for, if no question matches.
    """
    from course.portability.widget import attach
    from course.quiz import bank
    from course.quiz import strings as s
    from course.quiz.session import QuizSession

    if not refs and section is None:
        raise ValueError("practice() needs knowledge-base references or section=...")
    questions = bank.select(refs, section)
    if not questions:
        what = "、".join([*refs, *([f"section={section}"] if section else [])])
        raise ValueError(s.NOTHING_MATCHES.format(what=what))
    session = QuizSession(questions, store=store, title=title or s.PRACTICE_TITLE)
    attach(session)
    return session


def backup_panel() -> BackupBar:
    """The answers-file bar with its explanation: 「下载全部答案」 (one click, every practice and
    graded answer) and 「上传答案文件」 (restore them in a new session). Returns the widget."""
    from course.portability.widget import BackupBar

    return BackupBar(full=True)
