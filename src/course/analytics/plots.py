"""The report's figures (matplotlib, Chinese labels), each returned as PNG bytes.

Figures are made with :class:`matplotlib.figure.Figure` (no pyplot, no global state) inside an
``rc_context`` naming the CJK fonts, so the report renders the same whatever the caller set.
"""

from __future__ import annotations

import io
import textwrap
from contextlib import contextmanager

import numpy as np
import pandas as pd

from course.lesson import CJK_FONTS

from . import strings as s
from .errors import ReportError

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": CJK_FONTS,
    "axes.unicode_minus": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "axes.titlesize": 11,
}
RIGHT, WRONG, NEUTRAL = "#2e7d32", "#9e9e9e", "#1565c0"


def cjk_font() -> str:
    """The first CJK family of :data:`CJK_FONTS` that matplotlib knows. A font list cached
    before the fonts were installed is rebuilt once; raises ReportError if there is none."""
    from matplotlib import font_manager

    for attempt in range(2):
        known = {f.name for f in font_manager.fontManager.ttflist}
        found = [f for f in CJK_FONTS[:-1] if f in known]
        if found:
            return found[0]
        if attempt == 0:
            font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
    raise ReportError(s.ERR_NO_FONT.format(fonts=CJK_FONTS[:-1]))


@contextmanager
def _style():
    import matplotlib

    cjk_font()
    with matplotlib.rc_context(RC):
        yield


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _grid(n: int, cols: int, width: float, height: float):
    from matplotlib.figure import Figure

    rows = max(1, -(-n // cols))
    fig = Figure(figsize=(width * min(n, cols), height * rows), layout="constrained")
    axes = fig.subplots(rows, min(n, cols), squeeze=False).ravel()
    for ax in axes[n:]:
        ax.set_visible(False)
    return fig, axes[:n]


def distribution(totals: pd.DataFrame, table: pd.DataFrame) -> bytes:
    """One histogram of total scores per assignment (``totals``: trainee x assignment)."""
    with _style():
        fig, axes = _grid(len(totals.columns), 3, 4.2, 3.0)
        for ax, a in zip(axes, totals.columns, strict=True):
            top = float(table.loc[a, "max_score"])
            values = totals[a].dropna()
            ax.hist(
                values,
                bins=np.linspace(0, top, min(int(top * 2), 24) + 1),
                color=NEUTRAL,
                edgecolor="white",
            )
            ax.axvline(values.mean(), color="#c62828", linestyle="--", linewidth=1)
            ax.set_title(s.PLOT_DISTRIBUTION.format(title=table.loc[a, "title"], max=top))
            ax.set_xlabel(s.PLOT_SCORE)
            ax.set_ylabel(s.PLOT_PEOPLE)
        return _png(fig)


def items(table: pd.DataFrame, titles: dict[str, str], low: float) -> bytes:
    """Facility against discrimination, one panel per assignment, doubtful zone shaded."""
    counted = table[~table["pending"] & (table["respondents"] > 0)]
    names = list(dict.fromkeys(counted["assignment"]))
    with _style():
        fig, axes = _grid(len(names), 3, 4.2, 3.4)
        for ax, a in zip(axes, names, strict=True):
            rows = counted[counted["assignment"] == a]
            disc = rows["discrimination"].fillna(0.0)
            ax.axhspan(-1, low, color="#ffebee", label=s.PLOT_DOUBTFUL_ZONE)
            colors = [WRONG if d else NEUTRAL for d in rows["doubtful"]]
            ax.scatter(rows["facility"], disc, c=colors, zorder=3)
            for r, y in zip(rows.itertuples(), disc, strict=True):
                ax.annotate(
                    s.PLOT_NUMBER.format(number=r.number),
                    (r.facility, y),
                    textcoords="offset points",
                    xytext=(4, 4),
                    fontsize=8,
                )
            ax.set_xlim(-0.05, 1.05)
            ax.set_ylim(-1.05, 1.05)
            ax.axhline(0, color="#616161", linewidth=0.8)
            ax.set_title(s.PLOT_ITEMS.format(title=titles.get(a, a)))
            ax.set_xlabel(s.PLOT_FACILITY)
            ax.set_ylabel(s.PLOT_DISCRIMINATION, fontsize=8)
            ax.legend(loc="lower left", fontsize=8)
        return _png(fig)


def _wrap(text: str, width: int = 24) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def options(rows: pd.DataFrame, title: str) -> bytes:
    """Horizontal bars: the share of respondents who picked each option (right ones green)."""
    from matplotlib.figure import Figure

    labels = [
        _wrap(f"{i} → {o}" if i else o) for i, o in zip(rows["item"], rows["option"], strict=True)
    ]
    lines = sum(label.count("\n") + 1 for label in labels)
    with _style():
        fig = Figure(figsize=(6.4, 0.9 + 0.3 * lines), layout="constrained")
        ax = fig.subplots()
        y = np.arange(len(rows))[::-1]
        colors = [RIGHT if c else WRONG for c in rows["correct"]]
        ax.barh(y, rows["share"].fillna(0.0), color=colors)
        for yi, share, count in zip(y, rows["share"].fillna(0.0), rows["count"], strict=True):
            ax.text(
                share + 0.01,
                yi,
                s.PLOT_COUNT.format(share=share, count=count),
                va="center",
                fontsize=8,
            )
        ax.set_yticks(y, labels, fontsize=8)
        ax.set_xlim(0, 1.18)
        ax.set_xlabel(s.PLOT_SHARE)
        ax.set_title(_wrap(title, 40))
        return _png(fig)


def heatmap(table: pd.DataFrame, title: str) -> bytes:
    """Mastery (0-1) of each row x column, red to green, with the value in each cell."""
    from matplotlib.figure import Figure

    rows = [_wrap(str(r), 18) for r in table.index]
    cols = [_wrap(str(c), 10) for c in table.columns]
    with _style():
        fig = Figure(
            figsize=(
                2.2 + 1.3 * len(cols),
                1.2 + 0.42 * max(len(rows), 2) + 0.12 * sum(r.count("\n") for r in rows),
            ),
            layout="constrained",
        )
        ax = fig.subplots()
        data = table.to_numpy(dtype=float)
        image = ax.imshow(np.ma.masked_invalid(data), cmap="RdYlGn", vmin=0, vmax=1, aspect="auto")
        for (i, j), v in np.ndenumerate(data):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8)
        ax.set_xticks(range(len(cols)), cols, fontsize=8)
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
        ax.xaxis.tick_top()
        ax.set_title(title)
        fig.colorbar(image, ax=ax, shrink=0.8, format=lambda x, _: f"{x:.0%}")
        return _png(fig)
