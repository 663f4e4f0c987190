"""Library flows against the real server process: datasets, HfFileSystem, the `hf` CLI, pull requests."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from huggingface_hub.errors import HfHubHTTPError

DATASETS_SCRIPT = textwrap.dedent("""
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
""")


def test_datasets_push_and_load(hub, repo_name, tmp_path):
    script = tmp_path / "ds.py"
    script.write_text(DATASETS_SCRIPT)
    r = subprocess.run(
        [sys.executable, str(script), f"ada/{repo_name}"],
        capture_output=True,
        text=True,
        env=hub.env("ada", hf_home=tmp_path / "hf-home"),
        timeout=300,
    )
    assert r.returncode == 0 and "OK" in r.stdout, r.stdout[-3000:] + r.stderr[-6000:]


def test_hf_filesystem(hub, repo_name):
    from huggingface_hub import HfFileSystem

    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo, repo_type="dataset")
    api.upload_file(path_or_fileobj=b"hello world\n", path_in_repo="data/a.txt", repo_id=repo, repo_type="dataset")
    api.upload_file(path_or_fileobj=bytes(range(256)) * 8, path_in_repo="data/b.bin", repo_id=repo, repo_type="dataset")
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
    r = subprocess.run(
        [str(hf), "upload", repo, str(src), "sub/weights.bin"], capture_output=True, text=True, env=env, timeout=120
    )
    assert r.returncode == 0, r.stdout + r.stderr
    out = tmp_path / "out"
    r = subprocess.run(
        [str(hf), "download", repo, "sub/weights.bin", "--local-dir", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
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
    path = hf_hub_download(
        repo, "f.txt", revision="refs/pr/1", endpoint=hub.url, cache_dir=cache_dir, token=hub.tokens["ada"]
    )
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
    c4 = api.create_commit(
        repo, [CommitOperationAdd("x", b"x")], commit_message="x", create_pr=True, repo_type="dataset"
    )
    assert c4.pr_url == f"{hub.url}/datasets/{repo}/discussions/1"
    snap = hub.snapshot()
    with pytest.raises(HfHubHTTPError, match="404"):
        api.get_discussion_details(repo, 9)
    assert hub.snapshot() == snap


def test_pull_request_review_and_merge(hub, repo_name, cache_dir):
    """The review loop: open a PR, comment, push a fix to refs/pr/N, read its diff, merge (fast-forward)."""
    from huggingface_hub import CommitOperationAdd, hf_hub_download

    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    api.upload_file(path_or_fileobj=b"v1\n", path_in_repo="f.txt", repo_id=repo)
    pr = api.create_commit(
        repo,
        [CommitOperationAdd("f.txt", b"v2\n")],
        commit_message="Use v2",
        commit_description="Why: v1 is stale.",
        create_pr=True,
    )
    review = hub.api("alan").comment_discussion(repo, pr.pr_num, "Please also add notes.txt")  # a reader comments
    assert review.content == "Please also add notes.txt" and review.author == "alan"
    fix = api.create_commit(
        repo, [CommitOperationAdd("notes.txt", b"notes\n")], commit_message="Add notes", revision=pr.pr_revision
    )
    details = api.get_discussion_details(repo, pr.pr_num)
    assert [e.type for e in details.events] == ["comment", "commit", "comment", "commit"]
    assert details.events[0].content == "Why: v1 is stale." and details.events[2].author == "alan"
    assert "-v1\n+v2" in details.diff and "+++ b/notes.txt" in details.diff
    with pytest.raises(Exception, match="403|write access"):
        hub.api("alan").merge_pull_request(repo, pr.pr_num)  # only writers merge
    api.merge_pull_request(repo, pr.pr_num, comment="Thanks!")
    merged = api.get_discussion_details(repo, pr.pr_num)
    assert merged.status == "merged" and merged.merge_commit_oid == fix.oid == api.repo_info(repo).sha
    assert [e.oid for e in merged.events if e.type == "commit"] == [pr.oid, fix.oid], "a merged PR keeps its commits"
    path = hf_hub_download(repo, "notes.txt", endpoint=hub.url, cache_dir=cache_dir, token=hub.tokens["ada"])
    assert Path(path).read_bytes() == b"notes\n"
    with pytest.raises(Exception, match="409|merged"):
        api.merge_pull_request(repo, pr.pr_num)
    with pytest.raises(Exception, match="409|merged"):
        api.change_discussion_status(repo, pr.pr_num, "open")


def test_merge_after_main_moved_and_conflicts(hub, repo_name):
    from huggingface_hub import CommitOperationAdd

    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    api.upload_file(path_or_fileobj=b"a\n", path_in_repo="a.txt", repo_id=repo)
    clean = api.create_commit(repo, [CommitOperationAdd("b.txt", b"b\n")], commit_message="Add b", create_pr=True)
    clash = api.create_commit(repo, [CommitOperationAdd("a.txt", b"pr\n")], commit_message="Edit a", create_pr=True)
    moved = api.upload_file(path_or_fileobj=b"main\n", path_in_repo="a.txt", repo_id=repo).oid  # main moves on
    api.merge_pull_request(repo, clean.pr_num)  # a three-way merge: a merge commit with both parents
    head = api.list_repo_commits(repo)[0]
    assert (
        head.title == "Merge pull request #1: Add b"
        and api.get_discussion_details(repo, 1).merge_commit_oid == head.commit_id
    )
    assert set(api.list_repo_files(repo)) >= {"a.txt", "b.txt"}
    snap = hub.snapshot()
    with pytest.raises(Exception, match="a.txt"):
        api.merge_pull_request(repo, clash.pr_num)  # both changed a.txt: refused, nothing changes
    assert hub.snapshot() == snap and api.get_discussion_details(repo, clash.pr_num).status == "open"
    assert moved in [c.commit_id for c in api.list_repo_commits(repo)]


def test_anyone_who_can_read_may_propose_changes(hub, repo_name, cache_dir):
    """As on huggingface.co: alan cannot write to ada's repo, but may open a pull request on it (an LFS file
    included) and add commits to it; nobody else may push to his PR, and only ada merges it."""
    from huggingface_hub import CommitOperationAdd, hf_hub_download

    ada, alan, eve = hub.api("ada"), hub.api("alan"), hub.api("eve")
    repo = f"ada/{repo_name}"
    ada.create_repo(repo)
    ada.upload_file(path_or_fileobj=b"v1", path_in_repo="f.txt", repo_id=repo)
    snap = hub.snapshot()
    with pytest.raises(Exception, match="403"):
        alan.upload_file(path_or_fileobj=b"v2", path_in_repo="f.txt", repo_id=repo)  # straight to main: no
    assert hub.snapshot() == snap
    weights = bytes(range(256)) * 64
    pr = alan.create_commit(
        repo,
        [CommitOperationAdd("f.txt", b"v2"), CommitOperationAdd("w.bin", weights)],
        commit_message="Better f",
        create_pr=True,
    )
    assert ada.get_discussion_details(repo, pr.pr_num).author == "alan"
    assert "w.bin" in {f.rfilename for f in ada.model_info(repo, revision=pr.pr_revision, files_metadata=True).siblings}
    alan.create_commit(repo, [CommitOperationAdd("g.txt", b"g")], commit_message="And g", revision=pr.pr_revision)
    snap = hub.snapshot()
    with pytest.raises(Exception, match="403"):
        eve.create_commit(repo, [CommitOperationAdd("h.txt", b"h")], commit_message="Me too", revision=pr.pr_revision)
    with pytest.raises(Exception, match="403"):
        alan.merge_pull_request(repo, pr.pr_num)
    assert hub.snapshot() == snap
    ada.merge_pull_request(repo, pr.pr_num)
    path = hf_hub_download(repo, "w.bin", endpoint=hub.url, cache_dir=cache_dir, token=hub.tokens["ada"])
    assert Path(path).read_bytes() == weights and set(ada.list_repo_files(repo)) >= {"f.txt", "g.txt", "w.bin"}
    with pytest.raises(Exception, match="403"):  # a merged PR takes no more commits from its author
        alan.create_commit(repo, [CommitOperationAdd("late.txt", b"x")], commit_message="Late", revision=pr.pr_revision)


def test_discussions_list_filter_status_and_title(hub, repo_name):
    api, alan = hub.api("ada"), hub.api("alan")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    api.upload_file(path_or_fileobj=b"x", path_in_repo="x", repo_id=repo)
    question = alan.create_discussion(repo, "Which licence?", description="The card has none.")
    assert not question.is_pull_request and question.status == "open" and question.author == "alan"
    draft = api.create_pull_request(repo, "Draft: new card")
    assert draft.is_pull_request and draft.status == "draft" and draft.num == question.num + 1
    with pytest.raises(Exception, match="401|authenticated"):
        hub.api(None).create_pull_request(repo, "Anonymous proposal")
    listed = list(api.get_repo_discussions(repo))
    assert [d.num for d in listed] == [draft.num, question.num]
    assert [d.num for d in api.get_repo_discussions(repo, discussion_type="pull_request")] == [draft.num]
    assert [d.num for d in api.get_repo_discussions(repo, author="alan")] == [question.num]
    # the author may close their own discussion; someone else without write access may not
    with pytest.raises(Exception, match="403|write access"):
        hub.api("eve").change_discussion_status(repo, question.num, "closed")
    closed = alan.change_discussion_status(repo, question.num, "closed", comment="Answered in the card.")
    assert closed.new_status == "closed"
    assert [d.num for d in api.get_repo_discussions(repo, discussion_status="closed")] == [question.num]
    assert [d.num for d in api.get_repo_discussions(repo, discussion_status="open")] == [draft.num]
    renamed = api.rename_discussion(repo, draft.num, "New card")
    assert (renamed.old_title, renamed.new_title) == ("Draft: new card", "New card")
    events = api.get_discussion_details(repo, question.num).events
    assert [e.type for e in events] == ["comment", "comment", "status-change"]
    with pytest.raises(Exception, match="not a pull request"):
        api.merge_pull_request(repo, question.num)
    assert api.get_discussion_details(repo, draft.num).title == "New card"


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

    assert [
        e["path"]
        for e in paginate(f"{hub.url}/api/models/{repo}/tree/main", {"recursive": "true", "limit": 3}, headers)
    ] == seen
    r = httpx.get(f"{hub.url}/api/models/{repo}/commits/main", params={"limit": 4}, headers=headers)
    assert len(r.json()) == 4 and "next" in r.links
    nxt = httpx.get(r.links["next"]["url"], headers=headers)
    assert len(nxt.json()) == 2 and "next" not in nxt.links  # 5 commits + the initial one
    assert [c.title for c in api.list_repo_commits(repo)][:2] == ["c4", "c3"]


def test_discussion_requests_that_are_wrong_change_nothing(hub, repo_name):
    import requests

    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    num = api.create_discussion(repo, "Question").num
    base = f"{hub.url}/api/models/{repo}/discussions"
    ada = {"authorization": f"Bearer {hub.tokens['ada']}"}
    snap = hub.snapshot()
    cases = [
        (requests.post(base, json={"title": "  "}, headers=ada), 400, "title"),
        (requests.post(base, json={"title": "Anonymous"}), 401, "authenticated"),
        (requests.post(f"{base}/{num}/comment", json={"comment": ""}, headers=ada), 400, "comment"),
        (requests.post(f"{base}/{num}/status", json={"status": "merged"}, headers=ada), 400, "status"),
        (requests.post(f"{base}/{num}/title", data=b"{not json", headers=ada), 400, "JSON"),
        (requests.post(f"{base}/{num + 5}/comment", json={"comment": "hi"}, headers=ada), 404, "not found"),
        (requests.get(base, params={"status": "weird"}, headers=ada), 400, "status"),
        (requests.get(base, params={"p": "x"}, headers=ada), 400, "page"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, (response.request.method, response.url, response.text)
        assert words.lower() in response.text.lower(), response.text
    assert hub.snapshot() == snap
