"""Shared vocabulary for the facts of a datasheet: what counts as sensitive, unanswered, or equal.

The functions that *compute* facts are the learner's work in Lab 04; this module holds what every
implementation must agree on, so that a datasheet written by one person can be checked by another's code:

* which column names and cell contents suggest personal data (:data:`SENSITIVE_NAME_WORDS`,
  :data:`SENSITIVE_VALUE_PATTERNS`);
* which answers are not answers (:data:`PLACEHOLDERS`, :data:`PLACEHOLDER_WORDS`);
* when a fact stored in a datasheet agrees with a fact recomputed from the data (:func:`facts_equal`):
  floats that went through a file or a rounding step must still compare equal;
* the Hub's ``size_categories`` labels (:data:`SIZE_CATEGORY_LABELS`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from typing import Any

import numpy as np

from localhub.cards import SIZE_CATEGORIES  # the Hub's own list of size labels

#: Words that make a column name suggest personal or sensitive data. A column name is split into words
#: (runs of letters, lower-cased): "patient_age" -> ["patient", "age"] is sensitive, "average_area" is not.
SENSITIVE_NAME_WORDS: frozenset[str] = frozenset(
    {
        "name",
        "surname",
        "age",
        "birth",
        "dob",
        "sex",
        "gender",
        "race",
        "ethnicity",
        "religion",
        "nationality",
        "email",
        "phone",
        "address",
        "zip",
        "postcode",
        "ssn",
        "passport",
        "patient",
        "income",
        "salary",
    }
)

#: Regular expressions whose match anywhere in a text cell suggests personal data in that column.
SENSITIVE_VALUE_PATTERNS: dict[str, str] = {
    "email address": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    "phone number": r"(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)|\d{2,4})[ .-]\d{3,4}[ .-]\d{3,4}",
    "national id (US SSN format)": r"\b\d{3}-\d{2}-\d{4}\b",
}

#: Answers that stand for "not written yet" when they are the whole answer (compared after stripping
#: whitespace, ignoring case).
PLACEHOLDERS: tuple[str, ...] = ("?", "...", "-", "TODO", "TBD", "FIXME")

#: Words that mark an answer as not written yet when they are its first word, whatever follows
#: ("TODO: ask the hospital" is a reminder, not an answer). The first word is the leading run of letters.
PLACEHOLDER_WORDS: tuple[str, ...] = ("TODO", "TBD", "FIXME")

#: The Hub's dataset size labels, smallest first; ``n<1K`` means fewer than 1,000 instances, ``1K<n<10K``
#: 1,000 to 9,999, and so on (a power of ten belongs to the larger label).
SIZE_CATEGORY_LABELS: tuple[str, ...] = tuple(c for c in SIZE_CATEGORIES if c != "unknown")


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, np.bool_))


def facts_equal(a: Any, b: Any, *, rel_tol: float = 1e-6, abs_tol: float = 1e-9) -> bool:
    """Whether two facts agree: same structure, equal keys, numbers equal up to a relative tolerance.

    Dicts compare key by key (``0`` and ``numpy.int64(0)`` are the same key), lists and tuples element by
    element (a tuple equals a list with the same items: YAML and JSON have no tuples), numbers with
    ``math.isclose`` (``30 == 30.0``; NaN equals NaN), everything else with ``==``. Booleans are not numbers
    here, so ``True`` does not equal ``1``.
    """
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return set(a) == set(b) and all(facts_equal(a[k], b[k], rel_tol=rel_tol, abs_tol=abs_tol) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(facts_equal(x, y, rel_tol=rel_tol, abs_tol=abs_tol) for x, y in zip(a, b))
    if _is_number(a) and _is_number(b):
        x, y = float(a), float(b)
        if math.isnan(x) or math.isnan(y):
            return math.isnan(x) and math.isnan(y)
        return math.isclose(x, y, rel_tol=rel_tol, abs_tol=abs_tol)
    if isinstance(a, (Mapping, list, tuple)) or isinstance(b, (Mapping, list, tuple)):
        return False
    if isinstance(a, (bool, np.bool_)) != isinstance(b, (bool, np.bool_)):
        return False
    return bool(a == b)
