"""`make lab` really serves the course: JupyterLab opens Lab 01, nbgrader's server extensions answer, and the
local Hub runs beside it with its settings in the kernels' environment."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
import requests

from localhub.process import free_port

REPO = Path(__file__).resolve().parent.parent
LAB01 = "notebooks/01_data_centric_ai/01_data_centric_ai.ipynb"
TOKEN = "dcai-test-token"


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory: pytest.TempPathFactory):
    port = free_port()
    hub_data = tmp_path_factory.mktemp("hub")
    proc = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "lab",
            f"LAB_PORT={port}",
            f"LAB_ARGS=--no-browser --IdentityProvider.token={TOKEN}",
        ],
        cwd=REPO,
        env={**os.environ, "DCAI_HUB_DATA": str(hub_data)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    try:
        while True:
            try:
                if requests.get(f"{base}/api/status", params={"token": TOKEN}, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"make lab did not come up:\n{proc.stdout.read() if proc.poll() is not None else ''}")
            time.sleep(0.5)
        yield base, proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _get(base: str, path: str, **params) -> requests.Response:
    return requests.get(f"{base}{path}", params={"token": TOKEN, **params}, timeout=30)


def _jupyter_environment(make_proc: subprocess.Popen) -> dict[str, str]:
    """The environment of the JupyterLab server process, which every kernel it starts inherits."""
    for child in psutil.Process(make_proc.pid).children(recursive=True):
        if "jupyterlab" in " ".join(child.cmdline()):
            return child.environ()
    raise AssertionError("no JupyterLab process under make lab")


def test_kernels_get_the_local_hub(lab_server) -> None:
    from huggingface_hub import HfApi

    env = _jupyter_environment(lab_server[1])
    endpoint = env["HF_ENDPOINT"]
    assert endpoint.startswith("http://127.0.0.1:")
    assert env["HF_HUB_DISABLE_XET"] == "1" and env["HF_HUB_DISABLE_TELEMETRY"] == "1"
    assert "127.0.0.1" in env["NO_PROXY"] and "HF_HUB_OFFLINE" not in env
    assert HfApi(endpoint=endpoint, token=env["HF_TOKEN"]).whoami()["name"] == "learner"


def test_make_lab_prints_the_hubs_web_address(lab_server) -> None:
    """Beside JupyterLab's address, make lab prints the Hub's, whose pages show what the learner pushed."""
    proc = lab_server[1]
    line = ""
    while "local Hub:" not in line:
        line = proc.stdout.readline()
        assert line, "make lab printed no 'local Hub:' line"
    url = line.split("local Hub:", 1)[1].split()[0]
    assert url.startswith("http://127.0.0.1:")
    home = requests.get(url, timeout=30)
    assert home.status_code == 200 and "<title>Local Hub</title>" in home.text


def test_server_binds_loopback_and_serves_lab01(lab_server) -> None:
    lab_server = lab_server[0]
    assert lab_server.startswith("http://127.0.0.1:")
    page = _get(lab_server, "/lab")
    assert page.status_code == 200 and "JupyterLab" in page.text
    nb = _get(lab_server, f"/api/contents/{LAB01}").json()
    assert nb["type"] == "notebook" and len(nb["content"]["cells"]) > 10
    assert any(c["metadata"].get("nbgrader", {}).get("solution") for c in nb["content"]["cells"])


def test_nbgrader_server_extensions_answer(lab_server) -> None:
    lab_server = lab_server[0]
    version = _get(lab_server, "/nbgrader_version", version="0.9.6")
    assert version.status_code == 200
    formgrader = _get(lab_server, "/formgrader")
    assert formgrader.status_code == 200 and "nbgrader" in formgrader.text.lower()
    # The formgrader reads the course's gradebook: Lab 01 is listed among its assignments.
    assignments = _get(lab_server, "/formgrader/api/assignments")
    assert assignments.status_code == 200
    assert "01_data_centric_ai" in {a["name"] for a in assignments.json()}


def test_nbgrader_lab_extension_is_installed(lab_server) -> None:
    lab_server = lab_server[0]
    extensions = _get(lab_server, "/lab/api/extensions").json()
    names = {e["name"] for e in extensions}
    assert "@jupyter/nbgrader" in names or any("nbgrader" in n for n in names)
