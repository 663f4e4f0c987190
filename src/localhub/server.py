"""Run the Hub with uvicorn on 127.0.0.1 (``localhub serve``; the course's ``dcai hub serve``).

Problems the operator can fix (port taken, data folder not writable, bad roster) are raised as
:class:`ServeError` with one clear line that names the fix; the CLI prints it and exits with status 2.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
import tempfile
import threading
from pathlib import Path

from .auth import Authenticator, RosterError


class ServeError(Exception):
    """The Hub cannot start for a reason the operator can fix; the message says which and how."""


def check_data_dir(data_dir: Path) -> Path:
    """Create the data folder if needed and prove it is writable; ServeError otherwise."""
    data_dir = Path(data_dir).expanduser()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=data_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        raise ServeError(
            f"the Hub data folder {data_dir} is not writable ({e.strerror or e}); pick another with --data-dir"
        ) from None
    return data_dir.resolve()


def bind_socket(host: str, port: int) -> socket.socket:
    """Bind the listening socket ourselves, so a taken port is one clear line and port 0 picks a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        if e.errno in (errno.EADDRINUSE, errno.EACCES):
            raise ServeError(f"port {port} on {host} is taken; pick another with --port") from None
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def load_auth(roster: Path | None) -> Authenticator:
    if roster is None:
        return Authenticator.default()
    try:
        return Authenticator.from_roster(Path(roster).expanduser())
    except RosterError as e:
        raise ServeError(str(e)) from None


def serve(
    data_dir: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    roster: Path | None = None,
    *,
    max_request_bytes: int | None = None,
    log_level: str = "warning",
    preload_inference: bool = False,
    ephemeral: bool = False,
) -> None:
    """Serve until interrupted. Prints the endpoint URL (``HF_ENDPOINT=...``) once listening.

    ``preload_inference`` imports the Inference API's model stack in a background thread while serving.
    ``ephemeral`` says the data folder is deleted when the server stops: uploads are not synced to disk.
    """
    import uvicorn

    from .app import DEFAULT_MAX_REQUEST_BYTES, create_app

    data_dir = check_data_dir(Path(data_dir))
    auth = load_auth(roster)
    app = create_app(
        data_dir, auth, max_request_bytes=max_request_bytes or DEFAULT_MAX_REQUEST_BYTES, durable=not ephemeral
    )
    sock = bind_socket(host, port)
    actual_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{actual_port}"
    print(f"Local Hub serving {data_dir} at {url}", flush=True)
    print(f"  export HF_ENDPOINT={url} HF_HUB_DISABLE_XET=1 NO_PROXY=127.0.0.1,localhost", flush=True)
    if auth.users and auth.users[0].is_default:
        print(f"  self-study learner: {auth.users[0].name} (HF_TOKEN={auth.users[0].token})", flush=True)
    if preload_inference:
        from .inference import preload

        threading.Thread(target=preload, name="preload-inference", daemon=True).start()
    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off", timeout_keep_alive=30)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    sys.stdout.flush()
