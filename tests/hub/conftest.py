"""Fixtures for the local Hub: a REAL server process (``python -m localhub serve``) on 127.0.0.1.

``hub``: one server for the whole session, with a roster of two users (ada, alan; both in org class-2026) and
a third (eve) in no org. In-process tests talk to it with ``HfApi(endpoint=hub.url, token=...)`` and pass
``endpoint=`` to the download helpers; tests of code that reads HF_ENDPOINT at import time (transformers) run a
child Python with ``hub.env(user)``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import localhub.process

# Before anything imports huggingface_hub: Git LFS uploads (no Xet), no telemetry, loopback without proxies.
os.environ.setdefault("HF_HUB_DISABLE_XET", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"

TOKENS = {"ada": "hf_ada_test_token_0001", "alan": "hf_alan_test_token_0002", "eve": "hf_eve_test_token_0003"}
ROSTER = """\
users:
  - name: ada
    token: hf_ada_test_token_0001
    fullname: Ada Lovelace
    orgs: [class-2026]
  - name: alan
    token: hf_alan_test_token_0002
    orgs: [class-2026]
  - name: eve
    token: hf_eve_test_token_0003
"""


@dataclass
class HubProcess(localhub.process.HubProcess):
    """The package's HubProcess with the test roster's tokens, client helpers and a log beside the data folder."""

    tokens: dict[str, str] = field(default_factory=lambda: dict(TOKENS))

    def start(self) -> HubProcess:
        self.port = self.port or localhub.process.free_port()
        self.log = self.data_dir.parent / f"hub-{self.port}.log"
        super().start()
        return self

    def api(self, user: str | None = "ada"):
        from huggingface_hub import HfApi

        return HfApi(endpoint=self.url, token=TOKENS[user] if user else False)

    def env(self, user: str = "ada", hf_home: Path | None = None) -> dict[str, str]:
        env = localhub.process.without_hub_settings(os.environ)
        env.update(localhub.process.hub_environment(self.url, TOKENS[user]))
        if hf_home is not None:
            env["HF_HOME"] = str(hf_home)
        return env

    def snapshot(self) -> dict[str, int]:
        """Every file under the data folder with its size: equal before/after means nothing was written."""
        return {
            str(p.relative_to(self.data_dir)): p.stat().st_size
            for p in sorted(self.data_dir.rglob("*"))
            if p.is_file() or p.is_dir()
        }


@pytest.fixture(scope="session", autouse=True)
def _hub_client_settings():
    from huggingface_hub import constants

    constants.HF_HUB_DISABLE_XET = True
    constants.HF_HUB_DISABLE_TELEMETRY = True
    yield


@pytest.fixture(scope="session")
def roster_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hub-roster") / "roster.yaml"
    path.write_text(ROSTER)
    return path


@pytest.fixture(scope="session")
def hub(tmp_path_factory, roster_file):
    server = HubProcess(tmp_path_factory.mktemp("hub") / "data", roster_file).start()
    yield server
    server.stop()


@pytest.fixture
def hub_factory(roster_file):
    """Make (not start) extra servers, e.g. on a given data folder; they are stopped after the test."""
    made: list[HubProcess] = []

    def make(data_dir: Path, extra_args: list[str] | None = None) -> HubProcess:
        server = HubProcess(Path(data_dir), roster_file, extra_args=list(extra_args or []))
        made.append(server)
        return server

    yield make
    for server in made:
        server.stop()


@pytest.fixture
def hf_endpoint(hub, monkeypatch) -> str:
    """Point huggingface_hub's import-time endpoint constants at the local Hub, for helpers without endpoint=."""
    from huggingface_hub import constants, hf_api

    monkeypatch.setattr(constants, "ENDPOINT", hub.url)
    monkeypatch.setattr(hf_api.api, "endpoint", hub.url)  # the module-level HfApi behind upload_file() & co
    monkeypatch.setattr(constants, "HUGGINGFACE_CO_URL_TEMPLATE", hub.url + "/{repo_id}/resolve/{revision}/{filename}")
    return hub.url


@pytest.fixture
def cache_dir(tmp_path) -> Path:
    return tmp_path / "hf-cache"


_counter = iter(range(10**6))


@pytest.fixture
def repo_name(request) -> str:
    """A fresh repo name per test."""
    base = "".join(c if c.isalnum() else "-" for c in request.node.name)[:40].strip("-")
    return f"{base}-{next(_counter)}"
