"""A Binder session without Docker: the image's install steps in a fresh virtual environment.

What repo2docker's Dockerfile does for this repository (see ``tests/test_binder.py``, which
checks that Dockerfile), replayed here:

1. the repository lands in the home folder (``REPO_DIR`` is ``/home/jovyan``);
2. the base environment: Python of ``binder/runtime.txt`` with repo2docker's own pins of
   jupyterlab, notebook, jupyter_server and ipykernel (read from its conda lock file);
3. ``pip install -r binder/requirements.txt`` from the repository folder;
4. ``binder/postBuild`` with that environment first on ``PATH``.

The home folder after step 4 is the image's; every session starts from a copy of it (nothing
persists between sessions). uv with its shared cache does the installs in seconds.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.lab import LabServer, free_port, launch

REPO = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).with_name("uv")
#: What mybinder.org's BinderHub puts in a session's environment (the course looks for these).
BINDER_SESSION_ENV = {
    "BINDER_LAUNCH_HOST": "https://mybinder.org/",
    "BINDER_REPO_URL": "https://github.com/OWNER/REPO",
    "BINDER_REQUEST": "v2/gh/OWNER/REPO/HEAD",
}
BASE_PACKAGES = ("jupyterlab", "notebook", "jupyter_server", "ipykernel")


def base_env_pins(python: str) -> list[str]:
    """repo2docker's pins of the base environment's Jupyter packages for ``python`` (e.g.
    "3.11"), from the conda lock file it builds the image with."""
    import repo2docker.buildpacks.conda as conda

    lock = Path(conda.__file__).with_name(f"environment.py-{python}-linux-64.lock")
    pins = []
    for name in BASE_PACKAGES:
        match = re.search(rf"/{re.escape(name)}-(\d[^-]*)-[^/]*\.conda", lock.read_text())
        if match is None:
            raise AssertionError(f"{name} not pinned in {lock}")
        pins.append(f"{name}=={match.group(1)}")
    return pins


def runtime_python() -> str:
    """The Python version ``binder/runtime.txt`` asks for, e.g. "3.11"."""
    text = (REPO / "binder" / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", text)
    assert match, f"binder/runtime.txt: {text!r}"
    return match.group(1)


def repo_files() -> list[str]:
    """The files a clone of this working tree holds (tracked, and new files not ignored)."""
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if (REPO / line).is_file()]


@dataclass
class BinderImage:
    venv: Path
    home: Path  # the image's home folder (the repository, plus what postBuild wrote)
    timings: dict[str, float] = field(default_factory=dict)
    post_build_output: str = ""

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def env(self, home: Path, **extra: str) -> dict[str, str]:
        """The environment of a process in a session whose home is ``home``."""
        keep = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("JUPYTER", "VIRTUAL_ENV", "COURSE_", "PYTHON", "MPL"))
        }
        return {
            **keep,
            "HOME": str(home),
            "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}",
            "VIRTUAL_ENV": str(self.venv),
            **extra,
        }

    def new_session_home(self, where: Path) -> Path:
        """A fresh session: a copy of the image's home folder."""
        shutil.copytree(self.home, where, symlinks=True)
        return where


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    if proc.returncode != 0:
        raise AssertionError(f"{command} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def build_image(where: Path) -> BinderImage:
    """Replay the image build under ``where`` and return it."""
    home, venv = where / "home", where / "venv"
    image = BinderImage(venv, home)
    for name in repo_files():
        target = home / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    python = runtime_python()
    uv_env = {
        **os.environ,
        "UV_CACHE_DIR": os.environ.get("UV_CACHE_DIR") or str(Path.home() / ".cache" / "uv"),
    }
    uv_env.pop("VIRTUAL_ENV", None)
    pip_install = [str(UV), "pip", "install", "-q", "--python", str(venv / "bin" / "python")]
    steps = [
        ("venv", [str(UV), "venv", "-q", "--python", python, str(venv)]),
        ("base env", [*pip_install, *base_env_pins(python)]),
        ("requirements.txt", [*pip_install, "-r", "binder/requirements.txt"]),
    ]
    for label, command in steps:
        start = time.monotonic()
        _run(command, cwd=home, env=uv_env)
        image.timings[label] = time.monotonic() - start
    start = time.monotonic()
    proc = _run(["./binder/postBuild"], cwd=home, env=image.env(home))
    image.timings["postBuild"] = time.monotonic() - start
    image.post_build_output = proc.stdout + proc.stderr
    return image


def start_session_lab(
    image: BinderImage, home: Path, log_dir: Path, timeout: float = 90
) -> LabServer:
    """Start the image's JupyterLab as a Binder session would (serving the home folder, Binder's
    variables set), plus ``expose_app_in_browser`` for the test helpers. Stop it with ``.stop()``."""
    port, token = free_port(), secrets.token_hex(16)
    url = f"http://127.0.0.1:{port}/"
    command = [
        str(image.bin / "jupyter-lab"),
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--ServerApp.root_dir={home}",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",
    ]
    log_dir.mkdir(parents=True, exist_ok=True)
    env = image.env(home, JUPYTER_RUNTIME_DIR=str(log_dir / "runtime"), **BINDER_SESSION_ENV)
    return launch(command, home, log_dir, env, url, token, timeout)
