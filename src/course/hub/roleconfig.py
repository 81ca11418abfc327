"""The configuration files the hub writes: each role's Jupyter configuration
(``<hub>/config/<role>/``, given to servers through ``JUPYTER_CONFIG_PATH``) and each course
folder's ``nbgrader_config.py``. Pure functions of the settings; :mod:`course.hub.layout` writes
them.

Roles: a **trainee** sees none of nbgrader's JupyterLab tools (English), as in a one-machine
trainee lab (:data:`course.lab.profiles.TRAINEE`): the graded quizzes are fetched, submitted and
their feedback read in the course guide's quiz centre (:mod:`course.quizcentre`), which lists
every course of the exchange the account may read (no course id is configured: a trainee may be
in several courses) and fetches into the trainee's home, the root of their lab; formgrader is
not loaded. An **instructor**'s own server finds the courses they grade (nbgrader's course list,
with ``JupyterHubAuthPlugin``); the **grader** (each course's service) runs formgrader, and may
frame its own pages. Neither sees the programmer tools a learner's lab hides
(:data:`course.lab.profiles.PROGRAMMER_TOOLS`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from course.exchange.private import CLASSES
from course.hub.settings import Hub
from course.lab.profiles import NBGRADER_LAB_EXTENSION, PROGRAMMER_TOOLS, TRAINEE

IGNORED = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.lock"]
INSTRUCTOR_PLUGINS_OFF = ("formgrader", "create-assignment")
GRADER_PLUGINS_OFF = ("assignment-list", "course-list", "validate-assignment")
NBGRADER_PLUGIN = NBGRADER_LAB_EXTENSION + ":{}"
NBGRADER_EXTENSION = "nbgrader.server_extensions.{}"
#: The course service's lab shows formgrader in a frame of its own page: allow its own origin
#: to frame it (JupyterHub >= 4.1 sends frame-ancestors 'none' to every single-user server).
GRADER_CSP = "frame-ancestors 'self'"
#: Where a trainee's quizzes are fetched to: their home, which their lab shows (the spawner's
#: working folder); a Python expression, evaluated in the trainee's own processes.
TRAINEE_ASSIGNMENT_DIR = "os.path.expanduser('~')"


def exchange_config(hub: Hub) -> list[str]:
    """nbgrader configuration lines every account of the hub shares: the exchange and its
    private classes."""
    lines = [
        f"c.Exchange.root = {str(hub.exchange)!r}",
        "c.Exchange.path_includes_course = True",
        f"c.CourseDirectory.ignore = {IGNORED!r}",
    ]
    for trait, cls in CLASSES.items():
        lines.append(f"c.ExchangeFactory.{trait} = {cls.__module__ + '.' + cls.__name__!r}")
    return lines


def course_config(hub: Hub, course: str, base: str) -> str:
    """A course folder's ``nbgrader_config.py``: the checkout's quiz configuration ``base``,
    then the hub's course id, gradebook and exchange."""
    db_url = hub.settings.course(course).db_url or sqlite_url(hub, course)
    hub_lines = [
        f"c.CourseDirectory.course_id = {course!r}",
        f"c.CourseDirectory.root = {str(hub.course_dir(course))!r}",
        f"c.CourseDirectory.db_url = {db_url!r}",
        *exchange_config(hub),
    ]
    marker = (
        "# -- the cohort hub (written by `course hub init` from hub.yaml; edit that instead) --"
    )
    return base.rstrip("\n") + "\n\n" + marker + "\n" + "\n".join(hub_lines) + "\n"


def sqlite_url(hub: Hub, course: str) -> str:
    return f"sqlite:///{hub.course_dir(course) / 'gradebook.db'}"


def db_url(hub: Hub, course: str) -> str:
    """The gradebook of ``course``: its ``db_url`` setting, else SQLite in its folder."""
    return hub.settings.course(course).db_url or sqlite_url(hub, course)


def disabled_extensions(role: str) -> dict[str, bool]:
    """JupyterLab's ``disabledExtensions`` for ``role``: the trainee's are the one-machine
    trainee lab's; an instructor and a grader lose some of nbgrader's plugins (the others are
    named as enabled) and the programmer tools."""
    if role == "trainee":
        return dict.fromkeys(TRAINEE.hidden, True)
    off = INSTRUCTOR_PLUGINS_OFF if role == "instructor" else GRADER_PLUGINS_OFF
    plugins = sorted(set(INSTRUCTOR_PLUGINS_OFF + GRADER_PLUGINS_OFF))
    return {
        **{NBGRADER_PLUGIN.format(p): p in off for p in plugins},
        **dict.fromkeys(PROGRAMMER_TOOLS, True),
    }


def role_files(hub: Hub, role: str) -> dict[str, str]:
    """The Jupyter configuration files of ``role`` (relative path -> text)."""
    off = {
        "trainee": ("formgrader", "course-list"),  # the course list is an instructor's
        "instructor": INSTRUCTOR_PLUGINS_OFF,
        "grader": GRADER_PLUGINS_OFF,
    }[role]
    extensions = {
        NBGRADER_EXTENSION.format(name.replace("-", "_")): name not in off
        for name in ("formgrader", "course-list", "assignment-list", "validate-assignment")
    }
    server: dict = {"ServerApp": {"jpserver_extensions": extensions}}
    if role == "grader":
        server["ServerApp"]["tornado_settings"] = {
            "headers": {"Content-Security-Policy": GRADER_CSP}
        }
    page = {"disabledExtensions": disabled_extensions(role)}
    files = {
        "jupyter_server_config.json": json.dumps(server, indent=2) + "\n",
        "labconfig/page_config.json": json.dumps(page, indent=2) + "\n",
    }
    if role != "grader":  # the grader's nbgrader configuration is its course folder's own
        lines = [
            "# Written by `course hub init`: the exchange every account of the hub shares.",
            "import os",
            "",
            "c = get_config()  # noqa: F821",
            *exchange_config(hub),
        ]
        if role == "trainee":  # the quiz centre fetches into the home the trainee's lab shows
            lines.append(f"c.Exchange.assignment_dir = {TRAINEE_ASSIGNMENT_DIR}")
        if role == "instructor":  # nbgrader's course list finds the courses' formgraders
            lines.append("c.Authenticator.plugin_class = 'nbgrader.auth.JupyterHubAuthPlugin'")
        files["nbgrader_config.py"] = "\n".join(lines) + "\n"
    return files


def write_role_config(hub: Hub, role: str) -> Path:
    folder = hub.config_dir(role)
    for relative, text in role_files(hub, role).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(path.parent, 0o755)
        path.write_text(text, encoding="utf-8")
        os.chmod(path, 0o644)
    return folder
