"""Repositories: create, delete, move, duplicate, settings, info, listing; and the caller (whoami)."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from .. import cards, errors, wire
from ..hub import hub_of
from ..storage import REPO_TYPES, RepoMeta, validate_repo_id
from ..views import RepoView
from ..web import PLURAL, flag, json_response, param, read_json, repo_of, repo_url

SPACE_SDKS = ("gradio", "streamlit", "docker", "static")
LIST_SORTS = ("lastModified", "createdAt", "downloads", "likes", "trendingScore")  # what /api/models?sort= accepts


async def whoami(request: Request) -> Response:
    user = hub_of(request).access.caller(request)
    if user is None:
        raise errors.Unauthorized()
    return json_response(wire.whoami(user))


async def create(request: Request) -> Response:
    hub = hub_of(request)
    body = await read_json(request, hub.max_request_bytes)
    user = hub.access.signed_in(request, "create a repo")
    if not isinstance(body, dict) or not isinstance(body.get("name"), str):
        raise errors.BadRequest("Expected a JSON body with 'name'")
    repo_type = body.get("type") or "model"
    if repo_type not in REPO_TYPES:
        raise errors.BadRequest(f"Invalid repo type {repo_type!r}")
    name = body["name"]
    namespace = body.get("organization") or (name.split("/")[0] if "/" in name else user.name)
    name = name.split("/")[-1]
    repo_id = validate_repo_id(f"{namespace}/{name}")
    hub.access.check_write(user, namespace)
    private = body.get("visibility") == "private" if "visibility" in body else bool(body.get("private"))
    sdk = body.get("sdk")
    if repo_type == "space":
        if sdk not in SPACE_SDKS:
            raise errors.BadRequest(f"A Space needs an sdk: one of {', '.join(SPACE_SDKS)}")
    else:
        sdk = None
    url = repo_url(request, repo_type, repo_id)
    try:
        meta = await run_in_threadpool(hub.store.create, repo_type, repo_id, private=private, sdk=sdk)
    except errors.RepoExists as e:
        existing = hub.store.get(repo_type, repo_id)
        raise errors.RepoExists(e.message, url=repo_url(request, repo_type, existing.repo_id)) from None
    return json_response({"url": url, "name": meta.repo_id, "id": meta.repo_id})


async def delete(request: Request) -> Response:
    hub = hub_of(request)
    body = await read_json(request, hub.max_request_bytes)
    user = hub.access.caller(request)
    repo_type = body.get("type") or "model"
    if repo_type not in REPO_TYPES or not isinstance(body.get("name"), str):
        raise errors.BadRequest("Expected a JSON body with 'name' and an optional 'type'")
    name = body["name"]
    namespace = body.get("organization") or (name.split("/")[0] if "/" in name else (user.name if user else ""))
    repo_id = validate_repo_id(f"{namespace}/{name.split('/')[-1]}")
    hub.access.writable(request, repo_type, repo_id)
    await run_in_threadpool(hub.store.delete, repo_type, repo_id)
    return json_response({})


async def move(request: Request) -> Response:
    """POST /api/repos/move {fromRepo, toRepo, type}: one needs write access to both namespaces."""
    hub = hub_of(request)
    body = await read_json(request, hub.max_request_bytes)
    repo_type = body.get("type") or "model"
    if repo_type not in REPO_TYPES:
        raise errors.BadRequest(f"type must be one of {', '.join(REPO_TYPES)}, not {repo_type!r}")
    from_id, to_id = body.get("fromRepo"), body.get("toRepo")
    if not isinstance(from_id, str) or not isinstance(to_id, str):
        raise errors.BadRequest("fromRepo and toRepo are required, as 'namespace/name'")
    validate_repo_id(to_id)
    meta = hub.access.writable(request, repo_type, from_id)
    hub.access.check_write(hub.access.caller(request), to_id.split("/")[0])
    await run_in_threadpool(hub.store.move, repo_type, meta.repo_id, to_id)
    return json_response({"url": repo_url(request, repo_type, to_id)})


async def duplicate(request: Request) -> Response:
    """POST /api/{type}s/{id}/duplicate {repository, visibility?}: a copy of main in one's own namespace."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    body = await read_json(request, hub.max_request_bytes)
    user = hub.access.signed_in(request)
    meta = hub.access.readable(request, repo_type, repo_id)
    to_id = body.get("repository")
    if not isinstance(to_id, str):
        raise errors.BadRequest("repository (the new 'namespace/name') is required")
    validate_repo_id(to_id)
    hub.access.check_write(user, to_id.split("/")[0])
    private = body.get("visibility") == "private" if "visibility" in body else meta.private
    await run_in_threadpool(
        hub.store.duplicate, repo_type, meta.repo_id, to_id, private=private, author=user.name, email=user.email
    )
    return json_response({"url": repo_url(request, repo_type, to_id), "filesCopyPending": False})


async def settings(request: Request) -> Response:
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    body = await read_json(request, hub.max_request_bytes)
    meta = hub.access.writable(request, repo_type, repo_id)
    if body.get("gated") not in (None, False, "false"):
        # Answering "updated" and changing nothing would let a learner believe the files are protected.
        raise errors.BadRequest(
            f"gated={body['gated']!r}: this local Hub has no access requests, so it cannot gate a repo; "
            "make it private (update_repo_settings(repo_id, private=True)) to limit who can download it"
        )
    private = body.get("visibility") == "private" if "visibility" in body else body.get("private")
    if private is not None:
        meta = hub.store.set_private(repo_type, meta.repo_id, bool(private))
    return json_response({"private": meta.private})


def has_tag(tags: list[str], wanted: str, repo_type: str) -> bool:
    """Whether a listing filter matches one of a repo's tags (a model's language is a bare tag, ``en``)."""
    if wanted in tags:
        return True
    key, _, value = wanted.partition(":")
    return repo_type == "model" and key == "language" and value in tags


def readable_views(request: Request, repo_type: str, author: str | None = None) -> list[RepoView]:
    """Every repo of ``repo_type`` (of ``author``) the caller may read, at main."""
    hub = hub_of(request)
    user = hub.access.caller(request)
    return [hub.view(m, "main") for m in hub.store.list_repos(repo_type, author) if hub.access.may_read(user, m)]


def select(views: list[RepoView], q: QueryParams, repo_type: str) -> list[RepoView]:
    """The repos matching every filter of the query, as huggingface.co lists them (the API and the listing
    pages share this).

    ``filter`` (repeatable) must each be one of the repo's tags (``text-classification``, ``license:mit``,
    ``dataset:user/x``, ``task_categories:...``; for models a language matches as ``en`` or ``language:en``);
    ``library``, ``license``, ``language`` are shorthands for such filters, as in huggingface.co's page URLs
    (``?library=transformers&license=license:mit&language=en``); ``pipeline_tag``, ``search`` (repeatable,
    substrings of the id, case-insensitive), ``author``, ``gated``; ``sort`` is one of LIST_SORTS, newest or
    largest first; ``limit`` cuts the list.
    """
    searches = [term.lower() for term in q.getlist("search") if term]
    wanted = [f for f in q.getlist("filter") if f]
    for key, prefix in (("library", ""), ("license", "license:"), ("language", "language:")):
        wanted += [v if v.startswith(prefix) else prefix + v for v in q.getlist(key) if v]
    pipeline_tag = q.get("pipeline_tag")
    gated = q.get("gated")
    sort = q.get("sort") or None
    if sort is not None and sort not in LIST_SORTS:
        raise errors.BadRequest(f"sort={sort!r} is not supported; use one of {', '.join(LIST_SORTS)}")
    out = [
        v
        for v in views
        if all(term in v.meta.repo_id.lower() for term in searches)
        and (not pipeline_tag or v.pipeline_tag == pipeline_tag)
        and not (gated is not None and flag(gated))  # nothing is gated on this Hub
        and all(has_tag(v.tags, f, repo_type) for f in wanted)
    ]
    if sort is not None:
        # huggingface.co sorts descending; the local Hub has no downloads or likes, so those are ties (kept in id
        # order, which is what the list is in before sorting)
        keys = {"lastModified": lambda v: v.last_modified, "createdAt": lambda v: v.meta.created_at}
        out.sort(key=keys.get(sort, lambda v: 0), reverse=True)
    limit = q.get("limit")
    if limit and limit.isdigit():
        out = out[: int(limit)]
    return out


async def list_repos(request: Request) -> Response:
    """GET /api/{models,datasets,spaces}: see ``select``."""
    repo_type = PLURAL[param(request, "type")]
    q = request.query_params
    views = await run_in_threadpool(readable_views, request, repo_type, q.get("author"))
    return json_response([wire.repo_info(v, blobs=False) for v in select(views, q, repo_type)])


def _info(request: Request, meta: RepoMeta, revision: str) -> dict[str, Any]:
    return wire.repo_info(hub_of(request).view(meta, revision), blobs=request.query_params.get("blobs") == "true")


async def info(request: Request) -> Response:
    """GET /api/{type}s/{id} and /api/{type}s/{id}/revision/{revision}."""
    repo_type, repo_id = repo_of(request)
    meta = hub_of(request).access.readable(request, repo_type, repo_id)
    return json_response(await run_in_threadpool(_info, request, meta, param(request, "revision", "main")))


async def validate_yaml(request: Request) -> Response:
    body = await read_json(request, hub_of(request).max_request_bytes)
    content = body.get("content", "") if isinstance(body, dict) else ""
    repo_type = body.get("repoType", "model") if isinstance(body, dict) else "model"
    errs, warns = cards.validate_yaml(content if isinstance(content, str) else "", repo_type)
    payload: dict[str, Any] = cards.validation_payload(errs, warns)
    if errs:
        message = "Invalid metadata in README.md: " + "; ".join(errs)
        payload["error"] = message
        return json_response(payload, 400, {"X-Error-Message": errors._header_safe(message)})
    return json_response(payload)
