"""Build small notebooks in code, so that tests need few fixture files."""

from __future__ import annotations

from pathlib import Path

import nbformat


def write_notebook(path: str | Path, cells: list[str | tuple[str, str]]) -> Path:
    """Write a Python 3 notebook to ``path`` and return the path.

    Each cell is either a string (a code cell) or a ``("markdown" | "code", source)`` pair.
    """
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for cell in cells:
        kind, source = ("code", cell) if isinstance(cell, str) else cell
        maker = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
        nb.cells.append(maker(source))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path
