"""The parts of ``course lab`` without a browser: the save hook (also through a real server's
contents API), the learner's workspace of lesson copies, the trainee profile."""

from __future__ import annotations

import copy
import datetime as dt
import json

import nbformat
import pytest

from course.lab import strings as s
from course.lab.cli import lab_environment
from course.lab.profiles import PROGRAMMER_TOOLS, TRAINEE, write_config
from course.lab.savehook import WIDGET_VIEW, pre_save_hook, scrub
from course.lab.workspace import OLD_FOLDER, content_key, manifest_path, sync
from tests.support.checkout import make_checkout
from tests.support.notebooks import write_notebook

VIEW = {WIDGET_VIEW: {"model_id": "abc", "version_major": 2, "version_minor": 0}, "text/plain": "x"}


def notebook_with_views() -> dict:
    nb = nbformat.v4.new_notebook()
    stream = nbformat.v4.new_output("stream", name="stdout", text="表格\n")
    table = nbformat.v4.new_output("display_data", data={"text/html": "<table></table>"})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 课"),
        nbformat.v4.new_code_cell("show()", outputs=[stream, table]),
        nbformat.v4.new_code_cell(
            "practice()",
            outputs=[
                nbformat.v4.new_output("display_data", data=dict(VIEW)),
                nbformat.v4.new_output("execute_result", data=dict(VIEW), execution_count=3),
            ],
        ),
        nbformat.v4.new_code_cell(
            "bar()", outputs=[table, nbformat.v4.new_output("display_data", data=dict(VIEW))]
        ),
    ]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    return json.loads(nbformat.writes(nb))


def test_scrub_replaces_widget_views_keeps_other_outputs_and_drops_widget_state():
    nb = notebook_with_views()
    assert scrub(nb) == 3
    outputs = [c.get("outputs", []) for c in nb["cells"]]
    assert outputs[1] == notebook_with_views()["cells"][1]["outputs"]  # tables, text: kept
    assert len(outputs[2]) == 1  # two views in a row: one instruction
    assert "".join(outputs[3][0]["data"]["text/html"]) == "<table></table>"
    for said in (outputs[2][0], outputs[3][1]):
        assert said["output_type"] == "display_data" and WIDGET_VIEW not in said["data"]
        assert s.RERUN in said["data"]["text/plain"] and "course-rerun" in said["data"]["text/html"]
    assert "widgets" not in nb["metadata"]
    nbformat.validate(nbformat.from_dict(nb))  # still a valid notebook
    again = copy.deepcopy(nb)
    assert scrub(again) == 0 and again == nb  # idempotent


def test_pre_save_hook_changes_notebooks_only():
    model = {"type": "notebook", "content": notebook_with_views()}
    pre_save_hook(model=model, path="x.ipynb", contents_manager=None)
    assert WIDGET_VIEW not in json.dumps(model)
    text = {"type": "file", "format": "text", "content": json.dumps(notebook_with_views())}
    before = copy.deepcopy(text)
    pre_save_hook(model=text, path="x.json", contents_manager=None)
    assert text == before


@pytest.mark.slow
def test_a_course_lab_saves_widget_views_as_the_instruction(course_lab, tmp_path):
    """Through the real contents API of the lab ``course lab`` starts (no browser)."""
    checkout = make_checkout(tmp_path / "course", {"a.ipynb": ["1"]})
    server = course_lab(checkout)
    body = json.dumps({"type": "notebook", "format": "json", "content": notebook_with_views()})
    status = server.put("api/contents/a.ipynb", body)
    assert status == 200
    saved = (checkout / ".course-lab" / "lessons" / "a.ipynb").read_text("utf-8")
    assert WIDGET_VIEW not in saved and s.RERUN in saved and "<table></table>" in saved


# -- the workspace ---------------------------------------------------------------------------------
NOW = dt.datetime(2026, 12, 1, 8, 30, 0)


@pytest.fixture
def course(tmp_path):
    lessons = tmp_path / "lessons"
    write_notebook(lessons / "01.ipynb", [("markdown", "# 一"), "1 + 1"])
    write_notebook(lessons / "02.ipynb", [("markdown", "# 二")])
    (lessons / ".ipynb_checkpoints").mkdir()
    (lessons / ".ipynb_checkpoints" / "01-checkpoint.ipynb").write_text("{}", "utf-8")
    return lessons


def run_lesson(path) -> None:
    """What running and saving does to a copy: outputs, counts, metadata; cells unchanged."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"})]
            cell.execution_count = 1
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, path)


def edit_lesson(path, note: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(note))
    nbformat.write(nb, path)


def test_first_sync_copies_every_lesson_but_hidden_files(course, tmp_path):
    workspace = tmp_path / "ws"
    report = sync(course, workspace, NOW)
    assert report.copied == ["01.ipynb", "02.ipynb"] and not report.updated and not report.kept
    assert sorted(p.name for p in workspace.iterdir()) == ["01.ipynb", "02.ipynb"]
    assert (workspace / "01.ipynb").read_bytes() == (course / "01.ipynb").read_bytes()
    assert manifest_path(workspace).parent == tmp_path  # outside what the lab serves


def test_a_run_lesson_is_left_alone_while_the_course_does_not_change(course, tmp_path):
    workspace = tmp_path / "ws"
    sync(course, workspace, NOW)
    run_lesson(workspace / "01.ipynb")
    edit_lesson(workspace / "02.ipynb", "我的笔记")
    mine = {p.name: p.read_bytes() for p in workspace.iterdir()}
    report = sync(course, workspace, NOW)
    assert report.copied == report.updated == report.kept == []
    assert {p.name: p.read_bytes() for p in workspace.iterdir()} == mine


def test_a_changed_lesson_replaces_a_copy_that_was_only_run(course, tmp_path):
    workspace = tmp_path / "ws"
    sync(course, workspace, NOW)
    run_lesson(workspace / "01.ipynb")
    edit_lesson(course / "01.ipynb", "课程新增的一段")
    report = sync(course, workspace, NOW)
    assert report.updated == ["01.ipynb"] and report.kept == []
    assert (workspace / "01.ipynb").read_bytes() == (course / "01.ipynb").read_bytes()
    assert not (workspace / OLD_FOLDER).exists()


def test_a_changed_lesson_keeps_the_learners_edited_copy(course, tmp_path):
    workspace = tmp_path / "ws"
    sync(course, workspace, NOW)
    edit_lesson(workspace / "01.ipynb", "我的笔记")
    mine = (workspace / "01.ipynb").read_bytes()
    edit_lesson(course / "01.ipynb", "课程新增的一段")
    report = sync(course, workspace, NOW)
    old = workspace / OLD_FOLDER / "01-20261201-083000.ipynb"
    assert report.kept == [("01.ipynb", str(old.relative_to(workspace)))]
    assert old.read_bytes() == mine
    assert (workspace / "01.ipynb").read_bytes() == (course / "01.ipynb").read_bytes()
    assert sync(course, workspace, NOW).kept == []  # said once


def test_a_lost_manifest_costs_nothing_the_learner_wrote(course, tmp_path):
    workspace = tmp_path / "ws"
    sync(course, workspace, NOW)
    run_lesson(workspace / "01.ipynb")
    edit_lesson(workspace / "02.ipynb", "我的笔记")
    manifest_path(workspace).write_text("not json", "utf-8")
    report = sync(course, workspace, NOW)
    assert report.kept == [("02.ipynb", f"{OLD_FOLDER}/02-20261201-083000.ipynb")]
    assert content_key(workspace / "01.ipynb") == content_key(course / "01.ipynb")


def test_content_key_ignores_outputs_and_metadata_not_sources(course, tmp_path):
    path = tmp_path / "x.ipynb"
    path.write_bytes((course / "01.ipynb").read_bytes())
    before = content_key(path)
    run_lesson(path)
    assert content_key(path) == before
    edit_lesson(path, "改动")
    assert content_key(path) != before
    (tmp_path / "broken.ipynb").write_text("{not json", "utf-8")
    assert len(content_key(tmp_path / "broken.ipynb")) == 64


# -- the profile -----------------------------------------------------------------------------------
def test_the_trainee_profile_is_written_into_the_labs_own_config_folder(tmp_path):
    folder = write_config(TRAINEE, tmp_path / "trainee")
    server = json.loads((folder / "jupyter_server_config.json").read_text("utf-8"))
    extensions = server["ServerApp"]["jpserver_extensions"]
    assert extensions == {
        "course.lab.server": True,
        "nbgrader.server_extensions.formgrader": False,
    }
    page = json.loads((folder / "labconfig" / "page_config.json").read_text("utf-8"))
    assert page["disabledExtensions"]["@jupyter/nbgrader"] is True  # every nbgrader tool
    assert set(page["disabledExtensions"]) == {"@jupyter/nbgrader", *PROGRAMMER_TOOLS}
    env = lab_environment(TRAINEE, tmp_path / "home")
    assert env["JUPYTER_CONFIG_DIR"] == str(tmp_path / "home" / "trainee")
    assert (tmp_path / "home" / "trainee" / "jupyter_server_config.json").is_file()
