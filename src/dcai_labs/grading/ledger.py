"""The grader's own record of each graded notebook: what it found, and a seal over the scores it saved.

nbgrader's gradebook holds scores and nothing about how they came about. The ledger (``grading-ledger.db``
beside the gradebook) holds, per submitted notebook, the grading report: whether it was graded, the repairs
made to it (*notes*), what looked like tampering (*flags*), why grading stopped early (*problems*), and the
autograded score of every test cell as the grader saved it, sealed with an HMAC whose key
(``.grading-ledger.key``, readable by the instructor only) never enters a sandbox. A score in the gradebook that
differs from its sealed value, or a report whose seal does not match, was changed by something other than the
grader: :meth:`Ledger.tampering` says which.

Written by :class:`RecordGradingReport`, the last of autograde's steps (so plain ``nbgrader autograde`` and the
formgrader's button write it too), and by ``dcai autograde`` for a submission nbgrader could not grade.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor

from .structure import REPORT_KEY

LEDGER_FILE = "grading-ledger.db"
KEY_FILE = ".grading-ledger.key"
GRADED, NOT_GRADED = "graded", "not graded"


@dataclass(frozen=True)
class GradingReport:
    """What grading one learner's notebook found; ``scores`` are the autograded points per test cell."""

    lab_id: str
    student_id: str
    notebook_id: str
    status: str  # GRADED or NOT_GRADED
    notes: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """One line for a table: flagged first, then why it was not graded or stopped."""
        parts = [f"flagged: {f}" for f in self.flags] + list(self.problems)
        return "; ".join(parts)

    def _payload(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True).encode()


def gradebook_folder(db_url: str) -> Path | None:
    """The folder of a SQLite gradebook (where its ledger lives), or None for another database."""
    prefix = "sqlite:///"
    return Path(db_url[len(prefix) :]).parent if db_url.startswith(prefix) else None


class Ledger:
    """The ledger beside the gradebook at ``db_url``."""

    def __init__(self, db_url: str) -> None:
        folder = gradebook_folder(db_url)
        if folder is None:
            raise ValueError(f"the grading ledger needs a SQLite gradebook, not {db_url!r}")
        self.db_url, self.path, self._key_path = db_url, folder / LEDGER_FILE, folder / KEY_FILE

    def _key(self) -> bytes:
        if not self._key_path.exists():
            self._key_path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self._key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
        return self._key_path.read_text().strip().encode()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path)
        connection.execute(
            "CREATE TABLE IF NOT EXISTS reports (lab_id TEXT, student_id TEXT, notebook_id TEXT, report TEXT,"
            " seal TEXT, recorded REAL, PRIMARY KEY (lab_id, student_id, notebook_id))"
        )
        return connection

    def _seal(self, report: GradingReport) -> str:
        return hmac.new(self._key(), report._payload(), hashlib.sha256).hexdigest()

    def record(self, report: GradingReport) -> None:
        """Store ``report``, replacing the notebook's earlier one."""
        with self._connect() as connection:
            connection.execute(
                "INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?, ?)",
                (
                    report.lab_id,
                    report.student_id,
                    report.notebook_id,
                    report._payload().decode(),
                    self._seal(report),
                    time.time(),
                ),
            )

    def reports(self, lab_id: str | None = None) -> list[tuple[GradingReport, bool]]:
        """Every stored report (of ``lab_id``), each with whether its seal holds."""
        if not self.path.exists():
            return []
        with self._connect() as connection:
            rows = connection.execute(
                "SELECT report, seal FROM reports WHERE ? IS NULL OR lab_id = ? ORDER BY lab_id, student_id",
                (lab_id, lab_id),
            ).fetchall()
        found = []
        for text, seal in rows:
            data = json.loads(text)
            for key in ("notes", "flags", "problems"):
                data[key] = tuple(data[key])
            report = GradingReport(**data)
            found.append((report, hmac.compare_digest(seal, self._seal(report))))
        return found

    def report(self, lab_id: str, student_id: str, notebook_id: str | None = None) -> GradingReport | None:
        """The report of one notebook, or None; a report whose seal fails is returned as not graded."""
        for report, sealed in self.reports(lab_id):
            if report.student_id == student_id and report.notebook_id == (notebook_id or lab_id):
                if not sealed:
                    return GradingReport(
                        lab_id,
                        student_id,
                        report.notebook_id,
                        NOT_GRADED,
                        problems=("its grading report was changed outside the grader",),
                    )
                return report
        return None

    def tampering(self, lab_id: str | None = None) -> list[str]:
        """One line per notebook whose report or autograded scores were changed outside the grader."""
        problems = []
        with Gradebook(self.db_url) as gb:
            for report, sealed in self.reports(lab_id):
                who = f"{report.student_id}, {report.lab_id}"
                if not sealed:
                    problems.append(f"{who}: its grading report was changed outside the grader")
                    continue
                if report.status != GRADED:
                    continue
                try:
                    now = autograded_scores(gb, report.lab_id, report.notebook_id, report.student_id)
                except MissingEntry:
                    problems.append(f"{who}: graded, but its scores are gone from the gradebook")
                    continue
                changed = [
                    f"{cell} {report.scores.get(cell)} -> {now.get(cell)}"
                    for cell in sorted(set(report.scores) | set(now))
                    if report.scores.get(cell) != now.get(cell)
                ]
                if changed:
                    problems.append(f"{who}: autograded scores changed outside the grader ({'; '.join(changed)})")
        return problems


def autograded_scores(gb: Gradebook, lab_id: str, notebook_id: str, student_id: str) -> dict[str, float]:
    """The autograded points of each test cell of one submitted notebook, as the gradebook holds them now."""
    submitted = gb.find_submission_notebook(notebook_id, lab_id, student_id)
    return {grade.name: grade.auto_score for grade in submitted.grades if grade.auto_score is not None}


class RecordGradingReport(NbGraderPreprocessor):
    """Last autograde step: store the notebook's grading report, sealed; mark flagged notebooks in nbgrader."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        details = resources["nbgrader"]
        if gradebook_folder(details["db_url"]) is None:
            return nb, resources
        found = nb.metadata.get(REPORT_KEY, {})
        lab_id, notebook_id, student_id = details["assignment"], details["notebook"], details["student"]
        with Gradebook(details["db_url"]) as gb:
            scores = autograded_scores(gb, lab_id, notebook_id, student_id)
            if found.get("flags"):
                gb.find_submission_notebook(notebook_id, lab_id, student_id).flagged = True
                gb.db.commit()
        report = GradingReport(
            lab_id,
            student_id,
            notebook_id,
            GRADED,
            tuple(found.get("notes", ())),
            tuple(found.get("flags", ())),
            tuple(found.get("problems", ())),
            scores,
        )
        Ledger(details["db_url"]).record(report)
        for flag in report.flags:
            self.log.warning("%s, %s flagged: %s", student_id, notebook_id, flag)
        for problem in report.problems:
            self.log.warning("%s, %s: %s", student_id, notebook_id, problem)
        return nb, resources
