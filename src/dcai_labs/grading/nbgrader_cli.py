"""Run nbgrader's own command-line apps against a course directory.

Commands run in a child process (``python -m dcai_labs.grading.nbgrader_batch``, several per process) so
that nbgrader's global application state, logging and kernels never leak into the caller, and so that a crash
in one command cannot take the caller down. The course's ``grading/nbgrader_config.py`` is found through
``JUPYTER_CONFIG_PATH``; it derives every directory from the course root it lives in, which is how a
throw-away copy of the course grades in isolation.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..course import CourseError
from .lab_hub import kernel_environment


@dataclass(frozen=True)
class NbgraderResult:
    """What one nbgrader command did: its exit code and its combined log."""

    args: tuple[str, ...]
    returncode: int
    log: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def nbgrader_env(course_root: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for nbgrader and the kernels it starts: the course's config, no network beyond loopback.

    Hub settings come only from ``extra`` (see grading.lab_hub), never from the caller's shell.
    """
    env = kernel_environment(dict(extra or {}))
    # nbgrader runs `alembic` as a command to create the gradebook: the environment's bin/ must be on PATH
    # even when the environment was never activated.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["JUPYTER_CONFIG_PATH"] = str(course_root / "grading")
    env["DCAI_COURSE_ROOT"] = str(course_root)
    env.pop("DCAI_GRADING_DIR", None)
    env.setdefault("PYTHONHASHSEED", "0")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    env.setdefault("MPLBACKEND", "Agg")
    return env


def run_nbgrader_steps(
    course_root: Path,
    *steps: list[str] | tuple[str, ...],
    check: bool = True,
    timeout: float | None = None,
    env: Mapping[str, str] | None = None,
    keep_going: bool = False,
) -> NbgraderResult:
    """Run nbgrader commands in order in one child process (cwd = course_root); stop at the first failure.

    ``env`` adds variables for the process and the kernels it starts (a grading Hub's settings);
    ``keep_going`` runs every step even after one failed (the result then reports the first failure).

    Raises CourseError with the log's tail when a command fails and ``check`` is true.
    """
    cmd = [sys.executable, "-m", "dcai_labs.grading.nbgrader_batch", json.dumps([list(step) for step in steps])]
    if keep_going:
        cmd.append("--keep-going")
    proc = subprocess.run(
        cmd,
        cwd=course_root,
        env=nbgrader_env(course_root, env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    args = tuple(arg for step in steps for arg in (*step, ";"))[:-1]
    result = NbgraderResult(args, proc.returncode, proc.stdout)
    if check and not result.ok:
        tail = "\n".join(proc.stdout.strip().splitlines()[-15:])
        raise CourseError(f"nbgrader failed (exit {proc.returncode}):\n{tail}")
    return result


def run_nbgrader(
    course_root: Path,
    *args: str,
    check: bool = True,
    timeout: float | None = None,
    env: Mapping[str, str] | None = None,
) -> NbgraderResult:
    """Run one ``nbgrader <args>`` command; see run_nbgrader_steps."""
    return run_nbgrader_steps(course_root, list(args), check=check, timeout=timeout, env=env)
