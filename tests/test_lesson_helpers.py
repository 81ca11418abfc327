"""The lesson diagrams: drawn from the knowledge base, with Chinese labels in a CJK font."""

from __future__ import annotations

import warnings

import pytest

from course import kb, lesson


@pytest.fixture(scope="module")
def base() -> kb.KnowledgeBase:
    return kb.load()


@pytest.fixture(autouse=True)
def _fresh_mpl_config(tmp_path, monkeypatch):
    # A fresh cache, so that fonts installed after matplotlib first ran are found.
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]


def _render(fig) -> list[str]:
    """Draw ``fig`` to PNG; return the messages of every warning raised while drawing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = fig._repr_png_()
    assert png.startswith(b"\x89PNG")
    return [str(w.message) for w in caught]


def test_diagram_4500_carries_every_item_of_the_framework(base):
    fig = lesson.diagram_4500(base)
    text = "\n".join(_texts(fig))
    for part in base.framework_4500.parts:
        items = base.get_list(part.list_id).texts() if part.list_id else [part.requirement]
        for item in items:
            assert item.replace("\n", "") in text.replace("\n", ""), item
        assert part.symbol in text
    assert base.get_fact("closing_formula").value in text


def test_diagram_campaigns_carries_the_six_campaigns_and_the_three_parts(base):
    fig = lesson.diagram_campaigns(base)
    text = "".join(_texts(fig)).replace("\n", "")
    for item in base.get_list("six_campaigns").texts():
        assert item in text
    for section in ("tempering", "party_building", "integrity"):
        title = base.get_section(section).title.replace("“", "「").replace("”", "」")
        assert title in text


def test_diagrams_follow_the_knowledge_base(base):
    """A fact is written once: change it in the KB and the diagram changes."""
    changed = base.model_copy(deep=True)
    spirits = changed.get_list("four_spirits")
    first = spirits.items[0].model_copy(update={"text": "测试精神"})
    object.__setattr__(spirits, "items", [first, *spirits.items[1:]])
    text = "".join(_texts(lesson.diagram_4500(changed)))
    assert "测试精神" in text and "红船精神" not in text


@pytest.mark.parametrize("make", [lesson.diagram_4500, lesson.diagram_campaigns])
def test_diagrams_render_without_missing_glyphs(make, base):
    messages = _render(make(base))
    assert not [m for m in messages if "missing from font" in m], messages


@pytest.mark.parametrize("make", [lesson.diagram_4500, lesson.diagram_campaigns])
def test_diagram_labels_use_a_cjk_font(make, base):
    from matplotlib import font_manager

    fig = make(base)
    fig.canvas.draw()
    chinese = [
        t
        for t in fig.findobj(lambda a: hasattr(a, "get_text"))
        if "精" in t.get_text() or "攻" in t.get_text()
    ]
    assert chinese
    for text in chinese:
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert "DejaVu" not in path, (text.get_text(), path)


def test_import_changes_no_matplotlib_setting():
    import importlib

    import matplotlib

    before = list(matplotlib.rcParams["font.sans-serif"])
    importlib.reload(lesson)
    assert matplotlib.rcParams["font.sans-serif"] == before
    lesson.diagram_4500()
    assert matplotlib.rcParams["font.sans-serif"] == before


def test_use_chinese_fonts_sets_rcparams():
    import matplotlib

    with matplotlib.rc_context():
        lesson.use_chinese_fonts()
        assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"
        assert matplotlib.rcParams["axes.unicode_minus"] is False
