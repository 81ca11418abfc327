"""``nbgrader collect`` for untrusted submissions: :class:`SafeCollect`.

nbgrader's own collect copies ``inbound/<trainee>+<assignment>+<time>+<random>/`` into
``submitted/`` with ``shutil.copytree``, as the instructor: links are followed (a trainee who can
write to the exchange can have the instructor copy any file it names), a FIFO blocks the copy, one
folder name that is not ``<trainee>+<assignment>+<time>`` or one size over ``max_dir_size`` stops
the whole collect, ids are globbed and names starting with a dot are never seen. SafeCollect keeps
nbgrader's choice of submissions (latest per trainee, ``--before-duedate``, ``--update``) and
refuses, each with a logged reason, every submission that

* has a trainee id that :mod:`course.ids` refuses (glob characters, a leading dot, ...),
* has a folder name nbgrader cannot parse,
* holds a link, a special file, a hard link, a file over ``CourseDirectory.max_file_size``,
  folders nested too deep or too many files, or a ``timestamp.txt`` nbgrader cannot read
  (:mod:`course.exchange.untrusted`), or is over ``CourseDirectory.max_dir_size`` in all;

then copies the others without following anything, and fails (exit 1) after collecting them if it
refused any. Configured in ``quizzes/nbgrader_config.py``:
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

_REFUSED = "\0refused:"  # stands in for the trainee of a name nbgrader cannot parse


class SafeCollect(ExchangeCollect):
    """nbgrader's ExchangeCollect that never follows a link and refuses what it cannot trust."""

    def init_src(self) -> None:
        self.refused: dict[str, str] = {}  # inbound folder name -> why it was not collected
        super().init_src()  # nbgrader's selection; names it cannot parse are set aside
        self._refuse_hidden()
        kept = []
        for record in self.src_records:
            if record["username"].startswith(_REFUSED):
                continue
            why = self._problem(record)
            if why:
                self._refuse(record["filename"], why)
            else:
                kept.append(record)
        self.src_records = kept

    def _path_to_record(self, path: str) -> dict:
        name = os.path.basename(path)
        try:
            return super()._path_to_record(path)
        except (ExchangeError, ValueError, OverflowError) as err:
            self._refuse(name, f"its name is not <trainee>+<assignment>+<time> ({err})")
            return {
                "username": _REFUSED + name,
                "filename": name,
                "timestamp": datetime.datetime.min,
            }

    def _refuse_hidden(self) -> None:
        """Names starting with a dot, which nbgrader's glob never lists (fnmatch does)."""
        pattern = f"{self.coursedir.student_id or '*'}+{self.coursedir.assignment_id}+*"
        for name in sorted(os.listdir(self.inbound_path)):
            if name.startswith(".") and fnmatch.fnmatchcase(name, pattern):
                self._refuse(name, self._id_problem(name.split("+", 1)[0]))

    @staticmethod
    def _id_problem(trainee: str) -> str:
        try:
            check_trainee(trainee)
        except IdError as err:
            return str(err)
        return ""

    def _problem(self, record: dict) -> str:
        why = self._id_problem(record["username"])
        if why:
            return why
        src = os.path.join(self.inbound_path, record["filename"])
        found = untrusted_problems(src, self)
        return "; ".join(found)

    def _refuse(self, name: str, why: str) -> None:
        self.refused[name] = why
        self.log.error("Refusing the submission %s: %s", name, why)

    def do_copy(self, src: str, dest: str, log=None) -> None:
        """Copy without following links into a private folder, then let nbgrader copy that
        (its ignore/include/size rules and group permissions apply as usual)."""
        with tempfile.TemporaryDirectory(prefix="course-collect-") as tmp:
            staged = os.path.join(tmp, "submission")
            try:
                copy_tree(src, staged, max_file_bytes(self.coursedir))
            except UntrustedSubmission as err:
                self._refuse(os.path.basename(src), "; ".join(err.problems))
                shutil.rmtree(dest, ignore_errors=True)
                return
            super().do_copy(staged, dest)

    def copy_files(self) -> None:
        super().copy_files()
        if self.refused:
            names = ", ".join(sorted(self.refused))
            self.fail(f"refused {len(self.refused)} submission(s), see above: {names}")


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
