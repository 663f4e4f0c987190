"""The structural notebook checks: they pass on well-formed labs and catch each planted problem (no kernel)."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from dcai_labs.course import Lab, get_lab
from dcai_labs.grading.notebook_checks import (
    check_released_notebook,
    check_source_notebook,
    exercises,
    normalize_notebook,
    notebooks_equal,
)

MINI_NOTEBOOK = Path(__file__).parent / "fixtures" / "mini_course" / "source" / "00_mini" / "00_mini.ipynb"
Mutation = Callable[[nbformat.NotebookNode], None]


@pytest.fixture
def source() -> nbformat.NotebookNode:
    """A fresh copy of the fixture lab's instructor notebook."""
    return nbformat.read(MINI_NOTEBOOK, as_version=4)


@pytest.fixture
def released(source: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The fixture lab as nbgrader releases it (its own preprocessors, in process: no subprocess, no kernel)."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

    nb, resources = ClearSolutions().preprocess(copy.deepcopy(source), {})
    nb, _ = ClearHiddenTests().preprocess(nb, resources)
    return nb


def cell(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.id == cell_id)


def meta(nb: nbformat.NotebookNode, cell_id: str) -> dict:
    return cell(nb, cell_id).metadata["nbgrader"]


def drop_cell(nb: nbformat.NotebookNode, cell_id: str) -> None:
    nb.cells = [c for c in nb.cells if c.id != cell_id]


def replace_in(cell_id: str, old: str, new: str) -> Mutation:
    def mutate(nb: nbformat.NotebookNode) -> None:
        c = cell(nb, cell_id)
        assert old in c.source, f"fixture changed: {old!r} not in {cell_id}"
        c.source = c.source.replace(old, new)

    return mutate


def set_meta(cell_id: str, **values: object) -> Mutation:
    return lambda nb: meta(nb, cell_id).update(values)


def set_attr(cell_id: str, name: str, value: object) -> Mutation:
    return lambda nb: cell(nb, cell_id).__setitem__(name, value)


def move_before(cell_id: str, other_id: str) -> Mutation:
    def mutate(nb: nbformat.NotebookNode) -> None:
        moving = cell(nb, cell_id)
        drop_cell(nb, cell_id)
        nb.cells.insert(nb.cells.index(cell(nb, other_id)), moving)

    return mutate


HIDDEN_BLOCK = (
    "### BEGIN HIDDEN TESTS\n"
    'assert count_words("  spaced   out\\twords\\nhere ") == 4\n'
    'assert count_words(" \\n ") == 0\n'
    "### END HIDDEN TESTS\n"
)
OUTPUT = nbformat.v4.new_output("stream", name="stdout", text="2.5\n")

SOURCE_PROBLEMS: dict[str, tuple[Mutation, str]] = {
    "leftover output": (set_attr("ex1-solution", "outputs", [OUTPUT]), "cell 3 (ex1-solution): has stored outputs"),
    "execution count": (set_attr("ex1-tests", "execution_count", 7), "(ex1-tests): has an execution count"),
    "missing cell id": (lambda nb: cell(nb, "intro").pop("id"), "cell 0: has no id"),
    "unreadable cell id": (set_attr("setup", "id", "Setup_Cell"), "id must match"),
    "duplicate cell id": (set_attr("ex2-tests", "id", "ex1-tests"), "duplicate cell id 'ex1-tests'"),
    "wrong kernel": (lambda nb: nb.metadata.kernelspec.update(name="ir"), "kernelspec name is 'ir'"),
    "duplicate grade_id": (set_meta("ex2-contract", grade_id="ex1_contract"), "duplicate grade_id 'ex1_contract'"),
    "zero points": (set_meta("ex2-tests", points=0), "'ex2_count_words_tests' needs points > 0"),
    "missing points": (lambda nb: meta(nb, "reflection-answer").pop("points"), "'reflection_median' needs points > 0"),
    "no solution markers": (replace_in("ex2-solution", "### BEGIN SOLUTION\n", ""), "malformed solution markers"),
    "solution without markers": (
        set_attr("ex2-solution", "source", "def count_words(text):\n    return len(text.split())"),
        "solution code without '### BEGIN SOLUTION'",
    ),
    "missing hidden block": (replace_in("ex2-tests", HIDDEN_BLOCK, ""), "(ex2-tests): no '### BEGIN HIDDEN TESTS'"),
    "unclosed hidden block": (replace_in("ex2-tests", "### END HIDDEN TESTS\n", ""), "malformed hidden-test markers"),
    "empty hidden block": (
        replace_in("ex1-empty-tests", 'assert _raises_value_error(()), "mean_of(()) should raise ValueError"\n', ""),
        "(ex1-empty-tests): the hidden-test block is empty",
    ),
    "only hidden asserts": (
        replace_in(
            "ex1-tests",
            'assert mean_of([1, 2, 3, 4]) == 2.5, "mean_of([1, 2, 3, 4]) should be 2.5"\n'
            'assert isinstance(mean_of([2, 2]), float), "mean_of should return a float"\n',
            "",
        ),
        "(ex1-tests): no visible assert outside the hidden-test block",
    ),
    "bare number last": (
        replace_in("ex1-tests", 'print("exercise 1: tests passed")', "1.0"),
        "ends with the bare expression `1.0`",
    ),
    "bare variable last": (
        replace_in("ex2-tests", 'print("exercise 2: tests passed")', "score"),
        "bare expression `score`",
    ),
    "len() last": (
        replace_in("ex2-tests", 'print("exercise 2: tests passed")', "len('abc')"),
        "bare expression `len('abc')`",
    ),
    "exercise without tests": (lambda nb: drop_cell(nb, "ex2-tests"), "exercise 'ex2_count_words' has no test cell"),
    "orphan test cell": (set_meta("ex2-tests", grade_id="ex3_other_tests"), "'ex3_other_tests' belongs to no exercise"),
    "test before its answer": (
        move_before("ex1-empty-tests", "ex1-solution"),
        "test of 'ex1_mean_of' comes before its answer",
    ),
    "no manual answer": (lambda nb: drop_cell(nb, "reflection-answer"), "no manually graded answer"),
}

RELEASE_PROBLEMS: dict[str, tuple[Mutation, str]] = {
    "solution code left in": (
        set_attr(
            "ex1-solution",
            "source",
            "def mean_of(xs):\n    if len(xs) == 0:\n        raise ValueError('no')\n    return sum(xs) / len(xs)",
        ),
        "(ex1-solution): solution text leaked: 'return sum(xs) / len(xs)'",
    ),
    "stub that does not raise": (
        set_attr("ex2-solution", "source", "def count_words(text):\n    # YOUR CODE HERE\n    pass"),
        "(ex2-solution): answer stub does not raise NotImplementedError",
    ),
    "solution line pasted in a later cell": (
        lambda nb: cell(nb, "ex2-contract").__setitem__("source", "Hint: `return len(text.split())` works."),
        "(ex2-contract): solution text leaked: 'return len(text.split())'",
    ),
    "model answer left in": (
        lambda nb: cell(nb, "reflection-answer").__setitem__(
            "source",
            "YOUR ANSWER HERE\n\nA few data-entry errors can shift a mean arbitrarily far, so look at the median "
            "(and at the outliers themselves) before trusting it.",
        ),
        "(reflection-answer): solution text leaked: 'A few data-entry errors",
    ),
    "hidden test left in": (
        lambda nb: cell(nb, "ex1-tests").__setitem__(
            "source", cell(nb, "ex1-tests").source + "\nassert mean_of((7,)) == 7.0"
        ),
        "(ex1-tests): hidden test text leaked: 'assert mean_of((7,)) == 7.0'",
    ),
    "leftover marker": (
        lambda nb: cell(nb, "setup").__setitem__("source", "### END HIDDEN TESTS"),
        "(setup): leftover marker 'END HIDDEN TESTS'",
    ),
    "graded cell dropped": (
        lambda nb: drop_cell(nb, "ex2-tests"),
        "grade_id 'ex2_count_words_tests' is in the source but not in the released",
    ),
}


# ----------------------------------------------------------------------------------------------- exercises


def test_exercises_follow_the_grade_id_prefix_convention(source: nbformat.NotebookNode) -> None:
    ex1, ex2 = exercises(source)
    ids = [c.id for c in source.cells]
    assert (ex1.grade_id, ex1.solution_index, ex1.test_indices, ex1.points) == (
        "ex1_mean_of",
        ids.index("ex1-solution"),
        (ids.index("ex1-tests"), ids.index("ex1-empty-tests")),
        3.0,
    )
    assert list(ex1.own_indices) == [ids.index(i) for i in ("ex1-solution", "ex1-tests", "ex1-empty-tests")]
    assert (ex2.grade_id, ex2.test_indices, ex2.points) == ("ex2_count_words", (ids.index("ex2-tests"),), 2.0)


def test_a_test_cell_belongs_to_the_longest_matching_answer(source: nbformat.NotebookNode) -> None:
    set_meta("ex2-solution", grade_id="ex1_mean_of_b")(source)  # an answer whose id extends ex1's
    set_meta("ex2-tests", grade_id="ex1_mean_of_b_tests")(source)  # starts with both answers' ids
    by_id = {ex.grade_id: ex for ex in exercises(source)}
    assert len(by_id["ex1_mean_of_b"].test_indices) == 1 and len(by_id["ex1_mean_of"].test_indices) == 2


# ----------------------------------------------------------------------------------------------- source notebooks


def test_fixture_source_passes(source: nbformat.NotebookNode) -> None:
    assert check_source_notebook(source) == []


def test_real_lab_source_follows_the_conventions(lab: Lab) -> None:
    problems = check_source_notebook(nbformat.read(lab.source_notebook, as_version=4))
    assert not problems, f"{lab.lab_id}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", SOURCE_PROBLEMS)
def test_planted_source_problem_is_caught(source: nbformat.NotebookNode, name: str) -> None:
    mutate, expected = SOURCE_PROBLEMS[name]
    mutate(source)
    problems = check_source_notebook(source)
    assert any(expected in p for p in problems), f"{expected!r} not in {problems}"


@pytest.mark.parametrize("ending", ['print("ok")', "None", "x = 1", "len('abc');", "check(1)", "%time 1 + 1;"])
def test_harmless_test_cell_endings_pass(source: nbformat.NotebookNode, ending: str) -> None:
    replace_in("ex2-tests", 'print("exercise 2: tests passed")', ending)(source)
    assert check_source_notebook(source) == []


# ----------------------------------------------------------------------------------------------- released notebooks


def test_fixture_release_passes(released: nbformat.NotebookNode, source: nbformat.NotebookNode) -> None:
    assert check_released_notebook(released, source) == []


@pytest.mark.parametrize("name", RELEASE_PROBLEMS)
def test_planted_release_problem_is_caught(
    released: nbformat.NotebookNode, source: nbformat.NotebookNode, name: str
) -> None:
    mutate, expected = RELEASE_PROBLEMS[name]
    mutate(released)
    problems = check_released_notebook(released, source)
    assert any(expected in p for p in problems), f"{expected!r} not in {problems}"


def test_the_source_itself_is_flagged_as_a_leak(source: nbformat.NotebookNode) -> None:
    problems = check_released_notebook(source, source)
    assert any("leftover marker 'BEGIN SOLUTION'" in p for p in problems)
    assert any("hidden test text leaked" in p for p in problems)
    assert any("solution text leaked" in p for p in problems)


@pytest.mark.slow
def test_nbgrader_generate_assignment_output_passes(mini_course: Path) -> None:
    from dcai_labs.grading.release import release_lab

    lab = get_lab("00_mini", mini_course)
    released = nbformat.read(release_lab(lab), as_version=4)
    assert check_released_notebook(released, nbformat.read(lab.source_notebook, as_version=4)) == []


# ----------------------------------------------------------------------------------------------- comparison


def test_equal_notebooks_have_no_differences(source: nbformat.NotebookNode) -> None:
    assert notebooks_equal(source, copy.deepcopy(source)) == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (replace_in("ex1-tests", "2.5", "3.5"), "cell 4 (ex1-tests): source differs at line 1"),
        (set_meta("ex1-tests", points=5), "cell 4 (ex1-tests): metadata differs"),
        (set_attr("intro", "cell_type", "raw"), "cell 0 (intro): cell type markdown != raw"),
        (lambda nb: drop_cell(nb, "setup"), "only in first: ['setup']"),
        (move_before("ex2-tests", "ex2-solution"), "same ids in another order"),
        (lambda nb: nb.metadata.update(title="changed"), "notebook metadata differs (title: '<missing>' != 'changed')"),
    ],
    ids=["source", "cell metadata", "cell type", "missing cell", "order", "notebook metadata"],
)
def test_differences_are_described(source: nbformat.NotebookNode, mutate: Mutation, expected: str) -> None:
    other = copy.deepcopy(source)
    mutate(other)
    diffs = notebooks_equal(source, other)
    assert any(expected in d for d in diffs), f"{expected!r} not in {diffs}"


# ----------------------------------------------------------------------------------------------- normalize


def test_normalize_clears_outputs_and_leaves_clean_files_untouched(tmp_path: Path) -> None:
    path = tmp_path / "lab.ipynb"
    shutil.copy2(MINI_NOTEBOOK, path)
    clean = path.read_bytes()
    normalize_notebook(path)
    assert path.read_bytes() == clean  # nothing to do: not rewritten

    nb = nbformat.read(path, as_version=4)
    dirty = cell(nb, "ex1-tests")
    dirty.outputs, dirty.execution_count = [OUTPUT], 3
    dirty.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    nbformat.write(nb, path)
    assert check_source_notebook(nbformat.read(path, as_version=4)) != []
    assert check_source_notebook(normalize_notebook(path)) == []
    assert check_source_notebook(nbformat.read(path, as_version=4)) == []
