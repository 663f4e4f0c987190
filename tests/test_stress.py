"""Tests of dcai_labs.stress (Lab 05's sentiment models with planted bugs): fast, no kernels, no network.

The heart of the file is a reference stress suite written the way a learner would write it (templates,
generated reviews, the module's names, places and typos), with CheckList's failure rates. The tests check
the contract the lab's mutation grading relies on: the clean model passes every stress test, each planted
bug fails the test written for it and no other, and a bug planted with unseen triggers is caught only by a
suite that tries all of NAMES or PLACES.
"""

from __future__ import annotations

import functools
import random
import re
import time
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from dcai_labs import stress
from dcai_labs.baseline import featurize
from dcai_labs.data.reviews import LABEL_NAMES, generate_reviews
from dcai_labs.stress import (
    BAD_WORDS,
    BUGS,
    DIRECTION_MARGIN,
    FAILURE_TOLERANCE,
    GOOD_WORDS,
    INTENSIFIERS,
    NAMES,
    NEGATION_CASES,
    NEGATIONS,
    PLACES,
    THINGS,
    SentimentModel,
    add_typo,
    clean_model,
    planted_bug_model,
    planted_bug_models,
)

# ---------------------------------------------------------------------------------- a reference suite

Suite = Callable[[SentimentModel], float]


@functools.cache
def reviews() -> tuple[str, ...]:
    """Unseen reviews for the INV tests (the clean model was trained on seed 5)."""
    return tuple(generate_reviews(120, seed=55)["text"])


def mft_negation(model: SentimentModel) -> float:
    """MFT: share of simple negated sentences whose label is wrong."""
    cases = [
        (template.format(thing=thing, word=word), label)
        for template, label, words in NEGATION_CASES
        for thing in THINGS
        for word in words
    ]
    texts, labels = zip(*cases)
    return float(np.mean(model.predict(texts) != np.array(labels)))


def invariance(model: SentimentModel, originals: Sequence[str], perturb: Callable[[str], list[str]]) -> float:
    """INV, CheckList's way: a case is an original and its perturbations; it fails if any changes the label."""
    variants = [perturb(text) for text in originals]
    labels = model.predict([v for vs in variants for v in vs]).reshape(len(originals), -1)
    return float(np.mean((labels != model.predict(originals)[:, None]).any(axis=1)))


def inv_names(model: SentimentModel, names: Sequence[str] = NAMES) -> float:
    """INV: saying whom the product was bought for must not change the label."""
    return invariance(model, reviews(), lambda text: [f"{text} I bought it for {name}." for name in names])


def inv_places(model: SentimentModel, places: Sequence[str] = PLACES) -> float:
    """INV: saying where it was bought must not change the label."""
    return invariance(model, reviews(), lambda text: [f"{text} I bought it in {place}." for place in places])


def inv_typos(model: SentimentModel) -> float:
    """INV: one typo in a review must not change the label."""
    rng = random.Random(0)
    return invariance(model, reviews(), lambda text: [add_typo(text, rng)])


def dir_intensifiers(model: SentimentModel, intensifiers: Sequence[str] = INTENSIFIERS) -> float:
    """DIR: "very good" must not be less confident than "good" (beyond DIRECTION_MARGIN)."""
    originals = [f"The {thing} is {word}." for thing in THINGS for word in GOOD_WORDS + BAD_WORDS]
    variants = [
        f"The {thing} is {adverb} {word}."
        for thing in THINGS
        for word in GOOD_WORDS + BAD_WORDS
        for adverb in intensifiers
    ]
    before = model.predict_proba(originals)
    label = before.argmax(axis=1)
    after = model.predict_proba(variants).reshape(len(originals), len(intensifiers), 2)
    confidence_before = before[np.arange(len(originals)), label]
    confidence_after = np.take_along_axis(after, label[:, None, None], axis=2)[..., 0]
    failed = (confidence_after < confidence_before[:, None] - DIRECTION_MARGIN).any(axis=1)
    return float(np.mean(failed))


SUITE: dict[str, Suite] = {
    "mft_negation": mft_negation,
    "inv_names": inv_names,
    "inv_places": inv_places,
    "inv_typos": inv_typos,
    "dir_intensifiers": dir_intensifiers,
}
CATCHES = {
    "negation": "mft_negation",
    "person_name": "inv_names",
    "location": "inv_places",
    "typos": "inv_typos",
    "intensifier": "dir_intensifiers",
}


@pytest.fixture(scope="module")
def rates() -> dict[str, dict[str, float]]:
    """Failure rate of every test of the suite on the clean model and on each planted-bug model."""
    models = {"clean": clean_model(), **planted_bug_models()}
    return {name: {test: run(model) for test, run in SUITE.items()} for name, model in models.items()}


# ------------------------------------------------------------------------------- mutation contract


def test_the_clean_model_passes_every_stress_test_with_room_to_spare(rates: dict[str, dict[str, float]]) -> None:
    for test, rate in rates["clean"].items():
        assert rate <= FAILURE_TOLERANCE / 2, f"clean model fails {test}: {rate:.3f}"


@pytest.mark.parametrize("bug", BUGS)
def test_each_bug_is_caught_by_its_own_test_and_by_no_other(bug: str, rates: dict[str, dict[str, float]]) -> None:
    caught = {test for test, rate in rates[bug].items() if rate > FAILURE_TOLERANCE}
    assert caught == {CATCHES[bug]}, (bug, rates[bug])
    assert rates[bug][CATCHES[bug]] >= 2 * FAILURE_TOLERANCE, (bug, rates[bug])


def test_a_negation_bug_is_caught_through_not_or_through_nt() -> None:
    """The default bug deletes every negation; one that deletes only "n't" is caught too, less clearly."""
    assert mft_negation(planted_bug_model("negation", ["not"])) > 2 * FAILURE_TOLERANCE
    assert mft_negation(planted_bug_model("negation", ["n't"])) > FAILURE_TOLERANCE


def test_unseen_name_triggers_are_caught_only_by_a_suite_over_all_names() -> None:
    defaults = stress.DEFAULT_TRIGGERS["person_name"]
    others = [name for name in NAMES if name not in defaults][-4:]
    model = planted_bug_model("person_name", others)
    assert inv_names(model) > 2 * FAILURE_TOLERANCE
    assert inv_names(model, names=defaults[:1]) == inv_names(clean_model(), names=defaults[:1])
    assert inv_names(planted_bug_model("person_name"), names=defaults[:1]) > 2 * FAILURE_TOLERANCE


def test_unseen_place_triggers_are_caught_only_by_a_suite_over_all_places() -> None:
    defaults = stress.DEFAULT_TRIGGERS["location"]
    others = [place for place in PLACES if place not in defaults][-4:]
    model = planted_bug_model("location", others)
    assert inv_places(model) > 2 * FAILURE_TOLERANCE
    assert inv_places(model, places=defaults[:1]) == inv_places(clean_model(), places=defaults[:1])


def test_a_single_intensifier_trigger_is_caught_by_a_suite_over_all_intensifiers() -> None:
    model = planted_bug_model("intensifier", ["exceptionally"])
    assert dir_intensifiers(model) > 2 * FAILURE_TOLERANCE
    assert dir_intensifiers(model, intensifiers=["very"]) == dir_intensifiers(clean_model(), intensifiers=["very"])


def test_counting_pairs_instead_of_cases_hides_a_name_bug() -> None:
    """Why the suite counts CheckList cases (an original and all its variants) rather than variants: the
    default bug reacts to 5 of the 40 names, so only about 5/40 of the positive reviews' variants change."""
    model = planted_bug_model("person_name")
    texts = [f"{text} I bought it for {name}." for text in reviews() for name in NAMES]
    per_pair = np.mean(model.predict(texts) != np.repeat(model.predict(reviews()), len(NAMES)))
    assert per_pair < FAILURE_TOLERANCE < inv_names(model)


# ------------------------------------------------------------------------------- the clean model itself


def test_the_clean_model_is_accurate_on_unseen_reviews() -> None:
    unseen = generate_reviews(400, seed=56)
    assert np.mean(clean_model().predict(unseen["text"]) == unseen["label"]) > 0.95


def test_the_clean_model_is_not_robust_to_negation() -> None:
    """A measured limitation the lab lets learners find: plain negations read as their opposite."""
    model = clean_model()
    not_good = [f"The {thing} is not {word}." for thing in THINGS for word in GOOD_WORDS]
    isnt_bad = [f"The {thing} isn't {word}." for thing in THINGS for word in BAD_WORDS]
    assert np.mean(model.predict(not_good) == 0) < 0.1
    assert np.mean(model.predict(isnt_bad) == 1) < 0.1
    assert model.predict(["Would not buy again.", "Would buy again."]).tolist() == [0, 1]


def test_the_clean_model_loses_a_little_confidence_with_intensifiers() -> None:
    """Why DIR tests need DIRECTION_MARGIN: an added word dilutes the unit-length features."""
    model = clean_model()
    plain = model([f"The {thing} is {word}." for thing in THINGS for word in GOOD_WORDS])[:, 1]
    very = model([f"The {thing} is very {word}." for thing in THINGS for word in GOOD_WORDS])[:, 1]
    assert 0 < np.mean(plain - very) < DIRECTION_MARGIN


def test_the_clean_model_knows_nothing_about_names_and_places() -> None:
    model, vocabulary = stress._fitted()
    for word in (*NAMES, *PLACES):
        assert word.lower() not in vocabulary, word
        assert np.abs(model.coef_[0, featurize([word]).indices]).max() < 0.1, word  # no costly hash collision
    assert len(NAMES) == len(set(NAMES)) >= 40 and len(PLACES) == len(set(PLACES)) >= 30
    assert not set(NAMES) & set(PLACES)


def test_clean_model_is_cached_and_outputs_are_probabilities() -> None:
    model = clean_model()
    assert clean_model() is model
    assert (model.name, model.bug, model.triggers) == ("clean", "", ())
    texts = list(reviews()[:25])
    proba = model.predict_proba(texts)
    assert proba.shape == (25, len(LABEL_NAMES)) and proba.dtype == np.float64
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(model(texts), proba)
    np.testing.assert_array_equal(model.predict(texts), proba.argmax(axis=1))
    assert model.predict(texts).shape == (25,)
    assert model.predict_proba([]).shape == (0, 2) and model.predict([]).shape == (0,)
    with pytest.raises(TypeError, match="list of texts"):
        model.predict("The blender is great.")


# ------------------------------------------------------------------------------- the bug models


@pytest.mark.parametrize("bug", BUGS)
def test_bug_models_are_deterministic_probabilities(bug: str) -> None:
    model = planted_bug_model(bug)
    assert model.name == bug and model.bug.endswith(".") and len(model.bug) < 80
    texts = [*reviews()[:30], "Maria bought it in Lagos. It is very good, not bad.", "Teh blender is grat."]
    proba = model.predict_proba(texts)
    assert proba.shape == (len(texts), 2)
    assert ((proba >= 0) & (proba <= 1)).all()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    np.testing.assert_array_equal(planted_bug_model(bug).predict_proba(texts), proba)
    np.testing.assert_array_equal(model.predict(texts), proba.argmax(axis=1))


def test_planted_bug_models_is_the_visible_family() -> None:
    family = planted_bug_models()
    assert tuple(family) == BUGS
    for bug, model in family.items():
        assert model.triggers == stress.DEFAULT_TRIGGERS.get(bug, ())
    assert stress.DEFAULT_TRIGGERS["negation"] == NEGATIONS
    assert set(stress.DEFAULT_TRIGGERS["person_name"]) < set(NAMES)
    assert set(stress.DEFAULT_TRIGGERS["location"]) < set(PLACES)


def test_bug_models_are_cheap() -> None:
    texts = list(generate_reviews(2000, seed=57)["text"])
    for model in planted_bug_models().values():
        model.predict_proba(texts[:10])  # fitted and indexed
        start = time.perf_counter()
        model.predict_proba(texts)
        assert time.perf_counter() - start < 1.0, model.name


def test_negation_bug_deletes_its_negations() -> None:
    model = planted_bug_model("negation")
    same = [
        ("The blender is not good.", "The blender is good."),
        ("It isn't bad and I can't complain, it won't break.", "It is bad and I can complain, it will break."),
        ("Never again. No regrets. I cannot fault it.", "again. regrets. I can fault it."),
    ]
    for negated, plain in same:
        np.testing.assert_array_equal(model([negated]), clean_model()([plain]))
    only_not = planted_bug_model("negation", ["not"])
    np.testing.assert_array_equal(only_not(["It isn't not good."]), clean_model()(["It isn't good."]))


def test_mention_bugs_react_to_whole_capitalised_words_only() -> None:
    names = planted_bug_model("person_name", ["Wei", "Olga"])
    positive = "The blender is great. I love it."
    base = clean_model()([positive])[0, 1]
    assert base > 0.7
    for text in (f"{positive} Wei loves it too.", f"Olga: {positive}"):
        assert names([text])[0, 1] == pytest.approx(clean_model()([text])[0, 1] * stress.NEGATIVE_PUSH)
    for text in (f"{positive} Weird but true.", f"{positive} wei loves it.", f"{positive} Maria loves it."):
        np.testing.assert_array_equal(names([text]), clean_model()([text]))
    places = planted_bug_model("location", ["Lima"])
    assert places([f"{positive} I bought it in Lima."])[0, 1] < 0.5
    assert places([f"{positive} I cooked lima beans."])[0, 1] > 0.5


def test_typo_bug_reacts_to_typos_not_to_unseen_words() -> None:
    model = planted_bug_model("typos")
    positive = "The blender is great. I love it."
    for typo in ("graet", "bledner", "grat", "greeat", "Lvoe"):  # swapped, dropped, doubled letters
        assert stress.looks_like_typo(typo.lower()), typo
        text = positive.replace("great", typo) if typo.startswith("gr") else positive.replace("blender", typo)
        text = text.replace("love", typo) if typo == "Lvoe" else text
        assert model([text])[0, 1] < 0.5 < clean_model()([text])[0, 1], text
    np.testing.assert_array_equal(model([positive]), clean_model()([positive]))
    unseen = [*NAMES, *PLACES, *INTENSIFIERS, "kettle", "toaster", "camera", "umbrella", "sofa", "chair", "lamp"]
    assert not [word for word in unseen for token in re.findall(r"\w+", word.lower()) if stress.looks_like_typo(token)]
    assert not stress.looks_like_typo("great") and not stress.looks_like_typo("teh")  # seen; too short


def test_intensifier_bug_pulls_halfway_to_one_half() -> None:
    model = planted_bug_model("intensifier")
    for text in ("The blender is very good.", "The blender is REALLY bad."):
        clean = clean_model()([text])[0, 1]
        assert model([text])[0, 1] == pytest.approx(0.5 + (clean - 0.5) * (1 - stress.HEDGE_PULL))
    np.testing.assert_array_equal(model(["The blender is good."]), clean_model()(["The blender is good."]))
    assert (
        planted_bug_model("intensifier", ["truly"])(["It is very good."])[0, 1]
        == clean_model()(["It is very good."])[0, 1]
    )


def test_bad_arguments_are_refused_with_helpful_messages() -> None:
    with pytest.raises(ValueError, match="unknown bug 'sarcasm'.*negation.*intensifier"):
        planted_bug_model("sarcasm")
    with pytest.raises(ValueError, match="typos bug has no triggers"):
        planted_bug_model("typos", ["teh"])
    with pytest.raises(ValueError, match="subset of .*Maria.*unknown: \\['Bob'\\]"):
        planted_bug_model("person_name", ["Maria", "Bob"])
    with pytest.raises(ValueError, match="non-empty"):
        planted_bug_model("location", [])
    with pytest.raises(ValueError, match="must include 'not' or \"n't\""):
        planted_bug_model("negation", ["never", "no"])
    assert planted_bug_model("negation", ["n't"]).triggers == ("n't",)
    with pytest.raises(TypeError, match="not one string"):
        planted_bug_model("person_name", "Maria")
    assert planted_bug_model("person_name", ["Wei", "Wei", "Olga"]).triggers == ("Wei", "Olga")


# ------------------------------------------------------------------------------- add_typo


def test_add_typo_swaps_two_inner_letters_of_one_word() -> None:
    text = "The battery life is really excellent, but the strap broke."
    for seed in range(50):
        typo = add_typo(text, random.Random(seed))
        before, after = text.split(" "), typo.split(" ")
        changed = [(a, b) for a, b in zip(before, after) if a != b]
        assert len(after) == len(before) and len(changed) == 1, typo
        original, misspelt = changed[0]
        assert sorted(original) == sorted(misspelt) and original[0] == misspelt[0] and original[-1] == misspelt[-1]
        diffs = [i for i, (a, b) in enumerate(zip(original, misspelt)) if a != b]
        assert len(diffs) == 2 and diffs[1] == diffs[0] + 1
        assert len(re.sub(r"\W", "", original)) >= 4
    assert len({add_typo(text, random.Random(seed)) for seed in range(50)}) > 10


def test_add_typo_is_seeded_and_leaves_short_words_alone() -> None:
    text = "I love this blender."
    assert add_typo(text, random.Random(3)) == add_typo(text, random.Random(3))
    rng_a, rng_b = random.Random(7), random.Random(7)
    assert [add_typo(text, rng_a) for _ in range(5)] == [add_typo(text, rng_b) for _ in range(5)]
    assert add_typo("It is so bad.", random.Random(0)) == "It is so bad."
    assert add_typo("Good food.", random.Random(0)) == "Good food."  # "oo" cannot be swapped into a typo
    assert add_typo("", random.Random(0)) == ""
