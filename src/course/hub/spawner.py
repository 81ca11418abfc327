"""Each user's server on a port no other server of the hub was given.

JupyterHub's ``LocalProcessSpawner`` draws a random free port for each server. With 30 servers
starting at once, two users drew the same port before either server had bound it: the second
server could not bind it and exited, but the hub's readiness check was answered by the first
user's server, so the hub routed the second user to the first user's server (which refused
them: "Not allowing user") -- measured with benchmarks/hub_cohort.py. Here a port drawn for a
server stays reserved until that server stops, and is never drawn for another one meanwhile.
Ports stay random: a predictable port would let a trainee's program listen on a classmate's
port before their server starts.
"""

from __future__ import annotations

from typing import ClassVar

from jupyterhub.spawner import LocalProcessSpawner
from jupyterhub.utils import random_port

DRAWS = 100


class CohortSpawner(LocalProcessSpawner):
    """``LocalProcessSpawner`` whose random ports never collide with each other."""

    #: Ports given to servers of this hub process that have not stopped yet.
    reserved: ClassVar[set[int]] = set()

    async def start(self):
        for _ in range(DRAWS):
            port = random_port()
            if port not in self.reserved:
                break
        else:
            raise RuntimeError(f"no free port after {DRAWS} draws")
        self.reserved.add(port)
        self.port = port
        try:
            return await super().start()
        except BaseException:
            self.reserved.discard(port)
            raise

    async def stop(self, now: bool = False):
        try:
            return await super().stop(now=now)
        finally:
            self.reserved.discard(self.port)
