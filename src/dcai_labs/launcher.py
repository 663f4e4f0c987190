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

from .course import CourseError, course_root
from .hub.process import SELF_STUDY_TOKEN, HubStartError, free_port, hub_environment, start_hub, stop_hub

DEFAULT_HUB_DATA = Path(os.environ.get("DCAI_HUB_DATA", "~/.cache/dcai-labs/hub")).expanduser()


def run_lab(jupyter_args: list[str], *, hub: bool = True, hub_data: Path = DEFAULT_HUB_DATA) -> int:
    """Run JupyterLab (args as given) with the local Hub beside it; returns JupyterLab's exit code."""
    env = dict(os.environ)
    hub_proc = None
    if hub:
        port = free_port()
        try:
            hub_proc = start_hub(hub_data, port)
        except HubStartError as exc:
            raise CourseError(f"{exc}; see the message above") from exc
        env.update(hub_environment(f"http://127.0.0.1:{port}", env.get("DCAI_HUB_TOKEN", SELF_STUDY_TOKEN)))
        print(f"local Hub: http://127.0.0.1:{port} (data in {hub_data})", flush=True)
    try:
        return subprocess.call([sys.executable, "-m", "jupyterlab", *jupyter_args], cwd=course_root(), env=env)
    finally:
        if hub_proc is not None:
            stop_hub(hub_proc, timeout=30)
