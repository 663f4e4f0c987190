"""`make setup` in its three situations: a .venv here, the activated conda environment, a CPU-only torch index.

The conda case runs `make setup` for real against a stand-in conda environment (a prefix whose python is the
course's interpreter): it must use that environment as it is and create no .venv. The others are read from
`make -n` (what make would run), since a real install takes minutes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the files `make setup` reads, without any .venv."""
    root = tmp_path / "course"
    root.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(REPO / name, root / name)
    return root


def make(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CONDA")}
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=root, env={**clean, **env}, capture_output=True, text=True
    )


def test_the_activated_conda_environment_is_used_as_it_is(checkout: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "conda-env"
    (prefix / "bin").mkdir(parents=True)
    (prefix / "bin" / "python").write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    (prefix / "bin" / "python").chmod(0o755)
    result = make(checkout, "setup", CONDA_DEFAULT_ENV="dcai-labs", CONDA_PREFIX=str(prefix))
    assert result.returncode == 0, result.stderr
    assert "using the conda environment dcai-labs" in result.stdout
    assert "pip install" not in result.stdout
    assert not (checkout / ".venv").exists(), "a second environment was built beside the conda one"
    assert (prefix / ".dcai-labs-installed").exists()
    again = make(checkout, "setup", CONDA_DEFAULT_ENV="dcai-labs", CONDA_PREFIX=str(prefix))
    assert again.returncode == 0 and "using the conda environment" not in again.stdout  # nothing to do


def test_another_conda_environment_is_not_written_to(checkout: Path, tmp_path: Path) -> None:
    plan = make(checkout, "-n", "setup", CONDA_DEFAULT_ENV="base", CONDA_PREFIX=str(tmp_path / "base"))
    assert plan.returncode == 0, plan.stderr
    assert "-m venv .venv" in plan.stdout and str(tmp_path / "base") not in plan.stdout


def test_a_cpu_torch_index_installs_the_pinned_torch_from_it_first(checkout: Path) -> None:
    plain = make(checkout, "-n", "setup")
    assert "--index-url" not in plain.stdout and "pip install --quiet -e '.[dev]'" in plain.stdout
    index = "https://download.pytorch.org/whl/cpu"
    cpu = make(checkout, "-n", "setup", f"TORCH_INDEX={index}")
    pin = next(
        line.strip().strip('",')
        for line in (REPO / "pyproject.toml").read_text().splitlines()
        if line.strip().startswith('"torch==')
    )
    assert f"pip install --quiet '{pin}' --index-url '{index}'" in cpu.stdout
    assert cpu.stdout.index("--index-url") < cpu.stdout.index("-e '.[dev]'")
