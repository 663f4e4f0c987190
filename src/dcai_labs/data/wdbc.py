"""Breast Cancer Wisconsin (Diagnostic), a real tabular dataset that ships offline, and damaged copies of it.

:func:`load_wdbc` returns the 569 instances that scikit-learn bundles (30 measurements of cell nuclei per
image, and the diagnosis), with snake_case column names. Its datasheet is ``datasheets/wdbc.md``.

:func:`make_messy_wdbc` imitates what a real export of such a table tends to look like, so that computed
facts have something to find: blank cells (NaN in number columns, empty or whitespace-only strings where a
column went through text), rows exported twice, rows whose measurements were copied under the other
diagnosis, and extra columns a clinical system would add (an age column, a clinic, free-text notes, a few
of which contain an e-mail address or a phone number). Everything added is made up by a seeded generator;
no real person is described. Every planted defect is recorded in :class:`MessyTable` so tests can check
computed facts against the truth. Different seeds give different copies: other columns are damaged, other
rows repeated, and the extra columns get other names.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

LABEL_COLUMN = "diagnosis"
WDBC_LABEL_NAMES: tuple[str, str] = ("malignant", "benign")  # label value 0 and 1, as in scikit-learn

AGE_COLUMN_NAMES = ("age", "patient_age", "age_at_biopsy")
NOTES_COLUMN_NAMES = ("notes", "comments", "remarks")
CLINICS = ("North clinic", "South clinic", "East clinic", "Lakeside clinic")
NOTE_TEXTS = (
    "repeat aspirate requested",
    "second opinion",
    "image slightly out of focus",
    "sample re-stained",
    "follow-up in six months",
    "reviewed by the tumour board",
    "patient transferred",
    "scan attached",
)
# Made-up contacts on reserved example domains and the 555-01xx fiction range.
CONTACT_NOTES = (
    "results sent to {first}.{last}@example.org",
    "call back on +1 608 555 01{nn}",
    "family asked for a call: (608) 555-01{nn}",
    "copy to dr.{last}@example.com",
)
FIRST_NAMES = ("ana", "ben", "chloe", "dev", "eli", "fay", "gus", "hana", "ivo", "jun")
LAST_NAMES = ("moreau", "okafor", "lindqvist", "tanaka", "novak", "reyes", "schmidt", "haddad")


@functools.cache
def _bundled() -> tuple[pd.DataFrame, str]:
    from sklearn.datasets import load_breast_cancer

    bunch = load_breast_cancer(as_frame=True)
    frame = bunch.frame.rename(columns={"target": LABEL_COLUMN})
    frame.columns = [str(c).replace(" ", "_") for c in frame.columns]
    frame[LABEL_COLUMN] = frame[LABEL_COLUMN].astype("int64")
    return frame, bunch.DESCR


def load_wdbc() -> pd.DataFrame:
    """The 569 instances: 30 float64 features (``mean_radius`` ... ``worst_fractal_dimension``) and
    ``diagnosis`` (int64: 0 = malignant, 1 = benign). A fresh copy on every call."""
    return _bundled()[0].copy()


def wdbc_description() -> str:
    """The description that comes with the data (scikit-learn's copy of the UCI documentation)."""
    return _bundled()[1]


@dataclass(frozen=True)
class MessyTable:
    """A damaged copy of the WDBC table and the truth about every planted defect.

    Row positions refer to ``frame`` (a RangeIndex). ``missing`` counts, for every column, the cells that
    are NaN or a blank string (empty or whitespace only). ``duplicate_rows`` are rows identical in every
    column to an earlier row; ``conflicting_rows`` pairs (copy, original) share every measurement but not
    the diagnosis, so they are not duplicates of each other.
    """

    frame: pd.DataFrame
    missing: dict[str, int]
    duplicate_rows: list[int]
    conflicting_rows: list[tuple[int, int]]
    sensitive_columns: tuple[str, ...]
    text_number_column: str
    seed: int


def _rng(seed: int, purpose: str) -> np.random.Generator:
    return np.random.default_rng([seed, sum(ord(c) * 31**i for i, c in enumerate(purpose)) % 2**32])


def _contact(rng: np.random.Generator) -> str:
    template = str(rng.choice(CONTACT_NOTES))
    return template.format(first=rng.choice(FIRST_NAMES), last=rng.choice(LAST_NAMES), nn=f"{rng.integers(0, 100):02d}")


def _extra_columns(
    rng: np.random.Generator, n: int, blank_rate: float
) -> tuple[dict[str, pd.Series], dict[str, np.ndarray]]:
    """age (NaN when unknown), clinic (blank strings when unknown) and notes (mostly blank, a few contacts)."""
    age_name, notes_name = str(rng.choice(AGE_COLUMN_NAMES)), str(rng.choice(NOTES_COLUMN_NAMES))
    age = np.clip(np.round(rng.normal(56, 12, n)), 25, 90)
    age_missing = rng.random(n) < blank_rate
    age[age_missing] = np.nan

    clinic = rng.choice(CLINICS, n).astype(object)
    clinic_missing = rng.random(n) < blank_rate
    clinic[clinic_missing] = rng.choice(["", " ", "  "], int(clinic_missing.sum()))

    notes = np.full(n, "", dtype=object)
    has_note = rng.random(n) < 0.15
    notes[has_note] = rng.choice(NOTE_TEXTS, int(has_note.sum()))
    contacts = rng.choice(np.flatnonzero(~has_note), size=int(rng.integers(2, 5)), replace=False)
    notes[contacts] = [_contact(rng) for _ in contacts]
    blank_notes = notes == ""
    notes[blank_notes & (rng.random(n) < 0.1)] = " "  # some exports pad empty text fields

    columns = {
        age_name: pd.Series(age, dtype="float64"),
        "clinic": pd.Series(clinic, dtype="str"),
        notes_name: pd.Series(notes, dtype="str"),
    }
    masks = {age_name: age_missing, "clinic": clinic_missing, notes_name: blank_notes}
    return columns, masks


def make_messy_wdbc(
    seed: int = 0,
    *,
    n_rows: int | None = None,
    missing_rate: float = 0.02,
    duplicate_rate: float = 0.025,
    n_conflicts: int = 2,
) -> MessyTable:
    """A damaged, reordered copy of :func:`load_wdbc` with extra made-up columns; see the module docstring.

    ``n_rows`` base rows are drawn (all 569 by default); ``missing_rate`` is the share of blank cells in
    each damaged column; ``duplicate_rate`` the share of base rows exported a second time; ``n_conflicts``
    rows reappear with the other diagnosis. Only the label column is never blank.
    """
    base = load_wdbc()
    n_rows = len(base) if n_rows is None else n_rows
    if not 10 <= n_rows <= len(base):
        raise ValueError(f"n_rows must lie between 10 and {len(base)}, got {n_rows}")
    if not (0 <= missing_rate < 0.5 and 0 <= duplicate_rate < 0.5 and 0 <= n_conflicts <= n_rows // 10):
        raise ValueError("rates must lie in [0, 0.5) and n_conflicts in [0, n_rows / 10]")
    rng = _rng(seed, "rows")
    frame = base.iloc[rng.choice(len(base), n_rows, replace=False)].reset_index(drop=True)
    features = [c for c in frame.columns if c != LABEL_COLUMN]
    mask = pd.DataFrame(False, index=frame.index, columns=frame.columns)

    damage = _rng(seed, "cells")
    chosen = damage.choice(features, 4, replace=False)
    for column in chosen[:3]:  # number columns with NaN
        rows = damage.random(n_rows) < missing_rate
        rows[damage.integers(n_rows)] = True  # at least one
        frame.loc[rows, column] = np.nan
        mask.loc[rows, column] = True
    text_column = str(chosen[3])  # a number column that went through text: blanks are strings
    rows = damage.random(n_rows) < missing_rate
    rows[damage.integers(n_rows)] = True
    values = frame[text_column].astype(object)
    values[rows] = damage.choice(["", " "], int(rows.sum()))
    frame[text_column] = values
    mask.loc[rows, text_column] = True

    extra, extra_masks = _extra_columns(_rng(seed, "extra"), n_rows, missing_rate * 2)
    age_name, _, notes_name = extra
    for position, name in ((0, age_name), (1, "clinic")):
        frame.insert(position, name, extra[name])
        mask.insert(position, name, extra_masks[name])
    frame.insert(len(frame.columns) - 1, notes_name, extra[notes_name])
    mask.insert(len(mask.columns) - 1, notes_name, extra_masks[notes_name])
    return _add_copies(
        _rng(seed, "copies"),
        frame,
        mask,
        duplicate_rate,
        n_conflicts,
        sensitive=(age_name, notes_name),
        text_column=text_column,
        seed=seed,
    )


def _add_copies(
    rng: np.random.Generator,
    frame: pd.DataFrame,
    mask: pd.DataFrame,
    duplicate_rate: float,
    n_conflicts: int,
    *,
    sensitive: tuple[str, str],
    text_column: str,
    seed: int,
) -> MessyTable:
    """Append exact copies and label-flipped copies, then shuffle so every copy follows its original."""
    n = len(frame)
    n_duplicates = round(duplicate_rate * n)
    with_nan = np.flatnonzero(frame.isna().to_numpy().any(axis=1))
    first = [int(rng.choice(with_nan))] if n_duplicates and len(with_nan) else []  # a copy with a NaN in it
    others = rng.permutation(np.setdiff1d(np.arange(n), first))
    originals = first + [int(i) for i in others[: n_duplicates - len(first)]]
    conflict_sources = [int(i) for i in others[n_duplicates - len(first) : n_duplicates - len(first) + n_conflicts]]

    copies = frame.iloc[originals + conflict_sources].copy()
    label = copies.columns.get_loc(LABEL_COLUMN)
    copies.iloc[len(originals) :, label] = 1 - copies.iloc[len(originals) :, label]
    rows = pd.concat([frame, copies], ignore_index=True)
    row_mask = pd.concat([mask, mask.iloc[originals + conflict_sources]], ignore_index=True)
    source = list(range(n)) + originals + conflict_sources  # the base row each row comes from

    order = list(rng.permutation(len(rows)))
    position = {row: pos for pos, row in enumerate(order)}
    for copy_row in range(n, len(rows)):  # an original must come before its copy
        original = source[copy_row]
        if position[copy_row] < position[original]:
            a, b = position[copy_row], position[original]
            order[a], order[b] = order[b], order[a]
            position[copy_row], position[original] = b, a
    out = rows.iloc[order].reset_index(drop=True)
    out_mask = row_mask.iloc[order].reset_index(drop=True)
    duplicates = sorted(position[r] for r in range(n, n + len(originals)))
    conflicts = sorted((position[r], position[source[r]]) for r in range(n + len(originals), len(rows)))
    return MessyTable(
        frame=out,
        missing={column: int(out_mask[column].sum()) for column in out.columns},
        duplicate_rows=duplicates,
        conflicting_rows=conflicts,
        sensitive_columns=sensitive,
        text_number_column=text_column,
        seed=seed,
    )
