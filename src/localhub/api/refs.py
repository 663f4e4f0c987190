"""Branches and tags."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .. import errors, wire
from ..hub import hub_of
from ..web import json_response, param, read_json, repo_of


async def branch(request: Request) -> Response:
    """POST /api/{type}s/{id}/branch/{name} {startingPoint?} creates it; DELETE deletes it."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    name = param(request, "branch")
    body = await read_json(request, hub.max_request_bytes)
    meta = hub.access.writable(request, repo_type, repo_id)
    if request.method == "DELETE":
        await run_in_threadpool(hub.store.delete_branch, repo_type, meta.repo_id, name)
        return json_response({})
    start = body.get("startingPoint") if isinstance(body, dict) else None
    await run_in_threadpool(hub.store.create_branch, repo_type, meta.repo_id, name, start)
    return json_response({})


async def tag(request: Request) -> Response:
    """POST /api/{type}s/{id}/tag/{revision} {tag, message?} tags the revision; DELETE /tag/{tag} deletes a tag."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    arg = param(request, "revision")
    body = await read_json(request, hub.max_request_bytes)
    meta = hub.access.writable(request, repo_type, repo_id)
    user = hub.access.signed_in(request)
    if request.method == "DELETE":
        await run_in_threadpool(hub.store.delete_tag, repo_type, meta.repo_id, arg)
        return json_response({})
    name = body.get("tag") if isinstance(body, dict) else None
    if not isinstance(name, str) or not name:
        raise errors.BadRequest("Expected a JSON body with 'tag'")
    await run_in_threadpool(hub.store.create_tag, repo_type, meta.repo_id, name, arg, body.get("message"), user.name)
    return json_response({})


async def refs(request: Request) -> Response:
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    meta = hub.access.readable(request, repo_type, repo_id)
    out: dict[str, Any] = {
        "branches": wire.refs(hub.store.branches(repo_type, meta.repo_id)),
        "converts": [],
        "tags": wire.refs(hub.store.tags(repo_type, meta.repo_id)),
    }
    if request.query_params.get("include_prs") in ("1", "true", "True"):
        out["pullRequests"] = wire.refs(hub.store.pull_requests(repo_type, meta.repo_id))
    return json_response(out)
