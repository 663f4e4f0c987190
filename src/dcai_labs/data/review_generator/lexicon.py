"""Sentiment strength of the generator's words, read from the VADER lexicon.

The review generator never decides by itself how positive a word is: every evaluative word it may emit
is looked up in ``vader_lexicon.txt`` (vaderSentiment, MIT licence; Hutto & Gilbert, "VADER: A
Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM 2014). Each line of
that file is ``word <TAB> mean valence <TAB> std <TAB> ten human ratings``; the mean valence runs from
-4 (most negative) to +4 (most positive). The sign gives a word's polarity and the magnitude its
intensity tier, so "superb" (3.1) lands in a strong positive verdict and "fine" (0.8) in a hedged one.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Literal

Tier = Literal["strong", "moderate", "mild"]

#: |valence| at or above which a word counts as strong, and below which it counts as mild.
STRONG_VALENCE = 2.3
MILD_VALENCE = 1.5


@functools.cache
def vader_valences() -> dict[str, float]:
    """Mean valence of every entry of the installed VADER lexicon (read once per process)."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    valences: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            valences[fields[0]] = float(fields[1])
    return valences


def tier(valence: float) -> Tier:
    """Intensity tier of a valence: how hard a word pushes a review towards its polarity."""
    magnitude = abs(valence)
    if magnitude >= STRONG_VALENCE:
        return "strong"
    return "moderate" if magnitude >= MILD_VALENCE else "mild"


@dataclass(frozen=True)
class ScoredWord:
    """A curated word with its VADER valence."""

    word: str
    valence: float

    @property
    def polarity(self) -> int:
        """1 for a positive word, 0 for a negative one (the corpus's label convention)."""
        return int(self.valence > 0)

    @property
    def tier(self) -> Tier:
        return tier(self.valence)


def score(words: Iterable[str]) -> tuple[ScoredWord, ...]:
    """Attach VADER valences to curated words.

    A curated word missing from the lexicon (or scored exactly 0) is an authoring error, not something
    to skip silently: its polarity would be a guess, so this raises ``KeyError`` naming it.
    """
    words = tuple(words)
    valences = vader_valences()
    missing = [w for w in words if not valences.get(w)]
    if missing:
        raise KeyError(f"not in the VADER lexicon (or neutral): {missing}")
    return tuple(ScoredWord(w, valences[w]) for w in words)


class WordPool:
    """Scored words grouped by polarity and tier, so drawing one costs a dictionary look-up."""

    def __init__(self, words: Iterable[ScoredWord]) -> None:
        self.words = tuple(words)
        self._groups: dict[tuple[int, Tier], list[ScoredWord]] = {}
        for word in self.words:
            self._groups.setdefault((word.polarity, word.tier), []).append(word)

    def __add__(self, other: WordPool) -> WordPool:
        return WordPool(self.words + other.words)

    def choose(self, rng: random.Random, polarity: int, tiers: Sequence[Tier]) -> ScoredWord:
        """A word of the wanted polarity from the allowed tiers, or from any tier if none is there."""
        preferred = [w for t in tiers for w in self._groups.get((polarity, t), ())]
        if not preferred:
            preferred = [w for t in ("strong", "moderate", "mild") for w in self._groups.get((polarity, t), ())]
        return rng.choice(preferred)


def pool(*words: str) -> WordPool:
    """A :class:`WordPool` of curated words, scored by VADER (see :func:`score`)."""
    return WordPool(score(words))
