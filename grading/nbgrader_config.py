"""nbgrader configuration for the course.

Every nbgrader entry point of the course (``make lab``'s formgrader, ``dcai release``, ``dcai check``,
``make demo``) finds this file through ``JUPYTER_CONFIG_PATH=<repo>/grading``; you can also run plain
nbgrader commands from inside this folder (``cd grading && nbgrader autograde 01_data_centric_ai``).

Layout (relative to the course root, the repository by default):
  source/<lab>/             instructor notebooks (solutions, visible and hidden tests)
  notebooks/<lab>/          released student notebooks, committed (self-study starts here)
  grading/submitted/        collected submissions        \
  grading/autograded/       autograded copies             |  runtime state,
  grading/feedback/         HTML feedback                 |  git-ignored
  grading/gradebook.db      the gradebook (SQLite)        |
  grading/grading-ledger.db grading reports, sealed      /

``DCAI_COURSE_ROOT`` and ``DCAI_GRADING_DIR`` move the course root and the runtime state elsewhere;
``dcai check`` uses them to grade in a throw-away course directory.
"""

import os
from pathlib import Path

c = get_config()  # noqa: F821  (provided by traitlets when this file is loaded)

course_root = Path(os.environ.get("DCAI_COURSE_ROOT", Path(__file__).resolve().parent.parent))
grading_dir = Path(os.environ.get("DCAI_GRADING_DIR", course_root / "grading"))

c.CourseDirectory.course_id = "dcai-hub-labs"
c.CourseDirectory.root = str(course_root)
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "notebooks"
# nbgrader joins these to the root; absolute paths let the runtime state live under grading/.
c.CourseDirectory.submitted_directory = str(grading_dir / "submitted")
c.CourseDirectory.autograded_directory = str(grading_dir / "autograded")
c.CourseDirectory.feedback_directory = str(grading_dir / "feedback")
c.CourseDirectory.db_url = f"sqlite:///{grading_dir / 'gradebook.db'}"
c.Exchange.root = str(grading_dir / "exchange")

# Every lab's reference solution runs in under 60 s in total on 2 cores; one cell may take up to
# 120 s on a slow machine before it is stopped and counted as failed.
c.Execute.timeout = 120
c.Execute.interrupt_on_timeout = True

# Libraries used by the labs (transformers, datasets, tqdm, scikit-learn) write warnings and progress
# bars to stderr. Stock nbgrader gives 0 points to a test cell with ANY stderr output; a test's verdict
# must come from its assertions (an exception is an "error" output, not stderr), so stderr is dropped.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"[\s\S]"

# Labs that use the Hub are executed against a fresh local Hub per student, whoever starts the autograding
# (plain `nbgrader autograde`, the formgrader's button, `dcai autograde`); no kernel inherits the grader's own
# Hub settings. See dcai_labs/grading/hub_execute.py.
# Each run stops after c.ExecuteWithHub.notebook_timeout seconds (600); later cells are not run and score 0.
from dcai_labs.grading.hub_execute import autograde_preprocessors, sanitize_preprocessors  # noqa: E402

c.Autograde.autograde_preprocessors = autograde_preprocessors()

# Before grading, a submission gets its lab's structure back (a duplicated, deleted or unmarked cell; a locked
# cell edited, which is flagged), and the grading report (notes, flags, problems) is sealed in
# grading/grading-ledger.db. nbgrader's own re-adding of missing cells is off: it fails when the cell before
# the missing one is not graded, and RestoreStructure does it.
c.Autograde.sanitize_preprocessors = sanitize_preprocessors()
c.OverwriteCells.add_missing_cells = False

# Grades are exported with each notebook's status and the reason when it could not be graded (blank, not 0).
c.ExportApp.plugin_class = "dcai_labs.grading.export.CourseCsvExport"

# Student notebooks run with the course's kernel ("python3" of the course environment) whatever kernel
# they were saved with: autograde's OverwriteKernelspec restores the source notebook's kernelspec, and
# nbgrader executes it with the interpreter that runs nbgrader.

# Released notebooks: the solution stub students see.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
