"""A throwaway course checkout: a git repository with the project's ``pyproject.toml`` and
``.gitignore`` and the lessons a test gives, committed, so that ``course lab`` runs from it as
from a learner's clone and ``git status`` tells what a session left behind."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support.notebooks import write_notebook

REPO = Path(__file__).resolve().parents[2]
_GIT = ["git", "-c", "user.name=course-tests", "-c", "user.email=tests@course.invalid"]


def git(checkout: Path, *args: str) -> str:
    """Run git in ``checkout``; return its output (raises if git fails)."""
    done = subprocess.run(
        [*_GIT, *args], cwd=checkout, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


def make_checkout(
    folder: Path,
    lessons: dict[str, list[str | tuple[str, str]]] | Path,
    *,
    quizzes: bool = False,
) -> Path:
    """Create the checkout in ``folder``: ``lessons/<name>`` for each notebook of ``lessons``
    (cells as :func:`write_notebook` takes them), or a copy of the lessons folder ``lessons``,
    and with ``quizzes`` the course folder ``quizzes/`` as git tracks it, committed. Returns
    ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", ".gitignore"):
        shutil.copy(REPO / name, folder / name)
    if quizzes:
        tracked = git(REPO, "ls-files", "quizzes").splitlines()
        for name in tracked:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, folder / name)
    if isinstance(lessons, Path):
        shutil.copytree(lessons, folder / "lessons", ignore=shutil.ignore_patterns(".*"))
    else:
        for name, cells in lessons.items():
            write_notebook(folder / "lessons" / name, cells)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "course")
    return folder


def dirty(checkout: Path) -> list[str]:
    """``git status --porcelain`` of ``checkout``, one entry per changed or new file."""
    return [line for line in git(checkout, "status", "--porcelain", "-uall").splitlines() if line]
