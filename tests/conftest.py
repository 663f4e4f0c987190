"""Shared fixtures and the suite's guard rails.

- Network guard: the course must work offline, so the test process and every process it starts (kernels,
  nbgrader, JupyterLab) may only reach loopback; see tests/netguard/sitecustomize.py.
- A deterministic, quiet environment for child processes (hash seed, no telemetry, no GUI backend).
- ``course_root``: the real checkout; ``lab``: parametrises a test over every lab folder in source/ (adding a
  lab folder adds its tests); ``labs``: the same list; ``mini_course``: a throw-away copy of the tiny fixture
  course, for tests of the grading machinery that must not depend on the real labs' content.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from dcai_labs.course import Lab, list_labs

REPO = Path(__file__).resolve().parent.parent
NETGUARD_DIR = REPO / "tests" / "netguard"
MINI_COURSE = REPO / "tests" / "fixtures" / "mini_course"

# HF_* hub settings are deliberately left alone: the labs talk to a local Hub configured elsewhere.
SESSION_ENV = {
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",  # takes effect in child processes (kernels, nbgrader), which is where it matters
}


def _install_network_guard() -> None:
    """Guard this process, and put the guard on PYTHONPATH so every child Python loads it as sitecustomize."""
    spec = importlib.util.spec_from_file_location("dcai_netguard", NETGUARD_DIR / "sitecustomize.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # installs on import (idempotent)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and Path(p) != NETGUARD_DIR]
    os.environ["PYTHONPATH"] = os.pathsep.join([str(NETGUARD_DIR), *paths])


def pytest_configure(config: pytest.Config) -> None:
    os.environ.update(SESSION_ENV)
    _install_network_guard()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes a ``lab`` argument runs once per lab in source/ (none yet: it is reported as skipped)."""
    if "lab" in metafunc.fixturenames:
        metafunc.parametrize("lab", list_labs(REPO), ids=lambda lab: lab.lab_id)


@pytest.fixture(scope="session")
def course_root() -> Path:
    """The real course checkout (the repository)."""
    return REPO


@pytest.fixture(scope="session")
def labs() -> list[Lab]:
    """Every lab of the real course, in order."""
    return list_labs(REPO)


@pytest.fixture
def mini_course(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/mini_course (lab 00_mini) with the course's current nbgrader config.

    The fixture has no config of its own: the tests exercise the course's real grading/nbgrader_config.py.
    """
    root = tmp_path / "mini_course"
    shutil.copytree(MINI_COURSE, root, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    (root / "grading").mkdir(exist_ok=True)
    shutil.copy2(REPO / "grading" / "nbgrader_config.py", root / "grading" / "nbgrader_config.py")
    return root
