"""nbgrader ``zip_collect`` plugins for the offline submissions (``<trainee>_<assignment>.zip``,
see :mod:`course.grading.submission`), configured in ``quizzes/nbgrader_config.py``.

* :class:`TraineeZipCollector` reads the trainee id from the folder zip_collect extracts each zip
  into, and refuses ids nbgrader would glob or hide (:mod:`course.ids`): ``c40_[ab]`` would
  otherwise be graded as ``c40_a`` and ``.x`` never graded.
* :class:`LinkRefusingExtractor` extracts as nbgrader's extractor does, but never follows a
  symbolic link in the archive folder (nbgrader's copies or unzips what the link points to, e.g.
  the instructor's source notebook) and gives every extracted file plain permissions (nbgrader
  applies each zip member's Unix mode, setuid or unreadable included).

Links inside a zip are never followed by nbgrader's unpacking (setuptools writes a zip member that
is a link as a small file holding the target's name, and extracts a tar member that is a link only
when its target is another member of the same archive); ``tests/test_grading_zip_collect.py``
checks this on the real command.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from nbgrader.plugins.zipcollect import ExtractorPlugin, FileNameCollectorPlugin
from nbgrader.utils import unzip
from traitlets import default

from course.ids import ASSIGNMENT_ID, IdError, check_trainee

FILE_MODE, FOLDER_MODE = 0o644, 0o755


class TraineeZipCollector(FileNameCollectorPlugin):
    """``extracted/<trainee>_<assignment>/<file>`` -> trainee id and file; ids refused with an
    error naming the file."""

    @default("named_regexp")
    def _named_regexp_default(self) -> str:
        # zip_collect sets the assignment before it creates its plugins: match only its zips
        assignment = getattr(getattr(self.parent, "coursedir", None), "assignment_id", "")
        pattern = re.escape(assignment) if assignment else ASSIGNMENT_ID.pattern
        return rf".*/(?P<student_id>[^/]+)_{pattern}/(?P<file_id>[^/]+)$"

    @default("valid_ext")
    def _valid_ext_default(self) -> list[str]:
        return [".ipynb", ".json"]

    def collect(self, submitted_file: str) -> dict | None:
        """nbgrader's match, then: None (the file is skipped, with an error naming it) for a
        link or a trainee id :func:`course.ids.check_trainee` refuses."""
        if os.path.islink(submitted_file):
            self.log.error("Refused %s: it is a symbolic link (never followed)", submitted_file)
            return None
        info = super().collect(submitted_file)
        if info is None:
            return None
        try:
            check_trainee(info["student_id"])
        except IdError as exc:
            self.log.error(
                "Refused %s: %s; rename the zip file to <trainee>_<assignment>.zip with a plain id",
                submitted_file,
                exc,
            )
            return None
        return info


class LinkRefusingExtractor(ExtractorPlugin):
    """nbgrader's extractor without following links, and with plain permissions."""

    def extract(self, archive_path: str, extracted_path: str) -> None:
        """Unzip each archive of ``archive_path`` into its own folder of ``extracted_path`` and
        copy the other files, as nbgrader does; symbolic links are refused with an error naming
        them. The archive folder is not changed."""
        archive, extracted = Path(archive_path), Path(extracted_path)
        if not any(archive.iterdir()):
            self.log.warning("No files found in directory: %s", archive)
            return
        for folder, dirnames, filenames in os.walk(archive):
            here = Path(folder)
            for name in [*dirnames, *filenames]:
                if (here / name).is_symlink():
                    self.log.error(
                        "Refused %s: it is a symbolic link (never followed)", here / name
                    )
            target = extracted / here.relative_to(archive)
            for name in filenames:
                source = here / name
                if source.is_symlink():
                    continue
                target.mkdir(parents=True, exist_ok=True)
                if source.suffix in self.zip_ext:
                    self.log.info("Extracting from: %s", source)
                    unzip(
                        str(source),
                        str(target),
                        zip_ext=self.zip_ext,
                        create_own_folder=True,
                        tree=True,
                    )
                else:
                    self.log.info("Copying from: %s", source)
                    shutil.copyfile(source, target / name)
        _plain_permissions(extracted)


def _plain_permissions(folder: Path) -> None:
    """Give every file under ``folder`` mode 644 and every folder 755 (links are left alone)."""
    for parent, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            path = Path(parent) / name
            if not path.is_symlink():
                path.chmod(FOLDER_MODE)
        for name in filenames:
            path = Path(parent) / name
            if not path.is_symlink():
                path.chmod(FILE_MODE)
