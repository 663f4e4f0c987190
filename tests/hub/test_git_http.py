"""git and git-lfs against the local Hub: the real git CLI over smart HTTP, on the server process of conftest.

Every git runs with HOME and GIT_CONFIG_GLOBAL in a temporary folder (the user's configuration is never read or
written), GIT_TERMINAL_PROMPT=0 (git never waits for input), no credential helper, and the token in the URL as
the password, as one pushes to huggingface.co.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import requests
from huggingface_hub import CommitOperationAdd, hf_hub_download

TOKENS = {"ada": "hf_ada_test_token_0001", "alan": "hf_alan_test_token_0002", "eve": "hf_eve_test_token_0003"}
PREFIX = {"model": "", "dataset": "datasets/", "space": "spaces/"}
LFS_MISSING = "git-lfs is not installed: apt-get install git-lfs (CI: .ci/run installs it before make setup)"


# ------------------------------------------------------------------------------------------------- helpers
def _git_env(home: Path, config: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "GIT_CONFIG_GLOBAL": str(config),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "",
            "SSH_ASKPASS": "",
            "LC_ALL": "C",
        }
    )
    return env


@pytest.fixture(scope="module")
def git_env(tmp_path_factory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("git-home")
    config = home / ".gitconfig"
    config.write_text("[init]\n\tdefaultBranch = main\n[pull]\n\trebase = false\n[advice]\n\tdetachedHead = false\n")
    return _git_env(home, config)


@pytest.fixture(scope="module")
def lfs_env(git_env) -> dict[str, str]:
    """git with git-lfs installed in its (temporary) global configuration; fails, never skips, without git-lfs."""
    if shutil.which("git-lfs") is None:
        pytest.fail(LFS_MISSING)
    home = Path(git_env["HOME"])
    config = home / ".gitconfig-lfs"
    shutil.copyfile(git_env["GIT_CONFIG_GLOBAL"], config)
    env = {**git_env, "GIT_CONFIG_GLOBAL": str(config)}
    r = subprocess.run(["git", "lfs", "install", "--skip-repo"], env=env, capture_output=True, text=True)
    assert r.returncode == 0, f"{LFS_MISSING}\n{r.stdout}{r.stderr}"
    return env


def git(env: dict[str, str], *args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    r = subprocess.run(
        ["git", "-c", "credential.helper=", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )
    if check:
        assert r.returncode == 0, f"git {' '.join(args)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
    return r


def url(hub, repo: str, repo_type: str = "model", user: str | None = None, dotgit: bool = False) -> str:
    creds = f"{user}:{TOKENS[user]}@" if user else ""
    return f"http://{creds}127.0.0.1:{hub.port}/{PREFIX[repo_type]}{repo}{'.git' if dotgit else ''}"


def clone(env, remote: str, dest: Path, *extra: str) -> Path:
    git(env, "clone", "--quiet", *extra, remote, str(dest))
    git(env, "config", "user.name", "Test Pusher", cwd=dest)
    git(env, "config", "user.email", "pusher@example.org", cwd=dest)
    return dest


def commit(env, work: Path, files: dict[str, bytes | str], message: str) -> str:
    for name, content in files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        git(env, "add", name, cwd=work)
    git(env, "commit", "--quiet", "-m", message, cwd=work)
    return git(env, "rev-parse", "HEAD", cwd=work).stdout.strip()


def remote_refs(env, remote: str) -> dict[str, str]:
    out = git(env, "ls-remote", remote).stdout
    return {ref: sha for sha, ref in (line.split("\t") for line in out.splitlines())}


def info(api, repo: str, repo_type: str):
    return {"model": api.model_info, "dataset": api.dataset_info, "space": api.space_info}[repo_type](repo)


def repo_files(hub, repo_type: str, repo: str) -> dict[str, int]:
    """Every file of the bare repository and of the LFS store, with its size (equal: nothing was written)."""
    gitdir = hub.data_dir / "repos" / f"{repo_type}s" / f"{repo}.git"
    roots = [gitdir, hub.data_dir / "lfs"]
    return {str(p): p.stat().st_size for root in roots for p in sorted(root.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------------------------------------- clone, push
@pytest.mark.parametrize(
    ("repo_type", "dotgit"),
    [("model", False), ("model", True), ("dataset", False), ("dataset", True), ("space", False), ("space", True)],
)
def test_clone_push_pull_round_trip(hub, git_env, repo_name, repo_type, dotgit, tmp_path):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo, repo_type=repo_type, space_sdk="gradio" if repo_type == "space" else None)
    api.upload_file(path_or_fileobj=b"from the API\n", path_in_repo="api.txt", repo_id=repo, repo_type=repo_type)
    remote = url(hub, repo, repo_type, "ada", dotgit)
    work = clone(git_env, remote, tmp_path / "work")
    assert (work / "api.txt").read_text() == "from the API\n"
    readme = "---\nlicense: mit\n---\n# pushed with git\n"
    if repo_type == "space":
        readme = "---\nsdk: gradio\napp_file: app.py\n---\n# pushed with git\n"
    sha = commit(git_env, work, {"README.md": readme, "data/notes.txt": "by git\n"}, "Add notes by git")
    push = git(git_env, "push", "origin", "main", cwd=work)
    assert "main -> main" in push.stderr
    # the API sees the pushed commit at once
    commits = api.list_repo_commits(repo, repo_type=repo_type)
    assert commits[0].commit_id == sha and commits[0].title == "Add notes by git"
    assert info(api, repo, repo_type).sha == sha
    files = api.list_repo_files(repo, repo_type=repo_type)
    assert files == [".gitattributes", "README.md", "api.txt", "data/notes.txt"]
    path = hf_hub_download(
        repo, "data/notes.txt", repo_type=repo_type, endpoint=hub.url, token=TOKENS["ada"], cache_dir=tmp_path / "c"
    )
    assert Path(path).read_text() == "by git\n"
    # and git sees the API's commits
    api_sha = api.create_commit(
        repo, [CommitOperationAdd("api2.txt", b"second\n")], commit_message="API again", repo_type=repo_type
    ).oid
    git(git_env, "pull", "--quiet", "origin", "main", cwd=work)
    assert (work / "api2.txt").read_text() == "second\n"
    assert git(git_env, "rev-parse", "HEAD", cwd=work).stdout.strip() == api_sha
    assert remote_refs(git_env, remote)["refs/heads/main"] == api_sha


def test_branches_and_tags_by_git(hub, git_env, repo_name, tmp_path):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    work = clone(git_env, url(hub, repo, user="ada"), tmp_path / "work")
    git(git_env, "checkout", "--quiet", "-b", "dev", cwd=work)
    sha = commit(git_env, work, {"dev.txt": "dev\n"}, "dev work")
    git(git_env, "tag", "-a", "v1.0", "-m", "first release", cwd=work)
    git(git_env, "push", "--quiet", "origin", "dev", "v1.0", cwd=work)
    refs = api.list_repo_refs(repo)
    assert {b.name: b.target_commit for b in refs.branches}["dev"] == sha
    assert {t.name: t.target_commit for t in refs.tags} == {"v1.0": sha}
    assert api.list_repo_files(repo, revision="v1.0") == [".gitattributes", "dev.txt"]
    git(git_env, "push", "--quiet", "origin", "--delete", "dev", "v1.0", cwd=work)
    refs = api.list_repo_refs(repo)
    assert [b.name for b in refs.branches] == ["main"] and refs.tags == []


# ------------------------------------------------------------------------------------------------- access
def test_anonymous_and_private_access(hub, git_env, repo_name, tmp_path):
    api = hub.api("ada")
    public, private = f"ada/{repo_name}-pub", f"ada/{repo_name}-priv"
    api.create_repo(public)
    api.create_repo(private, private=True)
    api.upload_file(path_or_fileobj=b"secret\n", path_in_repo="secret.txt", repo_id=private)
    # anonymous: a public repo clones without any credentials
    assert (clone(git_env, url(hub, public), tmp_path / "pub") / ".gitattributes").is_file()
    # a private repo and a missing one answer alike (401: git asks for credentials, and may not ask here)
    for repo in (private, f"ada/{repo_name}-missing"):
        r = git(git_env, "clone", url(hub, repo), str(tmp_path / "anon"), check=False)
        assert r.returncode != 0 and "could not read Username" in r.stderr, r.stderr
        assert not (tmp_path / "anon").exists()
    # signed in without read access: not found
    r = git(git_env, "clone", url(hub, private, user="eve"), str(tmp_path / "eve"), check=False)
    assert r.returncode != 0 and "not found" in r.stderr, r.stderr
    # a bad token: authentication failed
    bad = url(hub, private).replace("http://", "http://ada:hf_not_a_token_123@")
    r = git(git_env, "ls-remote", bad, check=False)
    assert r.returncode != 0 and "Authentication failed" in r.stderr, r.stderr
    # the owner, with the token as the password (whatever the user name) or as a Bearer header
    mine = clone(git_env, url(hub, private).replace("http://", f"http://anyname:{TOKENS['ada']}@"), tmp_path / "mine")
    assert (mine / "secret.txt").read_text() == "secret\n"
    header = f"http.extraHeader=Authorization: Bearer {TOKENS['ada']}"
    bearer = git(git_env, "-c", header, "ls-remote", url(hub, private))
    assert "refs/heads/main" in bearer.stdout


def test_push_needs_a_token_and_write_access(hub, git_env, repo_name, tmp_path):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    work = clone(git_env, url(hub, repo), tmp_path / "work")  # anonymous clone of a public repo
    commit(git_env, work, {"x.txt": "x\n"}, "x")
    before = remote_refs(git_env, url(hub, repo))
    # no token: 401, git wants credentials (and may not prompt for them)
    r = git(git_env, "push", "origin", "main", cwd=work, check=False)
    assert r.returncode != 0 and "could not read Username" in r.stderr, r.stderr
    # another user's namespace: 403 with the reason
    r = git(git_env, "push", url(hub, repo, user="eve"), "main", cwd=work, check=False)
    assert r.returncode != 0 and "403" in r.stderr and "do not have write access" in r.stderr, r.stderr
    assert remote_refs(git_env, url(hub, repo)) == before
    # an organisation the user belongs to: allowed
    org_repo = f"class-2026/{repo_name}"
    api.create_repo(org_repo)  # by ada; alan is in class-2026 too
    work2 = clone(git_env, url(hub, org_repo, user="alan"), tmp_path / "org")
    sha = commit(git_env, work2, {"org.txt": "org\n"}, "org commit")
    git(git_env, "push", "--quiet", "origin", "main", cwd=work2)
    assert api.list_repo_commits(org_repo)[0].commit_id == sha


# ------------------------------------------------------------------------------------------------- refused pushes
def test_refused_pushes_change_nothing(hub, git_env, repo_name, tmp_path):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    api.upload_file(path_or_fileobj=b"---\nlicense: mit\n---\n# ok\n", path_in_repo="README.md", repo_id=repo)
    api.create_tag(repo, tag="v1")
    remote = url(hub, repo, user="ada")
    work = clone(git_env, remote, tmp_path / "work")
    base = git(git_env, "rev-parse", "HEAD", cwd=work).stdout.strip()

    def state():
        return (
            remote_refs(git_env, remote),
            [c.commit_id for c in api.list_repo_commits(repo)],
            api.list_repo_files(repo),
            repo_files(hub, "model", repo),
        )

    def refused(files: dict | None, reason: str, *push_args: str) -> None:
        before = state()
        if files is not None:
            commit(git_env, work, files, "to be refused")
        r = git(git_env, "push", *(push_args or ("origin", "main")), cwd=work, check=False)
        assert r.returncode != 0, r.stderr
        assert reason in r.stderr, r.stderr
        assert state() == before
        git(git_env, "reset", "--quiet", "--hard", base, cwd=work)

    # README metadata the Hub refuses: an unknown license, malformed YAML
    refused({"README.md": "---\nlicense: not-a-license\n---\n"}, "invalid metadata in README.md")
    refused({"README.md": "---\nlicense: [mit\n---\n"}, "invalid metadata in README.md")
    # a file of 10 MiB or more that is not an LFS pointer (zeros: git compresses them to almost nothing)
    refused({"big.dat": bytes(10 * 1024 * 1024 + 1)}, "not stored with git-lfs")
    # an LFS pointer to an object the Hub does not have (what git push --no-verify leaves behind)
    oid = hashlib.sha256(b"never uploaded").hexdigest()
    pointer = f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 14\n"
    refused({"ptr.dat": pointer}, "LFS pointer points to a file that is not", "--no-verify", "origin", "main")
    # history rewritten: a force-push of a commit that does not contain main
    api.upload_file(path_or_fileobj=b"moved on\n", path_in_repo="later.txt", repo_id=repo)
    refused({"mine.txt": "mine\n"}, "non-fast-forward", "--force", "origin", "main")
    # refs the Hub manages itself or keeps
    refused(None, "the default branch main cannot be deleted", "origin", "--delete", "main")
    refused(None, "pull request refs change through the Hub's API", "origin", "HEAD:refs/pr/1")
    refused(None, "only branches", "origin", "HEAD:refs/notes/x")
    refused(None, "tags are not moved", "--force", "origin", f"{base}~1:refs/tags/v1")
    # the refused objects are not in the repository either
    assert git(git_env, "cat-file", "-e", oid, cwd=work, check=False).returncode != 0
    # and a good push still goes through afterwards
    git(git_env, "pull", "--quiet", "origin", "main", cwd=work)
    sha = commit(git_env, work, {"fine.txt": "fine\n"}, "fine")
    git(git_env, "push", "--quiet", "origin", "main", cwd=work)
    assert api.model_info(repo).sha == sha


# ------------------------------------------------------------------------------------------------- git-lfs
def test_git_lfs_push_then_hf_hub_download(hub, lfs_env, repo_name, tmp_path):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo, repo_type="dataset")  # public: git-lfs first asks anonymously, then with the token
    remote = url(hub, repo, "dataset", "ada")
    work = clone(lfs_env, remote, tmp_path / "work")
    data = os.urandom(20 * 1024 * 1024)
    (work / "weights.bin").write_bytes(data)
    (work / "table.arrowish").write_bytes(os.urandom(4096))
    git(lfs_env, "lfs", "track", "*.arrowish", cwd=work)
    git(lfs_env, "add", ".gitattributes", "weights.bin", "table.arrowish", cwd=work)
    git(lfs_env, "commit", "--quiet", "-m", "weights by git-lfs", cwd=work)
    push = git(lfs_env, "push", "origin", "main", cwd=work)
    assert "locking API" not in push.stderr and "locksverify" not in push.stderr, push.stderr
    # git-lfs took the 501 of the locks endpoint as "not supported" and will not ask again
    assert git(lfs_env, "config", "--get-regexp", r"lfs\..*\.locksverify", cwd=work).stdout.strip().endswith("false")
    sha = git(lfs_env, "rev-parse", "HEAD", cwd=work).stdout.strip()
    assert api.dataset_info(repo).sha == sha
    tree = {e.path: e for e in api.list_repo_tree(repo, repo_type="dataset")}
    assert tree["weights.bin"].lfs.sha256 == hashlib.sha256(data).hexdigest() and tree["weights.bin"].size == len(data)
    assert tree["table.arrowish"].lfs is not None
    path = hf_hub_download(
        repo, "weights.bin", repo_type="dataset", endpoint=hub.url, token=TOKENS["ada"], cache_dir=tmp_path / "c"
    )
    assert Path(path).read_bytes() == data


def test_api_lfs_upload_then_git_clone_and_lfs_pull(hub, lfs_env, repo_name, tmp_path):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo, private=True)
    data = os.urandom(11 * 1024 * 1024)  # >= 10 MiB: the API stores it with LFS
    api.upload_file(path_or_fileobj=data, path_in_repo="model.bin", repo_id=repo)
    remote = url(hub, repo, user="ada")
    # without smudging the clone holds the pointer; git lfs pull fetches the content
    lazy = clone({**lfs_env, "GIT_LFS_SKIP_SMUDGE": "1"}, remote, tmp_path / "lazy")
    assert (lazy / "model.bin").read_bytes().startswith(b"version https://git-lfs.github.com/spec/v1")
    git(lfs_env, "lfs", "pull", cwd=lazy)
    assert (lazy / "model.bin").read_bytes() == data
    # a plain clone smudges it at once
    assert (clone(lfs_env, remote, tmp_path / "eager") / "model.bin").read_bytes() == data


def test_lfs_endpoints_over_http(hub, repo_name):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo, private=True)
    data = os.urandom(2000)
    api.upload_file(path_or_fileobj=data, path_in_repo="w.bin", repo_id=repo)
    oid = hashlib.sha256(data).hexdigest()
    body = {"operation": "download", "transfers": ["basic"], "objects": [{"oid": oid, "size": len(data)}]}
    lfs_headers = {"Accept": "application/vnd.git-lfs+json", "Content-Type": "application/vnd.git-lfs+json"}
    for path in (f"{repo}.git", repo):  # with and without .git
        base = f"{hub.url}/{path}/info/lfs"
        # Basic auth with the token as password, as git-lfs sends it
        r = requests.post(f"{base}/objects/batch", json=body, auth=("whoever", TOKENS["ada"]), headers=lfs_headers)
        assert r.status_code == 200, r.text
        action = r.json()["objects"][0]["actions"]["download"]
        got = requests.get(action["href"], headers=action.get("header", {}))
        assert got.status_code == 200 and got.content == data
        assert requests.get(action["href"]).status_code == 401  # the href is no bearer of access itself
        # anonymous: 401 with a challenge (so git-lfs sends credentials); no read access: 404
        anon = requests.post(f"{base}/objects/batch", json=body, headers=lfs_headers)
        assert anon.status_code == 401 and anon.headers["WWW-Authenticate"].startswith("Basic")
        assert "message" in anon.json()
        eve = requests.post(f"{base}/objects/batch", json=body, auth=("eve", TOKENS["eve"]), headers=lfs_headers)
        assert eve.status_code == 404
        # locking is not supported: 501, which git-lfs reads as such
        assert requests.post(f"{base}/locks/verify", json={}, auth=("ada", TOKENS["ada"])).status_code == 501
        assert requests.get(f"{base}/locks", auth=("ada", TOKENS["ada"])).status_code == 501
    # the Bearer token of huggingface_hub still works on the batch API, Basic does not elsewhere
    r = requests.post(
        f"{hub.url}/{repo}.git/info/lfs/objects/batch", json=body, headers={"Authorization": f"Bearer {TOKENS['ada']}"}
    )
    assert r.status_code == 200
    assert requests.get(f"{hub.url}/api/models/{repo}", auth=("ada", TOKENS["ada"])).status_code == 401


def test_push_racing_an_api_commit_loses_nothing(hub_factory, git_env, tmp_path):
    """receive-pack moves a ref by compare-and-swap, like storage: the update that comes second is refused."""
    server = hub_factory(tmp_path / "data", ["--ephemeral"]).start()
    api = server.api("ada")
    repo = "ada/race"
    api.create_repo(repo)
    hook = server.data_dir / "git-hooks" / "pre-receive"
    real = hook.with_name("real-pre-receive")
    hook.rename(real)
    gate = tmp_path / "gate"
    hook.write_text(f'#!/bin/sh\ntouch "{gate}.waiting"\nwhile [ ! -e "{gate}" ]; do sleep 0.02; done\nexec "{real}"\n')
    hook.chmod(0o755)
    work = clone(git_env, url(server, repo, user="ada"), tmp_path / "work")
    commit(git_env, work, {"git.txt": "git\n"}, "by git")
    push = subprocess.Popen(
        ["git", "-c", "credential.helper=", "push", "origin", "main"],
        cwd=work,
        env=git_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(500):  # the push is checked and waits at the gate, main not yet moved
            if Path(f"{gate}.waiting").exists():
                break
            push.poll()
            assert push.returncode is None, push.communicate()
            time.sleep(0.02)
        api_sha = api.upload_file(path_or_fileobj=b"api\n", path_in_repo="api.txt", repo_id=repo).oid
    finally:
        gate.touch()
    _, stderr = push.communicate(timeout=60)
    assert push.returncode != 0 and "failed to update ref" in stderr, stderr
    assert api.model_info(repo).sha == api_sha and api.list_repo_files(repo) == [".gitattributes", "api.txt"]
    git(git_env, "pull", "--quiet", "--no-rebase", "origin", "main", cwd=work)  # merge, then the push goes through
    git(git_env, "push", "--quiet", "origin", "main", cwd=work)
    assert api.list_repo_files(repo) == [".gitattributes", "api.txt", "git.txt"]
