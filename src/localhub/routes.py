"""The Hub's route table: every URL it answers, the handler, and the surface (api, git or page) it belongs to.

Repos answer where huggingface.co's do: models at ``/{ns}/{name}``, datasets and Spaces under ``/datasets/``
and ``/spaces/``; the API under ``/api/{models,datasets,spaces}/{ns}/{name}``. Routes are matched on the raw
path (web.RawPathRouting), first match wins, so the typed prefixes come before the bare model routes and the
user page ``/{name}`` comes last. A path that matches with another method gets 405 (with ``Allow``).

Errors are turned into responses here, in one place (``error_response``): JSON with the X-Error-* headers on
the API, text for git (git_http.py answers those itself), the Hub's HTML error page on pages.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount, Route
from starlette.staticfiles import StaticFiles

from . import errors, inference
from .api import commits, discussions, files, lfs, refs, repos
from .git_http import SERVICES
from .hub import hub_of
from .pages import handlers as pages
from .web import SURFACE, json_response, param, repo_of, surface

Handler = Callable[[Request], Awaitable[Response]]
log = logging.getLogger("localhub")
NO_XET_PATH = "this-hub-has-no-xet-storage--set-HF_HUB_DISABLE_XET=1-before-starting-python"
NO_XET_MESSAGE = (
    "This local Hub stores large files with git-lfs, not Xet. Set HF_HUB_DISABLE_XET=1 in the environment "
    "before Python starts (or uninstall hf_xet); `localhub serve` prints the variables to export."
)
STATIC_DIR = Path(__file__).parent / "pages" / "static"


def _choice(*words: str) -> Convertor:
    """A path segment that must be one of a few words."""

    class Choice(Convertor):
        regex = "|".join(re.escape(w) for w in words)

        def convert(self, value: str) -> str:
            return value

        def to_string(self, value: str) -> str:
            return value

    return Choice()


register_url_convertor("hubtype", _choice("models", "datasets", "spaces"))
register_url_convertor("hubprefix", _choice("datasets", "spaces"))
register_url_convertor("gitservice", _choice(*SERVICES))


# ----------------------------------------------------------------------------------------------- surfaces
def _on(where: str, handler: Handler) -> Handler:
    """The handler, run on surface ``where``: which credentials count (access.py), how errors look (below)."""

    async def endpoint(request: Request) -> Response:
        request.scope[SURFACE] = where
        try:
            return await handler(request)
        except errors.HubError:
            raise
        except Exception as e:
            log.exception("%s %s failed", request.method, request.url.path)
            raise errors.HubError(f"Internal error: {type(e).__name__}: {e}", status=500) from e

    endpoint.__name__ = endpoint.__qualname__ = f"{where}_{handler.__name__}"
    endpoint.__doc__ = handler.__doc__
    return endpoint


def api(path: str, handler: Handler, *methods: str) -> Route:
    return Route(path, _on("api", handler), methods=list(methods or ("GET",)))


def page(path: str, handler: Handler, *methods: str) -> Route:
    return Route(path, _on("page", handler), methods=list(methods or ("GET",)))


def api_repo(suffix: str, handler: Handler, *methods: str) -> Route:
    return api("/api/{type:hubtype}/{ns}/{name}" + suffix, handler, *methods)


def each_type(suffix: str, make: Callable[[str], Route]) -> list[Route]:
    """The same repo route for datasets and Spaces (``/{kind}/{ns}/{name}...``), then for models."""
    return [make("/{kind:hubprefix}/{ns}/{name}" + suffix), make("/{ns}/{name}" + suffix)]


def repo_pages(suffix: str, handler: Handler, *methods: str) -> list[Route]:
    return each_type(suffix, lambda path: page(path, handler, *methods))


# ----------------------------------------------------------------------------------------------- git
async def _git(request: Request, rest: list[str]) -> Response:
    repo_type, repo_id = repo_of(request)
    return await hub_of(request).git.handle(request, repo_type, repo_id, rest)


async def git_refs(request: Request) -> Response:
    return await _git(request, ["info", "refs"])


async def git_service(request: Request) -> Response:
    if not request.headers.get("content-type", "").startswith("application/x-git-") and param(request, "ns") == (
        "models"
    ):
        # POST /models/{ns}/git-upload-pack without git's content type is the Inference API of repo ns/git-...
        request.scope[SURFACE] = "api"
        request.path_params.update(ns=param(request, "name"), name=param(request, "service"))
        return await inference.handle(request)
    return await _git(request, [param(request, "service")])


async def git_lfs(request: Request) -> Response:
    return await _git(request, ["info", "lfs", *param(request, "rest").split("/")])


def _git_routes() -> list[Route]:
    def on(path: str, handler: Handler, methods: list[str]) -> Route:
        return Route(path, _on("git", handler), methods=methods)

    return [
        *each_type("/info/refs", lambda p: on(p, git_refs, ["GET"])),
        *each_type("/{service:gitservice}", lambda p: on(p, git_service, ["POST"])),
        *each_type("/info/lfs/{rest:path}", lambda p: on(p, git_lfs, ["GET", "HEAD", "POST", "PUT", "DELETE"])),
    ]


# ----------------------------------------------------------------------------------------------- the table
async def no_xet(request: Request) -> Response:
    """The Xet token endpoints: this Hub stores large files with plain git-lfs, so there is no Xet storage.

    huggingface_hub hands uploads to hf_xet whenever that package is installed, without asking the server, and
    hf_xet reports a failed token request as "HTTP status client error (404 Not Found), domain: <url>", dropping
    the body. So the answer is a redirect to a URL that spells out the fix; it then 404s with the same words in
    the body for anyone who reads it.
    """
    hint = f"{str(request.base_url).rstrip('/')}/{NO_XET_PATH}"
    return Response(status_code=307, headers={"Location": hint, "X-Error-Message": NO_XET_MESSAGE})


async def api_not_found(request: Request) -> Response:
    """Any other /api/ URL: 405 when an API route has this path with other methods, else 404 (as JSON; without
    this catch-all, the repo pages' ``/{ns}/{name}`` would answer /api/x with an HTML page)."""
    allowed: set[str] = set()
    for route in request.app.router.routes:
        if route.endpoint is request.scope.get("endpoint"):
            break
        if isinstance(route, Route) and route.matches(request.scope)[0] == Match.PARTIAL:
            allowed |= route.methods or set()
    if allowed:
        raise errors.MethodNotAllowed(f"Method {request.method} is not allowed on {request.url.path}", allow=allowed)
    raise errors.HubError(f"Not found: {request.method} {request.url.path}", status=404)


async def no_xet_hint(request: Request) -> Response:
    raise errors.HubError(NO_XET_MESSAGE, status=404)


def route_table() -> list[BaseRoute]:
    ids = "/{revision}/{path:path}"
    return [
        # -- the API
        api("/api/whoami-v2", repos.whoami),
        api("/api/repos/create", repos.create, "POST"),
        api("/api/repos/delete", repos.delete, "DELETE"),
        api("/api/repos/move", repos.move, "POST"),
        api("/api/validate-yaml", repos.validate_yaml, "POST"),
        api("/api/lfs/upload/{oid}/{size}", lfs.upload, "PUT"),
        api("/api/lfs/verify/{oid}/{size}", lfs.verify, "POST"),
        api("/api/{type:hubtype}", repos.list_repos),
        api_repo("", repos.info),
        api_repo("/revision/{revision:path}", repos.info),
        api_repo("/settings", repos.settings, "PUT"),
        api_repo("/duplicate", repos.duplicate, "POST"),
        api_repo("/tree/{revision}", files.tree),
        api_repo("/tree" + ids, files.tree),
        api_repo("/paths-info/{revision}", files.paths_info, "POST"),
        api_repo("/preupload/{revision}", commits.preupload, "POST"),
        api_repo("/commit/{revision:path}", commits.commit, "POST"),
        api_repo("/commits/{revision:path}", commits.history),
        api_repo("/compare/{spec:path}", commits.compare),
        api_repo("/super-squash/{branch:path}", commits.super_squash, "POST"),
        api_repo("/branch/{branch:path}", refs.branch, "POST", "DELETE"),
        api_repo("/tag/{revision:path}", refs.tag, "POST", "DELETE"),
        api_repo("/refs", refs.refs),
        api_repo("/discussions", discussions.list_all),
        api_repo("/discussions", discussions.create, "POST"),
        api_repo("/discussions/{num:int}", discussions.read),
        api_repo("/discussions/{num:int}/{what}", discussions.update, "POST"),
        api_repo("/xet-write-token/{revision:path}", no_xet),
        api_repo("/xet-read-token/{revision:path}", no_xet),
        api("/api/{rest:path}", api_not_found, "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"),
        # -- downloads and git, on the repos' own URLs
        *each_type("/resolve" + ids, lambda p: api(p, files.resolve)),
        *_git_routes(),
        # -- the Inference API
        api("/models/{ns}/{name}", inference.handle, "POST"),
        api("/models/{ns}/{name}/pipeline/{task}", inference.handle, "POST"),
        api("/" + NO_XET_PATH, no_xet_hint),
        # -- pages
        page("/front/pygments.css", pages.pygments_stylesheet),
        Mount("/front", app=StaticFiles(directory=STATIC_DIR), name="static"),
        page("/", pages.home),
        page("/{plural:hubtype}", pages.listing),
        page("/login", pages.login),
        page("/login", pages.sign_in, "POST"),
        page("/logout", pages.sign_out, "POST"),
        *repo_pages("", pages.repo),
        *repo_pages("/tree/{revision}", pages.tree),
        *repo_pages("/tree" + ids, pages.tree),
        *repo_pages("/blob" + ids, pages.blob),
        *repo_pages("/raw" + ids, pages.raw),
        *repo_pages("/commits/{revision:path}", pages.commits),
        *repo_pages("/commit/{sha}", pages.commit),
        *repo_pages("/compare/{spec:path}", pages.compare),
        *repo_pages("/discussions", pages.discussions),
        *repo_pages("/discussions/{num:int}", pages.discussion),
        *repo_pages("/discussions/{num:int}/files", pages.discussion_files),
        *repo_pages("/discussions/{num:int}/{what}", pages.discussion_action, "POST"),
        *repo_pages("/tensorboard", pages.metrics_view),
        *repo_pages("/viewer", pages.viewer_view),
        *repo_pages("/viewer/{config}/{split}", pages.viewer_view),
        page("/spaces/{ns}/{name}/app/{path:path}", pages.space_app),
        page("/{user}", pages.user),
    ]


# ----------------------------------------------------------------------------------------------- errors
def _surface_of_unrouted(request: Request) -> str:
    path = request.scope.get("path", "")
    if path.startswith("/api/") or "/resolve/" in path or path.startswith("/front/"):
        return "api"
    return "page"


def error_response(request: Request, e: errors.HubError) -> Response:
    """The one place an error becomes a response."""
    where = request.scope.get(SURFACE) or _surface_of_unrouted(request)
    if where == "page":
        return pages.error_page(request, e)
    headers = e.headers()
    if request.method == "HEAD":
        return Response(status_code=e.status, headers=headers)
    return json_response(e.body(), e.status, headers)


async def on_hub_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, errors.HubError)
    return error_response(request, exc)


async def on_http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 (no route) and 405 (a route, another method), in the Hub's shape."""
    assert isinstance(exc, HTTPException)
    e: errors.HubError
    if exc.status_code == 405:
        allow = (exc.headers or {}).get("Allow", "").split(", ")
        e = errors.MethodNotAllowed(f"Method {request.method} is not allowed on {request.url.path}", allow=allow)
    else:
        e = errors.HubError(f"Not found: {request.method} {request.url.path}", status=exc.status_code)
    return error_response(request, e)


EXCEPTION_HANDLERS = {errors.HubError: on_hub_error, HTTPException: on_http_error}
__all__ = ["EXCEPTION_HANDLERS", "route_table", "surface"]
