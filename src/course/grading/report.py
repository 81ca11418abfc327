"""The per-trainee status of an assignment after autograde, so that no broken submission hides
behind a score of 0.

For every trainee with a submission (``submitted/<trainee>/<assignment>/``) or a gradebook entry,
it checks, independently of autograde's own logs:

* each notebook: present, readable JSON, its instructor cells all there and unchanged
  (compared with the gradebook), trainee-added code cells;
* ``answers.json``: present, readable, how many of the graded questions have an answer;
* the autograded notebook: present (autograde did not fail or skip it), cells that timed out;
* the gradebook: score, maximum, whether free-text answers still need manual grading.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from course.answers import ANSWERS_FILE, CORRUPT, MISSING, read_submitted
from course.grading.cells import grade_id, is_tampered, known_cells

#: Status codes, worst first, with the words the table shows.
STATUSES = {
    "unreadable": "笔记本无法读取（不是有效的 JSON）",
    "no-notebook": "提交中没有笔记本",
    "not-autograded": "未能自动评分",
    "timed-out": "有单元格运行超时",
    "answers-corrupt": "答题记录已损坏",
    "answers-missing": "缺少答题记录",
    "tampered": "评分单元格被删除或改动（已恢复后评分）",
    "unanswered": "已评分：一题未答",
    "incomplete": "已评分：部分未答",
    "graded": "已评分",
}
#: Statuses that mean the score cannot be trusted as it stands: the command exits with 1.
PROBLEMS = {"unreadable", "no-notebook", "not-autograded", "timed-out", "answers-corrupt",
            "answers-missing", "tampered"}  # fmt: skip
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
        order = list(STATUSES)
        if order.index(status) < order.index(self.status):
            self.status = status


def _read_notebook(path: Path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4), ""
    except Exception as exc:  # NotJSONError, ValueError, UnicodeDecodeError, ValidationError...
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0][:80] if str(exc) else ''}"


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
        row.flag("tampered", f"missing cells: {', '.join(missing)}")
    if changed:
        row.flag("tampered", f"changed cells: {', '.join(changed)}")
    return added


def _check_autograded(row: Row, nb, added: int) -> None:
    if added:
        ran = "course_grading" not in nb.metadata  # the quarantine was switched off
        row.issues.append(f"{added} added code cell(s), {'RAN' if ran else 'not run'}")
    timed_out = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") in TIMEOUT_NAMES:
                timed_out.append(grade_id(cell) or f"cell {nb.cells.index(cell) + 1}")
    if timed_out:
        row.flag("timed-out", f"timed out: {', '.join(timed_out)}")


def _configured_db_url(root: Path) -> str:
    """The gradebook the course's nbgrader configuration names (interim, until the course
    access layer ``course.nbcourse`` lands)."""
    from nbgrader.apps import NbGrader
    from nbgrader.coursedir import CourseDirectory

    app = NbGrader()
    app.config_file_paths.insert(0, str(root))
    app.load_config_file()
    return CourseDirectory(config=app.config).db_url


def status_rows(root: str | Path, assignment: str) -> list[Row]:
    """One :class:`Row` per trainee of ``assignment`` in the course at ``root``."""
    from nbgrader.api import Gradebook, MissingEntry

    from course.grading.keys import gradebook_keys

    root = Path(root).resolve()
    db_url = _configured_db_url(root)
    questions = sorted({k.question for k in gradebook_keys(db_url, assignment)})
    with Gradebook(db_url) as gb:
        notebooks = [nb.name for nb in gb.find_assignment(assignment).notebooks]
        graded = {s.student.id: s for s in gb.assignment_submissions(assignment)}
        scores = {sid: (s.score, s.max_score, s.needs_manual_grade) for sid, s in graded.items()}
        try:
            max_score = gb.find_assignment(assignment).max_score
        except MissingEntry:
            max_score = None
    known = {nb: known_cells(db_url, assignment, nb) for nb in notebooks}
    submitted = {p.parent.name for p in root.glob(f"submitted/*/{assignment}") if p.is_dir()}
    rows = []
    for trainee in sorted(submitted | set(scores)):
        row = Row(trainee, questions=len(questions), max_score=max_score)
        folder = root / "submitted" / trainee / assignment
        for name in notebooks:
            path = folder / f"{name}.ipynb"
            if not path.is_file():
                row.flag("no-notebook", f"{name}.ipynb not submitted")
                continue
            nb, problem = _read_notebook(path)
            if nb is None:
                row.flag("unreadable", f"{name}.ipynb unreadable ({problem})")
                continue
            added = _check_submitted(row, nb, known[name])
            graded_path = root / "autograded" / trainee / assignment / f"{name}.ipynb"
            autograded, _ = _read_notebook(graded_path) if graded_path.is_file() else (None, "")
            if autograded is None:
                row.flag(
                    "not-autograded", f"no autograded {name}.ipynb (autograde failed or not run)"
                )
            else:
                _check_autograded(row, autograded, added)
        record = read_submitted(folder / ANSWERS_FILE)
        if record.status == MISSING:
            row.flag("answers-missing", f"no {ANSWERS_FILE}")
        elif record.status == CORRUPT:
            row.flag("answers-corrupt", f"{ANSWERS_FILE}: {record.problem}")
        else:
            row.answered = len(record.answered(questions))
            if row.answered == 0:
                row.flag("unanswered", "no question answered")
            elif row.answered < len(questions):
                missing = [q for q in questions if q not in record.answered(questions)]
                row.flag("incomplete", f"unanswered: {', '.join(missing)}")
        if trainee in scores and row.status not in {"unreadable", "no-notebook", "not-autograded"}:
            row.score, row.max_score, manual = scores[trainee]
            if manual:
                row.issues.append("free-text answers await manual grading")
        rows.append(row)
    return rows


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _cells(row: Row) -> list[str]:
    score = "—" if row.score is None else f"{row.score:g} / {row.max_score or 0:g}"
    return [row.trainee, f"{row.status}  {STATUSES[row.status]}", score,
            f"{row.answered}/{row.questions}", "; ".join(row.issues) or "—"]  # fmt: skip


HEADERS = ["学员 trainee", "状态 status", "得分 score", "作答 answered", "说明 details"]


def render(rows: list[Row]) -> str:
    """The rows as an aligned text table (East Asian wide characters count double)."""
    table = [HEADERS] + [_cells(r) for r in rows]
    widths = [max(_width(line[i]) for line in table) for i in range(len(HEADERS))]
    lines = [
        "  ".join(_pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip() for line in table
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_csv(rows: list[Row], path: str | Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(
            ["trainee", "status", "score", "max_score", "answered", "questions", "details"]
        )
        for r in rows:
            out.writerow([r.trainee, r.status, r.score, r.max_score, r.answered, r.questions,
                          "; ".join(r.issues)])  # fmt: skip
