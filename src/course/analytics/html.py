"""The report as one self-contained HTML file: inline CSS, figures embedded as base64 PNGs."""

from __future__ import annotations

import base64
import numbers
from collections.abc import Callable, Iterable
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from course.fonts import css_family

from . import strings as s

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("course.analytics", "templates"),
    autoescape=jinja2.select_autoescape(["html.j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_PARTS = _ENV.get_template("parts.html.j2").module


def css(scope: str = "", page: bool = True) -> Markup:
    """The report's styles (``templates/report.css.j2``): with ``page``, also those of the whole
    document; ``scope`` (such as ``".cohort-view "``) prefixes every other rule."""
    text = _ENV.get_template("report.css.j2").render(scope=scope, page=page, fonts=css_family())
    return Markup(text.strip())


#: the styles of the report's page
CSS = css()

Format = Callable[[Any], str]


def pct(value: Any) -> str:
    return "—" if pd.isna(value) else f"{value:.0%}"


def num(value: Any, digits: int = 2) -> str:
    return "—" if pd.isna(value) else f"{value:.{digits}f}"


def plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    return "—" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def table(
    df: pd.DataFrame,
    columns: list[str],
    formats: dict[str, Format] | None = None,
    row_class: Callable[[pd.Series], str] | None = None,
    index: str | None = None,
) -> Markup:
    """``df`` as an HTML table of ``columns`` headed by their Chinese labels; ``index``: show
    the index first under this label. Every value is escaped."""
    formats = formats or {}
    head = ([s.COLUMNS.get(index, index)] if index else []) + [s.COLUMNS.get(c, c) for c in columns]
    rows = []
    for key, row in df.iterrows():
        cells = [(str(key), False)] if index else []
        for c in columns:
            value = row[c]
            numeric = isinstance(value, numbers.Number) and not isinstance(value, bool)
            cells.append((formats.get(c, plain)(value), numeric))
        rows.append((row_class(row) if row_class else "", cells))
    return _PARTS.table(head, rows)


def image(png: bytes, alt: str) -> Markup:
    return _PARTS.image(base64.b64encode(png).decode("ascii"), alt)


def section(anchor: str, title: str, parts: Iterable[str]) -> Markup:
    return _PARTS.section(anchor, title, list(parts))


def heading(title: str) -> Markup:
    """A third-level heading (a table's or a figure's title)."""
    return _PARTS.heading(title)


def paragraph(text: str, cls: str = "") -> Markup:
    return _PARTS.paragraph(text, cls)


def view(parts: Iterable[str]) -> Markup:
    """The notebook explorer's fragment: ``parts`` in a box styled by the report's own rules,
    scoped to it (unscoped, they would restyle JupyterLab's page)."""
    return _PARTS.view(css(".cohort-view ", page=False), list(parts))


def page(
    title: str,
    meta: list[str],
    cards: list[tuple[str, str]],
    nav: list[tuple[str, str]],
    body: list[str],
) -> str:
    """The whole document (``templates/report.html.j2``)."""
    template = _ENV.get_template("report.html.j2")
    return template.render(title=title, css=CSS, meta=meta, cards=cards, nav=nav, body=body)
