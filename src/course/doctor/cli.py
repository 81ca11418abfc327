"""``course doctor``: check the set-up in plain words; exit 1 if anything needs fixing."""

from __future__ import annotations

import argparse


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "doctor",
        help="check Python, packages, JupyterLab extensions, Chinese font and course data",
        description=__doc__,
    )
    p.add_argument(
        "--hub",
        action="store_true",
        help="also check the cohort hub of this server (as root; see course hub)",
    )
    p.add_argument("--hub-dir", help="the hub folder (implies --hub)")
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from course.doctor import render_text, run_checks

    results = run_checks()
    if args.hub or args.hub_dir:
        from course.doctor.hub import hub_checks

        results += hub_checks(args.hub_dir)
    print(render_text(results), flush=True)
    return 0 if all(r.ok for r in results) else 1
