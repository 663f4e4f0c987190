"""dcai_labs.classifier_head: the head features lab 07 trains on, and the check that an encoder is the original.

The tests use the bundled MiniLM in this process (a few short texts).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dcai_labs import classifier_head, embeddings

TEXTS = ["Great kettle.", "The zipper broke after two days and the seller never answered my emails.", ""]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder for this test only."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DCAI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def classifier():
    """MiniLM with a fresh (random, seeded) two-label head, in eval mode."""
    import torch
    from transformers import AutoModelForSequenceClassification

    torch.manual_seed(0)
    return AutoModelForSequenceClassification.from_pretrained(embeddings.model_path(), num_labels=2).eval()


def test_head_features_are_what_the_classifier_receives(cache: Path, classifier) -> None:
    import torch

    tokenizer, _ = embeddings.load_model()
    batch = tokenizer(TEXTS, padding=True, truncation=True, max_length=256, return_tensors="pt")
    with torch.no_grad():
        pooler = classifier.bert(**batch).pooler_output.numpy()
        probabilities = classifier(**batch).logits.softmax(-1).double().numpy()
    features = classifier_head.head_features(TEXTS)
    assert features.dtype == np.float32 and features.shape == (3, embeddings.DIMENSION)
    np.testing.assert_allclose(features, pooler, atol=1e-5)
    np.testing.assert_allclose(classifier_head.head_probabilities(classifier, features), probabilities, atol=1e-6)
    # not the sentence embedding: the two are different features of the same texts
    assert not np.allclose(features, embeddings.embed(TEXTS, cache=False), atol=1e-2)


def test_head_features_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fake(texts, batch_size):
        calls.append(len(texts))
        return np.random.default_rng(len(texts)).normal(size=(len(texts), embeddings.DIMENSION)).astype(np.float32)

    monkeypatch.setattr(classifier_head, "_pooler_outputs", fake)
    first = classifier_head.head_features(["a", "b"])
    np.testing.assert_array_equal(classifier_head.head_features(["a", "b"]), first)
    assert calls == [2], "the second call must read the cache"
    files = list(cache.glob("*.npy"))
    assert len(files) == 1 and files[0].stem != embeddings.cache_key(["a", "b"]), (
        "head features must not share a cache file with the sentence embeddings of the same texts"
    )
    files[0].write_bytes(b"not an array")
    np.testing.assert_array_equal(classifier_head.head_features(["a", "b"]), first)  # recomputed and replaced
    assert calls == [2, 2]
    classifier_head.head_features(["c"], cache=False)
    assert len(list(cache.glob("*.npy"))) == 1 and not list(cache.glob("*.tmp"))
    assert classifier_head.head_features([]).shape == (0, embeddings.DIMENSION)
    with pytest.raises(TypeError, match="needs strings"):
        classifier_head.head_features(["fine", 3])  # type: ignore[list-item]


def test_encoder_differences(classifier) -> None:
    import copy

    import torch
    from transformers import AutoModel

    assert classifier_head.encoder_differences(classifier) == []
    assert classifier_head.encoder_differences(AutoModel.from_pretrained(embeddings.model_path())) == []
    changed = copy.deepcopy(classifier)
    with torch.no_grad():
        changed.bert.pooler.dense.bias.add_(1.0)
        changed.classifier.weight.add_(1.0)  # the head may change; only the encoder is checked
    assert classifier_head.encoder_differences(changed) == ["pooler.dense.bias"]


def test_importing_classifier_head_is_cheap() -> None:
    """torch and transformers are imported only when a function needs them (importing them takes seconds)."""
    code = "import sys, dcai_labs.classifier_head; print(any(m in sys.modules for m in ('torch', 'transformers')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
