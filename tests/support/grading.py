"""A real nbgrader course for tests: a temporary copy of ``quizzes/``, its exchange, trainees with
homes of their own, and the widgets answered headless.

Instructor steps run the real ``nbgrader`` command line in the course root. Trainee steps run
nbgrader's own ``FetchAssignmentApp`` and ``SubmitApp`` (the classes behind ``nbgrader
fetch_assignment`` and ``nbgrader submit``) inside the test process with the trainee's HOME and
working directory: the same code, without ~10 s of interpreter start-up per trainee and step.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from tests.support import papers

REPO = Path(__file__).resolve().parents[2]
QUIZZES = REPO / "quizzes"
A = "quiz-4500"
GENERATED = (
    "release",
    "submitted",
    "autograded",
    "feedback",
    "exchange",
    "downloaded",
    "gradebook.db",
    "grades.csv",
    ".ipynb_checkpoints",
)


@dataclass
class Course:
    root: Path
    exchange: Path
    timings: dict[str, float] = field(default_factory=dict)

    def env(self) -> dict[str, str]:
        bin_dir = str(Path(sys.executable).parent)  # nbgrader calls `alembic` by name
        return {
            **os.environ,
            "COURSE_EXCHANGE": str(self.exchange),
            "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        }

    def nbgrader(
        self, *args: str, ok: bool = True, timeout: int = 900
    ) -> subprocess.CompletedProcess:
        """Run ``nbgrader ARGS`` in the course root; with ``ok``, fail unless it exits 0."""
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "nbgrader", *args],
            cwd=self.root,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        step = " ".join(args[:2])
        while step in self.timings:
            step += " (again)"
        self.timings[step] = time.monotonic() - start
        if ok and proc.returncode != 0:
            raise AssertionError(f"nbgrader {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
        return proc

    def course(self, *args: str) -> subprocess.CompletedProcess:
        """Run the ``course`` command line in the course root."""
        return subprocess.run(
            [sys.executable, "-m", "course", *args],
            cwd=self.root,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )


def make_course(parent: Path, name: str = "course") -> Course:
    """Copy ``quizzes/`` (without generated folders) to ``parent/<name>`` and create its
    exchange (``parent/exchange``)."""
    from course.grading.modes import init_exchange

    root = parent / name
    shutil.copytree(QUIZZES, root, ignore=shutil.ignore_patterns(*GENERATED))
    exchange = init_exchange(parent / "exchange")
    return Course(root, exchange)


@contextlib.contextmanager
def as_user(home: Path, trainee: str) -> Iterator[None]:
    """Run the body as ``trainee``: HOME, working directory and trainee id switched, restored
    afterwards (kernels started meanwhile inherit them)."""
    saved, cwd = dict(os.environ), os.getcwd()
    home.mkdir(parents=True, exist_ok=True)
    os.environ.update(HOME=str(home), COURSE_TRAINEE_ID=trainee)
    os.environ.pop("JUPYTER_CONFIG_DIR", None)
    os.environ.pop("JUPYTER_DATA_DIR", None)
    os.chdir(home)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
        os.chdir(cwd)


@dataclass
class Trainee:
    id: str
    home: Path
    course: Course

    def folder(self, assignment: str) -> Path:
        return self.home / assignment

    def setup(self) -> None:
        """The trainee's own nbgrader config: the course id and the shared exchange."""
        from course.grading.modes import write_user_nbgrader_config

        with as_user(self.home, self.id):
            write_user_nbgrader_config("zj-tibet-4500", self.course.exchange)

    def _app(self, app_class, *args: str) -> None:
        with as_user(self.home, self.id):
            app = app_class()
            app.initialize(list(args))
            app.start()

    def fetch(self, assignment: str) -> Path:
        from nbgrader.apps import FetchAssignmentApp

        self._app(FetchAssignmentApp, assignment)
        return self.folder(assignment)

    def submit(self, assignment: str) -> None:
        from nbgrader.apps import SubmitApp

        self._app(SubmitApp, assignment, f"--student={self.id}")

    def work(
        self, assignment: str, actions: list[str], after_save: list[str] = (), timeout: int = 60
    ) -> nbformat.NotebookNode:
        """Open the fetched notebook on a fresh kernel, run it top to bottom, run ``actions``
        (code a browser session would amount to: setting widget values, clicking), save the
        notebook as JupyterLab would (the action cells are not kept), then run ``after_save``."""
        from nbclient import NotebookClient

        path = self.folder(assignment) / f"{assignment}.ipynb"
        nb = nbformat.read(path, as_version=4)
        with as_user(self.home, self.id):
            client = NotebookClient(
                nb,
                timeout=timeout,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
            )
            with client.setup_kernel():
                for index, cell in enumerate(list(nb.cells)):
                    client.execute_cell(cell, index)
                self._run_actions(client, nb, actions)
                nbformat.write(nb, path)
                self._run_actions(client, nb, list(after_save))
        return nb

    @staticmethod
    def _run_actions(client, nb, actions: list[str]) -> None:
        for code in actions:
            cell = nbformat.v4.new_code_cell(code)
            nb.cells.append(cell)
            client.execute_cell(cell, len(nb.cells) - 1)
            nb.cells.pop()
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            if errors:
                raise AssertionError(f"action failed: {code}\n{errors[0].get('evalue')}")


def answer_code(answers: dict[str, Any]) -> str:
    """Code that answers through the widgets: set each value, click 提交答案."""
    return (
        "from course.grading import notebook as _graded\n"
        f"for _qid, _answer in {answers!r}.items():\n"
        "    _widget = _graded.WIDGETS[_qid]\n"
        "    _widget.value = _answer\n"
        "    _widget.submit_button.click()\n"
    )


def click_zip_code(trainee: str) -> str:
    """Code that clicks 生成提交文件 (the paper, and so the zip, carry the trainee's id)."""
    return (
        "from course.grading import notebook as _graded\n"
        f"assert _graded.PANEL[0].trainee == {trainee!r}, _graded.PANEL[0].trainee\n"
        "_graded.PANEL[0].button.click()\n"
        "assert _graded.PANEL[0].archive is not None, _graded.PANEL[0].status.outputs\n"
    )


def edit_notebook(path: Path, change: Callable[[nbformat.NotebookNode], None]) -> None:
    """Change a saved notebook as a trainee editing it in JupyterLab would, and save it."""
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def cell_index(nb: nbformat.NotebookNode, grade_id: str) -> int:
    for i, cell in enumerate(nb.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return i
    raise KeyError(grade_id)


def right_answers(course: Course, trainee: str) -> dict:
    """The right answer to every question of ``trainee``'s paper of ``quiz-4500`` (the keys of
    the course's question data)."""
    return papers.answers(papers.quiz(A, course.root), trainee)


def question_types(root: Path = QUIZZES) -> dict[str, str]:
    """The type of every question of ``quiz-4500`` of the course at ``root``, by id."""
    return {q.id: q.type for q in papers.quiz(A, root).questions()}


def submit_copy(course: Course, trainee: str, answers: dict) -> Path:
    """Lay out ``submitted/<trainee>/quiz-4500/`` as ``nbgrader collect`` leaves it: the
    released notebook and the answers file the widgets write (``answers``: question id ->
    answer). Returns the folder."""
    from course.answers import AnswerStore

    types = question_types(course.root)
    folder = course.root / "submitted" / trainee / A
    folder.mkdir(parents=True)
    released = course.root / "release" / A / f"{A}.ipynb"
    nbformat.write(nbformat.read(released, as_version=4), folder / f"{A}.ipynb")
    (folder / "timestamp.txt").write_text("2026-11-27 08:00:00.000000 UTC", "utf-8")
    store = AnswerStore(folder / "answers.json")
    for qid, answer in answers.items():
        store.record(qid, types[qid], answer)
    (folder / "answers.json.lock").unlink(missing_ok=True)
    return folder
