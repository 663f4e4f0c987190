"""The instructor pipeline end to end, non-interactive: what ``make demo`` runs.

For every lab: release it, place two submissions under grading/submitted (the reference solution as a learner
would save it, and the untouched released notebook), autograde, generate feedback; then export the grades to
CSV. A lab that uses the Hub is graded against a fresh local Hub per learner, as in class. The reference must
get full autograded marks and the untouched notebook 0, so the demo doubles as a smoke test of an installation.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..course import CourseError, Lab, list_labs
from .autograde import autograde_lab
from .gradebook import NotebookScores, notebook_scores
from .nbgrader_cli import run_nbgrader
from .release import release_lab
from .submissions import reference_submission

REFERENCE_STUDENT = "demo_reference"
UNTOUCHED_STUDENT = "demo_untouched"


@dataclass(frozen=True)
class DemoResult:
    """Scores of both demo submissions for every lab, and the exported grades file."""

    scores: tuple[NotebookScores, ...]
    grades_csv: Path
    feedback_dir: Path


def place_submissions(lab: Lab, submitted_dir: Path) -> None:
    """Write the reference and the untouched submission of ``lab`` into nbgrader's submitted/ tree."""
    released = nbformat.read(lab.released_notebook, as_version=4)
    source = nbformat.read(lab.source_notebook, as_version=4)
    for student, nb in ((REFERENCE_STUDENT, reference_submission(released, source)), (UNTOUCHED_STUDENT, released)):
        folder = submitted_dir / student / lab.lab_id
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(lab.release_dir, folder)  # the lab's data files travel with the notebook, as for a learner
        nbformat.write(nb, folder / f"{lab.lab_id}.ipynb")


def run_demo(root: Path, lab_ids: list[str] | None = None) -> DemoResult:
    """Release, submit, autograde, give feedback and export for the given labs (default: all)."""
    labs = [lab for lab in list_labs(root) if not lab_ids or lab.lab_id in lab_ids]
    grading = root / "grading"
    scores = []
    for lab in labs:
        release_lab(lab)
        place_submissions(lab, grading / "submitted")
        # Only the demo's own learners are (re)graded: real submissions in the same course are left alone.
        run = autograde_lab(root, lab, [REFERENCE_STUDENT, UNTOUCHED_STUDENT])
        if run.problems:
            raise CourseError(f"grading {lab.lab_id} failed:\n" + "\n".join(run.problems))
        db_url = f"sqlite:///{grading / 'gradebook.db'}"
        scores += [notebook_scores(db_url, lab.lab_id, s) for s in (REFERENCE_STUDENT, UNTOUCHED_STUDENT)]
    grades_csv = grading / "grades.csv"
    run_nbgrader(root, "export", "--to", str(grades_csv))
    return DemoResult(tuple(scores), grades_csv, grading / "feedback")
