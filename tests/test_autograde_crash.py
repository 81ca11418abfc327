"""`course autograde` killed at any moment leaves nothing running and loses no grade.

A real course (``quiz-4500``, 12 trainees) is graded cleanly once, for reference. Copies of it are
graded again and killed with SIGKILL mid-run: the parent alone (its workers must die with it, and
their kernels with them) or the whole process group. Then no process of the run, no sandbox-uid
lock and no temporary folder of it survives the re-run, and a re-run without ``--force`` finishes
every trainee with exactly the grades of the clean run.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

from tests.support.submissions import generate

pytestmark = pytest.mark.slow

A = "quiz-4500"
TRAINEES = 12


def _per_cell(root: Path) -> dict:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{root}/gradebook.db") as gb:
        for sub in gb.assignment_submissions(A):
            for nb in sub.notebooks:
                for grade in nb.grades:
                    out[(sub.student.id, grade.name)] = grade.auto_score
    return out


def _autograde(course, root: Path, **popen) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "course", "autograde", A, "--course-dir", str(root)]
    return subprocess.Popen(
        [*cmd, "--jobs", "2"],
        env=course.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen,
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    quiz = generate(tmp_path_factory.mktemp("crash"), A)
    for i in range(TRAINEES):
        trainee = f"t{i:02d}"
        right, wrong = quiz.right_answers(trainee), quiz.wrong_answers(trainee)
        mixed = {q: (right if (i + j) % 3 else wrong)[q] for j, q in enumerate(right)}
        quiz.submit(trainee, mixed)
    clean = quiz.course.root.parent / "clean"
    shutil.copytree(quiz.course.root, clean)
    proc = _autograde(quiz.course, clean)
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out
    reference = _per_cell(clean)
    assert len({student for student, _ in reference}) == TRAINEES
    return quiz.course, reference


def _graded_count(root: Path) -> int:
    return len(list((root / "autograded").glob(f"*/{A}/{A}.ipynb")))


def _held_locks(proc: psutil.Process) -> list[str]:
    from course.autograde.sandbox import UID_LOCKS

    try:
        return [f.path for f in proc.open_files() if f.path.startswith(UID_LOCKS)]
    except psutil.Error:
        return []


def _lockable(path: str) -> bool:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _describe(proc: psutil.Process) -> str:
    try:
        return f"{proc.pid} {proc.status()} {' '.join(proc.cmdline())[:200]}"
    except psutil.Error as err:
        return f"{proc.pid} ({type(err).__name__})"


def _run_folders(pid: int) -> list[Path]:
    """The temporary folders of the run whose parent is ``pid`` (named after it, so that a later
    run can tell its own from those of a run that was killed)."""
    return list(Path(tempfile.gettempdir()).glob(f"course-autograde-{pid}-*"))


@pytest.mark.parametrize("victim", ["parent", "group"])
def test_a_killed_run_leaves_nothing_and_a_rerun_finishes_every_trainee(course, tmp_path, victim):
    source, reference = course
    root = tmp_path / "course"
    shutil.copytree(source.root, root)
    proc = _autograde(source, root, start_new_session=True)
    parent = psutil.Process(proc.pid)
    seen: dict[int, psutil.Process] = {}
    locks: set[str] = set()
    deadline = time.monotonic() + 300
    # kill it once some trainees are graded and others are in flight
    while _graded_count(root) < 3 and time.monotonic() < deadline:
        with contextlib.suppress(psutil.Error):
            for child in parent.children(recursive=True):
                seen.setdefault(child.pid, child)
                locks.update(_held_locks(child))
            locks.update(_held_locks(parent))
        time.sleep(0.05)
    assert 3 <= _graded_count(root) < TRAINEES, "the run ended before it could be killed"
    seen.update({c.pid: c for c in parent.children(recursive=True)})
    assert len(seen) >= 2 and locks, (seen, locks)
    killed_tmp = _run_folders(proc.pid)
    if victim == "parent":
        os.kill(proc.pid, signal.SIGKILL)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
    try:
        _, alive = psutil.wait_procs(list(seen.values()), timeout=15)
        assert alive == [], [_describe(p) for p in alive]
        killed_out, _ = proc.communicate(timeout=60)  # nothing holds its output open any more
    finally:
        for survivor in seen.values():  # never leave one behind, even if the test failed
            with contextlib.suppress(psutil.Error):
                survivor.kill()
    assert all(_lockable(path) for path in locks), locks

    rerun = _autograde(source, root)
    out, _ = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, killed_out + out
    grades = _per_cell(root)
    assert {k: v for k, v in grades.items() if v != reference.get(k)} == {}, killed_out + out
    assert grades == reference
    # the killed run had its temporary folder, which the re-run removed
    assert killed_tmp and not any(p.exists() for p in killed_tmp), killed_tmp
