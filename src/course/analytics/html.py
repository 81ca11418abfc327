"""The report as one self-contained HTML file: inline CSS, figures embedded as base64 PNGs."""

from __future__ import annotations

import base64
import html
import numbers
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from . import strings as s

CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;margin:24px auto;
max-width:1100px;color:#212121;line-height:1.5;padding:0 16px}
h1{font-size:26px;margin-bottom:4px}h2{border-bottom:2px solid #1565c0;padding-bottom:4px;
margin-top:36px}h3{margin-top:24px}.meta{color:#616161;font-size:14px}
nav a{margin-right:14px}table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#e3f2fd}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.doubtful td{background:#ffebee}tr.right td{background:#e8f5e9}tr.pending td{color:#9e9e9e}
img{max-width:100%;height:auto;display:block;margin:8px 0}.cards{display:flex;gap:12px;
flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:22px}.note{color:#616161;font-size:13px}
"""

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
) -> str:
    """``df`` as an HTML table of ``columns`` headed by their Chinese labels; ``index``: show
    the index first under this label. Every value is escaped."""
    formats = formats or {}
    head = ([s.COLUMNS.get(index, index)] if index else []) + [s.COLUMNS.get(c, c) for c in columns]
    out = ["<table><thead><tr>", *(f"<th>{html.escape(h)}</th>" for h in head), "</tr></thead>"]
    out.append("<tbody>")
    for key, row in df.iterrows():
        cls = row_class(row) if row_class else ""
        out.append(f'<tr class="{cls}">' if cls else "<tr>")
        if index:
            out.append(f"<td>{html.escape(str(key))}</td>")
        for c in columns:
            value = row[c]
            text = formats.get(c, plain)(value)
            numeric = isinstance(value, numbers.Number) and not isinstance(value, bool)
            out.append(
                f'<td class="num">{html.escape(text)}</td>'
                if numeric
                else f"<td>{html.escape(text)}</td>"
            )
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def image(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def section(anchor: str, title: str, parts: Iterable[str]) -> str:
    return f'<section id="{anchor}"><h2>{html.escape(title)}</h2>{"".join(parts)}</section>'


def paragraph(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{html.escape(text)}</p>"


def page(
    title: str,
    meta: list[str],
    cards: list[tuple[str, str]],
    nav: list[tuple[str, str]],
    body: list[str],
) -> str:
    """The whole document."""
    card_html = "".join(
        f'<div class="card">{html.escape(label)}<b>{html.escape(value)}</b></div>'
        for label, value in cards
    )
    nav_html = "".join(f'<a href="#{a}">{html.escape(t)}</a>' for a, t in nav)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{''.join(paragraph(m, 'meta') for m in meta)}"
        f'<div class="cards">{card_html}</div><nav>{nav_html}</nav>{"".join(body)}'
        "</body></html>"
    )
