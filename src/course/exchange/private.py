"""The cohort hub's private exchange: nbgrader's exchange with permissions that keep trainees
apart (plugged in through ``ExchangeFactory``; see :func:`course.hub.layout.exchange_config`).

The folders are created by ``course hub init`` (C is a course, t a trainee)::

    <root>/                       root:root             0755  only root renames a course folder
    <root>/C/                     grader-C:nbgrader-C   0750  only C's trainees (and grader) enter
    <root>/C/outbound/            grader-C:nbgrader-C   2750  released assignments, read-only
    <root>/C/inbound/             grader-C:formgrade-C  3753  trainees create entries but cannot
                                                              list; sticky: only an entry's owner
                                                              renames or deletes it
    <root>/C/inbound/t+A+time+r/  t:formgrade-C         2750  files 0640: t and C's graders only
    <root>/C/feedback/            grader-C:nbgrader-C   0710  no listing
    <root>/C/feedback/<hash>.html grader-C              0600 + ACL user t: read (t alone)

What differs from nbgrader's default classes (fetch, fetch_feedback and list are nbgrader's
but for the first point):

* the exchange root is root's own, 0755: nbgrader would insist on 0777 (and make it so);

* release: into the course's existing folders (the exchange root is not 0777 and is never
  changed), files 0640 and folders 0750, under a hidden name renamed into place when complete;
* submit: only under one's own account name; the submission is written under a hidden name with
  its final modes from the start (umask 027: nbgrader's own chmod 0777 would clear the setgid bit
  that gives the files to the graders' group), ``timestamp.txt`` and ``submission_secret.txt``
  included, then renamed into place, so nobody ever sees half a submission; links are refused;
* collect: a submission counts only if its folder and every file in it belong to the trainee it
  is named after and it holds no link; files are copied through descriptors opened without
  following links (``os.fwalk``), so a link swapped in after the check is not followed either.
  A refused submission is logged, listed in ``refused`` and leaves any earlier copy in place;
* release_feedback: each feedback file is readable by its trainee alone (an ACL).
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import secrets
import shutil
import stat

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default import (
    ExchangeCollect,
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeList,
    ExchangeReleaseAssignment,
    ExchangeReleaseFeedback,
    ExchangeSubmit,
)
from nbgrader.utils import (
    check_mode,
    get_osusername,
    ignore_patterns,
    notebook_hash,
    parse_utc,
)

from course.exchange import acl, strings

#: Modes of what the exchange writes (the umask gives them; no chmod after the fact).
SUBMIT_UMASK = 0o027
RELEASE_FILE_MODE, RELEASE_DIR_MODE = 0o640, 0o750


class Refused(Exception):
    """A submission the collect step does not take (message in English, for instructors)."""


def _hidden(name: str) -> str:
    """A temporary name beside ``name`` that nbgrader's globs (``student+assignment+*``,
    ``outbound/*``) never match."""
    return f".{name}.{secrets.token_hex(4)}.part"


def _missing_folder(exchange, path: str) -> None:
    exchange.fail(strings.NOT_SET_UP.format(course=exchange.coursedir.course_id, path=path))


class RootNotWritable:
    """nbgrader requires (or makes) its exchange root writable by everyone; here it is
    root's and read-only, so that no trainee renames or deletes a course folder. It must only
    be there and open to enter."""

    def ensure_root(self) -> None:
        if not os.path.isdir(self.root) or not check_mode(self.root, execute=True):
            _missing_folder(self, self.root)


class PrivateFetchAssignment(RootNotWritable, ExchangeFetchAssignment):
    """nbgrader's fetch; only the exchange root check differs."""


class PrivateFetchFeedback(RootNotWritable, ExchangeFetchFeedback):
    """nbgrader's fetch_feedback; only the exchange root check differs."""


class PrivateList(RootNotWritable, ExchangeList):
    """nbgrader's list; only the exchange root check differs (a course the account may not
    enter is simply not listed: its folder cannot be read)."""


class PrivateReleaseAssignment(RootNotWritable, ExchangeReleaseAssignment):
    """Release into the folders ``course hub init`` made, atomically, readable by the course."""

    def init_dest(self) -> None:
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.outbound_path = os.path.join(self.course_path, "outbound")
        self.inbound_path = os.path.join(self.course_path, "inbound")
        self.dest_path = os.path.join(self.outbound_path, self.coursedir.assignment_id)
        for path in (self.course_path, self.outbound_path, self.inbound_path):
            if not os.path.isdir(path):
                _missing_folder(self, path)

    def copy_files(self) -> None:
        if os.path.isdir(self.dest_path) and not self.force:
            self.fail(
                "Destination already exists, add --force to overwrite: "
                f"{self.coursedir.course_id} {self.coursedir.assignment_id}"
            )
        self.log.info("Source: %s", self.src_path)
        self.log.info("Destination: %s", self.dest_path)
        part = os.path.join(self.outbound_path, _hidden(self.coursedir.assignment_id))
        try:
            self.do_copy(self.src_path, part)
            self.set_perms(part, fileperms=RELEASE_FILE_MODE, dirperms=RELEASE_DIR_MODE)
            if os.path.isdir(self.dest_path):
                old = os.path.join(self.outbound_path, _hidden(self.coursedir.assignment_id))
                os.rename(self.dest_path, old)
                os.rename(part, self.dest_path)
                shutil.rmtree(old)
            else:
                os.rename(part, self.dest_path)
        finally:
            shutil.rmtree(part, ignore_errors=True)
        self.log.info("Released as: %s %s", self.coursedir.course_id, self.coursedir.assignment_id)


class PrivateSubmit(RootNotWritable, ExchangeSubmit):
    """Submit under one's own name, with private modes from the first byte, atomically."""

    def init_dest(self) -> None:
        me = get_osusername()
        asked = self.coursedir.student_id
        if asked not in ("*", "", me):
            self.fail(strings.OTHER_STUDENT.format(me=me, other=asked))
        self.coursedir.student_id = "*"  # nbgrader then names the submission after the account
        super().init_dest()

    def copy_files(self) -> None:
        self.init_release()
        secret = secrets.token_hex(64)
        dest_path = os.path.join(self.inbound_path, self.assignment_filename)
        name = self.assignment_filename
        if self.add_random_string:
            name = name.rsplit("+", 1)[0]
        cache_path = os.path.join(self.cache_path, name)
        self.log.info("Source: %s", self.src_path)
        self.log.info("Destination: %s", dest_path)
        self.check_filename_diff()
        self._check_size(self.src_path)
        previous = os.umask(SUBMIT_UMASK)
        part = os.path.join(self.inbound_path, _hidden(self.assignment_filename))
        try:
            os.mkdir(part, 0o750)  # inherits the graders' group and setgid from inbound/
            self._copy_private(self.src_path, part)
            self._write(part, self.timestamp, secret)
            os.rename(part, dest_path)
        except BaseException:
            shutil.rmtree(part, ignore_errors=True)
            raise
        finally:
            os.umask(previous)
        # the trainee's own copy, which fetch_feedback and the assignment list read
        os.makedirs(self.cache_path, exist_ok=True)
        self.do_copy(self.src_path, cache_path)
        self._write(cache_path, self.timestamp, secret)
        self.log.info(
            "Submitted as: %s %s %s",
            self.coursedir.course_id,
            self.coursedir.assignment_id,
            self.timestamp,
        )

    def _check_size(self, src: str) -> None:
        size, limit = self.get_size(src), 1000 * self.coursedir.max_dir_size
        if size > limit:
            self.fail(f"Directory size is too big. Size is {size}, maximum size is {limit}")

    @staticmethod
    def _write(folder: str, timestamp: str, secret: str) -> None:
        for filename, text in (("timestamp.txt", timestamp), ("submission_secret.txt", secret)):
            with open(os.path.join(folder, filename), "w", encoding="utf-8") as fh:
                fh.write(text)

    def _copy_private(self, src: str, dest: str) -> None:
        """Copy ``src`` into the existing folder ``dest``: contents only (no chmod, so the
        umask and the inherited group hold), nbgrader's ignore rules applied, links refused."""
        ignore = ignore_patterns(
            exclude=self.coursedir.ignore,
            include=self.coursedir.include,
            max_file_size=self.coursedir.max_file_size,
            log=self.log,
        )
        names = sorted(os.listdir(src))
        skipped = set(ignore(src, names))
        for name in names:
            if name in skipped:
                continue
            source, target = os.path.join(src, name), os.path.join(dest, name)
            mode = os.lstat(source).st_mode
            if stat.S_ISLNK(mode):
                self.fail(strings.LINK_IN_SUBMISSION.format(name=os.path.relpath(source)))
            elif stat.S_ISDIR(mode):
                os.mkdir(target, 0o750)
                self._copy_private(source, target)
            elif stat.S_ISREG(mode):
                shutil.copyfile(source, target, follow_symlinks=False)
            else:
                self.fail(strings.NOT_A_FILE.format(name=os.path.relpath(source)))


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
        part = os.path.join(os.path.dirname(parent), _hidden(f"{student}+{assignment}"))
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


class PrivateReleaseFeedback(RootNotWritable, ExchangeReleaseFeedback):
    """Release each feedback file to its trainee alone."""

    def init_dest(self) -> None:
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.outbound_feedback_path = os.path.join(self.course_path, "feedback")
        self.dest_path = self.outbound_feedback_path
        if not os.path.isdir(self.dest_path):
            _missing_folder(self, self.dest_path)

    def copy_files(self) -> None:
        exclude = set(filter(None, (self.coursedir.student_id_exclude or "").split(",")))
        regexp = re.escape(os.path.sep).join(
            [
                self.coursedir.format_path(
                    self.coursedir.feedback_directory,
                    "(?P<student_id>.*)",
                    self.coursedir.assignment_id,
                    escape=True,
                ),
                "(?P<notebook_id>.*).html",
            ]
        )
        for html_file in sorted(glob.glob(os.path.join(self.src_path, "*.html"))):
            match = re.match(regexp, html_file)
            if match is None:
                self.log.error("Could not match %r with regexp %r", html_file, regexp)
                continue
            student, notebook = match.group("student_id"), match.group("notebook_id")
            if student in exclude:
                continue
            self._release(html_file, student, notebook)

    def _release(self, html_file: str, student: str, notebook: str) -> None:
        try:
            uid = pwd.getpwnam(student).pw_uid
        except KeyError:
            self.log.error("No account is named %r: feedback %s not released", student, html_file)
            return
        folder = os.path.dirname(html_file)
        with open(os.path.join(folder, "submission_secret.txt"), encoding="utf-8") as fh:
            checksum = notebook_hash(secret=fh.read(), notebook_id=notebook)
        final = os.path.join(self.dest_path, f"{checksum}.html")
        part = os.path.join(self.dest_path, _hidden(checksum))
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with open(html_file, "rb") as source, os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(source, out)
                out.flush()
                acl.grant_read(out.fileno(), uid)
            os.replace(part, final)
        except BaseException:
            if os.path.exists(part):
                os.unlink(part)
            raise
        self.log.info(
            "Released feedback for '%s' on '%s/%s/%s' to %s",
            student,
            self.coursedir.course_id,
            self.coursedir.assignment_id,
            notebook,
            final,
        )


#: ``ExchangeFactory`` trait -> class, for an nbgrader configuration.
CLASSES = {
    "fetch_assignment": PrivateFetchAssignment,
    "fetch_feedback": PrivateFetchFeedback,
    "list": PrivateList,
    "release_assignment": PrivateReleaseAssignment,
    "submit": PrivateSubmit,
    "collect": PrivateCollect,
    "release_feedback": PrivateReleaseFeedback,
}

__all__ = ["CLASSES", "Refused", "copy_owned_tree", *(c.__name__ for c in CLASSES.values())]
