"""The answer keys, read from the hidden tests of instructor notebooks.

Each autograded test cell of a source notebook ends with::

    ### BEGIN HIDDEN TESTS
    KEY = {"question": "four_spirits_order", "points": 2, "answer": [...], "explanation": "..."}
    graded.grade(KEY)
    ### END HIDDEN TESTS

``KEY`` is a literal, so tools read it without running anything: the leak scan, the status
report (which questions an assignment has) and the tests (what "all correct" means).
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


@dataclass(frozen=True)
class Key:
    grade_id: str
    question: str
    points: float
    answer: Any
    explanation: str
    hidden_source: str  # the whole hidden region, as written


def hidden_regions(source: str) -> list[str]:
    """The text between each BEGIN/END HIDDEN TESTS pair of a cell's source."""
    regions, current = [], None
    for line in source.splitlines():
        if BEGIN in line:
            current = []
        elif END in line and current is not None:
            regions.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return regions


def key_literals(region: str) -> list[dict[str, Any]]:
    """Every ``KEY = {...}`` literal assigned in a hidden region."""
    out = []
    for node in ast.walk(ast.parse(region)):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "KEY" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            out.append(ast.literal_eval(node.value))
    return out


def cell_keys(grade_id: str, source: str) -> list[Key]:
    keys = []
    for region in hidden_regions(source):
        for lit in key_literals(region):
            keys.append(
                Key(
                    grade_id,
                    lit["question"],
                    float(lit["points"]),
                    lit["answer"],
                    lit.get("explanation", ""),
                    region,
                )  # fmt: skip
            )
    return keys


def notebook_keys(path: str | Path) -> list[Key]:
    """The keys of one source notebook file, in cell order."""
    nb = json.loads(Path(path).read_text("utf-8"))
    keys = []
    for cell in nb["cells"]:
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        keys.extend(cell_keys(gid, source))
    return keys


def course_keys(source_dir: str | Path) -> dict[str, list[Key]]:
    """``{assignment: keys}`` for every notebook under ``source_dir/<assignment>/``."""
    out: dict[str, list[Key]] = {}
    for nb in sorted(Path(source_dir).glob("*/*.ipynb")):
        out.setdefault(nb.parent.name, []).extend(notebook_keys(nb))
    return out


def gradebook_keys(db_url: str, assignment: str) -> list[Key]:
    """The keys of an assignment as saved in the gradebook (no source folder needed)."""
    from nbgrader.api import Gradebook

    keys = []
    with Gradebook(db_url) as gb:
        for nb in gb.find_assignment(assignment).notebooks:
            for cell in nb.source_cells:
                keys.extend(cell_keys(cell.name, cell.source or ""))
    return keys
