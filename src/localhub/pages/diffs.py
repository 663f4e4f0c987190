"""A unified diff of one file (a commit's ``patch``) -> a GitHub-like HTML table, and its +/- counts.

Lines are classified by the hunk header's counts, not by their first character alone: a deleted line whose text
starts with ``-- `` reads ``--- ...`` in the patch, which a prefix test would take for a file header. Once a
hunk's old and new counts are used up, the parser is back between hunks (file headers, the next ``@@``). A patch
whose counts do not add up (hand-made, truncated) still renders: lines are then taken by their prefix.

Rows: ``hunk`` (the ``@@`` line), ``ctx``, ``add``, ``del``, each with the old and new line numbers, and ``meta``
for git's remarks (``\\ No newline at end of file``, ``Binary files ... differ``). File headers are not rows: the
page shows the file name itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from markupsafe import escape

HUNK_RE = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")

_SIGNS = {"add": "+", "del": "-", "ctx": " "}
_HEADERS = ("diff --git ", "--- ", "+++ ", "index ", "new file mode", "deleted file mode", "old mode", "new mode")


class DiffLine(NamedTuple):
    """One row: its kind, the old and new line numbers (None where the side has no line) and the text."""

    kind: str  # "hunk", "ctx", "add", "del" or "meta"
    old: int | None
    new: int | None
    text: str


class DiffStats(NamedTuple):
    """Lines added and deleted, as git's ``--numstat`` counts them."""

    additions: int
    deletions: int


def parse_patch(patch: str) -> Iterator[DiffLine]:
    """The rows of a unified diff, in order; see the module docstring for how lines are classified."""
    old = new = 0
    old_left = new_left = 0
    seen_hunk = False
    lines = patch.split("\n")  # not splitlines(): a form feed or U+2028 inside a line is content
    if lines[-1] == "":
        lines.pop()
    for line in lines:
        # Content lines always start with "+", "-" or " ", so these two can never be content.
        match = HUNK_RE.match(line)
        if match:
            old, new = int(match[1]), int(match[3])
            old_left = int(match[2]) if match[2] is not None else 1
            new_left = int(match[4]) if match[4] is not None else 1
            seen_hunk = True
            yield DiffLine("hunk", None, None, line)
            continue
        if line.startswith("\\"):
            yield DiffLine("meta", None, None, line)
            continue
        is_content = line == "" or line[0] in "+- "
        if not (is_content and (old_left > 0 or new_left > 0)):
            # Between hunks: git's file headers and remarks; content only if the hunk's counts were wrong.
            if line.startswith("Binary files "):
                yield DiffLine("meta", None, None, line)
            if not (seen_hunk and is_content and line) or line.startswith(_HEADERS):
                continue
        sign, text = line[:1], line[1:]
        if sign == "+":
            yield DiffLine("add", None, new, text)
            new, new_left = new + 1, new_left - 1
        elif sign == "-":
            yield DiffLine("del", old, None, text)
            old, old_left = old + 1, old_left - 1
        else:
            # " ", or an empty line: some tools strip the space of an empty context line.
            yield DiffLine("ctx", old, new, text)
            old, new, old_left, new_left = old + 1, new + 1, old_left - 1, new_left - 1


def patch_stats(patch: str) -> DiffStats:
    """How many lines the patch adds and deletes (hunk content only, never the ``---``/``+++`` headers)."""
    additions = deletions = 0
    for line in parse_patch(patch):
        additions += line.kind == "add"
        deletions += line.kind == "del"
    return DiffStats(additions, deletions)


def _cell(number: int | None) -> str:
    return f'<td class="num">{number}</td>' if number is not None else '<td class="num"></td>'


def _row(line: DiffLine) -> str:
    if line.kind in ("hunk", "meta"):
        return f'<tr class="{line.kind}">{_cell(None)}{_cell(None)}<td class="code">{escape(line.text)}</td></tr>'
    sign = _SIGNS[line.kind]
    return (
        f'<tr class="{line.kind}">{_cell(line.old)}{_cell(line.new)}'
        f'<td class="code"><span class="sign">{sign}</span>{escape(line.text)}</td></tr>'
    )


def render_patch(patch: str, max_lines: int = 2000) -> str:
    """The diff as ``<table class="diff">``; past ``max_lines`` rows, one row says how many lines were left out."""
    rows: list[str] = []
    left_out = 0
    for line in parse_patch(patch):
        if len(rows) < max_lines:
            rows.append(_row(line))
        else:
            left_out += 1
    if left_out:
        noun = "line" if left_out == 1 else "lines"
        note = f"{left_out} more diff {noun} not shown"
        rows.append(f'<tr class="truncated">{_cell(None)}{_cell(None)}<td class="code">{note}</td></tr>')
    return '<table class="diff"><tbody>\n' + "\n".join(rows) + "\n</tbody></table>"
