"""The trainee's side of nbgrader's exchange, as the quiz centre uses it: list the released
quizzes, fetch one, submit it, fetch its feedback.

Everything goes through nbgrader's own exchange classes (``ExchangeFactory``: list, fetch,
submit, fetch feedback), with the configuration nbgrader's assignment list loads: the
``nbgrader_config`` files of Jupyter's configuration folders (a lab started by ``course lab``
has a folder of its own, its ``JUPYTER_CONFIG_DIR``) and of the working folder. Fetched quizzes
go to ``Exchange.assignment_dir``; a relative one (nbgrader's default ``.``) is taken from the
working folder, which in a kernel is the folder of the notebook showing the quiz centre -- so a
fetched quiz is always somewhere the lab's file browser shows, never in the server's working
folder.

A trainee may be in several courses (a cohort hub configures no course id for trainees): with no
``CourseDirectory.course_id`` configured, every course of the exchange the account may read is
listed (nbgrader's list of ``*``), and each quiz keeps its course, which fetch, submit and fetch
feedback then use. With ``Exchange.path_includes_course`` a quiz is fetched into
``<assignment_dir>/<course>/<assignment>``, as nbgrader does.

nbgrader's log messages (English) go to a logger of the course, not into the notebook; what
fails is raised as :class:`DeskError` with a Chinese message.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import strings as s

LOG = logging.getLogger("course.quizcentre")
LOG.addHandler(logging.NullHandler())
LOG.propagate = False  # nbgrader's English messages stay out of the trainee's notebook


class DeskError(RuntimeError):
    """An exchange step failed: ``str(error)`` is the Chinese message for the trainee, ``detail``
    the technical reason (English, for the training administrator)."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class Submission:
    """One submission of a quiz: nbgrader's ``timestamp`` (UTC), whether feedback for it is in
    the exchange, and the feedback pages fetched for it (empty: none fetched)."""

    timestamp: str
    feedback_ready: bool
    feedback_pages: tuple[Path, ...] = ()
    feedback_updated: bool = False


@dataclass(frozen=True)
class Quiz:
    """A released quiz: its ``course`` and ``assignment`` ids, the trainee's fetched copy
    (``folder``, None when not fetched) and its ``notebooks``, and the trainee's
    ``submissions``, oldest first."""

    course: str
    assignment: str
    folder: Path | None
    notebooks: tuple[Path, ...] = ()
    submissions: tuple[Submission, ...] = field(default_factory=tuple)

    @property
    def last(self) -> Submission | None:
        return self.submissions[-1] if self.submissions else None


def load_config(where: Path) -> Any:
    """The nbgrader configuration as nbgrader's assignment list loads it: Jupyter's
    configuration folders, then ``where`` (a new traitlets Config)."""
    from jupyter_core.paths import jupyter_config_path
    from nbgrader.apps import NbGrader

    app = NbGrader(log=LOG)
    app.config_file_paths.append([str(where), *jupyter_config_path()])
    app.load_config_file()
    return app.config


class Desk:
    """nbgrader's exchange for one trainee; ``where`` is the working folder (default: the
    current one), ``folder`` where quizzes are fetched to (absolute)."""

    def __init__(self, where: str | Path | None = None) -> None:
        from nbgrader.exchange import ExchangeFactory

        self.where = Path(where or os.getcwd()).absolute()
        self.config = load_config(self.where)
        self.factory = ExchangeFactory(config=self.config)
        lister = self.factory.List(config=self.config, log=LOG)
        self.folder = (self.where / lister.assignment_dir).resolve()
        self.config.Exchange.assignment_dir = str(self.folder)
        self.root = Path(lister.root) if getattr(lister, "root", None) else None

    @property
    def course_id(self) -> str:
        """The course configured for this lab ("" when none is: every course is listed)."""
        return self._coursedir().course_id

    def _coursedir(self, course: str | None = None, assignment: str = "", student: str = "*"):
        from nbgrader.coursedir import CourseDirectory

        coursedir = CourseDirectory(config=self.config, log=LOG)
        if course is not None:
            coursedir.course_id = course
        coursedir.assignment_id, coursedir.student_id = assignment, student
        return coursedir

    def _exchange(self, step: str, course: str | None, assignment: str = "", **options: Any):
        """nbgrader's exchange ``step`` (``List``, ``FetchAssignment``, ``Submit``,
        ``FetchFeedback``) for ``course`` (None: the configured one); ``student`` is an option."""
        from nbgrader.auth import Authenticator

        if self.root is not None and not self.root.is_dir():
            raise DeskError(s.NO_EXCHANGE, f"Exchange.root {self.root} does not exist")
        student = options.pop("student", "*")
        return getattr(self.factory, step)(
            coursedir=self._coursedir(course, assignment, student),
            authenticator=Authenticator(config=self.config, log=LOG),
            config=self.config,
            log=LOG,
            **options,
        )

    @staticmethod
    def _start(step: str, exchange: Any) -> Any:
        """Run ``exchange`` and return what its ``start`` returns; raise DeskError on failure."""
        try:
            return exchange.start()
        except Exception as exc:  # nbgrader raises ExchangeError, RuntimeError, OSError...
            raise DeskError(s.STEP_FAILED[step], f"{type(exc).__name__}: {exc}") from exc

    def _run(self, step: str, course: str | None = None, assignment: str = "", **options: Any):
        return self._start(step, self._exchange(step, course, assignment, **options))

    def quizzes(self) -> list[Quiz]:
        """Every released quiz of the configured course (of every course the account may read
        when none is configured), with the trainee's copy and submissions."""
        released = self._run("List")
        cached: dict[tuple[str, str], list] = {}
        for info in self._run("List", cached=True):
            key = (info["course_id"], info["assignment_id"])
            cached.setdefault(key, []).extend(info.get("submissions", []))
        quizzes = []
        for info in sorted(released, key=lambda a: (a["course_id"], a["assignment_id"])):
            key = (info["course_id"], info["assignment_id"])
            fetched = info["status"] == "fetched"
            quizzes.append(
                Quiz(
                    *key,
                    Path(info["path"]) if fetched else None,
                    tuple(Path(n["path"]) for n in info["notebooks"]) if fetched else (),
                    tuple(_submission(x) for x in cached.get(key, [])),
                )
            )
        return quizzes

    def find(self, course: str, assignment: str) -> Quiz | None:
        return next(
            (q for q in self.quizzes() if (q.course, q.assignment) == (course, assignment)), None
        )

    def fetch(self, course: str, assignment: str) -> Path:
        """Fetch ``assignment`` of ``course`` (files missing from an earlier copy are brought
        back; nothing of the trainee's is overwritten). Returns the quiz's folder."""
        from course.ids import check_assignment

        check_assignment(assignment)
        self.config.ExchangeFetchAssignment.replace_missing_files = True
        fetch = self._exchange("FetchAssignment", course, assignment)
        self._start("FetchAssignment", fetch)
        return Path(fetch.dest_path)  # nbgrader's own rule (with the course folder or not)

    def submit(self, course: str, assignment: str, trainee: str) -> str:
        """Submit the fetched copy of ``assignment`` of ``course`` under ``trainee``'s id;
        returns nbgrader's timestamp of the submission (UTC)."""
        from course.ids import IdError, check_assignment, check_trainee

        check_assignment(assignment)
        try:
            check_trainee(trainee)
        except IdError as exc:
            raise DeskError(s.BAD_ID.format(trainee=trainee), str(exc)) from exc
        self._run("Submit", course, assignment, student=trainee)
        quiz = self.find(course, assignment)
        if quiz is None or quiz.last is None:
            raise DeskError(s.STEP_FAILED["Submit"], "no submission in the cache after submit")
        return quiz.last.timestamp

    def fetch_feedback(self, course: str, assignment: str, trainee: str = "*") -> list[Path]:
        """Fetch the feedback released for ``assignment`` of ``course``; returns the pages of
        the last submission that has some (empty if none)."""
        from course.ids import check_assignment

        check_assignment(assignment)
        if self.root is not None and not (self.root / course / "feedback").is_dir():
            return []  # nbgrader makes the folder when it first releases feedback
        self._run("FetchFeedback", course, assignment, student=trainee)
        quiz = self.find(course, assignment)
        with_pages = [x for x in (quiz.submissions if quiz else ()) if x.feedback_pages]
        return list(with_pages[-1].feedback_pages) if with_pages else []


def _submission(info: dict) -> Submission:
    """A :class:`Submission` from one of nbgrader's cached-list entries."""
    pages = tuple(
        Path(n["local_feedback_path"])
        for n in info.get("notebooks", [])
        if n.get("has_local_feedback") and n.get("local_feedback_path")
    )
    return Submission(
        info["timestamp"],
        bool(info.get("has_exchange_feedback")),
        pages,
        bool(info.get("feedback_updated")),
    )
