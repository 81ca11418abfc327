"""Bring an answers file (see :mod:`course.portability.backup`) back into this session.

:func:`read` checks the whole file first and raises :class:`BackupError` (with a Chinese
message for the learner) if anything is wrong with it; only then does :func:`restore` write, so
a malformed file changes nothing.

Merging never loses an answer and never replaces a newer one: for each question the attempts of
both sides are joined (duplicates dropped) and ordered by time, and the question's current answer
is the latest attempt, wherever it comes from. A graded notebook is written if it is missing;
if a different one is there, the newer of the two keeps the name and the other is kept beside it
as ``<name>.bak-<time>``.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from course.answers import ANSWERS_FILE, PRACTICE_FILE, AnswersFileError, AnswerStore
from course.answers.schema import parse

from . import strings as s
from .backup import FORMAT, MANIFEST, VERSION

MAX_BYTES = 50 * 1024 * 1024  # an answers file is a few hundred KB; refuse zip bombs
_FLAT_NAME = re.compile(r"^[^/\\]+$")


class BackupError(ValueError):
    """The file is not a usable answers file; ``str(error)`` is the Chinese reason."""


@dataclass
class GradedPart:
    assignment: str
    folder: PurePosixPath
    files: dict[str, bytes]
    mtimes: dict[str, str]
    archive: bytes  # the offline submission zip itself (for nbgrader zip_collect)


@dataclass
class Contents:
    """A checked answers file: its manifest, the practice store content, the graded parts."""

    manifest: dict[str, Any]
    practice: dict[str, Any] | None
    graded: list[GradedPart] = field(default_factory=list)


@dataclass
class Counts:
    added: int = 0  # questions that were not answered here
    updated: int = 0  # the file's answer is newer and is now the current one
    kept_newer: int = 0  # the answer here is newer and stays current
    same: int = 0  # nothing new in the file

    def __iadd__(self, other: Counts) -> Counts:
        self.added += other.added
        self.updated += other.updated
        self.kept_newer += other.kept_newer
        self.same += other.same
        return self


@dataclass
class Report:
    """What a restore did: answer counts, graded folders written, notebooks set aside."""

    practice: Counts
    graded: Counts
    folders: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)

    def message(self) -> str:
        """The learner's summary in Chinese."""
        added = self.practice.added + self.graded.added
        updated = self.practice.updated + self.graded.updated
        if added or updated:
            text = s.RESTORE_DONE.format(added=added, updated=updated)
        else:
            text = s.RESTORE_NOTHING_NEW
        kept = self.practice.kept_newer + self.graded.kept_newer
        if kept:
            text += s.RESTORE_KEPT_NEWER.format(n=kept)
        if self.folders:
            text += s.RESTORE_GRADED.format(folders="、".join(self.folders))
        if self.set_aside:
            text += s.RESTORE_SET_ASIDE.format(files="、".join(self.set_aside))
        return text + s.RESTORE_RERUN


# -- checking ------------------------------------------------------------------------------------
def _store_content(raw: bytes, what: str) -> dict[str, Any]:
    """The content of the answers file ``raw`` (``what`` names it to the learner)."""
    try:
        return parse(raw)[0]
    except AnswersFileError as exc:
        raise BackupError(s.BACKUP_BAD_PART.format(part=what)) from exc


def _zip(data: bytes, what: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise BackupError(
            s.BACKUP_NOT_ZIP if what == "" else s.BACKUP_BAD_PART.format(part=what)
        ) from exc
    if sum(info.file_size for info in archive.infolist()) > MAX_BYTES:
        raise BackupError(s.BACKUP_TOO_BIG)
    return archive


def _member(archive: zipfile.ZipFile, name: str, what: str) -> bytes:
    try:
        return archive.read(name)
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        raise BackupError(s.BACKUP_BAD_PART.format(part=what)) from exc


def _graded_part(archive: zipfile.ZipFile, entry: Any) -> GradedPart:
    from course.ids import ASSIGNMENT_ID

    if not isinstance(entry, dict):
        raise BackupError(s.BACKUP_BAD_PART.format(part=MANIFEST))
    assignment, folder = str(entry.get("assignment", "")), str(entry.get("folder", ""))
    path = PurePosixPath(folder)
    if (
        not ASSIGNMENT_ID.fullmatch(assignment)
        or not folder
        or path.is_absolute()
        or ".." in path.parts
        or "\\" in folder
    ):
        raise BackupError(s.BACKUP_BAD_PART.format(part=MANIFEST))
    raw = _member(archive, str(entry.get("archive", "")), assignment)
    inner = _zip(raw, assignment)
    files: dict[str, bytes] = {}
    for info in inner.infolist():
        name = info.filename
        if not _FLAT_NAME.match(name) or name.startswith("."):
            raise BackupError(s.BACKUP_BAD_PART.format(part=assignment))
        files[name] = _member(inner, name, assignment)
        if name == ANSWERS_FILE:
            _store_content(files[name], f"{assignment}/{name}")
        elif name.endswith(".ipynb"):
            try:
                nb = json.loads(files[name].decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
                raise BackupError(s.BACKUP_BAD_PART.format(part=f"{assignment}/{name}")) from exc
            if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
                raise BackupError(s.BACKUP_BAD_PART.format(part=f"{assignment}/{name}"))
    mtimes = entry.get("notebooks") if isinstance(entry.get("notebooks"), dict) else {}
    return GradedPart(assignment, path, files, {str(k): str(v) for k, v in mtimes.items()}, raw)


def read(data: bytes) -> Contents:
    """Check an answers file completely and return its contents; raises :class:`BackupError`."""
    if len(data) > MAX_BYTES:
        raise BackupError(s.BACKUP_TOO_BIG)
    archive = _zip(data, "")
    try:
        manifest = json.loads(_member(archive, MANIFEST, MANIFEST).decode("utf-8"))
    except BackupError:
        raise BackupError(s.BACKUP_NOT_OURS) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise BackupError(s.BACKUP_NOT_OURS) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(s.BACKUP_NOT_OURS)
    if manifest.get("version") != VERSION:
        raise BackupError(s.BACKUP_NEWER.format(version=manifest.get("version")))
    practice = None
    if manifest.get("practice"):
        practice = _store_content(_member(archive, PRACTICE_FILE, PRACTICE_FILE), PRACTICE_FILE)
    graded = manifest.get("graded") or []
    if not isinstance(graded, list):
        raise BackupError(s.BACKUP_BAD_PART.format(part=MANIFEST))
    return Contents(manifest, practice, [_graded_part(archive, entry) for entry in graded])


def read_parts(data: bytes) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """The manifest and ``(assignment, submission zip bytes)`` of each graded part of a checked
    answers file; raises :class:`BackupError`."""
    contents = read(data)
    return contents.manifest, [(part.assignment, part.archive) for part in contents.graded]


# -- merging and writing --------------------------------------------------------------------------
def _key(attempt: dict[str, Any]) -> tuple[str, str]:
    return attempt["at"], json.dumps(attempt.get("answer"), sort_keys=True, ensure_ascii=False)


def merge_answers(current: dict[str, Any], incoming: dict[str, Any]) -> Counts:
    """Merge the ``answers`` mapping ``incoming`` into ``current`` (changed in place); return the
    counts. ``incoming`` is not changed."""
    counts = Counts()
    for qid, rec in incoming.items():
        mine = current.get(qid)
        if mine is None:
            current[qid] = copy.deepcopy(rec)
            counts.added += 1
            continue
        seen = {_key(a) for a in mine.get("attempts", [])}
        new = [copy.deepcopy(a) for a in rec["attempts"] if _key(a) not in seen]
        if not new:
            counts.same += 1
            continue
        attempts = sorted([*mine.get("attempts", []), *new], key=lambda a: a["at"])
        latest = attempts[-1]
        mine["attempts"] = attempts
        if any(latest is a for a in new):
            mine.update(
                type=rec.get("type", mine.get("type")),
                answer=latest.get("answer"),
                correct=latest.get("correct"),
                score=latest.get("score"),
            )
            counts.updated += 1
        else:
            counts.kept_newer += 1
    return counts


def _merge_into(store: AnswerStore, content: dict[str, Any]) -> Counts:
    result: list[Counts] = []
    store.update(lambda data: result.append(merge_answers(data["answers"], content["answers"])))
    return result[0]


def _utc(path: Path) -> str:
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _put_notebook(target: Path, data: bytes, saved_at: str, report: Report) -> None:
    if not target.exists():
        target.write_bytes(data)
        return
    if target.read_bytes() == data:
        return
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = target.with_name(f"{target.name}.bak-{stamp}")
    if saved_at and saved_at > _utc(target):  # the file's copy is newer: it takes the name
        target.replace(aside)
        target.write_bytes(data)
    else:
        aside.write_bytes(data)
    report.set_aside.append(aside.name)


def restore(
    data: bytes, practice_store: AnswerStore | None = None, home: Path | None = None
) -> Report:
    """Check ``data`` (an answers file) and merge it into this session: practice answers into
    ``practice_store`` (default: the practice store), graded folders under ``home`` (default:
    the home folder). Raises :class:`BackupError` before writing anything if the file is bad."""
    contents = read(data)
    store = practice_store if practice_store is not None else AnswerStore()
    report = Report(Counts(), Counts())
    if contents.practice is not None:
        report.practice = _merge_into(store, contents.practice)
    base = home or Path.home()
    for part in contents.graded:
        folder = base.joinpath(*part.folder.parts)
        folder.mkdir(parents=True, exist_ok=True)
        for name, payload in part.files.items():
            if name == ANSWERS_FILE:
                report.graded += _merge_into(AnswerStore(folder / name), parse(payload)[0])
            elif name.endswith(".ipynb"):
                _put_notebook(folder / name, payload, part.mtimes.get(name, ""), report)
        report.folders.append(part.folder.as_posix())
    return report
