"""Render the lesson notebooks: fill every generated cell from the knowledge base and the practice
bank, hide every code cell's input, keep the notebook clean (no outputs, trimmed metadata, cell
ids ``c00``, ``c01``…), estimate the time each lesson takes, and write the guide's course map.

:func:`render_folder` returns what every notebook of a folder should be; :func:`write` writes
it; :func:`stale` lists the notebooks that differ (what ``--check`` and the tests fail on).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat

from course import kb
from course.quiz import review

from . import cells, tables, timing
from . import strings as s

GUIDE = "00_course_guide.ipynb"
PATTERN = "[0-9][0-9]_*.ipynb"
#: Every code cell of a lesson: input hidden (JupyterLab's own cell metadata), nothing else.
CODE_METADATA = {"jupyter": {"source_hidden": True}}
NOTEBOOK_METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}


@dataclass(frozen=True)
class Rendered:
    """A rendered notebook: its text (as written to disk), title and time estimate."""

    text: str
    title: str
    estimate: timing.Estimate


def _questions(call: cells.Call) -> list:
    from course.quiz import bank

    return bank.select(call.refs, call.section)


def _header(code: str) -> str | None:
    """The generated heading of a practice or review cell (None for other code cells)."""
    calls = cells.practice_calls(code)
    if not calls:
        return None
    if any(c.name == "review" for c in calls):
        days = review.INTERVALS_DAYS
        intervals = "、".join(str(d) for d in days[:-1])
        return s.REVIEW.format(n=review.SIZE, intervals=intervals, last=days[-1])
    return s.PRACTICE.format(n=sum(len(_questions(c)) for c in calls))


def _labelled(code: str) -> str:
    """``code`` with its first line the label of its kind (JupyterLab shows only the first line
    of a hidden input); a cell of no known kind keeps the label its author wrote."""
    label = s.CODE_LABELS.get(cells.code_kind(code))
    if label is None:
        return code
    lines = code.splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return "\n".join([label, *lines])


def _generated(d: cells.Directive, base: kb.KnowledgeBase, course_map: str) -> str | None:
    """The body of a generated cell (None for the time, which needs the whole notebook)."""
    if d.kind == "map":
        return course_map
    if d.kind == "table":
        kind, *args = d.args
        return tables.TABLES[kind](base, *args).markdown()
    if d.kind == "unstated":
        return tables.unstated_notes(base, *d.args)
    if d.kind == "citation":
        return s.CITATION.format(citation=base.publication.citation)
    if d.kind == "backup":
        return s.BACKUP
    if d.kind == "time":
        return None
    raise ValueError(f"unknown directive <!-- course:{d.kind} -->")


def _markdown(d: cells.Directive, body: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(d.line + "\n" + body)


def render(nb: nbformat.NotebookNode, base: kb.KnowledgeBase, course_map: str = "") -> Rendered:
    """Render one notebook (``nb`` is not changed). ``course_map``: the body of a ``map`` cell."""
    out: list[nbformat.NotebookNode] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            d = cells.directive(cell.source)
            if d is None:
                out.append(nbformat.v4.new_markdown_cell(cell.source))
            elif d.kind != "practice":  # practice headings are regenerated below
                body = _generated(d, base, course_map)
                out.append(_markdown(d, body) if body is not None else cell)
        elif cell.cell_type == "code":
            header = _header(cell.source)
            if header is not None:
                out.append(_markdown(cells.Directive("practice", ()), header))
            out.append(nbformat.v4.new_code_cell(_labelled(cell.source), metadata=CODE_METADATA))
    estimate = _estimate(out, base)
    for n, cell in enumerate(out):
        d = cells.directive(cell.source) if cell.cell_type == "markdown" else None
        if d is not None and d.kind == "time":
            out[n] = _markdown(d, _time_text(estimate))
        out[n].id = f"c{n:02d}"
    result = nbformat.v4.new_notebook(cells=out, metadata=NOTEBOOK_METADATA)
    title = next(c.source for c in out if c.cell_type == "markdown").splitlines()[0]
    return Rendered(nbformat.writes(result) + "\n", title.lstrip("# "), estimate)


def _estimate(out: list[nbformat.NotebookNode], base: kb.KnowledgeBase) -> timing.Estimate:
    markdown = [c.source for c in out if c.cell_type == "markdown"]
    code = [c.source for c in out if c.cell_type == "code"]
    calls = [call for source in code for call in cells.practice_calls(source)]
    directives = [cells.directive(m) for m in markdown]
    return timing.estimate(
        han_chars=sum(cells.han_count(m) for m in markdown),
        tables=sum(1 for d in directives if d is not None and d.kind == "table"),
        diagrams=sum(cells.diagram_calls(source) for source in code),
        question_types=[q.type for c in calls if c.name == "practice" for q in _questions(c)],
        unknown_questions=review.SIZE * sum(1 for c in calls if c.name == "review"),
    )


def _time_text(estimate: timing.Estimate) -> str:
    if not estimate.practice:
        return s.TIME_READING_ONLY.format(total=estimate.total)
    return s.TIME.format(total=estimate.total, reading=estimate.reading, practice=estimate.practice)


def _course_map(rendered: dict[Path, Rendered]) -> str:
    rows = [
        [str(int(path.name[:2])), f"`{path.name}`", r.title, f"约 {r.estimate.total} 分钟"]
        for path, r in sorted(rendered.items())
    ]
    columns = [s.COL_ORDER, s.COL_LESSON, s.COL_CONTENT, s.COL_MINUTES]
    return tables.Table(columns, rows).markdown()


def render_folder(folder: Path, base: kb.KnowledgeBase | None = None) -> dict[Path, Rendered]:
    """What every lesson notebook of ``folder`` should be. The guide is rendered last: its
    course map lists every notebook's title and time, its own included. Its own time counts the
    map's text, whose Han characters do not depend on the figures in it: a draft with the map
    gives the time, the final rendering writes it."""
    base = base or kb.load()
    paths = sorted(folder.glob(PATTERN))
    read = {p: nbformat.read(p, as_version=4) for p in paths}
    rendered = {p: render(nb, base) for p, nb in read.items() if p.name != GUIDE}
    guide = folder / GUIDE
    if guide in read:
        unsized = render(read[guide], base)  # no map yet: its own time is short of the map's text
        draft = render(read[guide], base, _course_map(rendered | {guide: unsized}))
        rendered[guide] = render(read[guide], base, _course_map(rendered | {guide: draft}))
    return rendered


def stale(folder: Path) -> list[Path]:
    """The notebooks of ``folder`` that differ from what :func:`render_folder` writes."""
    return [p for p, r in render_folder(folder).items() if p.read_text(encoding="utf-8") != r.text]


def write(folder: Path) -> list[Path]:
    """Render the notebooks of ``folder`` in place; return those that changed."""
    changed = []
    for path, rendered in render_folder(folder).items():
        if path.read_text(encoding="utf-8") != rendered.text:
            path.write_text(rendered.text, encoding="utf-8")
            changed.append(path)
    return changed
