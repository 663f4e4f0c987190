"""Commits are atomic: concurrent writers never lose an update, and a crash never leaves a half-written repo.

Both run the real server process and the real huggingface_hub client, on loopback, bounded in count and time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from huggingface_hub import CommitOperationAdd, HfApi, hf_hub_download
from huggingface_hub.errors import HfHubHTTPError

WRITERS = 8


def _commit(api: HfApi, repo: str, name: str, parent: str | None) -> tuple[str, str | int]:
    try:
        info = api.create_commit(
            repo,
            operations=[CommitOperationAdd(name, name.encode())],
            commit_message=f"add {name}",
            parent_commit=parent,
        )
        return name, info.oid
    except HfHubHTTPError as e:
        return name, e.response.status_code


def _race(api: HfApi, repo: str, prefix: str, with_parent: bool) -> tuple[str, list[tuple[str, str | int]]]:
    """WRITERS threads released together, each committing its own file; returns the base sha and the results."""
    api.create_repo(repo)
    base = api.model_info(repo).sha
    barrier = threading.Barrier(WRITERS)

    def write(i: int) -> tuple[str, str | int]:
        barrier.wait()
        return _commit(api, repo, f"{prefix}-{i}.txt", base if with_parent else None)

    with ThreadPoolExecutor(WRITERS) as pool:
        return base, list(pool.map(write, range(WRITERS)))


def test_concurrent_commits_on_one_branch_lose_nothing(hub, repo_name):
    api, repo = hub.api("ada"), f"ada/{repo_name}"
    base, results = _race(api, repo, "free", with_parent=False)
    assert all(isinstance(oid, str) for _, oid in results), results  # without a parent, every commit lands
    files = set(api.list_repo_files(repo))
    assert {f"free-{i}.txt" for i in range(WRITERS)} <= files, "a concurrent commit was lost"
    history = [c.commit_id for c in api.list_repo_commits(repo)]
    assert len(history) == WRITERS + 1 and history[-1] == base
    assert {oid for _, oid in results} <= set(history)


def test_concurrent_commits_on_the_same_parent_one_wins(hub, repo_name):
    api, repo = hub.api("ada"), f"ada/{repo_name}"
    _, results = _race(api, repo, "race", with_parent=True)
    winners = [(name, oid) for name, oid in results if isinstance(oid, str)]
    losers = [code for _, code in results if not isinstance(code, str)]
    assert len(winners) == 1, results
    assert set(losers) <= {409, 412} and len(losers) == WRITERS - 1, results
    assert api.model_info(repo).sha == winners[0][1]
    assert [f for f in api.list_repo_files(repo) if f.startswith("race-")] == [winners[0][0]]


def _git(gitdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "--git-dir", str(gitdir), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"},
    )


WRITER = r"""
import os, sys
from huggingface_hub import CommitOperationAdd, HfApi
api = HfApi(endpoint=sys.argv[1], token=sys.argv[2])
for i in range(10_000):
    blob = os.urandom(32 * 1024).hex().encode()  # 64 KB of regular (non-LFS) text per commit
    info = api.create_commit(sys.argv[3], operations=[CommitOperationAdd(f"{sys.argv[4]}/f{i}.txt", blob)],
                             commit_message=f"commit {i}")
    print(info.oid, flush=True)  # printed = acknowledged by the server
"""


@pytest.mark.slow
def test_a_crash_mid_commit_leaves_a_consistent_repo(tmp_path, hub_factory, cache_dir):
    """SIGKILL the server while a client commits in a loop; after a restart the repo is whole and writable."""
    data = tmp_path / "data"
    repo = "ada/crashy"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    acknowledged: list[str] = []
    for round_ in range(3):
        server = hub_factory(data).start()
        server.api("ada").create_repo(repo, exist_ok=True)
        writer = subprocess.Popen(
            [sys.executable, str(script), server.url, server.tokens["ada"], repo, f"r{round_}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        time.sleep(1.5 + 0.37 * round_)  # a different moment in the commit cycle each round
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
        server.proc = None
        writer.kill()
        out, _ = writer.communicate(timeout=30)
        acknowledged += out.split()

    server = hub_factory(data).start()
    api = server.api("ada")
    gitdir = data / "repos" / "models" / "ada" / "crashy.git"
    fsck = _git(gitdir, "fsck", "--full", "--no-dangling")
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr
    history = [c.commit_id for c in api.list_repo_commits(repo)]
    assert acknowledged, "no commit was acknowledged before the kill: the test proves nothing"
    assert set(acknowledged) <= set(history), "an acknowledged commit was lost in the crash"
    assert api.model_info(repo).sha == history[0]
    files = api.list_repo_files(repo)
    for path in (f for f in files if f.endswith(".txt")):  # every file the head names reads back whole
        got = Path(hf_hub_download(repo, path, endpoint=server.url, cache_dir=cache_dir, token=server.tokens["ada"]))
        assert got.stat().st_size == 64 * 1024, path
    api.create_commit(repo, operations=[CommitOperationAdd("after.txt", b"ok")], commit_message="after the crash")
    assert "after.txt" in api.list_repo_files(repo)
    print(f"{len(acknowledged)} commits acknowledged across 3 kills, {len(files)} files at head")
