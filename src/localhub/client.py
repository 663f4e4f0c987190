"""A small client for the local Hub's own endpoint that huggingface_hub lacks: the diff of two revisions.

    from localhub.client import compare
    for f in compare("ada/sentiment-model", "v1", "main"):
        print(f.status, f.path)
        print(f.patch or "(binary / LFS file)")

It reuses huggingface_hub's HTTP session, headers (HF_TOKEN) and error mapping, so a missing repo or revision
raises the same RepositoryNotFoundError / RevisionNotFoundError as the rest of the library.
"""

from __future__ import annotations

from urllib.parse import quote

from .storage import FileDiff, LfsInfo


def _lfs(d: dict | None) -> LfsInfo | None:
    return None if not d else LfsInfo(d["oid"], int(d["size"]), int(d.get("pointerSize", 0)))


def compare(
    repo_id: str, a: str, b: str, repo_type: str = "model", endpoint: str | None = None, token: str | bool | None = None
) -> list[FileDiff]:
    """Files that differ between revisions ``a`` and ``b`` (branch, tag or commit id) of a repo on the Hub."""
    from huggingface_hub import constants
    from huggingface_hub.utils import build_hf_headers, get_session, hf_raise_for_status

    if repo_type not in ("model", "dataset", "space"):
        raise ValueError(f"repo_type must be model, dataset or space, not {repo_type!r}")
    base = (endpoint or constants.ENDPOINT).rstrip("/")
    url = f"{base}/api/{repo_type}s/{repo_id}/compare/{quote(a, safe='')}..{quote(b, safe='')}"
    response = get_session().get(url, headers=build_hf_headers(token=token))
    hf_raise_for_status(response)
    return [
        FileDiff(
            path=f["path"],
            status=f["status"],
            old_oid=f.get("oldOid"),
            new_oid=f.get("newOid"),
            old_lfs=_lfs(f.get("oldLfs")),
            new_lfs=_lfs(f.get("newLfs")),
            binary=bool(f.get("binary")),
            patch=f.get("patch"),
        )
        for f in response.json()["files"]
    ]
