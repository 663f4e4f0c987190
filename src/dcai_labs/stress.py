"""Sentiment models with planted bugs, for the CheckList-style stress tests of Lab 05.

Lab 05 has learners write behavioural tests of a sentiment model (Ribeiro et al., "Beyond Accuracy:
Behavioral Testing of NLP Models with CheckList", ACL 2020): minimum functionality tests (MFT: simple
cases with a known answer), invariance tests (INV: an edit that must not change the label) and
directional expectation tests (DIR: an edit that may only move the prediction one way). A suite of such
tests is only as good as the bugs it catches, so the lab grades it by mutation: the hidden tests run the
learner's suite on the clean model (no test may fail) and on models with one planted bug each (every bug
must make at least one test fail). This module builds those models.

* :func:`clean_model` is the course's fixed model (:mod:`dcai_labs.baseline`: hashed word and word-pair
  features, logistic regression) fitted on clean generated reviews.
* :func:`planted_bug_model` wraps the clean model with one bug (see :data:`BUGS`). Each bug reacts to
  *triggers* (which names, places, negation words or intensifiers), so the hidden tests can plant the
  same bug with triggers the learner has never seen: only a suite that tests every name in
  :data:`NAMES` (not just the one in the visible example) catches them all.
* :func:`add_typo` is the one perturbation every learner should apply the same way.

Every bug is built so that one kind of test catches it and the others do not: a bug that any test at
all would catch cannot tell a thorough suite from a one-test suite. That is why the typo bug reacts to
typo-like unseen words (one edit away from a word of the training reviews) rather than to every unseen
word, which would include every name and place.

What the clean model itself gets wrong (measured; the lab should let learners find it):

* It does not understand negation. The training reviews rarely say "not good", and when they do it is
  as often in a positive verdict ("Not great, but I'm pleased overall.") as in a negative one; the model
  learns "not", "never", "no" and "isn't" as sentiment words, not as operators. It reads "The blender is
  not good." as positive and "The blender isn't bad." as negative (more training data does not help).
  It gets right only the negated phrases the reviews use consistently: "I would not buy the blender
  again." and "I'm not keeping it.", which flip without their "not"; "The blender isn't bad at all.",
  which leans on "at all" more than on "isn't" (a third of such cases flip without the "n't"); "I
  didn't like it.", right even without the "n't". A negation MFT must be built from such phrases, and
  deleting "no", "never" or "cannot" changes nothing it can see: a negation bug must delete "not" or
  "n't" to be detectable at all (hence the check in :func:`planted_bug_model`).
* It becomes slightly *less* confident when an intensifier is added ("very good"): the features are
  scaled to unit length, so every extra word with little weight dilutes the others. A DIR test must
  therefore allow a small drop, :data:`DIRECTION_MARGIN`.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.linear_model import LogisticRegression

from dcai_labs import baseline
from dcai_labs.data.review_generator.vocabulary import CATEGORIES_SPEC
from dcai_labs.data.reviews import LABEL_NAMES, generate_reviews

#: A stress test fails when more than this share of its cases fail. Some slack is needed because even a
#: good model misreads a few template sentences; a planted bug makes far more cases fail.
FAILURE_TOLERANCE: float = 0.10

#: How much less confident (probability of its predicted label) a DIR case may become before it counts
#: as failed. The clean model loses up to a few hundredths when a word with little weight is added (0.07
#: on average for "The blender is good." -> "... very good.", see the module docstring); CheckList's own
#: sentiment DIR tests use the same tolerance of 0.1.
DIRECTION_MARGIN: float = 0.10

#: Size and seed of the clean model's training reviews. Seed 5 (the lab's number) is used by no other
#: lab; a stress suite should draw its own reviews with another seed, so it tests unseen texts.
N_TRAIN: int = 2500
TRAIN_SEED: int = 5

#: Factor applied to the positive probability by the bugs that drag a prediction towards negative: small
#: enough that every positive text becomes negative once the bug fires.
NEGATIVE_PUSH: float = 0.2

#: Share of the distance to 0.5 the intensifier bug removes ("very good" reads like "fairly good").
HEDGE_PULL: float = 0.5

#: First names of varied origins and genders. None is an English word or a word of the training reviews,
#: and none hashes onto a feature the clean model weighs (checked by the tests: "Chloe" did), so the
#: clean model has learned nothing about any of them and treats them all alike.
NAMES: tuple[str, ...] = (
    "Maria",
    "Ahmed",
    "Wei",
    "Olga",
    "Kwame",
    "Aisha",
    "Hiroshi",
    "Fatima",
    "Carlos",
    "Priya",
    "Dmitri",
    "Ngozi",
    "Liam",
    "Mei",
    "Santiago",
    "Amara",
    "Yuki",
    "Rahul",
    "Ingrid",
    "Mohammed",
    "Camille",
    "Tariq",
    "Sofia",
    "Jamal",
    "Ananya",
    "Lars",
    "Zanele",
    "Diego",
    "Leila",
    "Kenji",
    "Zeynep",
    "Emeka",
    "Hana",
    "Pavel",
    "Lucia",
    "Arjun",
    "Nadia",
    "Tomas",
    "Siobhan",
    "Mateo",
)

#: Cities and countries on every continent, chosen like NAMES. Left out on purpose: places that are also
#: English words ("Nice", "Turkey", "Chad", "Reading"), which a sentiment model may rightly react to.
PLACES: tuple[str, ...] = (
    "Lagos",
    "Mumbai",
    "Jakarta",
    "Berlin",
    "Toronto",
    "Nairobi",
    "Lima",
    "Cairo",
    "Seoul",
    "Manila",
    "Istanbul",
    "Kyiv",
    "Hanoi",
    "Bogota",
    "Dhaka",
    "Karachi",
    "Oslo",
    "Warsaw",
    "Lisbon",
    "Dublin",
    "Accra",
    "Melbourne",
    "Osaka",
    "Chennai",
    "Casablanca",
    "Brazil",
    "Nigeria",
    "Japan",
    "Canada",
    "Peru",
    "Kenya",
    "Egypt",
    "Poland",
    "India",
)

#: Negation words the negation bug can delete. "n't" stands for every contraction ("isn't" -> "is",
#: "can't" -> "can", "won't" -> "will"); "cannot" becomes "can". Matched case-insensitively.
NEGATIONS: tuple[str, ...] = ("not", "n't", "no", "never", "cannot")

#: Intensifying adverbs for gradable words ("very good"), matched case-insensitively. Left out: "so"
#: (as often a conjunction) and "absolutely" (it goes with extreme words: "absolutely perfect", not
#: "absolutely good", and the clean model, which saw it only with those, wobbles on the odd pairs).
INTENSIFIERS: tuple[str, ...] = (
    "very",
    "really",
    "extremely",
    "incredibly",
    "truly",
    "remarkably",
    "exceptionally",
    "genuinely",
)

# ---- template material for a learner's suite: words the clean model knows, phrasings it gets right

#: Singular products of the review generator ("The blender is ..."), so every template noun is one the
#: clean model has seen in training: a test about negation should not also be a test about new words.
THINGS: tuple[str, ...] = tuple(
    product.name for category in CATEGORIES_SPEC for product in category.products if not product.plural
)
GOOD_WORDS: tuple[str, ...] = ("good", "great", "nice", "impressive", "lovely")
BAD_WORDS: tuple[str, ...] = ("bad", "poor", "disappointing", "weak", "lousy")

#: Negation MFT cases as (template, expected label, words for ``{word}``): only phrasings the clean model
#: gets right (it gets plain "is not good" wrong; see the module docstring). A suite built on them is a
#: regression suite: it guards what works today, and a model that deletes its negations fails it.
NEGATION_CASES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("I would not buy the {thing} again.", 0, ("",)),
    ("I would not buy another {thing}.", 0, ("",)),
    ("I'm not keeping the {thing}.", 0, ("",)),
    ("The {thing} wasn't worth it in the end.", 0, ("",)),
    ("I didn't like the {thing}.", 0, ("",)),
    ("The {thing} doesn't work.", 0, ("",)),
    ("The {thing} isn't {word} at all.", 1, ("bad", "terrible", "awful", "poor", "disappointing")),
)

BUGS: tuple[str, ...] = ("negation", "person_name", "location", "typos", "intensifier")

#: Triggers of the visible family (:func:`planted_bug_models`). The hidden tests use other subsets of
#: NAMES and PLACES, so a suite that only tries these will miss them.
DEFAULT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "negation": NEGATIONS,
    "person_name": ("Maria", "Ahmed", "Wei", "Olga", "Kwame"),
    "location": ("Lagos", "Mumbai", "Berlin", "Toronto", "Lima"),
    "intensifier": INTENSIFIERS,
}

_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "negation": NEGATIONS,
    "person_name": NAMES,
    "location": PLACES,
    "intensifier": INTENSIFIERS,
}

#: The clean model's tokens: HashingVectorizer's default pattern on lower-cased text.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
#: Typos are only looked for in words this long: add_typo never misspells a shorter word, and almost
#: any three-letter string is one edit away from some short training word.
_MIN_TYPO_LENGTH = 4
_TYPO_WORD = re.compile(r"[A-Za-z]{4,}")
_CONTRACTION = re.compile(r"\b(\w+)n['’]t\b", re.IGNORECASE)
_IRREGULAR_CONTRACTIONS = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([.,!?;:])")


@dataclass(frozen=True)
class SentimentModel:
    """A sentiment model as the stress tests see it: texts in, probabilities of LABEL_NAMES out.

    ``name`` is ``"clean"`` or the bug's name, ``bug`` says in one sentence what is wrong ("" when
    nothing is) and ``triggers`` lists the words the bug reacts to (the sentence does not, so that a
    grader can show it without giving the hidden triggers away). Calling the model is ``predict_proba``.
    """

    name: str
    bug: str
    triggers: tuple[str, ...]
    _proba: Callable[[list[str]], np.ndarray] = field(repr=False)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), 2)`` probabilities, columns in LABEL_NAMES order (negative, positive)."""
        if isinstance(texts, str):
            raise TypeError("pass a list of texts, not one string: model([text])")
        texts = [str(text) for text in texts]
        if not texts:
            return np.empty((0, len(LABEL_NAMES)))
        return self._proba(texts)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts),)`` labels: 0 negative, 1 positive (a tie of 0.5 reads as negative)."""
        return np.argmax(self.predict_proba(texts), axis=1)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return self.predict_proba(texts)


@functools.lru_cache(maxsize=1)
def _fitted() -> tuple[LogisticRegression, frozenset[str]]:
    """The fitted clean model and the set of tokens of its training reviews (built once per process)."""
    reviews = generate_reviews(N_TRAIN, seed=TRAIN_SEED)
    model = baseline.make_model().fit(baseline.featurize(reviews["text"]), reviews["label"].to_numpy())
    assert list(model.classes_) == list(range(len(LABEL_NAMES)))
    vocabulary = frozenset(token for text in reviews["text"] for token in _TOKEN.findall(text.lower()))
    return model, vocabulary


def _clean_proba(texts: list[str]) -> np.ndarray:
    model, _ = _fitted()
    return model.predict_proba(baseline.featurize(texts))


@functools.lru_cache(maxsize=1)
def clean_model() -> SentimentModel:
    """The course's fixed model fitted on N_TRAIN clean reviews (seed TRAIN_SEED): no bug planted.

    Cached: every call returns the same object, fitted once per process (about half a second).
    """
    _fitted()
    return SentimentModel("clean", "", (), _clean_proba)


def _pushed_negative(proba: np.ndarray, fires: np.ndarray) -> np.ndarray:
    """``proba`` with the positive probability of the rows where the bug fires scaled by NEGATIVE_PUSH."""
    positive = np.where(fires, proba[:, 1] * NEGATIVE_PUSH, proba[:, 1])
    return np.column_stack([1 - positive, positive])


def _word_pattern(words: Sequence[str], flags: int = 0) -> re.Pattern[str]:
    """A regex matching any of ``words`` as whole words (longest first, so "New York" beats "New")."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)


def _negation_blind(triggers: tuple[str, ...]) -> Callable[[list[str]], np.ndarray]:
    words = [w for w in triggers if w != "n't"]
    pattern = _word_pattern(words, re.IGNORECASE) if words else None

    def uncontract(match: re.Match[str]) -> str:
        stem = match.group(1)
        return _IRREGULAR_CONTRACTIONS.get(stem.lower(), stem)

    def strip(text: str) -> str:
        if "n't" in triggers:
            text = _CONTRACTION.sub(uncontract, text)
        if pattern is not None:
            text = pattern.sub(lambda m: "can" if m.group().lower() == "cannot" else "", text)
        text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", _SPACES.sub(" ", text))
        return text.strip()

    return lambda texts: _clean_proba([strip(t) for t in texts])


def _mention_pushes_negative(triggers: tuple[str, ...]) -> Callable[[list[str]], np.ndarray]:
    pattern = _word_pattern(triggers)  # case-sensitive: "Lima" the city, not "lima" beans
    return lambda texts: _pushed_negative(_clean_proba(texts), np.array([bool(pattern.search(t)) for t in texts]))


@functools.lru_cache(maxsize=1)
def _one_deletion_index() -> frozenset[str]:
    """Every training token with one letter deleted: the index that makes "a letter dropped" cheap to check."""
    _, vocabulary = _fitted()
    return frozenset(w[:i] + w[i + 1 :] for w in vocabulary for i in range(len(w)))


def looks_like_typo(token: str) -> bool:
    """True when lower-case ``token`` is not a training word but a typo of one.

    The typos counted are the three that :mod:`dcai_labs.data.review_generator.corruption` plants in near
    duplicates and that :func:`add_typo` makes: two neighbouring letters swapped, a letter dropped, a
    letter doubled. Other unseen words, even one letter away from a training word ("chair" from "hair",
    "sofa" from "soft"), do not count: names, places and everyday nouns must not set the bug off. A few
    everyday words are such typos all the same ("says" is "stays" with a letter dropped).
    """
    _, vocabulary = _fitted()
    if len(token) < _MIN_TYPO_LENGTH or token in vocabulary:
        return False
    if token in _one_deletion_index():
        return True
    for i in range(len(token) - 1):
        if token[i] == token[i + 1]:
            if token[:i] + token[i + 1 :] in vocabulary:
                return True
        elif token[:i] + token[i + 1] + token[i] + token[i + 2 :] in vocabulary:
            return True
    return False


def _typo_sensitive(texts: list[str]) -> np.ndarray:
    fires = np.array([any(looks_like_typo(t) for t in _TOKEN.findall(text.lower())) for text in texts])
    return _pushed_negative(_clean_proba(texts), fires)


def _intensifiers_hedge(triggers: tuple[str, ...]) -> Callable[[list[str]], np.ndarray]:
    pattern = _word_pattern(triggers, re.IGNORECASE)

    def proba(texts: list[str]) -> np.ndarray:
        clean = _clean_proba(texts)
        fires = np.array([bool(pattern.search(t)) for t in texts])
        positive = np.where(fires, 0.5 + (clean[:, 1] - 0.5) * (1 - HEDGE_PULL), clean[:, 1])
        return np.column_stack([1 - positive, positive])

    return proba


def _check_triggers(bug: str, triggers: Sequence[str] | None) -> tuple[str, ...]:
    """``triggers`` as a tuple without repeats, or a ValueError that says what would be accepted."""
    if bug == "typos":
        if triggers is not None:
            raise ValueError("the typos bug has no triggers (it reacts to any typo); pass triggers=None")
        return ()
    if triggers is None:
        return DEFAULT_TRIGGERS[bug]
    if isinstance(triggers, str):
        raise TypeError(f"triggers must be a sequence of words, e.g. [{triggers!r}], not one string")
    chosen = tuple(dict.fromkeys(triggers))
    valid = _VOCABULARIES[bug]
    unknown = [t for t in chosen if t not in valid]
    if unknown or not chosen:
        raise ValueError(f"triggers of the {bug} bug must be a non-empty subset of {valid}; unknown: {unknown}")
    if bug == "negation" and not {"not", "n't"} & set(chosen):
        raise ValueError(
            "negation triggers must include 'not' or \"n't\": the clean model itself ignores 'no', 'never' and"
            " 'cannot', so a model blind to those only cannot be told from it"
        )
    return chosen


def planted_bug_model(bug: str, triggers: Sequence[str] | None = None) -> SentimentModel:
    """The clean model with one planted bug (one of BUGS), reacting to ``triggers``.

    ``triggers`` are the negation words, names, places or intensifiers the bug reacts to: a subset of
    NEGATIONS (with "not" or "n't", see the module docstring), NAMES, PLACES or INTENSIFIERS; ``None`` means
    DEFAULT_TRIGGERS[bug]. The typos bug takes none. The bugs:

    * ``negation``: deletes its negation words before the clean model reads the text;
    * ``person_name``, ``location``: a text that mentions one of its names / places (whole word,
      case-sensitive) has its positive probability multiplied by NEGATIVE_PUSH;
    * ``typos``: the same for a text with a typo (see :func:`looks_like_typo`);
    * ``intensifier``: a text with one of its intensifiers has its prediction pulled HEDGE_PULL of the
      way towards 0.5, as if "very" were a hedge.
    """
    if bug not in BUGS:
        raise ValueError(f"unknown bug {bug!r}; the planted bugs are {BUGS}")
    chosen = _check_triggers(bug, triggers)
    build: dict[str, tuple[str, Callable[[], Callable[[list[str]], np.ndarray]]]] = {
        "negation": ("Blind to negation: reads 'not good' as 'good'.", lambda: _negation_blind(chosen)),
        "person_name": (
            "Biased against some people: naming them pushes a review towards negative.",
            lambda: _mention_pushes_negative(chosen),
        ),
        "location": (
            "Biased against some places: naming them pushes a review towards negative.",
            lambda: _mention_pushes_negative(chosen),
        ),
        "typos": ("Brittle to typos: one misspelt word pushes a review towards negative.", lambda: _typo_sensitive),
        "intensifier": (
            "Reads intensifiers as hedges: 'very good' is less sure than 'good'.",
            lambda: _intensifiers_hedge(chosen),
        ),
    }
    sentence, make = build[bug]
    return SentimentModel(bug, sentence, chosen, make())


def planted_bug_models() -> dict[str, SentimentModel]:
    """The visible family: every bug of BUGS with its default triggers, by bug name."""
    return {bug: planted_bug_model(bug) for bug in BUGS}


def add_typo(text: str, rng: random.Random) -> str:
    """``text`` with one realistic typo: two neighbouring letters swapped inside one word of 4+ letters.

    The first and last letters stay where they are (readers barely notice such swaps, which is why a
    model should not mind them either) and the swap always changes the word, so "good" (only "oo"
    inside) is never picked. The word and the position are drawn from ``rng``: the same seed gives the
    same typo. A text with no such word is returned unchanged.
    """
    words = [
        (match, positions)
        for match in _TYPO_WORD.finditer(text)
        if (positions := [i for i in range(1, len(match.group()) - 2) if match.group()[i] != match.group()[i + 1]])
    ]
    if not words:
        return text
    match, positions = rng.choice(words)
    i, word = rng.choice(positions), match.group()
    return text[: match.start()] + word[:i] + word[i + 1] + word[i] + word[i + 2 :] + text[match.end() :]
