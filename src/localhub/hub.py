"""The state one running Hub shares across requests: its stores, its access policy and its limits.

Handlers reach it as ``hub_of(request)`` (it is ``app.state.hub``); they hold no state of their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request

from . import errors, git_http, views
from .access import Access
from .auth import Authenticator
from .lfs import LfsStore
from .sessions import SessionStore
from .storage import RepoMeta, RepoStore

DEFAULT_MAX_REQUEST_BYTES = 256 * 1024 * 1024  # JSON / NDJSON bodies (regular files travel base64 inside)
DEFAULT_MAX_LFS_BYTES = 50 * 1024 * 1024 * 1024  # one LFS object PUT


class Hub:
    def __init__(
        self,
        data_dir: Path,
        auth: Authenticator,
        max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
        max_lfs_bytes: int = DEFAULT_MAX_LFS_BYTES,
        durable: bool = True,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.store = RepoStore(self.data_dir / "repos")
        self.lfs = LfsStore(self.data_dir / "lfs", durable=durable)
        self.auth = auth
        self.sessions = SessionStore()
        self.access = Access(auth, self.store, self.sessions)
        self.max_request_bytes = max_request_bytes
        self.max_lfs_bytes = max_lfs_bytes
        self.git = git_http.GitHttp(self)
        self._inference_engine: Any = None

    def view(self, meta: RepoMeta, revision: str) -> views.RepoView:
        return views.view(self.store, meta, revision)

    def lfs_patterns(self, repo_type: str, repo_id: str, sha: str) -> list[str]:
        """The patterns .gitattributes sends to LFS at ``sha`` (what preupload must answer "lfs" for)."""
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


def hub_of(request: Request) -> Hub:
    return request.app.state.hub
