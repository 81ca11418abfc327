"""The hub's own Python environment (``course hub setup``).

Every account runs its JupyterLab from this environment, so it must be readable by all of them:
it is made from the system's Python (``/usr/bin/python3``) in a folder outside any home
(``/opt/zj-course-hub/venv`` by default) -- a Python under root's home cannot be run by another
account. It holds the course package (installed from the checkout, not editable: the checkout
may be private), JupyterHub, the proxy (``configurable-http-proxy``, the PyPI port: no Node.js
needed; see docs/cohort-hub.md for the measurements behind that choice) and the PostgreSQL
driver. JupyterLab's installation-wide settings give everyone the Chinese interface without
the news pop-up.

The install runs again only when the checkout's sources or the extras changed (a stamp file
holds their hash), so ``course hub setup`` is cheap to repeat.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from course.setup.learner import enable_save_hook, learner_overrides, write_overrides

SYSTEM_PYTHON = "/usr/bin/python3"
DIST_NAME = "zj-tibet-4500-course"
EXTRAS = "hub"
STAMP = ".course-hub-stamp"
#: Commands the hub needs from the environment.
COMMANDS = ("jupyterhub", "jupyterhub-singleuser", "configurable-http-proxy", "nbgrader", "course")


def source_hash(checkout: Path) -> str:
    """A hash of what the install depends on: pyproject.toml and every file under src/."""
    digest = hashlib.sha256(EXTRAS.encode())
    files = [checkout / "pyproject.toml", *sorted((checkout / "src").rglob("*"))]
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(checkout)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def missing_commands(env: Path) -> list[str]:
    return [name for name in COMMANDS if not (env / "bin" / name).exists()]


def is_current(env: Path, checkout: Path) -> bool:
    stamp = env / STAMP
    return stamp.exists() and stamp.read_text().strip() == source_hash(checkout)


def setup(env: Path, checkout: Path, python: str = SYSTEM_PYTHON, log=print) -> bool:
    """Create or update the environment at ``env`` from the checkout; return True if anything
    was installed. Raises subprocess.CalledProcessError if a step fails, RuntimeError if the
    environment cannot be run by other accounts."""
    env, checkout = Path(env), Path(checkout).resolve()
    if is_current(env, checkout) and not missing_commands(env):
        log(f"hub environment {env} is up to date")
        return False
    old_umask = os.umask(0o022)  # everything readable by every account
    try:
        if not (env / "bin" / "python").exists():
            log(f"creating {env} with {python}")
            env.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([python, "-m", "venv", str(env)], check=True)
        _check_runnable_by_others(env)
        uv = env / "bin" / "uv"
        if not uv.exists():
            subprocess.run(
                [str(env / "bin" / "python"), "-m", "pip", "install", "-q", "uv"], check=True
            )
        log(f"installing the course ({checkout}) with JupyterHub into {env}")
        subprocess.run(
            [
                str(uv),
                "pip",
                "install",
                "-q",
                "--python",
                str(env / "bin" / "python"),
                "--compile-bytecode",
                "--reinstall-package",
                DIST_NAME,
                f"{checkout}[{EXTRAS}]",
            ],
            check=True,
        )
        settings = env / "share" / "jupyter" / "lab" / "settings"
        log(f"JupyterLab settings: {write_overrides(settings, learner_overrides(chinese=True))}")
        # quiz cells saved as an instruction to run them again, never as a dead widget view
        log(f"course server extension: {enable_save_hook(env / 'etc' / 'jupyter')}")
    finally:
        os.umask(old_umask)
    missing = missing_commands(env)
    if missing:
        raise RuntimeError(f"{env} lacks {', '.join(missing)} after the install")
    (env / STAMP).write_text(source_hash(checkout) + "\n")
    return True


def _check_runnable_by_others(env: Path) -> None:
    """Raise RuntimeError unless an unprivileged account can run the environment's Python."""
    if os.geteuid() != 0:
        return
    probe = subprocess.run(
        [str(env / "bin" / "python"), "-c", "pass"],
        user="nobody",
        group="nogroup",
        extra_groups=[],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        raise RuntimeError(
            f"other accounts cannot run {env}/bin/python ({probe.stderr.strip()[:200]}): "
            "make it from a Python outside root's home, e.g. --python /usr/bin/python3"
        )
