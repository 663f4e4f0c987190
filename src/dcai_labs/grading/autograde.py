"""Autograde a lab's submissions, giving each learner a fresh local Hub when the lab needs one.

For a lab without a Hub this is one ``nbgrader autograde`` over the chosen students. A lab that pushes to the
Hub is graded one student at a time, each against a throw-away Hub where that student is a user with their own
token (grading.lab_hub): the hidden tests then inspect exactly what this learner's notebook pushed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..course import CourseError, Lab
from .lab_hub import grading_hub
from .nbgrader_cli import run_nbgrader_steps

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


def submitted_students(root: Path, lab: Lab) -> list[str]:
    """Students with a submission of ``lab`` under grading/submitted, sorted."""
    submitted = root / "grading" / "submitted"
    return sorted(p.parent.name for p in submitted.glob(f"*/{lab.lab_id}") if p.is_dir())


@dataclass(frozen=True)
class AutogradeRun:
    """Who was graded, and the problems nbgrader reported (one line each; empty when all went well)."""

    lab: Lab
    students: tuple[str, ...]
    failed: tuple[str, ...]  # students whose notebook nbgrader could not grade (see problems)
    problems: tuple[str, ...]


def autograde_lab(root: Path, lab: Lab, students: list[str] | None = None, *, feedback: bool = True) -> AutogradeRun:
    """Autograde ``students`` (default: every submitted one) and, if asked, write their feedback.

    A student whose grading fails does not stop the others; the problems come back in the result.
    """
    students = submitted_students(root, lab) if students is None else students
    if not students:
        raise CourseError(f"no submissions of {lab.lab_id} under {root / 'grading' / 'submitted'}")
    failures = []
    for group in [[s] for s in students] if lab.needs_hub else [students]:
        with grading_hub(lab, group[0]) as hub_env:
            steps = [["autograde", lab.lab_id, f"--student={s}", "--force"] for s in group]
            result = run_nbgrader_steps(root, *steps, check=False, env=hub_env, keep_going=True)
        if not result.ok:
            failures += failed_commands(result.log) or [
                f"{', '.join(group)}: nbgrader autograde failed (exit {result.returncode})"
            ]
    ungraded = {s for s in students if any(f"--student={s} " in f"{problem} " for problem in failures)}
    if feedback and len(ungraded) < len(students):
        steps = [["generate_feedback", lab.lab_id, f"--student={s}", "--force"] for s in students if s not in ungraded]
        result = run_nbgrader_steps(root, *steps, check=False, keep_going=True)
        if not result.ok:
            failures += failed_commands(result.log)
    return AutogradeRun(lab, tuple(students), tuple(sorted(ungraded)), tuple(failures))
