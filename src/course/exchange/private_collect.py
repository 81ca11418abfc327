"""``nbgrader collect`` of the private exchange (see :mod:`course.exchange.private`): the
course's :class:`~course.exchange.collect.SafeCollect` (every refusal, the latest valid entry of
each trainee, a copy moved in only when complete), where an entry counts only if its folder and
every file in it belong to the trainee it is named after, and files are copied through
descriptors opened without following links."""

from __future__ import annotations

import os
import pwd
import shutil
import stat

from nbgrader.utils import ignore_patterns

from course.exchange.collect import SafeCollect
from course.exchange.private_base import RootNotWritable
from course.exchange.untrusted import UntrustedSubmission


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


class PrivateCollect(RootNotWritable, SafeCollect):
    """SafeCollect that also refuses what the trainee named does not own (see the module's
    docstring)."""

    def _problem(self, path: str, record: dict) -> str:
        student = record["username"]
        try:
            uid = pwd.getpwnam(student).pw_uid
        except KeyError:
            return f"no account is named {student!r}"
        info = os.lstat(path)
        if not stat.S_ISDIR(info.st_mode):
            return "not a folder (a link or a file)"
        if info.st_uid != uid:
            return f"owned by uid {info.st_uid}, not by {student} (uid {uid})"
        return super()._problem(path, record)

    def _in_progress(self, name: str) -> bool:
        return name.endswith(".part")  # private_submit writes under a hidden_name first

    def _stage(self, src: str, part: str, student: str) -> None:
        ignore = ignore_patterns(
            exclude=self.coursedir.ignore,
            include=self.coursedir.include,
            max_file_size=self.coursedir.max_file_size,
            log=self.log,
        )
        uid = pwd.getpwnam(student).pw_uid
        try:
            copy_owned_tree(src, part, uid, ignore, 1000 * self.coursedir.max_dir_size)
        except Refused as err:
            raise UntrustedSubmission(src, [str(err)]) from None
