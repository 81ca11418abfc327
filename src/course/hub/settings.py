"""The cohort hub's settings (``hub.yaml`` in the hub folder) and every path derived from them.

One hub folder holds everything a cohort produces on the server (see :class:`Hub`)::

    <hub>/hub.yaml                 these settings (root only: it holds gradebook passwords)
    <hub>/state/                   JupyterHub's database, cookie secret, tokens (root only)
    <hub>/materials/lessons/       the lesson notebooks copied into each new home
    <hub>/materials/quizzes/       the instructor's quiz sources (root only: they hold the keys)
    <hub>/courses/<course>/        one nbgrader course root per course (grader + instructors)
    <hub>/exchange/                the private nbgrader exchange
    <hub>/config/<role>/           the Jupyter configuration of trainees, instructors, graders
    <hub>/passwords/<course>.csv   passwords of accounts created for the course (instructors)

The Python environment the hub runs in lives outside the hub folder (``env``, by default
``/opt/zj-course-hub/venv``), made from the system Python so that every account can run it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DEFAULT_HUB_DIR = Path("/srv/zj-course-hub")
DEFAULT_ENV = Path("/opt/zj-course-hub/venv")
HUB_DIR_VARIABLE = "COURSE_HUB_DIR"
SETTINGS_FILE = "hub.yaml"
#: A course id is an nbgrader course id, a hub service name, part of Unix group names
#: (``formgrade-<id>``: 32 characters at most) and of a PostgreSQL database name.
COURSE_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")  # fullmatch
COURSE_ID_MAX = 20
#: The default Unix group of the accounts a hub created (see ``HubSettings.managed_group``).
MANAGED_GROUP = "zj-course-hub"
ROLES = ("trainee", "instructor", "grader")
FIRST_SERVICE_PORT = 9100


def trainees_group(course: str) -> str:
    """The Unix and hub group of a course's trainees (nbgrader's ``nbgrader-<course>``)."""
    return f"nbgrader-{course}"


def graders_group(course: str) -> str:
    """The Unix and hub group of a course's instructors and grader account (``formgrade-``)."""
    return f"formgrade-{course}"


def grader_account(course: str) -> str:
    """The account a course's formgrader service and nbgrader commands run as."""
    return f"grader-{course}"


class CourseSettings(BaseModel):
    """One course of the hub: its id, where its gradebook lives, its service's port."""

    model_config = ConfigDict(extra="forbid")

    id: str
    #: SQLAlchemy URL of the gradebook; empty means SQLite in the course folder.
    db_url: str = ""
    #: Port of the course's formgrader service on 127.0.0.1 (0: chosen from the course's place).
    port: int = 0

    @field_validator("id")
    @classmethod
    def _course_id(cls, value: str) -> str:
        if not COURSE_ID.fullmatch(value) or len(value) > COURSE_ID_MAX:
            raise ValueError(
                f"course id {value!r} must be lowercase letters, digits and single hyphens, "
                f"start with a letter and have at most {COURSE_ID_MAX} characters"
            )
        return value


class HubSettings(BaseModel):
    """The settings file. Paths are absolute; ``courses`` keep their order."""

    model_config = ConfigDict(extra="forbid")

    env: Path = DEFAULT_ENV
    #: Where the hub listens for browsers ("" = every interface) and its internal ports.
    ip: str = ""
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    ssl_cert: str = ""
    ssl_key: str = ""
    home_base: Path = Path("/home")
    #: Every account this hub created belongs to this Unix group, enabled or not: the hub never
    #: touches an account outside it (one group per hub on a server with several).
    managed_group: str = MANAGED_GROUP
    #: Extra command-line arguments of every user's JupyterLab server.
    server_args: list[str] = Field(default_factory=list)
    #: The checkout the course materials were copied from (for `course hub init` again).
    source: Path | None = None
    courses: list[CourseSettings] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_courses(self) -> HubSettings:
        ids = [c.id for c in self.courses]
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        if doubled:
            raise ValueError(f"course ids listed twice: {', '.join(doubled)}")
        for index, course in enumerate(self.courses):
            if not course.port:
                course.port = FIRST_SERVICE_PORT + index
        return self

    def course(self, course_id: str) -> CourseSettings:
        for course in self.courses:
            if course.id == course_id:
                return course
        raise KeyError(course_id)

    @property
    def course_ids(self) -> list[str]:
        return [c.id for c in self.courses]


class Hub:
    """A hub folder and its settings: every path the hub uses, defined here once."""

    def __init__(self, root: str | os.PathLike[str], settings: HubSettings) -> None:
        self.root = Path(root).resolve()
        self.settings = settings

    # -- the hub folder ---------------------------------------------------------------------
    @property
    def settings_file(self) -> Path:
        return self.root / SETTINGS_FILE

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def materials(self) -> Path:
        return self.root / "materials"

    @property
    def lessons(self) -> Path:
        return self.materials / "lessons"

    @property
    def quizzes(self) -> Path:
        return self.materials / "quizzes"

    @property
    def exchange(self) -> Path:
        return self.root / "exchange"

    @property
    def jupyterhub_config(self) -> Path:
        return self.state / "jupyterhub_config.py"

    @property
    def admin_token_file(self) -> Path:
        """The token of the ``course-hub`` service that `course` commands use on the hub API."""
        return self.state / "admin-token"

    def course_dir(self, course: str) -> Path:
        return self.root / "courses" / course

    def config_dir(self, role: str) -> Path:
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        return self.root / "config" / role

    def passwords_file(self, course: str) -> Path:
        return self.root / "passwords" / f"{course}.csv"

    def home(self, account: str) -> Path:
        return self.settings.home_base / account

    # -- the environment --------------------------------------------------------------------
    @property
    def env(self) -> Path:
        return self.settings.env

    def env_bin(self, name: str) -> Path:
        return self.env / "bin" / name

    # -- urls -------------------------------------------------------------------------------
    @property
    def scheme(self) -> str:
        return "https" if self.settings.ssl_cert else "http"

    @property
    def url(self) -> str:
        """Where this server reaches the hub through its proxy (loopback)."""
        return f"{self.scheme}://127.0.0.1:{self.settings.port}"

    @property
    def api_url(self) -> str:
        """The hub's own REST API, without the proxy."""
        return f"http://127.0.0.1:{self.settings.hub_port}/hub/api"


def hub_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """The hub folder: ``value``, else ``$COURSE_HUB_DIR``, else ``/srv/zj-course-hub``."""
    return Path(value or os.environ.get(HUB_DIR_VARIABLE) or DEFAULT_HUB_DIR).resolve()


def load(root: str | os.PathLike[str] | None = None) -> Hub:
    """Read ``<hub>/hub.yaml``; raise FileNotFoundError if there is none, ValueError (naming the
    file) if it is malformed."""
    root = hub_dir(root)
    path = root / SETTINGS_FILE
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
        return Hub(root, HubSettings.model_validate(data))
    except (yaml.YAMLError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from exc


def save(hub: Hub) -> Path:
    """Write the settings to ``<hub>/hub.yaml`` (mode 0600, atomically); return its path."""
    data = hub.settings.model_dump(mode="json", exclude_defaults=False)
    text = (
        "# The cohort hub's settings (docs/cohort-hub.md). Written by `course hub init`;\n"
        "# after editing, run `course hub init` again and restart the hub.\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    )
    hub.root.mkdir(parents=True, exist_ok=True)
    tmp = hub.settings_file.with_name(SETTINGS_FILE + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, hub.settings_file)
    return hub.settings_file
