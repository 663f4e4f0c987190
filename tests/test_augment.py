"""Unit tests of dcai_labs.augment (lab 03's helpers): fast, no kernels, no network."""

from __future__ import annotations

import gzip
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure
from sklearn.exceptions import ConvergenceWarning

from dcai_labs.augment import build_synonyms, images, selfsup, text, weak

RESOURCES = Path(build_synonyms.__file__).resolve().parent / "resources"


# ----------------------------------------------------------------------------------------------- text


def test_tokenize_lowercases_and_keeps_inner_apostrophes() -> None:
    assert text.tokenize("The battery isn't GREAT, it's fine!") == ["the", "battery", "isn't", "great", "it's", "fine"]
    assert text.tokenize("e-reader: 5 stars") == ["e", "reader", "5", "stars"]
    assert text.tokenize("") == []


def test_synonyms_come_from_the_committed_table() -> None:
    table = text.synonym_table()
    assert len(table) > 5000
    assert "terrific" in text.synonyms("great") or "outstanding" in text.synonyms("great")
    assert "fast" in text.synonyms("quick")
    assert text.synonyms("Quick") == text.synonyms("quick")
    assert text.synonyms("no-such-word") == ()
    for word, options in list(table.items())[::50]:
        assert word not in options, word
        assert len(set(options)) == len(options), word
        assert all(o.isalpha() and o.islower() for o in options), word


def test_has_synonyms_excludes_stop_words() -> None:
    assert "not" in text.STOP_WORDS and text.synonyms("not")  # WordNet knows "non" ...
    assert not text.has_synonyms("not")  # ... but EDA must never replace a negation by it
    assert not text.has_synonyms("the")
    assert text.has_synonyms("quick")


def test_resources_ship_with_their_licence_and_readme() -> None:
    assert (RESOURCES / "synonyms.tsv.gz").stat().st_size < 2_000_000
    licence = (RESOURCES / "WORDNET_LICENSE").read_text()
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in licence
    assert "python -m dcai_labs.augment.build_synonyms" in (RESOURCES / "README.md").read_text()


# ----------------------------------------------------------------------------------------------- builder

_HEADER = "  1 This software and database is being provided to you, the LICENSEE, by  \n"


def _fake_wordnet(folder: Path) -> Path:
    """A two-part-of-speech miniature of WordNet's index.* and data.* files (wndb(5WN) layout)."""
    data = {
        "adj": [
            "00000001 00 a 03 quick 0 fast 0 speedy(a) 0 000 | moving rapidly  ",
            "00000002 00 s 02 quick 0 ready 0 000 | apt  ",
            "00000003 00 a 02 rare 0 uncommon 0 000 | seldom seen  ",
        ],
        "noun": [
            "00000010 03 n 02 ice_cream 0 icecream 0 000 | a frozen dessert  ",
            "00000011 03 n 01 lonely 0 000 | nothing else in this synset  ",
        ],
        "verb": [],
        "adv": [],
    }
    index = {
        "adj": [
            "fast a 1 0 1 1 00000001  ",
            "quick a 2 0 2 2 00000002 00000001  ",
            "rare a 1 0 1 0 00000003  ",
            "ready a 1 0 1 1 00000002  ",
            "speedy a 1 0 1 1 00000001  ",
            "uncommon a 1 0 1 0 00000003  ",
        ],
        "noun": ["ice_cream n 1 0 1 1 00000010  ", "icecream n 1 0 1 1 00000010  ", "lonely n 1 0 1 1 00000011  "],
        "verb": [],
        "adv": [],
    }
    for pos in build_synonyms.POS_FILES:
        (folder / f"data.{pos}").write_text(_HEADER + "".join(line + "\n" for line in data[pos]), encoding="latin-1")
        (folder / f"index.{pos}").write_text(_HEADER + "".join(line + "\n" for line in index[pos]), encoding="latin-1")
    return folder


def test_build_table_follows_the_documented_rules(tmp_path: Path) -> None:
    table = build_synonyms.build_table(_fake_wordnet(tmp_path), extra_common={"uncommon"})
    # "quick": most frequent sense first (synset 2: ready), then synset 1 (fast, speedy; marker stripped)
    assert table["quick"] == ["ready", "fast", "speedy"]
    assert table["fast"] == ["quick", "speedy"]
    # "rare" is not common (tagsense_cnt 0) so it is neither an entry nor a synonym; "uncommon" is common by decree
    assert "rare" not in table and "uncommon" not in table
    # multi-word lemmas are dropped, and a word whose only synonyms were dropped disappears
    assert "ice_cream" not in table and "icecream" not in table and "lonely" not in table


def test_written_table_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    table = {"fast": ["quick", "speedy"], "quick": ["fast"]}
    first, second = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    build_synonyms.write_table(table, first)
    build_synonyms.write_table(table, second)
    assert first.read_bytes() == second.read_bytes()
    assert gzip.decompress(first.read_bytes()).decode() == "fast\tquick speedy\nquick\tfast\n"


def test_builder_names_missing_wordnet_files(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="WordNet files missing.*index.noun"):
        build_synonyms.main(["--wordnet-dir", str(tmp_path), "--out", str(tmp_path / "out.tsv.gz")])


# ----------------------------------------------------------------------------------------------- images


def test_digits_come_in_two_kinds_with_one_split() -> None:
    scanned, centred = images.load_digits_data(), images.load_digits_data("centred")
    for data in (scanned, centred):
        assert data.pool_images.shape == (1197, images.SIZE, images.SIZE)
        assert data.test_images.shape == (images.N_TEST, images.SIZE, images.SIZE)
        assert data.pool_images.dtype == np.float32
        assert data.pool_images.min() >= 0.0 and data.pool_images.max() <= 1.0
    assert np.array_equal(scanned.pool_labels, centred.pool_labels)
    assert np.array_equal(scanned.test_labels, centred.test_labels)
    # centred digits keep an empty border; scanned ones were moved or tilted into it
    assert not centred.pool_images[:, 0, :].any() and not centred.pool_images[:, :, -1].any()
    assert scanned.pool_images[:, 0, :].any()
    assert not np.allclose(scanned.pool_images, centred.pool_images)
    with pytest.raises(ValueError, match="scanned"):
        images.load_digits_data("rotated")


def test_each_call_returns_fresh_copies() -> None:
    first = images.load_digits_data()
    first.pool_images[:] = 0.0
    first.pool_labels[:] = 0
    second = images.load_digits_data()
    assert second.pool_images.max() > 0 and len(np.unique(second.pool_labels)) == 10


def test_labelled_subset_is_stratified_sorted_and_seeded() -> None:
    labels = images.load_digits_data().pool_labels
    rows = images.labelled_subset(labels, 50, seed=3)
    assert np.array_equal(rows, np.sort(rows)) and len(np.unique(rows)) == 50
    assert np.array_equal(np.bincount(labels[rows]), np.full(10, 5))
    assert np.array_equal(rows, images.labelled_subset(labels, 50, seed=3))
    assert not np.array_equal(rows, images.labelled_subset(labels, 50, seed=4))
    with pytest.raises(ValueError, match="multiple"):
        images.labelled_subset(labels, 55, seed=0)


def test_imbalanced_subset_counts() -> None:
    labels = images.load_digits_data().pool_labels
    rows = images.imbalanced_subset(labels, (3, 8), seed=0, n_major=12, n_minor=2)
    counts = np.bincount(labels[rows])
    assert counts[3] == counts[8] == 2 and all(counts[c] == 12 for c in range(10) if c not in (3, 8))


def test_fixed_model_is_one_nearest_neighbour() -> None:
    train = np.array([[[0.0, 0.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 1.0]]], dtype=np.float32)
    model = images.fit(train, [0, 1])
    assert model.n_neighbors == 1
    assert images.predict(model, train * 0.9 + 0.05).tolist() == [0, 1]
    accuracy = images.evaluate(train, [0, 1], train[::-1], [1, 0])
    assert isinstance(accuracy, float) and accuracy == 1.0


def test_plot_grid_draws_one_row_per_array() -> None:
    data = images.load_digits_data()
    fig = images.plot_grid([data.pool_images[:4], data.pool_images[4:7]], row_titles=["a", "b"], col_titles=["x"])
    assert isinstance(fig, Figure) and len(fig.axes) == 8


# ----------------------------------------------------------------------------------------------- selfsup


def test_rotation_model_is_deterministic_and_has_128_hidden_units() -> None:
    data = images.load_digits_data()
    pretext = np.concatenate([np.rot90(data.pool_images[:40], k, axes=(1, 2)) for k in range(4)])
    labels = np.repeat(np.arange(4), 40)
    a = selfsup.train_rotation_model(pretext, labels)
    b = selfsup.train_rotation_model(pretext, labels)
    assert a.coefs_[0].shape == (images.SIZE * images.SIZE, selfsup.HIDDEN_UNITS)
    assert np.array_equal(a.coefs_[0], b.coefs_[0])


def _nine_crops(batch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The crop-position pretext data of lab 03's Exercise 7b, written out (one block per position)."""
    size, stride = selfsup.CROP_SIZE, selfsup.CROP_STRIDE
    steps = range(0, images.SIZE - size + 1, stride)
    corners = [(t, left) for t in steps for left in steps]
    crops = np.concatenate([batch[:, t : t + size, left : left + size] for t, left in corners])
    return crops, np.repeat(np.arange(len(corners)), len(batch))


def test_crop_model_is_deterministic_and_learns_positions() -> None:
    data = images.load_digits_data()
    crops, labels = _nine_crops(data.pool_images[:300])
    assert crops.shape == (2700, 6, 6) and labels.max() == 8  # a 3x3 grid of 6x6 crops on 10x10 digits
    a = selfsup.train_crop_model(crops, labels)
    b = selfsup.train_crop_model(crops, labels)
    assert a.coefs_[0].shape == (selfsup.CROP_SIZE**2, selfsup.HIDDEN_UNITS)
    assert a.n_iter_ <= selfsup.CROP_EPOCHS
    assert np.array_equal(a.coefs_[0], b.coefs_[0])
    assert not np.array_equal(a.coefs_[0], selfsup.train_crop_model(crops, labels, seed=1).coefs_[0])
    assert (images.predict(a, crops) == labels).mean() > 0.4  # nine positions: chance is 11%


def test_untrained_copy_is_the_network_before_its_first_step() -> None:
    data = images.load_digits_data()
    crops, labels = _nine_crops(data.pool_images[:100])
    trained = selfsup.train_crop_model(crops, labels, seed=3)
    weights = trained.coefs_[0].copy()
    untrained = selfsup.untrained_copy(trained)
    # scikit-learn's own starting point: the same network after one pass at a vanishing learning rate
    start = selfsup.make_crop_model(seed=3).set_params(max_iter=1, learning_rate_init=1e-12)
    with pytest.warns(ConvergenceWarning):
        start.fit(images.flatten(crops), labels)
    for mine, theirs in zip([*untrained.coefs_, *untrained.intercepts_], [*start.coefs_, *start.intercepts_]):
        assert mine.shape == theirs.shape and mine.dtype == theirs.dtype
        assert np.allclose(mine, theirs, atol=1e-8)
    assert not np.allclose(untrained.coefs_[0], weights)  # the copy is untrained ...
    assert np.array_equal(trained.coefs_[0], weights)  # ... and the trained network untouched
    other = selfsup.untrained_copy(trained, seed=4)
    assert not np.allclose(other.coefs_[0], untrained.coefs_[0])
    bound = np.sqrt(6 / (selfsup.CROP_SIZE**2 + selfsup.HIDDEN_UNITS))
    assert np.abs(other.coefs_[0]).max() <= bound and np.abs(other.coefs_[0]).max() > 0.9 * bound


_CORPUS = [
    "the battery is great and the screen is great",
    "the battery is awful and the screen is awful",
    "great sound and great battery",
    "awful sound and awful battery",
    "the screen is bright",
] * 4


def test_word_vectors_are_deterministic_and_skip_rare_words() -> None:
    vectors = selfsup.word_vectors(_CORPUS, dim=4, window=2, min_count=2)
    again = selfsup.word_vectors(_CORPUS, dim=4, window=2, min_count=2)
    assert vectors.vocabulary == again.vocabulary and np.allclose(vectors.vectors, again.vectors)
    assert vectors.vectors.shape == (len(vectors.vocabulary), 4)
    assert "battery" in vectors and "zebra" not in vectors
    assert "bright" in vectors  # seen 4 times in the repeated corpus
    assert selfsup.word_vectors(_CORPUS[:5], dim=4, min_count=2).vocabulary.get("bright") is None
    similar = vectors.most_similar("great", k=3)
    assert len(similar) == 3 and all(word != "great" for word, _ in similar)


def test_document_vectors_are_unit_length_or_zero() -> None:
    vectors = selfsup.word_vectors(_CORPUS, dim=4, window=2)
    docs = selfsup.document_vectors(["great battery", "the and is", "zebra"], vectors)
    assert docs.shape == (3, 4)
    assert np.isclose(np.linalg.norm(docs[0]), 1.0)
    assert not docs[1].any() and not docs[2].any()  # only stop words / only unknown words


def test_linear_probe_scores_an_easy_problem() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 5))
    y = (X[:, 0] > 0).astype(int)
    assert selfsup.linear_probe(X[:100], y[:100], X[100:], y[100:]) > 0.9


# ----------------------------------------------------------------------------------------------- weak


def test_lexicon_reads_valence_and_negation() -> None:
    assert weak.lexicon_score("great") > 0 > weak.lexicon_score("terrible")
    assert weak.lexicon_score("not great") < 0 < weak.lexicon_score("not terrible")
    assert weak.lexicon_lf("Superb kettle, I love it.") == weak.POSITIVE
    assert weak.lexicon_lf("Awful. Total waste.") == weak.NEGATIVE
    assert weak.lexicon_lf("It arrived on Tuesday.") == weak.ABSTAIN


def test_keyword_and_rule_lfs() -> None:
    lf = weak.keyword_lf([r"\brecommend", r"would buy again"], weak.POSITIVE)
    assert lf("I'd RECOMMEND it") == weak.POSITIVE and lf("Would buy again.") == weak.POSITIVE
    assert lf("No comment") == weak.ABSTAIN
    assert weak.short_review_lf("Love it.") == weak.POSITIVE
    assert weak.short_review_lf("   ") == weak.ABSTAIN
    assert weak.short_review_lf("x" * 60) == weak.ABSTAIN


def test_apply_lfs_builds_the_label_matrix_in_lf_order() -> None:
    lfs = weak.labelling_functions()
    assert list(lfs) == ["lexicon", "recommends", "regrets", "fell_short", "short_review"]
    matrix = weak.apply_lfs(["Worst purchase ever, save your money.", "Ok."], lfs)
    assert matrix.shape == (2, 5) and matrix.dtype == np.int64
    assert matrix[0, list(lfs).index("regrets")] == weak.NEGATIVE
    assert set(np.unique(matrix)) <= {-1, 0, 1}


def test_lf_summary_measures_coverage_accuracy_overlap_and_conflict() -> None:
    L = np.array([[1, 1, -1], [1, 0, -1], [0, -1, -1], [-1, -1, -1], [1, 1, -1]])
    gold = np.array([1, 1, 0, 1, -1])  # the last row has no gold label and is left out
    summary = weak.lf_summary(L, gold, ["a", "b", "c"])
    assert summary.loc["a", "coverage"] == 0.75 and summary.loc["a", "accuracy"] == 1.0
    assert summary.loc["b", "coverage"] == 0.5 and summary.loc["b", "accuracy"] == 0.5
    assert summary.loc["a", "overlap"] == 0.5 and summary.loc["a", "conflict"] == 0.25
    assert summary.loc["c", "coverage"] == 0.0 and np.isnan(summary.loc["c", "accuracy"])
    assert summary["votes"].tolist() == [3, 2, 0]


def test_a_pretext_network_trained_twice_on_the_same_data_is_trained_once() -> None:
    import time

    rng = np.random.default_rng(5)
    pictures = rng.random((200, 10, 10))
    labels = np.arange(200) % 4
    start = time.perf_counter()
    first = selfsup.train_rotation_model(pictures, labels)
    trained = time.perf_counter() - start
    start = time.perf_counter()
    again = selfsup.train_rotation_model(pictures, labels)
    assert time.perf_counter() - start < trained / 5
    assert again is not first and all(np.array_equal(a, b) for a, b in zip(first.coefs_, again.coefs_, strict=True))
    again.coefs_[0][:] = 0  # a learner's copy: changing it changes nothing for the next caller
    assert not np.array_equal(selfsup.train_rotation_model(pictures, labels).coefs_[0], again.coefs_[0])
    other = selfsup.train_rotation_model(pictures, labels, seed=1)
    assert not np.array_equal(other.coefs_[0], first.coefs_[0])
