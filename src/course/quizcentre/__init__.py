"""The trainee's quiz centre: where the graded quizzes are and how to fetch, open, submit them and
read their feedback, in Chinese, on nbgrader's exchange (no English assignment panel).

The course guide shows it (``quiz_centre()`` in a code cell); see docs/graded-quizzes.md.

Modules:

* :mod:`.desk` -- nbgrader's exchange for one trainee: list, fetch, submit, fetch feedback,
  configured as nbgrader's assignment list is.
* :mod:`.progress` -- 「检查作答」: how many questions of the trainee's paper have a saved answer.
* :mod:`.widget` -- the widget; its CSS classes are the hooks browser tests click.
* :mod:`.strings` -- what the trainee reads.
"""

from __future__ import annotations

from typing import Any


def quiz_centre(where: Any = None) -> Any:
    """The quiz centre widget for the notebook's folder ``where`` (default: the working
    folder, which in a kernel is the notebook's)."""
    from .widget import QuizCentre

    return QuizCentre(where)
