"""``course lab``: start JupyterLab on the learner's copies of the lessons, at the course guide.

Before starting, the lessons are copied into the learner's workspace (``<checkout>/.course-lab/
lessons`` unless ``--workspace`` says otherwise; see :mod:`course.lab.workspace`), so running
them never changes tracked files. The lab then runs:

* on the workspace (its root and working folder), opening the course guide;
* with its own Jupyter configuration folder, ``<checkout>/.course-lab/<profile>``
  (:mod:`course.lab.profiles`): the trainee's lab shows none of nbgrader's English tools and
  saves quiz cells as an instruction to run them again (:mod:`course.lab.savehook`);
* with the course's own user settings folder (``<checkout>/.course-lab/user-settings`` unless
  ``--settings-dir``): the Simplified Chinese interface where the zh-CN language pack is
  installed, and no news pop-up. They are written once; what the learner changes later in the
  lab (the language included) is kept there.

Extra arguments go to JupyterLab unchanged (``course lab --no-browser --port 8899``);
``--allow-root`` is added when running as root.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import strings as s
from .profiles import PROFILES, TRAINEE, Profile, write_config
from .workspace import SyncReport, sync

GUIDE = "00_course_guide.ipynb"
LAB_HOME = ".course-lab"  # in the checkout; git-ignored


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "lab",
        help="start JupyterLab on the lessons (extra arguments go to jupyter lab)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--lessons", type=Path, help="the course's lessons (default: <checkout>/lessons)"
    )
    p.add_argument(
        "--workspace",
        type=Path,
        help="the learner's copies of the lessons, served by the lab "
        f"(default: <checkout>/{LAB_HOME}/lessons)",
    )
    p.add_argument(
        "--settings-dir",
        type=Path,
        help=f"the lab's user settings folder (default: <checkout>/{LAB_HOME}/user-settings)",
    )
    p.set_defaults(func=run, passthrough=True, profile=TRAINEE.name)
    return p


def find_lessons(start: Path | None = None) -> Path | None:
    """The ``lessons/`` folder of the checkout holding ``start`` (default: the current folder),
    else of the checkout this package is installed from (editable install); ``None`` if neither."""
    here = Path(__file__).resolve()
    for origin in (start or Path.cwd(), here):
        for folder in (origin, *origin.parents):
            if (folder / "lessons").is_dir() and (folder / "pyproject.toml").is_file():
                return folder / "lessons"
    return None


def course_settings(folder: Path) -> Path:
    """Write the course's JupyterLab user settings into ``folder`` where a plugin has none yet:
    the Chinese interface (if the zh-CN language pack is installed) and no news. Returns it."""
    from .settings import language_pack_installed, learner_overrides

    for plugin, values in learner_overrides(chinese=language_pack_installed()).items():
        package, _, name = plugin.partition(":")
        path = folder / package / f"{name}.jupyterlab-settings"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return folder


def lab_command(
    root: Path, extra: list[str], as_root: bool, settings: Path | None = None
) -> list[str]:
    """The ``jupyter lab`` command line serving ``root`` (pure: starts nothing)."""
    script = Path(sys.executable).with_name("jupyter-lab")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "jupyterlab"]
    command.append(f"--ServerApp.root_dir={root}")
    if settings is not None and not any(a.startswith("--LabApp.user_settings_dir") for a in extra):
        command.append(f"--LabApp.user_settings_dir={settings}")
    if (root / GUIDE).is_file():
        command.append(f"--LabApp.default_url=/lab/tree/{GUIDE}")
    if as_root and "--allow-root" not in extra:
        command.append("--allow-root")
    return command + extra


def lab_environment(profile: Profile, home: Path) -> dict[str, str]:
    """The lab's environment: this one, with the profile's own Jupyter configuration folder
    (written now, under ``home``). Returns a new dict."""
    config = write_config(profile, home / profile.name)
    return {**os.environ, "JUPYTER_CONFIG_DIR": str(config)}


def report_lines(report: SyncReport) -> list[str]:
    """What the workspace sync did, in Chinese, one line per kind of change."""
    lines = []
    if report.copied:
        lines.append(s.COPIED.format(names="、".join(report.copied)))
    if report.updated:
        lines.append(s.UPDATED.format(names="、".join(report.updated)))
    lines += [s.KEPT_OLD.format(name=name, old=old) for name, old in report.kept]
    return lines


def run(args: argparse.Namespace) -> int:
    lessons = args.lessons.resolve() if args.lessons else find_lessons()
    if lessons is None or not lessons.is_dir():
        print(s.NO_LESSONS, file=sys.stderr)
        return 2
    home = lessons.parent / LAB_HOME
    workspace = args.workspace.resolve() if args.workspace else home / "lessons"
    for line in report_lines(sync(lessons, workspace)):
        print(line, flush=True)
    settings = course_settings(
        args.settings_dir.resolve() if args.settings_dir else home / "user-settings"
    )
    env = lab_environment(PROFILES[args.profile], home)
    command = lab_command(workspace, args.extra, as_root=os.geteuid() == 0, settings=settings)
    print(s.STARTING.format(workspace=workspace), flush=True)
    os.chdir(workspace)  # nbgrader fetches into the server's working folder: keep it in view
    os.execve(command[0], command, env)
    return 0  # not reached: execve replaces this process
