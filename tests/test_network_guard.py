"""The offline guarantee holds: nothing in the suite (test process, subprocesses, Jupyter kernels) leaves loopback.

192.0.2.1 is TEST-NET-1 (RFC 5737): never routed, and never even attempted here because the guard refuses first.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

BLOCKED_IP, BLOCKED_PORT = "192.0.2.1", 9
GUARD_MESSAGE = "blocked by the test network guard"

# Runs in a child process or kernel: prints one line per attempt, "<what>: OK" or "<what>: <error>".
PROBE = textwrap.dedent(
    """
    import socket, sys

    def attempt(what, action):
        try:
            action()
            print(f"{what}: OK")
        except OSError as exc:
            print(f"{what}: {type(exc).__name__}: {exc}")

    def talk(port):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"ping")
            assert s.recv(4) == b"pong"

    attempt("external", lambda: socket.create_connection(("192.0.2.1", 9), timeout=10))
    attempt("dns", lambda: socket.getaddrinfo("example.com", 443))
    attempt("loopback", lambda: talk(PORT))
    """
)


@pytest.fixture
def echo_server() -> Iterator[int]:
    """A one-connection-at-a-time loopback server answering b"ping" with b"pong"; yields its port."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                if conn.recv(4) == b"ping":
                    conn.sendall(b"pong")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    server.close()


def _probe(port: int) -> str:
    return PROBE.replace("PORT", str(port))


def _assert_probe_output(out: str) -> None:
    lines = dict(line.split(": ", 1) for line in out.strip().splitlines() if ": " in line)
    assert GUARD_MESSAGE in lines["external"] and f"{BLOCKED_IP!r} port {BLOCKED_PORT}" in lines["external"], out
    assert GUARD_MESSAGE in lines["dns"] and "example.com" in lines["dns"], out
    assert lines["loopback"] == "OK", out


# ----------------------------------------------------------------------------------------------- test process


def test_connect_outside_loopback_is_refused_with_the_address() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        with pytest.raises(PermissionError, match=rf"{GUARD_MESSAGE}.*'192\.0\.2\.1' port 9"):
            s.connect((BLOCKED_IP, BLOCKED_PORT))
        with pytest.raises(OSError, match=GUARD_MESSAGE):
            s.connect_ex((BLOCKED_IP, BLOCKED_PORT))
    with pytest.raises(OSError, match=GUARD_MESSAGE):
        socket.create_connection((BLOCKED_IP, BLOCKED_PORT), timeout=5)


def test_name_lookups_and_udp_outside_loopback_are_refused() -> None:
    with pytest.raises(socket.gaierror, match=rf"{GUARD_MESSAGE}.*'example\.com'"):
        socket.getaddrinfo("example.com", 443)
    with pytest.raises(socket.gaierror, match=GUARD_MESSAGE):
        socket.gethostbyname("huggingface.co")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s, pytest.raises(OSError, match=GUARD_MESSAGE):
        s.sendto(b"x", (BLOCKED_IP, 53))
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s, pytest.raises(OSError, match="2001:db8::1"):
        s.connect(("2001:db8::1", 9))


def test_loopback_and_unix_sockets_work(echo_server: int, tmp_path: Path) -> None:
    with socket.create_connection(("127.0.0.1", echo_server), timeout=10) as s:
        s.sendall(b"ping")
        assert s.recv(4) == b"pong"
    with socket.create_connection(("localhost", echo_server), timeout=10) as s:  # a name, resolved locally
        s.sendall(b"ping")
        assert s.recv(4) == b"pong"
    assert socket.getaddrinfo("localhost", 80) and socket.getaddrinfo(None, 80, flags=socket.AI_PASSIVE)
    path = str(tmp_path / "sock")
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(path)
        server.listen()
        client.connect(path)


def test_session_environment_is_set() -> None:
    assert os.environ["PYTHONPATH"].split(os.pathsep)[0].endswith(os.path.join("tests", "netguard"))
    for name, value in {
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "MPLBACKEND": "Agg",
        "PYTHONHASHSEED": "0",
    }.items():
        assert os.environ[name] == value


# ----------------------------------------------------------------------------------------------- children


def test_subprocesses_inherit_the_guard(echo_server: int) -> None:
    proc = subprocess.run([sys.executable, "-c", _probe(echo_server)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    _assert_probe_output(proc.stdout)


@pytest.mark.slow
def test_jupyter_kernels_inherit_the_guard(echo_server: int, tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_probe(echo_server))])
    NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    out = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.get("name") == "stdout")
    _assert_probe_output(out)
