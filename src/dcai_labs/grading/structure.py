"""Give a submission back the structure of its lab before nbgrader grades it, and say what was changed.

Learners hand in notebooks that stock nbgrader cannot grade: an answer cell copied and pasted (two cells with
one grade_id), a reflection cell deleted, every cell's nbgrader metadata lost (pasted into a fresh notebook),
a test cell's text edited. nbgrader stops on the first three with a ``KeyError`` (its own re-adding of missing
cells assumes the cell before a missing one is graded) and warns about every honest notebook of a lab with
hidden tests, because the checksum it compares was taken with the hidden tests in the cell.

:class:`RestoreStructure` runs first among autograde's sanitising steps (``Autograde.sanitize_preprocessors``)
and rebuilds the notebook against the lab's released notebook and the gradebook:

- the first cell carrying a grade_id of the lab keeps it; later copies become ordinary cells (their code
  still runs, in their place);
- a cell without nbgrader metadata whose text is that of a released locked cell gets its metadata back; an
  answer cell whose metadata was lost is recognised when it is the one unmarked cell of its type between
  the released cells around it;
- a released cell missing from the submission is put back after the cell that precedes it in the release
  (a test or given cell with its full text, a written answer as the unanswered stub, a code answer empty, so
  the learner's own definitions elsewhere are not overwritten);
- every locked cell gets its full source from the gradebook, hidden tests included, so nbgrader's checksum
  check is silent for honest notebooks and speaks only of real edits.

What it did goes into ``nb.metadata["dcai_grading"]`` as *notes* (repairs of honest accidents) and *flags*
(edits that need a person to look: a locked cell's text, points or type changed, nbgrader metadata invented),
which :class:`dcai_labs.grading.ledger.RecordGradingReport` stores with the grades.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor

from ..course import CourseError, get_lab
from .submissions import nbgrader_meta as _meta

#: Where a notebook carries what grading found, from sanitising to the saved report.
REPORT_KEY = "dcai_grading"
#: Set by ``dcai autograde`` on a notebook it found under another name: the name it was handed in as.
HANDED_IN_AS_KEY = "dcai_handed_in_as"

_GRADED_FLAGS = ("grade", "solution", "locked", "task")


def _text(cell: Any) -> str:
    source = cell.get("source", "")
    return ("".join(source) if isinstance(source, list) else source).strip()


def report_of(nb: Any) -> dict[str, list[str]]:
    """The notebook's grading report so far (notes, flags, problems), created empty when missing."""
    report = nb.metadata.setdefault(REPORT_KEY, {})
    for key in ("notes", "flags", "problems"):
        report.setdefault(key, [])
    return report


class RestoreStructure(NbGraderPreprocessor):
    """Rebuild a submission's cells against its lab's release; record notes and flags (see the module)."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        nb.metadata.pop(REPORT_KEY, None)  # whatever a submission claims here is not the grader's
        report = report_of(nb)
        handed_in_as = nb.metadata.pop(HANDED_IN_AS_KEY, None)
        if handed_in_as:
            report["notes"].append(f"handed in as {str(handed_in_as)[:200]!r}; graded under the lab's name")
        details = resources.get("nbgrader", {})
        released = self._released(details.get("assignment"), details.get("notebook"))
        if released is None:
            return nb, resources
        with Gradebook(details["db_url"]) as gb:
            try:
                full_source = {
                    cell.name: cell.source
                    for cell in gb.find_notebook(details["notebook"], details["assignment"]).source_cells
                }
            except MissingEntry:
                return nb, resources
        nb.cells = rebuild(nb.cells, released.cells, full_source, report)
        return nb, resources

    def _released(self, assignment: str | None, notebook: str | None) -> Any:
        """The lab's released notebook, or None when this is not one of the course's labs."""
        if not assignment or not notebook:
            return None
        configured = self.config.get("CourseDirectory", {}).get("root")
        try:
            lab = get_lab(assignment, Path(configured) if configured else None)
        except CourseError:
            return None
        path = lab.released_notebook.with_name(f"{notebook}.ipynb")
        return nbformat.read(path, as_version=4) if path.is_file() else None


def rebuild(cells: list, released: list, full_source: dict[str, str], report: dict[str, list[str]]) -> list:
    """The submission's ``cells`` in the structure of ``released`` (see the module); appends to ``report``."""
    release = {_meta(c)["grade_id"]: c for c in released if _meta(c).get("grade_id")}
    order = [_meta(c)["grade_id"] for c in released if _meta(c).get("grade_id")]
    locked_by_text = {_text(c): gid for gid, c in release.items() if not _meta(c).get("solution") and _text(c)}
    notes, flags = report["notes"], report["flags"]

    out: list = []
    placed: dict[str, int] = {}  # grade_id -> index in out
    unmarked_restored: list[str] = []  # cells recognised by their text or place
    for number, cell in enumerate(cells):
        cell = copy.deepcopy(cell)
        gid = _meta(cell).get("grade_id")
        if gid is not None and gid not in release:
            flags.append(f"a cell claims grade_id {gid!r}, which this lab does not have; graded as an ordinary cell")
            _demote(cell)
        elif gid is not None and gid in placed:
            notes.append(f"a second copy of cell {gid!r} ran as an ordinary cell; the first one is graded")
            _demote(cell)
        elif gid is None and _text(cell) in locked_by_text and locked_by_text[_text(cell)] not in placed:
            gid = locked_by_text[_text(cell)]
            if gid in {_meta(c).get("grade_id") for c in cells[number + 1 :]}:  # a marked copy comes later
                gid = None
            else:
                unmarked_restored.append(gid)
                cell.metadata["nbgrader"] = copy.deepcopy(_meta(release[gid]))
        if gid is not None and gid in release and gid not in placed:
            _check_locked(cell, release[gid], gid, flags)
            placed[gid] = len(out)
        out.append(cell)

    for position, gid in enumerate(order):
        if gid in placed:
            continue
        wanted = release[gid]
        before = next((placed[g] for g in reversed(order[:position]) if g in placed), -1)
        after = next((placed[g] for g in order[position + 1 :] if g in placed), len(out))
        unmarked = [i for i in range(before + 1, after) if not _meta(out[i]) and out[i].cell_type == wanted.cell_type]
        if _meta(wanted).get("solution") and len(unmarked) == 1:
            index = unmarked[0]
            out[index].metadata["nbgrader"] = copy.deepcopy(_meta(wanted))
            unmarked_restored.append(gid)
        else:
            index = before + 1
            out.insert(index, _stand_in(wanted, gid, notes))
            placed = {g: (i + 1 if i >= index else i) for g, i in placed.items()}
        placed[gid] = index

    if unmarked_restored:
        shown = ", ".join(repr(g) for g in unmarked_restored[:4]) + (", ..." if len(unmarked_restored) > 4 else "")
        notes.append(
            f"{len(unmarked_restored)} cells had lost their nbgrader metadata ({shown}); recognised by their"
            " text (locked cells) or their place (answers)"
        )
    for gid, index in placed.items():  # every locked cell carries the full text it is graded with
        if not _meta(release[gid]).get("solution") and gid in full_source:
            out[index].source = full_source[gid]
            out[index].metadata["nbgrader"] = copy.deepcopy(_meta(release[gid]))
    return out


def _demote(cell: Any) -> None:
    cell.metadata.pop("nbgrader", None)
    for key in ("editable", "deletable"):
        cell.metadata.pop(key, None)


def _check_locked(cell: Any, wanted: Any, gid: str, flags: list[str]) -> None:
    """Flag what a learner cannot change in JupyterLab without editing the notebook's metadata or JSON."""
    mine, theirs = _meta(cell), _meta(wanted)
    changed = [key for key in _GRADED_FLAGS if bool(mine.get(key)) != bool(theirs.get(key))]
    if theirs.get("grade") and float(mine.get("points", 0) or 0) != float(theirs.get("points", 0) or 0):
        changed.append("points")
    if cell.cell_type != wanted.cell_type:
        changed.append("cell type")
    if changed:
        flags.append(f"cell {gid!r}: its {', '.join(changed)} changed; graded as released")
    if not theirs.get("solution") and _text(cell) != _text(wanted):
        flags.append(f"locked cell {gid!r} was edited; graded with its released text")
    cell.metadata["nbgrader"] = copy.deepcopy(theirs)
    if cell.cell_type != wanted.cell_type:
        replacement = copy.deepcopy(wanted)
        replacement.source = cell.source
        cell.clear()
        cell.update(replacement)


def _stand_in(wanted: Any, gid: str, notes: list[str]) -> Any:
    """A missing released cell, put back: locked cells whole, answers unanswered."""
    cell = copy.deepcopy(wanted)
    if _meta(wanted).get("solution"):
        if cell.cell_type == "code":
            cell.source = ""
            notes.append(f"answer cell {gid!r} was missing; graded from the learner's other cells")
        else:
            notes.append(f"answer cell {gid!r} was deleted; put back unanswered")
    else:
        notes.append(f"cell {gid!r} was missing; put back from the release")
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell
