"""The MiniLM rows shipped with the package are what the model computes, for exactly the course's corpora.

If a generator, a seed or the model changes, these tests fail and say how to rebuild the store
(``python -m dcai_labs.embedding_store``); a learner would otherwise silently pay the slow first run again.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dcai_labs import classifier_head, embedding_store, embeddings

REBUILD = "rebuild it with `.venv/bin/python -m dcai_labs.embedding_store` and commit the file"
SAMPLE = 48


@pytest.fixture(scope="module")
def corpora() -> dict[str, list[str]]:
    return embedding_store.shipped_corpora()


def test_the_store_holds_exactly_the_course_corpora(corpora: dict[str, list[str]]) -> None:
    index, rows = embedding_store._index(embedding_store.store_path())
    wanted = {embedding_store.row_key(v, t) for v, texts in corpora.items() for t in texts}
    assert len(wanted) == sum(len(t) for t in corpora.values())
    assert set(index) == wanted, f"the shipped rows are not those of today's corpora: {REBUILD}"
    assert rows.dtype == np.float32 and np.isfinite(rows).all()


@pytest.mark.parametrize("version", [embeddings.EMBEDDING_VERSION, classifier_head.HEAD_FEATURES_VERSION])
def test_stored_rows_equal_a_fresh_computation(corpora: dict[str, list[str]], version: str) -> None:
    texts = corpora[version]
    picks = np.random.default_rng(0).choice(len(texts), size=SAMPLE, replace=False)
    sample = [texts[i] for i in picks]
    stored, found = embedding_store.lookup(sample, version)
    assert found.all()
    fresh = embedding_store.compute(version, sample)
    np.testing.assert_allclose(stored, fresh, atol=2e-5, err_msg=f"stored rows differ from the model's: {REBUILD}")


def test_a_first_run_computes_only_what_the_store_lacks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpora: dict[str, list[str]]
) -> None:
    monkeypatch.setenv("DCAI_CACHE_DIR", str(tmp_path / "empty-cache"))
    known = corpora[embeddings.EMBEDDING_VERSION][:5]
    asked: list[list[str]] = []

    def compute(todo: list[str]) -> np.ndarray:
        asked.append(todo)
        return np.full((len(todo), embeddings.DIMENSION), 0.5, dtype=np.float32)

    texts = [known[0], "a sentence no corpus of the course contains", *known[1:]]
    rows = embeddings.cached_rows(texts, compute, version=embeddings.EMBEDDING_VERSION)
    assert asked == [["a sentence no corpus of the course contains"]]
    np.testing.assert_array_equal(rows[1], 0.5)
    np.testing.assert_array_equal(rows[[0, 2, 3, 4, 5]], embedding_store.lookup(known, embeddings.EMBEDDING_VERSION)[0])
    assert embeddings.cached_rows(texts, compute, version=embeddings.EMBEDDING_VERSION).tolist() == rows.tolist()
    assert len(asked) == 1, "the second call is served by the cache folder"


def test_without_cache_the_model_always_runs(monkeypatch: pytest.MonkeyPatch, corpora: dict[str, list[str]]) -> None:
    calls: list[int] = []
    monkeypatch.setattr(
        embeddings,
        "_encode",
        lambda texts, batch_size: (
            calls.append(len(texts)) or np.zeros((len(texts), embeddings.DIMENSION), dtype=np.float32)
        ),
    )
    embeddings.embed(corpora[embeddings.EMBEDDING_VERSION][:3], cache=False)
    assert calls == [3]


def test_a_missing_or_damaged_store_only_costs_time(tmp_path: Path) -> None:
    damaged = tmp_path / "rows.npz"
    damaged.write_bytes(b"not a zip file")
    for path in (tmp_path / "absent.npz", damaged):
        rows, found = embedding_store.lookup(["Great kettle."], embeddings.EMBEDDING_VERSION, path)
        assert not found.any() and rows.shape == (1, embeddings.DIMENSION)
