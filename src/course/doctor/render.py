"""Show doctor results as plain text (terminal) or HTML (notebook). Pure functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import jinja2
from markupsafe import Markup

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


_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("course.doctor", "templates"), autoescape=True
)


def render_html(results: list[Check]) -> Markup:
    """An HTML table of the checks (``templates/checks.html.j2``), all in Chinese (what was
    found, and for problems the explanation and the fix)."""
    return Markup(
        _ENV.get_template("checks.html.j2").render(
            results=results,
            title=strings.TITLE,
            ok=strings.OK,
            problem=strings.PROBLEM,
            why=strings.WHY,
            fix=strings.FIX,
            summary=summary(results),
        )
    )


def render_first_run(
    title: str, checks: Markup, store: tuple[bool, str], next_step: str, binder_note: str = ""
) -> str:
    """The course guide's first-run report (``templates/first_run.html.j2``): ``checks`` (from
    :func:`render_html`), the answers folder's verdict ``store`` (ok, line), ``next_step``, and
    on Binder ``binder_note``."""
    return _ENV.get_template("first_run.html.j2").render(
        title=title,
        binder_note=binder_note,
        checks=checks,
        store_ok=store[0],
        store_line=store[1],
        next=next_step,
    )
