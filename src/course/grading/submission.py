"""The offline submission: a zip file that ``nbgrader zip_collect`` can ingest.

A learner without a hub (Binder, a laptop) downloads ``<trainee>_<assignment>.zip``: the
assignment's notebooks as last saved plus ``answers.json``. The instructor puts the zips in
``downloaded/<assignment>/archive/`` and runs ``nbgrader zip_collect <assignment>``; the
collector configured in ``quizzes/nbgrader_config.py``
(:class:`course.grading.zip_collect.TraineeZipCollector`) reads the trainee id from the folder
that zip_collect extracts each zip into.

Assignment ids contain no underscore, so ``<trainee>_<assignment>`` splits at its last underscore
and trainee ids may contain underscores.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from course.answers import ANSWERS_FILE
from course.ids import check_assignment, check_trainee


def archive_name(trainee: str, assignment: str) -> str:
    """``<trainee>_<assignment>.zip``; raises :class:`course.ids.IdError` (a ValueError) for ids
    the collector would refuse or split wrongly."""
    check_trainee(trainee)
    check_assignment(assignment)
    return f"{trainee}_{assignment}.zip"


def make_archive(folder: str | Path, assignment: str, trainee: str) -> Path:
    """Write ``folder/<trainee>_<assignment>.zip`` holding the folder's notebooks (as saved on
    disk) and its ``answers.json`` (if any), flat; return its path. Other files are left out."""
    folder = Path(folder)
    target = folder / archive_name(trainee, assignment)
    members = sorted(folder.glob("*.ipynb"))
    if (folder / ANSWERS_FILE).is_file():
        members.append(folder / ANSWERS_FILE)
    if not members:
        raise FileNotFoundError(f"no notebook in {folder}")
    tmp = target.with_name(target.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member in members:
            archive.write(member, arcname=member.name)
    tmp.replace(target)
    return target
