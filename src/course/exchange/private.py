"""The cohort hub's private exchange: nbgrader's exchange with permissions that keep trainees
apart (plugged in through ``ExchangeFactory``; see :func:`course.hub.roleconfig.exchange_config`).

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
import shutil

from nbgrader.exchange.default import (
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeList,
    ExchangeReleaseAssignment,
    ExchangeReleaseFeedback,
)
from nbgrader.utils import notebook_hash

from course.exchange import acl
from course.exchange.private_base import (
    RELEASE_DIR_MODE,
    RELEASE_FILE_MODE,
    RootNotWritable,
    hidden_name,
    missing_folder,
)
from course.exchange.private_collect import PrivateCollect, Refused, copy_owned_tree
from course.exchange.private_submit import PrivateSubmit


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
                missing_folder(self, path)

    def copy_files(self) -> None:
        if os.path.isdir(self.dest_path) and not self.force:
            self.fail(
                "Destination already exists, add --force to overwrite: "
                f"{self.coursedir.course_id} {self.coursedir.assignment_id}"
            )
        self.log.info("Source: %s", self.src_path)
        self.log.info("Destination: %s", self.dest_path)
        part = os.path.join(self.outbound_path, hidden_name(self.coursedir.assignment_id))
        try:
            self.do_copy(self.src_path, part)
            self.set_perms(part, fileperms=RELEASE_FILE_MODE, dirperms=RELEASE_DIR_MODE)
            if os.path.isdir(self.dest_path):
                old = os.path.join(self.outbound_path, hidden_name(self.coursedir.assignment_id))
                os.rename(self.dest_path, old)
                os.rename(part, self.dest_path)
                shutil.rmtree(old)
            else:
                os.rename(part, self.dest_path)
        finally:
            shutil.rmtree(part, ignore_errors=True)
        self.log.info("Released as: %s %s", self.coursedir.course_id, self.coursedir.assignment_id)


class PrivateReleaseFeedback(RootNotWritable, ExchangeReleaseFeedback):
    """Release each feedback file to its trainee alone."""

    def init_dest(self) -> None:
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.outbound_feedback_path = os.path.join(self.course_path, "feedback")
        self.dest_path = self.outbound_feedback_path
        if not os.path.isdir(self.dest_path):
            missing_folder(self, self.dest_path)

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
        part = os.path.join(self.dest_path, hidden_name(checksum))
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
