"""``course doctor``: check the set-up in plain words; exit 1 if anything needs fixing."""

from __future__ import annotations

import argparse


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "doctor",
        help="check Python, packages, JupyterLab extensions, Chinese font and course data",
        description=__doc__,
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from course.doctor import render_text, run_checks

    results = run_checks()
    print(render_text(results), flush=True)
    return 0 if all(r.ok for r in results) else 1
