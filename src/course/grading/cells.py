"""The instructor's cells of a notebook as the gradebook knows them, and checks of a submitted
notebook against them.

``nbgrader generate_assignment`` saves every grade, solution, task and read-only cell of a source
notebook in the gradebook (``SourceCell``): its source as the instructor wrote it (hidden tests and
mark schemes included, solutions already replaced by the stub) and its checksum. The released
copy is that source with hidden tests and mark schemes removed; :func:`released_checksum` computes
the checksum a faithful submission carries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nbformat import NotebookNode


@dataclass(frozen=True)
class KnownCell:
    """One instructor cell of the gradebook."""

    name: str
    cell_type: str
    source: str
    checksum: str
    locked: bool
    grade: bool
    solution: bool
    task: bool
    points: float | None

    def metadata(self) -> dict:
        """The cell's ``nbgrader`` metadata, as ``generate_assignment`` writes it."""
        meta = {
            "grade": self.grade,
            "solution": self.solution,
            "locked": self.locked,
            "grade_id": self.name,
            "schema_version": 3,
            "checksum": self.checksum,
        }
        if self.task:
            meta["task"] = True
        if self.grade or self.task:
            meta["points"] = self.points
        return meta

    def as_cell(self, source: str | None = None) -> NotebookNode:
        """A new notebook cell with this cell's source (or ``source``) and metadata."""
        import nbformat

        maker = (
            nbformat.v4.new_code_cell if self.cell_type == "code" else nbformat.v4.new_markdown_cell
        )
        cell = maker(self.source if source is None else source)
        cell.metadata["nbgrader"] = self.metadata()
        if self.locked or self.grade and not self.solution:
            cell.metadata.update(deletable=False, editable=False)
        return cell


def known_cells(
    db_url: str, course_id: str, assignment: str, notebook: str
) -> dict[str, KnownCell]:
    """Every instructor cell of ``notebook`` in ``assignment``, by grade id. ``course_id`` is the
    configured one: nbgrader's ``Gradebook`` adds a course row for the id it is opened with."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, course_id) as gb:
        nb = gb.find_notebook(notebook, assignment)
        grades = {c.name: c.max_score for c in nb.grade_cells}
        tasks = {c.name: c.max_score for c in nb.task_cells}
        solutions = {c.name for c in nb.solution_cells}
        return {
            c.name: KnownCell(
                name=c.name,
                cell_type=c.cell_type,
                source=c.source or "",
                checksum=c.checksum or "",
                locked=bool(c.locked),
                grade=c.name in grades,
                solution=c.name in solutions,
                task=c.name in tasks,
                points=grades.get(c.name, tasks.get(c.name)),
            )
            for c in nb.source_cells
        }


def source_order(path: str | Path) -> list[str]:
    """The grade ids of a notebook file's nbgrader cells, in order (empty if it is unreadable)."""
    try:
        nb = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return []
    ids = []
    for cell in nb.get("cells", []):
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid and gid not in ids:
            ids.append(gid)
    return ids


def grade_id(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def released_source(known: KnownCell) -> str:
    """The source a trainee receives: hidden tests and mark schemes removed."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme

    cell = known.as_cell()
    ClearHiddenTests()._remove_hidden_test_region(cell)
    ClearMarkScheme()._remove_mark_scheme_region(cell)
    return cell.source


def released_checksum(known: KnownCell) -> str:
    from nbgrader.utils import compute_checksum

    return compute_checksum(known.as_cell(released_source(known)))


def is_tampered(cell: NotebookNode, known: KnownCell) -> bool:
    """True if a submitted instructor cell differs from what was released (locked cells only:
    answers are meant to change). Type, flags, points and source all count."""
    from nbgrader.utils import compute_checksum

    if not known.locked:
        return cell.get("cell_type") != known.cell_type
    meta = cell.get("metadata", {}).get("nbgrader", {})
    try:
        return (
            cell.get("cell_type") != known.cell_type
            or compute_checksum(cell) != released_checksum(known)
            or float(meta.get("points") or 0) != float(known.points or 0)
        )
    except (KeyError, TypeError, ValueError):
        return True
