"""``course lab``: start JupyterLab on the learner's copies of the lessons, at the course guide;
``course lab --instructor``: start the instructor's JupyterLab in the course folder (``quizzes/``),
with formgrader.

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

Each lab reads the nbgrader configuration of its own (:mod:`course.lab.quizconfig`): the trainee's
names the course, its exchange and the workspace as where quizzes are fetched to; the
instructor's is the course folder's. Both create the exchange folder, so one machine needs no
environment variable and no ``course grading`` step: the two labs share ``quizzes/exchange``.

Extra arguments go to JupyterLab unchanged (``course lab --no-browser --port 8899``);
``--allow-root`` is added when running as root.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from course.nbcourse import (
    DEFAULT_FOLDER,
    Course,
    CourseError,
    add_course_dir_argument,
    open_course,
    resolve_course_dir,
)

from . import quizconfig
from . import strings as s
from .profiles import INSTRUCTOR, PROFILES, TRAINEE, Profile, write_config
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
        help="the lab's user settings folder (default: <checkout>/"
        f"{LAB_HOME}/user-settings, or {LAB_HOME}/{INSTRUCTOR.name}-settings with --instructor)",
    )
    p.add_argument(
        "--instructor",
        dest="profile",
        action="store_const",
        const=INSTRUCTOR.name,
        default=TRAINEE.name,
        help="the instructor's lab: the course folder, with formgrader (not the lessons)",
    )
    add_course_dir_argument(p)
    p.set_defaults(func=run, passthrough=True)
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


def find_course(course_dir: str | None, checkout: Path) -> Course:
    """The course a lab serves: ``--course-dir`` (relative to the current folder) if given,
    else the checkout's by the one ``--course-dir`` rule applied from the checkout. Raises
    :class:`CourseError` naming the folder."""
    if course_dir is not None:
        return open_course(course_dir)
    return open_course(resolve_course_dir(None, cwd=checkout))


def prepare_quizzes(profile: Profile, course: Course | None, config_dir: Path, root: Path) -> None:
    """Write the lab's nbgrader configuration into ``config_dir`` (none without a course) and
    create the course's exchange folder. Changes files only."""
    from course.grading.modes import init_exchange

    if course is None:
        quizconfig.remove(config_dir)
        return
    if profile is INSTRUCTOR:
        lines = quizconfig.instructor_lines(course)
    else:
        lines = quizconfig.trainee_lines(course, root)
    quizconfig.write(config_dir, course, lines)
    if course.exchange_root is not None:
        init_exchange(course.exchange_root)


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
    profile = PROFILES[args.profile]
    lessons = args.lessons.resolve() if args.lessons else find_lessons()
    if lessons is None or not lessons.is_dir():
        print(s.NO_LESSONS, file=sys.stderr)
        return 2
    checkout = lessons.parent
    home = checkout / LAB_HOME
    try:
        course: Course | None = find_course(args.course_dir, checkout)
    except CourseError as exc:
        if profile is INSTRUCTOR or args.course_dir is not None:
            print(s.NO_COURSE.format(error=exc), file=sys.stderr)
            return 2
        course = None  # a checkout of the lessons alone: no graded quizzes in this lab
        print(s.NO_QUIZZES.format(folder=checkout / DEFAULT_FOLDER), flush=True)
    if profile is INSTRUCTOR:
        root = course.root
        default_settings = home / f"{INSTRUCTOR.name}-settings"
        print(s.STARTING_INSTRUCTOR.format(course=root), flush=True)
    else:
        root = args.workspace.resolve() if args.workspace else home / "lessons"
        default_settings = home / "user-settings"
        for line in report_lines(sync(lessons, root)):
            print(line, flush=True)
        print(s.STARTING.format(workspace=root), flush=True)
    settings = course_settings(
        args.settings_dir.resolve() if args.settings_dir else default_settings
    )
    env = lab_environment(profile, home)
    prepare_quizzes(profile, course, Path(env["JUPYTER_CONFIG_DIR"]), root)
    command = lab_command(root, args.extra, as_root=os.geteuid() == 0, settings=settings)
    # nbgrader reads nbgrader_config.py from the working folder (the instructor's course
    # folder) and, unconfigured, fetches there: keep it the lab's root
    os.chdir(root)
    os.execve(command[0], command, env)
    return 0  # not reached: execve replaces this process
