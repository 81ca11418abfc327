"""Everything a trainee submits is untrusted: check a submission folder without following it.

nbgrader copies a submission's files with ``shutil.copy``/``copytree``, which follow symbolic
links, as the instructor and outside any sandbox: a trainee's ``answers.json`` that is a link to
``../../../source/<assignment>/<assignment>.ipynb`` or to the gradebook would have that file copied
into ``submitted/``, ``autograded/`` and ``feedback/``; a FIFO or a link to ``/dev/zero`` makes the
copy block or run without end. :func:`problems` lists what is wrong with a folder using ``lstat``
only: it never opens a link, a special file or a file over the size limit. The course checks at
every step that copies a trainee's files: collect (:class:`course.exchange.collect.SafeCollect`),
autograde (``course autograde`` before nbgrader copies anything, and ``QuarantineTraineeCode``
under plain ``nbgrader autograde``) and feedback (``HideGradingCode``, on the autograded folder).

The limits: nbgrader's own ``CourseDirectory.max_file_size`` (kB) for any one file, which
``nbgrader submit`` already applies on the trainee's side (it skips bigger files); here a bigger
file refuses the whole submission, so that nothing is graded silently without it. A submission
holds at most :data:`MAX_ENTRIES` files and folders, nested at most :data:`MAX_DEPTH` deep.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_DEPTH = 8
MAX_ENTRIES = 1000
TIMESTAMP_FILE = "timestamp.txt"  # nbgrader's name (CourseDirectory.get_existing_timestamp)

_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


class UntrustedSubmission(Exception):
    """A submission folder that must be neither copied nor graded; the message (English) names
    the folder and every problem found."""

    def __init__(self, folder: str | os.PathLike, problems: list[str]) -> None:
        self.folder = os.fspath(folder)
        self.problems = list(problems)
        super().__init__(f"refused {shown(self.folder)}: " + "; ".join(self.problems))


def shown(path: str | os.PathLike) -> str:
    """``path`` as printable text (a name that is not UTF-8 shows its bytes as escapes)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def max_file_bytes(coursedir) -> int:
    """The largest file a submission may hold: nbgrader's ``CourseDirectory.max_file_size``,
    which is in units of 1000 bytes (as nbgrader's ``ignore_patterns`` counts it)."""
    return int(coursedir.max_file_size) * 1000


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _link(path: str) -> str:
    try:
        return f"a symbolic link (to {shown(os.readlink(path))!r})"
    except OSError:
        return "a symbolic link"


def _chain(folder: str, within: str | None) -> list[str]:
    """Problems of ``folder`` itself and of the folders between ``within`` and it."""
    folder = os.path.normpath(folder)
    parts = [folder]
    if within is not None:
        within = os.path.normpath(within)
        here = os.path.dirname(folder)
        while here.startswith(within + os.sep):
            parts.insert(0, here)
            here = os.path.dirname(here)
    for path in parts:
        name = os.path.relpath(path, within) if within else path
        try:
            mode = os.lstat(path).st_mode
        except OSError as err:
            return [f"{shown(name)} cannot be read ({err.strerror})"]
        if stat.S_ISLNK(mode):
            return [f"{shown(name)} is {_link(path)}"]
        if not stat.S_ISDIR(mode):
            return [f"{shown(name)} is not a folder"]
    return []


def _walk(folder: str, limit: int) -> list[str]:
    """Problems of the entries under ``folder``, found without following anything."""
    found: list[str] = []
    count = 0
    pending = [(folder, 0)]
    while pending:
        here, depth = pending.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError as err:
            found.append(
                f"{shown(os.path.relpath(here, folder))} cannot be listed ({err.strerror})"
            )
            continue
        for entry in entries:
            count += 1
            if count > MAX_ENTRIES:
                return [*found, f"more than {MAX_ENTRIES} files and folders"]
            rel = shown(os.path.relpath(entry.path, folder))
            st = entry.stat(follow_symlinks=False)
            kind = stat.S_IFMT(st.st_mode)
            if kind == stat.S_IFLNK:
                found.append(f"{rel} is {_link(entry.path)}")
            elif kind == stat.S_IFDIR:
                if depth + 1 >= MAX_DEPTH:
                    found.append(f"{rel}: folders nested more than {MAX_DEPTH} deep")
                else:
                    pending.append((entry.path, depth + 1))
            elif kind == stat.S_IFREG:
                if st.st_nlink > 1:
                    found.append(f"{rel} is a hard link (the file has {st.st_nlink} names)")
                if st.st_size > limit:
                    found.append(f"{rel} is {_mb(st.st_size)}, over the {_mb(limit)} limit")
            else:
                found.append(f"{rel} is {_KINDS.get(kind, 'not a regular file')}")
    return found


def _timestamp(folder: str, limit: int) -> list[str]:
    """A ``timestamp.txt`` nbgrader could not read (it would fail with an AttributeError)."""
    from nbgrader.utils import parse_utc

    path = os.path.join(folder, TIMESTAMP_FILE)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return []
    if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
        return []  # reported by _walk
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return [f"{TIMESTAMP_FILE} is not UTF-8 text"]
    if not text:
        return []  # nbgrader: an empty timestamp means "no time"
    try:
        parse_utc(text)
    except (ValueError, OverflowError, TypeError):
        return [f"{TIMESTAMP_FILE} holds no time nbgrader can read ({text[:40]!r})"]
    return []


def problems(folder: str | os.PathLike, limit: int, within: str | os.PathLike | None = None):
    """What makes the submission ``folder`` unsafe to copy or to grade: one English sentence per
    problem, an empty list if there is none. ``limit``: the largest file allowed, in bytes;
    ``within``: the folder that holds submissions (the folders between it and ``folder`` must be
    real folders too, not links). Reads nothing but ``timestamp.txt``; changes nothing."""
    folder = os.fspath(folder)
    found = _chain(folder, os.fspath(within) if within is not None else None)
    if found:
        return found
    found = _walk(folder, limit)
    return found or _timestamp(folder, limit)


def check(folder: str | os.PathLike, limit: int, within: str | os.PathLike | None = None) -> None:
    """Raise :class:`UntrustedSubmission` if :func:`problems` finds any in ``folder``."""
    found = problems(folder, limit, within)
    if found:
        raise UntrustedSubmission(folder, found)


def copy_tree(src: str | os.PathLike, dest: str | os.PathLike, limit: int) -> None:
    """Copy the folder ``src`` to the new folder ``dest``: folders and regular files only, each
    file opened without following a link (``O_NOFOLLOW``) and without blocking on a FIFO, so that
    an entry swapped for a link after :func:`check` is refused rather than followed. Raises
    :class:`UntrustedSubmission` (``dest`` may then hold part of the copy)."""
    src, dest = os.fspath(src), os.fspath(dest)
    os.mkdir(dest)
    for dirpath, dirnames, filenames in os.walk(src):
        rel = os.path.relpath(dirpath, src)
        for name in dirnames:
            path = os.path.join(dirpath, name)
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                raise UntrustedSubmission(
                    src, [f"{shown(os.path.join(rel, name))} is {_link(path)}"]
                )
            os.mkdir(os.path.join(dest, rel, name))
        for name in filenames:
            _copy_file(os.path.join(dirpath, name), os.path.join(dest, rel, name), limit, src)


def _copy_file(path: str, target: str, limit: int, src: str) -> None:
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    rel = shown(os.path.relpath(path, src))
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise UntrustedSubmission(
            src, [f"{rel} cannot be opened as a file ({err.strerror})"]
        ) from err
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit or st.st_nlink > 1:
            raise UntrustedSubmission(src, [f"{rel} is no longer the regular file it was"])
        with open(target, "xb") as out:
            while chunk := fh.read(1 << 20):
                out.write(chunk)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
