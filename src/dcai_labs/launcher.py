"""``make lab``: start the local Hub on a free loopback port, then JupyterLab with the Hub's settings.

Kernels inherit the server's environment, so every notebook finds the Hub through HF_ENDPOINT and HF_TOKEN
without a setup cell. The Hub stops when JupyterLab stops.

The Hub keeps its repositories in ``~/.cache/dcai-labs/hub`` (``DCAI_HUB_DATA`` moves it), so what a learner
pushed survives restarts. To use the real Hugging Face Hub instead, run ``make lab HUB=off`` after
``hf auth login``: HF_ENDPOINT and HF_TOKEN are then left to you.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from localhub.process import DEFAULT_USER_TOKEN, HubProcess, HubStartError, hub_environment

from .course import CourseError, course_root

#: Where the course's Hub keeps what learners push (``DCAI_HUB_DATA`` overrides it).
HUB_DATA_DIR = "~/.cache/dcai-labs/hub"
DEFAULT_HUB_DATA = Path(os.environ.get("DCAI_HUB_DATA", HUB_DATA_DIR)).expanduser()


def run_lab(jupyter_args: list[str], *, hub: bool = True, hub_data: Path = DEFAULT_HUB_DATA) -> int:
    """Run JupyterLab (args as given) with the local Hub beside it; returns JupyterLab's exit code."""
    env = dict(os.environ)
    hub_process = None
    if hub:
        try:
            hub_process = HubProcess(hub_data, extra_args=["--preload-inference"]).start()
        except HubStartError as exc:
            raise CourseError(f"{exc}; see the message above") from exc
        env.update(hub_environment(hub_process.url, env.get("DCAI_HUB_TOKEN", DEFAULT_USER_TOKEN)))
        print(f"local Hub: {hub_process.url}/ in your browser shows your repos (data in {hub_data})", flush=True)
        print("  sign in there with the token in HF_TOKEN to see your private repos", flush=True)
    try:
        return subprocess.call([sys.executable, "-m", "jupyterlab", *jupyter_args], cwd=course_root(), env=env)
    finally:
        if hub_process is not None:
            hub_process.stop(timeout=30)
