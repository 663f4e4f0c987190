"""dcai_labs.modelhub: the head features lab 07 trains on, encoder checks, and the Inference API client.

Fast tests use the bundled MiniLM in this process (a few short texts). The one test that needs a Hub starts a
ThrowawayHub, pushes a tiny classifier and asks the Hub's Inference API through ``inference_client``.
"""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from dcai_labs import embeddings, modelhub
from dcai_labs.hub.process import ThrowawayHub

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
    features = modelhub.head_features(TEXTS)
    assert features.dtype == np.float32 and features.shape == (3, embeddings.DIMENSION)
    np.testing.assert_allclose(features, pooler, atol=1e-5)
    np.testing.assert_allclose(modelhub.head_probabilities(classifier, features), probabilities, atol=1e-6)
    # not the sentence embedding: the two are different features of the same texts
    assert not np.allclose(features, embeddings.embed(TEXTS, cache=False), atol=1e-2)


def test_head_features_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def fake(texts, batch_size):
        calls.append(len(texts))
        return np.random.default_rng(len(texts)).normal(size=(len(texts), embeddings.DIMENSION)).astype(np.float32)

    monkeypatch.setattr(modelhub, "_pooler_outputs", fake)
    first = modelhub.head_features(["a", "b"])
    np.testing.assert_array_equal(modelhub.head_features(["a", "b"]), first)
    assert calls == [2], "the second call must read the cache"
    files = list(cache.glob("*.npy"))
    assert len(files) == 1 and files[0].stem != embeddings.cache_key(["a", "b"]), \
        "head features must not share a cache file with the sentence embeddings of the same texts"
    files[0].write_bytes(b"not an array")
    np.testing.assert_array_equal(modelhub.head_features(["a", "b"]), first)  # recomputed and replaced
    assert calls == [2, 2]
    modelhub.head_features(["c"], cache=False)
    assert len(list(cache.glob("*.npy"))) == 1 and not list(cache.glob("*.tmp"))
    assert modelhub.head_features([]).shape == (0, embeddings.DIMENSION)
    with pytest.raises(TypeError, match="needs strings"):
        modelhub.head_features(["fine", 3])  # type: ignore[list-item]


def test_encoder_differences(classifier) -> None:
    import copy

    import torch
    from transformers import AutoModel

    assert modelhub.encoder_differences(classifier) == []
    assert modelhub.encoder_differences(AutoModel.from_pretrained(embeddings.model_path())) == []
    changed = copy.deepcopy(classifier)
    with torch.no_grad():
        changed.bert.pooler.dense.bias.add_(1.0)
        changed.classifier.weight.add_(1.0)  # the head may change; only the encoder is checked
    assert modelhub.encoder_differences(changed) == ["pooler.dense.bias"]


@pytest.mark.parametrize(("endpoint", "local"), [
    (None, False), ("", False), ("https://huggingface.co", False), ("https://huggingface.co/", False),
    ("http://127.0.0.1:8765", True), ("http://localhost:9000/", True), ("https://hub.example.org", True),
])
def test_is_local_endpoint(endpoint: str | None, local: bool) -> None:
    assert modelhub.is_local_endpoint(endpoint) is local


def test_inference_client_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:8765/")
    assert modelhub.inference_client("ada/model").model == "http://127.0.0.1:8765/models/ada/model"
    monkeypatch.delenv("HF_ENDPOINT")
    assert modelhub.inference_client("ada/model").model == "ada/model"
    monkeypatch.setenv("HF_ENDPOINT", "https://huggingface.co")
    assert modelhub.inference_client("ada/model", token="hf_x").model == "ada/model"


INFERENCE_SCRIPT = textwrap.dedent('''
    import sys, tempfile
    import numpy as np, torch
    from huggingface_hub import HfApi
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification
    from dcai_labs import modelhub
    from dcai_labs.embeddings import model_path

    repo = HfApi().whoami()["name"] + "/tiny-sentiment"
    tokenizer = AutoTokenizer.from_pretrained(model_path())
    torch.manual_seed(0)
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=37, num_labels=2, id2label={0: "negative", 1: "positive"},
                        label2id={"negative": 0, "positive": 1})
    model = BertForSequenceClassification(config).eval()
    HfApi().create_repo(repo)
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        HfApi().upload_folder(repo_id=repo, folder_path=folder)
    client = modelhub.inference_client(repo)
    assert client.model.endswith("/models/" + repo), client.model
    text = "The zipper broke after two days."
    with torch.no_grad():
        want = model(**tokenizer(text, return_tensors="pt")).logits.softmax(-1)[0].numpy()
    got = {e.label: e.score for e in client.text_classification(text)}
    assert np.allclose([got["negative"], got["positive"]], want, atol=1e-5), (got, want)
    print("OK")
''')


@pytest.mark.slow
def test_inference_client_reaches_the_local_hubs_inference_api(tmp_path: Path) -> None:
    script = tmp_path / "inference.py"
    script.write_text(INFERENCE_SCRIPT)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    with ThrowawayHub(["ada"]) as hub:
        result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                                env={**env, **hub.env("ada")})
    assert result.returncode == 0 and result.stdout.strip().endswith("OK"), result.stdout[-2000:] + result.stderr[-4000:]


def test_importing_modelhub_is_cheap() -> None:
    """torch and transformers are imported only when a function needs them (importing them takes seconds)."""
    code = "import sys, dcai_labs.modelhub; print(any(m in sys.modules for m in ('torch', 'transformers')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
