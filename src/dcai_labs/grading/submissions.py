"""Build submissions the way a learner would save them.

The reference submission is the RELEASED notebook (with its release metadata and checksums) whose answer
cells hold the source's solutions, delimiters removed: exactly what a learner who wrote the model answers
would hand in. Grading it must give full autograded marks.
"""

from __future__ import annotations

import copy
import re

import nbformat

_DELIMITER = re.compile(r"^\s*(###|<!--)?\s*(BEGIN|END) SOLUTION.*$", re.MULTILINE)


def nbgrader_meta(cell: nbformat.NotebookNode) -> dict:
    """A cell's nbgrader metadata; empty when it has none (or a submission set it to null)."""
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def strip_solution_delimiters(source: str) -> str:
    """Remove the BEGIN/END SOLUTION delimiter lines, keeping the code between them."""
    lines = [line for line in source.splitlines() if not _DELIMITER.match(line)]
    return "\n".join(lines).strip("\n")


def answer_cells(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """The learner's answer cells (nbgrader solution cells) by grade_id."""
    return {
        nbgrader_meta(cell)["grade_id"]: cell
        for cell in nb.cells
        if nbgrader_meta(cell).get("solution") and "grade_id" in nbgrader_meta(cell)
    }


def reference_submission(released: nbformat.NotebookNode, source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The released notebook with every answer cell filled in with the source's solution."""
    solutions = answer_cells(source)
    submission = copy.deepcopy(released)
    for grade_id, cell in answer_cells(submission).items():
        if grade_id not in solutions:
            raise ValueError(f"released answer cell {grade_id!r} has no counterpart in the source notebook")
        cell.source = strip_solution_delimiters(solutions[grade_id].source)
    return submission
