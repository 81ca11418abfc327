"""One list of Chinese fonts for the lessons' diagrams, the cohort report and ``course doctor``:
the doctor says 正常 exactly when the diagrams can draw Chinese."""

from __future__ import annotations

from course import fonts, lesson
from course.analytics import html, plots
from course.doctor.checks import check_cjk_font


def test_diagrams_report_and_page_name_the_same_fonts():
    assert [*fonts.CJK_FONTS, fonts.FALLBACK] == lesson.CJK_FONTS
    assert plots.RC["font.sans-serif"] == lesson.CJK_FONTS
    assert all(f'"{family}"' in html.CSS for family in fonts.CJK_FONTS)


def test_the_doctor_finds_a_font_only_from_that_list(monkeypatch):
    assert fonts.available({"SimHei", "Arial"}) == ["SimHei"]
    assert fonts.available({"AR PL UMing CN", "DejaVu Sans"}) == []  # a CJK font, not ours
    check = check_cjk_font()
    assert check.ok and fonts.available()[0] in check.found_zh
    monkeypatch.setattr("course.doctor.checks.available", lambda known: [])
    missing = check_cjk_font()
    assert not missing.ok and "Noto Sans CJK SC" in missing.found_zh
