"""Each user's server on a port of their own.

JupyterHub's ``LocalProcessSpawner`` picks a random free port for each server. With 30 servers
starting at once, two users drew the same port: the second server could not bind it and exited,
but the hub's readiness check was answered by the first user's server, so the hub routed the
second user to the first user's server (which refused them: "Not allowing user") -- measured
with benchmarks/hub_cohort.py. Here the port follows from the account's uid, unique on the
server, and a port some other program holds fails the spawn with a clear message instead.
"""

from __future__ import annotations

import pwd
import socket

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Integer

#: Ports PORT_BASE .. PORT_BASE + PORT_SPAN - 1: below Linux's ephemeral range (32768-60999).
PORT_SPAN = 20000


def port_for(uid: int, base: int) -> int:
    """The port of the account ``uid``'s server."""
    return base + uid % PORT_SPAN


def port_free(ip: str, port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((ip, port))
        except OSError:
            return False
    return True


class CohortSpawner(LocalProcessSpawner):
    """``LocalProcessSpawner`` with the port :func:`port_for` gives the user's uid."""

    port_base = Integer(10000, help="First port of users' servers").tag(config=True)

    async def start(self):
        self.port = port_for(pwd.getpwnam(self.user.name).pw_uid, self.port_base)
        ip = self.ip or "127.0.0.1"
        if not port_free(ip, self.port):
            raise RuntimeError(
                f"port {self.port} of {self.user.name}'s server is held by another program"
            )
        return await super().start()
