"""The local Hub's Starlette application: thin handlers over storage, lfs, auth and cards.

Routing is done here on the RAW request path (ASGI ``scope["raw_path"]``): the clients send revisions and
sub-paths quoted with ``quote(x, safe="")`` (``refs/pr/1`` arrives as ``refs%2Fpr%2F1``), so the path is split
on ``/`` first and each segment decoded afterwards. Every error is a ``HubError``, turned into the
X-Error-Code / X-Error-Message headers and JSON body the clients parse.
"""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from . import cards, discussions, errors, git_http
from .auth import Authenticator, User, whoami_payload
from .lfs import LFS_THRESHOLD, LfsStore
from .storage import REPO_TYPES, SHA_RE, Operation, RepoMeta, RepoStore, TreeEntry, iso, validate_path, validate_repo_id

DEFAULT_MAX_REQUEST_BYTES = 256 * 1024 * 1024  # JSON / NDJSON bodies (regular files travel base64 inside)
DEFAULT_MAX_LFS_BYTES = 50 * 1024 * 1024 * 1024  # one LFS object PUT
PREFIX = {"model": "", "dataset": "datasets/", "space": "spaces/"}
PLURAL = {f"{t}s": t for t in REPO_TYPES}
CHUNK = 1024 * 1024
SPACE_SDKS = ("gradio", "streamlit", "docker", "static")
NO_XET_PATH = "this-hub-has-no-xet-storage--set-HF_HUB_DISABLE_XET=1-before-starting-python"
NO_XET_MESSAGE = (
    "This local Hub stores large files with git-lfs, not Xet. Set HF_HUB_DISABLE_XET=1 in the environment "
    "before Python starts (or uninstall hf_xet); `localhub serve` prints the variables to export."
)
LIST_SORTS = ("lastModified", "createdAt", "downloads", "likes", "trendingScore")  # what /api/models?sort= accepts
TREE_PAGE, COMMITS_PAGE, MAX_PAGE = 1000, 100, 10000  # default page sizes of /tree and /commits (Link pagination)


def _flag(value: str | None) -> bool:
    """A boolean query parameter as the clients send it (``create_pr=1``)."""
    return value in ("1", "true", "True")


def _json(data: Any, status: int = 200, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=headers)


class HubApp:
    def __init__(
        self, data_dir: Path, auth: Authenticator, max_request_bytes: int, max_lfs_bytes: int, durable: bool = True
    ):
        self.data_dir = Path(data_dir)
        self.store = RepoStore(self.data_dir / "repos")
        self.lfs = LfsStore(self.data_dir / "lfs", durable=durable)
        self.auth = auth
        self.max_request_bytes = max_request_bytes
        self.max_lfs_bytes = max_lfs_bytes
        self.git = git_http.GitHttp(self)

    # ------------------------------------------------------------------------------------------- plumbing
    async def dispatch(self, request: Request) -> Response:
        try:
            return await self._dispatch(request)
        except errors.HubError as e:
            return self._error(request, e)
        except Exception as e:
            return self._error(request, errors.HubError(f"Internal error: {type(e).__name__}: {e}", status=500))

    def _error(self, request: Request, e: errors.HubError) -> Response:
        headers = e.headers()
        if request.method == "HEAD":
            return Response(status_code=e.status, headers=headers)
        return _json(e.body(), e.status, headers)

    async def _body(self, request: Request, limit: int | None = None) -> bytes:
        limit = self.max_request_bytes if limit is None else limit
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

    async def _json_body(self, request: Request) -> Any:
        body = await self._body(request)
        if not body.strip():
            return {}
        try:
            return json.loads(body)
        except ValueError as e:
            raise errors.BadRequest(f"Request body is not valid JSON: {e}") from None

    def endpoint(self, request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def user(self, request: Request) -> User | None:
        """The caller; Basic credentials (token as password) count only on git's routes (git_http.py)."""
        basic = bool(request.scope.get(git_http.BASIC_AUTH))
        return self.auth.user_for(request.headers.get("authorization"), basic=basic)

    def signed_in(self, request: Request) -> User:
        """The caller, who must have a token (after ``writable``/``contributable`` this always holds)."""
        user = self.user(request)
        if user is None:
            raise errors.Unauthorized("You must be authenticated (send a token) to write to the Hub")
        return user

    def repo_url(self, request: Request, repo_type: str, repo_id: str) -> str:
        return f"{self.endpoint(request)}/{PREFIX[repo_type]}{repo_id}"

    def readable(self, request: Request, repo_type: str, repo_id: str) -> RepoMeta:
        user = self.user(request)
        meta = self.store.get(repo_type, repo_id)
        if not self.auth.can_read(user, meta.namespace, meta.private):
            raise errors.RepoNotFound(f"Repository {repo_id} not found")
        return meta

    def writable(self, request: Request, repo_type: str, repo_id: str) -> RepoMeta:
        user = self.user(request)
        meta = self.store.get(repo_type, repo_id)
        if not self.auth.can_read(user, meta.namespace, meta.private):
            raise errors.RepoNotFound(f"Repository {repo_id} not found")
        self._check_write(user, meta.namespace)
        return meta

    def contributable(
        self, request: Request, repo_type: str, repo_id: str, revision: str | None = None, create_pr: bool = False
    ) -> RepoMeta:
        """Write access, or what anyone signed in who can read the repo may do without it, as on huggingface.co:
        open a pull request (``create_pr``) and add commits to ``refs/pr/N`` of an open one they opened."""
        user = self.user(request)
        meta = self.readable(request, repo_type, repo_id)
        contributor = user is not None and not self.auth.can_write(user, meta.namespace)
        if contributor and (create_pr or self._opened_by(user, repo_type, meta.repo_id, revision)):  # type: ignore[arg-type]
            return meta  # may propose changes without write access
        self._check_write(user, meta.namespace)
        return meta

    def _opened_by(self, user: User, repo_type: str, repo_id: str, revision: str | None) -> bool:
        """Whether ``revision`` is refs/pr/N of a pull request ``user`` opened that is still open."""
        match = re.fullmatch(r"refs/pr/(\d+)", unquote(revision or ""))
        if not match:
            return False
        try:
            record = self.store.discussion(repo_type, repo_id, int(match.group(1)))
        except errors.HubError:
            return False
        return record["is_pull_request"] and record["author"] == user.name and record["status"] in discussions.ACTIVE

    def _check_write(self, user: User | None, namespace: str) -> User:
        if user is None:
            raise errors.Unauthorized("You must be authenticated (send a token) to write to the Hub")
        if not self.auth.can_write(user, namespace):
            raise errors.Forbidden(f"You ({user.name}) do not have write access to the namespace {namespace!r}")
        return user

    # ------------------------------------------------------------------------------------------- routing
    async def _dispatch(self, request: Request) -> Response:
        raw = request.scope.get("raw_path") or request.scope["path"].encode()
        raw = raw.split(b"?", 1)[0].decode("latin-1")
        segs = [unquote(s) for s in raw.strip("/").split("/")] if raw.strip("/") else []
        m = request.method
        if segs[:1] == ["api"]:
            return await self._api(request, m, segs[1:])
        if not segs:
            return _json({"name": "localhub", "endpoint": self.endpoint(request)})
        if segs == [NO_XET_PATH]:
            raise errors.HubError(NO_XET_MESSAGE, status=404)
        repo_type = "model"
        if segs[0] in ("datasets", "spaces") and len(segs) > 1:
            repo_type, segs = PLURAL[segs[0]], segs[1:]
        if len(segs) >= 4 and segs[2] == "resolve" and m in ("GET", "HEAD"):
            return await self.resolve(request, repo_type, f"{segs[0]}/{segs[1]}", segs[3], "/".join(segs[4:]))
        git = git_http.route(segs, m, request.headers.get("content-type", ""))
        if git is not None:  # git clone/fetch/push and git-lfs (/{repo}[.git]/info/refs, /git-*-pack, /info/lfs/...)
            return await self.git.handle(request, repo_type, *git)
        if m == "POST" and segs[0] == "models" and (len(segs) == 3 or (len(segs) == 5 and segs[3] == "pipeline")):
            from . import inference  # Inference API: POST /models/{ns}/{name}[/pipeline/{task}]

            return await inference.handle(self, request, f"{segs[1]}/{segs[2]}", segs[4] if len(segs) == 5 else None)
        raise errors.HubError(f"Not found: {request.method} /{'/'.join(segs)}", status=404)

    async def _api(self, request: Request, m: str, s: list[str]) -> Response:
        if s == ["whoami-v2"] and m == "GET":
            user = self.user(request)
            if user is None:
                raise errors.Unauthorized()
            return _json(whoami_payload(user))
        if s == ["repos", "create"] and m == "POST":
            return await self.create_repo(request)
        if s == ["repos", "delete"] and m == "DELETE":
            return await self.delete_repo(request)
        if s == ["repos", "move"] and m == "POST":
            return await self.move_repo(request)
        if s == ["validate-yaml"] and m == "POST":
            return await self.validate_yaml(request)
        if len(s) == 4 and s[:2] == ["lfs", "upload"] and m == "PUT":
            return await self.lfs_upload(request, s[2], s[3])
        if len(s) == 4 and s[:2] == ["lfs", "verify"] and m == "POST":
            return await self.lfs_verify(request, s[2], s[3])
        if not s or s[0] not in PLURAL:
            raise errors.HubError(f"Not found: {m} /api/{'/'.join(s)}", status=404)
        repo_type = PLURAL[s[0]]
        if len(s) == 1 and m == "GET":
            return await self.list_repos(request, repo_type)
        if len(s) < 3:
            raise errors.HubError(f"Not found: {m} /api/{'/'.join(s)}", status=404)
        repo_id = f"{s[1]}/{s[2]}"
        validate_repo_id(repo_id)
        rest = s[3:]
        action = rest[0] if rest else None
        arg = rest[1] if len(rest) > 1 else None
        if not rest and m == "GET":
            return await self.repo_info(request, repo_type, repo_id, "main")
        if action == "revision" and arg and m == "GET":
            return await self.repo_info(request, repo_type, repo_id, "/".join(rest[1:]))
        if action == "settings" and m == "PUT":
            return await self.settings(request, repo_type, repo_id)
        if action == "tree" and arg and m == "GET":
            return await self.tree(request, repo_type, repo_id, arg, "/".join(rest[2:]))
        if action == "paths-info" and arg and m == "POST":
            return await self.paths_info(request, repo_type, repo_id, arg)
        if action == "preupload" and arg and m == "POST":
            return await self.preupload(request, repo_type, repo_id, arg)
        if action == "commit" and arg and m == "POST":
            return await self.commit(request, repo_type, repo_id, "/".join(rest[1:]))
        if action == "branch" and arg and m in ("POST", "DELETE"):
            return await self.branch(request, repo_type, repo_id, "/".join(rest[1:]))
        if action == "tag" and arg and m in ("POST", "DELETE"):
            return await self.tag(request, repo_type, repo_id, "/".join(rest[1:]))
        if action == "refs" and m == "GET":
            return await self.refs(request, repo_type, repo_id)
        if action == "commits" and arg and m == "GET":
            return await self.commits(request, repo_type, repo_id, "/".join(rest[1:]))
        if action == "discussions" and len(rest) == 1 and m in ("GET", "POST"):
            if m == "GET":
                return await self.list_discussions(request, repo_type, repo_id)
            return await self.create_discussion(request, repo_type, repo_id)
        if action == "discussions" and arg and arg.isdigit() and len(rest) == 2 and m == "GET":
            return await self.discussion(request, repo_type, repo_id, int(arg))
        if (
            action == "discussions"
            and arg
            and arg.isdigit()
            and len(rest) == 3
            and m == "POST"
            and rest[2] in ("comment", "status", "title", "merge")
        ):
            return await self.change_discussion(request, repo_type, repo_id, int(arg), rest[2])
        if action in ("xet-write-token", "xet-read-token"):
            return self.no_xet(request)
        if action == "duplicate" and not arg and m == "POST":
            return await self.duplicate_repo(request, repo_type, repo_id)
        if action == "super-squash" and arg and m == "POST":
            return await self.super_squash(request, repo_type, repo_id, "/".join(rest[1:]))
        if action == "compare" and arg and m == "GET":
            return await self.compare(request, repo_type, repo_id, "/".join(rest[1:]))
        raise errors.HubError(f"Not found: {m} /api/{'/'.join(s)}", status=404)

    # ------------------------------------------------------------------------------------------- repos
    async def create_repo(self, request: Request) -> Response:
        body = await self._json_body(request)
        user = self.user(request)
        if user is None:
            raise errors.Unauthorized("You must be authenticated (send a token) to create a repo")
        if not isinstance(body, dict) or not isinstance(body.get("name"), str):
            raise errors.BadRequest("Expected a JSON body with 'name'")
        repo_type = body.get("type") or "model"
        if repo_type not in REPO_TYPES:
            raise errors.BadRequest(f"Invalid repo type {repo_type!r}")
        name = body["name"]
        namespace = body.get("organization") or (name.split("/")[0] if "/" in name else user.name)
        name = name.split("/")[-1]
        repo_id = validate_repo_id(f"{namespace}/{name}")
        self._check_write(user, namespace)
        private = body.get("visibility") == "private" if "visibility" in body else bool(body.get("private"))
        sdk = body.get("sdk")
        if repo_type == "space":
            if sdk not in SPACE_SDKS:
                raise errors.BadRequest(f"A Space needs an sdk: one of {', '.join(SPACE_SDKS)}")
        else:
            sdk = None
        url = self.repo_url(request, repo_type, repo_id)
        try:
            meta = await run_in_threadpool(self.store.create, repo_type, repo_id, private=private, sdk=sdk)
        except errors.RepoExists as e:
            existing = self.store.get(repo_type, repo_id)
            raise errors.RepoExists(e.message, url=self.repo_url(request, repo_type, existing.repo_id)) from None
        return _json({"url": url, "name": meta.repo_id, "id": meta.repo_id})

    async def delete_repo(self, request: Request) -> Response:
        body = await self._json_body(request)
        user = self.user(request)
        repo_type = body.get("type") or "model"
        if repo_type not in REPO_TYPES or not isinstance(body.get("name"), str):
            raise errors.BadRequest("Expected a JSON body with 'name' and an optional 'type'")
        name = body["name"]
        namespace = body.get("organization") or (name.split("/")[0] if "/" in name else (user.name if user else ""))
        repo_id = validate_repo_id(f"{namespace}/{name.split('/')[-1]}")
        self.writable(request, repo_type, repo_id)
        await run_in_threadpool(self.store.delete, repo_type, repo_id)
        return _json({})

    def no_xet(self, request: Request) -> Response:
        """The Xet token endpoints: this Hub stores large files with plain git-lfs, so there is no Xet storage.

        huggingface_hub hands uploads to hf_xet whenever that package is installed, without asking the server,
        and hf_xet reports a failed token request as "HTTP status client error (404 Not Found), domain: <url>",
        dropping the body. So the answer is a redirect to a URL that spells out the fix; it then 404s with the
        same words in the body for anyone who reads it.
        """
        hint = f"{self.endpoint(request)}/{NO_XET_PATH}"
        return Response(status_code=307, headers={"Location": hint, "X-Error-Message": NO_XET_MESSAGE})

    async def move_repo(self, request: Request) -> Response:
        """POST /api/repos/move {fromRepo, toRepo, type}: one needs write access to both namespaces."""
        body = await self._json_body(request)
        repo_type = body.get("type") or "model"
        if repo_type not in REPO_TYPES:
            raise errors.BadRequest(f"type must be one of {', '.join(REPO_TYPES)}, not {repo_type!r}")
        from_id, to_id = body.get("fromRepo"), body.get("toRepo")
        if not isinstance(from_id, str) or not isinstance(to_id, str):
            raise errors.BadRequest("fromRepo and toRepo are required, as 'namespace/name'")
        validate_repo_id(to_id)
        meta = self.writable(request, repo_type, from_id)
        self._check_write(self.user(request), to_id.split("/")[0])
        await run_in_threadpool(self.store.move, repo_type, meta.repo_id, to_id)
        return _json({"url": self.repo_url(request, repo_type, to_id)})

    async def duplicate_repo(self, request: Request, repo_type: str, repo_id: str) -> Response:
        """POST /api/{type}s/{id}/duplicate {repository, visibility?}: a copy of main in one's own namespace."""
        body = await self._json_body(request)
        user = self.signed_in(request)
        meta = self.readable(request, repo_type, repo_id)
        to_id = body.get("repository")
        if not isinstance(to_id, str):
            raise errors.BadRequest("repository (the new 'namespace/name') is required")
        validate_repo_id(to_id)
        self._check_write(user, to_id.split("/")[0])
        private = body.get("visibility") == "private" if "visibility" in body else meta.private
        await run_in_threadpool(
            self.store.duplicate, repo_type, meta.repo_id, to_id, private=private, author=user.name, email=user.email
        )
        return _json({"url": self.repo_url(request, repo_type, to_id), "filesCopyPending": False})

    async def super_squash(self, request: Request, repo_type: str, repo_id: str, branch: str) -> Response:
        """POST /api/{type}s/{id}/super-squash/{branch} {message}: the branch becomes one commit, files unchanged."""
        body = await self._json_body(request)
        meta = self.writable(request, repo_type, repo_id)
        message = body.get("message") if isinstance(body.get("message"), str) else f"Super-squash branch '{branch}'"
        sha = await run_in_threadpool(
            self.store.squash, repo_type, meta.repo_id, branch, message, self.signed_in(request).name
        )
        return _json({"commitId": sha})

    async def settings(self, request: Request, repo_type: str, repo_id: str) -> Response:
        body = await self._json_body(request)
        meta = self.writable(request, repo_type, repo_id)
        if body.get("gated") not in (None, False, "false"):
            # Answering "updated" and changing nothing would let a learner believe the files are protected.
            raise errors.BadRequest(
                f"gated={body['gated']!r}: this local Hub has no access requests, so it cannot gate a repo; "
                "make it private (update_repo_settings(repo_id, private=True)) to limit who can download it"
            )
        private = body.get("visibility") == "private" if "visibility" in body else body.get("private")
        if private is not None:
            meta = self.store.set_private(repo_type, meta.repo_id, bool(private))
        return _json({"private": meta.private})

    async def list_repos(self, request: Request, repo_type: str) -> Response:
        """GET /api/{models,datasets,spaces}: the readable repos matching every filter, as huggingface.co lists them.

        ``filter`` (repeatable) must each be one of the repo's tags (``text-classification``, ``license:mit``,
        ``dataset:user/x``, ``task_categories:...``; for models a language matches as ``en`` or ``language:en``);
        ``pipeline_tag``, ``search`` (repeatable, substrings of the id, case-insensitive), ``author``, ``gated``;
        ``sort`` is one of LIST_SORTS, newest or largest first; ``limit`` cuts the list.
        """
        user = self.user(request)
        q = request.query_params
        author = q.get("author")
        searches = [term.lower() for term in q.getlist("search") if term]
        wanted = q.getlist("filter")
        pipeline_tag = q.get("pipeline_tag")
        gated = q.get("gated")
        sort = q.get("sort")
        if sort is not None and sort not in LIST_SORTS:
            raise errors.BadRequest(f"sort={sort!r} is not supported; use one of {', '.join(LIST_SORTS)}")
        out = []
        for meta in self.store.list_repos(repo_type, author):
            if not self.auth.can_read(user, meta.namespace, meta.private):
                continue
            if any(term not in meta.repo_id.lower() for term in searches):
                continue
            info = await run_in_threadpool(self._info, request, meta, "main", False)
            if pipeline_tag and info.get("pipeline_tag") != pipeline_tag:
                continue
            if gated is not None and _flag(gated) != bool(info.get("gated")):
                continue
            if not all(_has_tag(info["tags"], f, repo_type) for f in wanted):
                continue
            out.append(info)
        if sort is not None:
            # huggingface.co sorts descending; the local Hub has no downloads or likes, so those are ties (kept
            # in id order, which is what the list is in before sorting)
            out.sort(key=lambda info: info.get(sort) or 0, reverse=True)
        limit = q.get("limit")
        if limit and limit.isdigit():
            out = out[: int(limit)]
        return _json(out)

    def _card_and_config(self, meta: RepoMeta, sha: str, files: list[str]) -> tuple[dict, dict | None]:
        card: dict = {}
        config = None
        if "README.md" in files:
            try:
                card, _ = cards.split_front_matter(
                    self.store.read_blob(meta.repo_type, meta.repo_id, sha, "README.md").decode("utf-8", "replace")
                )
            except Exception:
                card = {}
        if "config.json" in files:
            try:
                config = json.loads(self.store.read_blob(meta.repo_type, meta.repo_id, sha, "config.json"))
            except Exception:
                config = None
        return card or {}, config

    def _info(self, request: Request, meta: RepoMeta, revision: str, blobs: bool) -> dict:
        sha = self.store.resolve(meta.repo_type, meta.repo_id, revision)
        entries = [e for e in self.store.tree(meta.repo_type, meta.repo_id, sha, recursive=True) if e.type == "file"]
        files = [e.path for e in entries]
        card, config = self._card_and_config(meta, sha, files)
        modified = iso(self.store.last_modified(meta.repo_type, meta.repo_id, sha))
        siblings = []
        for e in entries:
            sib: dict[str, Any] = {"rfilename": e.path}
            if blobs:
                sib.update({"blobId": e.oid, "size": e.lfs.size if e.lfs else e.size})
                if e.lfs:
                    sib["lfs"] = {"sha256": e.lfs.oid, "size": e.lfs.size, "pointerSize": e.lfs.pointer_size}
            siblings.append(sib)
        try:
            tags = cards.tags(card, repo_type=meta.repo_type, files=files, config_json=config)
        except Exception:
            tags = []
        info: dict[str, Any] = {
            "_id": hashlib.sha1(f"{meta.repo_type}/{meta.repo_id}".encode()).hexdigest()[:24],
            "id": meta.repo_id,
            "author": meta.namespace,
            "sha": sha,
            "lastModified": modified,
            "createdAt": iso(meta.created_at),
            "private": meta.private,
            "disabled": False,
            "gated": False,
            "downloads": 0,
            "likes": 0,
            "tags": tags,
            "siblings": siblings,
            "cardData": card,
        }
        if meta.repo_type == "model":
            info["modelId"] = meta.repo_id
            try:
                ptag = cards.pipeline_tag(card, config, files)
                lib = cards.library_name(card, files)
            except Exception:
                ptag = lib = None
            if ptag:
                info["pipeline_tag"] = ptag
            if lib:
                info["library_name"] = lib
            if config is not None:
                info["config"] = {k: config[k] for k in ("architectures", "model_type") if k in config}
        elif meta.repo_type == "dataset":
            info["description"] = None
        elif meta.repo_type == "space":
            info["sdk"] = meta.sdk
        return info

    async def repo_info(self, request: Request, repo_type: str, repo_id: str, revision: str) -> Response:
        meta = self.readable(request, repo_type, repo_id)
        blobs = request.query_params.get("blobs") == "true"
        return _json(await run_in_threadpool(self._info, request, meta, revision, blobs))

    # ------------------------------------------------------------------------------------------- listing
    def _entry_json(self, e: TreeEntry) -> dict:
        if e.type == "directory":
            return {"type": "directory", "oid": e.oid, "path": e.path}
        d: dict[str, Any] = {"type": "file", "oid": e.oid, "size": e.lfs.size if e.lfs else e.size, "path": e.path}
        if e.lfs:
            d["lfs"] = {"oid": e.lfs.oid, "size": e.lfs.size, "pointerSize": e.lfs.pointer_size}
        return d

    async def tree(self, request: Request, repo_type: str, repo_id: str, revision: str, path: str) -> Response:
        meta = self.readable(request, repo_type, repo_id)
        recursive = request.query_params.get("recursive") in ("true", "1", "True")
        sha = self.store.resolve(repo_type, meta.repo_id, revision)
        entries = await run_in_threadpool(self.store.tree, repo_type, meta.repo_id, sha, path, recursive)
        page, headers = _paginate(request, entries, TREE_PAGE)
        return _json([self._entry_json(e) for e in page], headers=headers)

    async def paths_info(self, request: Request, repo_type: str, repo_id: str, revision: str) -> Response:
        body = await self._body(request)
        meta = self.readable(request, repo_type, repo_id)
        ctype = request.headers.get("content-type", "")
        if "json" in ctype:
            try:
                paths = json.loads(body).get("paths", [])
            except (ValueError, AttributeError):
                raise errors.BadRequest("Expected a JSON body with 'paths'") from None
        else:
            paths = parse_qs(body.decode("utf-8", "replace")).get("paths", [])
        if isinstance(paths, str):
            paths = [paths]
        sha = self.store.resolve(repo_type, meta.repo_id, revision)
        out = []
        for p in paths:
            p = str(p).strip("/")
            try:
                out.append(self._entry_json(self.store.entry(repo_type, meta.repo_id, sha, p)))
            except errors.EntryNotFound:
                pass
        return _json(out)

    # ------------------------------------------------------------------------------------------- download
    async def resolve(self, request: Request, repo_type: str, repo_id: str, revision: str, path: str) -> Response:
        meta = self.readable(request, repo_type, repo_id)
        sha = self.store.resolve(repo_type, meta.repo_id, revision)
        try:
            entry = self.store.entry(repo_type, meta.repo_id, sha, path)
            if entry.type != "file":
                raise errors.EntryNotFound(f"{path} is a folder, not a file")
        except errors.EntryNotFound as e:
            e.extra = {}
            raise _with_commit(e, sha) from None
        except errors.BadRequest as e:
            raise _with_commit(errors.EntryNotFound(e.message), sha) from None
        headers = {"X-Repo-Commit": sha, "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream"}
        if entry.lfs:
            size = entry.lfs.size
            etag = entry.lfs.oid
            headers.update({"X-Linked-Etag": f'"{etag}"', "X-Linked-Size": str(size)})
            if not self.lfs.exists(etag):
                raise _with_commit(errors.EntryNotFound(f"The LFS content of {path} was never uploaded"), sha)
        else:
            size = entry.size
            etag = entry.oid
        headers["ETag"] = f'"{etag}"'
        start, end = 0, size - 1
        status = 200
        rng = request.headers.get("range")
        if rng:
            parsed = _parse_range(rng, size)
            if parsed == "unsatisfiable":
                headers["Content-Range"] = f"bytes */{size}"
                return Response(status_code=416, headers=headers)
            if parsed:
                start, end = parsed
                status = 206
                headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        length = max(0, end - start + 1)
        headers["Content-Length"] = str(length)
        if request.method == "HEAD":
            return Response(status_code=status, headers=headers)
        if entry.lfs:
            fpath = self.lfs.path(entry.lfs.oid)

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
        data = self.store.read_blob(repo_type, meta.repo_id, sha, path)
        return Response(data[start : end + 1], status_code=status, headers=headers)

    # ------------------------------------------------------------------------------------------- upload
    async def validate_yaml(self, request: Request) -> Response:
        body = await self._json_body(request)
        content = body.get("content", "") if isinstance(body, dict) else ""
        repo_type = body.get("repoType", "model") if isinstance(body, dict) else "model"
        errs, warns = cards.validate_yaml(content if isinstance(content, str) else "", repo_type)
        payload: dict[str, Any] = {
            "errors": [{"message": e} for e in errs],
            "warnings": [{"message": w} for w in warns],
        }
        if errs:
            message = "Invalid metadata in README.md: " + "; ".join(errs)
            payload["error"] = message
            return _json(payload, 400, {"X-Error-Message": errors._header_safe(message)})
        return _json(payload)

    def _lfs_patterns(self, repo_type: str, repo_id: str, sha: str) -> list[str]:
        try:
            text = self.store.read_blob(repo_type, repo_id, sha, ".gitattributes").decode("utf-8", "replace")
        except errors.HubError:
            return []
        pats = []
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 2 and "filter=lfs" in parts[1:]:
                pats.append(parts[0])
        return pats

    async def preupload(self, request: Request, repo_type: str, repo_id: str, revision: str) -> Response:
        body = await self._json_body(request)
        meta = self.contributable(request, repo_type, repo_id, revision, _flag(request.query_params.get("create_pr")))
        files = body.get("files") if isinstance(body, dict) else None
        if not isinstance(files, list):
            raise errors.BadRequest("Expected a JSON body with 'files'")
        try:
            sha = self.store.resolve(repo_type, meta.repo_id, revision)
        except errors.RevisionNotFound:
            sha = self.store.resolve(repo_type, meta.repo_id, "main")
        patterns = self._lfs_patterns(repo_type, meta.repo_id, sha)
        # one listing of the revision instead of one git call per file (a 1,500-file upload asks in batches of 256)
        existing = {
            e.path: e
            for e in await run_in_threadpool(self.store.tree, repo_type, meta.repo_id, sha, "", True)
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
        return _json({"files": out, "commitOid": sha})

    async def commit(self, request: Request, repo_type: str, repo_id: str, revision: str) -> Response:
        body = await self._body(request)
        create_pr = _flag(request.query_params.get("create_pr"))
        meta = self.contributable(request, repo_type, repo_id, revision, create_pr)
        user = self.signed_in(request)
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
                    # A copy (CommitOperationCopy of an LFS file) names the object without its size: the
                    # object is already in the store, which knows it.
                    oid = value["oid"]
                    if value.get("algo", "sha256") != "sha256":
                        raise ValueError("only sha256 LFS objects are supported")
                    size = value["size"] if "size" in value else (self.lfs.size(oid) if self.lfs.exists(oid) else -1)
                    if not self.lfs.exists(oid) or self.lfs.size(oid) != size:
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
        parent = header.get("parentCommit")
        if parent is not None and not (isinstance(parent, str) and SHA_RE.match(parent)):
            raise errors.BadRequest(f"parentCommit must be a 40-hex commit id, got {parent!r}")
        self.check_card_metadata(repo_type, ops)
        kwargs: dict[str, Any] = dict(
            summary=str(header.get("summary") or ""),
            description=str(header.get("description") or ""),
            author=user.name,
            email=user.email or None,
            parent_commit=parent,
        )
        pr_url = None
        if create_pr:
            num, sha = await run_in_threadpool(self.store.commit_pr, repo_type, meta.repo_id, revision, ops, **kwargs)
            pr_url = f"{self.repo_url(request, repo_type, meta.repo_id)}/discussions/{num}"
        else:
            sha = await run_in_threadpool(self.store.commit, repo_type, meta.repo_id, revision, ops, **kwargs)
        return _json(
            {
                "success": True,
                "commitOid": sha,
                "commitMessage": header.get("summary"),
                "commitUrl": f"{self.repo_url(request, repo_type, meta.repo_id)}/commit/{sha}",
                "pullRequestUrl": pr_url,
            }
        )

    @staticmethod
    def check_card_metadata(repo_type: str, ops: list[Operation]) -> None:
        """Refuse a commit whose README.md metadata has errors, as huggingface.co does (warnings pass)."""
        for op in ops:
            if op.kind == "add" and op.path == "README.md" and op.content is not None:
                errs, _warnings = cards.validate_yaml(op.content.decode("utf-8", "replace"), repo_type)
                if errs:
                    raise errors.BadRequest("Invalid metadata in README.md: " + "; ".join(errs))

    # ------------------------------------------------------------------------------------------- discussions
    def _discussion_summary(self, record: dict, repo_type: str, repo_id: str) -> dict:
        return {
            "num": record["num"],
            "title": record["title"],
            "author": {"name": record["author"]},
            "createdAt": iso(record["created_at"]),
            "status": record["status"],
            "isPullRequest": record["is_pull_request"],
            "repo": {"name": repo_id, "type": repo_type},
        }

    @staticmethod
    def _event_payload(event: dict) -> dict:
        return {**event, "createdAt": iso(event["createdAt"]), "author": {"name": event["author"]}}

    async def list_discussions(self, request: Request, repo_type: str, repo_id: str) -> Response:
        """HfApi.get_repo_discussions: pages of 50, newest first, filtered by type, status and author."""
        meta = self.readable(request, repo_type, repo_id)
        q = request.query_params
        kind, status = q.get("type", "all"), q.get("status", "all")
        if kind not in ("all", "discussion", "pull_request") or status not in ("all", "open", "closed"):
            raise errors.BadRequest("type must be all|discussion|pull_request and status all|open|closed")
        try:
            page = max(0, int(q.get("p", "0")))
        except ValueError:
            raise errors.BadRequest(f"p must be a page number, not {q.get('p')!r}") from None
        records = await run_in_threadpool(self.store.list_discussions, repo_type, meta.repo_id)
        chosen = [r for r in records if discussions.matches(r, kind=kind, status=status, author=q.get("author"))]
        start = page * discussions.PAGE_SIZE
        return _json(
            {
                "discussions": [
                    self._discussion_summary(r, repo_type, meta.repo_id)
                    for r in chosen[start : start + discussions.PAGE_SIZE]
                ],
                "count": len(chosen),
                "start": start,
            }
        )

    async def create_discussion(self, request: Request, repo_type: str, repo_id: str) -> Response:
        """HfApi.create_discussion / create_pull_request: anyone signed in who can read the repo."""
        body = await self._json_body(request)
        if not isinstance(body, dict) or not isinstance(body.get("title"), str) or not body["title"].strip():
            raise errors.BadRequest("Expected a JSON body with a non-empty 'title'")
        pull_request = bool(body.get("pullRequest"))
        meta = self.readable(request, repo_type, repo_id)
        user = self.user(request)
        if user is None:
            raise errors.Unauthorized("You must be authenticated (send a token) to open a discussion")
        num = await run_in_threadpool(
            self.store.create_discussion,
            repo_type,
            meta.repo_id,
            title=body["title"],
            description=str(body.get("description") or ""),
            author=user.name,
            pull_request=pull_request,
        )
        return _json(
            {
                "num": num,
                "url": f"{self.repo_url(request, repo_type, meta.repo_id)}/discussions/{num}",
                "pullRequest": pull_request,
            }
        )

    async def discussion(self, request: Request, repo_type: str, repo_id: str, num: int) -> Response:
        """Discussion ``num`` as HfApi.get_discussion_details parses it: its events in order (comments, commits,
        status and title changes) and, for a pull request, its diff and, once merged, the merge commit."""
        meta = self.readable(request, repo_type, repo_id)
        record = await run_in_threadpool(self.store.discussion, repo_type, meta.repo_id, num)
        events = [self._event_payload(e) for e in record["events"]]
        out = {**self._discussion_summary(record, repo_type, meta.repo_id), "filesWithConflicts": []}
        if record["is_pull_request"]:
            # the diff: what the PR brings to its base (for a merged PR: to the base as it was before the merge)
            base_sha = record.get("merged_base") or self.store.head(repo_type, meta.repo_id, record["base"])
            out["changes"] = {"base": f"refs/heads/{record['base']}"}
            if record["merge_commit"]:
                out["changes"]["mergeCommitId"] = record["merge_commit"]
            out["headSha"] = record["head"]
            if request.query_params.get("diff") == "1" and base_sha:
                out["diff"] = await run_in_threadpool(
                    self.store.pr_patch, repo_type, meta.repo_id, base_sha, record["head"]
                )
        out["events"] = events
        return _json(out)

    async def change_discussion(self, request: Request, repo_type: str, repo_id: str, num: int, what: str) -> Response:
        """comment (any reader), title and status (its author or a writer), merge (a writer)."""
        body = await self._json_body(request)
        body = body if isinstance(body, dict) else {}
        meta = self.readable(request, repo_type, repo_id)
        user = self.user(request)
        if user is None:
            raise errors.Unauthorized("You must be authenticated (send a token) to take part in a discussion")
        record = await run_in_threadpool(self.store.discussion, repo_type, meta.repo_id, num)
        if what != "comment" and not (user.name == record["author"] and what != "merge"):
            self._check_write(user, meta.namespace)
        comment = str(body.get("comment") or "").strip()
        if what == "merge":
            await run_in_threadpool(
                self.store.merge_pull_request,
                repo_type,
                meta.repo_id,
                num,
                author=user.name,
                email=user.email or None,
                comment=comment,
            )
            return _json({})
        if what == "comment":
            if not comment:
                raise errors.BadRequest("Expected a JSON body with a non-empty 'comment'")
            new = discussions.comment_event(user.name, comment)
            await run_in_threadpool(self.store.add_discussion_events, repo_type, meta.repo_id, num, [new])
            return _json({"newMessage": self._event_payload(new)})
        if what == "title":
            title = str(body.get("title") or "").strip()
            if not title:
                raise errors.BadRequest("Expected a JSON body with a non-empty 'title'")
            new = discussions.title_event(user.name, record["title"], title)
            await run_in_threadpool(self.store.add_discussion_events, repo_type, meta.repo_id, num, [new], title=title)
            return _json({"newTitle": self._event_payload(new)})
        status = body.get("status")
        if status not in ("open", "closed"):
            raise errors.BadRequest(f"status must be 'open' or 'closed', not {status!r}")
        if record["status"] == "merged":
            raise errors.Conflict(f"Discussion {num} is merged; its status cannot change")
        new = discussions.status_event(user.name, status)
        events = ([discussions.comment_event(user.name, comment)] if comment else []) + [new]
        await run_in_threadpool(self.store.add_discussion_events, repo_type, meta.repo_id, num, events, status=status)
        return _json({"newStatus": self._event_payload(new)})

    # ------------------------------------------------------------------------------------------- LFS
    async def lfs_batch(self, request: Request, repo_type: str, repo_id: str) -> Response:
        body = await self._json_body(request)
        op = body.get("operation") if isinstance(body, dict) else None
        # Uploading LFS objects changes no repo (they become part of one only through a commit, which is checked
        # on its own), so a contributor about to open a pull request may upload them too.
        meta = (
            self.contributable(request, repo_type, repo_id, create_pr=True)
            if op == "upload"
            else self.readable(request, repo_type, repo_id)
        )
        objects = body.get("objects")
        if op not in ("upload", "download") or not isinstance(objects, list):
            raise errors.BadRequest("Expected an LFS batch request with 'operation' and 'objects'")
        base = self.endpoint(request)
        out = []
        for obj in objects:
            oid, size = obj.get("oid"), obj.get("size")
            try:
                token = self.lfs.sign(oid, size)
            except errors.HubError as e:
                out.append({"oid": oid, "size": size, "error": {"code": 422, "message": e.message}})
                continue
            item: dict[str, Any] = {"oid": oid, "size": size, "authenticated": True}
            if op == "upload":
                if not self.lfs.exists(oid):
                    item["actions"] = {
                        "upload": {"href": f"{base}/api/lfs/upload/{oid}/{size}?sig={token}", "expires_in": 3600},
                        "verify": {"href": f"{base}/api/lfs/verify/{oid}/{size}", "expires_in": 3600},
                    }
            else:
                if self.lfs.exists(oid):
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
        return JSONResponse(
            {"transfer": "basic", "objects": out, "hash_algo": "sha256"}, media_type="application/vnd.git-lfs+json"
        )

    async def lfs_upload(self, request: Request, oid: str, size_text: str) -> Response:
        size = int(size_text) if size_text.isdigit() else -1
        sig = request.query_params.get("sig", "")
        if size < 0 or not self.lfs.verify_signature(oid, size, sig):
            raise errors.Forbidden("Invalid or expired LFS upload signature")
        if size > self.max_lfs_bytes:
            raise errors.PayloadTooLarge(f"LFS object of {size} bytes exceeds the limit of {self.max_lfs_bytes}")
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) != size:
            raise errors.BadRequest(f"Upload of {declared} bytes does not match the announced size {size}")
        if not self.lfs.exists(oid):
            await self.lfs.aput_stream(oid, size, request.stream())
        return Response(status_code=200)

    async def lfs_verify(self, request: Request, oid: str, size_text: str) -> Response:
        await self._body(request)
        if not self.lfs.exists(oid) or str(self.lfs.size(oid)) != size_text:
            raise errors.HubError(f"LFS object {oid} was not uploaded", status=404)
        return _json({"success": True})

    # ------------------------------------------------------------------------------------------- refs
    async def branch(self, request: Request, repo_type: str, repo_id: str, branch: str) -> Response:
        body = await self._json_body(request)
        meta = self.writable(request, repo_type, repo_id)
        if request.method == "DELETE":
            await run_in_threadpool(self.store.delete_branch, repo_type, meta.repo_id, branch)
            return _json({})
        start = body.get("startingPoint") if isinstance(body, dict) else None
        await run_in_threadpool(self.store.create_branch, repo_type, meta.repo_id, branch, start)
        return _json({})

    async def tag(self, request: Request, repo_type: str, repo_id: str, arg: str) -> Response:
        body = await self._json_body(request)
        meta = self.writable(request, repo_type, repo_id)
        user = self.signed_in(request)
        if request.method == "DELETE":
            await run_in_threadpool(self.store.delete_tag, repo_type, meta.repo_id, arg)
            return _json({})
        tag = body.get("tag") if isinstance(body, dict) else None
        if not isinstance(tag, str) or not tag:
            raise errors.BadRequest("Expected a JSON body with 'tag'")
        await run_in_threadpool(
            self.store.create_tag, repo_type, meta.repo_id, tag, arg, body.get("message"), user.name
        )
        return _json({})

    async def refs(self, request: Request, repo_type: str, repo_id: str) -> Response:
        meta = self.readable(request, repo_type, repo_id)

        def conv(refs):
            return [{"name": r.name, "ref": r.ref, "targetCommit": r.target_commit} for r in refs]

        out: dict[str, Any] = {
            "branches": conv(self.store.branches(repo_type, meta.repo_id)),
            "converts": [],
            "tags": conv(self.store.tags(repo_type, meta.repo_id)),
        }
        if request.query_params.get("include_prs") in ("1", "true", "True"):
            out["pullRequests"] = conv(self.store.pull_requests(repo_type, meta.repo_id))
        return _json(out)

    async def commits(self, request: Request, repo_type: str, repo_id: str, revision: str) -> Response:
        meta = self.readable(request, repo_type, repo_id)
        sha = self.store.resolve(repo_type, meta.repo_id, revision)
        log = await run_in_threadpool(self.store.log, repo_type, meta.repo_id, sha)
        page, headers = _paginate(request, log, COMMITS_PAGE)
        return _json(
            [
                {
                    "id": c.id,
                    "title": c.title,
                    "message": c.message,
                    "authors": [{"user": c.author, "avatar": ""}],
                    "date": iso(c.date),
                    "parents": c.parents,
                }
                for c in page
            ],
            headers=headers,
        )

    async def compare(self, request: Request, repo_type: str, repo_id: str, spec: str) -> Response:
        meta = self.readable(request, repo_type, repo_id)
        if ".." not in spec:
            raise errors.BadRequest(f"Expected compare/<a>..<b>, got {spec!r}")
        a, b = spec.split("..", 1)
        sa = self.store.resolve(repo_type, meta.repo_id, a)
        sb = self.store.resolve(repo_type, meta.repo_id, b)
        diffs = await run_in_threadpool(self.store.diff, repo_type, meta.repo_id, sa, sb)
        return _json({"from": sa, "to": sb, "files": [d.to_json() for d in diffs]})


def _with_commit(e: errors.HubError, sha: str) -> errors.HubError:
    """EntryNotFound on /resolve must carry X-Repo-Commit (the clients cache the miss at that commit)."""
    original = e.headers

    def headers() -> dict[str, str]:
        h = original()
        h["X-Repo-Commit"] = sha
        return h

    e.headers = headers  # type: ignore[method-assign]
    return e


def _has_tag(tags: list[str], wanted: str, repo_type: str) -> bool:
    """Whether a listing filter matches one of a repo's tags (a model's language is a bare tag, ``en``)."""
    if wanted in tags:
        return True
    key, _, value = wanted.partition(":")
    return repo_type == "model" and key == "language" and value in tags


def _paginate(request: Request, items: list, default_limit: int) -> tuple[list, dict[str, str]]:
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


def _parse_range(value: str, size: int):
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


def create_app(
    data_dir: Path,
    auth: Authenticator,
    *,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    max_lfs_bytes: int = DEFAULT_MAX_LFS_BYTES,
    durable: bool = True,
) -> Starlette:
    """The Hub as an ASGI app. ``durable=False`` for a Hub whose data folder is thrown away (see LfsStore)."""
    hub = HubApp(Path(data_dir), auth, max_request_bytes, max_lfs_bytes, durable)
    methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
    app = Starlette(
        routes=[Route("/", hub.dispatch, methods=methods), Route("/{path:path}", hub.dispatch, methods=methods)]
    )
    app.state.hub = hub
    return app
