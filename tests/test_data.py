"""The generated review corpus, its planted defects, its datasheet, and the embedding cache."""

from __future__ import annotations

import re
import time
from collections import Counter
from difflib import SequenceMatcher

import numpy as np
import pandas as pd
import pytest

from dcai_labs import embeddings
from dcai_labs.data import (
    CATEGORIES,
    LABEL_NAMES,
    NoisyReviews,
    datasheet_path,
    generate_reviews,
    load_reviews,
    make_noisy_reviews,
)
from dcai_labs.data.review_generator.corruption import JUNK_KINDS
from dcai_labs.data.review_generator.lexicon import score
from dcai_labs.data.review_generator.vocabulary import CATEGORIES_SPEC

DATASHEET_SECTIONS = (
    "Motivation",
    "Composition",
    "Collection process",
    "Preprocessing/cleaning/labelling",
    "Uses",
    "Distribution",
    "Maintenance",
)
FOREIGN_WORDS = {
    "es",
    "el",
    "la",
    "este",
    "muy",
    "lo",
    "no",
    "est",
    "je",
    "le",
    "mes",
    "très",
    "trop",
    "ne",
    "ist",
    "die",
    "der",
    "und",
    "sehr",
    "nicht",
    "ich",
    "nach",
    "meine",
}
ENGLISH_WORDS = {"the", "and", "is", "it", "i", "this", "was", "with", "for", "my", "a", "of", "to"}


@pytest.fixture(scope="module")
def noisy() -> NoisyReviews:
    return make_noisy_reviews()


def _rows(pairs: list[tuple[int, int]]) -> set[int]:
    return {dup for dup, _ in pairs}


def _changed_chars(a: str, b: str) -> int:
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal")


# --- clean generator ---------------------------------------------------------------------------------


def test_generate_reviews_is_deterministic_typed_and_varied() -> None:
    first, again, other = generate_reviews(300, seed=5), generate_reviews(300, seed=5), generate_reviews(300, seed=6)
    pd.testing.assert_frame_equal(first, again)
    assert not first["text"].equals(other["text"])
    assert list(first.columns) == ["text", "label", "category"]
    assert pd.api.types.is_string_dtype(first["text"]) and pd.api.types.is_string_dtype(first["category"])
    assert first["label"].dtype == np.int64
    assert isinstance(first.index, pd.RangeIndex)
    assert first["text"].is_unique
    assert set(first["label"]) == {0, 1} and abs(first["label"].mean() - 0.5) < 0.01
    assert set(first["category"]) == set(CATEGORIES)
    lengths = first["text"].str.count(r"[.!?](?:\s|$)")
    assert lengths.min() == 1 and lengths.max() >= 5


def test_label_names_and_categories() -> None:
    assert LABEL_NAMES == ("negative", "positive")
    assert len(CATEGORIES) == 6 and len(set(CATEGORIES)) == 6


def test_vocabulary_is_consistent_and_scored_by_vader() -> None:
    for category in CATEGORIES_SPEC:
        for product in category.products:
            assert set(product.aspects) <= set(category.aspects), (category.name, product.name)
    assert score(["superb"])[0].polarity == 1 and score(["awful"])[0].polarity == 0
    with pytest.raises(KeyError):
        score(["notawordatall"])


def test_reviews_have_no_template_leftovers() -> None:
    texts = generate_reviews(1000, seed=11)["text"]
    assert not texts.str.contains(r"[{}]|\s\s|\.\.|,\.|\bthem (?:is|are)\b", regex=True).any()
    assert texts.str.match(r"^[A-Z]").all()


# --- noisy corpus ------------------------------------------------------------------------------------


def test_make_noisy_reviews_is_deterministic(noisy: NoisyReviews) -> None:
    again = make_noisy_reviews()
    pd.testing.assert_frame_equal(noisy.train, again.train)
    pd.testing.assert_frame_equal(noisy.test, again.test)
    np.testing.assert_array_equal(noisy.true_train_labels, again.true_train_labels)
    assert noisy.defects.exact_duplicates == again.defects.exact_duplicates
    assert noisy.defects.near_duplicates == again.defects.near_duplicates
    np.testing.assert_array_equal(noisy.defects.label_flips, again.defects.label_flips)
    assert not noisy.train["text"].equals(make_noisy_reviews(seed=1).train["text"])


def test_shapes_columns_and_dtypes(noisy: NoisyReviews) -> None:
    for split, n in ((noisy.train, 2000), (noisy.test, 600)):
        assert len(split) == n
        assert list(split.columns) == ["text", "label", "category"]
        assert isinstance(split.index, pd.RangeIndex)
        assert split["label"].dtype == np.int64 and set(split["label"]) <= {0, 1}
        assert set(split["category"]) <= set(CATEGORIES)
    assert noisy.true_train_labels.shape == (2000,) and set(noisy.true_train_labels) <= {-1, 0, 1}


def test_defect_groups_are_disjoint(noisy: NoisyReviews) -> None:
    d = noisy.defects
    groups = [set(d.label_flips), _rows(d.exact_duplicates), _rows(d.near_duplicates), set(d.all_junk())]
    assert sum(len(g) for g in groups) == len(set().union(*groups))
    originals = {orig for _, orig in d.exact_duplicates + d.near_duplicates}
    assert not originals & (_rows(d.exact_duplicates) | _rows(d.near_duplicates) | set(d.all_junk()))


def test_label_flips_are_wrong_and_explain_every_wrong_label(noisy: NoisyReviews) -> None:
    d, observed, true = noisy.defects, noisy.train["label"].to_numpy(), noisy.true_train_labels
    assert (observed[d.label_flips] != true[d.label_flips]).all()
    flipped = set(d.label_flips)
    copies_of_flips = {dup for dup, orig in d.exact_duplicates + d.near_duplicates if orig in flipped}
    wrong = set(np.flatnonzero((observed != true) & (true >= 0)))
    assert wrong == flipped | copies_of_flips
    assert copies_of_flips, "some duplicates should copy a mislabeled row"


def test_flip_rates_are_class_conditional(noisy: NoisyReviews) -> None:
    d, true = noisy.defects, noisy.true_train_labels
    ordinary = np.setdiff1d(
        np.arange(len(true)),
        np.concatenate(
            [d.all_junk(), np.array(sorted(_rows(d.exact_duplicates) | _rows(d.near_duplicates)), dtype=np.int64)]
        ),
    )
    flips = set(d.label_flips)
    for cls, key in ((0, "flip_negative_to_positive"), (1, "flip_positive_to_negative")):
        members = ordinary[true[ordinary] == cls]
        rate = np.mean([i in flips for i in members])
        assert abs(rate - noisy.rates[key]) < 1 / len(members), (cls, rate)


def test_exact_duplicates_copy_their_original(noisy: NoisyReviews) -> None:
    train, d = noisy.train, noisy.defects
    assert len(d.exact_duplicates) == 80
    for dup, orig in d.exact_duplicates:
        assert dup > orig
        assert train.at[dup, "text"] == train.at[orig, "text"]
        assert train.at[dup, "label"] == train.at[orig, "label"]
        assert noisy.true_train_labels[dup] == noisy.true_train_labels[orig]
    repeated = {text for text, n in Counter(train["text"]).items() if n > 1}
    assert repeated == {train.at[dup, "text"] for dup, _ in d.exact_duplicates}, "only planted copies repeat"


def test_near_duplicates_differ_slightly(noisy: NoisyReviews) -> None:
    train, d = noisy.train, noisy.defects
    assert len(d.near_duplicates) == 80
    for dup, orig in d.near_duplicates:
        a, b = train.at[dup, "text"], train.at[orig, "text"]
        assert dup > orig and a != b
        assert _changed_chars(a.casefold(), b.casefold()) <= 20, (a, b)
        assert SequenceMatcher(None, a.casefold(), b.casefold(), autojunk=False).ratio() >= 0.75, (a, b)
        assert train.at[dup, "label"] == train.at[orig, "label"]


def test_junk_rows_match_their_kind(noisy: NoisyReviews) -> None:
    train, junk = noisy.train, noisy.defects.junk
    assert set(junk) == set(JUNK_KINDS)
    assert (noisy.true_train_labels[noisy.defects.all_junk()] == -1).all()
    assert (noisy.true_train_labels[np.setdiff1d(np.arange(2000), noisy.defects.all_junk())] >= 0).all()
    products = [p.name for c in CATEGORIES_SPEC for p in c.products]
    for i in junk["html"]:
        assert re.search(r"<[a-z!]|&\w+;", train.at[i, "text"]), train.at[i, "text"]
    for i in junk["empty"]:
        assert train.at[i, "text"].strip() == ""
    for i in junk["other_language"]:
        text = train.at[i, "text"]
        words = set(re.findall(r"\w+", text.lower()))
        assert (words & FOREIGN_WORDS or not text.isascii()) and not words & ENGLISH_WORDS, text
    for i in junk["off_topic"]:
        text = train.at[i, "text"]
        assert text.strip() and "<" not in text and not any(p in text for p in products), text
    ordinary = np.setdiff1d(np.arange(2000), noisy.defects.all_junk())
    assert not train["text"][ordinary].str.contains("<").any()
    assert (train["text"][ordinary].str.strip() != "").all()


def test_default_rates_and_counts(noisy: NoisyReviews) -> None:
    d, n = noisy.defects, len(noisy.train)
    assert noisy.rates == {
        "flip_negative_to_positive": 0.30,
        "flip_positive_to_negative": 0.10,
        "exact_duplicate": 0.04,
        "near_duplicate": 0.04,
        "junk_html": 0.015,
        "junk_empty": 0.01,
        "junk_other_language": 0.015,
        "junk_off_topic": 0.01,
    }
    for kind in JUNK_KINDS:
        assert len(d.junk[kind]) == round(noisy.rates[f"junk_{kind}"] * n)
    assert 0.04 <= len(d.all_junk()) / n <= 0.06


def test_custom_rates_are_honoured() -> None:
    noisy = make_noisy_reviews(
        500,
        100,
        seed=3,
        flip_rates={0: 0.2, 1: 0.2},
        exact_duplicate_rate=0.1,
        near_duplicate_rate=0.0,
        junk_rates={"html": 0.02},
    )
    d = noisy.defects
    assert len(noisy.train) == 500 and len(noisy.test) == 100
    assert len(d.exact_duplicates) == 50 and d.near_duplicates == []
    assert len(d.junk["html"]) == 10 and all(len(d.junk[k]) == 0 for k in JUNK_KINDS if k != "html")
    assert len(d.label_flips) == pytest.approx(0.2 * 440, abs=2)


def test_no_defects_means_clean_data() -> None:
    noisy = make_noisy_reviews(
        300, 50, seed=2, flip_rates={}, exact_duplicate_rate=0, near_duplicate_rate=0, junk_rates={}
    )
    assert len(noisy.defects.label_flips) == 0 and len(noisy.defects.all_junk()) == 0
    np.testing.assert_array_equal(noisy.train["label"].to_numpy(), noisy.true_train_labels)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"flip_rates": {0: 1.5}},
        {"flip_rates": {2: 0.1}},
        {"exact_duplicate_rate": -0.1},
        {"junk_rates": {"pdf": 0.1}},
        {"n_train": 0},
        {"exact_duplicate_rate": 0.6, "near_duplicate_rate": 0.3},
    ],
)
def test_invalid_settings_are_rejected(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        make_noisy_reviews(**{"n_train": 200, "n_test": 10, **kwargs})


def test_defects_are_spread_through_the_table(noisy: NoisyReviews) -> None:
    duplicates = np.array(sorted(_rows(noisy.defects.exact_duplicates)))
    for rows in (noisy.defects.label_flips, noisy.defects.all_junk(), duplicates):
        assert 700 < np.median(rows) < 1400
        assert rows.min() < 400 and rows.max() > 1600


def test_test_split_is_clean_and_disjoint(noisy: NoisyReviews) -> None:
    test, train = noisy.test, noisy.train
    assert test["text"].is_unique
    assert not set(test["text"]) & set(train["text"])
    assert not test["text"].str.contains("<").any() and (test["text"].str.strip() != "").all()
    assert abs(test["label"].mean() - 0.5) < 0.05


def test_load_reviews_is_the_standard_corpus_and_isolated(noisy: NoisyReviews) -> None:
    first = load_reviews()
    pd.testing.assert_frame_equal(first.train, noisy.train)
    first.train.loc[0, "label"] = 1 - first.train.loc[0, "label"]
    first.defects.junk["html"][:] = 0
    second = load_reviews()
    pd.testing.assert_frame_equal(second.train, noisy.train)
    np.testing.assert_array_equal(second.defects.junk["html"], noisy.defects.junk["html"])


def test_generation_is_fast() -> None:
    # CPU time, not wall time: a busy CI machine must not make this test flaky.
    start = time.process_time()
    make_noisy_reviews(2000, 600, seed=9)
    assert time.process_time() - start < 1.0


# --- datasheet ---------------------------------------------------------------------------------------


def test_datasheet_has_the_seven_sections_and_the_licences() -> None:
    text = datasheet_path().read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == list(DATASHEET_SECTIONS)
    for phrase in ("CC0-1.0", "MIT", "vaderSentiment", "Hutto", "30%", "10%"):
        assert phrase in text, phrase
    assert datasheet_path("reviews") == datasheet_path()
    with pytest.raises(FileNotFoundError):
        datasheet_path("no-such-corpus")


# --- embeddings --------------------------------------------------------------------------------------


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder, and no shipped rows (tests/test_embedding_store.py covers those)."""
    from dcai_labs import embedding_store

    monkeypatch.setenv("DCAI_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(embedding_store, "store_path", lambda: tmp_path / "no-shipped-rows.npz")
    return tmp_path


def _fake_encoder(calls: list[int]):
    def encode(texts, batch_size):
        calls.append(len(texts))
        vectors = np.random.default_rng(len(texts)).normal(size=(len(texts), embeddings.DIMENSION))
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)

    return encode


def test_cache_round_trip_and_recovery_from_a_corrupt_file(cache, monkeypatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(embeddings, "_encode", _fake_encoder(calls))
    texts = ["one", "two", ""]
    first = embeddings.embed(texts)
    path = cache / f"{embeddings.cache_key(texts)}.npy"
    assert path.is_file() and calls == [3]
    np.testing.assert_array_equal(embeddings.embed(texts), first)
    assert calls == [3], "the second call must read the cache"
    path.write_bytes(b"not an npy file")
    np.testing.assert_array_equal(embeddings.embed(texts), first)
    assert calls == [3, 3] and np.array_equal(np.load(path), first)
    np.save(path, first[:2])  # readable, but the wrong shape
    embeddings.embed(texts)
    assert calls == [3, 3, 3]
    assert not list(cache.glob("*.tmp")), "temporary files must not be left behind"


def test_cache_key_and_switches(cache, monkeypatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(embeddings, "_encode", _fake_encoder(calls))
    assert embeddings.cache_key(["ab", "c"]) != embeddings.cache_key(["a", "bc"])
    assert embeddings.cache_key(["a"]) != embeddings.cache_key(["a", ""])
    embeddings.embed(["x"], cache=False)
    assert not list(cache.iterdir())
    assert embeddings.embed([]).shape == (0, embeddings.DIMENSION) and calls == [1]
    with pytest.raises(TypeError):
        embeddings.embed(["fine", None])  # type: ignore[list-item]
    assert embeddings.cache_dir() == cache


def test_embed_with_the_real_model(cache) -> None:
    assert (embeddings.model_path() / "config.json").is_file()
    texts = ["The battery easily lasts two full days.", "", "Total waste of money.", "Great blender."]
    vectors = embeddings.embed(texts)
    assert vectors.dtype == np.float32 and vectors.shape == (4, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert (cache / f"{embeddings.cache_key(texts)}.npy").is_file()
    np.testing.assert_array_equal(embeddings.embed(texts), vectors)
    alone = embeddings.embed(texts[2:3], cache=False)
    np.testing.assert_allclose(alone[0], vectors[2], atol=1e-5)  # batching and padding do not change a vector
    similar = embeddings.embed(["Total waste of money!"], cache=False)[0]
    assert similar @ vectors[2] > similar @ vectors[0]
