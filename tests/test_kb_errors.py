"""Damaged knowledge-base files fail loading with a message naming the file, item and field."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from course import kb


@pytest.fixture
def raw() -> dict:
    text = (resources.files("course") / "data" / kb.DEFAULT_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def find(entries: list[dict], entry_id: str) -> dict:
    return next(e for e in entries if e.get("id") == entry_id)


def load_error(path: Path) -> str:
    with pytest.raises(kb.KnowledgeBaseError) as info:
        kb.load_file(path)
    message = str(info.value)
    assert str(path) in message, "the message must name the file"
    return message


def test_the_shipped_file_round_trips(raw, tmp_path):
    assert kb.load_file(write(tmp_path, raw)) == kb.load()


def test_missing_field_names_item_and_field(raw, tmp_path):
    del find(find(raw["lists"], "four_spirits")["items"], "old_tibet")["anchor"]
    message = load_error(write(tmp_path, raw))
    assert "lists[" in message and "four_spirits" in message
    assert "old_tibet" in message and "field 'anchor'" in message
    assert "Field required" in message


def test_wrong_type(raw, tmp_path):
    find(raw["sections"], "lead")["number"] = "one"
    message = load_error(write(tmp_path, raw))
    assert "sections[1] (id 'lead')" in message and "field 'number'" in message


def test_unknown_section(raw, tmp_path):
    find(raw["facts"], "motto")["section"] = "epilogue"
    message = load_error(write(tmp_path, raw))
    assert "(id 'motto')" in message and "field 'section'" in message


def test_empty_anchor(raw, tmp_path):
    find(raw["facts"], "six_clean")["anchor"] = "   "
    message = load_error(write(tmp_path, raw))
    assert "(id 'six_clean')" in message and "field 'anchor'" in message
    assert "must not be empty" in message


def test_stated_count_mismatch(raw, tmp_path):
    find(raw["lists"], "five_capabilities")["items"].pop()
    message = load_error(write(tmp_path, raw))
    assert "(id 'five_capabilities')" in message
    assert "states 5 items but 4 are listed" in message


def test_duplicate_item_id(raw, tmp_path):
    items = find(raw["lists"], "five_checks")["items"]
    items[1]["id"] = items[0]["id"]
    message = load_error(write(tmp_path, raw))
    assert "(id 'five_checks')" in message and "duplicate item ids ['stance']" in message


def test_unknown_field_is_rejected(raw, tmp_path):
    find(raw["facts"], "motto")["meaning"] = "invented"
    message = load_error(write(tmp_path, raw))
    assert "(id 'motto')" in message and "field 'meaning'" in message


def test_dangling_framework_reference(raw, tmp_path):
    raw["framework_4500"]["parts"][0]["list_id"] = "four_virtues"
    message = load_error(write(tmp_path, raw))
    assert "framework part 'four' names unknown list 'four_virtues'" in message


def test_several_problems_are_all_reported(raw, tmp_path):
    del find(raw["facts"], "motto")["value"]
    del find(raw["facts"], "six_clean")["summary"]
    message = load_error(write(tmp_path, raw))
    assert "2 problem(s)" in message
    assert "(id 'motto')" in message and "(id 'six_clean')" in message


def test_invalid_yaml_names_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\nsections:\n  - id: lead\n   number: 1\n", encoding="utf-8")
    message = load_error(path)
    assert "not valid YAML at line 4" in message


def test_not_a_mapping(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    assert "expected a mapping" in load_error(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_bytes("schema_version: 1\ntitle: 援藏".encode("gb18030"))
    assert "not UTF-8" in load_error(path)


def test_missing_file(tmp_path):
    assert "cannot read" in load_error(tmp_path / "absent.yaml")
