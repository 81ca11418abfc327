"""Benchmark ``course report --all`` on 500 trainees x 3 assignments.

Builds a course in a temporary folder: the three graded quizzes of ``quizzes/source`` generated
by the real ``nbgrader generate_assignment`` (so the gradebook holds the real questions), then
500 trainees, each with their own paper, whose grades are inserted through nbgrader's
``Gradebook`` API (no autograde:
1500 submissions would take half an hour) and whose ``answers.json`` records are written through
the quiz engine's ``AnswerStore``. Each answer is right with a probability that grows with the
trainee's ability, else a random wrong answer; its score is the quiz engine's own check, and the
reflections get a manual score. Then times the report, in-process and through the command line.
Prints figures; asserts nothing.

    .venv/bin/python benchmarks/report_bench.py --trainees 500
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENTS = ["quiz-4500", "quiz-campaigns", "quiz-final"]


def wrong_answer(rng: random.Random, q) -> object:
    """A plausible wrong (or partly right) answer to question ``q``."""
    if q.type == "single":
        return rng.choice([o for o in q.options if o != q.answer])
    if q.type == "truefalse":
        return not q.answer
    if q.type == "multiple":
        return rng.sample(q.options, rng.randint(1, len(q.options)))
    if q.type == "matching":
        return {left: rng.choice(q.options) for left in q.left}
    if q.type == "ordering":
        return rng.sample(q.options, len(q.options))
    return rng.choice(["不知道", "文章没有说明", "安全"])


def right_answer(q) -> object:
    return q.answer[0] if q.type == "fill" and isinstance(q.answer, list) else q.answer


def setup(root: Path, trainees: int, seed: int) -> None:
    from nbgrader.api import Grade, Gradebook, Student, SubmittedAssignment, SubmittedNotebook

    from course.grading import pools

    started = time.monotonic()
    shutil.copytree(REPO / "quizzes" / "source", root / "source")
    shutil.copy(REPO / "quizzes" / "nbgrader_config.py", root / "nbgrader_config.py")
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "COURSE_EXCHANGE": str(root / "exchange"),
    }  # nbgrader runs `alembic` from PATH
    for a in ASSIGNMENTS:
        proc = subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", a],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode:
            raise SystemExit(f"nbgrader generate_assignment {a} failed:\n{proc.stderr}")
    quizzes = {q.assignment: q for q in pools.load(REPO / "quizzes")}
    questions = {a: {q.id: q for q in quizzes[a].questions()} for a in ASSIGNMENTS}
    rng = random.Random(seed)
    url = f"sqlite:///{root / 'gradebook.db'}"
    print(f"generate_assignment x {len(ASSIGNMENTS)}: {time.monotonic() - started:.1f} s")
    with Gradebook(url, "zj-tibet-4500") as gb, gb.db.no_autoflush:
        # One session and one commit for everything: Gradebook.add_submission commits once per
        # submission, which takes minutes for 1500. The objects are nbgrader's own models,
        # linked exactly as add_submission links them.
        students = [Student(id=f"s{i:04d}") for i in range(trainees)]
        gb.db.add_all(students)
        for a in ASSIGNMENTS:
            assignment = gb.find_assignment(a)
            notebook = assignment.notebooks[0]
            for i, student in enumerate(students):
                ability = i / max(1, trainees - 1)
                sub = SubmittedAssignment(assignment=assignment, student=student)
                gb.db.add(sub)
                snb = SubmittedNotebook(notebook=notebook, assignment=sub)
                gb.db.add(snb)
                given, scores = {}, {}
                paper = quizzes[a].paper()
                for slot, qid in paper.draw(student.id).items():  # the trainee's own paper
                    q = questions[a][qid]
                    scores[slot] = 0.0  # not answered (5 %)
                    if rng.random() >= 0.05:
                        right = rng.random() < 0.25 + 0.7 * ability
                        given[q.id] = right_answer(q) if right else wrong_answer(rng, q)
                        scores[slot] = q.check(given[q.id]).score * paper.points(slot)
                for cell in notebook.grade_cells:
                    grade = Grade(cell=cell, notebook=snb, needs_manual_grade=False)
                    if cell.name in scores:
                        grade.auto_score = scores[cell.name]
                    else:  # the reflection, graded by hand
                        grade.manual_score = float(min(4, round(ability * 4 + rng.random())))
                    gb.db.add(grade)
                for cell in notebook.task_cells:
                    gb.db.add(Grade(cell=cell, notebook=snb, needs_manual_grade=False))
                write_answers(root / "submitted" / student.id / a, given, questions[a])
        gb.db.commit()


def write_answers(folder: Path, given: dict, questions: dict) -> None:
    """The trainee's answers.json in the quiz engine's format, through its AnswerStore."""
    from course.answers import AnswerStore, utc_now

    types, at = {qid: q.type for qid, q in questions.items()}, utc_now()
    folder.mkdir(parents=True)
    records = {
        qid: {
            "question_id": qid,
            "type": types[qid],
            "answer": answer,
            "correct": None,
            "score": None,
            "attempts": [{"answer": answer, "correct": None, "score": None, "at": at}],
        }
        for qid, answer in given.items()
    }
    AnswerStore(folder / "answers.json").update(lambda data: data["answers"].update(records))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trainees", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary course")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="report-bench-"))
    try:
        started = time.monotonic()
        setup(root, args.trainees, args.seed)
        print(
            f"set-up: {args.trainees} trainees x {len(ASSIGNMENTS)} assignments "
            f"in {time.monotonic() - started:.1f} s"
        )

        from course.analytics.load import load
        from course.analytics.report import write

        started = time.monotonic()
        cohort = load(root, progress=False)
        loaded = time.monotonic() - started
        path = write(cohort, root / "report", progress=False)
        in_process = time.monotonic() - started
        started = time.monotonic()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "course",
                "report",
                "--all",
                "--course-dir",
                str(root),
                "--out",
                str(root / "report-cli"),
                "--no-progress",
            ],
            capture_output=True,
            text=True,
        )
        cli = time.monotonic() - started
        if proc.returncode:
            print(proc.stderr)
        size = path.stat().st_size / 1e6
        print(f"load (gradebook + {len(cohort.records)} answers records): {loaded:.1f} s")
        print(
            f"report in-process (load + tables + figures + HTML/CSV): {in_process:.1f} s, "
            f"{size:.1f} MB HTML"
        )
        print(
            f"`course report --all` for {args.trainees} trainees x {len(ASSIGNMENTS)} "
            f"assignments: {cli:.1f} s wall (interpreter start-up included)"
        )
        if args.keep:
            print(f"kept: {root}")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
