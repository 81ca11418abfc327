"""What every class of the private exchange shares: the exchange root is root's own and
read-only (nbgrader would demand, or make, it writable by everyone), the folders ``course hub
init`` made must be there, and work in progress lives under names nbgrader's globs never match.
See :mod:`course.exchange.private` for the layout."""

from __future__ import annotations

import os
import secrets

from nbgrader.utils import check_mode

from course.exchange import strings

#: Modes of what the exchange writes (the umask gives them; no chmod after the fact).
SUBMIT_UMASK = 0o027
RELEASE_FILE_MODE, RELEASE_DIR_MODE = 0o640, 0o750


def hidden_name(name: str) -> str:
    """A temporary name beside ``name`` that nbgrader's globs (``student+assignment+*``,
    ``outbound/*``) never match."""
    return f".{name}.{secrets.token_hex(4)}.part"


def missing_folder(exchange, path: str) -> None:
    exchange.fail(strings.NOT_SET_UP.format(course=exchange.coursedir.course_id, path=path))


class RootNotWritable:
    """nbgrader requires (or makes) its exchange root writable by everyone; here it is
    root's and read-only, so that no trainee renames or deletes a course folder. It must only
    be there and open to enter."""

    def ensure_root(self) -> None:
        if not os.path.isdir(self.root) or not check_mode(self.root, execute=True):
            missing_folder(self, self.root)
