"""The diagrams the lesson notebooks draw (matplotlib), from the knowledge base. (The lessons'
tables are Markdown, written into the notebooks by :mod:`course.authoring`.)

Importing this module changes nothing: fonts are set only when :func:`use_chinese_fonts` is called,
and every diagram names its fonts on each text element, so it renders Chinese correctly whatever the
global settings are. Every label comes from the knowledge base (:mod:`course.kb`).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from course import kb
from course.authoring.tables import corner, han_numeral

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CJK_FONTS = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "DejaVu Sans"]
FONT_RC = {"font.family": "sans-serif", "font.sans-serif": CJK_FONTS, "axes.unicode_minus": False}


def use_chinese_fonts() -> None:
    """Configure matplotlib's global rcParams for Chinese labels (changes global state)."""
    import matplotlib

    matplotlib.rcParams.update(FONT_RC)


# -- diagrams -------------------------------------------------------------------------------------
def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    class Diagram(Figure):
        """A figure that shows itself as a PNG in a notebook, without pyplot."""

        def _repr_png_(self) -> bytes:
            buf = io.BytesIO()
            self.savefig(buf, format="png", dpi=100, bbox_inches="tight")
            return buf.getvalue()

    fig = Diagram(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    ax.axis("off")
    return fig


def _box(ax, x, y, text, *, color="#fdecea", size=11, **kw):
    """A text label in a rounded box, centred on (x, y), in the Chinese font list."""
    style = {"boxstyle": "round,pad=0.5", "facecolor": color, "edgecolor": "#8c1c13"}
    return ax.text(
        x, y, text, ha="center", va="center", fontsize=size, family=CJK_FONTS, bbox=style, **kw
    )


def _arrow(ax, start, end, label=None):
    ax.annotate(
        "", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "color": "#8c1c13", "lw": 1.4}
    )
    if label:
        mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        ax.text(mx + 1, my, label, fontsize=9, family=CJK_FONTS, color="#555555", va="center")


def diagram_4500(base: kb.KnowledgeBase | None = None) -> Figure:
    """The structure of 「4500」: its four parts, their items and where they lead (a new Figure)."""
    base = base or kb.load()
    fw = base.framework_4500
    fig = _figure(11, 4.6)
    ax = fig.axes[0]
    _box(ax, 50, 93, fw.name.replace("“", "「").replace("”", "」"), size=15)
    xs = [12.5, 37.5, 62.5, 87.5]
    for x, part in zip(xs, fw.parts, strict=True):
        _arrow(ax, (50, 88), (x, 78))
        ax.text(
            x,
            72,
            part.symbol,
            ha="center",
            va="center",
            fontsize=30,
            color="#8c1c13",
            family=CJK_FONTS,
        )
        _box(ax, x, 60, corner(part.name), color="#fff4d6", size=12)
        items = base.get_list(part.list_id).texts() if part.list_id else [part.requirement]
        lines = "\n".join(_wrap(t, 9) for t in items)
        ax.text(x, 50, lines, ha="center", va="top", fontsize=11, family=CJK_FONTS, linespacing=1.6)
    closing = base.get_fact(fw.closing).value
    _box(ax, 50, 9, f"确保：{closing}", color="#e8f4e8", size=13)
    return fig


def diagram_campaigns(base: kb.KnowledgeBase | None = None) -> Figure:
    """How the article's campaigns relate: the six campaigns of the series, the sixth one reported
    here, the 「4500」 campaign as the overall frame, and the article's three parts (a new Figure)."""
    base = base or kb.load()
    six = base.get_list("six_campaigns")
    fig = _figure(12, 7)
    ax = fig.axes[0]
    _box(ax, 50, 95, f"{corner(six.title)}（编者按）", size=14)
    for n, item in enumerate(six.items):
        x = 8 + n * 16.8
        last = n == len(six.items) - 1
        _box(ax, x, 80, _wrap(item.text, 4), color="#fff4d6" if last else "#f2f2f2", size=11)
    _box(
        ax,
        92,
        70,
        f"本文：系列报道（{han_numeral(base.publication.series_number)}）",
        size=10,
        color="#ffffff",
    )
    frame = base.get_fact("lead_overarching").value
    _box(ax, 50, 50, f"以{corner(frame)}为统揽（导语）", size=12)
    _arrow(ax, (88, 66), (60, 54))
    parts = [base.get_section(s).title for s in ("tempering", "party_building", "integrity")]
    for x, title in zip((17, 50, 83), parts, strict=True):
        _arrow(ax, (50, 46), (x, 32))
        _box(ax, x, 26, _wrap(corner(title), 11), color="#fdecea", size=11)
    goal = f"目的：为援藏工作提供「{base.get_fact('lead_purpose').value}」（导语）"
    _box(ax, 50, 5, goal, color="#e8f4e8", size=11)
    for x in (17, 50, 83):
        _arrow(ax, (x, 20), (50, 9))
    return fig


def _wrap(text: str, width: int) -> str:
    """Break a Chinese label into lines of at most ``width`` characters."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))
