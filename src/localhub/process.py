"""Run the Hub as a child process, and the environment that points the real clients at it.

The one way to start a Hub from Python: ``HubProcess`` (a Hub on a data folder, e.g. beside JupyterLab, or one a
test restarts on the same folder) and ``ThrowawayHub`` (a fresh Hub in a temporary folder with given users,
deleted on exit, e.g. one per graded submission). The clients need nothing but environment variables
(``hub_environment``), which is why code written for huggingface.co runs unchanged against a local Hub.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import yaml

from .auth import DEFAULT_NAME, DEFAULT_TOKEN

LOOPBACK = "127.0.0.1"
#: The self-study learner of a Hub started without a roster (defined in :mod:`localhub.auth`).
DEFAULT_USER = DEFAULT_NAME
DEFAULT_USER_TOKEN = DEFAULT_TOKEN
#: Variables that point a client at some Hub or forbid it to use one (see :func:`without_hub_settings`).
HUB_SETTINGS = (
    "HF_ENDPOINT",
    "HF_TOKEN",
    "HF_HOME",
    "HF_HUB_OFFLINE",
    "HF_HUB_CACHE",
    "HF_DATASETS_OFFLINE",
    "TRANSFORMERS_OFFLINE",
)


class HubStartError(RuntimeError):
    """The Hub process exited or did not answer; the message says which and what it printed."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def hub_environment(endpoint: str, token: str) -> dict[str, str]:
    """What a process needs to talk to a local Hub with the unmodified clients."""
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


def without_hub_settings(env: Mapping[str, str], also: Sequence[str] = ()) -> dict[str, str]:
    """``env`` minus the settings that would point a child at another Hub (and the names in ``also``)."""
    drop = {*HUB_SETTINGS, *also}
    return {k: v for k, v in env.items() if k not in drop}


@dataclass
class HubProcess:
    """``python -m localhub serve`` on 127.0.0.1, started and stopped from Python.

    ``port=0`` picks a free port at start. Output goes to ``log`` (else to this process's terminal). Stopping
    keeps the data folder, so a Hub can be restarted on it.
    """

    data_dir: Path
    roster: Path | None = None
    port: int = 0
    extra_args: Sequence[str] = ()
    log: Path | None = None
    timeout: float = 30.0
    proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def command(self) -> list[str]:
        cmd = [sys.executable, "-m", "localhub", "serve", "--host", LOOPBACK, "--port", str(self.port)]
        cmd += ["--data-dir", str(self.data_dir)]
        if self.roster is not None:
            cmd += ["--roster", str(self.roster)]
        return cmd + list(self.extra_args)

    def start(self) -> HubProcess:
        """Start the Hub and wait until it accepts connections; HubStartError with the reason otherwise."""
        self.port = self.port or free_port()
        out = self.log.open("w") if self.log else None
        try:
            self.proc = subprocess.Popen(self.command(), stdout=out, stderr=subprocess.STDOUT if out else None)
        finally:
            if out:
                out.close()  # the child holds its own descriptor
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HubStartError(f"the local Hub did not start (exit {self.proc.returncode}){self._log_tail()}")
            try:
                socket.create_connection((LOOPBACK, self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise HubStartError(
            f"the local Hub did not answer on {LOOPBACK}:{self.port} within {self.timeout:.0f} s{self._log_tail()}"
        )

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the Hub (it finishes in-flight requests), killing it if it does not stop in time."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _log_tail(self) -> str:
        if self.log is None or not self.log.is_file():
            return ""
        return "\n" + "\n".join(self.log.read_text().strip().splitlines()[-5:])

    def __enter__(self) -> HubProcess:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def throwaway_token(user: str) -> str:
    """The token of ``user`` on a throw-away Hub (such a Hub is private to one run and deleted after it)."""
    return f"hf_{user}_throwaway_token"


@dataclass
class ThrowawayHub:
    """A fresh Hub in a temporary folder with the given users, stopped and deleted on exit.

    Grading uses one per submission: the notebook's pushes land in that learner's namespace, with that learner's
    token, and nothing from another learner or an earlier run is there. ``env(user)`` is what a process acting
    as ``user`` needs, including a private HF_HOME so that no download cache is shared between runs.
    """

    users: Sequence[str]
    timeout: float = 30.0
    extra_args: Sequence[str] = ()
    root: Path | None = None
    hub: HubProcess | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        assert self.hub is not None, "start() the Hub first"
        return self.hub.url

    def start(self) -> ThrowawayHub:
        self.root = Path(tempfile.mkdtemp(prefix="localhub-"))
        roster = self.root / "roster.yaml"
        roster.write_text(yaml.safe_dump({"users": [{"name": u, "token": throwaway_token(u)} for u in self.users]}))
        try:
            self.hub = HubProcess(
                self.root / "data",
                roster,
                extra_args=["--ephemeral", *self.extra_args],  # its folder is deleted on stop: no fsync
                log=self.root / "hub.log",
                timeout=self.timeout,
            ).start()
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None
            raise
        return self

    def env(self, user: str) -> dict[str, str]:
        """Environment variables for a process acting as ``user`` on this Hub."""
        assert self.root is not None, "start() the Hub first"
        return {**hub_environment(self.url, throwaway_token(user)), "HF_HOME": str(self.root / "hf_home" / user)}

    def stop(self) -> None:
        if self.hub is not None:
            self.hub.stop()
            self.hub = None
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    def __enter__(self) -> ThrowawayHub:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


__all__ = [
    "DEFAULT_USER",
    "DEFAULT_USER_TOKEN",
    "HUB_SETTINGS",
    "HubProcess",
    "HubStartError",
    "ThrowawayHub",
    "free_port",
    "hub_environment",
    "throwaway_token",
    "without_hub_settings",
]
