"""Commits: preupload, the NDJSON commit, history, compare, super-squash."""

from __future__ import annotations

import base64
import fnmatch
import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .. import cards, errors, wire
from ..hub import hub_of
from ..lfs import LFS_THRESHOLD
from ..storage import SHA_RE, Operation, validate_path
from ..web import flag, json_response, paginate, param, read_body, read_json, repo_of, repo_url

COMMITS_PAGE = 100  # default page size of /commits (Link pagination)


async def preupload(request: Request) -> Response:
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    revision = param(request, "revision")
    body = await read_json(request, hub.max_request_bytes)
    meta = hub.access.contributable(request, repo_type, repo_id, revision, flag(request.query_params.get("create_pr")))
    files = body.get("files") if isinstance(body, dict) else None
    if not isinstance(files, list):
        raise errors.BadRequest("Expected a JSON body with 'files'")
    try:
        sha = hub.store.resolve(repo_type, meta.repo_id, revision)
    except errors.RevisionNotFound:
        sha = hub.store.resolve(repo_type, meta.repo_id, "main")
    patterns = hub.lfs_patterns(repo_type, meta.repo_id, sha)
    # one listing of the revision instead of one git call per file (a 1,500-file upload asks in batches of 256)
    existing = {
        e.path: e
        for e in await run_in_threadpool(hub.store.tree, repo_type, meta.repo_id, sha, "", True)
        if e.type == "file"
    }
    out = []
    for f in files:
        path = str(f.get("path", ""))
        validate_path(path)
        size = int(f.get("size") or 0)
        try:
            sample = base64.b64decode(f.get("sample") or "")
        except ValueError:
            sample = b""
        name = path.rsplit("/", 1)[-1]
        lfs = (
            size >= LFS_THRESHOLD
            or b"\x00" in sample
            or any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in patterns)
        )
        e = existing.get(path)
        oid = (e.lfs.oid if e.lfs else e.oid) if e is not None else None
        out.append({"path": path, "uploadMode": "lfs" if lfs else "regular", "shouldIgnore": False, "oid": oid})
    return json_response({"files": out, "commitOid": sha})


def parse_operations(hub: Any, body: bytes) -> tuple[dict, list[Operation]]:
    """The header and the operations of an NDJSON commit body; BadRequest naming the line that is wrong."""
    header: dict | None = None
    ops: list[Operation] = []
    for n, line in enumerate(body.decode("utf-8", "replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            key, value = item["key"], item["value"]
            if not isinstance(value, dict):
                raise TypeError("value must be an object")
        except (ValueError, KeyError, TypeError) as e:
            raise errors.BadRequest(f"Malformed NDJSON line {n}: {e}") from None
        try:
            if key == "header":
                header = value
            elif key == "file":
                if value.get("encoding", "base64") != "base64":
                    raise ValueError(f"unsupported encoding {value.get('encoding')!r}")
                content = base64.b64decode(value.get("content") or "", validate=True)
                ops.append(Operation("add", validate_path(value["path"]), content=content))
            elif key == "lfsFile":
                # A copy (CommitOperationCopy of an LFS file) names the object without its size: the object is
                # already in the store, which knows it.
                oid = value["oid"]
                if value.get("algo", "sha256") != "sha256":
                    raise ValueError("only sha256 LFS objects are supported")
                size = value["size"] if "size" in value else (hub.lfs.size(oid) if hub.lfs.exists(oid) else -1)
                if not hub.lfs.exists(oid) or hub.lfs.size(oid) != size:
                    raise errors.BadRequest(f"Line {n}: LFS object {oid} ({value['path']}) was not uploaded")
                ops.append(Operation("add_lfs", validate_path(value["path"]), oid=oid, size=int(size)))
            elif key == "deletedFile":
                ops.append(Operation("delete_file", validate_path(value["path"])))
            elif key == "deletedFolder":
                ops.append(Operation("delete_folder", validate_path(str(value["path"]).rstrip("/"))))
            else:
                raise ValueError(f"unknown key {key!r}")
        except errors.HubError:
            raise
        except (ValueError, KeyError, TypeError) as e:
            raise errors.BadRequest(f"Malformed NDJSON line {n}: {e}") from None
    if header is None:
        raise errors.BadRequest("Malformed NDJSON: the first line must be the header (key 'header')")
    return header, ops


def check_card_metadata(repo_type: str, ops: list[Operation]) -> None:
    """Refuse a commit whose README.md metadata has errors, as huggingface.co does (warnings pass)."""
    for op in ops:
        if op.kind == "add" and op.path == "README.md" and op.content is not None:
            errs, _warnings = cards.validate_yaml(op.content.decode("utf-8", "replace"), repo_type)
            if errs:
                raise errors.BadRequest("Invalid metadata in README.md: " + "; ".join(errs))


async def commit(request: Request) -> Response:
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    revision = param(request, "revision")
    body = await read_body(request, hub.max_request_bytes)
    create_pr = flag(request.query_params.get("create_pr"))
    meta = hub.access.contributable(request, repo_type, repo_id, revision, create_pr)
    user = hub.access.signed_in(request)
    header, ops = parse_operations(hub, body)
    parent = header.get("parentCommit")
    if parent is not None and not (isinstance(parent, str) and SHA_RE.match(parent)):
        raise errors.BadRequest(f"parentCommit must be a 40-hex commit id, got {parent!r}")
    check_card_metadata(repo_type, ops)
    kwargs: dict[str, Any] = dict(
        summary=str(header.get("summary") or ""),
        description=str(header.get("description") or ""),
        author=user.name,
        email=user.email or None,
        parent_commit=parent,
    )
    url = repo_url(request, repo_type, meta.repo_id)
    pr_url = None
    if create_pr:
        num, sha = await run_in_threadpool(hub.store.commit_pr, repo_type, meta.repo_id, revision, ops, **kwargs)
        pr_url = f"{url}/discussions/{num}"
    else:
        sha = await run_in_threadpool(hub.store.commit, repo_type, meta.repo_id, revision, ops, **kwargs)
    return json_response(
        {
            "success": True,
            "commitOid": sha,
            "commitMessage": header.get("summary"),
            "commitUrl": f"{url}/commit/{sha}",
            "pullRequestUrl": pr_url,
        }
    )


async def history(request: Request) -> Response:
    """GET /api/{type}s/{id}/commits/{revision}: newest first, paginated."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    meta = hub.access.readable(request, repo_type, repo_id)
    sha = hub.store.resolve(repo_type, meta.repo_id, param(request, "revision"))
    log = await run_in_threadpool(hub.store.log, repo_type, meta.repo_id, sha)
    page, headers = paginate(request, log, COMMITS_PAGE)
    return json_response([wire.commit(c) for c in page], headers=headers)


def split_spec(spec: str) -> tuple[str, str]:
    if ".." not in spec:
        raise errors.BadRequest(f"Expected compare/<a>..<b>, got {spec!r}")
    a, b = spec.split("..", 1)
    return a, b


async def compare(request: Request) -> Response:
    """GET /api/{type}s/{id}/compare/{a}..{b}: the files that differ, with a patch for each text file."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    meta = hub.access.readable(request, repo_type, repo_id)
    a, b = split_spec(param(request, "spec"))
    sa = hub.store.resolve(repo_type, meta.repo_id, a)
    sb = hub.store.resolve(repo_type, meta.repo_id, b)
    diffs = await run_in_threadpool(hub.store.diff, repo_type, meta.repo_id, sa, sb)
    return json_response({"from": sa, "to": sb, "files": [wire.file_diff(d) for d in diffs]})


async def super_squash(request: Request) -> Response:
    """POST /api/{type}s/{id}/super-squash/{branch} {message}: the branch becomes one commit, files unchanged."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    branch = param(request, "branch")
    body = await read_json(request, hub.max_request_bytes)
    meta = hub.access.writable(request, repo_type, repo_id)
    message = body.get("message") if isinstance(body.get("message"), str) else f"Super-squash branch '{branch}'"
    user = hub.access.signed_in(request)
    sha = await run_in_threadpool(hub.store.squash, repo_type, meta.repo_id, branch, message, user.name)
    return json_response({"commitId": sha})
