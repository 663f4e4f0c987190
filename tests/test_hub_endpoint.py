"""dcai_labs.hub_endpoint: which Hub the clients use, and an InferenceClient that reaches its Inference API.

The one test that needs a Hub starts a ThrowawayHub, pushes a tiny classifier and asks the Hub's Inference
API through ``inference_client``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dcai_labs import hub_endpoint
from localhub.process import ThrowawayHub


@pytest.mark.parametrize(
    ("endpoint", "local"),
    [
        (None, False),
        ("", False),
        ("https://huggingface.co", False),
        ("https://huggingface.co/", False),
        ("http://127.0.0.1:8765", True),
        ("http://localhost:9000/", True),
        ("https://hub.example.org", True),
    ],
)
def test_is_local_endpoint(endpoint: str | None, local: bool) -> None:
    assert hub_endpoint.is_local_endpoint(endpoint) is local


def test_inference_client_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:8765/")
    assert hub_endpoint.inference_client("ada/model").model == "http://127.0.0.1:8765/models/ada/model"
    monkeypatch.delenv("HF_ENDPOINT")
    assert hub_endpoint.inference_client("ada/model").model == "ada/model"
    monkeypatch.setenv("HF_ENDPOINT", "https://huggingface.co")
    assert hub_endpoint.inference_client("ada/model", token="hf_x").model == "ada/model"


INFERENCE_SCRIPT = textwrap.dedent("""
    import sys, tempfile
    import numpy as np, torch
    from huggingface_hub import HfApi
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification
    from dcai_labs import hub_endpoint
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
    client = hub_endpoint.inference_client(repo)
    assert client.model.endswith("/models/" + repo), client.model
    text = "The zipper broke after two days."
    with torch.no_grad():
        want = model(**tokenizer(text, return_tensors="pt")).logits.softmax(-1)[0].numpy()
    got = {e.label: e.score for e in client.text_classification(text)}
    assert np.allclose([got["negative"], got["positive"]], want, atol=1e-5), (got, want)
    print("OK")
""")


@pytest.mark.slow
def test_repo_page_is_where_the_hub_shows_the_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    assert hub_endpoint.repo_page("ada/model") == "https://huggingface.co/ada/model"
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:8123/")
    assert hub_endpoint.repo_page("ada/data", "dataset") == "http://127.0.0.1:8123/datasets/ada/data"
    assert hub_endpoint.repo_page("ada/app", "space") == "http://127.0.0.1:8123/spaces/ada/app"
    with pytest.raises(ValueError, match="repo_type must be one of model, dataset, space"):
        hub_endpoint.repo_page("ada/x", "models")


def test_repo_page_opens_on_the_local_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    """The address the labs print is a page of the course's Hub (an HTML page, not the API's JSON)."""
    import requests
    from huggingface_hub import HfApi

    with ThrowawayHub(["learner"]) as hub:
        HfApi(endpoint=hub.url, token=hub.env("learner")["HF_TOKEN"]).create_repo(
            "learner/page-check", repo_type="dataset"
        )
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        page = requests.get(hub_endpoint.repo_page("learner/page-check", "dataset"), timeout=30)
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "<title>learner/page-check – Local Hub</title>" in page.text


def test_require_repo_names_the_exercise_that_makes_the_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """A later exercise's tests stop with one line naming what to do first, not the Hub's "not found"."""
    from huggingface_hub import HfApi

    with ThrowawayHub(["learner"]) as hub:
        env = hub.env("learner")
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        monkeypatch.setenv("HF_TOKEN", env["HF_TOKEN"])
        monkeypatch.setattr("huggingface_hub.constants.ENDPOINT", hub.url)
        with pytest.raises(AssertionError, match=r"Exercise 7 needs learner/m, which exercise 3 makes: do that first"):
            hub_endpoint.require_repo("learner/m", needed_by="Exercise 7", made_by="exercise 3")
        HfApi(endpoint=hub.url, token=env["HF_TOKEN"]).create_repo("learner/m")
        hub_endpoint.require_repo("learner/m", needed_by="Exercise 7", made_by="exercise 3")
        with pytest.raises(AssertionError, match=r"learner/m \(revision 'improved'\)"):
            hub_endpoint.require_repo("learner/m", revision="improved", needed_by="Exercise 7", made_by="exercise 3")


def test_inference_client_reaches_the_local_hubs_inference_api(tmp_path: Path) -> None:
    script = tmp_path / "inference.py"
    script.write_text(INFERENCE_SCRIPT)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HF_")}
    with ThrowawayHub(["ada"]) as hub:
        result = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, timeout=300, env={**env, **hub.env("ada")}
        )
    assert result.returncode == 0 and result.stdout.strip().endswith("OK"), (
        result.stdout[-2000:] + result.stderr[-4000:]
    )
