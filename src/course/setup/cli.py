"""``course setup learner``: the learner's JupyterLab for this installation (Binder's postBuild
runs it): Chinese interface, no news pop-up, quiz cells saved as an instruction to run them,
nbgrader's (English) tools hidden."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "setup", help="set up JupyterLab for learners (Binder's postBuild)", description=__doc__
    )
    sub = parser.add_subparsers(dest="setup_command", metavar="TARGET", required=True)
    learner = sub.add_parser("learner", help="Chinese interface, no news, trainee mode")
    learner.add_argument(
        "--no-chinese", action="store_true", help="keep JupyterLab's interface language as it is"
    )
    learner.add_argument(
        "--no-trainee", action="store_true", help="leave the nbgrader tools as they are"
    )
    learner.add_argument(
        "--settings-dir",
        help="where overrides.json goes (default: <sys.prefix>/share/jupyter/lab/settings)",
    )
    learner.add_argument(
        "--config-dir",
        help="where the course's server extension is enabled (default: <sys.prefix>/etc/jupyter)",
    )
    learner.set_defaults(func=_learner)
    return parser


def _learner(args: argparse.Namespace) -> int:
    from course.setup.learner import setup_learner

    try:
        done = setup_learner(
            chinese=not args.no_chinese,
            trainee=not args.no_trainee,
            settings_dir=args.settings_dir,
            config_dir=args.config_dir,
        )
    except (RuntimeError, ValueError) as exc:
        print(f"course setup learner: {exc}", file=sys.stderr)
        return 1
    for line in done:
        print(line)
    return 0
