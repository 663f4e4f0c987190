"""Read scores back from an nbgrader gradebook as plain dataclasses.

nbgrader stores one Grade per graded cell; learners and instructors think in exercises. A test cell
belongs to the exercise whose answer cell's grade_id is a prefix of its own (docs/authoring-labs.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from nbgrader.api import Gradebook, MissingEntry


@dataclass(frozen=True)
class CellScore:
    """The score of one graded cell of one learner's notebook."""

    grade_id: str
    exercise: str
    kind: str  # "autograded" (a test cell) or "manual" (an answer graded by a person)
    score: float | None  # None while a manual answer awaits grading
    max_score: float


@dataclass(frozen=True)
class NotebookScores:
    """All graded cells of one learner's notebook, in notebook order."""

    lab_id: str
    student_id: str
    cells: tuple[CellScore, ...]

    @property
    def autograded_score(self) -> float:
        return sum(c.score or 0.0 for c in self.cells if c.kind == "autograded")

    @property
    def autograded_max(self) -> float:
        return sum(c.max_score for c in self.cells if c.kind == "autograded")

    @property
    def manual_pending(self) -> int:
        return sum(1 for c in self.cells if c.kind == "manual" and c.score is None)

    def by_exercise(self) -> dict[str, tuple[float, float]]:
        """Autograded score and maximum per exercise."""
        totals: dict[str, tuple[float, float]] = {}
        for c in self.cells:
            if c.kind == "autograded":
                got, best = totals.get(c.exercise, (0.0, 0.0))
                totals[c.exercise] = (got + (c.score or 0.0), best + c.max_score)
        return totals


def _exercise_of(grade_id: str, answer_ids: list[str]) -> str:
    matches = [a for a in answer_ids if grade_id.startswith(a)]
    return max(matches, key=len) if matches else grade_id


def notebook_scores(db_url: str, lab_id: str, student_id: str, notebook_id: str | None = None) -> NotebookScores:
    """Scores of one learner's autograded notebook; raises KeyError if it was never autograded."""
    notebook_id = notebook_id or lab_id
    with Gradebook(db_url) as gb:
        try:
            submitted = gb.find_submission_notebook(notebook_id, lab_id, student_id)
        except MissingEntry as exc:
            raise KeyError(f"no autograded notebook {lab_id}/{notebook_id} for {student_id}") from exc
        notebook = gb.find_notebook(notebook_id, lab_id)
        answer_ids = [cell.name for cell in notebook.solution_cells]
        order = {cell.name: i for i, cell in enumerate(notebook.source_cells)}
        cells = []
        for grade in submitted.grades:
            manual = grade.cell.cell_type == "markdown" or grade.cell.name in answer_ids
            score = grade.score if (grade.auto_score is not None or grade.manual_score is not None) else None
            cells.append(
                CellScore(
                    grade_id=grade.name,
                    exercise=_exercise_of(grade.name, answer_ids),
                    kind="manual" if manual else "autograded",
                    score=None if (manual and grade.manual_score is None and grade.needs_manual_grade) else score,
                    max_score=grade.max_score,
                )
            )
        cells.sort(key=lambda c: order.get(c.grade_id, len(order)))
        return NotebookScores(lab_id, student_id, tuple(cells))
