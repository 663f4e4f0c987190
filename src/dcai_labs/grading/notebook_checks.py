"""Structural checks of a lab's notebooks: pure functions that return problems as sentences (empty = OK).

The conventions they enforce are in docs/authoring-labs.md. They exist because nbgrader accepts many notebooks
that grade badly: a test cell without hidden tests is trivially gamed, a bare number on a test cell's last line
becomes partial credit, a leftover output leaks an answer, a duplicated grade_id rejects every submission. The
test suite runs them on every lab in source/ (and on its released notebook); ``dcai normalize`` runs them too.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

CELL_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
BEGIN_SOLUTION, END_SOLUTION = "BEGIN SOLUTION", "END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)
KERNEL_NAME = "python3"
# Calls whose value is a number: as a test cell's last line nbgrader would read it as partial credit.
NUMERIC_CALLS = frozenset({"len", "sum", "int", "float", "round", "abs", "min", "max", "mean", "count"})
# A line of solution or hidden-test text is worth looking for in a released notebook when it has at least this
# many letters/digits: shorter ones ("else:", "pass", "x = 1") occur everywhere by coincidence.
MIN_LEAK_CHARS = 6


# --------------------------------------------------------------------------------------------- cell kinds


def nbgrader_meta(cell: nbformat.NotebookNode) -> dict:
    """The cell's nbgrader metadata ({} for a cell nbgrader ignores)."""
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _label(nb: nbformat.NotebookNode, index: int) -> str:
    """How problems name a cell: its position and id (ids are stable, positions help find it in the file)."""
    return f"cell {index} ({nb.cells[index].get('id', 'no id')})"


def is_test_cell(cell: nbformat.NotebookNode) -> bool:
    """An autograder test cell: graded code that is not itself an answer."""
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_autograded_answer(cell: nbformat.NotebookNode) -> bool:
    """A learner's answer graded by test cells: solution code, not graded itself."""
    meta = nbgrader_meta(cell)
    return cell.cell_type == "code" and bool(meta.get("solution")) and not meta.get("grade")


def is_manual_answer(cell: nbformat.NotebookNode) -> bool:
    """A manually graded answer (grade + solution), usually a markdown reflection."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and bool(meta.get("solution"))


# --------------------------------------------------------------------------------------------- exercises


@dataclass(frozen=True)
class Exercise:
    """One autograded exercise: its answer cell and the test cells that grade it."""

    grade_id: str
    solution_index: int
    test_indices: tuple[int, ...]
    points: float

    @property
    def last_index(self) -> int:
        """Index of the exercise's last cell (its last test cell, or the answer if it has no tests)."""
        return max((self.solution_index, *self.test_indices))

    @property
    def own_indices(self) -> range:
        """The exercise's own cells: the answer through the last test cell (what validity re-runs)."""
        return range(self.solution_index, self.last_index + 1)


def _owner(test_grade_id: str, answer_ids: list[str]) -> str | None:
    """The answer a test cell belongs to: the longest answer grade_id its own grade_id starts with."""
    matches = [gid for gid in answer_ids if test_grade_id.startswith(gid)]
    return max(matches, key=len) if matches else None


def exercises(nb: nbformat.NotebookNode) -> list[Exercise]:
    """Every autograded exercise of the notebook, in notebook order."""
    answers = {nbgrader_meta(c).get("grade_id", ""): i for i, c in enumerate(nb.cells) if is_autograded_answer(c)}
    tests: dict[str, list[int]] = {gid: [] for gid in answers}
    for i, cell in enumerate(nb.cells):
        owner = _owner(nbgrader_meta(cell).get("grade_id", ""), list(answers)) if is_test_cell(cell) else None
        if owner is not None:
            tests[owner].append(i)
    return [
        Exercise(gid, index, tuple(tests[gid]), sum(_points(nb.cells[t]) or 0.0 for t in tests[gid]))
        for gid, index in answers.items()
    ]


def _points(cell: nbformat.NotebookNode) -> float | None:
    try:
        return float(nbgrader_meta(cell).get("points"))  # type: ignore[arg-type]  # None -> TypeError -> None
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------------- source text


@dataclass(frozen=True)
class Regions:
    """A cell's source split by one pair of delimiters (nbgrader finds a delimiter anywhere in a line)."""

    outside: tuple[str, ...]
    inside: tuple[str, ...]
    blocks: int
    error: str | None


def split_regions(source: str, begin: str, end: str) -> Regions:
    """Lines outside/inside ``begin``..``end`` blocks, delimiter lines dropped, plus any nesting error."""
    outside: list[str] = []
    inside: list[str] = []
    blocks, depth, error = 0, 0, None
    for line in source.splitlines():
        if begin in line:
            error = error or (f"nested '{begin}'" if depth else None)
            depth, blocks = depth + 1, blocks + 1
        elif end in line:
            error = error or (None if depth else f"'{end}' without '{begin}'")
            depth = max(depth - 1, 0)
        else:
            (inside if depth else outside).append(line)
    if depth:
        error = error or f"'{begin}' without '{end}'"
    return Regions(tuple(outside), tuple(inside), blocks, error)


def python_source(source: str) -> str:
    """The cell as plain Python (IPython magics and shell escapes turned into calls) so ``ast`` can read it."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return source
    return TransformerManager().transform_cell(source)


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(python_source(source))
    except SyntaxError:
        return None


def _is_assert_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name.lower().startswith("assert")


def has_assertions(source: str) -> bool:
    """True when the code asserts something: ``assert`` or an assert_* helper (np.testing, pandas.testing)."""
    tree = _parse(source)
    if tree is None:
        return re.search(r"^\s*assert\b|\bassert_?\w*\(", source, re.MULTILINE) is not None
    return any(isinstance(node, ast.Assert) or _is_assert_call(node) for node in ast.walk(tree))


def _shows_a_number(expr: ast.expr) -> bool:
    """Whether a final expression's displayed value may be a number (nbgrader's partial credit)."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, (int, float, complex))
    if isinstance(expr, (ast.UnaryOp, ast.BinOp, ast.Compare, ast.BoolOp, ast.Name, ast.Attribute, ast.Subscript)):
        return True
    if isinstance(expr, ast.Call):
        func = expr.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in NUMERIC_CALLS
    return False


def ends_with_bare_value(source: str) -> str | None:
    """The last statement's text when it is an expression whose (possibly numeric) value would be displayed."""
    code = python_source(source)
    tree = _parse(source)
    if tree is None or not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return None
    last_line = [line for line in code.splitlines() if line.strip() and not line.strip().startswith("#")][-1]
    if last_line.split("#", 1)[0].rstrip().endswith(";"):
        return None  # a trailing semicolon suppresses the display
    expr = tree.body[-1].value
    if not _shows_a_number(expr):
        return None
    return ast.get_source_segment(code, expr) or "?"


# --------------------------------------------------------------------------------------------- source notebook


def check_source_notebook(nb: nbformat.NotebookNode) -> list[str]:
    """Everything docs/authoring-labs.md requires of an instructor notebook, as a list of problems."""
    return [
        *_check_outputs(nb),
        *_check_cell_ids(nb),
        *_check_kernel(nb),
        *_check_grade_metadata(nb),
        *_check_solution_cells(nb),
        *_check_exercises(nb),
        *_check_test_cells(nb),
        *_check_manual_answers(nb),
    ]


def _check_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Stored outputs leak answers into the repository and make diffs noisy."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"{_label(nb, i)}: has stored outputs (run `dcai normalize`)")
        if cell.get("execution_count") is not None:
            problems.append(f"{_label(nb, i)}: has an execution count (run `dcai normalize`)")
    return problems


def _check_cell_ids(nb: nbformat.NotebookNode) -> list[str]:
    """Stable readable ids: nbgrader and the validity harness refer to cells by them."""
    problems, seen = [], set()
    for i, cell in enumerate(nb.cells):
        cell_id = cell.get("id")
        if not cell_id:
            problems.append(f"cell {i}: has no id (needs nbformat >= 4.5 and an explicit id)")
            continue
        if not CELL_ID.match(cell_id):
            problems.append(f"{_label(nb, i)}: id must match {CELL_ID.pattern}")
        if cell_id in seen:
            problems.append(f"{_label(nb, i)}: duplicate cell id {cell_id!r}")
        seen.add(cell_id)
    return problems


def _check_kernel(nb: nbformat.NotebookNode) -> list[str]:
    name = nb.metadata.get("kernelspec", {}).get("name")
    return [] if name == KERNEL_NAME else [f"kernelspec name is {name!r}, must be {KERNEL_NAME!r}"]


def _check_grade_metadata(nb: nbformat.NotebookNode) -> list[str]:
    """Points > 0 on graded cells and unique grade_ids (a duplicate makes nbgrader reject submissions)."""
    problems, seen = [], set()
    for i, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if not any(meta.get(k) for k in ("grade", "solution", "locked", "task")):
            continue
        grade_id = meta.get("grade_id")
        if not grade_id:
            problems.append(f"{_label(nb, i)}: nbgrader cell without a grade_id")
        elif grade_id in seen:
            problems.append(f"{_label(nb, i)}: duplicate grade_id {grade_id!r}")
        seen.add(grade_id)
        if meta.get("grade") and not (_points(cell) or 0) > 0:
            problems.append(f"{_label(nb, i)}: graded cell {grade_id!r} needs points > 0 (has {meta.get('points')!r})")
    return problems


def _check_solution_cells(nb: nbformat.NotebookNode) -> list[str]:
    """Solution code sits between markers, else the whole cell (contract included) is replaced on release."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not nbgrader_meta(cell).get("solution"):
            continue
        regions = split_regions(cell.source, BEGIN_SOLUTION, END_SOLUTION)
        if regions.error:
            problems.append(f"{_label(nb, i)}: malformed solution markers: {regions.error}")
        elif not regions.blocks:
            problems.append(f"{_label(nb, i)}: solution code without '### {BEGIN_SOLUTION}' / '### {END_SOLUTION}'")
    return problems


def _check_exercises(nb: nbformat.NotebookNode) -> list[str]:
    """Every answer is graded by tests after it, and every test cell grades some answer."""
    problems = []
    answer_ids = [nbgrader_meta(c).get("grade_id", "") for c in nb.cells if is_autograded_answer(c)]
    for ex in exercises(nb):
        if not ex.test_indices:
            problems.append(f"exercise {ex.grade_id!r} has no test cell (grade_id starting with {ex.grade_id!r})")
        for t in ex.test_indices:
            if t < ex.solution_index:
                problems.append(f"{_label(nb, t)}: test of {ex.grade_id!r} comes before its answer cell")
    for i, cell in enumerate(nb.cells):
        gid = nbgrader_meta(cell).get("grade_id", "")
        if is_test_cell(cell) and _owner(gid, answer_ids) is None:
            problems.append(
                f"{_label(nb, i)}: test cell {gid!r} belongs to no exercise (its grade_id must start with the answer's)"
            )
    return problems


def _check_test_cells(nb: nbformat.NotebookNode) -> list[str]:
    """Visible asserts guide the learner, hidden ones keep the grade honest, no bare value gives partial credit."""
    problems = []
    for i, cell in enumerate(nb.cells):
        if not is_test_cell(cell):
            continue
        label = _label(nb, i)
        hidden = split_regions(cell.source, BEGIN_HIDDEN, END_HIDDEN)
        if hidden.error:
            problems.append(f"{label}: malformed hidden-test markers: {hidden.error}")
        if not hidden.blocks:
            problems.append(f"{label}: no '### {BEGIN_HIDDEN}' / '### {END_HIDDEN}' block")
        elif not any(line.strip() for line in hidden.inside):
            problems.append(f"{label}: the hidden-test block is empty")
        if not has_assertions("\n".join(hidden.outside)):
            problems.append(f"{label}: no visible assert outside the hidden-test block")
        bare = ends_with_bare_value(cell.source)
        if bare:
            problems.append(
                f"{label}: ends with the bare expression `{bare}`; nbgrader reads a number there as partial credit, "
                "end with print(...)"
            )
    return problems


def _check_manual_answers(nb: nbformat.NotebookNode) -> list[str]:
    manual = [c for c in nb.cells if is_manual_answer(c) and c.cell_type == "markdown"]
    return [] if manual else ["no manually graded answer (markdown cell with nbgrader grade + solution)"]


# --------------------------------------------------------------------------------------------- released notebook


def _significant(line: str) -> bool:
    return len(re.sub(r"\W", "", line)) >= MIN_LEAK_CHARS and not any(m in line for m in MARKERS)


def _fragments(lines: list[str] | tuple[str, ...]) -> set[str]:
    """Stripped lines, and the sentences of prose lines (a markdown answer is often one long line)."""
    fragments = set()
    for line in lines:
        fragments.add(line.strip())
        fragments.update(part.strip() for part in re.split(r"(?<=[.!?])\s+", line) if part.strip())
    return fragments


def _secret_and_public_lines(source_nb: nbformat.NotebookNode) -> tuple[dict[str, set[str]], set[str]]:
    """Source text only the instructor may see ({"solution": lines, "hidden test": lines}) and all other text.

    A markdown answer without markers is secret as a whole: nbgrader replaces the entire cell on release.
    """
    secret: dict[str, set[str]] = {"solution": set(), "hidden test": set()}
    public: set[str] = set()
    for cell in source_nb.cells:
        solution = split_regions(cell.source, BEGIN_SOLUTION, END_SOLUTION)
        whole_answer = bool(nbgrader_meta(cell).get("solution")) and not solution.blocks
        hidden = split_regions("\n".join(solution.outside), BEGIN_HIDDEN, END_HIDDEN)
        secret["solution"].update(_fragments(cell.source.splitlines() if whole_answer else solution.inside))
        secret["hidden test"].update(_fragments(hidden.inside))
        if not whole_answer:
            public.update(_fragments(hidden.outside))
    return {kind: {line for line in lines - public if _significant(line)} for kind, lines in secret.items()}, public


def _leaks(cell: nbformat.NotebookNode, secrets: set[str]) -> list[str]:
    """Secret lines found in a cell: as a whole line, or inside a line when long enough to be no coincidence."""
    lines = {line.strip() for line in cell.source.splitlines()}
    return sorted(s for s in secrets if s in lines or (len(s) >= 20 and s in cell.source))


def check_released_notebook(released_nb: nbformat.NotebookNode, source_nb: nbformat.NotebookNode) -> list[str]:
    """A released (student) notebook holds no solution, no hidden test, no marker, and its stubs raise."""
    problems = []
    secrets, _ = _secret_and_public_lines(source_nb)
    for i, cell in enumerate(released_nb.cells):
        label = _label(released_nb, i)
        problems += [f"{label}: leftover marker '{m}'" for m in MARKERS if m in cell.source]
        for kind, lines in secrets.items():
            problems += [f"{label}: {kind} text leaked: {line!r}" for line in _leaks(cell, lines)]
        if is_autograded_answer(cell) and not re.search(r"raise\s+NotImplementedError", cell.source):
            problems.append(f"{label}: answer stub does not raise NotImplementedError")
    problems += _check_same_graded_cells(released_nb, source_nb)
    return problems


def _graded_ids(nb: nbformat.NotebookNode) -> list[str]:
    return [nbgrader_meta(c)["grade_id"] for c in nb.cells if "grade_id" in nbgrader_meta(c)]


def _check_same_graded_cells(released_nb: nbformat.NotebookNode, source_nb: nbformat.NotebookNode) -> list[str]:
    """Every graded or answer cell of the source survives release, and no other appears."""
    released, source = set(_graded_ids(released_nb)), set(_graded_ids(source_nb))
    return [
        f"grade_id {gid!r} is in the source but not in the released notebook" for gid in sorted(source - released)
    ] + [f"grade_id {gid!r} is in the released notebook but not in the source" for gid in sorted(released - source)]


# --------------------------------------------------------------------------------------------- comparison


def _first_difference(a: str, b: str) -> str:
    a_lines, b_lines = a.splitlines(), b.splitlines()
    for n, (x, y) in enumerate(zip(a_lines, b_lines), start=1):
        if x != y:
            return f"line {n}: {x!r} != {y!r}"
    return f"{len(a_lines)} lines != {len(b_lines)} lines"


def _dict_differences(a: dict, b: dict) -> str:
    keys = sorted({*a, *b} - {k for k in {*a, *b} if a.get(k, ...) == b.get(k, ...)})
    return ", ".join(f"{k}: {a.get(k, '<missing>')!r} != {b.get(k, '<missing>')!r}" for k in keys)


def _cell_differences(where: str, a: nbformat.NotebookNode, b: nbformat.NotebookNode) -> list[str]:
    problems = []
    if a.cell_type != b.cell_type:
        problems.append(f"{where}: cell type {a.cell_type} != {b.cell_type}")
    if a.source != b.source:
        problems.append(f"{where}: source differs at {_first_difference(a.source, b.source)}")
    if a.get("metadata", {}) != b.get("metadata", {}):
        problems.append(
            f"{where}: metadata differs ({_dict_differences(a.get('metadata', {}), b.get('metadata', {}))})"
        )
    return problems


def notebooks_equal(a: nbformat.NotebookNode, b: nbformat.NotebookNode) -> list[str]:
    """How notebook ``a`` differs from ``b`` (cell ids, types, sources, metadata; notebook metadata); [] if equal.

    Outputs are not compared: the notebooks compared (source/released) are stored without them.
    """
    problems = []
    if (a.nbformat, a.nbformat_minor) != (b.nbformat, b.nbformat_minor):
        problems.append(f"nbformat {a.nbformat}.{a.nbformat_minor} != {b.nbformat}.{b.nbformat_minor}")
    if a.metadata != b.metadata:
        problems.append(f"notebook metadata differs ({_dict_differences(a.metadata, b.metadata)})")
    ids_a, ids_b = [c.get("id") for c in a.cells], [c.get("id") for c in b.cells]
    if ids_a != ids_b:
        only_a, only_b = [i for i in ids_a if i not in ids_b], [i for i in ids_b if i not in ids_a]
        problems.append(
            f"cell ids differ: {len(ids_a)} vs {len(ids_b)} cells; only in first: {only_a}; only in second: {only_b}"
            + ("; same ids in another order" if not only_a and not only_b else "")
        )
    for i, (cell_a, cell_b) in enumerate(zip(a.cells, b.cells)):
        where = (
            f"cell {i} ({cell_a.get('id')})"
            if cell_a.get("id") == cell_b.get("id")
            else f"cell {i} ({cell_a.get('id')} vs {cell_b.get('id')})"
        )
        problems += _cell_differences(where, cell_a, cell_b)
    return problems


# --------------------------------------------------------------------------------------------- normalize


def clear_outputs(nb: nbformat.NotebookNode) -> bool:
    """Clear outputs, execution counts and timing metadata in place; True if anything changed."""
    changed = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if cell.get("outputs") or cell.get("execution_count") is not None or "execution" in cell.get("metadata", {}):
            cell.outputs, cell.execution_count = [], None
            cell.metadata.pop("execution", None)
            changed = True
    return changed


def normalize_notebook(path: Path) -> nbformat.NotebookNode:
    """Clear a source notebook's outputs on disk (rewritten only if something changed) and return it."""
    nb = nbformat.read(path, as_version=4)
    if clear_outputs(nb):
        nbformat.write(nb, path)
    return nb
