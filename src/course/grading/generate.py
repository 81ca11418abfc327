"""``course quizzes build``: the nbgrader source notebooks, generated from the graded question
data (:mod:`course.grading.pools`).

Each assignment's notebook is, in order: the heading (title, scope, how many questions and points,
how it is scored, the source), the set-up cell (``graded.start`` with every pool's questions
without keys), then per slot a heading, ``graded.ask(slot)`` and the grade cell (``graded.recorded``
visible, the pool's keys in its hidden test), then the reflection (prompt, a free-text answer cell
graded by hand, a 0-point task cell holding the mark scheme) and a closing note. Cell ids are the
grade ids, so the same data always gives the same file, byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

from course.grading import code
from course.grading import strings as s
from course.grading.pools import Quiz

NBFORMAT_MINOR = 5
REFLECTION = "reflection"
SETUP = "setup"  # the grade id of the set-up cell (graded.start)
METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


def _cell(kind: str, grade_id: str, source: str, **nbgrader: Any) -> nbformat.NotebookNode:
    """A cell whose id is its grade id, locked unless said otherwise."""
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source)
    cell["id"] = grade_id
    meta = {"grade": False, "grade_id": grade_id, "locked": True, "schema_version": 3}
    meta["solution"] = False
    meta.update(nbgrader)
    cell.metadata["nbgrader"] = dict(sorted(meta.items()))
    if kind == "code":  # the trainee runs, never reads, the quiz's code: its label line shows
        cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def intro(quiz: Quiz, citation: str) -> str:
    """The first cell's text."""
    slots, total = quiz.slots, quiz.paper().max_score + quiz.reflection.points
    count = s.NB_COUNT.format(n=len(slots) + 1, total=total, auto=len(slots))
    parts = [f"# {quiz.title}", quiz.scope, count, s.NB_SCORING, s.NB_STEPS]
    return "\n\n".join([*parts, s.NB_SOURCE.format(citation=citation)])


def notebook(quiz: Quiz, citation: str | None = None) -> nbformat.NotebookNode:
    """The source notebook of ``quiz`` (a new notebook; nothing is written)."""
    if citation is None:
        from course import kb

        citation = kb.load().publication.citation
    paper = quiz.paper()
    cells = [
        _cell("markdown", "intro", intro(quiz, citation)),
        _cell("code", SETUP, f"{s.NB_LABEL_SETUP}\n{code.setup_source(paper)}"),
    ]
    for n, slot in enumerate(quiz.slots, start=1):
        points = quiz.pools[slot.pool].points
        cells += [
            _cell("markdown", f"heading_{slot.id}", s.NB_HEADING.format(n=n, points=points)),
            _cell(
                "code",
                f"ask_{slot.id}",
                f"{s.NB_LABEL_ASK.format(n=n)}\n{code.ask_source(slot.id)}",
            ),
            _cell(
                "code",
                slot.id,
                f"{s.NB_LABEL_RECORDED.format(n=n)}\n{code.test_source(slot.id, quiz.keys(slot.pool))}",
                grade=True,
                points=points,
            ),
        ]
    r, n = quiz.reflection, len(quiz.slots) + 1
    heading = s.NB_REFLECTION_HEADING.format(n=n, points=r.points)
    rubric = "\n".join(
        [
            s.NB_RUBRIC_NOTE,
            "",
            code.BEGIN_MARK_SCHEME,
            *(f"- {line}" for line in r.rubric),
            code.END_MARK_SCHEME,
        ]
    )
    cells += [
        _cell("markdown", f"{REFLECTION}_prompt", f"{heading}\n\n{r.prompt}"),
        _cell(
            "markdown",
            REFLECTION,
            s.NB_ANSWER_STUB,
            grade=True,
            locked=False,
            points=r.points,
            solution=True,
        ),
        _cell(
            "markdown",
            f"{REFLECTION}_rubric",
            rubric,
            points=0,
            task=True,
        ),
        _cell("markdown", "closing", s.NB_CLOSING),
    ]
    nb = nbformat.v4.new_notebook(cells=cells, metadata=METADATA)
    nb.nbformat_minor = NBFORMAT_MINOR
    return nb


def render(quiz: Quiz) -> str:
    """The notebook file's text, as :func:`build` writes it."""
    return nbformat.writes(notebook(quiz)) + "\n"


def target(source_dir: str | Path, quiz: Quiz) -> Path:
    """``<source_dir>/<assignment>/<assignment>.ipynb``."""
    return Path(source_dir) / quiz.assignment / f"{quiz.assignment}.ipynb"


def stale(source_dir: str | Path, quizzes: list[Quiz]) -> list[Path]:
    """The notebooks under ``source_dir`` that differ from what :func:`build` would write
    (missing ones included)."""
    out = []
    for quiz in quizzes:
        path = target(source_dir, quiz)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(quiz):
            out.append(path)
    return out


def build(source_dir: str | Path, quizzes: list[Quiz]) -> list[Path]:
    """Write every quiz's notebook under ``source_dir`` (each atomically: a temporary file
    replaced over the old one); return the paths of those whose text changed. Everything is
    rendered before the first file is written."""
    texts = {target(source_dir, quiz): render(quiz) for quiz in quizzes}
    changed = []
    for path, text in texts.items():
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
        changed.append(path)
    return changed
