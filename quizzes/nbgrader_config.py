# nbgrader configuration of the course's graded quizzes (this folder is the course root).
# Run every instructor command from this folder; see docs/instructor-guide.md.
# Design and reasons: docs/graded-quizzes.md.
import os
from pathlib import Path

from course.grading.feedback import TEMPLATE_BASEDIR, TEMPLATE_NAME
from course.grading.strings import NB_ANSWER_STUB
from course.nbcourse import COURSE_ID, default_exchange

c = get_config()  # noqa: F821 (provided by nbgrader's config loader)
HERE = Path(__file__).resolve().parent

# -- course and exchange ------------------------------------------------------------------------
c.CourseDirectory.course_id = os.environ.get("COURSE_ID", COURSE_ID)
c.CourseDirectory.root = str(HERE)
# One machine: quizzes/exchange (git-ignored), shared by `course lab --instructor` and the
# trainee's `course lab`, which both create it. A shared server sets COURSE_EXCHANGE to a folder
# all users can write, such as /srv/nbgrader/exchange (`course grading init` creates it).
c.Exchange.root = str(default_exchange(HERE))
# Generated folders that must never be released or collected as part of an assignment.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.lock"]
# The largest file a submission may hold, in kB (nbgrader's unit: 1000 bytes). nbgrader's own
# option, which its submit and collect apply by skipping bigger files silently; the course's
# collect and autograde refuse a submission holding one instead (course.exchange.untrusted), so
# that nothing is graded without it and nothing huge is copied.
c.CourseDirectory.max_file_size = 10_000

# -- collect: everything a trainee submits is untrusted -------------------------------------------
# nbgrader's collect with no link followed and no id nbgrader would glob or hide
# (see src/course/exchange/collect.py).
c.ExchangeFactory.collect = "course.exchange.collect.SafeCollect"

# -- autograde: only instructor code runs --------------------------------------------------------
# nbgrader's sanitising steps, plus QuarantineTraineeCode before OverwriteCells: it refuses a
# submission holding a link or special file or an id nbgrader would glob, restores the
# instructor's cells and order (OverwriteCells fails a notebook whose locked cell had its nbgrader
# flags changed), comments out trainee-added code and removes added files.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "course.grading.preprocessors.QuarantineTraineeCode",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Execute.timeout = 30  # seconds per cell; a timed-out cell scores 0, the others still run
# nbgrader's grading steps, plus ScoreZeroPointTasks after SaveAutoGrades: the reflection's mark
# scheme (a 0-point task cell) needs no score, so scoring the answer completes manual grading.
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "course.grading.manual.ScoreZeroPointTasks",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# -- feedback: answers and explanations, never the hidden tests nor a link's target ---------------
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "course.grading.preprocessors.HideGradingCode",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# The page itself: the course's Chinese template, on an exporter of its own (course.grading.feedback),
# so that formgrader's own HTMLExporter settings stay as nbgrader makes them.
c.GenerateFeedback.exporter_class = "course.grading.feedback.FeedbackPage"
c.FeedbackPage.template_name = TEMPLATE_NAME
c.FeedbackPage.extra_template_basedirs = [str(TEMPLATE_BASEDIR)]

# -- offline submissions: <trainee>_<assignment>.zip (see course.grading.zip_collect) -----------
# The collector reads the trainee id from the zip's name and refuses ids nbgrader would glob or
# hide; the extractor follows no symbolic link.
c.ZipCollectApp.collector_plugin = "course.grading.zip_collect.TraineeZipCollector"
c.ZipCollectApp.extractor_plugin = "course.grading.zip_collect.LinkRefusingExtractor"

# -- release: the placeholder of free-text answer cells ------------------------------------------
c.ClearSolutions.text_stub = NB_ANSWER_STUB  # what the generated answer cells hold
