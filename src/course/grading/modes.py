"""Trainee and instructor set-ups, and the exchange folder (its location is the course's
configuration: :attr:`course.nbcourse.Course.exchange_root`).

Installing nbgrader enables all of its JupyterLab plugins and server extensions for everyone. A
trainee must see the assignment list (fetch, validate, submit) but neither formgrader nor the
create-assignment toolbar. :func:`set_mode` toggles exactly these, for the current user, with
JupyterLab's own function (the one behind ``jupyter labextension disable --level=user``) and the
user's ``jupyter_server_config.json`` (see :func:`set_mode` for why not ``jupyter server extension
disable --user``), and writes the user's
``nbgrader_config.py`` so that the assignment list knows the course and its exchange.
"""

from __future__ import annotations

import os
from pathlib import Path

from course.nbcourse import COURSE_ID

INSTRUCTOR_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment")
INSTRUCTOR_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader",)
MODES = ("trainee", "instructor")


def init_exchange(root: str | Path) -> Path:
    """Create the exchange folder (nbgrader does not, and the assignment list fails without it)
    writable by every trainee, as nbgrader's default exchange requires. Returns its path."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o777)
    return root


def user_config_dir() -> Path:
    from jupyter_core.paths import jupyter_config_dir

    return Path(jupyter_config_dir())


def write_user_nbgrader_config(course_id: str, exchange: str | Path | None) -> Path:
    """Write ``<user config dir>/nbgrader_config.py`` naming the course (and its exchange)."""
    lines = [
        "# Written by `course grading mode`: the course this user takes or teaches.",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {course_id!r}",
        "# the answer store's lock file need not travel with a submission",
        'c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", '
        '"*.lock"]',
    ]
    if exchange is not None:
        lines.append(f"c.Exchange.root = {str(exchange)!r}")
    path = user_config_dir() / "nbgrader_config.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def set_mode(
    mode: str, *, course_id: str = COURSE_ID, exchange: str | Path | None = None
) -> list[str]:
    """Switch the current user's JupyterLab to ``trainee`` or ``instructor``; return what was
    done, one line per step."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    from jupyter_server.config_manager import BaseJSONConfigManager
    from jupyterlab.commands import disable_extension, enable_extension

    enable = mode == "instructor"
    toggle = enable_extension if enable else disable_extension
    done = []
    for plugin in INSTRUCTOR_PLUGINS:
        toggle(plugin, level="user")
        done.append(f"labextension {'enabled' if enable else 'disabled'}: {plugin}")
    # `jupyter server extension disable --user` writes jupyter_server_config.d/<name>.json, which
    # loses to the sys-prefix file nbgrader installs (measured: /formgrader still answered). The
    # user's main jupyter_server_config.json does take precedence.
    settings = BaseJSONConfigManager(config_dir=str(user_config_dir()))
    for extension in INSTRUCTOR_SERVER_EXTENSIONS:
        settings.update(
            "jupyter_server_config", {"ServerApp": {"jpserver_extensions": {extension: enable}}}
        )
        done.append(f"server extension {'enabled' if enable else 'disabled'}: {extension}")
    path = write_user_nbgrader_config(course_id, exchange)
    done.append(f"nbgrader config: {path}")
    return done
