"""`make lab` really serves the course: JupyterLab opens Lab 01 and nbgrader's server extensions answer."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parent.parent
LAB01 = "notebooks/01_data_centric_ai/01_data_centric_ai.ipynb"
TOKEN = "dcai-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab_server():
    port = _free_port()
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_PORT={port}", f"LAB_ARGS=--no-browser --IdentityProvider.token={TOKEN}"],
        cwd=REPO,
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
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def _get(base: str, path: str, **params) -> requests.Response:
    return requests.get(f"{base}{path}", params={"token": TOKEN, **params}, timeout=30)


def test_server_binds_loopback_and_serves_lab01(lab_server: str) -> None:
    assert lab_server.startswith("http://127.0.0.1:")
    page = _get(lab_server, "/lab")
    assert page.status_code == 200 and "JupyterLab" in page.text
    nb = _get(lab_server, f"/api/contents/{LAB01}").json()
    assert nb["type"] == "notebook" and len(nb["content"]["cells"]) > 10
    assert any(c["metadata"].get("nbgrader", {}).get("solution") for c in nb["content"]["cells"])


def test_nbgrader_server_extensions_answer(lab_server: str) -> None:
    version = _get(lab_server, "/nbgrader_version", version="0.9.6")
    assert version.status_code == 200
    formgrader = _get(lab_server, "/formgrader")
    assert formgrader.status_code == 200 and "nbgrader" in formgrader.text.lower()
    # The formgrader reads the course's gradebook: Lab 01 is listed among its assignments.
    assignments = _get(lab_server, "/formgrader/api/assignments")
    assert assignments.status_code == 200
    assert "01_data_centric_ai" in {a["name"] for a in assignments.json()}


def test_nbgrader_lab_extension_is_installed(lab_server: str) -> None:
    extensions = _get(lab_server, "/lab/api/extensions").json()
    names = {e["name"] for e in extensions}
    assert "@jupyter/nbgrader" in names or any("nbgrader" in n for n in names)
