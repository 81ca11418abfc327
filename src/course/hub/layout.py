"""What ``course hub init`` lays out in the hub folder, and the check that it is still so.

Owners and modes are data (:class:`Spec`), used both to create the folders and to audit them
(``course doctor`` on a hub, the tests). The private exchange's layout is explained in
:mod:`course.exchange.private`.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
from dataclasses import dataclass
from pathlib import Path

from course.hub import unix
from course.hub.roleconfig import course_config, write_role_config
from course.hub.settings import (
    ROLES,
    Hub,
    grader_account,
    graders_group,
    trainees_group,
)

#: The quiz parts of a checkout a course folder starts from (never generated folders): the
#: graded question data (`pools`, keys included) stays with the sources, readable by graders only.
QUIZ_PARTS = ("nbgrader_config.py", "source", "pools", "instructor")
LESSONS = "lessons"


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


def material_specs(hub: Hub) -> list[Spec]:
    """The hub folder, its state and its copy of the course materials (quiz keys: root only)."""
    return [
        Spec(hub.root, "root", "root", 0o755),
        Spec(hub.state, "root", "root", 0o700),
        Spec(hub.materials, "root", "root", 0o755),
        Spec(hub.lessons, "root", "root", 0o755),
        Spec(hub.quizzes, "root", "root", 0o700),
    ]


def hub_specs(hub: Hub) -> list[Spec]:
    """The hub folder's own folders (the exchange aside), course folders included."""
    specs = material_specs(hub) + [
        Spec(hub.root / "config", "root", "root", 0o755),
        Spec(hub.root / "courses", "root", "root", 0o755),
        Spec(hub.root / "passwords", "root", "root", 0o755),
    ]
    specs += [Spec(hub.config_dir(role), "root", "root", 0o755) for role in ROLES]
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


# -- nbgrader and Jupyter configuration -----------------------------------------------------------# -- init -----------------------------------------------------------------------------------------
def copy_materials(hub: Hub, source: Path) -> None:
    """Copy the lessons and the quiz sources of the checkout ``source`` into the hub folder
    (replacing the previous copy: this is how a new version of the course arrives)."""
    for spec in material_specs(hub):
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
    for role in ROLES:
        done.append(f"{role} configuration: {write_role_config(hub, role)}")
    return done
