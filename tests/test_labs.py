"""Every lab in source/, through the real nbgrader pipeline.

One run of the instructor demo on a throw-away copy of the course releases every lab, autogrades the
reference solution (as a learner would save it) and the untouched released notebook, and writes feedback;
the tests below read its results. Adding a folder to source/ adds its lab to every test here.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from dcai_labs.course import Lab, list_labs
from dcai_labs.grading.demo import REFERENCE_STUDENT, UNTOUCHED_STUDENT, DemoResult, run_demo
from dcai_labs.grading.ledger import GRADED, Ledger
from dcai_labs.grading.notebook_checks import check_released_notebook, notebooks_equal
from dcai_labs.grading.release import copy_course_skeleton

REPO = Path(__file__).resolve().parent.parent
LABS = list_labs(REPO)
LAB_IDS = [lab.lab_id for lab in LABS]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoResult]:
    root = copy_course_skeleton(REPO, tmp_path_factory.mktemp("course"), LAB_IDS)
    return root, run_demo(root)


def _scores(demo: tuple[Path, DemoResult], lab_id: str, student: str):
    return next(s for s in demo[1].scores if s.lab_id == lab_id and s.student_id == student)


def test_there_are_labs() -> None:
    assert LAB_IDS, "source/ holds no lab"


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_reference_solution_gets_full_autograded_marks(demo, lab_id: str) -> None:
    scores = _scores(demo, lab_id, REFERENCE_STUDENT)
    failed = [c.grade_id for c in scores.cells if c.kind == "autograded" and c.score != c.max_score]
    assert not failed, f"reference solution lost points in {failed}"
    assert scores.autograded_max > 0


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_untouched_released_notebook_gets_zero(demo, lab_id: str) -> None:
    scores = _scores(demo, lab_id, UNTOUCHED_STUDENT)
    earned = [c.grade_id for c in scores.cells if (c.score or 0) > 0]
    assert not earned, f"the untouched notebook earned points in {earned}"


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_honest_notebooks_trip_no_wire_and_need_no_repair(demo, lab_id: str) -> None:
    root, result = demo
    ledger = Ledger(f"sqlite:///{root / 'grading' / 'gradebook.db'}")
    for student in (REFERENCE_STUDENT, UNTOUCHED_STUDENT):
        report = ledger.report(lab_id, student)
        assert report is not None and report.status == GRADED, (student, report)
        assert (report.flags, report.problems, report.notes) == ((), (), ()), (student, report)
    assert not ledger.tampering(lab_id)
    rows = [line for line in result.grades_csv.read_text().splitlines() if line.startswith(f"{lab_id},")]
    assert len(rows) == 2 and all(",graded,,," in row for row in rows), rows


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_feedback_is_generated(demo, lab_id: str) -> None:
    _root, result = demo
    for student in (REFERENCE_STUDENT, UNTOUCHED_STUDENT):
        html = result.feedback_dir / student / lab_id / f"{lab_id}.html"
        assert html.is_file() and "<html" in html.read_text()[:2000].lower()
    assert lab_id in result.grades_csv.read_text()


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_committed_release_equals_a_fresh_generate_assignment(demo, lab_id: str) -> None:
    root, _ = demo
    fresh, committed = Lab(lab_id, root), Lab(lab_id, REPO)
    diffs = notebooks_equal(nbformat.read(fresh.released_notebook, 4), nbformat.read(committed.released_notebook, 4))
    assert not diffs, f"notebooks/{lab_id} is stale; run `dcai release {lab_id}`:\n" + "\n".join(diffs)
    fresh_files = {
        p.relative_to(fresh.release_dir): p.read_bytes()
        for p in fresh.release_dir.rglob("*")
        if p.is_file() and p.suffix != ".ipynb"
    }
    committed_files = {
        p.relative_to(committed.release_dir): p.read_bytes()
        for p in committed.release_dir.rglob("*")
        if p.is_file() and p.suffix != ".ipynb"
    }
    assert fresh_files == committed_files


@pytest.mark.parametrize("lab_id", LAB_IDS)
def test_release_holds_no_solution_code_or_hidden_tests(lab_id: str) -> None:
    lab = Lab(lab_id, REPO)
    problems = check_released_notebook(nbformat.read(lab.released_notebook, 4), nbformat.read(lab.source_notebook, 4))
    assert not problems, "\n".join(problems)
