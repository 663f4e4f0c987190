"""The JSON shapes of the Hub's API, in one place: what huggingface_hub's dataclasses decode.

Handlers compute; these functions only say how a result looks on the wire (camelCase keys, ISO dates, the
``lfs`` sub-objects), so a shape the clients parse is written once (ModelInfo/DatasetInfo/SpaceInfo,
RepoFile/RepoFolder, GitCommitInfo, GitRefs, Discussion/DiscussionWithDetails, the compare endpoint's files).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from .storage import CommitInfo, FileDiff, LfsInfo, Ref, TreeEntry, iso
from .views import RepoView

if TYPE_CHECKING:
    from .auth import User


def lfs(info: LfsInfo | None, oid_key: str = "oid") -> dict[str, Any] | None:
    return None if info is None else {oid_key: info.oid, "size": info.size, "pointerSize": info.pointer_size}


def repo_info(view: RepoView, blobs: bool) -> dict[str, Any]:
    """GET /api/{type}s/{id}[/revision/{rev}] (``blobs=true`` adds each file's blob id, size and LFS info)."""
    meta = view.meta
    siblings = []
    for e in view.files:
        sib: dict[str, Any] = {"rfilename": e.path}
        if blobs:
            sib.update({"blobId": e.oid, "size": e.lfs.size if e.lfs else e.size})
            if e.lfs:
                sib["lfs"] = lfs(e.lfs, "sha256")
        siblings.append(sib)
    info: dict[str, Any] = {
        "_id": hashlib.sha1(f"{meta.repo_type}/{meta.repo_id}".encode()).hexdigest()[:24],
        "id": meta.repo_id,
        "author": meta.namespace,
        "sha": view.sha,
        "lastModified": iso(view.last_modified),
        "createdAt": iso(meta.created_at),
        "private": meta.private,
        "disabled": False,
        "gated": False,
        "downloads": 0,
        "likes": 0,
        "tags": view.tags,
        "siblings": siblings,
        "cardData": view.card,
    }
    if meta.repo_type == "model":
        info["modelId"] = meta.repo_id
        if view.pipeline_tag:
            info["pipeline_tag"] = view.pipeline_tag
        if view.library_name:
            info["library_name"] = view.library_name
        if view.config is not None:
            info["config"] = {k: view.config[k] for k in ("architectures", "model_type") if k in view.config}
    elif meta.repo_type == "dataset":
        info["description"] = None
    elif meta.repo_type == "space":
        info["sdk"] = meta.sdk
    return info


def tree_entry(e: TreeEntry) -> dict[str, Any]:
    """One item of /tree and /paths-info (RepoFolder or RepoFile)."""
    if e.type == "directory":
        return {"type": "directory", "oid": e.oid, "path": e.path}
    d: dict[str, Any] = {"type": "file", "oid": e.oid, "size": e.lfs.size if e.lfs else e.size, "path": e.path}
    if e.lfs:
        d["lfs"] = lfs(e.lfs)
    return d


def commit(c: CommitInfo) -> dict[str, Any]:
    """One item of /commits (GitCommitInfo)."""
    return {
        "id": c.id,
        "title": c.title,
        "message": c.message,
        "authors": [{"user": c.author, "avatar": ""}],
        "date": iso(c.date),
        "parents": c.parents,
    }


def file_diff(d: FileDiff) -> dict[str, Any]:
    """One file of the compare endpoint (localhub.client.compare)."""
    return {
        "path": d.path,
        "status": d.status,
        "oldOid": d.old_oid,
        "newOid": d.new_oid,
        "oldLfs": lfs(d.old_lfs),
        "newLfs": lfs(d.new_lfs),
        "binary": d.binary,
        "patch": d.patch,
    }


def refs(items: list[Ref]) -> list[dict[str, str]]:
    """Branches, tags or pull requests of /refs (GitRefInfo)."""
    return [{"name": r.name, "ref": r.ref, "targetCommit": r.target_commit} for r in items]


def discussion_summary(record: dict, repo_type: str, repo_id: str) -> dict[str, Any]:
    """A discussion as listed (Discussion)."""
    return {
        "num": record["num"],
        "title": record["title"],
        "author": {"name": record["author"]},
        "createdAt": iso(record["created_at"]),
        "status": record["status"],
        "isPullRequest": record["is_pull_request"],
        "repo": {"name": repo_id, "type": repo_type},
    }


def discussion_event(event: dict) -> dict[str, Any]:
    """A comment, commit, status or title change of a discussion (DiscussionEvent)."""
    return {**event, "createdAt": iso(event["createdAt"]), "author": {"name": event["author"]}}


def whoami(user: User) -> dict[str, Any]:
    """The /api/whoami-v2 body, shaped as huggingface_hub's whoami(), login() and ``hf auth whoami`` read it."""
    return {
        "type": "user",
        "id": user.name,
        "name": user.name,
        "fullname": user.fullname,
        "email": user.email or None,
        "emailVerified": bool(user.email),
        "isPro": False,
        "avatarUrl": "",
        "orgs": [
            {"type": "org", "name": org, "fullname": org, "roleInOrg": "write", "avatarUrl": ""} for org in user.orgs
        ],
        "auth": {"type": "access_token", "accessToken": {"displayName": f"dcai-{user.name}", "role": "write"}},
    }
