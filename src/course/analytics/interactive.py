"""The instructor notebook's explorer: the report's tables and figures, filtered by assignment
and article section with two drop-downs (ipywidgets)."""

from __future__ import annotations

from typing import Any

from . import html as h
from . import plots
from . import strings as s
from .build import Thresholds, build, section_order, select
from .load import Cohort
from .report import FOLLOW_UP_ROWS, items_figure


def _options(cohort: Cohort) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    assignments = [(s.ALL, "")] + [
        (s.TITLED.format(title=cohort.titles.get(a, a), id=a), a) for a in cohort.assignments
    ]
    present = set(cohort.questions["section"].dropna())
    labels = dict(zip(cohort.questions["section"], cohort.questions["section_label"], strict=True))
    sections = [(s.ALL, "")] + [(labels[x], x) for x in section_order() if x in present]
    return assignments, sections


def view(
    cohort: Cohort, assignment: str = "", section: str = "", th: Thresholds | None = None
) -> str:
    """HTML of the report's main tables and figures for one assignment and section ("": all)."""
    th = th or Thresholds()
    part = select(cohort, [assignment] if assignment else None, section or None)
    if part.questions.empty:
        return h.paragraph(s.NO_MATCH)
    t = build(part, th)
    items = t.items.assign(type=t.items["type"].map(s.TYPES))
    fmt = {
        "facility": h.pct,
        "discrimination": h.num,
        "mean": h.num,
        "alpha": h.num,
        "percent": h.pct,
        "pool": lambda v: v if isinstance(v, str) else "—",
    }
    cols = [
        "assignment",
        "number",
        "pool",
        "question",
        "type",
        "section",
        "points",
        "respondents",
        "facility",
        "discrimination",
        "flags",
    ]
    parts = [
        h.heading(s.H_ALPHA),
        h.table(t.alpha, ["assignment", "title", "items", "alpha"], fmt),
        h.heading(s.H_ITEMS),
        h.table(items, cols, fmt, lambda r: "doubtful" if r["doubtful"] else ""),
        *items_figure(t, th, plots.items(t.items, part.titles, th.low_discrimination)),
    ]
    if not t.sections.empty:
        parts += [
            h.heading(s.H_MASTERY),
            h.image(plots.heatmap(t.sections, s.PLOT_MASTERY), s.PLOT_MASTERY),
        ]
    parts += [
        h.heading(s.H_FOLLOW_UP),
        h.table(t.follow_up.head(FOLLOW_UP_ROWS), ["trainee", "percent", "reasons"], fmt),
    ]
    return h.view(parts)


def explorer(cohort: Cohort, th: Thresholds | None = None) -> Any:
    """A box with a drop-down for the assignment, one for the section, and the view below;
    changing either redraws the view."""
    import ipywidgets as w

    assignments, sections = _options(cohort)
    pick_a = w.Dropdown(options=assignments, value="", description=s.PICK_ASSIGNMENT)
    pick_s = w.Dropdown(options=sections, value="", description=s.PICK_SECTION)
    out = w.HTML(view(cohort, th=th))
    for control in (pick_a, pick_s):
        control.add_class("report-filter")

    def redraw(_change=None) -> None:
        out.value = view(cohort, pick_a.value, pick_s.value, th)

    pick_a.observe(redraw, names="value")
    pick_s.observe(redraw, names="value")
    box = w.VBox([w.HBox([pick_a, pick_s]), out])
    box.add_class("cohort-explorer")
    box.pick_assignment, box.pick_section, box.view = pick_a, pick_s, out
    return box
