"""Listing repos with the real client: list_models / list_datasets / list_spaces filters, search and sort.

huggingface.co answers ``list_models(filter=..., pipeline_tag=..., sort=...)`` with the matching repos only;
a Hub that ignores the filters returns everything and a learner's search "works" by accident.
"""

from __future__ import annotations

import time

import pytest
from huggingface_hub.errors import HfHubHTTPError

MODEL_CARDS = {
    "clf-mit": "---\nlicense: mit\nlanguage: en\npipeline_tag: text-classification\nlibrary_name: transformers\n"
    "datasets: [ada/reviews]\n---\n# classifier\n",
    "clf-apache": "---\nlicense: apache-2.0\nlanguage: fr\npipeline_tag: text-classification\n---\n# classifier\n",
    "embedder": "---\nlicense: mit\nlanguage: en\npipeline_tag: feature-extraction\n---\n# embeddings\n",
}
DATASET_CARDS = {
    "reviews-en": "---\nlicense: cc0-1.0\nlanguage: en\ntask_categories: [text-classification]\n---\n# data\n",
    "reviews-fr": "---\nlicense: cc-by-4.0\nlanguage: fr\ntask_categories: [text-classification]\n---\n# data\n",
    "images": "---\nlicense: cc0-1.0\ntask_categories: [image-classification]\n---\n# data\n",
}


@pytest.fixture(scope="module")
def listed(hub):
    """A unique prefix, and its models and datasets created one after the other (so creation order is known)."""
    api = hub.api("ada")
    prefix = f"lst{time.time_ns() % 10**9}"
    for repo_type, cards_ in (("model", MODEL_CARDS), ("dataset", DATASET_CARDS)):
        for name, card in cards_.items():
            repo = f"ada/{prefix}-{name}"
            api.create_repo(repo, repo_type=repo_type)
            api.upload_file(path_or_fileobj=card.encode(), path_in_repo="README.md", repo_id=repo, repo_type=repo_type)
            time.sleep(1.05)  # created_at has a resolution of one second
    api.create_repo(f"ada/{prefix}-page", repo_type="space", space_sdk="static")
    return prefix


def _names(items, prefix):
    return sorted(item.id.split(f"{prefix}-", 1)[1] for item in items if item.id.startswith(f"ada/{prefix}-"))


def test_model_filters(hub, listed):
    api = hub.api("ada")
    assert _names(api.list_models(search=listed), listed) == ["clf-apache", "clf-mit", "embedder"]
    assert _names(api.list_models(search=listed, pipeline_tag="text-classification"), listed) == [
        "clf-apache",
        "clf-mit",
    ]
    assert _names(api.list_models(search=listed, filter="license:mit"), listed) == ["clf-mit", "embedder"]
    assert _names(api.list_models(search=listed, filter=["license:mit", "text-classification"]), listed) == ["clf-mit"]
    assert _names(api.list_models(search=listed, filter="en"), listed) == ["clf-mit", "embedder"]
    assert _names(api.list_models(search=listed, filter="language:fr"), listed) == ["clf-apache"]
    assert _names(api.list_models(search=listed, trained_dataset="ada/reviews"), listed) == ["clf-mit"]
    assert _names(api.list_models(search=listed, filter="transformers"), listed) == ["clf-mit"]
    assert _names(api.list_models(search=listed, author="alan"), listed) == []
    assert _names(api.list_models(search=listed, filter="license:gpl-3.0"), listed) == []


def test_dataset_and_space_filters(hub, listed):
    api = hub.api("ada")
    assert _names(api.list_datasets(search=listed, task_categories="text-classification"), listed) == [
        "reviews-en",
        "reviews-fr",
    ]
    assert _names(api.list_datasets(search=listed, language="fr"), listed) == ["reviews-fr"]
    assert _names(api.list_datasets(search=listed, filter="license:cc0-1.0"), listed) == ["images", "reviews-en"]
    assert _names(api.list_datasets(dataset_name=listed, search="images"), listed) == ["images"]
    assert _names(api.list_spaces(search=listed), listed) == ["page"]


def test_sort_newest_first_and_limit(hub, listed):
    api = hub.api("ada")
    created = [m.id for m in api.list_models(search=listed, sort="created_at")]
    assert created == [f"ada/{listed}-{n}" for n in ("embedder", "clf-apache", "clf-mit")]
    hub.api("ada").upload_file(path_or_fileobj=b"more", path_in_repo="notes.txt", repo_id=f"ada/{listed}-clf-mit")
    modified = [m.id for m in api.list_models(search=listed, sort="last_modified")]
    assert modified[0] == f"ada/{listed}-clf-mit"
    assert len(list(api.list_models(search=listed, sort="created_at", limit=2))) == 2


def test_an_unknown_sort_is_refused_by_name(hub, listed):
    with pytest.raises(HfHubHTTPError, match="sort='size' is not supported; use one of lastModified"):
        list(hub.api("ada").list_models(search=listed, sort="size"))
