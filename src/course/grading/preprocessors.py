"""nbgrader preprocessors that keep a trainee's additions away from grading and keep the hidden
tests out of feedback. Both are switched on in ``quizzes/nbgrader_config.py``.

``QuarantineTraineeCode`` runs in autograde's sanitising phase, before nbgrader's ``OverwriteCells``
(which fails a whole submission whose locked cell had its nbgrader flags changed: it restores the
source, not the flags, and then finds the checksum still wrong). It

* refuses (raises :class:`~course.exchange.untrusted.UntrustedSubmission`, so that nbgrader
  removes what it copied and reports the trainee) a submission that holds a link, a special file
  or an oversized file (:mod:`course.exchange.untrusted`), a trainee id that :mod:`course.ids`
  refuses, or a notebook that nbgrader also found through another trainee's folder (an id with
  glob characters: nbgrader globs ids, so ``c40_[ab]`` finds ``c40_a``'s notebook, and neither
  can be graded until that folder is renamed); under plain ``nbgrader autograde`` it also logs, as
  an error, the folders nbgrader never looks at (a name starting with a dot). nbgrader has
  already copied the submission's files by then: ``course autograde`` checks before it does;
* puts the instructor's cells back in the source notebook's order, re-inserting any the trainee
  deleted (from the gradebook; a deleted answer cell comes back empty and scores 0);
* turns every other code cell (added by the trainee, or whose nbgrader metadata was forged) into
  comments, so that only instructor code runs before the hidden tests;
* removes from ``autograded/<trainee>/<assignment>/`` every file the trainee added that is not a
  notebook or ``answers.json`` (a ``json.py`` or ``course/`` beside the notebook would otherwise
  shadow the modules the hidden tests import);
* records what it did in the notebook metadata (``course_grading``), which the status report reads.

``HideGradingCode`` runs in ``generate_feedback``: it refuses an autograded folder holding a link or
a special file (trainee code run with the quarantine off could leave one, and nbgrader copies
through it), removes hidden tests and mark schemes from the feedback and cuts error tracebacks of
grade cells to their last line, because an IPython traceback quotes the lines around the failing
call -- the answer key.
"""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

from nbformat import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import NbGraderPreprocessor

from course.answers import ANSWERS_FILE
from course.exchange import untrusted
from course.exchange.untrusted import UntrustedSubmission
from course.grading import strings as s
from course.grading.cells import KnownCell, grade_id, known_cells, source_order
from course.grading.identity import TRAINEE_FILE
from course.ids import IdError, check_trainee

#: Files a trainee's folder keeps at autograde (data, never run; the id in TRAINEE_FILE is not
#: read at grading: the paper is drawn for the folder's trainee).
KEPT_FILES = {ANSWERS_FILE, TRAINEE_FILE, "timestamp.txt", "submission_secret.txt"}


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
        converter = _find_parent(self, "coursedir")
        if converter is not None:
            _refuse_untrusted(converter, info, resources)
        coursedir = converter.coursedir if converter is not None else CourseDirectory(parent=self)
        known = known_cells(
            info["db_url"], coursedir.course_id, info["assignment"], info["notebook"]
        )
        order: list[str] = []
        if converter is not None:
            source_dir = Path(
                coursedir.format_path(coursedir.source_directory, ".", info["assignment"])
            )
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
                info["student"],
                info["notebook"],
                added,
                restored,
                reordered,
                removed,
            )
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
            removed.append(untrusted.shown(path.name))
        return removed


class HideGradingCode(NbGraderPreprocessor):
    """Feedback shows answers, verdicts and explanations, never the hidden test source."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        converter = _find_parent(self, "coursedir")
        if converter is not None:
            info, coursedir = resources["nbgrader"], converter.coursedir
            untrusted.check(
                coursedir.format_path(
                    coursedir.autograded_directory, info["student"], info["assignment"]
                ),
                untrusted.max_file_bytes(coursedir),
                within=coursedir.format_path(coursedir.autograded_directory, ".", "."),
            )
        return super().preprocess(nb, resources)

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


def _refuse_untrusted(converter, info: dict, resources: dict) -> None:
    """Raise UntrustedSubmission for a submission nbgrader must not grade (module docstring)."""
    coursedir = converter.coursedir
    step = coursedir.submitted_directory
    submitted = coursedir.format_path(step, info["student"], info["assignment"])
    within = coursedir.format_path(step, ".", ".")
    if glob.has_magic(coursedir.student_id):  # nbgrader is globbing ids: say what it cannot see
        _log_hidden_folders(converter, os.path.normpath(within))
    try:
        check_trainee(info["student"])
    except IdError as err:
        raise UntrustedSubmission(submitted, [str(err)]) from None
    meta = resources.get("metadata", {})
    notebook = os.path.normpath(os.path.join(meta.get("path", ""), meta.get("name", "") + ".ipynb"))
    others = sorted(
        os.path.relpath(folder, within)
        for folder, notebooks in getattr(converter, "assignments", {}).items()
        if os.path.normpath(folder) != os.path.dirname(notebook)
        and notebook in {os.path.normpath(n) for n in notebooks}
    )
    if others:
        problem = (
            f"nbgrader also found this notebook through {', '.join(others)}: a trainee id with "
            "glob characters selects other trainees' work; rename that folder, then grade again"
        )
        raise UntrustedSubmission(submitted, [problem])
    untrusted.check(submitted, untrusted.max_file_bytes(coursedir), within=within)


_REPORTED: set[str] = set()


def _log_hidden_folders(converter, submitted_root: str) -> None:
    """Log once per run each trainee folder nbgrader's ``*`` never matches (a leading dot)."""
    if submitted_root in _REPORTED or not os.path.isdir(submitted_root):
        return
    _REPORTED.add(submitted_root)
    for name in sorted(os.listdir(submitted_root)):
        if name.startswith("."):
            try:
                check_trainee(name)
            except IdError as err:
                converter.log.error("Trainee folder %r is never graded by nbgrader: %s", name, err)
