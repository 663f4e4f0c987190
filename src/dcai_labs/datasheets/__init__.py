"""Datasheets for datasets: the questions, shared definitions, and rendering (Lab 04).

A datasheet here is a plain, JSON-like dict, so that it can be built, printed, compared and stored without
any class to learn::

    {
        "name": "Breast Cancer Wisconsin (Diagnostic)",      # pretty name, also the card's pretty_name
        "license": "cc-by-4.0",                              # a Hub licence id
        "language": ["en"],
        "task_categories": ["tabular-classification"],
        "label_column": "diagnosis",
        "label_names": ["malignant", "benign"],              # label_names[i] is the name of label value i
        "sections": {                                        # the seven sections, in the order of SECTIONS
            "motivation": {"purpose": "...", "creators": "...", "funding": "..."},
            "composition": {"n_instances": 569, ...},        # computed answers hold the fact itself
            ...
        },
    }

Prose answers are strings; computed answers (``COMPUTED_KEYS``) hold the value of the fact of the same name;
an unanswered question holds ``None``. The functions that compute facts, fill a datasheet, build its card and
lint it are written by the learner in Lab 04; this package holds what those functions share.
"""

from dcai_labs.datasheets.facts import (
    PLACEHOLDER_WORDS,
    PLACEHOLDERS,
    SENSITIVE_NAME_WORDS,
    SENSITIVE_VALUE_PATTERNS,
    SIZE_CATEGORY_LABELS,
    facts_equal,
)
from dcai_labs.datasheets.questions import (
    COMPUTED_KEYS,
    SECTION_KEYS,
    SECTION_TITLES,
    SECTIONS,
    Question,
    Section,
    blank_answers,
    filler_answers,
    iter_questions,
    question_ids,
    questions_table,
    section,
)
from dcai_labs.datasheets.render import datasheet_markdown, format_fact

__all__ = [
    "COMPUTED_KEYS",
    "PLACEHOLDERS",
    "PLACEHOLDER_WORDS",
    "SECTIONS",
    "SECTION_KEYS",
    "SECTION_TITLES",
    "SENSITIVE_NAME_WORDS",
    "SENSITIVE_VALUE_PATTERNS",
    "SIZE_CATEGORY_LABELS",
    "Question",
    "Section",
    "blank_answers",
    "datasheet_markdown",
    "facts_equal",
    "filler_answers",
    "format_fact",
    "iter_questions",
    "question_ids",
    "questions_table",
    "section",
]
