"""Large files: the git-lfs batch API (for huggingface_hub and for git-lfs), signed uploads, verification."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .. import errors
from ..git_http import LFS_JSON
from ..hub import hub_of
from ..web import PREFIX, endpoint, json_response, param, read_body, read_json, repo_of


async def batch(request: Request) -> Response:
    """POST /{repo}.git/info/lfs/objects/batch: where to upload (signed URLs) or download each object."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    body = await read_json(request, hub.max_request_bytes)
    op = body.get("operation") if isinstance(body, dict) else None
    # Uploading LFS objects changes no repo (they become part of one only through a commit, which is checked on
    # its own), so a contributor about to open a pull request may upload them too.
    meta = (
        hub.access.contributable(request, repo_type, repo_id, create_pr=True)
        if op == "upload"
        else hub.access.readable(request, repo_type, repo_id)
    )
    objects = body.get("objects")
    if op not in ("upload", "download") or not isinstance(objects, list):
        raise errors.BadRequest("Expected an LFS batch request with 'operation' and 'objects'")
    base = endpoint(request)
    out = []
    for obj in objects:
        oid, size = obj.get("oid"), obj.get("size")
        try:
            token = hub.lfs.sign(oid, size)
        except errors.HubError as e:
            out.append({"oid": oid, "size": size, "error": {"code": 422, "message": e.message}})
            continue
        item: dict[str, Any] = {"oid": oid, "size": size, "authenticated": True}
        if op == "upload":
            if not hub.lfs.exists(oid):
                item["actions"] = {
                    "upload": {"href": f"{base}/api/lfs/upload/{oid}/{size}?sig={token}", "expires_in": 3600},
                    "verify": {"href": f"{base}/api/lfs/verify/{oid}/{size}", "expires_in": 3600},
                }
        elif hub.lfs.exists(oid):
            download: dict[str, Any] = {
                "href": f"{base}/{PREFIX[repo_type]}{meta.repo_id}.git/info/lfs/objects/{oid}",
                "expires_in": 3600,
            }
            if request.headers.get("authorization"):  # the href is a route with the batch call's access
                download["header"] = {"Authorization": request.headers["authorization"]}
            item["actions"] = {"download": download}
        else:
            item["error"] = {"code": 404, "message": "Object does not exist"}
        out.append(item)
    return JSONResponse({"transfer": "basic", "objects": out, "hash_algo": "sha256"}, media_type=LFS_JSON)


async def upload(request: Request) -> Response:
    """PUT /api/lfs/upload/{oid}/{size}?sig=...: the object's bytes, streamed to the store and checked."""
    hub = hub_of(request)
    oid, size_text = param(request, "oid"), param(request, "size")
    size = int(size_text) if size_text.isdigit() else -1
    if size < 0 or not hub.lfs.verify_signature(oid, size, request.query_params.get("sig", "")):
        raise errors.Forbidden("Invalid or expired LFS upload signature")
    if size > hub.max_lfs_bytes:
        raise errors.PayloadTooLarge(f"LFS object of {size} bytes exceeds the limit of {hub.max_lfs_bytes}")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) != size:
        raise errors.BadRequest(f"Upload of {declared} bytes does not match the announced size {size}")
    if not hub.lfs.exists(oid):
        await hub.lfs.aput_stream(oid, size, request.stream())
    return Response(status_code=200)


async def verify(request: Request) -> Response:
    hub = hub_of(request)
    oid, size_text = param(request, "oid"), param(request, "size")
    await read_body(request, hub.max_request_bytes)
    if not hub.lfs.exists(oid) or str(hub.lfs.size(oid)) != size_text:
        raise errors.HubError(f"LFS object {oid} was not uploaded", status=404)
    return json_response({"success": True})
