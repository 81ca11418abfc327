"""One grading worker: nbgrader's own Autograde converter, one student at a time.

The worker loads the course's configuration exactly as ``nbgrader autograde``
does (``AutogradeApp.initialize``: system/user config, then ``nbgrader_config.py``
of the course directory, then the command-line options), so every course
preprocessor, late-penalty plugin and exclusion applies unchanged.
"""

from __future__ import annotations

import logging
import os
import resource
import time

from nbgrader.apps.autogradeapp import AutogradeApp
from nbgrader.converters import Autograde, NbGraderException
from nbgrader.preprocessors import Execute
from traitlets.config import Config

from course.exchange import untrusted

from . import gradebook
from .execute import EVENTS, SandboxedExecute
from .reasons import reason
from .sandbox import Plan

_EXECUTE_NAMES = {"nbgrader.preprocessors.Execute", "nbgrader.preprocessors.execute.Execute"}


class _Capture(logging.Handler):
    """Keeps (level, message) pairs, formatted at once: the arguments of
    nbgrader's messages are database rows that cannot be read later."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a log line must never break grading
            message = str(record.msg)
        self.records.append((record.levelno, message))


class CourseAutograde(Autograde):
    """nbgrader's Autograde with the sandboxed Execute, which refuses an untrusted submission
    before nbgrader copies any of its files (see :mod:`course.exchange.untrusted`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.autograde_preprocessors = [
            SandboxedExecute if (pp is Execute or pp in _EXECUTE_NAMES) else pp
            for pp in self.autograde_preprocessors
        ]

    def init_assignment(self, assignment_id: str, student_id: str) -> None:
        coursedir = self.coursedir
        untrusted.check(
            self._format_source(assignment_id, student_id),
            untrusted.max_file_bytes(coursedir),
            within=coursedir.format_path(coursedir.submitted_directory, ".", "."),
        )
        super().init_assignment(assignment_id, student_id)


class Grader:
    """Grades single students of one assignment in this process.

    Changes the process: working directory (the course root), SQLite transactions (see
    :mod:`course.autograde.gradebook`), warning filters and the nbgrader logger's handlers.
    """

    def __init__(
        self,
        course_root: str,
        assignment: str,
        nbgrader_args: list[str],
        plan: Plan,
        slot: int,
        echo_log: bool = False,
    ) -> None:
        os.chdir(course_root)
        gradebook.take_turns_on_sqlite()
        gradebook.quiet_nbgrader_warnings()
        app = AutogradeApp()
        app.initialize([assignment, *nbgrader_args])
        app.coursedir.assignment_id = assignment
        extra = Config()
        execute_cfg = app.config.Execute if "Execute" in app.config else {}
        if "shutdown_kernel" not in execute_cfg:
            # a graceful shutdown can stall 3.5 s and changes no grade
            extra.Execute.shutdown_kernel = "immediate"
        extra.SandboxedExecute.plan = plan
        extra.SandboxedExecute.slot = slot
        app.update_config(extra)
        self.capture = _Capture()
        if not echo_log:
            app.log.handlers = []
            app.log.propagate = False
        app.log.addHandler(self.capture)
        if app.log.level > logging.INFO or app.log.level == logging.NOTSET:
            app.log.setLevel(logging.INFO)
        self.app = app

    def grade(self, student: str, regrade: str = "") -> dict:
        """Autograde one student; ``regrade``: why its existing autograded folder is to be
        replaced (a stopped run left it unfinished). Returns a result dict (never raises)."""
        EVENTS.clear()
        if regrade:
            EVENTS.append(f"graded again: {regrade}")
        self.capture.records = []
        self.app.coursedir.student_id = student
        started = time.monotonic()
        status, crash = "graded", None
        try:
            converter = CourseAutograde(coursedir=self.app.coursedir, parent=self.app)
            if regrade:
                converter.force = True
            converter.start()
        except NbGraderException:
            status = "failed"
        except Exception as err:  # a bug outside nbgrader's own handling
            status, crash = "failed", f"{type(err).__name__}: {err}"
        records = self.capture.records
        if status == "graded" and any(m.startswith("Skipping existing") for _, m in records):
            status = "skipped"
        errors = [m.splitlines()[-1] for lvl, m in records if lvl >= logging.ERROR and m.strip()]
        if crash:
            errors.append(crash)
        text = "\n".join(m for _, m in records)
        if status == "failed" and untrusted.UntrustedSubmission.__name__ in text:
            status = "refused"
        return {
            "student": student,
            "status": status,
            "reason": reason(status, list(EVENTS), text, errors),
            "seconds": round(time.monotonic() - started, 3),
            "events": list(EVENTS),
            "errors": errors,
            "log": [f"[{logging.getLevelName(lvl)}] {m}" for lvl, m in records],
            "worker_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "kernel_maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        }
