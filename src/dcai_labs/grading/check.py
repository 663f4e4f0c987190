"""Self-study grading: grade one learner's notebook against the lab's full tests, hidden ones included.

The learner's course checkout is never touched: a throw-away course directory gets the lab's source and the
course config, nbgrader generates the assignment there (which records the hidden tests in its own gradebook),
autogrades a copy of the learner's notebook and writes HTML feedback, which is copied out to
``.dcai/feedback/<lab>/`` in the checkout. A lab that uses the Hub is graded against a fresh local Hub (the
learner's own Hub, and whatever they pushed to it, are left alone).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..course import CourseError, Lab, course_root, get_lab, list_labs
from .gradebook import NotebookScores, notebook_scores
from .lab_hub import grading_hub
from .ledger import GradingReport, Ledger
from .nbgrader_cli import run_nbgrader_steps
from .release import copy_course_skeleton

SELF_STUDY_STUDENT = "self"


@dataclass(frozen=True)
class CheckReport:
    """Result of a self-study check: the scores and where the HTML feedback was written."""

    notebook: Path
    lab: Lab
    scores: NotebookScores
    feedback_html: Path | None
    grading: GradingReport | None = None  # what grading found: repairs, flags, why it stopped early


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a notebook or raise a one-line CourseError that says what is wrong with the file."""
    if not path.is_file():
        raise CourseError(f"notebook not found: {path}")
    try:
        return nbformat.read(path, as_version=4)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CourseError(f"cannot read {path}: not a valid notebook file ({exc.__class__.__name__}: {exc})") from exc
    except Exception as exc:  # nbformat raises several unrelated types for malformed notebooks
        raise CourseError(f"cannot read {path}: not a valid notebook ({exc})") from exc


def _grade_ids(nb: nbformat.NotebookNode) -> set[str]:
    return {
        cell.metadata["nbgrader"]["grade_id"]
        for cell in nb.cells
        if "grade_id" in cell.get("metadata", {}).get("nbgrader", {})
    }


def identify_lab(path: Path, nb: nbformat.NotebookNode, root: Path) -> Lab:
    """Which lab a notebook belongs to: by its file or folder name, else by its graded cells."""
    labs = list_labs(root)
    for lab in labs:
        if lab.lab_id in (path.stem, path.parent.name):
            return lab
    ids = _grade_ids(nb)
    overlap = {lab.lab_id: len(ids & _grade_ids(read_notebook(lab.source_notebook))) for lab in labs}
    best = max(labs, key=lambda lab: overlap[lab.lab_id], default=None)
    if best is None or overlap[best.lab_id] == 0:
        raise CourseError(
            f"cannot tell which lab {path.name} belongs to; "
            f"pass --lab (one of: {', '.join(lab.lab_id for lab in labs)})"
        )
    return best


def check_notebook(
    path: Path, lab_name: str | None = None, root: Path | None = None, feedback_dir: Path | None = None
) -> CheckReport:
    """Autograde ``path`` in a throw-away course directory and return its scores and feedback location."""
    root = root or course_root()
    path = path.resolve()
    nb = read_notebook(path)
    lab = get_lab(lab_name, root) if lab_name else identify_lab(path, nb, root)
    feedback_dir = feedback_dir or root / ".dcai" / "feedback" / lab.lab_id

    with tempfile.TemporaryDirectory(prefix="dcai-check-") as tmp:
        sandbox = copy_course_skeleton(root, Path(tmp), [lab.lab_id])
        submitted = sandbox / "grading" / "submitted" / SELF_STUDY_STUDENT / lab.lab_id
        submitted.mkdir(parents=True)
        nbformat.write(nb, submitted / f"{lab.lab_id}.ipynb")
        with grading_hub(lab, SELF_STUDY_STUDENT) as hub_env:
            run_nbgrader_steps(
                sandbox,
                ["generate_assignment", lab.lab_id, "--force"],
                ["autograde", lab.lab_id, f"--student={SELF_STUDY_STUDENT}", "--force"],
                ["generate_feedback", lab.lab_id, f"--student={SELF_STUDY_STUDENT}", "--force"],
                env=hub_env,
            )
        db_url = f"sqlite:///{sandbox / 'grading' / 'gradebook.db'}"
        scores = notebook_scores(db_url, lab.lab_id, SELF_STUDY_STUDENT)
        grading = Ledger(db_url).report(lab.lab_id, SELF_STUDY_STUDENT)
        html = sandbox / "grading" / "feedback" / SELF_STUDY_STUDENT / lab.lab_id / f"{lab.lab_id}.html"
        feedback = None
        if html.is_file():
            feedback_dir.mkdir(parents=True, exist_ok=True)
            feedback = feedback_dir / f"{path.stem}.html"
            shutil.copy2(html, feedback)
    return CheckReport(path, lab, scores, feedback, grading)
