"""The one way every ``course`` command reaches the nbgrader course: its folder, its configuration
as nbgrader's own commands load it, its gradebook, its exchange and the folder of each step.

:func:`open_course` finds the course folder (:func:`resolve_course_dir`, the one ``--course-dir``
rule, added to a command by :func:`add_course_dir_argument`), then loads the configuration with
nbgrader's own application class: ``jupyter_config`` and ``nbgrader_config`` files of the system,
environment and user configuration folders, then the course folder's ``nbgrader_config.py`` --
what ``cd <course> && nbgrader ...`` reads. The gradebook is the configured
``CourseDirectory.db_url`` (any database nbgrader supports), the exchange the configured
exchange class's ``root``, and paths come from ``CourseDirectory.format_path``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.ids import check_assignment, check_trainee

if TYPE_CHECKING:
    from nbgrader.api import Gradebook
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

#: The nbgrader course id of the graded quizzes (``quizzes/nbgrader_config.py`` imports it).
COURSE_ID = "zj-tibet-4500"
CONFIG_FILE = "nbgrader_config.py"
#: The course folder of the checkout, relative to the repository root.
DEFAULT_FOLDER = "quizzes"
#: The exchange of one machine (no ``COURSE_EXCHANGE``): this folder of the course folder
#: (git-ignored), shared by the instructor's and the trainee's labs (``course lab``).
EXCHANGE_FOLDER = "exchange"
#: The environment variable naming a shared exchange (a hub or a shared server) instead.
EXCHANGE_VARIABLE = "COURSE_EXCHANGE"
#: Steps with a folder per trainee (or ``.`` for the instructor's), as nbgrader names them.
KINDS = ("source", "release", "submitted", "autograded", "feedback")
COURSE_DIR_HELP = (
    "the nbgrader course folder (default: the current folder if it holds "
    f"{CONFIG_FILE}, else ./{DEFAULT_FOLDER})"
)


class CourseError(RuntimeError):
    """The course cannot be used; the message (English, for instructors) names the folder or
    file and what to do."""


def resolve_course_dir(course_dir: str | Path | None = None, cwd: str | Path | None = None) -> Path:
    """The course folder, absolute: ``course_dir`` if given; else the current folder if it holds
    ``nbgrader_config.py`` (inside ``quizzes/``); else ``./quizzes`` (the repository root).
    Raises :class:`CourseError` naming the folder(s) looked in."""
    here = Path(cwd or os.getcwd()).absolute()
    if course_dir is not None:
        folder = here / course_dir
        if not folder.is_dir():
            raise CourseError(f"course folder {folder} does not exist (--course-dir)")
        return folder.resolve()
    if (here / CONFIG_FILE).is_file():
        return here.resolve()
    if (here / DEFAULT_FOLDER).is_dir():
        return (here / DEFAULT_FOLDER).resolve()
    raise CourseError(
        f"no nbgrader course found: {here} has no {CONFIG_FILE} and no {DEFAULT_FOLDER}/ "
        "folder; run this from the repository root or inside the course folder, or pass "
        "--course-dir"
    )


def default_exchange(course_root: str | Path) -> Path:
    """The exchange folder of the course at ``course_root`` when the environment names none:
    ``$COURSE_EXCHANGE`` if set and not empty, else ``<course_root>/exchange``. Pure (creates
    nothing); ``quizzes/nbgrader_config.py`` sets ``Exchange.root`` to it."""
    shared = os.environ.get(EXCHANGE_VARIABLE, "").strip()
    return Path(shared) if shared else Path(course_root) / EXCHANGE_FOLDER


def add_course_dir_argument(parser: argparse.ArgumentParser) -> None:
    """Add the ``--course-dir`` option (default None: the rule of :func:`resolve_course_dir`)."""
    parser.add_argument("--course-dir", default=None, metavar="DIR", help=COURSE_DIR_HELP)


def _reader_class():
    from nbgrader.apps.baseapp import NbGrader

    class ConfigReader(NbGrader):
        """nbgrader's base application, used only to load configuration as its commands do."""

        name = "course"
        # The course folder's config is loaded by NbGrader.initialize itself; the working
        # directory's would be a second, unrelated one when --course-dir names another folder.
        load_cwd_config = False

        def init_syspath(self) -> None:
            """Leave sys.path alone (nbgrader's apps put the working directory first)."""

    return ConfigReader


def load_config(root: Path) -> tuple[Config, CourseDirectory]:
    """The configuration of the course at ``root`` and its ``CourseDirectory``, loaded by
    nbgrader's application class. Raises :class:`CourseError` when a config file fails."""
    reader = _reader_class()(raise_config_file_errors=True, log_level=logging.ERROR)
    try:
        reader.initialize([], root=str(root))
    except SystemExit as exc:  # traitlets' catch_config_error exits on a bad option value
        raise CourseError(f"the nbgrader configuration of {root} is invalid") from exc
    except Exception as exc:
        raise CourseError(
            f"cannot load the nbgrader configuration of {root}: {type(exc).__name__}: {exc}"
        ) from exc
    return reader.config, reader.coursedir


@dataclass(frozen=True)
class Course:
    """An nbgrader course: ``root`` (absolute), ``config`` (the merged traitlets Config),
    ``coursedir`` (nbgrader's ``CourseDirectory`` configured by it)."""

    root: Path
    config: Config
    coursedir: CourseDirectory

    @property
    def db_url(self) -> str:
        """The gradebook's database URL (``CourseDirectory.db_url``)."""
        return self.coursedir.db_url

    @property
    def db_shown(self) -> str:
        """The database URL with any password hidden, for messages."""
        from sqlalchemy.engine import make_url

        return make_url(self.db_url).render_as_string(hide_password=True)

    @property
    def course_id(self) -> str:
        return self.coursedir.course_id

    @property
    def exchange_root(self) -> Path | None:
        """The configured exchange class's ``root`` folder; None if that class has none."""
        from nbgrader.exchange import ExchangeFactory

        exchange_class = ExchangeFactory(config=self.config).exchange
        exchange = exchange_class(coursedir=self.coursedir, config=self.config)
        root = getattr(exchange, "root", None)
        return Path(root) if root else None

    def sqlite_file(self) -> Path | None:
        """The gradebook's file when it is a SQLite database on disk, else None."""
        from sqlalchemy.engine import make_url

        url = make_url(self.db_url)
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        return Path(url.database)

    @contextlib.contextmanager
    def gradebook(self) -> Iterator[Gradebook]:
        """nbgrader's ``Gradebook`` on the configured database, closed on exit. Raises
        :class:`CourseError` (rather than creating an empty database) when the configured SQLite
        file does not exist."""
        from nbgrader.api import Gradebook

        path = self.sqlite_file()
        if path is not None and not path.is_file():
            raise CourseError(
                f"no gradebook at {path} (the db_url of the course in {self.root}): run "
                "`nbgrader generate_assignment` in the course folder first"
            )
        with Gradebook(self.db_url, self.course_id) as gb:
            yield gb

    def _folder_of(self, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        return getattr(self.coursedir, f"{kind}_directory")

    def path(self, kind: str, student: str | None, assignment: str) -> Path:
        """The folder of ``assignment`` at step ``kind`` for ``student`` (None or ``.`` for the
        instructor's ``source``/``release``). Raises :class:`course.ids.IdError` for an id that
        nbgrader would glob or hide, so that no path here ever selects another trainee's."""
        check_assignment(assignment)
        student = "." if student is None else student
        if student != "." or kind not in ("source", "release"):
            check_trainee(student)
        return Path(self.coursedir.format_path(self._folder_of(kind), student, assignment))

    def students(self, kind: str, assignment: str) -> list[str]:
        """The names of every folder of step ``kind`` holding ``assignment``, sorted, read from
        the disk as they are: hidden names and names nbgrader would glob are included (check them
        with :mod:`course.ids`). Empty when the step's folder does not exist."""
        marker = "\0"
        template = self.coursedir.format_path(self._folder_of(kind), marker, assignment)
        head, _, tail = template.partition(marker)
        if not head.endswith(os.sep) or marker in tail or (tail and not tail.startswith(os.sep)):
            raise CourseError(
                "CourseDirectory.directory_structure must hold {student_id} as a whole folder "
                f"name (it is {self.coursedir.directory_structure!r})"
            )
        try:
            entries = list(os.scandir(head))
        except FileNotFoundError:
            return []
        return sorted(e.name for e in entries if os.path.isdir(head + e.name + tail))

    def archive_dir(self, assignment: str) -> Path:
        """Where ``nbgrader zip_collect`` reads the offline submissions of ``assignment`` from
        (``ZipCollectApp``'s ``downloaded``/``archive`` folders as configured)."""
        from nbgrader.apps.zipcollectapp import ZipCollectApp

        check_assignment(assignment)
        setting = _settings(self.config, ZipCollectApp)
        structure = setting("collect_directory_structure")
        return self.root / structure.format(
            downloaded=setting("downloaded_directory"),
            assignment_id=assignment,
            collect_step=setting("archive_directory"),
        )


def _settings(config: Config, cls: type) -> Any:
    """A function giving the configured value of a trait of ``cls`` (or its default)."""
    section = config.get(cls.__name__, {})

    def setting(name: str) -> Any:
        return section[name] if name in section else getattr(cls, name).default_value

    return setting


def open_course(course_dir: str | Path | None = None) -> Course:
    """The course in ``course_dir`` (the ``--course-dir`` rule when None), its configuration
    loaded as nbgrader's commands load it. Raises :class:`CourseError` naming the folder."""
    folder = resolve_course_dir(course_dir)
    config, coursedir = load_config(folder)
    return Course(Path(coursedir.root), config, coursedir)
