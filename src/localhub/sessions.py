"""Browser sessions: signing in to the pages with an access token, as on huggingface.co's token login.

A session is a random id in an HttpOnly, SameSite=Strict cookie, mapped here to a user name and a CSRF token
that every form on the pages carries. Sessions live in the server's memory: a restart signs everyone out,
which is what a Hub on a laptop or a grading machine wants (nothing to leak on disk). Sessions expire after
``TTL`` seconds.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass

COOKIE = "localhub_session"
TTL = 12 * 3600


@dataclass(frozen=True)
class Session:
    user: str
    csrf: str
    expires: float


class SessionStore:
    def __init__(self, ttl: float = TTL) -> None:
        self.ttl = ttl
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def create(self, user: str) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        session = Session(user, secrets.token_urlsafe(24), time.time() + self.ttl)
        with self._lock:
            now = time.time()
            self._sessions = {k: s for k, s in self._sessions.items() if s.expires > now}
            self._sessions[sid] = session
        return sid, session

    def get(self, sid: str) -> Session | None:
        if not sid:
            return None
        with self._lock:
            session = self._sessions.get(sid)
        if session is None or session.expires <= time.time():
            return None
        return session

    def drop(self, sid: str) -> None:
        with self._lock:
            self._sessions.pop(sid, None)

    @staticmethod
    def csrf_ok(session: Session | None, token: str) -> bool:
        return session is not None and bool(token) and hmac.compare_digest(session.csrf, token)
