"""Git on the Hub's own port: clone, fetch, ls-remote and push over smart HTTP, and git-lfs's endpoints.

Every repo answers where huggingface.co's does: ``/{ns}/{name}``, ``/datasets/{ns}/{name}``,
``/spaces/{ns}/{name}``, each with or without ``.git``, followed by

==========================================================  ===================================================
``GET  info/refs?service=git-upload-pack|git-receive-pack``  ref advertisement (read / write access)
``POST git-upload-pack``, ``POST git-receive-pack``          fetch / push (git's pack protocol, v0, v1 or v2)
``POST info/lfs/objects/batch``                              git-lfs batch API (api/lfs.py)
``GET  info/lfs/objects/{oid}``                              the download href the batch API hands out
``*    info/lfs/locks[/...]``                                501: no file locking (git-lfs then stops asking)
==========================================================  ===================================================

The pack protocol is git's own: ``git http-backend`` runs as a CGI child per request (asyncio subprocess: the
request body is streamed into it while its answer is streamed back, nothing blocks the event loop). The Hub
decides who may do what before git runs; a push then goes through the pre-receive hook of git_push.py, which
applies the API's commit rules to the quarantined objects, so a refused push changes nothing.

Auth as on huggingface.co: the token is the Basic-auth password (the user name is not trusted) or a Bearer
token. A repo an anonymous caller may not read (private, or absent) answers 401 with ``WWW-Authenticate``, the
only answer on which git sends the credentials of the URL or asks for them; a signed-in caller who may not read
it gets 404 (git: "repository not found"), one who may read but not write gets 403 on a push.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import AsyncGenerator, AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from . import errors
from .auth import User
from .git_push import ENV_LFS_DIR, ENV_REPO_TYPE
from .storage import RepoMeta, _base_env, validate_repo_id
from .web import read_body

if TYPE_CHECKING:
    from .hub import Hub

log = logging.getLogger("localhub.git")

SERVICES = ("git-upload-pack", "git-receive-pack")
REALM = 'Basic realm="Local Hub", charset="UTF-8"'
LFS_JSON = "application/vnd.git-lfs+json"
CHUNK = 64 * 1024
MAX_STDERR = 64 * 1024
# Configuration of every git the backend runs (no system or user config: storage._base_env).
GIT_CONFIG = {
    "http.uploadpack": "true",
    "http.receivepack": "true",  # access is decided by the Hub before git runs
    "receive.fsckObjects": "true",  # malformed objects and '.git' / '..' paths never get in
    "uploadpack.allowFilter": "true",  # git clone --filter=blob:none
    "core.logAllRefUpdates": "false",
}
HOOK = """#!/bin/sh
# Written by the local Hub (localhub/git_http.py) at start: the push rules of localhub/git_push.py.
exec {python} -P -m localhub.git_push
"""


@functools.cache
def http_backend() -> str:
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True, env=_base_env()).stdout.strip()
    backend = Path(exec_path or "/usr/lib/git-core") / "git-http-backend"
    if not backend.is_file():
        raise errors.HubError(f"git-http-backend not found at {backend}: install git to serve git over HTTP")
    return str(backend)


class _CgiResponse(StreamingResponse):
    """The backend's answer, streamed. Unlike StreamingResponse it does not read ``receive`` while sending, so the
    request body can still be flowing into git (receive-pack's result headers come before it reads the pack)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = self.body_iterator
        try:
            await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
            async for chunk in body:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        finally:
            if isinstance(body, AsyncGenerator):
                await body.aclose()  # the client went away: stop git now, not when the generator is collected


class GitHttp:
    def __init__(self, hub: Hub):
        self.hub = hub
        self.hooks_dir = hub.data_dir / "git-hooks"
        self._write_hook()

    def _write_hook(self) -> None:
        """The pre-receive hook every push runs (core.hooksPath), rewritten at each start (the Python may move)."""
        self.hooks_dir.mkdir(parents=True, exist_ok=True)
        hook = self.hooks_dir / "pre-receive"
        text = HOOK.format(python=shlex.quote(sys.executable))
        if hook.is_file() and os.access(hook, os.X_OK) and hook.read_text() == text:
            return
        fd, tmp = tempfile.mkstemp(prefix=".pre-receive.", dir=self.hooks_dir)  # two Hubs may start together
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.chmod(tmp, 0o755)
        os.replace(tmp, hook)

    # ------------------------------------------------------------------------------------------- entry
    async def handle(self, request: Request, repo_type: str, repo_id: str, rest: list[str]) -> Response:
        lfs = rest[:2] == ["info", "lfs"]
        try:
            validate_repo_id(repo_id)
            if lfs:
                return await self.lfs(request, repo_type, repo_id, rest[2:])
            return await self.git(request, repo_type, repo_id, rest)
        except errors.HubError as e:
            return self._lfs_error(e) if lfs else self._git_error(e)

    @staticmethod
    def _git_error(e: errors.HubError) -> Response:
        """git shows a text/plain error body as ``remote: ...`` lines."""
        headers = e.headers()
        if e.status == 401:
            headers["WWW-Authenticate"] = REALM
        return Response(e.message + "\n", status_code=e.status, headers=headers, media_type="text/plain")

    @staticmethod
    def _lfs_error(e: errors.HubError) -> Response:
        """git-lfs shows ``message``; huggingface_hub reads ``error`` and the X-Error headers."""
        headers = e.headers()
        if e.status == 401:
            headers["WWW-Authenticate"] = headers["LFS-Authenticate"] = REALM
        return JSONResponse({"message": e.message, **e.body()}, e.status, headers=headers, media_type=LFS_JSON)

    def access(self, request: Request, repo_type: str, repo_id: str, write: bool) -> tuple[RepoMeta, User | None]:
        user = self.hub.access.caller(request)  # Basic or Bearer on this surface; an unknown token is a 401
        try:
            meta: RepoMeta | None = self.hub.store.get(repo_type, repo_id)
        except errors.RepoNotFound:
            meta = None
        if meta is None or not self.hub.access.may_read(user, meta):
            if user is None:  # absent and private look the same; this is what makes git send credentials
                raise errors.Unauthorized("Authentication required: use your token as the password")
            raise errors.RepoNotFound("Repository not found")
        if write and user is None:
            raise errors.Unauthorized("Authentication required to push: use your token as the password")
        if write and not self.hub.access.may_write(user, meta.namespace):
            assert user is not None
            raise errors.Forbidden(f"You ({user.name}) do not have write access to {meta.repo_id}")
        return meta, user

    # ------------------------------------------------------------------------------------------- git
    async def git(self, request: Request, repo_type: str, repo_id: str, rest: list[str]) -> Response:
        if rest == ["info", "refs"]:
            service = request.query_params.get("service")
            if service not in SERVICES:
                raise errors.Forbidden("Only git's smart HTTP protocol is served (git 1.6.6 or newer)")
        else:
            service = rest[0]
        meta, user = self.access(request, repo_type, repo_id, write=service == "git-receive-pack")
        return await self._run_backend(request, meta, user, "/".join(rest))

    def _cgi_env(self, request: Request, meta: RepoMeta, user: User | None, tail: str) -> dict[str, str]:
        store = self.hub.store
        gitdir = store.git_dir(meta.repo_type, meta.repo_id)
        env = _base_env()
        config = {**GIT_CONFIG, "core.hooksPath": str(self.hooks_dir)}
        env["GIT_CONFIG_COUNT"] = str(len(config))
        for i, (key, value) in enumerate(config.items()):
            env[f"GIT_CONFIG_KEY_{i}"], env[f"GIT_CONFIG_VALUE_{i}"] = key, value
        env.update(
            {
                "GIT_PROJECT_ROOT": str(store.root),
                "GIT_HTTP_EXPORT_ALL": "1",
                "GIT_HTTP_MAX_REQUEST_BUFFER": "100M",
                "PATH_INFO": f"/{gitdir.relative_to(store.root).as_posix()}/{tail}",
                "REQUEST_METHOD": request.method,
                "QUERY_STRING": request.url.query,
                "CONTENT_TYPE": request.headers.get("content-type", ""),
                "REMOTE_ADDR": request.client.host if request.client else "127.0.0.1",
                ENV_REPO_TYPE: meta.repo_type,
                ENV_LFS_DIR: str(self.hub.lfs.root),
            }
        )
        if user is not None:
            env["REMOTE_USER"] = user.name
            env["GIT_COMMITTER_EMAIL"] = user.email or f"{user.name}@users.noreply.localhost"
        for header, var in (
            ("content-length", "CONTENT_LENGTH"),
            ("content-encoding", "HTTP_CONTENT_ENCODING"),
            ("git-protocol", "HTTP_GIT_PROTOCOL"),
        ):
            if header in request.headers:
                env[var] = request.headers[header]
        return env

    async def _run_backend(self, request: Request, meta: RepoMeta, user: User | None, tail: str) -> Response:
        env = self._cgi_env(request, meta, user, tail)
        proc = await asyncio.create_subprocess_exec(
            http_backend(),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        stdin, stdout, stderr = proc.stdin, proc.stdout, proc.stderr

        async def feed() -> None:
            try:
                if request.method == "POST":
                    async for chunk in request.stream():
                        if chunk:
                            stdin.write(chunk)
                            await stdin.drain()
            except (BrokenPipeError, ConnectionResetError, ClientDisconnect):
                pass  # git stopped reading (it answers on stdout) or the client went away
            finally:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    stdin.close()

        async def collect_stderr() -> bytes:
            out = b""
            while chunk := await stderr.read(CHUNK):
                out = (out + chunk)[-MAX_STDERR:]
            return out

        feeder = asyncio.create_task(feed())
        errs = asyncio.create_task(collect_stderr())

        async def finish() -> None:
            await proc.wait()
            if not feeder.done():  # git is done; what the client may still be sending is not needed
                feeder.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await feeder
            problem = (await errs).decode(errors="replace").strip()
            if proc.returncode:
                log.warning("git http-backend %s (exit %s): %s", tail, proc.returncode, problem)

        try:
            head = await stdout.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await finish()
            raise errors.HubError(f"git http-backend failed: {(await errs).decode(errors='replace')}") from None
        status, headers = 200, {}
        for line in head.decode("latin-1").split("\r\n"):
            key, sep, value = line.partition(":")
            if not sep:
                continue
            if key.strip().lower() == "status":
                status = int(value.split()[0])
            else:
                headers[key.strip()] = value.strip()

        async def body() -> AsyncIterator[bytes]:
            try:
                while chunk := await stdout.read(CHUNK):
                    yield chunk
                await finish()
            finally:
                if proc.returncode is None:
                    with contextlib.suppress(ProcessLookupError):
                        proc.kill()
                    await proc.wait()
                feeder.cancel()

        return _CgiResponse(body(), status_code=status, headers=headers)

    # ------------------------------------------------------------------------------------------- git-lfs
    async def lfs(self, request: Request, repo_type: str, repo_id: str, rest: list[str]) -> Response:
        if rest[:1] == ["locks"]:
            # As on servers without locking: git-lfs reads 501 as "not supported", sets lfs.<url>.locksverify
            # false in the clone and pushes without asking again (a 404 or 403 would print a warning each push).
            await read_body(request, self.hub.max_request_bytes)
            raise errors.HubError("File locking is not supported by the local Hub", status=501)
        if rest == ["objects", "batch"] and request.method == "POST":
            self.access(request, repo_type, repo_id, write=False)
            from .api import lfs as lfs_api  # (a module-level import would be circular: api -> hub -> here)

            return await lfs_api.batch(request)
        if len(rest) == 2 and rest[0] == "objects" and request.method in ("GET", "HEAD"):
            self.access(request, repo_type, repo_id, write=False)
            oid = rest[1]
            if not self.hub.lfs.exists(oid):
                raise errors.EntryNotFound(f"LFS object {oid} is not stored on this Hub")
            response = FileResponse(self.hub.lfs.path(oid), media_type="application/octet-stream")
            response.chunk_size = 1024 * 1024  # Starlette's 64 KiB chunks make a 90 MB download 3x slower
            return response
        raise errors.HubError(f"Not found: {request.method} {request.url.path}", status=404)
