"""A throwaway PostgreSQL server on 127.0.0.1 for tests and benchmarks (Debian's ``postgresql``
package; ``scripts/bootstrap.sh --test`` installs it).

:func:`postgres_server` runs ``initdb`` as the ``postgres`` account in a fresh folder under
/var/tmp, starts the server on a free port (TCP on 127.0.0.1 with password authentication, its
socket in a folder only ``postgres`` can open), yields a :class:`Server`, and stops and removes
it afterwards, even when the body fails.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ACCOUNT = "postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bin_dir() -> Path:
    """The newest installed PostgreSQL's programs (``/usr/lib/postgresql/<version>/bin``)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run `scripts/bootstrap.sh --test`")
    return Path(found[-1]).parent


@dataclass
class Server:
    folder: Path
    port: int

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    @property
    def admin_dsn(self) -> str:
        """A superuser connection through the socket (trusted: only ``postgres`` reaches it)."""
        return f"host={self.socket_dir} port={self.port} user={ACCOUNT} dbname=postgres"


def _as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    import pwd

    entry = pwd.getpwnam(ACCOUNT)
    return subprocess.run(
        args,
        user=entry.pw_uid,
        group=entry.pw_gid,
        extra_groups=[],
        capture_output=True,
        text=True,
        **kwargs,
    )


@contextlib.contextmanager
def postgres_server() -> Iterator[Server]:
    """Start a PostgreSQL server for the duration of the ``with`` block (needs root)."""
    programs = bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="zj-pg-", dir="/var/tmp"))
    shutil.chown(folder, ACCOUNT, ACCOUNT)
    os.chmod(folder, 0o700)
    server = Server(folder, free_port())
    data = folder / "data"
    started = False
    try:
        init = _as_postgres(
            str(programs / "initdb"),
            "-D",
            str(data),
            "-U",
            ACCOUNT,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        if init.returncode:
            raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
        _as_postgres("mkdir", "-m", "700", str(server.socket_dir), check=True)
        start = _as_postgres(
            str(programs / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "log"),
            "-o",
            f"-p {server.port} -h 127.0.0.1 -k {server.socket_dir}",
            "-w",
            "-t",
            "60",
            "start",
        )
        if start.returncode:
            log = (folder / "log").read_text() if (folder / "log").exists() else ""
            raise RuntimeError(f"PostgreSQL did not start:\n{start.stderr}\n{log}")
        started = True
        yield server
    finally:
        if started:
            _as_postgres(str(programs / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
            time.sleep(0.2)
        shutil.rmtree(folder, ignore_errors=True)
