"""Submissions that break stock nbgrader, tricks played inside the kernel, and grades changed afterwards.

Each is graded the way an instructor grades without the course's wrapper: plain ``nbgrader autograde`` with
the course's config (tests/conftest.py's ``mini_course``), so every safeguard tested here sits in the
nbgrader pipeline itself (structure.py, hub_execute.py, tripwires.py, ledger.py, export.py).
"""

from __future__ import annotations

import copy
import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from dcai_labs.course import get_lab
from dcai_labs.grading.gradebook import notebook_scores
from dcai_labs.grading.ledger import GRADED, Ledger
from dcai_labs.grading.nbgrader_cli import run_nbgrader_steps
from dcai_labs.grading.release import release_lab
from dcai_labs.grading.submissions import reference_submission
from dcai_labs.grading.tripwires import MARKER

pytestmark = pytest.mark.slow
MINI = "00_mini"
FULL = 5.0  # the mini lab's autograded points: ex1 2 + 1, ex2 2


def _gid(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _index(nb, grade_id: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if _gid(c) == grade_id)


def _honest(root: Path):
    lab = get_lab(MINI, root)
    release_lab(lab)
    return reference_submission(nbformat.read(lab.released_notebook, 4), nbformat.read(lab.source_notebook, 4))


def _submit(root: Path, student: str, nb, name: str = f"{MINI}.ipynb") -> None:
    folder = root / "grading" / "submitted" / student / MINI
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / name)


def _grade(root: Path, students: list[str], config: str = ""):
    if config:
        with open(root / "grading" / "nbgrader_config.py", "a") as handle:
            handle.write("\n" + config + "\n")
    return run_nbgrader_steps(
        root, *[["autograde", MINI, f"--student={s}"] for s in students], check=False, keep_going=True
    )


def _db(root: Path) -> str:
    return f"sqlite:///{root / 'grading' / 'gradebook.db'}"


def _points(root: Path, student: str) -> dict[str, float | None]:
    return {c.grade_id: c.score for c in notebook_scores(_db(root), MINI, student).cells if c.kind == "autograded"}


def _export(root: Path) -> dict[str, dict[str, str]]:
    out = root / "grades.csv"
    run_nbgrader_steps(root, ["export", "--to", str(out)])
    with open(out, newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def _with_cell(nb, after: str, source: str):
    nb = copy.deepcopy(nb)
    nb.cells.insert(_index(nb, after) + 1, nbformat.v4.new_code_cell(source))
    return nb


def test_broken_submissions_are_graded_as_far_as_possible(mini_course: Path) -> None:
    honest = _honest(mini_course)
    duplicated = copy.deepcopy(honest)
    answer = _index(duplicated, "ex2_count_words")
    duplicated.cells.insert(answer + 1, copy.deepcopy(duplicated.cells[answer]))
    duplicated.cells[answer + 1].id = "pasted-copy"
    no_reflection = copy.deepcopy(honest)
    del no_reflection.cells[_index(no_reflection, "reflection_median")]
    no_metadata = copy.deepcopy(honest)
    for cell in no_metadata.cells:
        cell.metadata.pop("nbgrader", None)
    edited = copy.deepcopy(honest)
    test = edited.cells[_index(edited, "ex2_count_words_tests")]
    test.source, test.metadata.nbgrader["points"] = "print('all tests passed')", 50
    submissions = {
        "honest": honest,
        "duplicated": duplicated,
        "no_reflection": no_reflection,
        "no_metadata": no_metadata,
        "edited_test": edited,
        # after ex1 is answered and tested, before ex2: ex1's 3 points are earned, ex2's 2 are not
        "exits": _with_cell(honest, "ex1_mean_of_tests_empty", "import os\nos._exit(3)"),
        "kills_parent": _with_cell(honest, "ex1_mean_of_tests_empty", "import os, signal\nos.kill(os.getppid(), 9)"),
        "ignores_sigint": _with_cell(
            honest,
            "ex1_mean_of_tests_empty",
            "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.1)",
        ),
    }
    for student, nb in submissions.items():
        _submit(mini_course, student, nb)
    _submit(mini_course, "unreadable", honest)
    (mini_course / "grading" / "submitted" / "unreadable" / MINI / f"{MINI}.ipynb").write_text("{ not json")

    result = _grade(mini_course, [*submissions, "unreadable"], config="c.Execute.timeout = 3")

    assert "has changed!" not in result.log.replace("edited_test", "")  # no checksum noise for honest cells
    assert "KeyError" not in result.log
    for student in ("honest", "duplicated", "no_reflection", "no_metadata", "edited_test"):
        assert sum(p or 0 for p in _points(mini_course, student).values()) == FULL, student
    for student in ("exits", "ignores_sigint"):
        assert _points(mini_course, student) == {
            "ex1_mean_of_tests": 2.0,
            "ex1_mean_of_tests_empty": 1.0,
            "ex2_count_words_tests": 0.0,
        }, student
    # in the sandbox the kernel's parent is its PID namespace's init, which ignores the signal: no harm done,
    # and the batch goes on (with stock nbgrader the kill ended the batch and no later student was graded)
    assert sum(p or 0 for p in _points(mini_course, "kills_parent").values()) == FULL

    ledger = Ledger(_db(mini_course))
    reports = {s: ledger.report(MINI, s) for s in submissions}
    assert (reports["honest"].notes, reports["honest"].flags, reports["honest"].problems) == ((), (), ())
    assert any("second copy of cell 'ex2_count_words'" in n for n in reports["duplicated"].notes)
    assert any("'reflection_median' was deleted; put back unanswered" in n for n in reports["no_reflection"].notes)
    assert any("lost their nbgrader metadata" in n for n in reports["no_metadata"].notes)
    assert not reports["no_metadata"].flags
    assert any("points changed" in f for f in reports["edited_test"].flags)
    assert any("locked cell 'ex2_count_words_tests' was edited" in f for f in reports["edited_test"].flags)
    assert reports["exits"].problems == ("the kernel died in cell 7 (it exited, was killed or ran out of memory)",)
    assert reports["ignores_sigint"].problems == ("cell 7 ran past its timeout and ignored the interrupt",)
    with Gradebook(_db(mini_course)) as gb:
        assert gb.find_submission_notebook(MINI, MINI, "edited_test").flagged
        assert not gb.find_submission_notebook(MINI, MINI, "honest").flagged

    graded = nbformat.read(mini_course / "grading" / "autograded" / "exits" / MINI / f"{MINI}.ipynb", 4)
    not_run = graded.cells[_index(graded, "ex2_count_words_tests")].outputs
    assert [o.ename for o in not_run] == ["NotRunByGrader"] and "the kernel died in cell 7" in not_run[0].evalue

    rows = _export(mini_course)
    assert rows["honest"]["status"] == GRADED and rows["honest"]["score"] == "5.0"
    assert rows["edited_test"]["status"] == "flagged" and "was edited" in rows["edited_test"]["flags"]
    assert rows["exits"]["status"] == GRADED and "the kernel died" in rows["exits"]["problems"]
    assert rows["unreadable"]["status"] == "not graded" and rows["unreadable"]["score"] == ""
    assert "could not grade it" in rows["unreadable"]["problems"]


def test_a_notebook_past_its_time_budget_keeps_the_points_it_earned(mini_course: Path) -> None:
    slow = _with_cell(_honest(mini_course), "ex1_mean_of_tests_empty", "import time\ntime.sleep(60)")
    _submit(mini_course, "slow", slow)
    _grade(mini_course, ["slow"], config="c.ExecuteWithHub.notebook_timeout = 10")
    assert _points(mini_course, "slow") == {
        "ex1_mean_of_tests": 2.0,
        "ex1_mean_of_tests_empty": 1.0,
        "ex2_count_words_tests": 0.0,
    }
    report = Ledger(_db(mini_course)).report(MINI, "slow")
    assert report.problems == ("the notebook ran out of its 10 s before cell 9",)


CHEATS = {
    # each one comes with wrong answers: any point it earns is a point it did not
    "blanks the tests": "get_ipython().input_transformers_post.append("
    "lambda lines: ['pass\\n'] if any('assert' in line for line in lines) else lines)",
    "rewrites the tests' AST": "import ast\nclass Blank(ast.NodeTransformer):\n"
    "    def visit_Assert(self, node):\n        return ast.Pass()\nget_ipython().ast_transformers.append(Blank())",
    "swallows errors": "get_ipython().set_custom_exc((BaseException,), lambda *args, **kw: None)",
    "clears errors after each cell": "def _clear(result):\n    result.error_in_exec = None\n"
    "get_ipython().events.register('post_run_cell', _clear)",
    "traces over asserts": "import sys\ndef _skip(frame, event, arg):\n    return None\nsys.settrace(_skip)",
    "patches showtraceback": "get_ipython().showtraceback = lambda *a, **k: None\n"
    "get_ipython()._showtraceback = lambda *a, **k: None",
    "rebinds a builtin": "import builtins\nbuiltins.len = lambda x: 0",
    "forges partial credit": "def _forge(result):\n"
    "    get_ipython().displayhook.write_output_prompt()\n"
    "get_ipython().events.register('post_run_cell', _forge)",
}


def test_tricks_in_the_kernel_earn_nothing_and_are_flagged(mini_course: Path) -> None:
    honest = _honest(mini_course)
    wrong = copy.deepcopy(honest)
    wrong.cells[_index(wrong, "ex1_mean_of")].source = "def mean_of(xs):\n    return 0"
    wrong.cells[_index(wrong, "ex2_count_words")].source = "def count_words(text):\n    return 0"
    students = {}
    for number, (name, trick) in enumerate(CHEATS.items()):
        students[f"cheat{number}"] = name
        _submit(mini_course, f"cheat{number}", _with_cell(wrong, "setup", trick))
    result = _grade(mini_course, list(students))
    assert result.ok, result.log[-3000:]

    ledger = Ledger(_db(mini_course))
    outcome = {}
    for student, name in students.items():
        points = sum(p or 0 for p in _points(mini_course, student).values())
        report = ledger.report(MINI, student)
        outcome[name] = (points, bool(report.flags) or bool(report.problems))
    # every trick earns nothing, or is flagged for the instructor to look at (the AST one keeps its points)
    assert all(points == 0 or flagged for points, flagged in outcome.values()), outcome
    unflagged = [name for name, (_, flagged) in outcome.items() if not flagged]
    # rebinding len breaks the tests themselves: they fail, which is all that matters
    assert set(unflagged) <= {"rebinds a builtin"}, outcome
    graded = nbformat.read(mini_course / "grading" / "autograded" / "cheat0" / MINI / f"{MINI}.ipynb", 4)
    assert MARKER not in nbformat.writes(graded)
    submitted = nbformat.read(mini_course / "grading" / "submitted" / "cheat0" / MINI / f"{MINI}.ipynb", 4)
    assert [c.source for c in graded.cells if c.cell_type == "markdown"] == [
        c.source for c in submitted.cells if c.cell_type == "markdown"
    ]  # the grader's own checks leave the notebook's cells as they were


def test_grades_changed_outside_the_grader_are_detected(mini_course: Path) -> None:
    honest = _honest(mini_course)
    wrong = copy.deepcopy(honest)
    wrong.cells[_index(wrong, "ex2_count_words")].source = "def count_words(text):\n    return 0"
    _submit(mini_course, "alice", honest)
    _submit(mini_course, "bob", wrong)
    assert _grade(mini_course, ["alice", "bob"]).ok
    ledger = Ledger(_db(mini_course))
    assert ledger.tampering() == []

    with Gradebook(_db(mini_course)) as gb:  # bob's zero becomes full marks, as a stray process could write it
        grade = gb.find_grade("ex2_count_words_tests", MINI, MINI, "bob")
        grade.auto_score = 2.0
        gb.db.commit()
    with sqlite3.connect(ledger.path) as connection:  # and alice's report is edited
        connection.execute(
            'UPDATE reports SET report = replace(report, \'"notes": []\', \'"notes": ["x"]\')'
            " WHERE student_id = 'alice'"
        )
    problems = ledger.tampering()
    assert any(p.startswith("bob, 00_mini: autograded scores changed") and "0.0 -> 2.0" in p for p in problems)
    assert any(p.startswith("alice, 00_mini: its grading report was changed") for p in problems)
    rows = _export(mini_course)
    assert rows["bob"]["status"] == "changed outside the grader" and rows["bob"]["score"] == ""
    assert rows["alice"]["status"] == "changed outside the grader" and rows["alice"]["score"] == ""


def test_dcai_autograde_grades_a_renamed_notebook_and_shows_each_report(mini_course: Path) -> None:
    honest = _honest(mini_course)
    edited = copy.deepcopy(honest)
    edited.cells[_index(edited, "ex1_mean_of_tests")].source = "print('fine')"
    _submit(mini_course, "renamed", honest, name=f"{MINI} (1).ipynb")
    _submit(mini_course, "edited", edited)
    original = (mini_course / "grading" / "submitted" / "renamed" / MINI / f"{MINI} (1).ipynb").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "dcai_labs.cli", "autograde", MINI],
        env={**os.environ, "DCAI_COURSE_ROOT": str(mini_course), "COLUMNS": "250"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    renamed = next(line for line in done.stdout.splitlines() if " renamed " in line)
    assert "│ 5 " in renamed and "handed in as '00_mini (1).ipynb'" in renamed, done.stdout
    assert "flagged: locked cell 'ex1_mean_of_tests' was edited" in done.stdout
    assert (mini_course / "grading" / "submitted" / "renamed" / MINI / f"{MINI} (1).ipynb").read_bytes() == original


def test_self_study_check_reports_why_grading_stopped(mini_course: Path, tmp_path: Path) -> None:
    from dcai_labs.grading.check import check_notebook

    path = tmp_path / f"{MINI}.ipynb"
    nbformat.write(_with_cell(_honest(mini_course), "ex1_mean_of_tests_empty", "import os\nos._exit(1)"), path)
    report = check_notebook(path, MINI, root=mini_course)
    assert report.scores.autograded_score == 3.0
    assert report.grading is not None and report.grading.problems == (
        "the kernel died in cell 7 (it exited, was killed or ran out of memory)",
    )


def test_tripwire_markers_are_found_when_the_kernel_splits_a_line() -> None:
    from dcai_labs.grading.tripwires import read_probe, took_marker_back

    def stream(text: str) -> dict:
        return {"output_type": "stream", "name": "stdout", "text": text}

    assert read_probe([stream("tok"), stream(' {"hooks": {}}\n')], "tok") == {"hooks": {}}
    cell = {"outputs": [stream("✓ passed\nno newline"), stream("tok\n")]}
    assert took_marker_back(cell, "tok") and cell["outputs"] == [stream("✓ passed\nno newline")]
    cell = {"outputs": [stream("no newlinetok\n")]}
    assert took_marker_back(cell, "tok") and cell["outputs"] == [stream("no newline\n")]
    assert not took_marker_back({"outputs": [stream("✓ passed\n")]}, "tok")
