"""Files: listing a tree, information on given paths, and downloading (/resolve, with ranges and LFS)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from .. import errors, wire
from ..hub import hub_of
from ..web import json_response, paginate, param, parse_range, read_body, repo_of

TREE_PAGE = 1000  # default page size of /tree (Link pagination)
CHUNK = 1024 * 1024


async def tree(request: Request) -> Response:
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    meta = hub.access.readable(request, repo_type, repo_id)
    recursive = request.query_params.get("recursive") in ("true", "1", "True")
    sha = hub.store.resolve(repo_type, meta.repo_id, param(request, "revision"))
    entries = await run_in_threadpool(hub.store.tree, repo_type, meta.repo_id, sha, param(request, "path"), recursive)
    page, headers = paginate(request, entries, TREE_PAGE)
    return json_response([wire.tree_entry(e) for e in page], headers=headers)


async def paths_info(request: Request) -> Response:
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    body = await read_body(request, hub.max_request_bytes)
    meta = hub.access.readable(request, repo_type, repo_id)
    if "json" in request.headers.get("content-type", ""):
        try:
            paths = json.loads(body).get("paths", [])
        except (ValueError, AttributeError):
            raise errors.BadRequest("Expected a JSON body with 'paths'") from None
    else:
        paths = parse_qs(body.decode("utf-8", "replace")).get("paths", [])
    if isinstance(paths, str):
        paths = [paths]
    sha = hub.store.resolve(repo_type, meta.repo_id, param(request, "revision"))
    out = []
    for p in paths:
        try:
            out.append(wire.tree_entry(hub.store.entry(repo_type, meta.repo_id, sha, str(p).strip("/"))))
        except errors.EntryNotFound:
            pass
    return json_response(out)


def with_commit(e: errors.HubError, sha: str) -> errors.HubError:
    """EntryNotFound on /resolve must carry X-Repo-Commit (the clients cache the miss at that commit)."""
    original = e.headers

    def headers() -> dict[str, str]:
        h = original()
        h["X-Repo-Commit"] = sha
        return h

    e.headers = headers  # type: ignore[method-assign]
    return e


async def resolve(request: Request) -> Response:
    """GET|HEAD /{repo}/resolve/{revision}/{path}: a file's bytes, with the headers hf_hub_download reads."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    path = param(request, "path")
    meta = hub.access.readable(request, repo_type, repo_id)
    sha = hub.store.resolve(repo_type, meta.repo_id, param(request, "revision"))
    try:
        entry = hub.store.entry(repo_type, meta.repo_id, sha, path)
        if entry.type != "file":
            raise errors.EntryNotFound(f"{path} is a folder, not a file")
    except errors.EntryNotFound as e:
        e.extra = {}
        raise with_commit(e, sha) from None
    except errors.BadRequest as e:
        raise with_commit(errors.EntryNotFound(e.message), sha) from None
    headers = {"X-Repo-Commit": sha, "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream"}
    if entry.lfs:
        size = entry.lfs.size
        etag = entry.lfs.oid
        headers.update({"X-Linked-Etag": f'"{etag}"', "X-Linked-Size": str(size)})
        if not hub.lfs.exists(etag):
            raise with_commit(errors.EntryNotFound(f"The LFS content of {path} was never uploaded"), sha)
    else:
        size = entry.size
        etag = entry.oid
    headers["ETag"] = f'"{etag}"'
    if request.query_params.get("download") in ("1", "true"):  # the pages' download links
        headers["Content-Disposition"] = f'attachment; filename="{path.rsplit("/", 1)[-1]}"'
    start, end = 0, size - 1
    status = 200
    rng = request.headers.get("range")
    if rng:
        parsed = parse_range(rng, size)
        if parsed == "unsatisfiable":
            headers["Content-Range"] = f"bytes */{size}"
            return Response(status_code=416, headers=headers)
        if isinstance(parsed, tuple):
            start, end = parsed
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    length = max(0, end - start + 1)
    headers["Content-Length"] = str(length)
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers)
    if entry.lfs:
        fpath = hub.lfs.path(entry.lfs.oid)

        def chunks():
            with open(fpath, "rb") as f:
                f.seek(start)
                left = length
                while left > 0:
                    data = f.read(min(CHUNK, left))
                    if not data:
                        break
                    left -= len(data)
                    yield data

        return StreamingResponse(chunks(), status_code=status, headers=headers)
    data = hub.store.read_blob(repo_type, meta.repo_id, sha, path)
    return Response(data[start : end + 1], status_code=status, headers=headers)
