"""The sandbox every grading run of learner code executes in: bubblewrap, as an unprivileged user, with limits.

A learner's notebook is untrusted input. Graded as it is by stock nbgrader, its kernel runs as the instructor
in the course checkout: it can read source/ (solutions, hidden tests) and classmates' submissions, write the
gradebook and the course config, plant files that later runs copy, leave processes behind, and use all the
machine's memory. Here the kernel runs inside `bubblewrap <https://github.com/containers/bubblewrap>`_
(Debian's ``bubblewrap`` package), started through ``setpriv`` as the unprivileged user ``nobody``:

- its file system is a fresh tmpfs holding only the system's programs and libraries, the course's Python
  environment and installed packages (all read-only), its own working copy (the lab's data files, never the
  submission's other files), a private ``/tmp`` and a private ``$HOME``; nothing else of the machine (no
  source/, no gradebook, no config, no other submission, no instructor home) exists in it;
- it has its own network namespace (no network at all: loopback only, and only its own); a lab that needs the
  grading Hub reaches it through a relay (:mod:`dcai_labs.grading.relay`) on a Unix socket, not through the
  machine's network;
- its own PID namespace and session, so that every process it starts, daemons included, dies with it;
- resource limits (:class:`Limits`): address space, processes, file size, CPU time, size of its /tmp.

The kernel talks to nbgrader over ZeroMQ *Unix sockets* in a runtime folder shared with the sandbox (TCP
would need the machine's network). See docs/grading-security.md for the threat model.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..course import CourseError

#: The identity learner code runs as (``nobody``/``nogroup`` on Debian).
SANDBOX_UID = 65534
SANDBOX_GID = 65534
#: Where the working copy appears inside the sandbox, and the private home.
SANDBOX_WORKDIR = "/home/learner/lab"
SANDBOX_HOME = "/home/learner"
#: Environment variables a graded kernel may see; everything else of the grader's environment is dropped
#: (an instructor's shell can hold tokens and paths a learner's code must not read).
PASSED_VARIABLES = (
    "PATH",
    "LANG",
    "LC_ALL",
    "TZ",
    "TERM",
    "PYTHONHASHSEED",
    "NBGRADER_EXECUTION",
    "TOKENIZERS_PARALLELISM",
    "OMP_NUM_THREADS",
    "MKL_NUM_THREADS",
    "HF_HUB_DISABLE_TELEMETRY",
)
PASSED_PREFIXES = ("HF_", "JPY_")
#: The switch an instructor sets (or ``--unsafe``) to grade without a sandbox where none can be made.
UNSAFE_VARIABLE = "DCAI_UNSAFE_GRADING"

GIB = 1024**3


class SandboxUnavailable(CourseError):
    """No sandbox can be made here; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    """Per-notebook resource limits of a graded kernel (``setrlimit`` through ``prlimit``, and tmpfs sizes).

    The address-space limit counts virtual memory, which is larger than what is resident: the course's labs
    (torch, transformers, a Hub client) peak near 3 GiB of it; 8 GiB stops a runaway allocation long before the
    machine (24 GiB) suffers.
    """

    address_space_bytes: int = 8 * GIB
    processes: int = 512
    file_bytes: int = 2 * GIB
    cpu_seconds: int = 900
    tmp_bytes: int = 3 * GIB


def unsafe_requested(env: Mapping[str, str] | None = None) -> bool:
    return (env if env is not None else os.environ).get(UNSAFE_VARIABLE, "") not in ("", "0", "false", "no")


@functools.cache
def unavailable_reason() -> str | None:
    """Why no sandbox can be made on this machine, or None if one can (checked once, by making one)."""
    for tool, package in (("bwrap", "bubblewrap"), ("setpriv", "util-linux"), ("prlimit", "util-linux")):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install {package})"
    probe = Sandbox(workdir=None, runtime=None).command(["/bin/true"])
    try:
        done = subprocess.run(probe, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap could not start: {exc}"
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        return (
            f"bubblewrap could not make a sandbox ({detail[-1] if detail else f'exit {done.returncode}'}); "
            "unprivileged user namespaces must be enabled (sysctl kernel.unprivileged_userns_clone=1)"
        )
    return None


def require_sandbox(purpose: str = "grading") -> bool:
    """True if learner code is to be sandboxed; False only when none can be made *and* the instructor said
    ``--unsafe``; otherwise SandboxUnavailable, naming the reason and both ways on."""
    reason = unavailable_reason()
    if reason is None:
        return True
    if unsafe_requested():
        print(
            f"WARNING: {purpose} runs learner code WITHOUT a sandbox ({reason}); "
            "its grades are not protected from the code they grade",
            file=sys.stderr,
        )
        return False
    raise SandboxUnavailable(
        f"{purpose} needs a sandbox for learner code, and none can be made here: {reason}. "
        f"Install it, or grade at your own risk with --unsafe (or {UNSAFE_VARIABLE}=1)"
    )


def _read_only_roots() -> list[Path]:
    """What of the machine a kernel needs, read-only: system files, Python, the course's environment and packages."""
    roots = [Path(p) for p in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")]
    roots += [Path(sys.base_prefix), Path(sys.prefix), Path(sysconfig.get_paths()["purelib"])]
    import dcai_labs
    import localhub

    for package in (dcai_labs, localhub):  # an editable install runs them from the checkout's src/
        roots.append(Path(str(package.__file__)).resolve().parent)
    seen: list[Path] = []
    for root in roots:
        if root.exists() and not any(root == s or s in root.parents for s in seen):
            seen.append(root)
    return seen


def sandbox_environment(env: Mapping[str, str]) -> dict[str, str]:
    """The part of ``env`` a graded kernel may see, with its home, temp and caches inside the sandbox."""
    kept = {k: v for k, v in env.items() if k in PASSED_VARIABLES or k.startswith(PASSED_PREFIXES)}
    kept.update(
        {
            "HOME": SANDBOX_HOME,
            "TMPDIR": "/tmp",
            "MPLCONFIGDIR": "/tmp/matplotlib",
            "MPLBACKEND": "agg",
            "DCAI_CACHE_DIR": "/tmp/dcai-cache",
            "HF_HOME": "/tmp/hf_home",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    kept.setdefault("PATH", "/usr/bin:/bin")
    kept["PATH"] = f"{Path(sys.executable).parent}:{kept['PATH']}"
    return kept


@dataclass
class Sandbox:
    """How one notebook's kernel is run: ``command(argv)`` wraps a kernel's command line.

    ``workdir`` (the working copy, writable) appears as SANDBOX_WORKDIR; ``runtime`` (connection file, ZeroMQ
    sockets, the Hub relay's socket) at its own path, writable. Both must be writable by SANDBOX_UID.
    """

    workdir: Path | None
    runtime: Path | None
    limits: Limits = Limits()
    env: Mapping[str, str] | None = None

    def command(self, argv: Sequence[str]) -> list[str]:
        lim = self.limits
        cmd = [
            "prlimit",
            f"--as={lim.address_space_bytes}",
            f"--nproc={lim.processes}",
            f"--fsize={lim.file_bytes}",
            f"--cpu={lim.cpu_seconds}",
            "--core=0",
            "--",
            "bwrap",
            "--die-with-parent",
            "--new-session",
        ]
        if os.geteuid() == 0:
            # A grader running as root makes the namespaces itself; inside, setpriv (below) becomes nobody for
            # real, without capabilities, so that the process limit counts and no root-only file is readable.
            cmd += [
                "--unshare-ipc",
                "--unshare-pid",
                "--unshare-net",
                "--unshare-uts",
                "--unshare-cgroup-try",
                "--cap-add",
                "CAP_SETUID",
                "--cap-add",
                "CAP_SETGID",
            ]
        else:  # anyone else: an unprivileged user namespace, in which the kernel is nobody
            cmd += ["--unshare-all", "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_GID)]
        cmd += [
            "--proc",
            "/proc",
            "--dev",
            "/dev",
            # mode 1777: writable by the sandbox's user, whom bwrap's own root cannot give a folder
            "--perms",
            "1777",
            "--size",
            str(lim.tmp_bytes),
            "--tmpfs",
            "/tmp",
            "--perms",
            "1777",
            "--size",
            str(256 * 1024**2),
            "--tmpfs",
            "/dev/shm",
            "--perms",
            "0755",
            "--dir",
            "/home",
            "--perms",
            "1777",
            "--size",
            str(256 * 1024**2),
            "--tmpfs",
            SANDBOX_HOME,
        ]
        roots = _read_only_roots()
        mounted = [*roots, *([self.runtime] if self.runtime is not None else [])]
        parents = sorted(
            {p for root in mounted for p in root.parents if p not in (Path("/"), Path("/tmp"))},
            key=lambda p: len(p.parts),
        )
        for parent in parents:  # traversable by nobody (bwrap would make them root-only)
            cmd += ["--perms", "0755", "--dir", str(parent)]
        for root in roots:
            cmd += ["--ro-bind", str(root), str(root)]
        if self.workdir is not None:
            cmd += ["--bind", str(self.workdir), SANDBOX_WORKDIR, "--chdir", SANDBOX_WORKDIR]
        if self.runtime is not None:
            cmd += ["--bind", str(self.runtime), str(self.runtime)]
        cmd += ["--clearenv"]
        for key, value in sandbox_environment(self.env if self.env is not None else os.environ).items():
            cmd += ["--setenv", key, value]
        cmd += ["--"]
        if os.geteuid() == 0:
            cmd += [
                "setpriv",
                f"--reuid={SANDBOX_UID}",
                f"--regid={SANDBOX_GID}",
                "--clear-groups",
                "--inh-caps=-all",
                "--bounding-set=-all",
                "--no-new-privs",
                "--",
            ]
        return [*cmd, *argv]


def prepare_owned_dir(path: Path) -> Path:
    """Make ``path`` (created by the grader) writable by the sandbox's user, and only by it and the grader."""
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        for root, dirs, files in os.walk(path):
            for name in [*dirs, *files]:
                os.chown(os.path.join(root, name), SANDBOX_UID, SANDBOX_GID)
        os.chown(path, SANDBOX_UID, SANDBOX_GID)
        os.chmod(path, 0o700)
    else:  # a grader that is not root cannot give files away: share them with everyone instead
        os.chmod(path, 0o777)
    return path


@contextmanager
def notebook_sandbox(lab_dir: Path | None, env: Mapping[str, str]) -> Iterator[Sandbox]:
    """A sandbox for one notebook: a fresh working copy holding ``lab_dir``'s data files (never a notebook, nor
    anything submitted beside one) and a runtime folder, both deleted afterwards."""
    root = Path(tempfile.mkdtemp(prefix="dcai-sandbox-"))
    try:
        workdir, runtime = root / "lab", root / "run"
        workdir.mkdir()
        for item in lab_dir.iterdir() if lab_dir is not None else []:
            if item.is_file() and item.suffix != ".ipynb" and not item.name.startswith("."):
                shutil.copy2(item, workdir / item.name)
        yield Sandbox(prepare_owned_dir(workdir), prepare_owned_dir(runtime), env=env)
    finally:
        shutil.rmtree(root, ignore_errors=True)
