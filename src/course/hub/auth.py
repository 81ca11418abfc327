"""The hub's login: PAM against the real Unix accounts, hub groups taken from Unix groups.

The roster (``course hub roster apply``) writes Unix groups; this authenticator makes the hub's
groups follow them (``manage_groups``): at each login and every ``auth_refresh_age`` seconds, a
user's hub groups become their ``nbgrader-<course>`` and ``formgrade-<course>`` Unix groups, and
an account that was disabled (locked, expired, or in no course any more) is logged out. So the
Unix groups are the one record of who takes or teaches which course -- they also decide what
the user's processes may open in the exchange.

Imported by JupyterHub from the hub's environment (see :mod:`course.hub.jhconfig`).
"""

from __future__ import annotations

import asyncio

from jupyterhub.auth import PAMAuthenticator
from traitlets import Bool, Set, default

from course.hub import unix


class CohortAuthenticator(PAMAuthenticator):
    """PAM login for the members of the hub's course groups."""

    course_groups = Set(
        help="Every nbgrader-<course> and formgrade-<course> group of the hub."
    ).tag(config=True)

    @default("manage_groups")
    def _manage_groups(self) -> bool:
        return True

    refresh_pre_spawn = Bool(True).tag(config=True)

    def hub_groups(self, name: str) -> list[str]:
        """The course groups ``name`` belongs to (the hub groups they get)."""
        return sorted(unix.groups_of(name) & set(self.course_groups))

    def active(self, name: str) -> bool:
        """True if ``name`` exists, is not disabled and belongs to a course."""
        return (
            unix.account(name) is not None
            and bool(self.hub_groups(name))
            and not unix.is_locked(name)
        )

    async def authenticate(self, handler, data):
        name = await super().authenticate(handler, data)
        if not name:
            return None
        if isinstance(name, dict):
            name = name["name"]
        return {"name": name, "groups": self.hub_groups(name)}

    async def refresh_user(self, user, handler=None):
        # reads /etc/group and /etc/shadow: off the hub's event loop, like PAM itself
        active = await asyncio.get_running_loop().run_in_executor(
            self.executor, self.active, user.name
        )
        if not active:
            self.log.info("%s is disabled or in no course any more: logging out", user.name)
            return False
        return {"name": user.name, "groups": self.hub_groups(user.name)}
