"""Show doctor results as plain text (terminal) or HTML (notebook). Pure functions."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from course.doctor import strings

if TYPE_CHECKING:
    from course.doctor.checks import Check


def summary(results: list[Check]) -> str:
    problems = sum(not r.ok for r in results)
    return strings.ALL_OK if not problems else strings.SOME_PROBLEMS.format(count=problems)


def render_text(results: list[Check]) -> str:
    """One line per check (``[ OK ]`` or ``[问题]``) with what was found in Chinese; under a
    problem the English detail (for whoever helps), the explanation and the fix."""
    width = max(len(r.name) for r in results)
    lines = [strings.TITLE, ""]
    for r in results:
        mark = "[ OK ]" if r.ok else "[问题]"
        lines.append(f"{mark} {r.name:<{width}}  {r.label_zh}：{r.found_zh}")
        if not r.ok:
            if r.detail != r.found_zh:
                lines.append(f"       (en) {r.detail}")
            lines.append(f"       {strings.WHY}：{r.problem_zh}")
            lines.append(f"       {strings.FIX}：{r.fix_zh}")
    lines += ["", summary(results)]
    return "\n".join(lines)


# The verdict and the label never wrap (a narrow window otherwise breaks 正常 into one character
# per line); the third column takes the rest.
_ROW = (
    "<tr><td style='color:{color};font-weight:bold;white-space:nowrap'>{mark}</td>"
    "<td style='white-space:nowrap'>{label}</td><td>{detail}{extra}</td></tr>"
)
_TABLE = "<table class='course-doctor-table' style='table-layout:auto;width:auto'>"


def render_html(results: list[Check]) -> str:
    """An HTML table of the checks, all in Chinese (what was found, and for problems the
    explanation and the fix)."""
    rows = []
    for r in results:
        extra = ""
        if not r.ok:
            extra = (
                f"<br>{strings.WHY}：{html.escape(r.problem_zh)}"
                f"<br><b>{strings.FIX}：</b>{html.escape(r.fix_zh)}"
            )
        rows.append(
            _ROW.format(
                color="green" if r.ok else "#b00020",
                mark=strings.OK if r.ok else strings.PROBLEM,
                label=html.escape(r.label_zh),
                detail=html.escape(r.found_zh),
                extra=extra,
            )
        )
    return (
        f"<div class='course-doctor'><h4>{strings.TITLE}</h4>{_TABLE}{''.join(rows)}</table>"
        f"<p>{html.escape(summary(results))}</p></div>"
    )
