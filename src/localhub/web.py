"""Request and response plumbing shared by every route: raw-path routing, path parameters, bodies, pagination.

The clients quote revisions with ``quote(x, safe="")``: ``refs/pr/1`` arrives as ``refs%2Fpr%2F1`` inside one
path segment, and ``/tree/refs%2Fpr%2F1/sub/dir`` must split into the revision and the folder. Starlette routes
on the *decoded* path, where that split is lost, so :class:`RawPathRouting` hands the router the path as sent
(still percent-encoded) and :func:`param` decodes each parameter once it has been matched.

Every route is one of a few *surfaces*, which decide which credentials count and how an error looks:
``api`` (JSON with the X-Error-* headers huggingface_hub parses), ``git`` (handled in git_http.py), and
``page`` (HTML, signed in by the session cookie). The surface is set on the request scope by the route's
wrapper (routes.py) and read by :func:`surface`.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from . import errors
from .storage import validate_repo_id

PLURAL = {"models": "model", "datasets": "dataset", "spaces": "space"}
PREFIX = {"model": "", "dataset": "datasets/", "space": "spaces/"}
SURFACE = "localhub.surface"  # request.scope key: "api" | "git" | "page"
MAX_PAGE = 10000


class RawPathRouting:
    """ASGI middleware: route on the path as the client sent it, so that ``%2F`` stays inside its segment."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("raw_path"):
            scope = dict(scope)
            scope["path"] = scope["raw_path"].split(b"?", 1)[0].decode("latin-1")
        await self.app(scope, receive, send)


def surface(request: Request) -> str:
    return str(request.scope.get(SURFACE, "api"))


def param(request: Request, name: str, default: str = "") -> str:
    """A path parameter, percent-decoded (see the module docstring)."""
    value = request.path_params.get(name)
    return default if value is None else unquote(str(value))


def repo_of(request: Request) -> tuple[str, str]:
    """(repo_type, repo_id) of a repo route: ``/api/{type}/{ns}/{name}/...`` or ``[/{kind}]/{ns}/{name}/...``."""
    plural = param(request, "type") or param(request, "kind") or "models"
    repo_type = PLURAL.get(plural)
    if repo_type is None:
        raise errors.HubError(f"Not found: {request.method} {request.url.path}", status=404)
    name = param(request, "name")
    if surface(request) == "git" and name.endswith(".git"):
        name = name[: -len(".git")]
    return repo_type, validate_repo_id(f"{param(request, 'ns')}/{name}")


def flag(value: str | None) -> bool:
    """A boolean query parameter as the clients send it (``create_pr=1``)."""
    return value in ("1", "true", "True")


def endpoint(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def repo_url(request: Request, repo_type: str, repo_id: str) -> str:
    return f"{endpoint(request)}/{PREFIX[repo_type]}{repo_id}"


def json_response(data: Any, status: int = 200, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=headers)


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with a 413 as soon as it is known to exceed ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise errors.PayloadTooLarge(f"Request body of {declared} bytes exceeds the limit of {limit} bytes")
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise errors.PayloadTooLarge(f"Request body exceeds the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request, limit: int) -> Any:
    """The JSON body; an empty body is ``{}`` (the clients send none for some POSTs)."""
    body = await read_body(request, limit)
    if not body.strip():
        return {}
    try:
        return json.loads(body)
    except ValueError as e:
        raise errors.BadRequest(f"Request body is not valid JSON: {e}") from None


def paginate(request: Request, items: list, default_limit: int) -> tuple[list, dict[str, str]]:
    """One page of ``items`` (query ``limit``, ``cursor`` = offset) and a GitHub-style ``Link: <...>; rel="next"``
    header when more remain; the clients (utils/_pagination.py) follow it with the query already in the URL."""
    q = request.query_params
    limit = int(q["limit"]) if q.get("limit", "").isdigit() and int(q["limit"]) > 0 else default_limit
    limit = min(limit, MAX_PAGE)
    cursor = int(q["cursor"]) if q.get("cursor", "").isdigit() else 0
    page = items[cursor : cursor + limit]
    if cursor + limit >= len(items):
        return page, {}
    nxt = request.url.include_query_params(cursor=cursor + limit, limit=limit)
    return page, {"Link": f'<{nxt}>; rel="next"'}


def parse_range(value: str, size: int) -> tuple[int, int] | str | None:
    """A ``Range: bytes=...`` header as (start, end), ``"unsatisfiable"``, or None (ignored, whole file)."""
    m = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", value)
    if not m or (not m.group(1) and not m.group(2)):
        return None
    if m.group(1):
        start = int(m.group(1))
        end = int(m.group(2)) if m.group(2) else size - 1
        if start >= size:
            return "unsatisfiable" if size > 0 or start > 0 else None
        return start, min(end, size - 1)
    suffix = int(m.group(2))
    if suffix == 0:
        return "unsatisfiable"
    return max(0, size - suffix), size - 1
