"""``course lessons render``: write the generated parts of the lesson notebooks (tables, notes,
practice headings, time estimates, the guide's course map, hidden code inputs) from the knowledge
base and the practice bank. ``--check`` changes nothing and exits 1 if a notebook is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "lessons",
        help="maintainers: regenerate the lesson notebooks' tables and notes",
        description=__doc__,
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    render = verbs.add_parser("render", help="rewrite the generated cells", description=__doc__)
    render.add_argument("--lessons", type=Path, help="lessons folder (default: <checkout>/lessons)")
    render.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a notebook is out of date"
    )
    render.set_defaults(func=run)
    return p


def run(args: argparse.Namespace) -> int:
    from course.lab_cli import find_lessons

    from . import notebooks

    folder = args.lessons or find_lessons()
    if folder is None or not folder.is_dir():
        print("no lessons folder found: give --lessons DIR", file=sys.stderr)
        return 2
    if args.check:
        out_of_date = notebooks.stale(folder)
        for path in out_of_date:
            print(f"out of date: {path} (run `course lessons render`)", file=sys.stderr)
        return 1 if out_of_date else 0
    for path in notebooks.write(folder):
        print(f"rendered {path}")
    return 0
