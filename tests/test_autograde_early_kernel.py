"""Kernels started ahead by `course autograde` (course.autograde.warm) change nothing a notebook
can see, never run the trainee's files while they boot, and fall back to a normal start when
nbclient would start the kernel differently."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from course.autograde.synthetic import CORRECT, make_course, snapshot, submit

pytestmark = pytest.mark.slow

# what the trainee's answer cell shows of the kernel it runs in
LOOK = textwrap.dedent(
    """
    import os, sys
    print("CWD", os.getcwd())
    print("PATH", [p for p in sys.path if "site-packages" not in p and "/lib/python" not in p])
    print("EXECUTION", os.environ.get("NBGRADER_EXECUTION"))
    print("NAMES", sorted(k for k in globals() if not k.startswith("_")))
    print("COUNT", get_ipython().execution_count)
    print("FILES", sorted(os.listdir(".")))
    """
).strip()


def _grade(root: Path, *extra: str) -> dict:
    cmd = [sys.executable, "-m", "course", "autograde", "ps1", "--course-dir", str(root)]
    run = subprocess.run([*cmd, "--jobs", "1", *extra], capture_output=True, text=True, timeout=600)
    report = json.loads((root / "autograde_reports" / "ps1.json").read_text())
    report["returncode"] = run.returncode
    report["output"] = run.stdout + run.stderr
    return report


def _shown(root: Path, student: str, notebook: str = "ps1") -> dict[str, str]:
    nb = nbformat.read(root / "autograded" / student / "ps1" / f"{notebook}.ipynb", as_version=4)
    cell = next(
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "squares_answer"
    )
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    return dict(line.split(" ", 1) for line in text.splitlines() if " " in line)


def _course(path: Path) -> Path:
    make_course(str(path))
    for student in ("s1", "s2", "s3"):
        submit(str(path), student, answer=LOOK + "\n\n" + CORRECT)
    # a trainee file that shadows a module every kernel imports while it boots
    shadow = submit(str(path), "s4_shadow", answer=LOOK + "\n\n" + CORRECT)
    (Path(shadow) / "zmq.py").write_text("raise SystemExit('trainee file ran at kernel boot')\n")
    return path


def test_a_kernel_started_ahead_looks_like_a_normal_one(tmp_path):
    early = _grade(_course(tmp_path / "early"))
    cold = _grade(_course(tmp_path / "cold"), "--no-early-kernel")
    early_results = {r["student"]: r for r in early["results"]}
    cold_results = {r["student"]: r for r in cold["results"]}

    # every kernel of the first run was started ahead and used; none in the second
    for result in early_results.values():
        assert result["kernels_started_ahead"] == {"adopted": 1, "discarded": 0}, result
    for result in cold_results.values():
        assert result["kernels_started_ahead"] == {"adopted": 0, "discarded": 0}, result

    for student in ("s1", "s2", "s3"):
        seen_early = _shown(tmp_path / "early", student)
        seen_cold = _shown(tmp_path / "cold", student)
        folder = str((tmp_path / "early" / "autograded" / student / "ps1").resolve())
        assert seen_early["CWD"] == folder
        assert seen_early["EXECUTION"] == "autograde"
        # nothing of the private directory it booted in is left on its import path
        assert not any("course-kernel-" in p for p in ast.literal_eval(seen_early["PATH"]))
        # what the notebook sees is the same, up to the course's own location
        for key in ("CWD", "PATH"):
            seen_early[key] = seen_early[key].replace(str(tmp_path / "early"), "<root>")
            seen_cold[key] = seen_cold[key].replace(str(tmp_path / "cold"), "<root>")
        assert seen_early == seen_cold
        assert early_results[student]["status"] == "graded"

    assert snapshot(str(tmp_path / "early")) == snapshot(str(tmp_path / "cold"))
    # a trainee file named like a module the kernel imports while it boots changes nothing
    # (ipykernel keeps the start directory off sys.path while it loads; the early kernel
    # boots in an empty directory besides)
    assert snapshot(str(tmp_path / "early"))[("s4_shadow", "<submission>")][2] == 3.0


def test_a_kernel_started_with_other_arguments_is_not_used(tmp_path):
    root = tmp_path / "course"
    make_course(str(root))
    for student in ("a1", "a2", "a3"):
        submit(str(root), student, answer=LOOK + "\n\n" + CORRECT)
    # nbclient will start the kernels with an argument the first early start cannot know
    report = _grade(
        root, "--nbgrader-option=--Execute.extra_arguments=--HistoryManager.enabled=False"
    )
    assert report["returncode"] == 0, report["output"]
    results = {r["student"]: r for r in report["results"]}
    assert results["a1"]["kernels_started_ahead"] == {"adopted": 0, "discarded": 1}
    # learned from the first start: the following kernels are started with it, and used
    assert results["a2"]["kernels_started_ahead"] == {"adopted": 1, "discarded": 0}
    assert results["a3"]["kernels_started_ahead"] == {"adopted": 1, "discarded": 0}
    grades = snapshot(str(root))
    assert {grades[(s, "<submission>")][2] for s in ("a1", "a2", "a3")} == {3.0}


def test_each_notebook_of_an_assignment_gets_its_own_kernel_started_ahead(tmp_path):
    """An assignment of two notebooks: the second notebook's kernel is started ahead too, and
    the grades equal those of kernels started when nbgrader's Execute step comes."""
    roots = {}
    for mode in ("early", "cold"):
        root = tmp_path / mode
        make_course(str(root))
        source = root / "source" / "ps1"
        shutil.copy(source / "ps1.ipynb", source / "ps2.ipynb")
        subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", "ps1", "--force"],
            cwd=root, check=True, capture_output=True,
        )  # fmt: skip
        wrong = "def squares(n):\n    return list(range(n))"
        for student, first, second in (("m1", CORRECT, wrong), ("m2", wrong, CORRECT)):
            folder = Path(submit(str(root), student, answer=first))
            nb = nbformat.read(folder / "ps1.ipynb", as_version=4)
            for cell in nb.cells:
                if cell.metadata.get("nbgrader", {}).get("grade_id") == "squares_answer":
                    cell.source = LOOK + "\n\n" + second
            nbformat.write(nb, folder / "ps2.ipynb")
        roots[mode] = root
    early = _grade(roots["early"])
    cold = _grade(roots["cold"], "--no-early-kernel")
    assert early["returncode"] == 0 and cold["returncode"] == 0, early["output"] + cold["output"]
    for result in early["results"]:
        assert result["kernels_started_ahead"] == {"adopted": 2, "discarded": 0}, result
    grades = snapshot(str(roots["early"]))
    assert grades == snapshot(str(roots["cold"]))
    assert grades[("m1", "ps1", "squares_checked")][0] == 2.0
    assert grades[("m1", "ps2", "squares_checked")][0] == 0.0
    assert grades[("m2", "ps2", "squares_checked")][0] == 2.0
    for student in ("m1", "m2"):
        shown = _shown(roots["early"], student, "ps2")
        assert shown["CWD"] == str((roots["early"] / "autograded" / student / "ps1").resolve())
