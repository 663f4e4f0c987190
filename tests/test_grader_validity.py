"""Grader validity: every exercise's tests reject plausible wrong answers and accept a differently written right one.

The harness is proved on the fixture lab (including a deliberately bad variants table), then run on every real
lab with its tests/variants/<lab_id>.py. Run with ``-s`` (or read the failure) to see the per-variant table.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest

from dcai_labs.course import Lab
from dcai_labs.grading.lab_hub import grading_hub
from dcai_labs.grading.validity import ValidityReport, check_variants_table, load_variants, run_validity

TESTS = Path(__file__).resolve().parent
MINI = TESTS / "fixtures" / "mini_course"
MINI_NOTEBOOK = MINI / "source" / "00_mini" / "00_mini.ipynb"
VARIANTS_DIR = TESTS / "variants"


@pytest.fixture(scope="module")
def mini_variants() -> dict:
    return load_variants(MINI / "variants.py")


# ----------------------------------------------------------------------------------------------- fast


def test_load_variants_rejects_a_file_without_a_table(tmp_path: Path) -> None:
    path = tmp_path / "lab.py"
    path.write_text("VARIANT = {}\n")
    with pytest.raises(ValueError, match="must define VARIANTS"):
        load_variants(path)


def test_table_problems_are_named(mini_variants: dict) -> None:
    bad = copy.deepcopy(mini_variants)
    del bad["ex2_count_words"]["wrong"]["spaces_plus_one"]
    bad["ex1_mean_of"]["maybe"] = {}
    bad["ex1_mean_of"]["right"]["not_code"] = 42
    bad["ex9_missing"] = {"wrong": {}, "right": {}}
    problems = check_variants_table(bad, ["ex1_mean_of", "ex2_count_words"])
    assert problems == [
        "ex1_mean_of: unknown variant kind 'maybe' (use 'wrong' or 'right')",
        "ex1_mean_of: right variant 'not_code' is not a string of code",
        "variants name unknown exercise 'ex9_missing' (exercises: ex1_mean_of, ex2_count_words)",
        "ex2_count_words: has 1 wrong and 1 right variants; needs >= 2 wrong and >= 1 right",
    ]
    assert check_variants_table(mini_variants, ["ex1_mean_of", "ex2_count_words"]) == []


# ----------------------------------------------------------------------------------------------- kernel


@pytest.mark.slow
def test_fixture_lab_is_valid(mini_variants: dict) -> None:
    report = run_validity(MINI_NOTEBOOK, mini_variants, timeout=60)
    print(report.table())
    assert report.problems() == []
    assert report.top_to_bottom_error is None and report.top_to_bottom_seconds > 0
    assert report.exercises == ("ex1_mean_of", "ex2_count_words")
    assert len(report.results) == 6
    assert report.count("fail", "fail") == 4 and report.count("pass", "pass") == 2
    by_name = {r.name: r for r in report.results}
    assert "AssertionError: mean_of([1, 2, 3, 4]) should be 2.5" in by_name["integer_division"].error
    assert "(ex1-empty-tests): ZeroDivisionError" in by_name["no_empty_check"].error  # caught by the second test cell
    assert by_name["spaces_plus_one"].outcome == "fail"  # passes the visible asserts: caught by the hidden tests
    assert "integer_division" in report.table() and "BAD" not in report.table()


@pytest.mark.slow
def test_bad_variants_table_is_reported(mini_variants: dict) -> None:
    bad = copy.deepcopy(mini_variants)
    ex1_wrong = bad["ex1_mean_of"]["wrong"]
    ex1_wrong["actually_correct"] = (
        "def mean_of(xs):\n    if not xs:\n        raise ValueError\n    return sum(xs) / len(xs)\n"
    )
    ex1_wrong["endless_loop"] = "def mean_of(xs):\n    while True:\n        pass\n"
    ex1_wrong["kills_the_kernel"] = "import os\nos._exit(1)\n"
    bad["ex2_count_words"]["right"]["actually_wrong"] = "def count_words(text):\n    return len(text.split(' '))\n"
    bad["ex3_unknown"] = {"wrong": {}, "right": {}}

    report = run_validity(MINI_NOTEBOOK, bad, timeout=3)
    print(report.table())
    outcomes = {r.name: r.outcome for r in report.results}
    assert outcomes["endless_loop"] == outcomes["kills_the_kernel"] == "fail"  # and the harness carried on
    assert outcomes["statistics_fmean"] == outcomes["regex_runs_of_non_space"] == "pass"
    assert report.problems() == [
        "variants name unknown exercise 'ex3_unknown' (exercises: ex1_mean_of, ex2_count_words)",
        "ex1_mean_of: wrong variant 'actually_correct' PASSED the tests (they do not catch it)",
        "ex2_count_words: right variant 'actually_wrong' FAILED the tests: cell 8 (ex2-tests): AssertionError: "
        "an empty string holds 0 words",
    ]
    assert "timed out" in next(r.error for r in report.results if r.name == "endless_loop")


@pytest.mark.slow
def test_a_notebook_that_does_not_run_is_reported(mini_variants: dict, tmp_path: Path) -> None:
    nb = nbformat.read(MINI_NOTEBOOK, as_version=4)
    next(c for c in nb.cells if c.id == "setup").source = "import warnings\nimport no_such_module_here"
    path = tmp_path / "broken.ipynb"
    nbformat.write(nb, path)
    report = run_validity(path, mini_variants, timeout=30)
    assert report.problems() == [
        "the source notebook does not run top to bottom: cell 1 (setup): ModuleNotFoundError: "
        "No module named 'no_such_module_here'"
    ]
    assert {r.outcome for r in report.results} == {"skipped"}


# ----------------------------------------------------------------------------------------------- real labs


@pytest.mark.slow
def test_real_lab_grader_is_valid(lab: Lab) -> None:
    variants_file = VARIANTS_DIR / f"{lab.lab_id}.py"
    assert variants_file.is_file(), (
        f"write {variants_file.relative_to(TESTS.parent)}: >= 2 wrong and >= 1 right variant per exercise"
    )
    with grading_hub(lab, "validity") as hub_env:
        report: ValidityReport = run_validity(lab.source_notebook, load_variants(variants_file), kernel_env=hub_env)
    print(report.table())
    assert report.problems() == [], "\n".join([*report.problems(), "", report.table()])
