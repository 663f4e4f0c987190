"""The access policy, in one place: who is calling, and may they read, write or propose changes here.

The caller is resolved once per request (and cached on its scope) from the credentials its surface accepts
(web.py): a Bearer token everywhere; on git's routes also Basic credentials with the token as password (what
git and git-lfs send); on the pages also the session cookie set by signing in (sessions.py). An unknown token
is a 401 wherever it is sent, so a wrong HF_TOKEN shows up as itself rather than as a missing repo.

The rules (as on huggingface.co, without gating):
- read: public repos, everyone; private repos, whoever may write to the namespace;
- write: one's own namespace and one's organisations';
- contribute: anyone signed in who can read may open a pull request, and push to refs/pr/N of an open one
  they opened.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from starlette.requests import Request

from . import discussions, errors
from .auth import Authenticator, User
from .sessions import COOKIE, SessionStore
from .storage import RepoMeta, RepoStore
from .web import SURFACE

CALLER = "localhub.caller"  # request.scope key holding the resolved caller (a 1-tuple: None is a valid caller)


class Access:
    """Answers "who is this" and "may they" for one Hub; handlers ask it instead of checking rules themselves."""

    def __init__(self, auth: Authenticator, store: RepoStore, sessions: SessionStore) -> None:
        self.auth = auth
        self.store = store
        self.sessions = sessions

    # -- who
    def caller(self, request: Request) -> User | None:
        """The signed-in user or None (anonymous); raises Unauthorized for a token that is not known."""
        cached = request.scope.get(CALLER)
        if cached is None:
            cached = request.scope[CALLER] = (self._resolve(request),)
        return cached[0]

    def _resolve(self, request: Request) -> User | None:
        where = request.scope.get(SURFACE, "api")
        header = request.headers.get("authorization")
        if header or where != "page":
            return self.auth.user_for(header, basic=where == "git")
        session = self.sessions.get(request.cookies.get(COOKIE, ""))
        return self.auth.get(session.user) if session else None

    def signed_in(self, request: Request, doing: str = "write to the Hub") -> User:
        """The caller, who must be signed in to do ``doing``."""
        user = self.caller(request)
        if user is None:
            raise errors.Unauthorized(f"You must be authenticated (send a token) to {doing}")
        return user

    # -- may they
    def may_read(self, user: User | None, meta: RepoMeta) -> bool:
        return self.auth.can_read(user, meta.namespace, meta.private)

    def may_write(self, user: User | None, namespace: str) -> bool:
        return self.auth.can_write(user, namespace)

    def check_write(self, user: User | None, namespace: str) -> User:
        if user is None:
            raise errors.Unauthorized("You must be authenticated (send a token) to write to the Hub")
        if not self.may_write(user, namespace):
            raise errors.Forbidden(f"You ({user.name}) do not have write access to the namespace {namespace!r}")
        return user

    def readable(self, request: Request, repo_type: str, repo_id: str) -> RepoMeta:
        """The repo, or RepoNotFound when it is absent or private to others (the two look the same)."""
        meta = self.store.get(repo_type, repo_id)
        if not self.may_read(self.caller(request), meta):
            raise errors.RepoNotFound(f"Repository {repo_id} not found")
        return meta

    def writable(self, request: Request, repo_type: str, repo_id: str) -> RepoMeta:
        meta = self.readable(request, repo_type, repo_id)
        self.check_write(self.caller(request), meta.namespace)
        return meta

    def contributable(
        self, request: Request, repo_type: str, repo_id: str, revision: str | None = None, create_pr: bool = False
    ) -> RepoMeta:
        """Write access, or what anyone signed in who can read the repo may do without it: open a pull request
        (``create_pr``) and add commits to ``refs/pr/N`` of an open one they opened."""
        user = self.caller(request)
        meta = self.readable(request, repo_type, repo_id)
        contributor = user is not None and not self.may_write(user, meta.namespace)
        if contributor and (create_pr or self.opened_by(user, repo_type, meta.repo_id, revision)):  # type: ignore[arg-type]
            return meta
        self.check_write(user, meta.namespace)
        return meta

    def opened_by(self, user: User, repo_type: str, repo_id: str, revision: str | None) -> bool:
        """Whether ``revision`` is refs/pr/N of a pull request ``user`` opened that is still open."""
        match = re.fullmatch(r"refs/pr/(\d+)", unquote(revision or ""))
        if not match:
            return False
        try:
            record = self.store.discussion(repo_type, repo_id, int(match.group(1)))
        except errors.HubError:
            return False
        return record["is_pull_request"] and record["author"] == user.name and record["status"] in discussions.ACTIVE

    def may_change_discussion(self, user: User, meta: RepoMeta, record: dict, what: str) -> bool:
        """comment: any reader; title and status: the author or a writer; merge: a writer."""
        return (
            what == "comment"
            or (what != "merge" and user.name == record["author"])
            or self.may_write(user, meta.namespace)
        )
