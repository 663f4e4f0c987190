"""``nbgrader export`` for the course: nbgrader's CSV, plus each submission's status and reasons.

nbgrader's CSV gives a submission that could not be graded the same 0.0 as a wrong one, and says nothing of
flags. Here a submission's row says ``graded``, ``flagged`` (with what was flagged), ``not graded`` (score
left blank, with the reason from the grading ledger) or ``changed outside the grader`` (the gradebook's
autograded scores no longer match the ledger's seal; the score is left blank), and the repairs made to it
before grading (``notes``). A student with no submission
keeps nbgrader's 0 with the status ``not submitted``. Fields are quoted by the csv module, so a name with a
comma stays one field.

Enabled in ``grading/nbgrader_config.py`` (``c.ExportApp.plugin_class``).
"""

from __future__ import annotations

import csv

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin

from .ledger import GRADED, Ledger, gradebook_folder

COLUMNS = [
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
    "status",
    "flags",
    "problems",
    "notes",
]


class CourseCsvExport(ExportPlugin):
    """CSV export with ``status``, ``flags`` and ``problems`` columns (see the module)."""

    def export(self, gradebook: Gradebook) -> None:
        destination = self.to or "grades.csv"
        db_url = gradebook.engine.url.render_as_string(hide_password=False)
        ledger = Ledger(db_url) if gradebook_folder(db_url) else None
        tampered = ledger.tampering() if ledger else []
        with open(destination, "w", newline="") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writeheader()
            for assignment in gradebook.assignments:
                if self.assignment and assignment.name not in self.assignment:
                    continue
                for student in gradebook.students:
                    if self.student and student.id not in self.student:
                        continue
                    writer.writerow(self._row(gradebook, ledger, tampered, assignment, student))
        self.log.info("Exported grades to %s", destination)

    def _row(self, gradebook: Gradebook, ledger: Ledger | None, tampered: list[str], assignment, student) -> dict:
        row = {
            "assignment": assignment.name,
            "duedate": assignment.duedate or "",
            "student_id": student.id,
            "last_name": student.last_name or "",
            "first_name": student.first_name or "",
            "email": student.email or "",
            "max_score": assignment.max_score,
            "flags": "",
            "problems": "",
            "notes": "",
        }
        try:
            submission = gradebook.find_submission(assignment.name, student.id)
        except MissingEntry:
            row.update(timestamp="", raw_score=0.0, late_submission_penalty=0.0, score=0.0, status="not submitted")
            return row
        penalty = submission.late_submission_penalty or 0.0
        row.update(
            timestamp=submission.timestamp or "",
            raw_score=submission.score,
            late_submission_penalty=penalty,
            score=max(0.0, submission.score - penalty),
            status=GRADED,
        )
        if ledger is None:
            return row
        flags, problems, notes, graded = [], [], [], True
        for notebook in assignment.notebooks:
            report = ledger.report(assignment.name, student.id, notebook.name)
            if report is None:
                graded = False
                problems.append(f"{notebook.name}: nbgrader could not grade it (see the autograde log)")
                continue
            graded = graded and report.status == GRADED
            flags += list(report.flags)
            problems += list(report.problems)
            notes += list(report.notes)
        changed = [line for line in tampered if line.startswith(f"{student.id}, {assignment.name}:")]
        problems += changed
        if not graded or changed:
            row.update(raw_score="", score="", status="not graded" if not changed else "changed outside the grader")
        elif flags:
            row["status"] = "flagged"
        row.update(flags="; ".join(flags), problems="; ".join(problems), notes="; ".join(notes))
        return row
