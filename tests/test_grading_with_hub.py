"""Labs that use the Hub are graded against a fresh local Hub per learner, with the learner's own token.

The fixture lab tests/fixtures/hub_course/source/00_hub publishes a file and its hidden tests inspect the Hub
through HfApi; its notebook prints the user it ran as, which the feedback shows. The grader's own shell
settings (a stray HF_ENDPOINT, HF_HUB_OFFLINE=1) must not reach the kernel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from huggingface_hub import HfApi

from dcai_labs.course import Lab, get_lab
from dcai_labs.grading.check import SELF_STUDY_STUDENT, check_notebook
from dcai_labs.grading.demo import REFERENCE_STUDENT, UNTOUCHED_STUDENT, run_demo
from dcai_labs.grading.gradebook import notebook_scores
from dcai_labs.grading.lab_hub import grading_hub
from dcai_labs.grading.release import release_lab
from dcai_labs.grading.submissions import reference_submission
from dcai_labs.grading.validity import load_variants, run_validity
from localhub.process import ThrowawayHub

REPO = Path(__file__).resolve().parent.parent
HUB_COURSE = REPO / "tests" / "fixtures" / "hub_course"
HUB_LAB = "00_hub"


@pytest.fixture
def hub_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the fixture course with the real nbgrader config, and a misleading grader shell."""
    root = tmp_path / "hub_course"
    shutil.copytree(HUB_COURSE, root)
    (root / "grading").mkdir()
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", root / "grading" / "nbgrader_config.py")
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens there: a leak would fail the run
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return root


def test_needs_hub_is_read_from_the_source_notebook(hub_course: Path) -> None:
    assert get_lab(HUB_LAB, hub_course).needs_hub
    assert not Lab("00_mini", REPO / "tests" / "fixtures" / "mini_course").needs_hub


def test_throwaway_hub_serves_its_users_and_leaves_nothing_behind() -> None:
    with ThrowawayHub(["ada", "alan"]) as hub:
        assert hub.hub is not None
        root, proc = hub.root, hub.hub.proc
        env = hub.env("ada")
        assert env["HF_ENDPOINT"] == hub.url and env["HF_HUB_DISABLE_XET"] == "1"
        assert HfApi(endpoint=hub.url, token=env["HF_TOKEN"]).whoami()["name"] == "ada"
        assert HfApi(endpoint=hub.url, token=hub.env("alan")["HF_TOKEN"]).whoami()["name"] == "alan"
        assert root is not None and root.is_dir()
    assert proc is not None and proc.poll() is not None, "the Hub process still runs"
    assert not root.exists(), "the Hub's temporary folder was left behind"


@pytest.mark.slow
def test_check_grades_a_hub_lab_on_a_fresh_hub(hub_course: Path, tmp_path: Path) -> None:
    lab = get_lab(HUB_LAB, hub_course)
    release_lab(lab)
    reference = reference_submission(nbformat.read(lab.released_notebook, 4), nbformat.read(lab.source_notebook, 4))
    path = tmp_path / f"{HUB_LAB}.ipynb"
    nbformat.write(reference, path)
    for _ in range(2):  # a second check starts from an empty Hub again: the hidden tests' "only one repo" holds
        report = check_notebook(path, root=hub_course, feedback_dir=tmp_path / "feedback")
        assert report.scores.autograded_score == report.scores.autograded_max == 2, report.scores.cells
    assert f"graded as {SELF_STUDY_STUDENT}" in report.feedback_html.read_text()

    untouched = check_notebook(lab.released_notebook, root=hub_course, feedback_dir=tmp_path / "feedback")
    assert untouched.scores.autograded_score == 0


@pytest.mark.slow
def test_demo_gives_each_learner_their_own_hub(hub_course: Path) -> None:
    result = run_demo(hub_course)
    scores = {s.student_id: s for s in result.scores}
    assert scores[REFERENCE_STUDENT].autograded_score == 2, scores[REFERENCE_STUDENT].cells
    assert scores[UNTOUCHED_STUDENT].autograded_score == 0
    html = (result.feedback_dir / REFERENCE_STUDENT / HUB_LAB / f"{HUB_LAB}.html").read_text()
    assert f"graded as {REFERENCE_STUDENT}" in html


@pytest.mark.slow
def test_validity_harness_runs_hub_labs_against_a_hub(hub_course: Path) -> None:
    lab = get_lab(HUB_LAB, hub_course)
    with grading_hub(lab, "validity") as hub_env:
        report = run_validity(
            lab.source_notebook, load_variants(hub_course / "variants.py"), timeout=60, kernel_env=hub_env
        )
    print(report.table())
    assert report.problems() == []
    assert {r.name: r.outcome for r in report.results} == {
        "no_exist_ok": "fail",
        "hard_coded_namespace": "fail",
        "create_commit": "pass",
    }


@pytest.mark.slow
def test_plain_nbgrader_autograde_gives_each_learner_a_fresh_hub(hub_course: Path) -> None:
    """The formgrader's Autograde button and `cd grading && nbgrader autograde` run nbgrader itself, with the
    grader's shell (here: a Hub that does not exist, offline mode) and no help from dcai: the course's config
    still runs each submission against its own Hub, as that learner."""
    lab = get_lab(HUB_LAB, hub_course)
    release_lab(lab)
    reference = reference_submission(nbformat.read(lab.released_notebook, 4), nbformat.read(lab.source_notebook, 4))
    for student in ("ada", "alan"):
        folder = hub_course / "grading" / "submitted" / student / HUB_LAB
        folder.mkdir(parents=True)
        nbformat.write(reference, folder / f"{HUB_LAB}.ipynb")
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(hub_course / "grading")}
    env.pop("DCAI_COURSE_ROOT", None)
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", HUB_LAB, "--force"],
        cwd=hub_course / "grading",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    db_url = f"sqlite:///{hub_course / 'grading' / 'gradebook.db'}"
    for student in ("ada", "alan"):
        scores = notebook_scores(db_url, HUB_LAB, student)
        assert scores.autograded_score == scores.autograded_max == 2, (student, scores.cells)
        graded = (hub_course / "grading" / "autograded" / student / HUB_LAB / f"{HUB_LAB}.ipynb").read_text()
        assert f"graded as {student}" in graded
    assert "127.0.0.1:9" not in proc.stdout + proc.stderr
