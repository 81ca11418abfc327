"""``nbgrader collect`` for untrusted submissions: :class:`SafeCollect`.

nbgrader's own collect copies ``inbound/<trainee>+<assignment>+<time>+<random>/`` into
``submitted/`` with ``shutil.copytree``, as the instructor: links are followed (a trainee who can
write to the exchange can have the instructor copy any file it names), a FIFO blocks the copy, one
folder name that is not ``<trainee>+<assignment>+<time>`` or one size over ``max_dir_size`` stops
the whole collect, ids are globbed and names starting with a dot are never seen, and a later
entry under a trainee's name hides their earlier ones even when it cannot be collected.
SafeCollect refuses, each with a logged reason, every inbound entry that

* has a trainee id that :mod:`course.ids` refuses (glob characters, a leading dot, ...),
* has a folder name nbgrader cannot parse,
* holds a link, a special file, a hard link, a file over ``CourseDirectory.max_file_size``,
  folders nested too deep or too many files, or a ``timestamp.txt`` nbgrader cannot read
  (:mod:`course.exchange.untrusted`), or is over ``CourseDirectory.max_dir_size`` in all;

keeps nbgrader's choice among the others (the latest per trainee, ``--before-duedate``,
``--update``), so that a refused entry never hides a trainee's valid one; copies each chosen
submission without following anything beside ``submitted/<trainee>/`` and moves it in only when
complete (a refused copy leaves the previous one in place), and fails (exit 1) after collecting
the others if it refused any. The private exchange's collect
(:class:`course.exchange.private_collect.PrivateCollect`) is this class with ownership checks.
Configured in ``quizzes/nbgrader_config.py``:
``c.ExchangeFactory.collect = "course.exchange.collect.SafeCollect"``.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import shutil
import tempfile

from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default.collect import ExchangeCollect

from course.ids import IdError, check_trainee

from .untrusted import UntrustedSubmission, copy_tree, max_file_bytes, problems

_REFUSED = "\0refused:"  # stands in for the trainee of an entry that is refused


class SafeCollect(ExchangeCollect):
    """nbgrader's ExchangeCollect that never follows a link and refuses what it cannot trust."""

    def init_src(self) -> None:
        self.refused: dict[str, str] = {}  # inbound folder name -> why it was not collected
        super().init_src()  # nbgrader's choice among the entries _path_to_record accepts
        self._refuse_hidden()
        self.src_records = [r for r in self.src_records if not r["username"].startswith(_REFUSED)]

    def _path_to_record(self, path: str) -> dict:
        """nbgrader's record of an inbound entry, or a record of its own (dropped after nbgrader's
        choice) for an entry that is refused, so that it is never chosen over a valid one."""
        name = os.path.basename(path)
        try:
            record = super()._path_to_record(path)
        except (ExchangeError, ValueError, OverflowError) as err:
            why = f"malformed name: not <trainee>+<assignment>+<time> ({err})"
        else:
            why = self._problem(path, record)
            if not why:
                return record
        self._refuse(name, why)
        return {"username": _REFUSED + name, "filename": name, "timestamp": datetime.datetime.min}

    def _refuse_hidden(self) -> None:
        """Names starting with a dot, which nbgrader's glob never lists (fnmatch does)."""
        pattern = f"{self.coursedir.student_id or '*'}+{self.coursedir.assignment_id}+*"
        for name in sorted(os.listdir(self.inbound_path)):
            hidden = name.startswith(".") and fnmatch.fnmatchcase(name, pattern)
            if hidden and not self._in_progress(name):
                self._refuse(name, self._id_problem(name.split("+", 1)[0]))

    def _in_progress(self, name: str) -> bool:
        """Whether the hidden inbound entry ``name`` is a submission still being written (never
        here: nbgrader's submit writes in place)."""
        return False

    @staticmethod
    def _id_problem(trainee: str) -> str:
        try:
            check_trainee(trainee)
        except IdError as err:
            return str(err)
        return ""

    def _problem(self, path: str, record: dict) -> str:
        """Why the inbound entry ``path`` (nbgrader's ``record`` of it) is not collected; empty
        if it may be."""
        return self._id_problem(record["username"]) or "; ".join(untrusted_problems(path, self))

    def _refuse(self, name: str, why: str) -> None:
        self.refused[name] = why
        self.log.error("Refused submission %s: %s", name, why)

    def copy_files(self) -> None:
        if not self.src_records:
            self.log.warning(
                "No submissions of '%s' for course '%s' to collect",
                self.coursedir.assignment_id,
                self.coursedir.course_id,
            )
        for record in self.src_records:
            self._collect(record)
        if self.refused:
            names = ", ".join(sorted(self.refused))
            self.fail(f"refused {len(self.refused)} submission(s), see above: {names}")

    def _collect(self, record: dict) -> None:
        """Collect one chosen entry as nbgrader would (``--update``, ``--before-duedate``), but
        copied beside ``submitted/<trainee>/`` first and moved in only when complete."""
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
        parent = os.path.dirname(dest_path)
        # a name nbgrader's globs (and the course's listings) never take for a trainee
        part = os.path.join(os.path.dirname(parent), f".{student}+{assignment}.collecting")
        shutil.rmtree(part, ignore_errors=True)
        try:
            self._stage(src_path, part, student)
        except (UntrustedSubmission, OSError, RuntimeError) as err:
            shutil.rmtree(part, ignore_errors=True)
            why = "; ".join(err.problems) if isinstance(err, UntrustedSubmission) else str(err)
            self._refuse(record["filename"], why)
            return
        if os.path.isdir(dest_path):
            self.log.info("Updating submission: %s %s", student, assignment)
            shutil.rmtree(dest_path)
        else:
            self.log.info("Collecting submission: %s %s", student, assignment)
        os.makedirs(parent, exist_ok=True)
        os.rename(part, dest_path)

    def _stage(self, src: str, part: str, student: str) -> None:
        """Copy the inbound folder ``src`` to the new folder ``part``: without following
        anything into a private folder, then by nbgrader's own copy from there (its ignore,
        include and size rules, group permissions). Raises UntrustedSubmission."""
        with tempfile.TemporaryDirectory(prefix="course-collect-") as tmp:
            staged = os.path.join(tmp, "submission")
            copy_tree(src, staged, max_file_bytes(self.coursedir))
            super().do_copy(staged, part)


def untrusted_problems(src: str, exchange: SafeCollect) -> list[str]:
    """What :mod:`course.exchange.untrusted` finds in the inbound folder ``src``, plus a total
    size over nbgrader's ``max_dir_size`` (which would stop nbgrader's collect for everyone)."""
    found = problems(src, max_file_bytes(exchange.coursedir), within=exchange.inbound_path)
    if found:
        return found
    limit = int(exchange.coursedir.max_dir_size) * 1000
    size = sum(os.lstat(os.path.join(d, f)).st_size for d, _, files in os.walk(src) for f in files)
    if size > limit:
        return [f"{size / 1e6:.1f} MB in all, over the {limit / 1e6:.1f} MB limit"]
    return []
