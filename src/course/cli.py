"""The ``course`` command: a thin argparse front door over one module per subcommand.

A subcommand module exposes ``add_parser(subparsers)``, which adds its parser and sets
``func=run`` (``run(args) -> int``, the exit code). To add one, append its module to
:data:`COMMAND_MODULES`. A command that takes pass-through arguments (``course lab --port 8899``)
sets ``passthrough=True``; unknown arguments then arrive in ``args.extra``.
"""

from __future__ import annotations

import argparse
import importlib

#: Modules providing ``add_parser(subparsers)``, in the order ``course --help`` lists them.
COMMAND_MODULES = (
    "course.lab.cli",
    "course.doctor.cli",
    "course.grading.cli",
    "course.grading.quizzes_cli",
    "course.autograde.cli",
    "course.setup.cli",
    "course.portability.cli",
    "course.analytics.cli",
    "course.hub.cli",
    "course.authoring.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="course",
        description="The 「4500」 iron-army tempering course (浙江在线, 2022-01-21): "
        "start the lessons, check the set-up, run the graded quizzes.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: ``sys.argv[1:]``), run the subcommand, return its exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    if extra and not getattr(args, "passthrough", False):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = [a for a in extra if a != "--"]
    return int(args.func(args) or 0)
