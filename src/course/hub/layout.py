"""What ``course hub init`` lays out in the hub folder, and the check that it is still so.

Owners and modes are data (:class:`Spec`), used both to create the folders and to audit them
(``course doctor`` on a hub, the tests). The private exchange's layout is explained in
:mod:`course.exchange.private`.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
from dataclasses import dataclass
from pathlib import Path

from course.exchange.private import CLASSES
from course.hub import unix
from course.hub.settings import (
    Hub,
    grader_account,
    graders_group,
    trainees_group,
)

#: The quiz parts of a checkout a course folder starts from (never generated folders).
QUIZ_PARTS = ("nbgrader_config.py", "source", "instructor")
LESSONS = "lessons"
#: Files nbgrader never releases or collects (the answer store's lock file among them).
IGNORED = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.lock"]
TRAINEE_PLUGINS_OFF = ("formgrader", "create-assignment", "course-list")
INSTRUCTOR_PLUGINS_OFF = ("formgrader", "create-assignment")
GRADER_PLUGINS_OFF = ("assignment-list", "course-list", "validate-assignment")
NBGRADER_PLUGIN = "@jupyter/nbgrader:{}"
NBGRADER_EXTENSION = "nbgrader.server_extensions.{}"
#: The course service's lab shows formgrader in a frame of its own page: allow its own origin
#: to frame it (JupyterHub >= 4.1 sends frame-ancestors 'none' to every single-user server).
GRADER_CSP = "frame-ancestors 'self'"


@dataclass(frozen=True)
class Spec:
    """A folder the hub owns: who owns it and its exact mode."""

    path: Path
    owner: str
    group: str
    mode: int


def exchange_specs(hub: Hub) -> list[Spec]:
    """The exchange folders, root first (see :mod:`course.exchange.private`)."""
    specs = [Spec(hub.exchange, "root", "root", 0o755)]
    for course in hub.settings.course_ids:
        grader, trainees = grader_account(course), trainees_group(course)
        base = hub.exchange / course
        specs += [
            Spec(base, grader, trainees, 0o750),
            Spec(base / "outbound", grader, trainees, 0o2750),
            Spec(base / "inbound", grader, graders_group(course), 0o3753),
            Spec(base / "feedback", grader, trainees, 0o710),
        ]
    return specs


def hub_specs(hub: Hub) -> list[Spec]:
    """The hub folder's own folders (the exchange and course folders aside)."""
    specs = [
        Spec(hub.root, "root", "root", 0o755),
        Spec(hub.state, "root", "root", 0o700),
        Spec(hub.materials, "root", "root", 0o755),
        Spec(hub.lessons, "root", "root", 0o755),
        Spec(hub.quizzes, "root", "root", 0o700),
        Spec(hub.root / "config", "root", "root", 0o755),
        Spec(hub.root / "courses", "root", "root", 0o755),
        Spec(hub.root / "passwords", "root", "root", 0o755),
    ]
    specs += [
        Spec(hub.config_dir(role), "root", "root", 0o755)
        for role in ("trainee", "instructor", "grader")
    ]
    for course in hub.settings.course_ids:
        specs.append(
            Spec(hub.course_dir(course), grader_account(course), graders_group(course), 0o2770)
        )
    return specs


def apply_spec(spec: Spec) -> None:
    """Create the folder if needed and give it its owner, group and mode."""
    spec.path.mkdir(parents=True, exist_ok=True)
    os.chown(spec.path, pwd.getpwnam(spec.owner).pw_uid, grp.getgrnam(spec.group).gr_gid)
    os.chmod(spec.path, spec.mode)


def audit(specs: list[Spec]) -> list[str]:
    """What differs from ``specs`` (English, one line per folder); empty if all is right."""
    problems = []
    for spec in specs:
        try:
            info = spec.path.lstat()
        except FileNotFoundError:
            problems.append(f"{spec.path}: missing")
            continue
        if not spec.path.is_dir() or spec.path.is_symlink():
            problems.append(f"{spec.path}: not a folder")
            continue
        owner, group = _name(pwd.getpwuid, info.st_uid), _name(grp.getgrgid, info.st_gid)
        mode = info.st_mode & 0o7777
        if (owner, group, mode) != (spec.owner, spec.group, spec.mode):
            problems.append(
                f"{spec.path}: {owner}:{group} {mode:04o}, should be "
                f"{spec.owner}:{spec.group} {spec.mode:04o}"
            )
    return problems


def _name(lookup, number: int) -> str:
    try:
        entry = lookup(number)
    except KeyError:
        return str(number)
    return getattr(entry, "pw_name", None) or entry.gr_name


# -- nbgrader and Jupyter configuration -----------------------------------------------------------
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


def role_files(hub: Hub, role: str) -> dict[str, str]:
    """The Jupyter configuration files of ``role`` (relative path -> text)."""
    off = {
        "trainee": TRAINEE_PLUGINS_OFF,
        "instructor": INSTRUCTOR_PLUGINS_OFF,
        "grader": GRADER_PLUGINS_OFF,
    }[role]
    all_plugins = set(TRAINEE_PLUGINS_OFF + INSTRUCTOR_PLUGINS_OFF + GRADER_PLUGINS_OFF)
    disabled = {NBGRADER_PLUGIN.format(p): p in off for p in sorted(all_plugins)}
    extensions = {
        NBGRADER_EXTENSION.format(name.replace("-", "_")): name not in off
        for name in ("formgrader", "course-list", "assignment-list", "validate-assignment")
    }
    server: dict = {"ServerApp": {"jpserver_extensions": extensions}}
    if role == "grader":
        server["ServerApp"]["tornado_settings"] = {
            "headers": {"Content-Security-Policy": GRADER_CSP}
        }
    files = {
        "jupyter_server_config.json": json.dumps(server, indent=2) + "\n",
        "labconfig/page_config.json": json.dumps({"disabledExtensions": disabled}, indent=2) + "\n",
    }
    if role != "grader":  # the grader's nbgrader configuration is its course folder's own
        lines = [
            "# Written by `course hub init`: the exchange every account of the hub shares.",
            "c = get_config()  # noqa: F821",
            *exchange_config(hub),
        ]
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


# -- init -----------------------------------------------------------------------------------------
def copy_materials(hub: Hub, source: Path) -> None:
    """Copy the lessons and the quiz sources of the checkout ``source`` into the hub folder
    (replacing the previous copy: this is how a new version of the course arrives)."""
    for spec in hub_specs(hub)[:5]:
        apply_spec(spec)
    shutil.copytree(
        source / LESSONS,
        hub.lessons,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(".ipynb_checkpoints", ".gitkeep"),
    )
    for path in hub.lessons.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    for part in QUIZ_PARTS:
        src, dest = source / "quizzes" / part, hub.quizzes / part
        if src.is_dir():
            shutil.copytree(
                src, dest, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".ipynb_checkpoints")
            )
        else:
            shutil.copy(src, dest)


def prepare_course(hub: Hub, course: str) -> list[str]:
    """Groups, grader account, course folder and exchange folders of ``course``; idempotent.
    The course folder gets the quiz sources once (an instructor's later edits are kept) and a
    fresh ``nbgrader_config.py`` every time. Returns what was done."""
    done = []
    unix.ensure_group(hub.settings.managed_group, system=True)
    for name in (trainees_group(course), graders_group(course)):
        unix.ensure_group(name)
    grader = grader_account(course)
    if unix.account(grader) is None:
        unix.create_account(
            grader,
            f"grader of {course}",
            hub.settings.home_base,
            [graders_group(course), hub.settings.managed_group],
        )
        unix.lock_password(grader)
        done.append(f"account {grader} created")
    folder = hub.course_dir(course)
    apply_spec(Spec(hub.root / "courses", "root", "root", 0o755))
    apply_spec(Spec(folder, grader, graders_group(course), 0o2770))
    for part in QUIZ_PARTS[1:]:
        if not (folder / part).exists() and (hub.quizzes / part).exists():
            shutil.copytree(hub.quizzes / part, folder / part)
    base = (hub.quizzes / "nbgrader_config.py").read_text(encoding="utf-8")
    (folder / "nbgrader_config.py").write_text(course_config(hub, course, base), encoding="utf-8")
    give_tree(folder, grader, graders_group(course))
    passwords = hub.passwords_file(course)
    passwords.parent.mkdir(parents=True, exist_ok=True)
    passwords.touch()
    os.chown(passwords, 0, grp.getgrnam(graders_group(course)).gr_gid)
    os.chmod(passwords, 0o640)
    done.append(f"course folder {folder}")
    return done


def give_tree(folder: Path, owner: str, group: str) -> None:
    """Hand ``folder`` and everything in it to ``owner``:``group``: folders 2770, files 0660
    (the course's instructors work in it too; nobody else may read it)."""
    uid, gid = pwd.getpwnam(owner).pw_uid, grp.getgrnam(group).gr_gid
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        os.chown(path, uid, gid)
        os.chmod(path, 0o2770 if path.is_dir() else 0o660)


def prepare(hub: Hub, source: Path) -> list[str]:
    """Everything ``course hub init`` lays out (see the module docstring); idempotent.
    Returns what was done, one line per step."""
    copy_materials(hub, source)
    done = [f"materials copied from {source}"]
    for course in hub.settings.course_ids:
        done += prepare_course(hub, course)
    for spec in hub_specs(hub) + exchange_specs(hub):
        apply_spec(spec)
    for role in ("trainee", "instructor", "grader"):
        done.append(f"{role} configuration: {write_role_config(hub, role)}")
    return done
