"""Library flows against the real server process: datasets, HfFileSystem, the `hf` CLI, pull requests."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DATASETS_SCRIPT = textwrap.dedent('''
    import sys
    from datasets import ClassLabel, Dataset, DatasetDict, Features, Value, load_dataset

    repo = sys.argv[1]
    feats = Features({"text": Value("string"), "label": ClassLabel(names=["neg", "pos"])})
    dd = DatasetDict({
        "train": Dataset.from_dict({"text": ["a", "b", "c", "d"], "label": [0, 1, 1, 0]}, features=feats),
        "test": Dataset.from_dict({"text": ["e", "f"], "label": [1, 0]}, features=feats),
    })
    dd.push_to_hub(repo)
    back = load_dataset(repo)
    assert set(back) == {"train", "test"}, back
    for split in ("train", "test"):
        assert back[split].features == feats, back[split].features
        assert back[split].to_dict() == dd[split].to_dict(), (split, back[split].to_dict())

    small = DatasetDict({"train": Dataset.from_dict({"text": ["x"], "label": [1]}, features=feats)})
    small.push_to_hub(repo, config_name="small", revision="dev")
    s = load_dataset(repo, "small", revision="dev")
    assert s["train"].to_dict() == {"text": ["x"], "label": [1]}, s["train"].to_dict()

    rows = list(load_dataset(repo, split="train", streaming=True))
    assert rows == [{"text": t, "label": l} for t, l in zip(["a", "b", "c", "d"], [0, 1, 1, 0])], rows
    print("OK")
''')


def test_datasets_push_and_load(hub, repo_name, tmp_path):
    script = tmp_path / "ds.py"
    script.write_text(DATASETS_SCRIPT)
    r = subprocess.run([sys.executable, str(script), f"ada/{repo_name}"], capture_output=True, text=True,
                       env=hub.env("ada", hf_home=tmp_path / "hf-home"), timeout=300)
    assert r.returncode == 0 and "OK" in r.stdout, r.stdout[-3000:] + r.stderr[-6000:]


def test_hf_filesystem(hub, repo_name):
    from huggingface_hub import HfFileSystem

    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo, repo_type="dataset")
    api.upload_file(path_or_fileobj=b"hello world\n", path_in_repo="data/a.txt", repo_id=repo, repo_type="dataset")
    api.upload_file(path_or_fileobj=bytes(range(256)) * 8, path_in_repo="data/b.bin", repo_id=repo,
                    repo_type="dataset")
    fs = HfFileSystem(endpoint=hub.url, token=hub.tokens["ada"])
    root = f"datasets/{repo}"
    names = sorted(fs.ls(root, detail=False))
    assert f"{root}/data" in names and f"{root}/.gitattributes" in names
    assert sorted(fs.ls(f"{root}/data", detail=False)) == [f"{root}/data/a.txt", f"{root}/data/b.bin"]
    assert fs.read_text(f"{root}/data/a.txt") == "hello world\n"
    assert fs.read_bytes(f"{root}/data/b.bin") == bytes(range(256)) * 8
    with fs.open(f"{root}/data/b.bin", "rb") as f:  # Range reads
        f.seek(300)
        assert f.read(10) == bytes(range(44, 54))
    assert sorted(fs.glob(f"{root}/data/*.txt")) == [f"{root}/data/a.txt"]
    info = fs.info(f"{root}/data/b.bin")
    assert info["size"] == 2048 and info["type"] == "file"
    assert fs.info(root)["type"] == "directory"
    assert fs.exists(f"{root}/data/a.txt") and not fs.exists(f"{root}/data/missing.txt")


def test_hf_cli_upload_download(hub, repo_name, tmp_path):
    hf = Path(sys.executable).with_name("hf")
    src = tmp_path / "weights.bin"
    src.write_bytes(b"\x00\x01binary" * 1000)
    env = hub.env("ada", hf_home=tmp_path / "hf-home")
    repo = f"ada/{repo_name}"
    r = subprocess.run([str(hf), "upload", repo, str(src), "sub/weights.bin"], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    out = tmp_path / "out"
    r = subprocess.run([str(hf), "download", repo, "sub/weights.bin", "--local-dir", str(out)], capture_output=True,
                       text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (out / "sub" / "weights.bin").read_bytes() == src.read_bytes()


def test_create_pr(hub, repo_name, cache_dir):
    from huggingface_hub import CommitOperationAdd, hf_hub_download

    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    api.upload_file(path_or_fileobj=b"v1", path_in_repo="f.txt", repo_id=repo)
    main_sha = api.repo_info(repo).sha
    c1 = api.create_commit(repo, [CommitOperationAdd("f.txt", b"v2")], commit_message="Propose v2", create_pr=True)
    assert c1.pr_url == f"{hub.url}/{repo}/discussions/1" and c1.pr_num == 1 and c1.pr_revision == "refs/pr/1"
    c2 = api.create_commit(repo, [CommitOperationAdd("g.txt", b"g")], commit_message="Second PR", create_pr=True)
    assert c2.pr_num == 2
    assert api.repo_info(repo).sha == main_sha  # main untouched
    refs = api.list_repo_refs(repo, include_pull_requests=True)
    prs = {r.ref: r.target_commit for r in refs.pull_requests}
    assert prs == {"refs/pr/1": c1.oid, "refs/pr/2": c2.oid}
    path = hf_hub_download(repo, "f.txt", revision="refs/pr/1", endpoint=hub.url, cache_dir=cache_dir,
                           token=hub.tokens["ada"])
    assert Path(path).read_bytes() == b"v2"
    d = api.get_discussion_details(repo, 1)
    assert d.is_pull_request and d.num == 1 and d.title == "Propose v2" and d.author == "ada"
    assert d.target_branch == "refs/heads/main" and d.status == "open"
    assert [e.oid for e in d.events if e.type == "commit"] == [c1.oid]
    # a follow-up commit onto the PR branch
    c3 = api.create_commit(repo, [CommitOperationAdd("f.txt", b"v3")], commit_message="fixup", revision="refs/pr/1")
    assert api.list_repo_refs(repo, include_pull_requests=True).pull_requests[0].target_commit == c3.oid
    # dataset repos number their PRs independently
    api.create_repo(repo, repo_type="dataset")
    c4 = api.create_commit(repo, [CommitOperationAdd("x", b"x")], commit_message="x", create_pr=True,
                           repo_type="dataset")
    assert c4.pr_url == f"{hub.url}/datasets/{repo}/discussions/1"
    snap = hub.snapshot()
    with pytest.raises(Exception):
        api.get_discussion_details(repo, 9)
    assert hub.snapshot() == snap


def test_link_pagination_tree_and_commits(hub, repo_name):
    import httpx

    from huggingface_hub import CommitOperationAdd

    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    for i in range(5):
        api.create_commit(repo, [CommitOperationAdd(f"d/f{i}.txt", str(i).encode())], commit_message=f"c{i}")
    headers = {"authorization": f"Bearer {hub.tokens['ada']}"}
    r = httpx.get(f"{hub.url}/api/models/{repo}/tree/main/d", params={"limit": 2}, headers=headers)
    assert [e["path"] for e in r.json()] == ["d/f0.txt", "d/f1.txt"] and r.links["next"]["url"]
    seen, url = [], f"{hub.url}/api/models/{repo}/tree/main?recursive=true&limit=2"
    while url:
        r = httpx.get(url, headers=headers)
        seen += [e["path"] for e in r.json()]
        url = r.links.get("next", {}).get("url")
    assert sorted(seen) == sorted(f.path for f in api.list_repo_tree(repo, recursive=True))
    assert len(seen) == 7  # .gitattributes, d, d/f0..f4
    from huggingface_hub.utils import paginate  # the clients' own follower of Link: rel="next"
    assert [e["path"] for e in paginate(f"{hub.url}/api/models/{repo}/tree/main", {"recursive": "true", "limit": 3},
                                        headers)] == seen
    r = httpx.get(f"{hub.url}/api/models/{repo}/commits/main", params={"limit": 4}, headers=headers)
    assert len(r.json()) == 4 and "next" in r.links
    nxt = httpx.get(r.links["next"]["url"], headers=headers)
    assert len(nxt.json()) == 2 and "next" not in nxt.links  # 5 commits + the initial one
    assert [c.title for c in api.list_repo_commits(repo)][:2] == ["c4", "c3"]
