"""The grading commands on the tiny fixture course: fast, and independent of the real labs' content."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from dcai_labs.course import CourseError, get_lab, list_labs
from dcai_labs.grading.check import check_notebook
from dcai_labs.grading.demo import REFERENCE_STUDENT, UNTOUCHED_STUDENT, run_demo
from dcai_labs.grading.release import release_lab
from dcai_labs.grading.submissions import reference_submission

REPO = Path(__file__).resolve().parent.parent
MINI_COURSE = REPO / "tests" / "fixtures" / "mini_course"

pytestmark = pytest.mark.slow
MINI = "00_mini"


@pytest.fixture(scope="module")
def reference_nb(tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    """The mini lab's reference solution as a learner would save it (released once per module)."""
    root = tmp_path_factory.mktemp("release")
    shutil.copytree(MINI_COURSE, root, dirs_exist_ok=True)
    (root / "grading").mkdir(exist_ok=True)
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", root / "grading" / "nbgrader_config.py")
    lab = get_lab(MINI, root)
    release_lab(lab)
    return reference_submission(nbformat.read(lab.released_notebook, 4), nbformat.read(lab.source_notebook, 4))


def _write(nb: nbformat.NotebookNode, dest: Path) -> Path:
    nbformat.write(nb, dest)
    return dest


def test_demo_gives_reference_full_marks_and_untouched_zero(mini_course: Path) -> None:
    result = run_demo(mini_course)
    by_student = {s.student_id: s for s in result.scores}
    ref, untouched = by_student[REFERENCE_STUDENT], by_student[UNTOUCHED_STUDENT]
    assert ref.autograded_max > 0
    assert ref.autograded_score == ref.autograded_max, ref.cells
    assert untouched.autograded_score == 0, untouched.cells
    assert ref.manual_pending >= 1  # the reflection waits for a person
    csv = result.grades_csv.read_text()
    assert REFERENCE_STUDENT in csv and UNTOUCHED_STUDENT in csv
    assert (result.feedback_dir / REFERENCE_STUDENT / MINI / f"{MINI}.html").is_file()


def test_warning_on_stderr_does_not_zero_a_correct_answer(mini_course: Path, reference_nb, tmp_path: Path) -> None:
    # The fixture has a test cell that passes while calling warnings.warn (stderr); stock nbgrader gives it 0.
    report = check_notebook(_write(reference_nb, tmp_path / "mine.ipynb"), MINI, root=mini_course)
    assert report.scores.autograded_score == report.scores.autograded_max
    assert report.feedback_html is not None and report.feedback_html.is_file()


def test_check_is_deterministic_and_counts_partial_work(mini_course: Path, reference_nb, tmp_path: Path) -> None:
    path = _write(reference_nb, tmp_path / "partial.ipynb")
    nb = nbformat.read(path, 4)
    first_answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code")
    first_answer.source = "raise NotImplementedError()"
    nbformat.write(nb, path)
    runs = [check_notebook(path, MINI, root=mini_course).scores for _ in range(2)]
    assert runs[0] == runs[1]
    assert 0 < runs[0].autograded_score < runs[0].autograded_max


def test_deleted_test_cell_is_reinserted(mini_course: Path, reference_nb, tmp_path: Path) -> None:
    path = _write(reference_nb, tmp_path / "deleted.ipynb")
    nb = nbformat.read(path, 4)
    nb.cells = [c for c in nb.cells if not (c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code")]
    nbformat.write(nb, path)
    scores = check_notebook(path, MINI, root=mini_course).scores
    assert scores.autograded_score == scores.autograded_max


def test_check_rejects_bad_input_with_one_clear_line(mini_course: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [')
    with pytest.raises(CourseError, match="not a valid notebook"):
        check_notebook(broken, MINI, root=mini_course)
    with pytest.raises(CourseError, match="not found"):
        check_notebook(tmp_path / "missing.ipynb", MINI, root=mini_course)
    with pytest.raises(CourseError, match="unknown lab 'nope'"):
        get_lab("nope", mini_course)
    assert [lab.lab_id for lab in list_labs(mini_course)] == [MINI]


def test_cli_errors_exit_2_with_one_line(mini_course: Path, tmp_path: Path) -> None:
    env_root = {"DCAI_COURSE_ROOT": str(mini_course)}
    broken = tmp_path / "broken.ipynb"
    broken.write_text("not json")
    for args, needle in (
        (["release", "nope"], "unknown lab 'nope'"),
        (["check", str(broken), "--lab", MINI], "not a valid notebook"),
        (["check", str(tmp_path / "missing.ipynb")], "notebook not found"),
    ):
        proc = _dcai(args, env_root)
        assert proc.returncode == 2, proc
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and needle in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr


def test_cli_help_lists_every_command() -> None:
    out = _dcai(["--help"], {}).stdout
    for command in ("labs", "release", "check", "autograde", "demo", "normalize", "lab", "hub"):
        assert f"    {command}" in out


def test_cli_check_prints_score_table(mini_course: Path, reference_nb, tmp_path: Path) -> None:
    path = _write(reference_nb, tmp_path / "00_mini.ipynb")
    before = path.read_bytes()
    proc = _dcai(["check", str(path)], {"DCAI_COURSE_ROOT": str(mini_course), "COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    assert "autograded total" in proc.stdout and "HTML feedback:" in proc.stdout
    assert path.read_bytes() == before  # the learner's file is never modified


def test_cli_autograde_grades_every_submission_and_a_broken_one_does_not_stop_the_rest(
    mini_course: Path, reference_nb, tmp_path: Path
) -> None:
    env = {"DCAI_COURSE_ROOT": str(mini_course), "COLUMNS": "200"}
    assert _dcai(["release", MINI], env).returncode == 0
    submitted = mini_course / "grading" / "submitted"
    for student in ("alice", "bob", "carol"):
        (submitted / student / MINI).mkdir(parents=True)
    _write(reference_nb, submitted / "alice" / MINI / f"{MINI}.ipynb")
    (submitted / "bob" / MINI / f"{MINI}.ipynb").write_text("{ this is not a notebook")
    _write(reference_nb, submitted / "carol" / MINI / f"{MINI}.ipynb")
    bob_before = (submitted / "bob" / MINI / f"{MINI}.ipynb").read_bytes()

    proc = _dcai(["autograde", MINI], env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for student in ("alice", "carol"):  # graded in full despite bob's broken file
        row = next(line for line in proc.stdout.splitlines() if f" {student} " in line)
        assert row.split("│")[2].strip() == row.split("│")[3].strip() != "0", row
    assert "not graded" in next(line for line in proc.stdout.splitlines() if " bob " in line)
    assert (
        "problem: nbgrader autograde 00_mini --student=bob --force: " in proc.stdout and "NotJSONError" in proc.stdout
    )
    assert (submitted / "bob" / MINI / f"{MINI}.ipynb").read_bytes() == bob_before  # never modified
    assert (mini_course / "grading" / "feedback" / "carol" / MINI / f"{MINI}.html").is_file()


def test_cli_hub_serve_on_a_taken_port_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = _dcai(["hub", "serve", "--port", str(port), "--data-dir", str(tmp_path / "hub")], {})
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"dcai: error: port {port} on 127.0.0.1 is taken; pick another with --port"


def _dcai(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "dcai_labs.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
