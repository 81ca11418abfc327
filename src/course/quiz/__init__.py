"""The quiz engine: question widgets, quiz sessions and the answer store.

In a lesson::

    from course.quiz import practice
    practice("lists.four_spirits", "framework_4500.five")   # or practice(section="tempering")

Importing this package reads no file and imports no widget library; :func:`practice` does.
Modules: :mod:`.strings` (all Chinese text), :mod:`.model` (the question schema), :mod:`.types`
(one class per question type: its answers, checking, words and controls), :mod:`.base` (the
question widget), :mod:`.session` (QuizSession), :mod:`.store` (AnswerStore), :mod:`.bank` (the
practice question bank).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .backup_widget import BackupBar
    from .session import QuizSession
    from .store import AnswerStore

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
    section is ``section``. Answers go to the practice store unless ``store`` is given.
    Returns the session (the last expression of a cell, it is displayed).

    Raises ValueError, naming what was asked for, if no question matches.
    """
    from . import bank
    from . import strings as s
    from .session import QuizSession

    if not refs and section is None:
        raise ValueError("practice() needs knowledge-base references or section=...")
    questions = bank.select(refs, section)
    if not questions:
        what = "、".join([*refs, *([f"section={section}"] if section else [])])
        raise ValueError(s.NOTHING_MATCHES.format(what=what))
    return QuizSession(questions, store=store, title=title or s.PRACTICE_TITLE)


def backup_panel() -> BackupBar:
    """The answers-file bar with its explanation: 「下载全部答案」 (one click, every practice and
    graded answer) and 「上传答案文件」 (restore them in a new session). Returns the widget."""
    from .backup_widget import BackupBar

    return BackupBar(full=True)
