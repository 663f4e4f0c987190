"""Autograde a lab's submissions, giving each learner a fresh local Hub when the lab needs one.

For a lab without a Hub this is one ``nbgrader autograde`` over the chosen students. A lab that pushes to the
Hub is graded one student at a time, each against a throw-away Hub where that student is a user with their own
token (grading.lab_hub): the hidden tests then inspect exactly what this learner's notebook pushed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..course import CourseError, Lab
from .lab_hub import grading_hub
from .ledger import NOT_GRADED, GradingReport, Ledger
from .nbgrader_cli import run_nbgrader_steps
from .structure import HANDED_IN_AS_KEY

_EXCEPTION_LINE = re.compile(r"^\s*[A-Za-z_][\w.]*(Error|Exception): \S")


def failed_commands(log: str) -> list[str]:
    """One line per failed nbgrader command of a batch log: the command and the last exception it raised."""
    problems, last_exception = [], ""
    for line in log.splitlines():
        if _EXCEPTION_LINE.match(line):
            last_exception = line.strip()
        elif line.startswith("nbgrader ") and " failed (exit " in line:
            command = line.split(" failed (exit ")[0]
            problems.append(f"{command}: {last_exception or line}")
            last_exception = ""
    return problems


def _about(problem: str, student: str) -> bool:
    """Whether a problem line is about ``student`` (``--student=al`` is not about ``alice``)."""
    return re.search(rf"--student={re.escape(student)}(?=[\s:]|$)", problem) is not None


def submitted_students(root: Path, lab: Lab) -> list[str]:
    """Students with a submission of ``lab`` under grading/submitted, sorted."""
    submitted = root / "grading" / "submitted"
    return sorted(p.parent.name for p in submitted.glob(f"*/{lab.lab_id}") if p.is_dir())


def adopt_renamed_notebook(folder: Path, lab: Lab) -> str | None:
    """Give a notebook handed in under another name (``lab (1).ipynb``) the lab's name; None, or why not.

    The one other notebook of the folder is copied under the lab's name (the learner's file stays as it is),
    remembering the name it came with, which the grading report notes. Several candidates are not guessed
    between.
    """
    expected = folder / f"{lab.lab_id}.ipynb"
    if expected.exists():
        return None
    candidates = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
    if len(candidates) != 1:
        found = ", ".join(p.name for p in candidates) or "no notebook at all"
        return f"no {expected.name} in the submission ({found}); rename the learner's notebook to {expected.name}"
    try:
        nb = nbformat.read(candidates[0], as_version=4)
    except Exception as exc:  # not a notebook: nbgrader would fail on it anyway
        return f"{candidates[0].name} is not a readable notebook ({type(exc).__name__}: {str(exc)[:120]})"
    nb.metadata[HANDED_IN_AS_KEY] = candidates[0].name
    nbformat.write(nb, expected)
    return None


@dataclass(frozen=True)
class AutogradeRun:
    """Who was graded, and the problems nbgrader reported (one line each; empty when all went well)."""

    lab: Lab
    students: tuple[str, ...]
    failed: tuple[str, ...]  # students whose notebook nbgrader could not grade (see problems)
    problems: tuple[str, ...]
    reports: tuple[GradingReport, ...] = ()  # the ledger's report of each graded or failed student
    tampering: tuple[str, ...] = ()  # gradebook rows of this lab changed outside the grader


def autograde_lab(root: Path, lab: Lab, students: list[str] | None = None, *, feedback: bool = True) -> AutogradeRun:
    """Autograde ``students`` (default: every submitted one) and, if asked, write their feedback.

    A student whose grading fails does not stop the others; the problems come back in the result.
    """
    students = submitted_students(root, lab) if students is None else students
    if not students:
        raise CourseError(f"no submissions of {lab.lab_id} under {root / 'grading' / 'submitted'}")
    ledger = Ledger(f"sqlite:///{root / 'grading' / 'gradebook.db'}")
    failures = []
    for student in students:
        problem = adopt_renamed_notebook(root / "grading" / "submitted" / student / lab.lab_id, lab)
        if problem:
            failures.append(f"nbgrader autograde {lab.lab_id} --student={student}: {problem}")
    gradable = [s for s in students if not any(_about(f, s) for f in failures)]
    for group in [[s] for s in gradable] if lab.needs_hub else ([gradable] if gradable else []):
        with grading_hub(lab, group[0]) as hub_env:
            steps = [["autograde", lab.lab_id, f"--student={s}", "--force"] for s in group]
            result = run_nbgrader_steps(root, *steps, check=False, env=hub_env, keep_going=True)
        if not result.ok:
            failures += failed_commands(result.log) or [
                f"nbgrader autograde {lab.lab_id} --student={s}: nbgrader failed (exit {result.returncode})"
                for s in group
            ]
    ungraded = {s for s in students if any(_about(problem, s) for problem in failures)}
    for student in sorted(ungraded):
        why = next(p.split(": ", 1)[-1] for p in failures if _about(p, student))
        ledger.record(GradingReport(lab.lab_id, student, lab.lab_id, NOT_GRADED, problems=(why,)))
    if feedback and len(ungraded) < len(students):
        steps = [["generate_feedback", lab.lab_id, f"--student={s}", "--force"] for s in students if s not in ungraded]
        result = run_nbgrader_steps(root, *steps, check=False, keep_going=True)
        if not result.ok:
            failures += failed_commands(result.log)
    reports = tuple(r for s in students if (r := ledger.report(lab.lab_id, s)) is not None)
    return AutogradeRun(
        lab, tuple(students), tuple(sorted(ungraded)), tuple(failures), reports, tuple(ledger.tampering(lab.lab_id))
    )
