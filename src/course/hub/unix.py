"""Unix accounts and groups, through the system's own tools (useradd, usermod, chpasswd).

Every function is idempotent where that makes sense, raises :class:`subprocess.CalledProcessError`
(with the tool's message) when a tool fails, and needs root. Nothing here deletes a home folder.
"""

from __future__ import annotations

import grp
import os
import pwd
import secrets
import subprocess
import time
from pathlib import Path

#: Initial passwords: no look-alike characters (0/O, 1/l/I), easy to read out to a trainee.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 10
SHELL = "/bin/bash"


def _run(*args: str, stdin: str | None = None) -> None:
    subprocess.run(args, input=stdin, text=True, check=True, capture_output=True)


def account(name: str) -> pwd.struct_passwd | None:
    """The passwd entry of ``name``, or None."""
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return None


def group(name: str) -> grp.struct_group | None:
    """The group entry of ``name``, or None."""
    try:
        return grp.getgrnam(name)
    except KeyError:
        return None


def members(group_name: str) -> set[str]:
    """The supplementary members of a group (empty if it does not exist)."""
    entry = group(group_name)
    return set(entry.gr_mem) if entry else set()


def groups_of(name: str) -> set[str]:
    """Names of the supplementary groups ``name`` belongs to (not the primary group)."""
    return {g.gr_name for g in grp.getgrall() if name in g.gr_mem}


def process_identity(name: str) -> dict:
    """``subprocess.run`` arguments that run a child as ``name``: its uid, primary gid and
    supplementary groups (``user=`` alone would keep root's groups)."""
    entry = pwd.getpwnam(name)
    extra = sorted(os.getgrouplist(name, entry.pw_gid))
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": extra}


def ensure_group(name: str, *, system: bool = False) -> int:
    """Create the group if it is missing; return its gid."""
    if group(name) is None:
        _run("groupadd", *(["--system"] if system else []), name)
    return grp.getgrnam(name).gr_gid


def create_account(name: str, gecos: str, home_base: Path, groups: list[str]) -> Path:
    """Create ``name`` with a personal group, a home under ``home_base`` that only they can
    open (0700: Debian's default would let every account read it) and the supplementary
    ``groups``; the password stays locked until :func:`set_password`. Returns the home."""
    home_base.mkdir(parents=True, exist_ok=True)
    args = [
        "useradd",
        "--create-home",
        "--user-group",
        "--base-dir",
        str(home_base),
        "--shell",
        SHELL,
        "--comment",
        gecos,
        "-K",
        "HOME_MODE=0700",
    ]
    if groups:
        args += ["--groups", ",".join(groups)]
    _run(*args, name)
    home = Path(pwd.getpwnam(name).pw_dir)
    os.chmod(home, 0o700)
    return home


def set_groups(name: str, wanted: set[str], managed: set[str]) -> bool:
    """Make ``name``'s memberships among ``managed`` groups exactly ``wanted`` (other groups
    are kept). Returns True if anything changed."""
    current = groups_of(name)
    target = (current - managed) | (wanted & managed)
    if target == current:
        return False
    _run("usermod", "--groups", ",".join(sorted(target)), name)
    return True


def set_gecos(name: str, gecos: str) -> bool:
    """Set the account's full name; True if it changed."""
    if pwd.getpwnam(name).pw_gecos.split(",")[0] == gecos:
        return False
    _run("usermod", "--comment", gecos, name)
    return True


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def set_password(name: str, password: str) -> None:
    _run("chpasswd", stdin=f"{name}:{password}\n")


def lock_password(name: str) -> None:
    """No password login (service accounts); the account itself stays usable by root."""
    _run("passwd", "--lock", name)


SHADOW = Path("/etc/shadow")


def is_locked(name: str, shadow: Path = SHADOW) -> bool:
    """True if the account is disabled: its password locked (``!``) or the account expired
    (an expiry day that has come). Reads the shadow file (root only); an account without an
    entry counts as locked."""
    today = int(time.time() // 86400)
    for line in shadow.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split(":")
        if fields[0] != name or len(fields) < 8:
            continue
        locked = fields[1].startswith("!")
        expired = fields[7].strip() != "" and int(fields[7]) <= today
        return locked or expired
    return True


def disable(name: str) -> None:
    """Lock the password and expire the account: PAM refuses every login (``check_account``)."""
    _run("usermod", "--lock", "--expiredate", "1", name)


def enable(name: str) -> None:
    """Undo :func:`disable` (the password set before works again)."""
    _run("usermod", "--unlock", "--expiredate", "", name)
