"""``make lab``: start the local Hub on a free loopback port, then JupyterLab with the Hub's settings.

Kernels inherit the server's environment, so every notebook finds the Hub through HF_ENDPOINT and HF_TOKEN
without a setup cell. The Hub stops when JupyterLab stops.

The Hub keeps its repositories in ``~/.cache/dcai-labs/hub`` (``DCAI_HUB_DATA`` moves it), so what a learner
pushed survives restarts. To use the real Hugging Face Hub instead, run ``make lab HUB=off`` after
``hf auth login``: HF_ENDPOINT and HF_TOKEN are then left to you.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from .course import CourseError, course_root

DEFAULT_HUB_DATA = Path(os.environ.get("DCAI_HUB_DATA", "~/.cache/dcai-labs/hub")).expanduser()
SELF_STUDY_TOKEN = "hf_dcai_learner_token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hub_environment(endpoint: str, token: str) -> dict[str, str]:
    """What a kernel needs to talk to the local Hub with the unmodified clients (hub-protocol.md)."""
    return {
        "HF_ENDPOINT": endpoint,
        "HF_TOKEN": token,
        "HF_HUB_DISABLE_XET": "1",  # the clients' Xet upload path has no fallback to LFS
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_UPDATE_CHECK": "1",
        "HF_UPDATE_DOWNLOAD_COUNTS": "0",
        "DISABLE_SAFETENSORS_CONVERSION": "1",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }


def start_hub(data_dir: Path, port: int, roster: Path | None = None, timeout: float = 30.0) -> subprocess.Popen:
    """Start ``python -m dcai_labs.hub`` and wait until it accepts connections (or explain why it did not)."""
    cmd = [sys.executable, "-m", "dcai_labs.hub", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]
    if roster:
        cmd += ["--roster", str(roster)]
    proc = subprocess.Popen(cmd)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise CourseError(f"the local Hub did not start (exit {proc.returncode}); see the message above")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise CourseError(f"the local Hub did not answer on 127.0.0.1:{port} within {timeout:.0f} s")


def run_lab(jupyter_args: list[str], *, hub: bool = True, hub_data: Path = DEFAULT_HUB_DATA) -> int:
    """Run JupyterLab (args as given) with the local Hub beside it; returns JupyterLab's exit code."""
    env = dict(os.environ)
    hub_proc = None
    if hub:
        port = free_port()
        hub_proc = start_hub(hub_data, port)
        env.update(hub_environment(f"http://127.0.0.1:{port}", env.get("DCAI_HUB_TOKEN", SELF_STUDY_TOKEN)))
        print(f"local Hub: http://127.0.0.1:{port} (data in {hub_data})", flush=True)
    try:
        return subprocess.call([sys.executable, "-m", "jupyterlab", *jupyter_args], cwd=course_root(), env=env)
    finally:
        if hub_proc is not None:
            hub_proc.terminate()
            hub_proc.wait(timeout=30)
