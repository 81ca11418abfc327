"""A real cohort hub for tests, made with the documented commands and removed afterwards.

:func:`make_testbed` runs ``course hub setup`` (the hub environment, kept between runs in
``$COURSE_HUB_TEST_ENV``, default /opt/zj-course-hub/test-venv: reinstalled only when the
sources change), writes ``hub.yaml`` with free loopback ports into a fresh hub folder under
/var/tmp, then ``course hub init``, optionally ``course hub db init`` on a test PostgreSQL server,
and ``course hub roster apply``. Every account, group and home it makes carries the run's random
id; :meth:`Testbed.cleanup` stops the hub, ends the processes of those accounts and removes
accounts, groups and the hub folder, and :func:`sweep_stale` removes what a killed run left.
"""

from __future__ import annotations

import contextlib
import csv
import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
import requests

from course.hub import settings as hub_settings
from course.hub import unix
from tests.support.hubclient import HubUser
from tests.support.postgres import Server, free_port

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
TEST_ENV = Path(os.environ.get("COURSE_HUB_TEST_ENV", "/opt/zj-course-hub/test-venv"))
PREFIX = "zj-hub-test-"
STALE_GROUP = re.compile(r"^(zjt[0-9a-f]{4}|(nbgrader|formgrade)-c[0-9a-f]{4}[a-z])$")


def require_root() -> None:
    if os.geteuid() != 0:
        pytest.skip(
            "the cohort hub tests create Unix accounts: run them as root (`make test` does)"
        )


def course_cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run ``course ARGS`` (the command an administrator types) and fail with its output."""
    proc = subprocess.run(
        [sys.executable, "-m", "course", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )
    if proc.returncode != 0:
        raise AssertionError(
            f"course {' '.join(args)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return proc


def ensure_env() -> Path:
    """The hub environment for tests, installed or updated from this checkout."""
    course_cli("hub", "setup", "--env", str(TEST_ENV), timeout=1800)
    return TEST_ENV


@dataclass
class Testbed:
    root: Path
    run: str
    courses: list[str]
    process: subprocess.Popen | None = None
    accounts: set[str] = field(default_factory=set)
    log_path: Path | None = None
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def hub(self) -> hub_settings.Hub:
        return hub_settings.load(self.root)

    @property
    def url(self) -> str:
        return self.hub.url

    def account(self, suffix: str) -> str:
        return f"zjt{self.run}-{suffix}"

    def cli(self, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
        return course_cli("hub", "--hub-dir", str(self.root), *args, timeout=timeout)

    # -- running things as the hub's accounts ---------------------------------------------------
    def run_as(
        self,
        name: str,
        args: list[str],
        cwd: Path | str | None = None,
        ok: bool = True,
        timeout: float = 900,
        stdin: str | None = None,
        role: str | None = None,
    ) -> subprocess.CompletedProcess:
        """Run ``args`` as the account ``name`` with the hub environment on PATH (and the
        Jupyter configuration the hub gives to the servers of ``role``, if given)."""
        home = pwd.getpwnam(name).pw_dir
        env = {
            "HOME": home,
            "USER": name,
            "LANG": "C.UTF-8",
            "PATH": f"{self.hub.env / 'bin'}:/usr/bin:/bin",
        }
        if role:
            env["JUPYTER_CONFIG_PATH"] = str(self.hub.config_dir(role))
        proc = subprocess.run(
            args,
            cwd=cwd or home,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
            **unix.process_identity(name),
        )
        if ok and proc.returncode != 0:
            raise AssertionError(
                f"{' '.join(args)} as {name} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
            )
        return proc

    def grader(self, course: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
        """A command of the course's terminal: as ``grader-<course>`` in the course folder."""
        return self.run_as(f"grader-{course}", list(args), cwd=self.hub.course_dir(course), ok=ok)

    def password(self, name: str) -> str:
        for course in self.courses:
            path = self.hub.passwords_file(course)
            with open(path, encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row["id"] == name:
                        return row["password"]
        raise KeyError(name)

    def login(self, name: str) -> HubUser:
        return HubUser.login(self.url, name, self.password(name))

    def apply_roster(self, rows: list[tuple[str, str, str, str]]) -> subprocess.CompletedProcess:
        path = self.root / "roster.csv"
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([("id", "name", "role", "course"), *rows])
        self.accounts |= {row[0] for row in rows}
        return self.cli("roster", "apply", str(path))

    # -- the hub process ------------------------------------------------------------------------
    def start(self, timeout: float = 240) -> float:
        """``course hub start`` in the background; wait until the hub answers through its proxy
        (JupyterHub adds its own route after starting every course service). Returns seconds."""
        started = time.monotonic()
        self.log_path = self.root / "hub.log"
        log = open(self.log_path, "ab")  # noqa: SIM115 - the hub keeps writing to it
        self.process = subprocess.Popen(
            [sys.executable, "-m", "course", "hub", "--hub-dir", str(self.root), "start"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=REPO,
        )
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the hub exited {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                if requests.get(self.url + "/hub/api/", timeout=2).ok:
                    return time.monotonic() - started
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise AssertionError(f"the hub did not answer within {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # JupyterHub stops its servers and services
        try:
            self.process.wait(90)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def cleanup(self) -> None:
        """Stop everything this testbed started and remove its accounts, groups and folder
        (the hub's log is kept as test-artifacts/hub-<run>.log)."""
        try:
            self.stop()
        finally:
            if self.log_path and self.log_path.exists():
                ARTIFACTS.mkdir(exist_ok=True)
                shutil.copy(self.log_path, ARTIFACTS / f"hub-{self.run}.log")
            managed = {f"grader-{c}" for c in self.courses} | self.accounts
            managed |= unix.members(f"zjt{self.run}")
            remove_accounts(managed)
            groups = [f"zjt{self.run}"] + [
                f"{k}-{c}" for c in self.courses for k in ("nbgrader", "formgrade")
            ]
            remove_groups(groups)
            shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def cleaned_up(bed: Testbed):
    """Hand ``bed`` to the block; print the hub's log if the block fails, and always clean the
    testbed up afterwards (accounts, groups, processes, folder)."""
    try:
        yield bed
    except BaseException:
        print(bed.log_tail())
        raise
    finally:
        bed.cleanup()


def remove_accounts(names: set[str]) -> None:
    """End the processes of these accounts (servers, kernels the tests started), then delete
    the accounts with their personal groups."""
    uids = {pwd.getpwnam(n).pw_uid for n in names if unix.account(n)}
    for proc in psutil.process_iter(["uids"]):
        try:
            if proc.info["uids"] and proc.info["uids"].real in uids:
                proc.kill()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    time.sleep(0.2)
    for name in sorted(names):
        if unix.account(name):
            subprocess.run(["userdel", "--force", name], capture_output=True)


def remove_groups(names: list[str]) -> None:
    for name in names:
        if unix.group(name):
            subprocess.run(["groupdel", name], capture_output=True)


def sweep_stale() -> None:
    """Remove accounts and groups of earlier test runs whose hub folder is gone (a run that
    was killed before its clean-up); the groups of a run whose folder exists are left alone."""
    import grp

    stale = set()
    for entry in pwd.getpwall():
        home = Path(entry.pw_dir)
        if str(home).startswith(f"/var/tmp/{PREFIX}") and not Path(*home.parts[:4]).exists():
            stale.add(entry.pw_name)
    remove_accounts(stale)
    live = " ".join(p.read_text() for p in Path("/var/tmp").glob(f"{PREFIX}*/hub.yaml"))
    remove_groups(
        [
            g.gr_name
            for g in grp.getgrall()
            if STALE_GROUP.match(g.gr_name)
            and g.gr_name[-5:-1] not in live
            and g.gr_name[3:7] not in live
        ]
    )


def make_testbed(
    courses: list[str], postgres: Server | None = None, sqlite: tuple[str, ...] = ()
) -> Testbed:
    """A hub folder with ``courses`` (suffixes; the course ids get the run's id) laid out by
    ``course hub init`` (and ``course hub db init`` on ``postgres`` for the courses not named in
    ``sqlite``). No roster yet, not started."""
    require_root()
    sweep_stale()
    env = ensure_env()
    run = secrets.token_hex(2)
    root = Path(tempfile.mkdtemp(prefix=PREFIX, dir="/var/tmp"))
    os.chmod(root, 0o755)
    ids = [f"c{run}{suffix}" for suffix in courses]
    bed = Testbed(root, run, ids)
    try:
        config = hub_settings.HubSettings(
            env=env,
            ip="127.0.0.1",
            port=free_port(),
            hub_port=free_port(),
            proxy_api_port=free_port(),
            home_base=root / "homes",
            managed_group=f"zjt{run}",
            server_args=["--LabApp.expose_app_in_browser=True"],
            courses=[
                hub_settings.CourseSettings(
                    id=c,
                    port=free_port(),
                    db_url=f"sqlite:///{root / 'courses' / c / 'gradebook.db'}"
                    if c[-1] in sqlite
                    else "",
                )
                for c in ids
            ],
        )
        hub_settings.save(hub_settings.Hub(root, config))
        bed.cli("init", *[arg for c in ids for arg in ("--course", c)])
        if postgres is not None:
            bed.cli("db", "init", "--admin-dsn", postgres.admin_dsn, "--port", str(postgres.port))
            bed.cli("init")
    except BaseException:
        bed.cleanup()
        raise
    return bed
