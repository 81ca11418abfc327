"""nbgrader preprocessors that keep a trainee's additions away from grading and keep the hidden
tests out of feedback. Both are switched on in ``quizzes/nbgrader_config.py``.

``QuarantineTraineeCode`` runs in autograde's sanitising phase, after nbgrader's
``OverwriteCells`` has restored the instructor's locked cells from the gradebook. It

* puts the instructor's cells back in the source notebook's order, re-inserting any the trainee
  deleted (from the gradebook; a deleted answer cell comes back empty and scores 0);
* turns every other code cell (added by the trainee, or whose nbgrader metadata was forged) into
  comments, so that only instructor code runs before the hidden tests;
* removes from ``autograded/<trainee>/<assignment>/`` every file the trainee added that is not a
  notebook or ``answers.json`` (a ``json.py`` or ``course/`` beside the notebook would otherwise
  shadow the modules the hidden tests import);
* records what it did in the notebook metadata (``course_grading``), which the status report reads.

``HideGradingCode`` runs in ``generate_feedback``: it removes hidden tests and mark schemes from the
feedback and cuts error tracebacks of grade cells to their last line, because an IPython traceback
quotes the lines around the failing call -- the answer key.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from course.answers import ANSWERS_FILE
from course.grading import strings as s
from course.grading.cells import KnownCell, grade_id, known_cells, source_order

KEPT_FILES = {ANSWERS_FILE, "timestamp.txt", "submission_secret.txt"}


def _find_parent(obj, attribute: str):
    while obj is not None and not hasattr(obj, attribute):
        obj = getattr(obj, "parent", None)
    return obj


def quarantined(cell: NotebookNode) -> NotebookNode:
    """A new code cell holding ``cell``'s source as comments (never runs anything)."""
    import nbformat

    lines = [f"# {s.QUARANTINED}"] + [f"# {line}" for line in cell.source.splitlines()]
    new = nbformat.v4.new_code_cell("\n".join(lines))
    new.metadata["course_grading"] = {"quarantined": True}
    return new


class QuarantineTraineeCode(NbGraderPreprocessor):
    """Only instructor code runs during autograde (see the module docstring)."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        info = resources["nbgrader"]
        known = known_cells(info["db_url"], info["assignment"], info["notebook"])
        converter = _find_parent(self, "coursedir")
        order: list[str] = []
        if converter is not None:
            source_dir = Path(converter.coursedir.format_path(
                converter.coursedir.source_directory, ".", info["assignment"]))  # fmt: skip
            order = [
                g for g in source_order(source_dir / f"{info['notebook']}.ipynb") if g in known
            ]
        order += [g for g in known if g not in order]

        present: dict[str, NotebookNode] = {}
        following: dict[str | None, list[NotebookNode]] = {None: []}
        current, added = None, 0
        for cell in nb.cells:
            gid = grade_id(cell)
            if gid in known and gid not in present:
                present[gid], current = cell, gid
                following[gid] = []
                continue
            cell.metadata.pop("nbgrader", None)  # unknown or duplicated id: not an instructor cell
            if cell.cell_type == "code":
                cell, added = quarantined(cell), added + 1
            following[current].append(cell)

        restored = [g for g in order if g not in present]
        cells = list(following[None])
        for gid in order:
            if gid in present:
                cells.append(self._trusted(present[gid], known[gid]))
            else:
                cells.append(self._restore(known[gid]))
            cells.extend(following.get(gid, []))
        reordered = [g for g in present] != [g for g in order if g in present]
        nb.cells = cells
        removed = self._remove_added_files(converter, info) if converter is not None else []
        nb.metadata["course_grading"] = {
            "quarantined_cells": added,
            "restored_cells": restored,
            "reordered": reordered,
            "removed_files": removed,
        }
        if added or restored or reordered or removed:
            self.log.warning(
                "%s/%s: %d added code cell(s) not run, restored %s, reordered %s, removed files %s",
                info["student"], info["notebook"], added, restored, reordered, removed,
            )  # fmt: skip
        return nb, resources

    @staticmethod
    def _trusted(cell: NotebookNode, known: KnownCell) -> NotebookNode:
        """The instructor's cell as the gradebook has it; an answer cell keeps the trainee's
        text. Forged flags (e.g. a test cell marked as an answer, which nbgrader would neither
        restore nor autograde) are thereby undone too."""
        new = known.as_cell(None if known.locked else cell.source)
        if "attachments" in cell and new.cell_type == "markdown":
            new["attachments"] = cell["attachments"]
        return new

    @staticmethod
    def _restore(known: KnownCell) -> NotebookNode:
        cell = known.as_cell()
        cell.metadata["course_grading"] = {"restored": True}
        return cell

    @staticmethod
    def _remove_added_files(converter, info: dict) -> list[str]:
        dest = Path(converter._format_dest(info["assignment"], info["student"]))
        coursedir = converter.coursedir
        source = Path(coursedir.format_path(coursedir.source_directory, ".", info["assignment"]))
        instructor = (
            {p.relative_to(source).parts[0] for p in source.rglob("*")}
            if source.is_dir()
            else set()
        )
        removed = []
        for path in sorted(dest.iterdir()) if dest.is_dir() else []:
            if path.suffix == ".ipynb" or path.name in KEPT_FILES | instructor:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path.name)
        return removed


class HideGradingCode(NbGraderPreprocessor):
    """Feedback shows answers, verdicts and explanations, never the hidden test source."""

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme

        ClearHiddenTests(enforce_metadata=False)._remove_hidden_test_region(cell)
        ClearMarkScheme(enforce_metadata=False)._remove_mark_scheme_region(cell)
        nbgrader = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and nbgrader.get("grade") and not nbgrader.get("solution"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', '')}: {output.get('evalue', '')}"]
        return cell, resources
