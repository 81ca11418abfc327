"""``course grading status``: the per-trainee status of an assignment after autograde, so that no
broken submission hides behind a score of 0.

For every trainee with a submission folder or a gradebook entry it checks, independently of
autograde's own logs:

* the id: one nbgrader would glob (``c40_[ab]`` selects ``c40_a``) or hide (``.x``) is refused;
* each notebook: present, readable JSON, its instructor cells all there and unchanged
  (compared with the gradebook), trainee-added code cells;
* ``answers.json``: present, readable, how many of the questions of the trainee's paper have an
  answer (the paper drawn again from the trainee id, :mod:`course.grading.papers`), and whether it
  answers questions of another paper (``other-paper``: a neighbour's file; autograde then scores
  none of it);
* the autograded notebook: present (autograde did not fail or skip it), executed (an interrupted
  run leaves a sanitised, never-executed copy), cells that timed out;
* the gradebook: a score for every autograded cell, the total, manual grading still to do.

One trainee's files never stop the table: whatever goes wrong while checking them is that
trainee's ``check-failed`` row, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from course.answers import ANSWERS_FILE, CORRUPT, MISSING, read_submitted
from course.grading.cells import grade_id, is_tampered, known_cells
from course.grading.papers import PaperSpec
from course.grading.strings import STATUS_DETAILS as D
from course.grading.strings import STATUS_WHERE as WHERE
from course.ids import IdError, check_trainee

if TYPE_CHECKING:
    from course.nbcourse import Course

#: Status codes, worst first (their Chinese labels: ``strings.STATUS_LABELS``).
STATUSES = (
    "check-failed",
    "bad-id",
    "unreadable",
    "no-notebook",
    "not-autograded",
    "not-executed",
    "no-score",
    "timed-out",
    "other-paper",
    "answers-corrupt",
    "answers-missing",
    "tampered",
    "unanswered",
    "incomplete",
    "graded",
)
#: Statuses that mean the score cannot be trusted as it stands (exit status 1).
PROBLEMS = frozenset(STATUSES[: STATUSES.index("tampered") + 1])
#: Statuses under which the gradebook's score is not shown: it is not the trainee's result.
UNSCORED = frozenset(STATUSES[: STATUSES.index("no-score") + 1])
TIMEOUT_NAMES = {"CellTimeoutError", "TimeoutError", "DeadKernelError"}


@dataclass
class Row:
    trainee: str
    status: str = "graded"
    score: float | None = None
    max_score: float | None = None
    answered: int = 0
    questions: int = 0
    issues: list[str] = field(default_factory=list)

    def flag(self, status: str, issue: str) -> None:
        """Record ``issue``; keep the worse of the current status and ``status``."""
        self.issues.append(issue)
        if STATUSES.index(status) < STATUSES.index(self.status):
            self.status = status


@dataclass
class Graded:
    """What the gradebook holds of one assignment (read once for every trainee)."""

    notebooks: list[str]
    papers: list[PaperSpec]  # the generated notebooks' papers (one per graded quiz notebook)
    known: dict[str, dict]  # notebook -> grade id -> KnownCell
    max_score: float | None
    scores: dict[str, tuple[float, float, bool]]  # trainee -> score, max, needs manual grading
    unscored: dict[str, list[str]]  # trainee -> autograded cells without any score

    def paper(self, trainee: str) -> list[str]:
        """The question ids on ``trainee``'s paper, in slot order."""
        return [q for spec in self.papers for q in spec.draw(trainee).values()]

    def foreign(self, trainee: str, answered: list[str]) -> list[str]:
        """The questions among ``answered`` that belong to another trainee's paper."""
        return sorted({q for spec in self.papers for q in spec.foreign(trainee, answered)})

    def pooled(self) -> list[str]:
        """Every question of the assignment's pools."""
        return [q for spec in self.papers for q in spec.questions()]


def read_gradebook(course: Course, assignment: str) -> Graded:
    """The gradebook's view of ``assignment``; raises ``nbgrader.api.MissingEntry`` if it is
    not there and :class:`course.nbcourse.CourseError` if there is no gradebook."""
    from course.grading.code import read_cells

    with course.gradebook() as gb:
        found = gb.find_assignment(assignment)
        notebooks = [nb.name for nb in found.notebooks]
        scores, unscored = {}, {}
        for sub in gb.assignment_submissions(assignment):
            trainee = sub.student.id
            scores[trainee] = (sub.score, sub.max_score, sub.needs_manual_grade)
            unscored[trainee] = [
                f"{nb.name}:{g.name}"
                for nb in sub.notebooks
                for g in nb.grades
                if g.cell.cell_type == "code" and g.auto_score is None and g.manual_score is None
            ]
        max_score = found.max_score
    known = {nb: known_cells(course.db_url, course.course_id, assignment, nb) for nb in notebooks}
    papers = []
    for cells in known.values():
        paper, _ = read_cells({name: cell.source for name, cell in cells.items()})
        if paper is not None:
            papers.append(paper)
    return Graded(notebooks, papers, known, max_score, scores, unscored)


def status_rows(course: Course, assignment: str) -> list[Row]:
    """One :class:`Row` per trainee of ``assignment``, sorted by id; never raises for one
    trainee's files (see :func:`read_gradebook` for what stops the whole table)."""
    graded = read_gradebook(course, assignment)
    trainees = sorted(set(course.students("submitted", assignment)) | set(graded.scores))
    rows = []
    for trainee in trainees:
        row = Row(trainee, max_score=graded.max_score)
        try:
            row.questions = len(graded.paper(trainee))
            _check(course, assignment, graded, row, trainees)
        except Exception as exc:  # whatever it is, it is this trainee's row, not everyone's
            text = str(exc).splitlines()[0][:160] if str(exc) else ""
            row.flag(
                "check-failed", D["check-failed"].format(error=f"{type(exc).__name__}: {text}")
            )
        if row.status not in UNSCORED and trainee in graded.scores:
            row.score, row.max_score, manual = graded.scores[trainee]
            if manual:
                row.issues.append(D["manual"])
        rows.append(row)
    return rows


def _check(course: Course, assignment: str, graded: Graded, row: Row, everyone: list[str]) -> None:
    try:
        check_trainee(row.trainee)
    except IdError as exc:
        row.flag("bad-id", D["bad-id"].format(error=exc))
        return
    folder = course.path("submitted", row.trainee, assignment)
    autograded_folder = course.path("autograded", row.trainee, assignment)
    autograded_any = False
    for name in graded.notebooks:
        nb = _notebook(row, folder / f"{name}.ipynb", "submitted")
        if nb is None:
            continue
        added = _check_submitted(row, nb, graded.known[name])
        path = autograded_folder / f"{name}.ipynb"
        result = _notebook(row, path, "autograded") if path.is_file() else None
        if result is None:
            row.flag("not-autograded", D["not-autograded"].format(name=name))
            continue
        autograded_any = True
        _check_autograded(row, name, result, graded.known[name], added)
    _check_answers(row, folder, graded, everyone)
    if row.trainee in graded.scores:
        if graded.unscored[row.trainee]:
            cells = ", ".join(graded.unscored[row.trainee])
            row.flag("no-score", D["no-score"].format(cells=cells))
    elif autograded_any:
        row.flag("no-score", D["no-submission"])


def _notebook(row: Row, path: Path, where: str):
    """The notebook at ``path``, or None after flagging why it cannot be read."""
    import nbformat

    if path.is_symlink():
        row.flag("unreadable", D["symlink"].format(where=WHERE[where], name=path.name))
        return None
    if not path.is_file():
        if where == "submitted":
            row.flag("no-notebook", D["no-notebook"].format(name=path.name))
        return None
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # NotJSONError, ValueError, UnicodeDecodeError, RecursionError...
        text = str(exc).splitlines()[0][:80] if str(exc) else ""
        row.flag(
            "unreadable",
            D["unreadable"].format(
                where=WHERE[where], name=path.name, error=f"{type(exc).__name__}: {text}"
            ),
        )
        return None


def _check_submitted(row: Row, nb, known: dict) -> int:
    """Flag missing or changed instructor cells; return how many code cells were added."""
    present = {}
    added = 0
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid in known and gid not in present:
            present[gid] = cell
        elif cell.get("cell_type") == "code":
            added += 1
    missing = [g for g in known if g not in present]
    changed = [g for g, cell in present.items() if is_tampered(cell, known[g])]
    if missing:
        row.flag("tampered", D["missing-cells"].format(cells=", ".join(missing)))
    if changed:
        row.flag("tampered", D["changed-cells"].format(cells=", ".join(changed)))
    return added


def _check_autograded(row: Row, name: str, nb, known: dict, added: int) -> None:
    if added:
        ran = "course_grading" not in nb.metadata  # the quarantine was switched off
        row.issues.append(
            D["added-cells"].format(count=added, ran=D["added-ran" if ran else "added-not-run"])
        )
    timed_out, not_run = [], []
    for index, cell in enumerate(nb.cells, 1):
        gid = grade_id(cell)
        outputs = cell.get("outputs", [])
        if any(
            o.get("output_type") == "error" and o.get("ename") in TIMEOUT_NAMES for o in outputs
        ):
            timed_out.append(gid or f"cell {index}")
        elif (
            gid in known
            and known[gid].grade
            and cell.get("cell_type") == "code"
            and cell.get("execution_count") is None
            and not outputs
        ):
            not_run.append(gid)
    if not_run:
        row.flag("not-executed", D["not-executed"].format(name=name, cells=", ".join(not_run)))
    if timed_out:
        row.flag("timed-out", D["timed-out"].format(cells=", ".join(timed_out)))


def _check_answers(row: Row, folder: Path, graded: Graded, everyone: list[str]) -> None:
    record = read_submitted(folder / ANSWERS_FILE)
    if record.status == MISSING:
        row.flag("answers-missing", D["answers-missing"].format(file=ANSWERS_FILE))
    elif record.status == CORRUPT:
        row.flag(
            "answers-corrupt",
            D["answers-corrupt"].format(file=ANSWERS_FILE, problem=record.problem),
        )
    else:
        foreign = graded.foreign(row.trainee, record.answered(graded.pooled()))
        if foreign:
            row.flag("other-paper", _other_paper(row.trainee, foreign, graded, everyone))
        questions = graded.paper(row.trainee)
        answered = record.answered(questions)
        row.answered = len(answered)
        if not answered:
            row.flag("unanswered", D["unanswered"])
        elif len(answered) < len(questions):
            missing = [q for q in questions if q not in answered]
            row.flag("incomplete", D["incomplete"].format(questions=", ".join(missing)))


def _other_paper(trainee: str, foreign: list[str], graded: Graded, everyone: list[str]) -> str:
    """The details of an ``other-paper`` row: the questions answered that are not on the
    trainee's paper, and whose paper (among the trainees of the assignment) has them all."""
    owners = [t for t in everyone if t != trainee and set(foreign) <= set(graded.paper(t))]
    where = D["other-paper-owners"].format(trainees=", ".join(owners[:3])) if owners else ""
    return D["other-paper"].format(file=ANSWERS_FILE, questions=", ".join(foreign), owners=where)
