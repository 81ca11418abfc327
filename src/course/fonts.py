"""The Chinese fonts of the course, once: matplotlib's diagrams in the lessons, the cohort
report's figures and page, and ``course doctor``'s check all use :data:`CJK_FONTS`, so the doctor
says 正常 exactly when the diagrams can draw Chinese.

Importing this module imports nothing heavy; :func:`available` imports matplotlib.
"""

from __future__ import annotations

#: CJK families, in order of preference: Debian's (the course installs ``fonts-noto-cjk`` or
#: ``fonts-wqy-microhei``), then those of other systems a learner may bring.
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
)
#: matplotlib's own font, for the Latin letters and digits a CJK font may lack
FALLBACK = "DejaVu Sans"
#: matplotlib settings for Chinese labels (a new list each time it is read from here)
FONT_RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [*CJK_FONTS, FALLBACK],
    "axes.unicode_minus": False,
}


def css_family() -> str:
    """The CSS ``font-family`` value naming the same fonts (for HTML pages)."""
    return ",".join(f'"{f}"' for f in CJK_FONTS) + ",sans-serif"


def available(known: set[str] | None = None) -> list[str]:
    """The families of :data:`CJK_FONTS` that matplotlib knows (``known``: the family names
    to look in instead of matplotlib's font list), in order of preference."""
    if known is None:
        from matplotlib import font_manager

        known = {font.name for font in font_manager.fontManager.ttflist}
    return [family for family in CJK_FONTS if family in known]
