"""Errors the local Hub reports, shaped the way the real clients parse them.

huggingface_hub (utils/_http.py: hf_raise_for_status) picks its exception class from the ``X-Error-Code``
header (RepoNotFound, RevisionNotFound, EntryNotFound), shows ``X-Error-Message``, and reads the JSON body
``{"error": ...}``. A 401 on ``/api/{type}s/...`` is read as RepoNotFound unless the message is exactly
``Invalid credentials in Authorization header``. Raising a ``HubError`` anywhere in the server and letting the
app turn it into a response keeps all of these rules in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

INVALID_CREDENTIALS = "Invalid credentials in Authorization header"


def _header_safe(text: str) -> str:
    """A header value cannot hold newlines or non-latin-1 characters: flatten and escape them."""
    flat = " ".join(text.split())
    return flat.encode("latin-1", "backslashreplace").decode("latin-1")


class HubError(Exception):
    """An error with an HTTP status, an optional X-Error-Code and a message for the learner.

    ``extra`` adds fields to the JSON body (e.g. create_repo's 409 must carry the repo ``url``).
    """

    status: int = 500
    code: str | None = None

    def __init__(
        self, message: str, *, status: int | None = None, code: str | None = None, extra: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code
        self.extra: dict[str, Any] = dict(extra or {})

    def headers(self) -> dict[str, str]:
        """The response headers hf_raise_for_status reads."""
        headers = {"X-Error-Message": _header_safe(self.message)}
        if self.code:
            headers["X-Error-Code"] = self.code
        return headers

    def body(self) -> dict[str, Any]:
        """The JSON body: ``{"error": message}`` plus any extra fields."""
        return {"error": self.message, **self.extra}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, code={self.code!r}, message={self.message!r})"


class BadRequest(HubError):
    status = 400


class Unauthorized(HubError):
    """A token that is not known. The default message is the exact text the clients recognise."""

    status = 401

    def __init__(self, message: str = INVALID_CREDENTIALS, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)


class Forbidden(HubError):
    status = 403


class RepoNotFound(HubError):
    status = 404
    code = "RepoNotFound"


class RevisionNotFound(HubError):
    status = 404
    code = "RevisionNotFound"


class EntryNotFound(HubError):
    status = 404
    code = "EntryNotFound"


class Conflict(HubError):
    status = 409


class RepoExists(Conflict):
    """create_repo on an existing repo: 409 with ``url`` in the body (``exist_ok=True`` reads it)."""

    def __init__(self, message: str, *, url: str | None = None, **kwargs: Any) -> None:
        extra = dict(kwargs.pop("extra", None) or {})
        if url is not None:
            extra["url"] = url
        super().__init__(message, extra=extra, **kwargs)


class MethodNotAllowed(HubError):
    """A URL the Hub has, asked with a method it does not answer there; ``Allow`` lists those it does."""

    status = 405

    def __init__(self, message: str, *, allow: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.allow = sorted(set(allow))

    def headers(self) -> dict[str, str]:
        headers = super().headers()
        if self.allow:
            headers["Allow"] = ", ".join(self.allow)
        return headers


class PreconditionFailed(HubError):
    status = 412


class PayloadTooLarge(HubError):
    status = 413


__all__ = [
    "INVALID_CREDENTIALS",
    "BadRequest",
    "Conflict",
    "EntryNotFound",
    "Forbidden",
    "HubError",
    "MethodNotAllowed",
    "PayloadTooLarge",
    "PreconditionFailed",
    "RepoExists",
    "RepoNotFound",
    "RevisionNotFound",
    "Unauthorized",
]
