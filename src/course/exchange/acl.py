"""POSIX access control lists, just enough to hand one file to one reader.

A file's owner may set its ACL (no root, no ``setfacl`` binary needed): :func:`grant_read`
writes the kernel's ``system.posix_acl_access`` attribute directly. The private exchange uses it
so that a feedback file is readable by the grader who wrote it and by one trainee, nobody else.
"""

from __future__ import annotations

import os
import struct

ATTRIBUTE = "system.posix_acl_access"
VERSION = 2
USER_OBJ, USER, GROUP_OBJ, GROUP, MASK, OTHER = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
UNDEFINED_ID = 0xFFFFFFFF
READ, WRITE, EXECUTE = 4, 2, 1


def _entry(tag: int, perm: int, uid: int = UNDEFINED_ID) -> bytes:
    return struct.pack("<HHI", tag, perm, uid)


def grant_read(target: int | str | os.PathLike[str], uid: int) -> None:
    """Set the ACL of ``target`` (an open file descriptor or a path) to: owner read-write,
    user ``uid`` read, the owning group and everyone else nothing. Replaces the file's group
    and other permission bits. Raises OSError (ENOTSUP) where the file system has no ACLs."""
    blob = struct.pack("<I", VERSION) + b"".join(
        [
            _entry(USER_OBJ, READ | WRITE),
            _entry(USER, READ, uid),
            _entry(GROUP_OBJ, 0),
            _entry(MASK, READ),
            _entry(OTHER, 0),
        ]
    )
    os.setxattr(target, ATTRIBUTE, blob)


def named_readers(target: int | str | os.PathLike[str]) -> set[int]:
    """Uids that the ACL of ``target`` names with read permission (effective: the mask applies).
    Empty if the file has no extended ACL."""
    try:
        blob = os.getxattr(target, ATTRIBUTE)
    except OSError:
        return set()
    entries = [struct.unpack_from("<HHI", blob, 4 + 8 * i) for i in range((len(blob) - 4) // 8)]
    mask = next((perm for tag, perm, _ in entries if tag == MASK), READ | WRITE | EXECUTE)
    return {uid for tag, perm, uid in entries if tag == USER and perm & mask & READ}
