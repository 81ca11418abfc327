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

from . import dblock, warm
from .execute import EVENTS, SandboxedExecute
from .kernel import SandboxedKernelManager
from .sandbox import Plan

#: what nbclient adds to a Python kernel's arguments (its ``ipython_hist_file`` default)
_HISTORY_IN_MEMORY = ("--HistoryManager.hist_file=:memory:",)
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


def _swap_execute(preprocessors: list) -> list:
    """nbgrader's preprocessor list with Execute replaced by SandboxedExecute."""
    return [
        SandboxedExecute if (pp is Execute or pp in _EXECUTE_NAMES) else pp for pp in preprocessors
    ]


_KNOWN_FAILURES = (
    ("DeadKernelError", "the kernel died (the code exited it, or a limit killed it)"),
    (
        "Timeout waiting for IOPub",
        "a cell timed out and its kernel did not come back after the interrupt",
    ),
    ("CellTimeoutError", "a cell timed out and its kernel did not come back after the interrupt"),
    ("NotJSONError", "the submitted file is not a valid notebook"),
    ("No notebooks were matched", "no notebook in the submission"),
    ("kernel_info", "the kernel did not start"),
)


def _reason(status: str, events: list[str], records: list, errors: list[str]) -> str:
    """One line saying why a student failed ('' when graded)."""
    if status != "failed":
        return "; ".join(events)
    for event in events:
        if event.startswith(("wall-clock", "tampering")):
            return event
    text = "\n".join(m for _, m in records)
    for needle, reason in _KNOWN_FAILURES:
        if needle in text:
            return reason
    meaningful = [e for e in errors if e and not e.startswith(("There was an error", "Please see"))]
    return meaningful[-1] if meaningful else "nbgrader reported an error (see the log)"


class _EarlyKernelAutograde(Autograde):
    """nbgrader's Autograde, which also starts each notebook's kernel ahead (see
    :mod:`course.autograde.warm`): once the submission's folder is set up, and before each
    further notebook.  Grading itself is nbgrader's, unchanged."""

    start_ahead = None  # callable(assignment_id, student_id, notebook_filename)

    def init_destination(self, assignment_id: str, student_id: str) -> bool:
        go = super().init_destination(assignment_id, student_id)
        if go and self.notebooks:
            self._ahead(assignment_id, student_id, self.notebooks[0])
        return go

    def convert_single_notebook(self, notebook_filename: str) -> None:
        if warm.pending() is None:
            info = self.init_single_notebook_resources(notebook_filename)["nbgrader"]
            self._ahead(info["assignment"], info["student"], notebook_filename)
        super().convert_single_notebook(notebook_filename)

    def _ahead(self, assignment_id: str, student_id: str, notebook: str) -> None:
        """Start the kernel ahead; a failure here only costs the time it would have saved."""
        if self.start_ahead is None:
            return
        try:
            self.start_ahead(assignment_id, student_id, notebook)
        except Exception as err:  # noqa: BLE001 - the Execute step starts a kernel itself
            self.log.warning("could not start the kernel ahead (%s: %s)", type(err).__name__, err)


class Grader:
    """Grades single students of one assignment in this process.

    Changes the process: working directory (the course root), the Gradebook
    class (serialised by ``lock_path``) and the nbgrader logger's handlers.
    """

    def __init__(
        self,
        course_root: str,
        assignment: str,
        nbgrader_args: list[str],
        plan: Plan | None,
        slot: int,
        lock_path: str,
        echo_log: bool = False,
        early_kernels: bool = True,
    ) -> None:
        os.chdir(course_root)
        dblock.install(lock_path)
        app = AutogradeApp()
        app.initialize([assignment, *nbgrader_args])
        app.coursedir.assignment_id = assignment
        extra = Config()
        execute_cfg = app.config.Execute if "Execute" in app.config else {}
        if "shutdown_kernel" not in execute_cfg:
            # a graceful shutdown can stall 3.5 s and changes no grade
            extra.Execute.shutdown_kernel = "immediate"
        if plan is not None:
            extra.SandboxedExecute.plan = plan.to_dict() if plan.bwrap or plan.setpriv else {}
            extra.SandboxedExecute.slot = slot
            extra.SandboxedExecute.wall_seconds = plan.limits.wall_seconds
            extra.SandboxedExecute.output_bytes = plan.limits.output_bytes
        app.update_config(extra)
        self.capture = _Capture()
        if not echo_log:
            app.log.handlers = []
            app.log.propagate = False
        app.log.addHandler(self.capture)
        if app.log.level > logging.INFO or app.log.level == logging.NOTSET:
            app.log.setLevel(logging.INFO)
        self.app = app
        self.plan = plan
        self.slot = slot
        self.early_kernels = early_kernels
        self.sandbox = extra.SandboxedExecute.plan if plan is not None else None

    def _start_ahead(self, assignment: str, student: str, notebook: str) -> None:
        """Start the kernel of ``notebook`` now, as nbclient will start it in the Execute step
        (if anything differs then, it is not used: see :mod:`course.autograde.warm`)."""
        coursedir = self.app.coursedir
        name = os.path.splitext(os.path.basename(notebook))[0]
        source = coursedir.format_path(coursedir.source_directory, ".", assignment)
        dest = os.path.normpath(
            coursedir.format_path(coursedir.autograded_directory, student, assignment)
        )
        os.makedirs(dest, exist_ok=True)
        env = {**os.environ, "NBGRADER_EXECUTION": "autograde"}
        known = warm.LEARNED.get(name)
        if known is not None:
            kernel, extra = known.kernel_name, known.extra_arguments
        else:
            kernel = warm.predicted_kernel_name(
                self.app.config, os.path.join(source, name + ".ipynb")
            )
            extra = (
                warm.LEARNED.get("") and warm.LEARNED[""].extra_arguments
            ) or _HISTORY_IN_MEMORY
        launch = warm.Launch.make(
            SandboxedKernelManager, self.sandbox, self.slot, kernel, extra, dest, env
        )
        warm.start(launch, self.app.config)

    def grade(self, student: str) -> dict:
        """Autograde one student; returns a result dict (never raises)."""
        EVENTS.clear()
        self.capture.records = []
        self.app.coursedir.student_id = student
        started = time.monotonic()
        before = dict(warm.STATS)
        status, crash = "graded", None
        try:
            converter = _EarlyKernelAutograde(coursedir=self.app.coursedir, parent=self.app)
            if self.plan is not None:
                converter.autograde_preprocessors = _swap_execute(converter.autograde_preprocessors)
                if self.early_kernels:
                    converter.start_ahead = self._start_ahead
            converter.start()
        except NbGraderException:
            status = "failed"
        except Exception as err:  # a bug outside nbgrader's own handling
            status, crash = "failed", f"{type(err).__name__}: {err}"
        finally:
            warm.discard_pending()  # not adopted: the student failed before its Execute
        records = self.capture.records
        if status == "graded" and any(m.startswith("Skipping existing") for _, m in records):
            status = "skipped"
        errors = [m.splitlines()[-1] for lvl, m in records if lvl >= logging.ERROR and m.strip()]
        if crash:
            errors.append(crash)
        return {
            "student": student,
            "status": status,
            "reason": _reason(status, list(EVENTS), records, errors),
            "seconds": round(time.monotonic() - started, 3),
            "events": list(EVENTS),
            "errors": errors,
            "log": [f"[{logging.getLevelName(lvl)}] {m}" for lvl, m in records],
            "kernels_started_ahead": {
                k: warm.STATS[k] - before[k] for k in ("adopted", "discarded")
            },
            "worker_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "kernel_maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        }
