"""The learner's own copies of the lessons: what ``course lab`` serves, outside tracked files.

Running a lesson saves its outputs into the notebook. Served from the checkout's ``lessons/``,
that dirties tracked files, and the learner's (or instructor's) next ``git pull`` conflicts. So
``course lab`` serves a workspace, ``<checkout>/.course-lab/lessons/`` by default (git-ignored),
that :func:`sync` fills from ``lessons/`` before every start:

* a lesson the workspace lacks is copied;
* a lesson the course has not changed since it was copied is left alone (outputs and all);
* a lesson the course changed is replaced by the new version when the learner's copy has the
  same cells as the version it was copied from (only run, not edited: nothing is lost, answers
  live in the answers store); a copy the learner edited is kept beside the new one as
  ``旧版本/<name>-<time><suffix>`` first.

What was copied from which version is kept in ``<workspace>-manifest.json``
(outside the served folder). Files the course no longer has are left where they are.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

OLD_FOLDER = "旧版本"
MANIFEST_SUFFIX = "-manifest.json"


@dataclass
class SyncReport:
    """What :func:`sync` did: names (relative paths) copied, updated, and ``kept`` pairs
    (name, where the learner's edited copy was kept)."""

    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)


def content_key(path: Path) -> str:
    """A hash of what the learner could have changed in ``path``: a notebook's cells (type and
    source; not outputs, execution counts, ids or metadata), else the file's bytes. A notebook
    that is not valid JSON hashes as bytes."""
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(data).get("cells", [])
            data = json.dumps(
                [[c.get("cell_type"), _text(c.get("source", ""))] for c in cells],
                ensure_ascii=False,
            ).encode("utf-8")
        except (ValueError, AttributeError):
            pass
    return hashlib.sha256(data).hexdigest()


def _text(source: str | list[str]) -> str:
    return "".join(source) if isinstance(source, list) else str(source)


def course_files(lessons: Path) -> list[Path]:
    """The course's files under ``lessons`` (relative paths, sorted), hidden ones left out."""
    return sorted(
        p.relative_to(lessons)
        for p in lessons.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(lessons).parts)
    )


def manifest_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + MANIFEST_SUFFIX)


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """The manifest, or an empty one when it is missing or unreadable (every copy is then
    compared with the course's version by its cells)."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def _write_manifest(path: Path, manifest: dict[str, dict[str, str]]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    tmp.replace(path)


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` over ``target`` atomically (a half-written lesson is never served)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(source, tmp)
    tmp.replace(target)


def _keep_old(workspace: Path, name: Path, now: dt.datetime) -> Path:
    """Move the learner's copy of ``name`` into the old-versions folder; return where to."""
    old = workspace / OLD_FOLDER / name.parent / f"{name.stem}-{now:%Y%m%d-%H%M%S}{name.suffix}"
    old.parent.mkdir(parents=True, exist_ok=True)
    (workspace / name).replace(old)
    return old


def sync(lessons: Path, workspace: Path, now: dt.datetime | None = None) -> SyncReport:
    """Bring ``workspace`` up to date with the course's ``lessons`` as described above (changes
    the workspace and its manifest, never ``lessons``). Returns what was done."""
    now = now or dt.datetime.now()
    workspace.mkdir(parents=True, exist_ok=True)
    mpath = manifest_path(workspace)
    manifest, report = _read_manifest(mpath), SyncReport()
    for name in course_files(lessons):
        source, target, key = lessons / name, workspace / name, str(name)
        version = {
            "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
            "cells": content_key(source),
        }
        copied = manifest.get(key, {})
        if not target.exists():
            _copy(source, target)
            report.copied.append(key)
        elif copied.get("sha256") == version["sha256"]:
            continue  # the course did not change it: the learner's copy stays as it is
        else:
            mine = content_key(target)
            if mine not in (copied.get("cells"), version["cells"]):  # the learner edited it
                old = _keep_old(workspace, name, now)
                report.kept.append((key, str(old.relative_to(workspace))))
            elif mine != version["cells"]:
                report.updated.append(key)
            _copy(source, target)
        manifest[key] = version
        _write_manifest(mpath, manifest)
    return report
