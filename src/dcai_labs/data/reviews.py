"""The course's product-review sentiment corpus: generated, then deliberately damaged.

No real review corpus with a usable licence is available offline, so the reviews are written by a
seeded generator (:mod:`dcai_labs.data.review_generator.writer`), with evaluative words scored by the VADER lexicon.
:func:`generate_reviews` gives clean reviews; :func:`make_noisy_reviews` builds the training set the
labs clean up, with every planted defect recorded so that a learner's findings can be checked against
ground truth.

How the noisy training set is built (``n_train`` counts every row, defects included):

1. ``n_train - duplicates - junk`` clean *base* reviews and ``n_test`` clean test reviews are generated
   together, so no text appears in both splits.
2. Class-conditional label flips: ``flip_rates[c]`` of the base rows whose true label is ``c`` get the
   other label. Only these rows are listed in ``PlantedDefects.label_flips``.
3. Exact and near duplicates copy distinct base rows, *including their observed label*, so a
   duplicate of a flipped row is wrong too (scraping the same mislabeled review twice doubles its
   weight). Such a duplicate is recorded only as a duplicate; its true label is in
   ``true_train_labels``, so ``label != true_train_labels`` finds every wrong label.
4. Junk rows get a random observed label and a true label of -1.
5. Rows are shuffled; within each duplicate pair the original comes first.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from dcai_labs.data.review_generator.corruption import JUNK_KINDS, junk_text, near_duplicate
from dcai_labs.data.review_generator.vocabulary import CATEGORIES_SPEC
from dcai_labs.data.review_generator.writer import write_review

LABEL_NAMES: tuple[str, str] = ("negative", "positive")
CATEGORIES: tuple[str, ...] = tuple(category.name for category in CATEGORIES_SPEC)

DEFAULT_FLIP_RATES: dict[int, float] = {0: 0.30, 1: 0.10}
DEFAULT_JUNK_RATES: dict[str, float] = {"html": 0.015, "empty": 0.01, "other_language": 0.015, "off_topic": 0.01}

_DATASHEETS = Path(__file__).resolve().parent / "datasheets"
_MAX_TRIES = 1000


@dataclass(frozen=True)
class PlantedDefects:
    """Ground truth of every planted defect, as positional row indices into ``NoisyReviews.train``.

    The groups are disjoint: a row is at most one of flipped, duplicate or junk. Originals of
    duplicates are ordinary rows (possibly flipped ones).
    """

    label_flips: np.ndarray
    exact_duplicates: list[tuple[int, int]]
    near_duplicates: list[tuple[int, int]]
    junk: dict[str, np.ndarray]

    def all_junk(self) -> np.ndarray:
        """Every junk row, whatever its kind, sorted."""
        return np.sort(np.concatenate([self.junk[kind] for kind in JUNK_KINDS]))


@dataclass(frozen=True)
class NoisyReviews:
    """A noisy training split, a clean test split, and the truth about the noise."""

    train: pd.DataFrame
    test: pd.DataFrame
    true_train_labels: np.ndarray
    defects: PlantedDefects
    rates: dict[str, float] = field(default_factory=dict)


def _rng(seed: int, purpose: str) -> random.Random:
    """An independent stream per purpose, so changing one rate does not reshuffle everything else."""
    return random.Random(f"dcai-reviews/{seed}/{purpose}")


def _unique(rng: random.Random, make: Callable[[random.Random], str], seen: set[str]) -> str:
    """Call ``make(rng)`` until it returns a text not in ``seen``; record and return it."""
    for _ in range(_MAX_TRIES):
        text = make(rng)
        if text not in seen:
            seen.add(text)
            return text
    raise RuntimeError("the generator keeps repeating itself; ask for fewer rows")


def _write(rng: random.Random, n: int, seen: set[str]) -> pd.DataFrame:
    """``n`` distinct reviews with balanced labels and uniformly drawn categories."""
    labels = [i % 2 for i in range(n)]
    rng.shuffle(labels)
    categories = [rng.choice(CATEGORIES_SPEC) for _ in range(n)]
    texts = [_unique(rng, partial(write_review, label=y, category=c), seen) for y, c in zip(labels, categories)]
    return _frame(texts, labels, [c.name for c in categories])


def _frame(texts: list[str], labels: list[int], categories: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": pd.Series(texts, dtype="str"),
            "label": pd.Series(labels, dtype="int64"),
            "category": pd.Series(categories, dtype="str"),
        }
    )


def generate_reviews(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` clean, distinct product reviews with columns text, label (0 negative, 1 positive), category.

    Labels are balanced (they differ by at most one) and the result depends only on ``n`` and ``seed``.
    """
    return _write(_rng(seed, "clean"), n, set())


def _flip(rng: random.Random, labels: list[int], flip_rates: dict[int, float]) -> list[int]:
    """Base rows to flip: exactly round(rate * class size) of each true class."""
    flipped: list[int] = []
    for cls, rate in flip_rates.items():
        members = [i for i, y in enumerate(labels) if y == cls]
        flipped += rng.sample(members, round(rate * len(members)))
    return sorted(flipped)


@dataclass
class _Row:
    text: str
    label: int
    true_label: int
    category: str
    kind: str  # "base", "flip", "exact", "near", or a junk kind
    original: int = -1  # source row of a duplicate


def _validate(n_train: int, n_test: int, flip_rates: dict[int, float], rates: dict[str, float]) -> None:
    if n_train < 1 or n_test < 0:
        raise ValueError("n_train must be positive and n_test non-negative")
    if set(flip_rates) - {0, 1}:
        raise ValueError(f"flip_rates keys must be labels 0 and 1, got {sorted(flip_rates)}")
    bad = {k: v for k, v in rates.items() if not 0 <= v < 1}
    if bad:
        raise ValueError(f"rates must lie in [0, 1): {bad}")
    unknown = {k for k in rates if k.startswith("junk_")} - {f"junk_{k}" for k in JUNK_KINDS}
    if unknown:
        raise ValueError(f"unknown junk kinds {sorted(unknown)}; use {JUNK_KINDS}")


def make_noisy_reviews(
    n_train: int = 2000,
    n_test: int = 600,
    seed: int = 0,
    *,
    flip_rates: dict[int, float] | None = None,
    exact_duplicate_rate: float = 0.04,
    near_duplicate_rate: float = 0.04,
    junk_rates: dict[str, float] | None = None,
) -> NoisyReviews:
    """A training set with planted label errors, duplicates and junk, and a clean test set.

    ``flip_rates[c]`` is the share of true class ``c`` shown with the other label; the duplicate and
    junk rates are shares of ``n_train``. A class or junk kind missing from the dicts gets none. See
    the module docstring for how defects are recorded.
    """
    flip_rates = dict(DEFAULT_FLIP_RATES if flip_rates is None else flip_rates)
    junk_rates = dict(DEFAULT_JUNK_RATES if junk_rates is None else junk_rates)
    rates = {
        "flip_negative_to_positive": flip_rates.get(0, 0.0),
        "flip_positive_to_negative": flip_rates.get(1, 0.0),
        "exact_duplicate": exact_duplicate_rate,
        "near_duplicate": near_duplicate_rate,
        **{f"junk_{kind}": junk_rates.get(kind, 0.0) for kind in (*JUNK_KINDS, *junk_rates)},
    }
    _validate(n_train, n_test, flip_rates, rates)
    counts = {k: round(n_train * v) for k, v in rates.items() if not k.startswith("flip_")}
    n_base = n_train - sum(counts.values())
    if n_base < counts["exact_duplicate"] + counts["near_duplicate"]:
        raise ValueError("defect rates too high: fewer clean rows than duplicates to copy")

    seen: set[str] = set()
    clean = _write(_rng(seed, "clean"), n_base + n_test, seen)
    test, base = clean.iloc[:n_test].reset_index(drop=True), clean.iloc[n_test:].reset_index(drop=True)
    rows = _base_rows(base, _flip(_rng(seed, "flips"), base["label"].tolist(), flip_rates))
    rows += _duplicate_rows(_rng(seed, "duplicates"), rows, counts, seen)
    rows += _junk_rows(_rng(seed, "junk"), counts, seen)
    order = _shuffle(_rng(seed, "shuffle"), rows)
    return _assemble(rows, order, test, rates)


def _base_rows(base: pd.DataFrame, flipped: list[int]) -> list[_Row]:
    flipped_set = set(flipped)
    return [
        _Row(text, 1 - y if i in flipped_set else y, y, category, "flip" if i in flipped_set else "base")
        for i, (text, y, category) in enumerate(zip(base["text"], base["label"], base["category"]))
    ]


def _duplicate_rows(rng: random.Random, base: list[_Row], counts: dict[str, int], seen: set[str]) -> list[_Row]:
    """Copies of distinct base rows: verbatim, or with a small edit. They keep the observed label."""
    n_exact, n_near = counts["exact_duplicate"], counts["near_duplicate"]
    originals = rng.sample(range(len(base)), n_exact + n_near)
    duplicates = []
    for k, i in enumerate(originals):
        src = base[i]
        if k < n_exact:
            text, kind = src.text, "exact"
        else:
            text, kind = _unique(rng, partial(near_duplicate, text=src.text), seen), "near"
        duplicates.append(_Row(text, src.label, src.true_label, src.category, kind, original=i))
    return duplicates


def _junk_rows(rng: random.Random, counts: dict[str, int], seen: set[str]) -> list[_Row]:
    """Junk rows with a random observed label (whatever the scraper attached) and no true label."""
    return [
        _Row(
            _unique(rng, partial(junk_text, kind=kind), seen),
            rng.randint(0, 1),
            -1,
            rng.choice(CATEGORIES),
            kind,
        )
        for kind in JUNK_KINDS
        for _ in range(counts[f"junk_{kind}"])
    ]


def _shuffle(rng: random.Random, rows: list[_Row]) -> list[int]:
    """A row order (position -> row) that spreads defects out and puts each original before its copy."""
    order = list(range(len(rows)))
    rng.shuffle(order)
    position = {row: pos for pos, row in enumerate(order)}
    for i, row in enumerate(rows):
        if row.original >= 0 and position[i] < position[row.original]:
            a, b = position[i], position[row.original]
            order[a], order[b] = order[b], order[a]
            position[i], position[row.original] = b, a
    return order


def _assemble(rows: list[_Row], order: list[int], test: pd.DataFrame, rates: dict[str, float]) -> NoisyReviews:
    ordered = [rows[i] for i in order]
    position = {row: pos for pos, row in enumerate(order)}

    def where(kind: str) -> np.ndarray:
        return np.array([p for p, r in enumerate(ordered) if r.kind == kind], dtype=np.int64)

    def pairs(kind: str) -> list[tuple[int, int]]:
        return sorted((p, position[r.original]) for p, r in enumerate(ordered) if r.kind == kind)

    defects = PlantedDefects(
        label_flips=where("flip"),
        exact_duplicates=pairs("exact"),
        near_duplicates=pairs("near"),
        junk={kind: where(kind) for kind in JUNK_KINDS},
    )
    train = _frame([r.text for r in ordered], [r.label for r in ordered], [r.category for r in ordered])
    true_labels = np.array([r.true_label for r in ordered], dtype=np.int64)
    return NoisyReviews(train, test, true_labels, defects, rates)


@functools.cache
def _standard_reviews() -> NoisyReviews:
    return make_noisy_reviews()


def load_reviews() -> NoisyReviews:
    """The course's standard noisy corpus (seed 0, default rates).

    Built once per process; every call returns fresh copies of the tables and arrays, so a notebook
    that edits ``train`` in place cannot change what the next call (or the next exercise) sees.
    """
    reviews = _standard_reviews()
    defects = reviews.defects
    return replace(
        reviews,
        train=reviews.train.copy(),
        test=reviews.test.copy(),
        true_train_labels=reviews.true_train_labels.copy(),
        defects=replace(
            defects,
            label_flips=defects.label_flips.copy(),
            exact_duplicates=list(defects.exact_duplicates),
            near_duplicates=list(defects.near_duplicates),
            junk={kind: rows.copy() for kind, rows in defects.junk.items()},
        ),
        rates=dict(reviews.rates),
    )


def datasheet_path(name: str = "reviews") -> Path:
    """Path of a corpus's datasheet (Markdown, "Datasheets for Datasets" layout)."""
    path = _DATASHEETS / f"{name}.md"
    if not path.is_file():
        available = sorted(p.stem for p in _DATASHEETS.glob("*.md"))
        raise FileNotFoundError(f"no datasheet named {name!r}; available: {available}")
    return path
