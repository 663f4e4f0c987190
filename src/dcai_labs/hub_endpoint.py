"""Which Hub the clients are pointed at, and how to reach its Inference API, local or real.

The labs never hard-code an endpoint: with ``HF_ENDPOINT`` set to the course's local Hub they use it, and with it
unset they use huggingface.co. The one place where the two differ for a notebook is the Inference API, which a
local Hub serves at ``{endpoint}/models/{repo_id}`` while huggingface_hub routes the real one itself.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlparse

#: the Hub's own address; any other HF_ENDPOINT is treated as a local (course) Hub.
REAL_HUB = "https://huggingface.co"


def is_local_endpoint(endpoint: str | None) -> bool:
    """Whether ``endpoint`` (an HF_ENDPOINT value) is some Hub other than huggingface.co, e.g. the course's."""
    if not endpoint:
        return False
    host = (urlparse(endpoint).hostname or "").removeprefix("www.")
    return host != urlparse(REAL_HUB).hostname


def inference_client(repo_id: str, token: str | None = None) -> Any:
    """An ``InferenceClient`` for the model ``repo_id`` on the Hub the clients are pointed at.

    On a local Hub (``HF_ENDPOINT`` set to it) the model is given as the URL of its Inference API,
    ``{endpoint}/models/{repo_id}``; on the real Hub it is the repo id itself and huggingface_hub picks the
    route. ``token`` defaults to the one huggingface_hub finds (``HF_TOKEN``).
    """
    from huggingface_hub import InferenceClient

    endpoint = os.environ.get("HF_ENDPOINT", "").rstrip("/")
    if is_local_endpoint(endpoint):
        return InferenceClient(model=f"{endpoint}/models/{repo_id}", token=token)
    return InferenceClient(model=repo_id, token=token)


def repo_page(repo_id: str, repo_type: str = "model") -> str:
    """The address of the repo's page on the Hub the clients are pointed at, to open in a browser.

    Pages live where huggingface.co has them, on the local Hub too: ``/{repo_id}`` for a model,
    ``/datasets/{repo_id}`` and ``/spaces/{repo_id}`` for the others.
    """
    prefix = {"model": "", "dataset": "datasets/", "space": "spaces/"}
    if repo_type not in prefix:
        raise ValueError(f"repo_type must be one of {', '.join(prefix)}, not {repo_type!r}")
    endpoint = os.environ.get("HF_ENDPOINT", "").rstrip("/") or REAL_HUB
    return f"{endpoint}/{prefix[repo_type]}{repo_id}"


__all__ = ["REAL_HUB", "inference_client", "is_local_endpoint", "repo_page"]
