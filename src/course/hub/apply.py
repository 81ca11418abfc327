"""``course hub roster apply``: make the roster true on the server, idempotently.

For each member: the account (created with a generated password if new, renamed, re-enabled
if it was disabled), exactly the course groups of their role (``nbgrader-<course>`` for a
trainee, ``formgrade-<course>`` for an instructor), the lessons in their home (missing files
only: nothing of theirs is overwritten), and for trainees an entry in each course's gradebook.
Every account the hub manages that is not on the roster any more is disabled: locked and
expired, taken out of every course, its server stopped and its hub record (tokens included)
removed -- its home and its grades stay.

Everything is checked before anything changes (:func:`plan` raises RosterError); the system
tools then run one account at a time.
"""

from __future__ import annotations

import csv
import json
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime

from course.hub import strings, unix
from course.hub.api import HubAPI
from course.hub.roster import Member, RosterError
from course.hub.settings import (
    Hub,
    grader_account,
    graders_group,
    trainees_group,
)


@dataclass
class Plan:
    """What applying the roster will do."""

    create: list[Member] = field(default_factory=list)
    update: list[Member] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)


def wanted_groups(member: Member) -> set[str]:
    """The course groups of ``member``'s role."""
    to_group = trainees_group if member.role == "trainee" else graders_group
    return {to_group(course) for course in member.courses}


def all_course_groups(hub: Hub) -> set[str]:
    return {g for c in hub.settings.course_ids for g in (trainees_group(c), graders_group(c))}


def plan(hub: Hub, members: list[Member], roster_path: str = "<roster>") -> Plan:
    """Decide what to do; raise RosterError (nothing changed) if an id is an account the hub
    does not manage (a system account, or one made by hand)."""
    managed = unix.members(hub.settings.managed_group)
    graders = {grader_account(c) for c in hub.settings.course_ids}
    problems, result = [], Plan()
    for member in members:
        if unix.account(member.id) is None:
            result.create.append(member)
        elif member.id in managed and member.id not in graders:
            result.update.append(member)
        else:
            problems.append((member.line, strings.ROSTER_ACCOUNT_FOREIGN.format(id=member.id)))
    if problems:
        raise RosterError(roster_path, problems)
    listed = {m.id for m in members}
    result.disable = sorted(managed - listed - graders)
    return result


def apply(hub: Hub, members: list[Member], roster_path: str = "<roster>", log=print) -> Plan:
    """Apply the roster (see the module docstring); returns the plan that was carried out."""
    todo = plan(hub, members, roster_path)
    course_groups = all_course_groups(hub)
    passwords: dict[str, list[list[str]]] = {}
    changed: list[str] = []
    for member in todo.create:
        groups = sorted(wanted_groups(member) | {hub.settings.managed_group})
        unix.create_account(member.id, member.name, hub.settings.home_base, groups)
        password = unix.new_password()
        unix.set_password(member.id, password)
        for course in member.courses:
            passwords.setdefault(course, []).append([member.id, member.name, member.role, password])
        copy_lessons(hub, member.id)
        log(strings.APPLY_CREATED.format(**_words(member)))
    unchanged = 0
    for member in todo.update:
        touched = unix.set_gecos(member.id, member.name)
        moved = unix.set_groups(member.id, wanted_groups(member), course_groups)
        if unix.is_locked(member.id):
            unix.enable(member.id)
            log(strings.APPLY_ENABLED.format(id=member.id, name=member.name))
            touched = True
        copy_lessons(hub, member.id)
        if moved:
            changed.append(member.id)
        if touched or moved:
            log(strings.APPLY_CHANGED.format(**_words(member)))
        else:
            unchanged += 1
    for name in todo.disable:
        if unix.set_groups(name, set(), course_groups) or not unix.is_locked(name):
            unix.disable(name)
            log(strings.APPLY_DISABLED.format(id=name, home=hub.home(name)))
    if unchanged:
        log(strings.APPLY_UNCHANGED.format(count=unchanged))
    for course, rows in passwords.items():
        write_passwords(hub, course, rows)
        log(strings.APPLY_PASSWORDS.format(path=hub.passwords_file(course)))
    for course in hub.settings.course_ids:
        trainees = [m for m in members if m.role == "trainee" and course in m.courses]
        for line in sync_gradebook(hub, course, trainees):
            log(f"{course}: {line}")
    tell_hub(hub, todo.disable, changed, log)
    return todo


def _words(member: Member) -> dict[str, str]:
    return {
        "id": member.id,
        "name": member.name,
        "role": strings.ROLE_NAMES[member.role],
        "courses": "、".join(member.courses),
    }


def copy_lessons(hub: Hub, name: str) -> None:
    """Copy the lessons the user does not have yet into ``~/lessons``, as the user (a root
    copy into a home could be led elsewhere by a link the user planted)."""
    home = unix.account(name).pw_dir
    script = 'mkdir -p lessons && cp -R --no-clobber --no-preserve=all "$1"/. lessons/'
    subprocess.run(
        ["sh", "-c", script, "sh", str(hub.lessons)],
        **unix.process_identity(name),
        cwd=home,
        check=True,
        capture_output=True,
        env={"HOME": home, "PATH": "/usr/bin:/bin"},
    )


def write_passwords(hub: Hub, course: str, rows: list[list[str]]) -> None:
    """Append the new accounts' passwords to the course's file (readable by its instructors)."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    path = hub.passwords_file(course)
    new = not path.exists() or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        if new:
            writer.writerow(["id", "name", "role", "password", "created_utc"])
        writer.writerows([[*row, stamp] for row in rows])


def sync_gradebook(hub: Hub, course: str, trainees: list[Member]) -> list[str]:
    """Add the course's trainees to its gradebook as its grader; return what changed."""
    data = json.dumps([{"id": m.id, "name": m.name} for m in trainees], ensure_ascii=False)
    grader = grader_account(course)
    home = unix.account(grader).pw_dir
    result = subprocess.run(
        [str(hub.env_bin("python")), "-m", "course.hub.students", str(hub.course_dir(course))],
        input=data,
        text=True,
        capture_output=True,
        cwd=hub.course_dir(course),
        **unix.process_identity(grader),
        env={"HOME": home, "PATH": f"{hub.env / 'bin'}:/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"adding the trainees of {course} to its gradebook failed:\n{result.stderr}"
        )
    return result.stdout.splitlines()


def tell_hub(hub: Hub, disabled: list[str], moved: list[str], log=print) -> None:
    """If the hub runs: forget disabled users (their server stops, their tokens go) and stop the
    servers of users whose courses changed (their next server gets the new groups)."""
    api = HubAPI(hub)
    if api.version() is None:
        if disabled or moved:
            log(strings.APPLY_HUB_DOWN)
        return
    for name in disabled:
        api.remove_user(name)
    for name in moved:
        api.stop_server(name)
