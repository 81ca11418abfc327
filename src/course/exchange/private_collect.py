"""``nbgrader collect`` of the private exchange (see :mod:`course.exchange.private`): a
submission counts only if its folder and every file in it belong to the trainee it is named
after and it holds no link; the latest such submission of each trainee is taken (a forged later
one cannot hide it), and files are copied through descriptors opened without following links."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import stat

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default import ExchangeCollect
from nbgrader.utils import check_mode, ignore_patterns, parse_utc

from course.exchange.private_base import RootNotWritable, hidden_name


class Refused(Exception):
    """A submission the collect step does not take (message in English, for instructors)."""


def copy_owned_tree(src: str, dest: str, uid: int, ignore, max_bytes: float) -> None:
    """Copy the folder ``src`` to the new folder ``dest`` if it and everything in it belongs
    to ``uid`` and holds no link or special file; raise :class:`Refused` (``dest`` removed)
    otherwise. ``ignore`` is an nbgrader ignore function; ``max_bytes`` bounds the total."""
    total = 0
    os.makedirs(dest)
    try:
        for dirpath, dirnames, filenames, dirfd in os.fwalk(src, follow_symlinks=False):
            rel = os.path.relpath(dirpath, src)
            if os.fstat(dirfd).st_uid != uid:
                raise Refused(f"folder {rel!r} belongs to another account")
            for name in dirnames + filenames:
                if stat.S_ISLNK(os.stat(name, dir_fd=dirfd, follow_symlinks=False).st_mode):
                    raise Refused(f"{os.path.join(rel, name)!r} is a link")
            skipped = set(ignore(dirpath, dirnames + filenames))
            dirnames[:] = [d for d in dirnames if d not in skipped]
            for name in dirnames:
                os.mkdir(os.path.join(dest, rel, name))
            for name in filenames:
                if name not in skipped:
                    total += _copy_owned_file(dirfd, name, os.path.join(dest, rel, name), uid)
                    if total > max_bytes:
                        raise Refused(f"larger than the limit of {max_bytes:.0f} bytes")
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise


def _copy_owned_file(dirfd: int, name: str, target: str, uid: int) -> int:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dirfd)
    except OSError as exc:
        raise Refused(f"{name!r} cannot be opened ({exc.strerror})") from exc
    with os.fdopen(fd, "rb") as source:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"{name!r} is not a regular file")
        if info.st_uid != uid:
            raise Refused(f"{name!r} belongs to another account")
        with open(target, "wb") as out:
            shutil.copyfileobj(source, out)
    return info.st_size


def _record(path: str) -> dict:
    """nbgrader's record of an inbound entry (``student+assignment+timestamp[+random]``);
    raises ValueError for a name it cannot parse (nbgrader's own parser stops the collect)."""
    filename = os.path.basename(path)
    parts = filename.rsplit("+", 3)
    if len(parts) < 3:
        raise ValueError(f"{filename!r} is not student+assignment+timestamp")
    try:
        timestamp = parse_utc(parts[2])
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"bad timestamp {parts[2]!r}") from exc
    return {"username": parts[0], "filename": filename, "timestamp": timestamp}


class PrivateCollect(RootNotWritable, ExchangeCollect):
    """Collect only what each trainee really submitted (see the module's docstring)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: (inbound path, reason) of every submission refused by this collect
        self.refused: list[tuple[str, str]] = []

    def init_src(self) -> None:
        """nbgrader's checks, then the latest submission of each trainee among those that pass
        :meth:`_problem` (choosing among all entries would let a forged later one hide the real
        one, and a malformed name would stop the whole collect)."""
        course, assignment = self.coursedir.course_id, self.coursedir.assignment_id
        if course == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, course)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        if not check_mode(self.inbound_path, read=True, execute=True):
            self.fail(f"You don't have read permissions for the directory: {self.inbound_path}")
        with Gradebook(self.coursedir.db_url, course) as gb:
            try:
                self.duedate = gb.find_assignment(assignment).duedate
            except MissingEntry:
                self.duedate = None
        student = self.coursedir.student_id or "*"
        records = []
        for path in glob.glob(os.path.join(self.inbound_path, f"{student}+{assignment}+*")):
            try:
                record = _record(path)
            except ValueError as exc:
                self._refuse(path, f"malformed name ({exc})")
                continue
            problem = self._problem(path, record["username"])
            if problem:
                self._refuse(path, problem)
            else:
                records.append(record)
        self.src_records = self._choose(records)

    def _choose(self, records: list[dict]) -> list[dict]:
        by_student: dict[str, list[dict]] = {}
        for record in records:
            by_student.setdefault(record["username"], []).append(record)
        chosen = []
        for group in by_student.values():
            group = self._sort_by_timestamp(group)
            if self.duedate is not None and self.before_duedate:
                on_time = [r for r in group if r["timestamp"] <= self.duedate]
                group = on_time or group
            chosen.append(group[0])
        return chosen

    @staticmethod
    def _problem(path: str, student: str) -> str | None:
        try:
            uid = pwd.getpwnam(student).pw_uid
        except KeyError:
            return f"no account is named {student!r}"
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode):
            return "not a folder (a link or a file)"
        if info.st_uid != uid:
            return f"owned by uid {info.st_uid}, not by {student} (uid {uid})"
        return None

    def _refuse(self, path: str, reason: str) -> None:
        self.log.error("Refused submission %s: %s", path, reason)
        self.refused.append((path, reason))

    def copy_files(self) -> None:
        if not self.src_records:
            self.log.warning(
                "No submissions of '%s' for course '%s' to collect",
                self.coursedir.assignment_id,
                self.coursedir.course_id,
            )
        for record in self.src_records:
            self._collect(record)

    def _collect(self, record: dict) -> None:
        student, assignment = record["username"], self.coursedir.assignment_id
        src_path = os.path.join(self.inbound_path, record["filename"])
        dest_path = self.coursedir.format_path(
            self.coursedir.submitted_directory, student, assignment
        )
        if os.path.isdir(dest_path):
            existing = self.coursedir.get_existing_timestamp(dest_path)
            newer = existing is None or record["timestamp"] > existing
            if not (
                (self.update and newer) or (self.before_duedate and existing != record["timestamp"])
            ):
                self.log.info("Submission already collected: %s %s", student, assignment)
                return
        # the copy is made beside the trainees' folders and moved in when complete, so a
        # refused submission leaves neither a partial copy nor an empty trainee folder
        parent = os.path.dirname(dest_path)
        part = os.path.join(os.path.dirname(parent), hidden_name(f"{student}+{assignment}"))
        ignore = ignore_patterns(
            exclude=self.coursedir.ignore,
            include=self.coursedir.include,
            max_file_size=self.coursedir.max_file_size,
            log=self.log,
        )
        try:
            uid = pwd.getpwnam(student).pw_uid
            copy_owned_tree(src_path, part, uid, ignore, 1000 * self.coursedir.max_dir_size)
        except (Refused, OSError) as exc:
            self._refuse(src_path, str(exc))
            return
        if os.path.isdir(dest_path):
            self.log.info("Updating submission: %s %s", student, assignment)
            shutil.rmtree(dest_path)
        else:
            self.log.info("Collecting submission: %s %s", student, assignment)
        os.makedirs(parent, exist_ok=True)
        os.rename(part, dest_path)
