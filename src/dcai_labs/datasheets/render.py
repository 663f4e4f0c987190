"""Render a datasheet dict as Markdown: the body of a dataset card, with the seven sections in order.

Computed answers are formatted for people (a table of value ranges, percentages next to class counts) and
marked as computed, so a reader knows which statements were checked against the data. The renderer never
fails on a malformed answer: it shows what it was given, because a card with an odd-looking line is more
useful than no card, and the linter is the place that complains.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from dcai_labs.datasheets.questions import SECTIONS

NOT_ANSWERED = "*Not answered yet.*"
COMPUTED_MARK = "*(computed from the data)*"
_LIST_LIMIT = 12  # name at most this many columns in one sentence


def _code(name: Any) -> str:
    return f"`{name}`"


def _names(names: Sequence[Any]) -> str:
    shown = ", ".join(_code(n) for n in names[:_LIST_LIMIT])
    return shown + (f" and {len(names) - _LIST_LIMIT} more" if len(names) > _LIST_LIMIT else "")


def _number(value: Any) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:.4g}"
    try:
        return _number(value.item())  # numpy scalars
    except AttributeError:
        return str(value)


def _label_name(label: Any, label_names: Sequence[str] | None) -> str:
    try:
        return f"{label_names[int(label)]} ({label})" if label_names else str(label)
    except (IndexError, TypeError, ValueError):
        return str(label)


def _feature_types(value: Mapping) -> str:
    groups: dict[str, list[Any]] = {}
    for column, kind in value.items():
        groups.setdefault(str(kind), []).append(column)
    return "\n".join(f"- {kind} ({len(cols)}): {_names(cols)}" for kind, cols in groups.items())


def _label_distribution(value: Mapping, label_names: Sequence[str] | None) -> str:
    try:
        total = sum(int(n) for n in value.values())
    except (TypeError, ValueError):
        total = 0
    lines = []
    for label, count in value.items():
        share = f" ({int(count) / total:.1%})" if total else ""
        lines.append(f"- {_label_name(label, label_names)}: {_number(count)}{share}")
    return "\n".join(lines) or "No label values."


def _missing_values(value: Mapping) -> str:
    missing = {col: n for col, n in value.items() if n}
    if not missing:
        return f"None: every cell of all {len(value)} columns holds a value."
    lines = [f"- {_code(col)}: {_number(n)}" for col, n in missing.items()]
    complete = len(value) - len(missing)
    return "\n".join(lines + [f"\nThe other {complete} columns are complete."] if complete else lines)


def _value_ranges(value: Mapping) -> str:
    if not value:
        return "No numeric features."
    rows = ["| feature | min | max |", "| --- | --- | --- |"]
    for col, bounds in value.items():
        try:
            low, high = bounds
            rows.append(f"| {_code(col)} | {_number(low)} | {_number(high)} |")
        except (TypeError, ValueError):
            rows.append(f"| {_code(col)} | {bounds!r} | |")
    return "\n".join(rows)


def format_fact(key: str, value: Any, label_names: Sequence[str] | None = None) -> str:
    """Markdown for the computed answer ``value`` of question ``key`` (anything unexpected: its repr)."""
    try:
        if key in ("n_instances", "n_features"):
            return _number(value)
        if key == "duplicate_rows":
            return f"{_number(value)} rows repeat an earlier row exactly (the first occurrence not counted)."
        if key == "class_balance":
            return f"{_number(value)} (the smallest class divided by the largest; 1 means perfectly balanced)"
        if key == "feature_types" and isinstance(value, Mapping):
            return _feature_types(value)
        if key == "label_distribution" and isinstance(value, Mapping):
            return _label_distribution(value, label_names)
        if key == "missing_values" and isinstance(value, Mapping):
            return _missing_values(value)
        if key == "value_ranges" and isinstance(value, Mapping):
            return _value_ranges(value)
        if key == "sensitive_columns" and isinstance(value, (list, tuple)):
            return (
                f"{_names(list(value))}: check them before sharing the data."
                if value
                else "None found by name or by content."
            )
    except Exception:
        pass
    return f"`{value!r}`"


def _answer(question_computed: bool, key: str, answer: Any, label_names: Sequence[str] | None) -> str:
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return NOT_ANSWERED
    if question_computed:
        return format_fact(key, answer, label_names)
    return str(answer).strip()


def datasheet_markdown(datasheet: Mapping[str, Any]) -> str:
    """The datasheet as Markdown: a title, then every section (``## Title``) and question in order.

    ``datasheet`` is the course's datasheet dict (``name``, ``license``, ``label_names``, ``sections``...);
    absent sections or answers are shown as not answered, so the reader sees what is missing.
    """
    name = datasheet.get("name") or "Unnamed dataset"
    label_names = datasheet.get("label_names")
    sections = datasheet.get("sections") or {}
    parts = [
        f"# {name}",
        "A datasheet in the seven sections of *Datasheets for Datasets* (Gebru et al., 2021). Answers marked "
        f"{COMPUTED_MARK} were computed from the data when the datasheet was built, not typed.",
    ]
    for section in SECTIONS:
        answers = sections.get(section.key) if isinstance(sections, Mapping) else None
        answers = answers if isinstance(answers, Mapping) else {}
        parts.append(f"## {section.title}")
        for question in section.questions:
            mark = f" {COMPUTED_MARK}" if question.computed else ""
            text = _answer(question.computed, question.key, answers.get(question.key), label_names)
            parts.append(f"**{question.text}**{mark}\n\n{text}")
    return "\n\n".join(parts) + "\n"
