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


def git_url(repo_id: str, repo_type: str = "model") -> str:
    """The git remote of the repo on the Hub the clients use, with your token as the password.

    ``git clone`` / ``git push`` to it work on the course's Hub and on huggingface.co alike (both take the token
    as the Basic-auth password). The URL holds the token: git keeps it in the clone's ``.git/config``, so keep
    such clones on your own machine.
    """
    from urllib.parse import quote

    from huggingface_hub import get_token

    token = get_token()
    if not token:
        raise RuntimeError("No Hugging Face token: set HF_TOKEN (the course's `make lab` does) or run `hf auth login`")
    page = urlparse(repo_page(repo_id, repo_type))
    return f"{page.scheme}://user:{quote(token, safe='')}@{page.netloc}{page.path}"


def require_repo(
    repo_id: str, *, needed_by: str, made_by: str, repo_type: str = "model", revision: str = "main"
) -> None:
    """Stop a test with one clear line when an earlier part of the notebook did not make what it needs.

    Without this, a later exercise whose own code is right fails with the Hub's "Repository Not Found ... make
    sure you are authenticated", which sends the learner looking in the wrong place.
    """
    from huggingface_hub import HfApi
    from huggingface_hub.errors import RepositoryNotFoundError, RevisionNotFoundError

    try:
        HfApi().repo_info(repo_id, repo_type=repo_type, revision=revision)
    except (RepositoryNotFoundError, RevisionNotFoundError):
        where = repo_id if revision == "main" else f"{repo_id} (revision {revision!r})"
        raise AssertionError(
            f"{needed_by} needs {where}, which {made_by} makes: do that first, run its cells, then run this one again"
        ) from None


__all__ = ["REAL_HUB", "git_url", "inference_client", "is_local_endpoint", "repo_page", "require_repo"]
