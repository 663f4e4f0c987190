"""Labelling functions for weak supervision on the course's reviews (lab 03).

Weak supervision replaces hand labels by **labelling functions** (LFs): small programs that look at an
example and either vote for a label or abstain. Each is cheap, noisy and covers part of the data; a
combination of them labels many examples at once (Ratner et al., "Snorkel: Rapid Training Data
Creation with Weak Supervision", VLDB 2018). The lab's learner writes the combiners; this module holds
the LFs, so that everyone combines the same votes, and a summary table of their quality.

Conventions, as in Snorkel: a vote is 1 (positive), 0 (negative) or -1 (:data:`ABSTAIN`), and applying
``m`` LFs to ``n`` texts gives an ``(n, m)`` integer *label matrix*.

The LFs are of the three usual kinds: a **sentiment lexicon** (VADER's word valences, with a simple
negation rule), **keyword** LFs (phrases that signal a verdict), and **heuristic rules**, one of which is
deliberately poor ("short reviews are positive"), because real LF sets always contain a few of those and
a good combiner must learn to trust them less.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from dcai_labs.augment.text import tokenize
from dcai_labs.data.review_generator.lexicon import vader_valences

ABSTAIN, NEGATIVE, POSITIVE = -1, 0, 1

LabellingFunction = Callable[[str], int]

#: Words that flip the polarity of the words just after them ("not good", "never disappointed").
NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "nothing",
        "isn't",
        "wasn't",
        "aren't",
        "don't",
        "doesn't",
        "didn't",
        "wouldn't",
        "can't",
        "won't",
        "hardly",
    }
)
#: How many words back a negator reaches, and how much it keeps of the flipped valence (VADER uses -0.74).
NEGATION_WINDOW = 3
NEGATION_SCALAR = -0.74
#: A lexicon vote needs a summed valence at least this far from 0; weaker evidence abstains.
LEXICON_THRESHOLD = 1.0


def lexicon_score(text: str) -> float:
    """Summed VADER valence of the words of ``text``, a word's valence flipped and damped after a negator."""
    valences = vader_valences()
    words = tokenize(text)
    score = 0.0
    for i, word in enumerate(words):
        valence = valences.get(word, 0.0)
        if valence and NEGATORS.intersection(words[max(0, i - NEGATION_WINDOW) : i]):
            valence *= NEGATION_SCALAR
        score += valence
    return score


def lexicon_lf(text: str) -> int:
    """Vote by the sign of :func:`lexicon_score`; abstain when it is within 1 of zero."""
    score = lexicon_score(text)
    if score >= LEXICON_THRESHOLD:
        return POSITIVE
    if score <= -LEXICON_THRESHOLD:
        return NEGATIVE
    return ABSTAIN


def keyword_lf(patterns: Sequence[str], label: int) -> LabellingFunction:
    """An LF voting ``label`` when any regular expression of ``patterns`` occurs (case-insensitive)."""
    pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    def lf(text: str) -> int:
        return label if pattern.search(text) else ABSTAIN

    return lf


def short_review_lf(text: str) -> int:
    """A deliberately weak rule: a review of fewer than 40 characters is positive ("Love it.")."""
    return POSITIVE if 0 < len(text.strip()) < 40 else ABSTAIN


def labelling_functions() -> dict[str, LabellingFunction]:
    """The lab's LFs, name -> function, in a fixed order (the columns of the label matrix)."""
    return {
        "lexicon": lexicon_lf,
        "recommends": keyword_lf(
            [r"\brecommend", r"would buy again", r"worth every penny", r"glad i bought", r"\bbest\b.*\bever\b"],
            POSITIVE,
        ),
        "regrets": keyword_lf(
            [
                r"\bregret",
                r"waste of",
                r"save your money",
                r"would not buy",
                r"wouldn't buy",
                r"\bworst\b",
                r"not keeping",
                r"\breturn",
            ],
            NEGATIVE,
        ),
        "fell_short": keyword_lf([r"not as \w+ as i", r"wouldn't call", r"not worth"], NEGATIVE),
        "short_review": short_review_lf,
    }


def apply_lfs(texts: Sequence[str], lfs: Mapping[str, LabellingFunction]) -> np.ndarray:
    """The ``(len(texts), len(lfs))`` label matrix of int votes (1, 0 or -1), columns in ``lfs`` order."""
    matrix = np.full((len(texts), len(lfs)), ABSTAIN, dtype=np.int64)
    for j, lf in enumerate(lfs.values()):
        matrix[:, j] = [lf(text) for text in texts]
    return matrix


def lf_summary(label_matrix: ArrayLike, gold: ArrayLike, names: Sequence[str]) -> pd.DataFrame:
    """Per LF: coverage (share of rows it votes on), accuracy where it votes, overlaps and conflicts.

    ``gold`` holds the true labels, with -1 for rows that have none (they are left out). *Overlap* is
    the share of rows on which the LF and at least one other LF vote; *conflict* the share on which
    another LF votes differently. Accuracy is NaN for an LF that never votes.
    """
    matrix, gold = np.asarray(label_matrix), np.asarray(gold)
    known = gold >= 0
    matrix, gold = matrix[known], gold[known]
    votes = matrix != ABSTAIN
    rows = []
    for j in range(len(names)):
        fired = votes[:, j]
        others = np.delete(votes, j, axis=1)
        other_values = np.delete(matrix, j, axis=1)
        disagree = (others & (other_values != matrix[:, [j]])).any(axis=1)
        rows.append(
            {
                "coverage": fired.mean(),
                "accuracy": (matrix[fired, j] == gold[fired]).mean() if fired.any() else np.nan,
                "overlap": (fired & others.any(axis=1)).mean(),
                "conflict": (fired & disagree).mean(),
                "votes": int(fired.sum()),
            }
        )
    return pd.DataFrame(rows, index=list(names))
