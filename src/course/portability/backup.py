"""The answers file: everything a learner answered, in one zip file they download and keep.

Layout (``version`` 1)::

    course-backup.json                 manifest: format, version, created, trainee, contents
    practice.json                      the practice answer store, as stored
    graded/<n>/<trainee>_<assignment>.zip
                                       one offline submission per graded quiz folder found,
                                       packed by course.grading.submission.make_archive

The inner zips are exactly what ``course grading zip`` makes, so an instructor ingests them with
``nbgrader zip_collect`` (``course backup ingest`` puts each into ``downloaded/<assignment>/
archive/``). :mod:`course.portability.restore` reads the file back into a new session.

Graded quiz folders are found under the learner's home and the notebook's folder (and its
parent), two levels deep: a folder named like an assignment id that holds ``answers.json`` and a
notebook. Instructor folders (``source``, ``release``, ``submitted``, ...) are skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from course.answers import ANSWERS_FILE, PRACTICE_FILE, AnswerStore, utc_now

FORMAT = "zj-tibet-4500-answers"
VERSION = 1
MANIFEST = "course-backup.json"
GRADED_DIR = "graded"
#: Folders never searched for graded answers: instructor-side nbgrader folders, environments.
SKIP_DIRS = frozenset(
    {
        "source",
        "release",
        "submitted",
        "autograded",
        "feedback",
        "exchange",
        "downloaded",
        "node_modules",
        "site-packages",
        "__pycache__",
    }
)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Backup:
    """A built answers file: ``name`` to save it as, ``data`` (zip bytes), what it holds, and
    ``problems`` (graded folders that could not be packed, in English, for instructors)."""

    name: str
    data: bytes
    practice_count: int
    graded: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def default_roots() -> list[Path]:
    """Where graded quiz folders are looked for: home, the working directory and its parent."""
    cwd = Path.cwd()
    return [Path.home(), cwd, cwd.parent]


def graded_folders(roots: list[Path] | None = None, depth: int = 2) -> list[Path]:
    """Graded quiz folders under ``roots`` (at most ``depth`` levels down), resolved, sorted,
    without duplicates: named like an assignment id, holding ``answers.json`` and a notebook."""
    from course.ids import ASSIGNMENT_ID

    found: set[Path] = set()

    def walk(folder: Path, level: int) -> None:
        try:
            entries = [e for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)]
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(".") or entry.name in SKIP_DIRS:
                continue
            path = Path(entry.path)
            graded = ASSIGNMENT_ID.fullmatch(entry.name) and (path / ANSWERS_FILE).is_file()
            if graded and any(path.glob("*.ipynb")):
                found.add(path.resolve())
            if level < depth:
                walk(path, level + 1)

    for root in roots if roots is not None else default_roots():
        if root.is_dir():
            walk(root, 1)
    return sorted(found)


def safe_trainee(trainee: str | None = None) -> str:
    """The trainee id (see :func:`course.quiz.shuffle.trainee_id`) reduced to the characters an
    offline submission's name allows."""
    from course.ids import TRAINEE_ID
    from course.quiz.shuffle import trainee_id

    raw = trainee or trainee_id()
    if TRAINEE_ID.fullmatch(raw):
        return raw
    cleaned = _UNSAFE.sub("-", raw).strip("-._")[:64]
    return cleaned if cleaned and TRAINEE_ID.fullmatch(cleaned) else "trainee"


def home_relative(folder: Path, home: Path | None = None) -> str | None:
    """``folder`` relative to the home folder, as a POSIX path; None if it is not under it."""
    try:
        return folder.resolve().relative_to((home or Path.home()).resolve()).as_posix()
    except ValueError:
        return None


def _mtime(path: Path) -> str:
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def build(
    practice_store: AnswerStore | None = None,
    *,
    roots: list[Path] | None = None,
    trainee: str | None = None,
    home: Path | None = None,
) -> Backup:
    """Pack the practice store and every graded quiz folder found into one zip (in memory).

    Writes ``<trainee>_<assignment>.zip`` into each graded folder (that is what
    :func:`course.grading.submission.make_archive` does); changes nothing else. Returns a
    :class:`Backup`."""
    from course.grading import identity
    from course.grading.submission import make_archive

    store = practice_store if practice_store is not None else AnswerStore()
    practice = store.read()
    who = safe_trainee(trainee)
    created = utc_now()
    manifest: dict = {
        "format": FORMAT,
        "version": VERSION,
        "created": created,
        "trainee": who,
        "practice": PRACTICE_FILE,
        "graded": [],
    }
    buffer, problems, graded = io.BytesIO(), [], []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PRACTICE_FILE, json.dumps(practice, ensure_ascii=False, indent=1))
        for n, folder in enumerate(graded_folders(roots), 1):
            relative = home_relative(folder, home)
            if relative is None:
                problems.append(f"{folder}: not under the home folder, left out")
                continue
            try:
                # filed under the id its paper was drawn for, when the trainee confirmed one
                inner = make_archive(folder, folder.name, identity.saved(folder) or who)
                member = f"{GRADED_DIR}/{n}/{inner.name}"
                archive.write(inner, arcname=member)
            except (OSError, ValueError) as exc:
                problems.append(f"{folder}: {exc}")
                continue
            mtimes = {p.name: _mtime(p) for p in sorted(folder.glob("*.ipynb"))}
            manifest["graded"].append(
                {
                    "assignment": folder.name,
                    "folder": relative,
                    "archive": member,
                    "notebooks": mtimes,
                }
            )
            graded.append(folder.name)
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    stamp = created[:16].replace("-", "").replace(":", "").replace("T", "-")
    return Backup(
        f"course-answers-{who}-{stamp}.zip",
        buffer.getvalue(),
        len(practice["answers"]),
        graded,
        problems,
    )
