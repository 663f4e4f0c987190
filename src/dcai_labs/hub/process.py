"""Run the local Hub as a child process, and the environment that points the real clients at it.

One way to start a Hub for everything the course runs: ``make lab`` (a long-lived Hub beside JupyterLab),
autograding (a fresh, throw-away Hub per student, so a learner's pushes are graded alone and with their own
token) and the tests. The clients need nothing but environment variables (``hub_environment``), which is why
the labs work unchanged against the real Hub when those variables are not set.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import yaml

#: Set (to the Hub's URL) for a process that already runs against a grading Hub, so that nbgrader's execute
#: step (dcai_labs.grading.hub_execute) does not start a second one.
GRADING_HUB_VARIABLE = "DCAI_GRADING_HUB"
SELF_STUDY_USER = "learner"
SELF_STUDY_TOKEN = "hf_dcai_learner_token"


class HubStartError(RuntimeError):
    """The Hub process exited or did not answer; the message says which and what it printed."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hub_environment(endpoint: str, token: str) -> dict[str, str]:
    """What a process needs to talk to the local Hub with the unmodified clients (hub-protocol.md)."""
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


def start_hub(data_dir: Path, port: int, roster: Path | None = None, *, log: Path | None = None,
              timeout: float = 30.0) -> subprocess.Popen:
    """Start ``python -m dcai_labs.hub`` on 127.0.0.1:``port`` and wait until it accepts connections.

    Output goes to ``log`` (else to this process's terminal). Raises HubStartError with the reason and, when
    there is a log, its tail.
    """
    cmd = [sys.executable, "-m", "dcai_labs.hub", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)]
    if roster:
        cmd += ["--roster", str(roster)]
    out = log.open("w") if log else None
    try:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT if out else None)
    finally:
        if out:
            out.close()  # the child holds its own descriptor

    def tail() -> str:
        return ("\n" + "\n".join(log.read_text().strip().splitlines()[-5:])) if log and log.is_file() else ""

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise HubStartError(f"the local Hub did not start (exit {proc.returncode}){tail()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return proc
        except OSError:
            time.sleep(0.1)
    stop_hub(proc)
    raise HubStartError(f"the local Hub did not answer on 127.0.0.1:{port} within {timeout:.0f} s{tail()}")


def stop_hub(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """Terminate the Hub (it finishes in-flight requests), killing it if it does not stop in time."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def user_token(user: str) -> str:
    """The token of ``user`` on a throw-away grading Hub (the Hub is private to one grading run)."""
    return f"hf_dcai_{user}_grading_token"


@dataclass
class ThrowawayHub:
    """A fresh Hub in a temporary folder with the given users, stopped and deleted on exit.

    Autograding uses one per student: the notebook's pushes land in that student's namespace, with that
    student's token, and nothing from another student or an earlier run is there. ``env(user)`` is what the
    notebook's kernel needs, including a private HF_HOME so no download cache is shared between runs.
    """

    users: list[str]
    timeout: float = 30.0
    root: Path | None = None
    port: int = 0
    proc: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ThrowawayHub":
        self.root = Path(tempfile.mkdtemp(prefix="dcai-hub-"))
        roster = self.root / "roster.yaml"
        roster.write_text(yaml.safe_dump({"users": [{"name": u, "token": user_token(u)} for u in self.users]}))
        self.port = free_port()
        try:
            self.proc = start_hub(self.root / "data", self.port, roster, log=self.root / "hub.log", timeout=self.timeout)
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise
        return self

    def env(self, user: str) -> dict[str, str]:
        """Environment variables for a process acting as ``user`` on this Hub."""
        assert self.root is not None, "start() the Hub first"
        return {**hub_environment(self.url, user_token(user)), "HF_HOME": str(self.root / "hf_home" / user)}

    def stop(self) -> None:
        if self.proc is not None:
            stop_hub(self.proc)
            self.proc = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> "ThrowawayHub":
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def without_hub_settings(env: dict[str, str]) -> dict[str, str]:
    """``env`` minus settings that would point a child at another Hub or forbid it to use one."""
    drop = {"HF_ENDPOINT", "HF_TOKEN", "HF_HOME", "HF_HUB_OFFLINE", "HF_HUB_CACHE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE",
            GRADING_HUB_VARIABLE}
    return {k: v for k, v in env.items() if k not in drop}


__all__ = ["GRADING_HUB_VARIABLE", "HubStartError", "ThrowawayHub", "free_port", "hub_environment", "start_hub", "stop_hub", "user_token",
           "without_hub_settings", "SELF_STUDY_USER", "SELF_STUDY_TOKEN"]
