"""The local Inference API (localhub.inference) against the REAL InferenceClient, model given as a URL."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
import requests
from huggingface_hub import InferenceClient
from huggingface_hub.errors import HfHubHTTPError

TOKENS = {"ada": "hf_ada_test_token_0001", "alan": "hf_alan_test_token_0002", "eve": "hf_eve_test_token_0003"}
TEXT = "the movie is very good"

# Pushes a tiny classifier and a plain BertModel (as ada), then records what a LOCAL pipeline answers.
PUSH_SCRIPT = r"""
import json, sys, torch
from pathlib import Path
from transformers import (BertConfig, BertForMaskedLM, BertForSequenceClassification, BertForTokenClassification,
                          BertModel, BertTokenizerFast, pipeline)
clf_repo, feat_repo, work, text = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
mlm_repo, ner_repo = clf_repo + "-mlm", clf_repo + "-ner"
vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "bad", "movie", "the", "is", "very", "a"]
(work / "vocab.txt").write_text("\n".join(vocab) + "\n")
tok = BertTokenizerFast(vocab_file=str(work / "vocab.txt"))
torch.manual_seed(0)
kw = dict(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=37,
          max_position_embeddings=64)
clf = BertForSequenceClassification(BertConfig(num_labels=3, id2label={0: "NEG", 1: "NEU", 2: "POS"},
                                               label2id={"NEG": 0, "NEU": 1, "POS": 2}, **kw)).eval()
feat = BertModel(BertConfig(**kw)).eval()
mlm = BertForMaskedLM(BertConfig(**kw)).eval()
ner = BertForTokenClassification(BertConfig(num_labels=3, id2label={0: "O", 1: "B-THING", 2: "I-THING"},
                                            label2id={"O": 0, "B-THING": 1, "I-THING": 2}, **kw)).eval()
out = {}
for repo, model, task in ((clf_repo, clf, "text-classification"), (feat_repo, feat, "feature-extraction"),
                          (mlm_repo, mlm, "fill-mask"), (ner_repo, ner, "token-classification")):
    model.push_to_hub(repo)
    tok.push_to_hub(repo)
    folder = work / repo.replace("/", "--")
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    pipe = pipeline(task, model=str(folder), tokenizer=str(folder), device="cpu")
    if task == "text-classification":
        out[task] = pipe(text, top_k=None)
    elif task == "fill-mask":
        out[task] = pipe("the movie is very [MASK]")
    elif task == "token-classification":
        out[task] = [{k: (float(v) if k == "score" else v) for k, v in e.items()}
                     for e in pipe(text, aggregation_strategy="simple", ignore_labels=[])]
    else:
        out[task] = pipe(text)
(work / "expected.json").write_text(json.dumps(out))
print("OK")
"""


@pytest.fixture(scope="module")
def pushed(hub, tmp_path_factory):
    """(classifier repo, feature repo, expected local pipeline outputs)."""
    work = tmp_path_factory.mktemp("inference")
    clf_repo, feat_repo = "ada/inf-tiny-clf", "ada/inf-tiny-feat"
    script = work / "push.py"
    script.write_text(PUSH_SCRIPT)
    r = subprocess.run(
        [sys.executable, str(script), clf_repo, feat_repo, str(work), TEXT],
        capture_output=True,
        text=True,
        env=hub.env("ada", hf_home=work / "hf-home"),
        timeout=300,
    )
    assert r.returncode == 0 and r.stdout.strip().endswith("OK"), r.stdout[-3000:] + r.stderr[-5000:]
    return clf_repo, feat_repo, json.loads((work / "expected.json").read_text())


def client(hub, repo_id: str, user: str = "ada", suffix: str = "") -> InferenceClient:
    return InferenceClient(model=f"{hub.url}/models/{repo_id}{suffix}", token=TOKENS[user])


@pytest.mark.slow
def test_text_classification_matches_local_pipeline(hub, pushed):
    clf_repo, _, expected = pushed
    got = client(hub, clf_repo).text_classification(TEXT)
    want = expected["text-classification"]
    assert sorted(e.label for e in got) == ["NEG", "NEU", "POS"]
    assert [e.label for e in got] == [w["label"] for w in want]
    for g, w in zip(got, want):
        assert abs(g.score - w["score"]) < 1e-5
    # the raw shape: one inner list per input, every label
    r = requests.post(
        f"{hub.url}/models/{clf_repo}",
        json={"inputs": [TEXT, "a bad movie"]},
        headers={"Authorization": f"Bearer {TOKENS['ada']}"},
        timeout=60,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body) == 2 and all(len(x) == 3 and set(x[0]) == {"label", "score"} for x in body)


@pytest.mark.slow
def test_feature_extraction_matches_local_pipeline(hub, pushed):
    _, feat_repo, expected = pushed
    assert hub.api("ada").model_info(feat_repo).pipeline_tag == "feature-extraction"
    got = client(hub, feat_repo).feature_extraction(TEXT)
    want = np.array(expected["feature-extraction"], dtype=np.float32)
    assert got.shape == want.shape and got.shape[-1] == 32
    assert np.allclose(got, want, atol=1e-5)


@pytest.mark.slow
def test_pipeline_task_form(hub, pushed):
    clf_repo, feat_repo, expected = pushed
    # the explicit /pipeline/{task} URL: same answer as the default route
    got = client(hub, feat_repo, suffix="/pipeline/feature-extraction").feature_extraction(TEXT)
    assert np.allclose(got, np.array(expected["feature-extraction"], dtype=np.float32), atol=1e-5)
    got = client(hub, clf_repo, suffix="/pipeline/text-classification").text_classification(TEXT)
    assert [e.label for e in got] == [w["label"] for w in expected["text-classification"]]
    r = requests.post(f"{hub.url}/models/{clf_repo}/pipeline/summarization", json={"inputs": TEXT}, timeout=60)
    assert r.status_code == 400 and "not supported" in r.json()["error"]


def test_repo_without_config_is_a_clear_error(hub, repo_name):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    api.upload_file(path_or_fileobj=b"just notes\n", path_in_repo="notes.txt", repo_id=repo)
    with pytest.raises(HfHubHTTPError) as e:
        client(hub, repo).text_classification(TEXT)
    assert e.value.response.status_code == 400
    msg = e.value.response.json()["error"]
    assert "config.json" in msg and "push_to_hub" in msg


def test_unknown_and_private_repos_are_404(hub, repo_name):
    with pytest.raises(HfHubHTTPError) as e:
        client(hub, "ada/no-such-model-here").text_classification(TEXT)
    assert e.value.response.status_code == 404
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo, private=True)
    for user in ("eve", None):  # no read permission: looks like a missing repo, as everywhere else
        headers = {"Authorization": f"Bearer {TOKENS[user]}"} if user else {}
        r = requests.post(f"{hub.url}/models/{repo}", json={"inputs": TEXT}, headers=headers, timeout=30)
        assert r.status_code == 404 and r.headers.get("X-Error-Code") == "RepoNotFound"
    r = requests.post(
        f"{hub.url}/models/{repo}",
        json={"inputs": TEXT},
        headers={"Authorization": f"Bearer {TOKENS['ada']}"},
        timeout=30,
    )
    assert r.status_code == 400 and "config.json" in r.json()["error"]  # the owner gets past the permission check


@pytest.mark.slow
def test_fill_mask_and_token_classification(hub, pushed):
    clf_repo, _, expected = pushed
    got = client(hub, clf_repo + "-mlm").fill_mask("the movie is very [MASK]")
    want = expected["fill-mask"]
    assert [g.token_str for g in got] == [w["token_str"] for w in want]
    assert [g.token for g in got] == [w["token"] for w in want] and got[0].sequence == want[0]["sequence"]
    assert all(abs(g.score - w["score"]) < 1e-5 for g, w in zip(got, want))
    ents = client(hub, clf_repo + "-ner").token_classification(TEXT, ignore_labels=[])
    want = expected["token-classification"]
    assert len(want) >= 1
    assert [(e.entity_group, e.word, e.start, e.end) for e in ents] == [
        (w["entity_group"], w["word"], w["start"], w["end"]) for w in want
    ]
    assert all(abs(e.score - w["score"]) < 1e-5 for e, w in zip(ents, want))


@pytest.mark.slow
def test_concurrent_requests_and_missing_weights(hub, pushed, repo_name):
    from concurrent.futures import ThreadPoolExecutor

    clf_repo, _, expected = pushed
    with ThreadPoolExecutor(4) as pool:  # a model evicted by the LRU is loaded once, shared by all requests
        results = list(pool.map(lambda _: client(hub, clf_repo).text_classification(TEXT), range(4)))
    for got in results:
        assert [e.label for e in got] == [w["label"] for w in expected["text-classification"]]
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    config = {
        "architectures": ["BertForSequenceClassification"],
        "model_type": "bert",
        "hidden_size": 32,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "intermediate_size": 37,
        "vocab_size": 12,
    }
    api.upload_file(path_or_fileobj=json.dumps(config).encode(), path_in_repo="config.json", repo_id=repo)
    with pytest.raises(HfHubHTTPError) as e:
        client(hub, repo).text_classification(TEXT)
    assert e.value.response.status_code == 503
    assert "could not be loaded" in e.value.response.json()["error"]


def test_snapshot_folder_stays_bounded(tmp_path):
    """Every new commit of a served model materialises a snapshot; old ones are pruned, loaded ones kept."""
    import os
    import threading
    from types import SimpleNamespace

    from localhub.inference import MAX_SNAPSHOTS, InferenceEngine

    engine = InferenceEngine(SimpleNamespace(data_dir=tmp_path))
    root = engine.cache_root
    for i in range(MAX_SNAPSHOTS + 4):
        (root / f"sha{i:02d}").mkdir(parents=True)
        os.utime(root / f"sha{i:02d}", (1_000_000 + i, 1_000_000 + i))
    (root / ".tmp-sha99-abc").mkdir()  # left by a crash mid-build
    engine._pipelines[(str(root / "sha00"), "text-classification")] = (object(), threading.Lock())  # loaded: keep
    engine._prune()
    left = sorted(p.name for p in root.iterdir())
    newest = [f"sha{i:02d}" for i in range(MAX_SNAPSHOTS + 4)][-(MAX_SNAPSHOTS - 1) :]
    assert left == sorted(["sha00", *newest])


def _loaded_torch(pid: int) -> bool:
    """Whether the process has torch's native library mapped (it imports torch only for inference)."""
    with open(f"/proc/{pid}/maps") as maps:
        return "libtorch_cpu" in maps.read()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/<pid>/maps")
def test_preload_inference_imports_the_model_stack_at_start_and_only_then(tmp_path, hub_factory) -> None:
    import time

    plain = hub_factory(tmp_path / "plain").start()
    eager = hub_factory(tmp_path / "eager", extra_args=["--preload-inference"]).start()
    for server in (plain, eager):
        assert requests.get(f"{server.url}/api/whoami-v2", headers={"authorization": "Bearer " + TOKENS["ada"]}).ok
    deadline = time.monotonic() + 60
    while not _loaded_torch(eager.proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _loaded_torch(eager.proc.pid), "--preload-inference did not import torch within 60 s"
    assert not _loaded_torch(plain.proc.pid), "a Hub without the flag imports torch only at its first inference call"
