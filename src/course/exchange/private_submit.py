"""``nbgrader submit`` of the private exchange (see :mod:`course.exchange.private`)."""

from __future__ import annotations

import os
import secrets
import shutil
import stat

from nbgrader.exchange.default import ExchangeSubmit
from nbgrader.utils import get_osusername, ignore_patterns

from course.exchange import strings
from course.exchange.private_base import SUBMIT_UMASK, RootNotWritable, hidden_name


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
        part = os.path.join(self.inbound_path, hidden_name(self.assignment_filename))
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
