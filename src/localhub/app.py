"""The local Hub as an ASGI application: the route table (routes.py) over one shared Hub (hub.py).

Layers, outermost first: RawPathRouting (route on the path as sent, web.py), Starlette's exception handling
(errors become responses in routes.error_response), the router, then a handler of api/, pages/, git_http.py
or inference.py.
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware

from .auth import Authenticator
from .hub import DEFAULT_MAX_LFS_BYTES, DEFAULT_MAX_REQUEST_BYTES, Hub
from .routes import EXCEPTION_HANDLERS, route_table
from .web import RawPathRouting

__all__ = ["DEFAULT_MAX_LFS_BYTES", "DEFAULT_MAX_REQUEST_BYTES", "create_app"]


def create_app(
    data_dir: Path,
    auth: Authenticator,
    *,
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    max_lfs_bytes: int = DEFAULT_MAX_LFS_BYTES,
    durable: bool = True,
) -> Starlette:
    """The Hub as an ASGI app. ``durable=False`` for a Hub whose data folder is thrown away (see LfsStore)."""
    hub = Hub(Path(data_dir), auth, max_request_bytes, max_lfs_bytes, durable)
    app = Starlette(
        routes=route_table(),
        middleware=[Middleware(RawPathRouting)],
        exception_handlers=EXCEPTION_HANDLERS,
    )
    app.state.hub = hub
    return app
