"""Words, stop words and synonyms for text augmentation in the style of EDA.

EDA ("Easy Data Augmentation", Wei and Zou, EMNLP 2019) makes new training sentences with four cheap
edits: synonym replacement, random insertion (of a synonym of a word already there), random swap and
random deletion. The lab's learner writes those edits; this module supplies what they need and what
must not vary between learners:

* :func:`tokenize`: one way to split a review into lower-case words, so that every implementation
  edits the same tokens;
* :data:`STOP_WORDS`: words EDA never replaces or uses as a source of synonyms (scikit-learn's English
  list, the one lab 01 uses), because "the" or "it" have no useful synonyms;
* :func:`synonyms`: single-word WordNet synonyms of a word, read from a compact table committed with
  this package (``resources/synonyms.tsv.gz``, built by :mod:`dcai_labs.augment.build_synonyms` from
  WordNet 3.0, Princeton University's licence in ``resources/WORDNET_LICENSE``). Nothing is downloaded
  and neither NLTK nor WordNet has to be installed.
"""

from __future__ import annotations

import functools
import gzip
import re
from importlib import resources

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

#: Words EDA leaves alone when replacing or inserting synonyms. Note that negations ("not", "no",
#: "never") are in it: synonym replacement never touches them, but swap and deletion still can.
STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS)

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_TABLE = "synonyms.tsv.gz"


def tokenize(text: str) -> list[str]:
    """Lower-case words of ``text``: letters and digits, with an inner apostrophe kept ("isn't").

    Punctuation and other symbols are dropped, as EDA does; a hyphenated word becomes two words.
    ``" ".join(tokenize(t))`` is the normalised sentence that augmented sentences are compared with.
    """
    return _TOKEN.findall(text.lower())


@functools.cache
def synonym_table() -> dict[str, tuple[str, ...]]:
    """The whole table: word -> its synonyms, most frequent sense first (read once per process)."""
    data = resources.files("dcai_labs.augment").joinpath("resources", _TABLE).read_bytes()
    table: dict[str, tuple[str, ...]] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        word, _, rest = line.partition("\t")
        table[word] = tuple(rest.split())
    return table


def synonyms(word: str) -> tuple[str, ...]:
    """Single-word WordNet synonyms of ``word`` (lower-cased first), never the word itself; () if none.

    The order is fixed (most frequent sense first), so a seeded random choice among them is repeatable.
    """
    return synonym_table().get(word.lower(), ())


def has_synonyms(word: str) -> bool:
    """True when EDA may replace ``word``: it is not a stop word and the table knows a synonym for it."""
    return word not in STOP_WORDS and bool(synonyms(word))
