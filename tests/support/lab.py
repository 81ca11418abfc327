"""Start and stop a real JupyterLab server for tests.

The server runs from the test interpreter's environment on a free loopback port with a random
token, an isolated runtime directory, its own user-settings and workspaces directories (news
pop-up off), and in its own process group so that teardown also ends its kernels.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

#: User settings every test server gets: no news or update pop-up over the notebook.
DEFAULT_SETTINGS: dict[str, dict] = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}

#: Token per base URL of the servers started here, so helpers can log in from a URL alone.
TOKENS: dict[str, str] = {}


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jupyter_lab_command() -> list[str]:
    """The command that starts JupyterLab from the running interpreter's environment."""
    script = Path(sys.executable).with_name("jupyter-lab")
    return [str(script)] if script.exists() else [sys.executable, "-m", "jupyterlab"]


def write_user_settings(settings_dir: Path, settings: dict[str, dict]) -> None:
    """Write ``{"@scope/package:plugin": {...}}`` as JupyterLab user-settings files."""
    for plugin_id, values in settings.items():
        package, plugin = plugin_id.split(":", 1)
        target = settings_dir / package / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")


@dataclass
class LabServer:
    """A running JupyterLab: ``url`` ends with ``/``; ``token`` authenticates API and browser."""

    url: str
    token: str
    root_dir: Path
    state_dir: Path
    process: subprocess.Popen = field(repr=False)
    log_path: Path = field(repr=False)

    @property
    def port(self) -> int:
        return int(self.url.rstrip("/").rsplit(":", 1)[1])

    def lab_url(self, path: str = "lab") -> str:
        """An absolute URL under the server with the token attached (for a first browser visit)."""
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path.lstrip('/')}{sep}token={self.token}"

    def api(self, path: str, timeout: float = 10) -> object:
        """GET ``/api/<path>`` and return the decoded JSON."""
        request = urllib.request.Request(
            f"{self.url}api/{path.lstrip('/')}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)

    def get(self, path: str, timeout: float = 30) -> tuple[int, str]:
        """GET ``<url><path>`` with the token; returns (HTTP status, body text), errors included."""
        request = urllib.request.Request(
            self.url + path.lstrip("/"), headers={"Authorization": f"token {self.token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""

    def put(self, path: str, body: str, timeout: float = 30) -> int:
        """PUT the JSON ``body`` to ``<url><path>`` with the token; returns the HTTP status."""
        request = urllib.request.Request(
            self.url + path.lstrip("/"),
            data=body.encode("utf-8"),
            method="PUT",
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def post(self, path: str, form: dict[str, str], timeout: float = 60) -> int:
        """POST ``form`` (URL-encoded) to ``<url><path>`` with the token; returns the HTTP
        status."""
        import urllib.parse

        request = urllib.request.Request(
            self.url + path.lstrip("/"),
            data=urllib.parse.urlencode(form).encode("utf-8"),
            method="POST",
            headers={"Authorization": f"token {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def page_config(self) -> dict:
        """The ``jupyter-config-data`` JSON embedded in the ``/lab`` page (what the frontend
        is told: disabled extensions, settings, …)."""
        status, page = self.get("lab")
        assert status == 200, f"/lab answered {status}"
        data = re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S
        )
        assert data, "no jupyter-config-data in the /lab page"
        return json.loads(data.group(1))

    def log(self) -> str:
        """The server's combined stdout/stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self, grace: float = 10) -> None:
        """Terminate the server's whole process group (kernels included); idempotent."""
        TOKENS.pop(self.url, None)
        stop_process_group(self.process, grace)


def stop_process_group(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM the process group of ``process``, then SIGKILL whatever is left after ``grace``."""
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace)
    _signal_group(process, signal.SIGKILL)  # stragglers such as kernels that ignored SIGTERM
    if process.poll() is None:
        process.wait(timeout=5)


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def wait_for_status(url: str, token: str, process: subprocess.Popen, timeout: float) -> None:
    """Poll ``/api/status`` until it answers 200; raise if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        f"{url}api/status", headers={"Authorization": f"token {token}"}
    )
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"JupyterLab did not answer {url}api/status within {timeout:.0f} s")


def start_lab(
    root_dir: str | Path,
    state_dir: str | Path,
    *,
    settings: dict[str, dict] | None = None,
    extra_args: list[str] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> LabServer:
    """Start JupyterLab serving ``root_dir``; keep its runtime/settings/log under ``state_dir``.

    ``settings`` are user settings merged over :data:`DEFAULT_SETTINGS`; ``env`` adds to the
    environment. Returns once ``/api/status`` answers; raises with the server log otherwise.
    """
    root_dir, state_dir = Path(root_dir).resolve(), Path(state_dir).resolve()
    for sub in ("runtime", "settings", "workspaces"):
        (state_dir / sub).mkdir(parents=True, exist_ok=True)
    write_user_settings(state_dir / "settings", {**DEFAULT_SETTINGS, **(settings or {})})
    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/"
    command = [
        *jupyter_lab_command(),
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--ServerApp.root_dir={root_dir}",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
        f"--LabApp.user_settings_dir={state_dir / 'settings'}",
        f"--LabApp.workspaces_dir={state_dir / 'workspaces'}",
        *(extra_args or []),
    ]
    full_env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(state_dir / "runtime"), **(env or {})}
    return launch(command, root_dir, state_dir, full_env, url, token, timeout)


def launch(
    command: list[str],
    root_dir: Path,
    state_dir: Path,
    env: dict[str, str],
    url: str,
    token: str,
    timeout: float,
) -> LabServer:
    """Run a JupyterLab ``command`` in its own process group, logging to ``state_dir``, and wait
    for ``/api/status``. Returns the running server; stops it and raises with its log otherwise."""
    log_path = state_dir / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=root_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LabServer(url, token, root_dir, state_dir, process, log_path)
    try:
        wait_for_status(url, token, process, timeout)
    except Exception as exc:
        server.stop()
        raise RuntimeError(f"{exc}\n--- server log ---\n{server.log()[-4000:]}") from exc
    TOKENS[url] = token
    return server


def start_course_lab(
    checkout: str | Path,
    state_dir: str | Path,
    *,
    args: list[str] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 90,
) -> LabServer:
    """Start ``course lab`` (the command ``make lab`` runs) from the checkout ``checkout`` on a
    free loopback port with a random token; its runtime folder and log under ``state_dir``.
    ``args`` go to ``course lab`` first (e.g. ``--workspace``). Returns once ``/api/status``
    answers; the server's ``root_dir`` is the checkout (it serves its own workspace)."""
    checkout, state_dir = Path(checkout).resolve(), Path(state_dir).resolve()
    (state_dir / "runtime").mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/"
    command = [
        str(Path(sys.executable).with_name("course")),
        "lab",
        *(args or []),
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
    ]
    full_env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(state_dir / "runtime"), **(env or {})}
    return launch(command, checkout, state_dir, full_env, url, token, timeout)
