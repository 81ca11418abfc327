"""The corpus of hostile and broken submissions (:mod:`tests.support.hostile`), graded twice.

Two copies of the course get the same corpus of ``quiz-4500`` submissions (each trainee answering
their own paper, drawn from the pools by their id): one is graded by ``course autograde --jobs
2``, the other by plain ``nbgrader autograde`` under the course's configuration; then ``nbgrader
generate_feedback`` and ``course grading status`` run in both. The tests check every case's
outcome in each run, that no case earned a mark its answers do not earn (an answers file of
another trainee's paper earns nothing and is reported as ``other-paper``), that every trainee
graded in both runs has identical per-cell scores, and that nothing of the source notebook, the
gradebook or a file outside the course reached any ``autograded/`` or ``feedback/`` folder.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
from pathlib import Path

import nbformat
import pytest

from tests.support import hostile
from tests.support.hostile import Graded, Logged, Refused
from tests.support.submissions import generate

pytestmark = pytest.mark.slow

A = "quiz-4500"
CASES = hostile.corpus(A)
#: text that may appear in no trainee's copy: hidden tests, a key literal, the gradebook's SQLite
#: header, /etc/passwd, the course configuration
FORBIDDEN = ("BEGIN HIDDEN TESTS", "KEY = {", "SQLite format 3", "root:x:0:0", "c.CourseDirectory")


def _grades(root: Path) -> dict[str, dict[str, float | None]]:
    """trainee -> {grade cell: auto score} from the course's gradebook."""
    from nbgrader.api import Gradebook

    out: dict[str, dict[str, float | None]] = {}
    with Gradebook(f"sqlite:///{root}/gradebook.db") as gb:
        for sub in gb.assignment_submissions(A):
            for nb in sub.notebooks:
                out.setdefault(sub.student.id, {}).update({g.name: g.auto_score for g in nb.grades})
    return out


def _log_by_trainee(log: str) -> dict[str, str]:
    """nbgrader's log split into the records about each trainee (nbgrader grades one at a time,
    so a record belongs to the last trainee a record named; a traceback belongs to the error
    record before it, whatever paths it quotes)."""
    named = re.compile(r"/(?:submitted|autograded)/([^/\n]+)/|ID '([^'\n]+)'|student '([^'\n]+)'")
    out: dict[str, str] = {}
    current = None
    for record in re.split(r"\n(?=\[AutogradeApp \|)", log):
        match = named.search(record)
        if match and not record.startswith("[AutogradeApp | ERROR] Traceback"):
            current = next(g for g in match.groups() if g)
        if current is not None:
            out[current] = out.get(current, "") + record + "\n"
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    out = {}
    for runner in ("course", "plain"):
        quiz = generate(tmp_path_factory.mktemp(f"hostile-{runner}"), A)
        cases = [c for c in CASES if c.expected(runner) is not None]
        hostile.build(quiz, cases)
        course = quiz.course
        if runner == "course":
            proc = course.course("autograde", A, "--jobs", "2")
            report = json.loads((course.root / "autograde_reports" / f"{A}.json").read_text())
        else:
            proc = course.nbgrader("autograde", A, "--Execute.shutdown_kernel=immediate", ok=False)
            report = None
        feedback = course.nbgrader("generate_feedback", A, ok=False)
        table = course.root / "status.csv"
        status = course.course("grading", "status", A, "--csv", str(table))
        assert status.returncode in (0, 1), status.stdout + status.stderr
        with open(table, encoding="utf-8") as fh:
            rows = {row["trainee"]: row for row in csv.DictReader(fh)}
        out[runner] = {
            "status": rows,
            "quiz": quiz,
            "root": course.root,
            "cases": cases,
            "proc": proc,
            "output": proc.stdout + proc.stderr,
            "report": report,
            "grades": _grades(course.root),
            "feedback": feedback,
        }
    return out


def _has_autograded_files(root: Path, trainee: str) -> bool:
    folder = root / "autograded" / trainee
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


def test_corpus_is_larger_than_the_issue_named():
    assert len(CASES) > 47 * 1.5
    assert len({c.trainee for c in CASES}) == len(CASES)


def test_every_case_has_its_outcome_under_course_autograde(runs):
    run = runs["course"]
    results = {r["student"]: r for r in run["report"]["results"]}
    wrong = []
    for case in run["cases"]:
        result = results.get(case.trainee)
        expected = case.course
        if result is None:
            wrong.append((case.trainee, "not in the report"))
            continue
        if isinstance(expected, Graded):
            ok = result["status"] == "graded"
        else:
            status = "refused" if isinstance(expected, Refused) else "failed"
            ok = result["status"] == status and all(w in result["reason"] for w in expected.words)
            ok = ok and not _has_autograded_files(run["root"], case.trainee)
        if not ok:
            wrong.append((case.trainee, result["status"], result["reason"]))
    assert wrong == []
    # every folder of submitted/ was counted, and the run needs attention (exit 1)
    assert f"{len(run['cases'])} submission(s)" in run["proc"].stdout
    assert run["proc"].returncode == 1, run["output"][-3000:]


def test_every_case_has_its_outcome_under_plain_nbgrader(runs):
    run = runs["plain"]
    log = run["output"]
    by_trainee = _log_by_trainee(log)
    wrong = []
    for case in run["cases"]:
        expected = case.expected("plain")
        text = by_trainee.get(case.trainee, "")
        if isinstance(expected, Graded):
            graded = run["root"] / "autograded" / case.trainee / A / f"{A}.ipynb"
            ok = graded.is_file() and f"for student '{case.trainee}'" not in log
        elif isinstance(expected, Logged):
            ok = all(w in log for w in expected.words)
        else:
            ok = all(w in text for w in expected.words)
            ok = ok and not _has_autograded_files(run["root"], case.trainee)
        if not ok:
            wrong.append((case.trainee, text[-600:]))
    assert wrong == []


def test_no_forged_marks_and_a_visible_error_for_every_unusable_answer_file(runs):
    for runner, run in runs.items():
        grades = run["grades"]
        full = grades[hostile.R]
        assert full and all(
            v == run["quiz"].points[k] for k, v in full.items() if k in run["quiz"].points
        )
        for case in run["cases"]:
            expected = case.expected(runner)
            if not isinstance(expected, Graded):
                continue
            wanted = dict(grades[expected.like])
            if expected.answer_gone:
                wanted[run["quiz"].reflection] = 0.0
            assert grades.get(case.trainee) == wanted, (runner, case.trainee)
            if expected.errors:
                path = run["root"] / "autograded" / case.trainee / A / f"{A}.ipynb"
                nb = nbformat.read(path, as_version=4)
                for grade_id in run["quiz"].points:
                    cell = next(
                        c
                        for c in nb.cells
                        if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id
                    )
                    assert any(o.output_type == "error" for o in cell.outputs), (
                        runner,
                        case.trainee,
                        grade_id,
                    )


def test_every_trainee_graded_in_both_runs_has_the_same_per_cell_scores(runs):
    course, plain = runs["course"]["grades"], runs["plain"]["grades"]
    both = [
        c.trainee
        for c in CASES
        if isinstance(c.course, Graded) and isinstance(c.expected("plain"), Graded)
    ]
    assert len(both) > 40
    assert {t: course.get(t) for t in both} == {t: plain.get(t) for t in both}


def test_nothing_of_the_key_or_gradebook_reaches_autograded_or_feedback(runs):
    for runner, run in runs.items():
        root = run["root"]
        for top in ("autograded", "feedback"):
            for dirpath, dirnames, filenames in os.walk(root / top):
                for name in dirnames + filenames:
                    path = Path(dirpath) / name
                    mode = path.lstat().st_mode
                    assert stat.S_ISDIR(mode) or stat.S_ISREG(mode), (runner, path)
                    if stat.S_ISDIR(mode):
                        continue
                    text = path.read_bytes().decode("utf-8", "replace")
                    allowed = (
                        ("BEGIN HIDDEN TESTS", "KEY = {")
                        if (top == "autograded" and name == f"{A}.ipynb")
                        else ()
                    )
                    for marker in FORBIDDEN:
                        if marker not in allowed:
                            assert marker not in text, (runner, path, marker)
        assert run["feedback"].returncode in (0, 1), run["feedback"].stderr[-2000:]
        pages = list((root / "feedback").glob(f"*/{A}/{A}.html"))
        assert len(pages) > 40


def test_feedback_never_copies_through_a_link(runs):
    """A link left in an autograded folder (by trainee code run with the quarantine off, say)
    is refused by generate_feedback instead of copied into the trainee's feedback."""
    run = runs["plain"]
    root, trainee = run["root"], "honest-1"
    folder = root / "autograded" / trainee / A
    os.chmod(folder, 0o755)
    (folder / "answers.json").unlink()
    os.symlink(root / "source" / A / f"{A}.ipynb", folder / "answers.json")
    proc = run["quiz"].course.nbgrader(
        "generate_feedback", A, f"--student={trainee}", "--force", ok=False
    )
    copied = root / "feedback" / trainee / A / "answers.json"
    assert not copied.exists() or "BEGIN HIDDEN TESTS" not in copied.read_text("utf-8")
    assert "symbolic link" in proc.stdout + proc.stderr


def test_the_status_report_names_what_each_case_is(runs):
    """``course grading status`` tells an answers file of another paper apart (and names whose
    paper it is), in both runs."""
    for runner, run in runs.items():
        checked = [c for c in run["cases"] if c.status is not None]
        assert len(checked) >= 3
        for case in checked:
            row = run["status"][case.trainee]
            assert row["status"] == case.status, (runner, case.trainee, row)
        copied = run["status"]["copied-answers"]["details"]
        assert "不属于该学员的题目" in copied and "honest-1" in copied, copied


def test_no_sqlalchemy_warnings_in_course_autograde_output(runs):
    assert "SAWarning" not in runs["course"]["output"]


def test_course_autograde_report_is_valid_json_with_odd_file_names(runs):
    # the non-UTF-8 file name was removed and reported; the report is still readable JSON
    results = {r["student"]: r for r in runs["course"]["report"]["results"]}
    assert results["non-utf8-filename"]["status"] == "graded"
    text = (runs["course"]["root"] / "autograde_reports" / f"{A}.json").read_text("utf-8")
    assert json.loads(text)["assignment"] == A
