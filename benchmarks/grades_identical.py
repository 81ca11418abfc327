"""Grades of the same submissions under two versions of the code: a git ref and the working tree.

Builds a temporary course from ``quizzes/`` (the assignment generated once, see
``tests/support/submissions.py``) and lays out N submissions: each trainee's own paper answered
partly right and partly wrong, plus one with an ``answers.json`` that is not JSON, one without an
``answers.json`` and one holding a classmate's. Each version then grades its own copy of that
course with the real pipeline (``course autograde --jobs 2``, then ``nbgrader export``), the
``course`` package taken from ``src/`` of REF (``git archive``) or from the working tree. Prints
both exports' sizes, every per-cell and exported difference, and whether the grades are
identical. Exit status 1 when they differ.

    .venv/bin/python benchmarks/grades_identical.py --before main --students 12
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.submissions import generate  # noqa: E402

A = "quiz-4500"


def extract_src(ref: str, into: Path) -> Path:
    """``src/`` of git ``ref`` unpacked under ``into``; returns that ``src`` folder."""
    tar = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref, "src"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(into, filter="data")
    return into / "src"


def grade(course_root: Path, env: dict[str, str]) -> tuple[dict, list[dict]]:
    """Autograde and export ``course_root``; returns (per-cell scores, exported rows)."""
    run = [sys.executable, "-m", "course", "autograde", A, "--jobs", "2"]
    done = subprocess.run(run, cwd=course_root, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: it ran, some submission needs attention
        raise SystemExit(f"course autograde failed:\n{done.stdout}\n{done.stderr}")
    export = [sys.executable, "-m", "nbgrader", "export", "--to", "grades.csv"]
    subprocess.run(export, cwd=course_root, env=env, capture_output=True, check=True)
    with open(course_root / "grades.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    probe = (
        "import json, sys\n"
        "from nbgrader.api import Gradebook\n"
        "out = {}\n"
        f"with Gradebook('sqlite:///{course_root}/gradebook.db', 'zj-tibet-4500') as gb:\n"
        f"    for sub in gb.assignment_submissions({A!r}):\n"
        "        for nb in sub.notebooks:\n"
        "            for g in nb.grades:\n"
        "                key = f'{sub.student.id}|{nb.name}|{g.name}'\n"
        "                out[key] = [g.auto_score, g.manual_score, g.needs_manual_grade]\n"
        "print(json.dumps(out))\n"
    )
    cells = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    import json

    return json.loads(cells.stdout), rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git ref of the code to compare with")
    parser.add_argument("--students", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        quiz = generate(base / "made", A)
        trainees = [f"t{i:02d}" for i in range(args.students)]
        for i, trainee in enumerate(trainees):
            right, wrong = quiz.right_answers(trainee), quiz.wrong_answers(trainee)
            quiz.submit(
                trainee, {q: (right if (i + j) % 3 else wrong)[q] for j, q in enumerate(right)}
            )
        for odd in ("x-corrupt", "x-missing", "x-classmate"):
            quiz.submit(odd, quiz.right_answers(odd))
        answers = quiz.submitted / "x-corrupt" / A / "answers.json"
        answers.write_text("{not json", "utf-8")
        (quiz.submitted / "x-missing" / A / "answers.json").unlink()
        shutil.copy(quiz.submitted / "t00" / A / "answers.json", quiz.submitted / "x-classmate" / A)
        results = {}
        for side in (args.before, "working tree"):
            root = base / side.replace(" ", "-").replace("/", "-") / "quizzes"
            shutil.copytree(quiz.course.root, root, symlinks=True)
            env = quiz.course.env()
            if side != "working tree":
                env["PYTHONPATH"] = str(extract_src(side, root.parent / "code"))
            results[side] = grade(root, env)
            cells, rows = results[side]
            print(f"{side}: {len(cells)} graded cells, {len(rows)} exported rows")
    (cells_a, rows_a), (cells_b, rows_b) = results.values()
    differ = [k for k in sorted(set(cells_a) | set(cells_b)) if cells_a.get(k) != cells_b.get(k)]
    for key in differ:
        print(f"  cell {key}: {cells_a.get(key)} -> {cells_b.get(key)}")
    keyed = [{r["student_id"]: r for r in rows} for rows in (rows_a, rows_b)]
    exported = [
        s for s in sorted(set(keyed[0]) | set(keyed[1])) if keyed[0].get(s) != keyed[1].get(s)
    ]
    for student in exported:
        print(f"  export {student}: {keyed[0].get(student)} -> {keyed[1].get(student)}")
    same = not differ and not exported
    print(f"grades identical: {'yes' if same else 'no'} ({len(cells_a)} cells, {len(rows_a)} rows)")
    return 0 if same else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
