"""Grader validity: the tests of every autograded exercise reject plausible wrong answers and accept right ones.

A reference solution that passes proves little: tests that pass *anything* pass it too. So each exercise has a
table of variants (``tests/variants/<lab_id>.py``)::

    VARIANTS = {"ex1_mean_of": {"wrong": {"integer_division": "def mean_of(xs): ..."},
                                "right": {"statistics_fmean": "def mean_of(xs): ..."}}}

and every wrong variant must FAIL the exercise's tests while every right one must PASS.

Design (fast enough to run on every lab in the test suite): ONE kernel per lab, cwd = the lab's source folder.
The source notebook runs top to bottom once (an error there is reported: this doubles as the "the reference
solution runs" check). Then, for each variant, the variant's code runs in place of the answer cell, followed by
the exercise's own cells up to its last test cell; the verdict is "pass" if no cell raised. Afterwards the
original cells run again to restore the state later exercises rely on; if that fails (or the kernel died), the
kernel is restarted and the notebook replayed. A cell that runs past ``timeout`` is interrupted and counts as
an error.
"""

from __future__ import annotations

import copy
import math
import runpy
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbclient.util import run_sync

from .lab_hub import kernel_environment
from .notebook_checks import Exercise, exercises

KINDS = {"wrong": "fail", "right": "pass"}  # variant kind -> the verdict its exercise's tests must give
MIN_VARIANTS = {"wrong": 2, "right": 1}
SKIPPED = "skipped"


# --------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class VariantResult:
    """What one variant did under its exercise's tests."""

    exercise: str
    name: str
    expected: str  # "fail" (a wrong variant) or "pass" (a right one)
    outcome: str  # "fail", "pass", or "skipped" (the notebook itself did not run)
    error: str  # first line of the first error, "" when every cell passed
    seconds: float

    @property
    def ok(self) -> bool:
        return self.outcome == self.expected


@dataclass
class ValidityReport:
    """Grader validity of one notebook: the top-to-bottom run and every variant's verdict."""

    notebook: Path
    exercises: tuple[str, ...]
    results: list[VariantResult] = field(default_factory=list)
    top_to_bottom_error: str | None = None
    top_to_bottom_seconds: float = 0.0
    table_problems: list[str] = field(default_factory=list)
    restore_errors: list[str] = field(default_factory=list)
    total_seconds: float = 0.0

    def count(self, expected: str, outcome: str) -> int:
        """How many variants expected to ``expected`` ended with ``outcome`` (e.g. count("fail", "fail"))."""
        return sum(1 for r in self.results if r.expected == expected and r.outcome == outcome)

    def problems(self) -> list[str]:
        """Everything that makes the grader untrustworthy, one sentence each; [] means valid."""
        problems = []
        if self.top_to_bottom_error:
            problems.append(f"the source notebook does not run top to bottom: {self.top_to_bottom_error}")
        problems += self.table_problems
        for r in self.results:
            if r.outcome == "pass" and r.expected == "fail":
                problems.append(f"{r.exercise}: wrong variant '{r.name}' PASSED the tests (they do not catch it)")
            elif r.outcome == "fail" and r.expected == "pass":
                problems.append(f"{r.exercise}: right variant '{r.name}' FAILED the tests: {r.error}")
        problems += self.restore_errors
        return problems

    def table(self) -> str:
        """A plain-text table of every variant, for test logs and the terminal."""
        status = "ok" if not self.top_to_bottom_error else f"FAILED: {self.top_to_bottom_error}"
        head = (
            f"{self.notebook.name}: top-to-bottom run {status} ({self.top_to_bottom_seconds:.1f} s); "
            f"{len(self.results)} variants of {len(self.exercises)} exercises; {self.total_seconds:.1f} s in all"
        )
        rows = [("exercise", "variant", "expected", "outcome", "", "s", "first error")]
        rows += [
            (r.exercise, r.name, r.expected, r.outcome, "ok" if r.ok else "BAD", f"{r.seconds:.2f}", r.error)
            for r in self.results
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1] for row in rows]
        return "\n".join([head, *(line.rstrip() for line in lines)])


# --------------------------------------------------------------------------------------------- variants table


def load_variants(path: Path) -> dict:
    """The ``VARIANTS`` dict of a variants file (run as a script, so it may build sources with code)."""
    namespace = runpy.run_path(str(path), run_name="variants")
    variants = namespace.get("VARIANTS")
    if not isinstance(variants, Mapping):
        raise ValueError(f"{path} must define VARIANTS = {{answer_grade_id: {{'wrong': {{...}}, 'right': {{...}}}}}}")
    return dict(variants)


def check_variants_table(variants: Mapping, exercise_ids: list[str]) -> list[str]:
    """Problems of the table itself: unknown exercises or kinds, non-string sources, too few variants."""
    problems = []
    for gid, entry in variants.items():
        if gid not in exercise_ids:
            problems.append(f"variants name unknown exercise {gid!r} (exercises: {', '.join(exercise_ids) or 'none'})")
        if not isinstance(entry, Mapping):
            problems.append(f"{gid}: variants must be a dict with 'wrong' and 'right'")
            continue
        problems += [
            f"{gid}: unknown variant kind {kind!r} (use 'wrong' or 'right')" for kind in entry if kind not in KINDS
        ]
        problems += [
            f"{gid}: {kind} variant {name!r} is not a string of code"
            for kind in KINDS
            for name, src in _named(entry, kind).items()
            if not isinstance(src, str)
        ]
    for gid in exercise_ids:
        entry = variants.get(gid, {})
        counts = {kind: len(_named(entry, kind)) if isinstance(entry, Mapping) else 0 for kind in KINDS}
        if any(counts[kind] < need for kind, need in MIN_VARIANTS.items()):
            problems.append(
                f"{gid}: has {counts['wrong']} wrong and {counts['right']} right variants; "
                f"needs >= {MIN_VARIANTS['wrong']} wrong and >= {MIN_VARIANTS['right']} right"
            )
    return problems


def _named(entry: Mapping, kind: str) -> Mapping:
    named = entry.get(kind, {})
    return named if isinstance(named, Mapping) else {}


def _planned(variants: Mapping, exs: list[Exercise]) -> list[tuple[Exercise, str, str, str]]:
    """(exercise, name, expected verdict, source) for every runnable variant, in notebook order."""
    plan = []
    for ex in exs:
        entry = variants.get(ex.grade_id, {})
        if not isinstance(entry, Mapping):
            continue
        for kind, expected in KINDS.items():
            plan += [(ex, name, expected, src) for name, src in _named(entry, kind).items() if isinstance(src, str)]
    return plan


# --------------------------------------------------------------------------------------------- kernel


class _Runner:
    """One kernel executing cells of one notebook; errors come back as their first line, never raised."""

    def __init__(self, nb: nbformat.NotebookNode, cwd: Path, timeout: float, kernel_name: str) -> None:
        self.nb = nb
        self.dead = False
        self.client = NotebookClient(
            copy.deepcopy(nb),  # nbclient stores executed cells into its notebook: keep ours pristine
            timeout=max(1, math.ceil(timeout)),  # nbclient wants whole seconds
            kernel_name=kernel_name,
            interrupt_on_timeout=True,  # an endless loop becomes a KeyboardInterrupt error, not a hung suite
            resources={"metadata": {"path": str(cwd)}},
        )

    def run(self, index: int, source: str | None = None) -> str | None:
        """Run cell ``index`` (or ``source`` in its place); the first error line, or None if it passed."""
        cell = copy.deepcopy(self.nb.cells[index])
        if source is not None:
            cell = nbformat.v4.new_code_cell(source, id=cell.get("id"))
        if cell.cell_type != "code":
            return None
        start = time.perf_counter()
        try:
            self.client.execute_cell(cell, index)
        except CellExecutionError as exc:
            message = f"{exc.ename}: {exc.evalue}" if str(exc.evalue).strip() else exc.ename
            if exc.ename == "KeyboardInterrupt" and time.perf_counter() - start >= (self.client.timeout or 0):
                message = f"timed out after {self.client.timeout} s (interrupted)"
            return _first_line(f"{self._label(index)}: {message}")
        except DeadKernelError:
            self.dead = True
            return f"{self._label(index)}: the kernel died"
        return None

    def run_range(self, indices: range) -> str | None:
        """Run cells in order, stopping at the first error (later cells would only fail for that reason)."""
        for index in indices:
            error = self.run(index)
            if error:
                return error
        return None

    def restart(self) -> None:
        """A fresh kernel (same connection, so the client keeps working)."""
        km, kc = self.client.km, self.client.kc
        assert km is not None and kc is not None, "the kernel was started in __init__"
        # nbclient's manager and client are the async kinds at run time; their stubs say otherwise
        run_sync(km.restart_kernel)(now=True)  # type: ignore[arg-type]
        run_sync(kc.wait_for_ready)(timeout=self.client.startup_timeout)  # type: ignore[attr-defined]
        self.dead = False

    def _label(self, index: int) -> str:
        return f"cell {index} ({self.nb.cells[index].get('id', 'no id')})"


def _first_line(text: str, limit: int = 200) -> str:
    line = (text.strip().splitlines() or [""])[0]
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _run_variant(runner: _Runner, ex: Exercise, name: str, expected: str, source: str) -> VariantResult:
    start = time.perf_counter()
    error = runner.run(ex.solution_index, source) or runner.run_range(range(ex.solution_index + 1, ex.last_index + 1))
    return VariantResult(
        ex.grade_id, name, expected, "fail" if error else "pass", error or "", time.perf_counter() - start
    )


def _restore(runner: _Runner, ex: Exercise, after: str, everything: range) -> str | None:
    """Re-run the exercise's original cells; if that fails or the variant killed the kernel, start afresh.

    A variant that kills its kernel (os._exit, a segfault) has simply failed; the original cells failing
    afterwards in a live kernel means the variant left state behind that the notebook cannot recover from.
    """
    problem = None
    if not runner.dead:
        error = runner.run_range(ex.own_indices)
        if error is None:
            return None
        problem = f"{ex.grade_id}: the original cells failed after variant '{after}' ({error})"
    runner.restart()
    replay = runner.run_range(everything)
    if replay:
        where = problem or f"{ex.grade_id}: after variant {after!r}"
        problem = f"{where}; replaying the notebook in a fresh kernel failed: {replay}"
    return problem


# --------------------------------------------------------------------------------------------- entry point


def run_validity(
    notebook_path: Path,
    variants: Mapping,
    timeout: float = 120,
    kernel_name: str = "python3",
    kernel_env: Mapping[str, str] | None = None,
) -> ValidityReport:
    """Run the notebook once, then every variant of ``variants`` against its exercise's tests (one kernel).

    ``timeout`` is per cell, as nbgrader's Execute.timeout. ``kernel_env`` adds variables to the kernel's
    environment (a grading Hub's settings, see grading.lab_hub).
    """
    start = time.perf_counter()
    notebook_path = Path(notebook_path).resolve()
    nb = nbformat.read(notebook_path, as_version=4)
    exs = exercises(nb)
    report = ValidityReport(notebook_path, tuple(ex.grade_id for ex in exs))
    report.table_problems = check_variants_table(variants, list(report.exercises))
    plan = _planned(variants, exs)
    everything = range(len(nb.cells))

    runner = _Runner(nb, notebook_path.parent, timeout, kernel_name)
    with runner.client.setup_kernel(env=kernel_environment(dict(kernel_env or {}))):
        t0 = time.perf_counter()
        report.top_to_bottom_error = runner.run_range(everything)
        report.top_to_bottom_seconds = time.perf_counter() - t0
        for ex, name, expected, source in plan:
            if report.top_to_bottom_error:
                report.results.append(VariantResult(ex.grade_id, name, expected, SKIPPED, "", 0.0))
                continue
            report.results.append(_run_variant(runner, ex, name, expected, source))
            restore_error = _restore(runner, ex, name, everything)
            if restore_error:
                report.restore_errors.append(restore_error)
    report.total_seconds = time.perf_counter() - start
    return report
