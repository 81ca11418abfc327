"""The cohort roster: a CSV file with one line per person (id, name, role, course).

The whole file is read and checked before anything on the system changes: :func:`read` returns
the members or raises :class:`RosterError` listing every problem by line, in Chinese. An id is
also a Unix account name, so it follows the stricter of the two rules (``course.ids`` for
nbgrader, :data:`ACCOUNT_ID` for ``useradd``). Excel's "CSV UTF-8" (with a byte-order mark) and
Chinese headers (编号, 姓名, 角色, 课程) are accepted; several courses go in one cell, separated by
semicolons.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from course.hub import strings
from course.ids import IdError, check_trainee

#: Unix account names ``useradd`` accepts without --badname, at most 32 characters.
ACCOUNT_ID = re.compile(r"[a-z][a-z0-9_-]{0,31}")  # fullmatch
#: Names the hub gives its own accounts and groups; a person's id may not start with them.
RESERVED_PREFIXES = ("grader-", "nbgrader-", "formgrade-")
COLUMNS = ("id", "name", "role", "course")
HEADER_ALIASES = {
    "id": "id",
    "编号": "id",
    "账号": "id",
    "学号": "id",
    "name": "name",
    "姓名": "name",
    "role": "role",
    "角色": "role",
    "course": "course",
    "courses": "course",
    "课程": "course",
}
ROLE_ALIASES = {
    "trainee": "trainee",
    "学员": "trainee",
    "instructor": "instructor",
    "教员": "instructor",
}
COURSE_SEPARATORS = re.compile(r"[;；,，\s]+")
BAD_NAME = re.compile(r"[:,\n\r]")


@dataclass(frozen=True)
class Member:
    """One person of the roster; ``line`` is their line in the file (1 is the header)."""

    id: str
    name: str
    role: str
    courses: tuple[str, ...]
    line: int


class RosterError(ValueError):
    """The roster cannot be applied; ``problems`` are (line, Chinese message) pairs."""

    def __init__(self, path: str | Path, problems: list[tuple[int, str]]) -> None:
        self.path = str(path)
        self.problems = problems
        super().__init__(self.message())

    def message(self) -> str:
        head = strings.ROSTER_PROBLEMS.format(path=self.path, count=len(self.problems))
        lines = [
            strings.ROSTER_LINE.format(line=n, problem=p) if n else p for n, p in self.problems
        ]
        return "\n".join([head, *(f"  {line}" for line in lines)])


def check_account_id(value: str) -> str | None:
    """The Chinese reason ``value`` cannot be a hub account id, or None if it can."""
    if not value:
        return strings.ROSTER_ID_EMPTY
    for prefix in RESERVED_PREFIXES:
        if value.startswith(prefix):
            return strings.ROSTER_ID_RESERVED.format(id=value, prefix=prefix)
    try:
        check_trainee(value)
    except IdError:
        return strings.ROSTER_ID_BAD.format(id=value)
    if not ACCOUNT_ID.fullmatch(value):
        return strings.ROSTER_ID_BAD.format(id=value)
    return None


def read(path: str | Path, courses: list[str]) -> list[Member]:
    """Read and check the roster at ``path`` against the hub's ``courses``; return its members
    in file order. Raises :class:`RosterError` with every problem found (nothing is returned
    then); FileNotFoundError becomes a RosterError too."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RosterError(path, [(0, strings.ROSTER_NOT_FOUND.format(path=path))]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(path, [(0, strings.ROSTER_NOT_UTF8.format(path=path))]) from None
    return parse(text, courses, path)


def parse(text: str, courses: list[str], path: str | Path = "<roster>") -> list[Member]:
    """Check the roster ``text``; see :func:`read`."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise RosterError(path, [(0, strings.ROSTER_EMPTY.format(path=path))])
    header_line, header = numbered[0]
    columns = [HEADER_ALIASES.get(h.strip().lower(), h.strip()) for h in header]
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        problem = strings.ROSTER_HEADER.format(found=",".join(header), missing=",".join(missing))
        raise RosterError(path, [(header_line, problem)])
    problems: list[tuple[int, str]] = []
    members: list[Member] = []
    first_line: dict[str, int] = {}
    for line, row in numbered[1:]:
        if len(row) != len(columns):
            found = len(row)
            problems.append(
                (line, strings.ROSTER_FIELDS.format(expected=len(columns), found=found))
            )
            continue
        fields = {c: v.strip() for c, v in zip(columns, row, strict=True)}
        member, found = _member(fields, line, courses)
        problems += [(line, p) for p in found]
        if member is None:
            continue
        if member.id in first_line:
            first = first_line[member.id]
            problems.append((line, strings.ROSTER_DUPLICATE.format(id=member.id, first=first)))
            continue
        first_line[member.id] = line
        members.append(member)
    if problems:
        raise RosterError(path, problems)
    return members


def _member(fields: dict[str, str], line: int, courses: list[str]) -> tuple[Member | None, list]:
    problems = []
    account, name = fields["id"], fields["name"]
    why = check_account_id(account)
    if why:
        problems.append(why)
    if not name:
        problems.append(strings.ROSTER_NAME_EMPTY)
    elif BAD_NAME.search(name):
        problems.append(strings.ROSTER_NAME_BAD.format(name=name))
    role = ROLE_ALIASES.get(fields["role"].lower())
    if role is None:
        problems.append(strings.ROSTER_ROLE_BAD.format(role=fields["role"]))
    wanted = [c for c in COURSE_SEPARATORS.split(fields["course"]) if c]
    if not wanted:
        problems.append(strings.ROSTER_COURSE_EMPTY)
    known = "、".join(courses) or "（无）"
    for course in wanted:
        if course not in courses:
            problems.append(strings.ROSTER_COURSE_UNKNOWN.format(course=course, known=known))
    if problems:
        return None, problems
    return Member(account, name, role, tuple(dict.fromkeys(wanted)), line), []
