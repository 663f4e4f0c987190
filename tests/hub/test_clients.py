"""The local Hub against the REAL, unmodified clients (huggingface_hub, transformers) over HTTP on loopback."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from huggingface_hub import (
    CommitOperationAdd,
    CommitOperationDelete,
    ModelCard,
    hf_hub_download,
    metadata_update,
    snapshot_download,
)
from huggingface_hub.errors import EntryNotFoundError, HfHubHTTPError, RepositoryNotFoundError, RevisionNotFoundError

from localhub.client import compare

# The roster's tokens (tests/hub/conftest.py: ROSTER); the hub fixture checks they match.
TOKENS = {"ada": "hf_ada_test_token_0001", "alan": "hf_alan_test_token_0002", "eve": "hf_eve_test_token_0003"}

SHA40 = set("0123456789abcdef")


def auth(user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[user]}"}


# ------------------------------------------------------------------------------------------------- account, repos
def test_whoami(hub):
    assert hub.tokens == TOKENS
    me = hub.api("ada").whoami()
    assert me["name"] == "ada"
    assert [o["name"] for o in me["orgs"]] == ["class-2026"]


def test_create_repo_kinds(hub, repo_name):
    api = hub.api("ada")
    url = api.create_repo(f"ada/{repo_name}")
    assert str(url) == f"{hub.url}/ada/{repo_name}"
    assert api.create_repo(f"ada/{repo_name}", exist_ok=True).repo_id == f"ada/{repo_name}"
    with pytest.raises(HfHubHTTPError) as e:
        api.create_repo(f"ada/{repo_name}")
    assert e.value.response.status_code == 409
    ds = api.create_repo(f"ada/{repo_name}", repo_type="dataset")
    assert str(ds) == f"{hub.url}/datasets/ada/{repo_name}"
    space = api.create_repo(f"ada/{repo_name}", repo_type="space", space_sdk="gradio")
    assert str(space) == f"{hub.url}/spaces/ada/{repo_name}"
    assert api.space_info(f"ada/{repo_name}").sdk == "gradio"
    api.create_repo(f"class-2026/{repo_name}", private=True)  # an org the user belongs to
    info = api.model_info(f"class-2026/{repo_name}")
    assert info.private is True and len(info.sha) == 40 and set(info.sha) <= SHA40
    assert [s.rfilename for s in info.siblings] == [".gitattributes"]
    assert api.dataset_info(f"ada/{repo_name}").id == f"ada/{repo_name}"
    assert f"ada/{repo_name}" in [m.id for m in api.list_models(author="ada")]
    api.delete_repo(f"ada/{repo_name}", repo_type="dataset")
    with pytest.raises(RepositoryNotFoundError):
        api.dataset_info(f"ada/{repo_name}")


# ------------------------------------------------------------------------------------------------- upload/download
def test_upload_commit_download(hub, repo_name, tmp_path, cache_dir):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("alpha\n")
    (folder / "sub" / "b.json").write_text('{"b": 1}\n')
    big = os.urandom(11 * 1024 * 1024)  # >= 10 MB: LFS
    (folder / "weights.bin").write_bytes(big)
    tensors = b"\x00\x01fake safetensors" * 10
    (folder / "model.safetensors").write_bytes(tensors)
    api.upload_folder(folder_path=folder, repo_id=repo, commit_message="add folder")
    api.upload_file(path_or_fileobj=b"", path_in_repo="empty.txt", repo_id=repo)
    files = api.list_repo_files(repo)
    assert files == [".gitattributes", "a.txt", "empty.txt", "model.safetensors", "sub/b.json", "weights.bin"]
    tree = {e.path: e for e in api.list_repo_tree(repo, recursive=True)}
    assert tree["weights.bin"].lfs.sha256 == hashlib.sha256(big).hexdigest()
    assert tree["weights.bin"].size == len(big)
    assert tree["model.safetensors"].lfs is not None
    assert tree["a.txt"].lfs is None and tree["a.txt"].size == 6
    assert type(tree["sub"]).__name__ == "RepoFolder"
    assert [e.path for e in api.list_repo_tree(repo, path_in_repo="sub")] == ["sub/b.json"]
    infos = api.get_paths_info(repo, ["a.txt", "sub", "missing.txt"])
    assert sorted(i.path for i in infos) == ["a.txt", "sub"]
    # downloads, regular and LFS
    assert Path(hf_hub_download(repo, "weights.bin", endpoint=hub.url, cache_dir=cache_dir)).read_bytes() == big
    assert Path(hf_hub_download(repo, "sub/b.json", endpoint=hub.url, cache_dir=cache_dir)).read_text() == '{"b": 1}\n'
    assert Path(hf_hub_download(repo, "empty.txt", endpoint=hub.url, cache_dir=cache_dir)).read_bytes() == b""
    with pytest.raises(EntryNotFoundError):
        hf_hub_download(repo, "nope.txt", endpoint=hub.url, cache_dir=cache_dir)
    assert api.file_exists(repo, "a.txt") and not api.file_exists(repo, "nope.txt")
    # create_commit: add, delete a file, delete a folder
    api.create_commit(
        repo,
        operations=[
            CommitOperationAdd("c.txt", b"gamma\n"),
            CommitOperationDelete("a.txt"),
            CommitOperationDelete("sub/"),
        ],
        commit_message="edit",
    )
    assert api.list_repo_files(repo) == [".gitattributes", "c.txt", "empty.txt", "model.safetensors", "weights.bin"]
    # Range requests (206)
    r = requests.get(f"{hub.url}/{repo}/resolve/main/weights.bin", headers={"Range": "bytes=10-19"})
    assert r.status_code == 206 and r.content == big[10:20]
    head = requests.head(f"{hub.url}/{repo}/resolve/main/weights.bin")
    assert head.headers["X-Linked-Size"] == str(len(big)) and len(head.headers["X-Repo-Commit"]) == 40


def test_revisions_branches_tags(hub, repo_name, cache_dir):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    first = api.upload_file(path_or_fileobj=b"v1\n", path_in_repo="f.txt", repo_id=repo).oid
    api.create_tag(repo, tag="v1.0", tag_message="first release")
    api.create_branch(repo, branch="dev")
    api.upload_file(path_or_fileobj=b"dev\n", path_in_repo="f.txt", repo_id=repo, revision="dev")
    api.upload_file(path_or_fileobj=b"v2\n", path_in_repo="f.txt", repo_id=repo)

    def get(rev):
        return Path(hf_hub_download(repo, "f.txt", revision=rev, endpoint=hub.url, cache_dir=cache_dir)).read_text()

    assert (get("main"), get("dev"), get("v1.0"), get(first)) == ("v2\n", "dev\n", "v1\n", "v1\n")
    snap = snapshot_download(repo, revision="dev", endpoint=hub.url, cache_dir=cache_dir)
    assert (Path(snap) / "f.txt").read_text() == "dev\n"
    snap = snapshot_download(repo, revision=first, endpoint=hub.url, cache_dir=cache_dir)
    assert (Path(snap) / "f.txt").read_text() == "v1\n"
    refs = api.list_repo_refs(repo)
    assert sorted(b.name for b in refs.branches) == ["dev", "main"]
    assert [(t.name, t.target_commit) for t in refs.tags] == [("v1.0", first)]
    commits = api.list_repo_commits(repo)
    assert [c.title for c in commits][:2] == ["Upload f.txt with huggingface_hub"] * 2
    assert commits[-1].title == "initial commit" and commits[0].authors == ["ada"]
    assert next(c.commit_id for c in api.list_repo_commits(repo, revision="v1.0")) == first
    with pytest.raises(HfHubHTTPError) as e:
        api.create_branch(repo, branch="dev")
    assert e.value.response.status_code == 409
    api.create_branch(repo, branch="dev", exist_ok=True)
    api.delete_branch(repo, branch="dev")
    api.delete_tag(repo, tag="v1.0")
    refs = api.list_repo_refs(repo)
    assert [b.name for b in refs.branches] == ["main"] and refs.tags == []
    with pytest.raises(RevisionNotFoundError):
        hf_hub_download(repo, "f.txt", revision="dev", endpoint=hub.url, cache_dir=cache_dir / "fresh")
    # the course's own diff endpoint
    diffs = compare(repo, first, "main", endpoint=hub.url, token=TOKENS["ada"])
    assert [(d.path, d.status) for d in diffs] == [("f.txt", "modified")]
    assert "-v1\n+v2" in diffs[0].patch


def test_parent_commit_conflict(hub, repo_name):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    old = api.model_info(repo).sha
    new = api.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id=repo).oid
    before = hub.snapshot()
    with pytest.raises(HfHubHTTPError) as e:
        api.create_commit(
            repo, operations=[CommitOperationAdd("y.txt", b"y")], commit_message="stale", parent_commit=old
        )
    assert e.value.response.status_code == 412
    assert hub.snapshot() == before and api.model_info(repo).sha == new
    api.create_commit(repo, operations=[CommitOperationAdd("y.txt", b"y")], commit_message="fresh", parent_commit=new)


def test_model_card(hub, hf_endpoint, repo_name, cache_dir, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(cache_dir))
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    card = ModelCard("---\nlicense: mit\ntags: [demo]\npipeline_tag: text-classification\n---\n# Demo\nHello.\n")
    card.push_to_hub(repo, token=TOKENS["ada"])
    info = api.model_info(repo)
    assert info.card_data["license"] == "mit" and info.pipeline_tag == "text-classification"
    assert "demo" in info.tags
    loaded = ModelCard.load(repo, token=TOKENS["ada"])
    assert loaded.data.license == "mit" and "Hello." in loaded.text
    metadata_update(repo, {"language": "en"}, token=TOKENS["ada"])
    assert api.model_info(repo).card_data["language"] == "en"
    # invalid metadata is refused before anything is uploaded
    with pytest.raises(ValueError):
        api.upload_file(
            path_or_fileobj=b"---\nlicense: [1, {a: 2}]\ntags: 3\n---\n", path_in_repo="README.md", repo_id=repo
        )


# ------------------------------------------------------------------------------------------------- negatives
def test_write_to_other_namespace_forbidden(hub, repo_name):
    hub.api("ada").create_repo(f"ada/{repo_name}")
    before = hub.snapshot()
    eve = hub.api("eve")
    with pytest.raises(HfHubHTTPError) as e:
        eve.create_repo(f"ada/{repo_name}-2")
    assert e.value.response.status_code == 403
    with pytest.raises(HfHubHTTPError) as e:
        eve.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id=f"ada/{repo_name}")
    assert e.value.response.status_code == 403
    with pytest.raises(HfHubHTTPError) as e:
        eve.create_repo(f"class-2026/{repo_name}")  # not a member
    assert e.value.response.status_code == 403
    with pytest.raises(HfHubHTTPError) as e:
        eve.delete_repo(f"ada/{repo_name}")
    assert e.value.response.status_code == 403
    assert hub.snapshot() == before


def test_private_repo_invisible_to_others(hub, repo_name, cache_dir):
    ada = hub.api("ada")
    repo = f"ada/{repo_name}"
    ada.create_repo(repo, private=True)
    ada.upload_file(path_or_fileobj=b"secret", path_in_repo="s.txt", repo_id=repo)
    before = hub.snapshot()
    for user in ("eve", None):
        api = hub.api(user)
        with pytest.raises(RepositoryNotFoundError):
            api.model_info(repo)
        with pytest.raises(RepositoryNotFoundError):
            api.list_repo_files(repo)
        assert repo not in [m.id for m in api.list_models(author="ada")]
    with pytest.raises(RepositoryNotFoundError):
        hf_hub_download(repo, "s.txt", endpoint=hub.url, token=TOKENS["eve"], cache_dir=cache_dir)
    with pytest.raises(RepositoryNotFoundError):
        hub.api("eve").upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id=repo)
    assert hub.snapshot() == before
    # a member of the same org reads org-private repos; others do not
    hub.api("ada").create_repo(f"class-2026/{repo_name}", private=True)
    assert hub.api("alan").model_info(f"class-2026/{repo_name}").private
    with pytest.raises(RepositoryNotFoundError):
        hub.api("eve").model_info(f"class-2026/{repo_name}")


def test_bad_token(hub):
    from huggingface_hub import HfApi

    before = hub.snapshot()
    api = HfApi(endpoint=hub.url, token="hf_not_a_real_token")
    with pytest.raises(HfHubHTTPError) as e:
        api.whoami()
    assert e.value.response.status_code == 401
    r = requests.post(f"{hub.url}/api/repos/create", json={"name": "x"}, headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    assert r.headers["X-Error-Message"] == "Invalid credentials in Authorization header"
    assert hub.snapshot() == before


def _ndjson(*items) -> bytes:
    return b"\n".join(json.dumps(i).encode() for i in items)


def test_path_traversal(hub, repo_name):
    repo = f"ada/{repo_name}"
    hub.api("ada").create_repo(repo)
    before = hub.snapshot()
    for bad in ["../escape.txt", "a/../../escape.txt", "/etc/passwd", ".git/config", "a/./b", "a//b"]:
        body = _ndjson(
            {"key": "header", "value": {"summary": "x"}},
            {"key": "file", "value": {"path": bad, "content": base64.b64encode(b"x").decode(), "encoding": "base64"}},
        )
        r = requests.post(
            f"{hub.url}/api/models/{repo}/commit/main",
            data=body,
            headers={**auth("ada"), "Content-Type": "application/x-ndjson"},
        )
        assert r.status_code == 400, (bad, r.text)
    for bad_name in ["..", "..%2F..%2Fx", ".git", "a.git", "-x"]:
        r = requests.post(
            f"{hub.url}/api/repos/create", json={"name": bad_name, "organization": "ada"}, headers=auth("ada")
        )
        assert r.status_code in (400, 403), (bad_name, r.text)
    r = requests.get(f"{hub.url}/api/models/ada/..%2F..%2Fetc/tree/main", headers=auth("ada"))
    assert r.status_code in (400, 404)
    r = requests.get(f"{hub.url}/{repo}/resolve/main/..%2F..%2Fsecret", headers=auth("ada"))
    assert r.status_code in (400, 404)
    assert hub.snapshot() == before


def test_malformed_ndjson(hub, repo_name):
    repo = f"ada/{repo_name}"
    hub.api("ada").create_repo(repo)
    before = hub.snapshot()
    good = json.dumps({"key": "file", "value": {"path": "ok.txt", "content": "eA==", "encoding": "base64"}})
    body = "\n".join([json.dumps({"key": "header", "value": {"summary": "x"}}), good, "{not json"]).encode()
    r = requests.post(
        f"{hub.url}/api/models/{repo}/commit/main",
        data=body,
        headers={**auth("ada"), "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 400 and "line 3" in r.json()["error"]
    r = requests.post(
        f"{hub.url}/api/models/{repo}/commit/main",
        data=good.encode(),
        headers={**auth("ada"), "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 400  # no header
    assert hub.snapshot() == before
    assert hub.api("ada").list_repo_files(repo) == [".gitattributes"]


def test_commit_with_invalid_card_metadata_is_refused(hub, repo_name):
    """The server checks README metadata on commit too (as huggingface.co does), not only in validate-yaml."""
    repo = f"ada/{repo_name}"
    hub.api("ada").create_repo(repo, repo_type="dataset")
    before = hub.snapshot()
    readme = base64.b64encode(b"---\nconfigs:\n- config_name: default\n  data_files: {train: a.csv}\n---\n# x\n")
    body = "\n".join(
        [
            json.dumps({"key": "header", "value": {"summary": "card"}}),
            json.dumps(
                {"key": "file", "value": {"path": "README.md", "content": readme.decode(), "encoding": "base64"}}
            ),
        ]
    ).encode()
    r = requests.post(
        f"{hub.url}/api/datasets/{repo}/commit/main",
        data=body,
        headers={**auth("ada"), "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 400, r.text
    assert r.json()["error"].startswith("Invalid metadata in README.md: configs[0].data_files")
    assert hub.snapshot() == before
    ok = base64.b64encode(b"---\nlicense: other\n---\n# warnings (no license_name) do not block\n").decode()
    body = body.replace(readme, ok.encode())
    r = requests.post(
        f"{hub.url}/api/datasets/{repo}/commit/main",
        data=body,
        headers={**auth("ada"), "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 200, r.text


def test_lfs_wrong_sha256_rejected(hub, repo_name):
    repo = f"ada/{repo_name}"
    hub.api("ada").create_repo(repo)
    data = os.urandom(1000)
    claimed = hashlib.sha256(b"something else!" + data[15:]).hexdigest()
    batch = requests.post(
        f"{hub.url}/{repo}.git/info/lfs/objects/batch",
        headers=auth("ada"),
        json={
            "operation": "upload",
            "transfers": ["basic"],
            "hash_algo": "sha256",
            "objects": [{"oid": claimed, "size": len(data)}],
        },
    ).json()
    href = batch["objects"][0]["actions"]["upload"]["href"]
    before = hub.snapshot()
    r = requests.put(href, data=data)
    assert r.status_code == 400
    assert requests.put(href.split("?")[0] + "?sig=forged", data=data).status_code == 403
    assert hub.snapshot() == before
    # committing the never-stored object is refused as well
    body = _ndjson(
        {"key": "header", "value": {"summary": "x"}},
        {"key": "lfsFile", "value": {"path": "w.bin", "algo": "sha256", "oid": claimed, "size": len(data)}},
    )
    r = requests.post(
        f"{hub.url}/api/models/{repo}/commit/main",
        data=body,
        headers={**auth("ada"), "Content-Type": "application/x-ndjson"},
    )
    assert r.status_code == 400
    assert hub.snapshot() == before


def test_oversized_request(tmp_path, hub_factory, repo_name):
    small = hub_factory(tmp_path / "data", extra_args=["--max-request-bytes", "100000"]).start()
    try:
        repo = f"ada/{repo_name}"
        small.api("ada").create_repo(repo)
        before = small.snapshot()
        body = _ndjson(
            {"key": "header", "value": {"summary": "x"}},
            {
                "key": "file",
                "value": {
                    "path": "big.txt",
                    "encoding": "base64",
                    "content": base64.b64encode(b"x" * 200_000).decode(),
                },
            },
        )
        r = requests.post(
            f"{small.url}/api/models/{repo}/commit/main",
            data=body,
            headers={**auth("ada"), "Content-Type": "application/x-ndjson"},
        )
        assert r.status_code == 413
        assert small.snapshot() == before
    finally:
        small.stop()


# ------------------------------------------------------------------------------------------------- server checks
def test_port_taken_and_unwritable_data_dir(hub, tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "localhub", "serve", "--port", str(hub.port), "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert r.stderr.strip() == f"localhub: error: port {hub.port} on 127.0.0.1 is taken; pick another with --port"
    if os.geteuid() != 0:  # root can write anywhere
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        r = subprocess.run(
            [sys.executable, "-m", "localhub", "serve", "--port", "0", "--data-dir", str(ro / "hub")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 2 and "not writable" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = subprocess.run(
        [sys.executable, "-m", "localhub", "serve", "--port", "0", "--data-dir", str(blocker / "hub")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and "not writable" in r.stderr and len(r.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------------------------------------- restart
@pytest.mark.slow
def test_restart_keeps_repos(tmp_path, hub_factory, cache_dir):
    data = tmp_path / "data"
    first = hub_factory(data).start()
    payload = os.urandom(11 * 1024 * 1024)
    try:
        api = first.api("ada")
        api.create_repo("ada/persist")
        api.upload_file(path_or_fileobj=payload, path_in_repo="w.bin", repo_id="ada/persist")
        api.upload_file(path_or_fileobj=b"text", path_in_repo="t.txt", repo_id="ada/persist")
        sha = api.model_info("ada/persist").sha
    finally:
        first.stop()
    second = hub_factory(data).start()
    try:
        assert second.api("ada").model_info("ada/persist").sha == sha
        got = hf_hub_download("ada/persist", "w.bin", endpoint=second.url, cache_dir=cache_dir)
        assert Path(got).read_bytes() == payload
    finally:
        second.stop()


# ------------------------------------------------------------------------------------------------- transformers
TRANSFORMERS_SCRIPT = r"""
import os, sys, torch
from pathlib import Path
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, BertConfig,
                          BertForSequenceClassification, BertTokenizerFast, pipeline)
from huggingface_hub import HfApi
repo = sys.argv[1]
work = Path(sys.argv[2])
vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "good", "bad", "movie", "the", "is", "very", "a"]
(work / "vocab.txt").write_text("\n".join(vocab) + "\n")
tok = BertTokenizerFast(vocab_file=str(work / "vocab.txt"))
torch.manual_seed(0)
config = BertConfig(vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                    intermediate_size=37, max_position_embeddings=64, num_labels=2,
                    id2label={0: "NEGATIVE", 1: "POSITIVE"}, label2id={"NEGATIVE": 0, "POSITIVE": 1})
model = BertForSequenceClassification(config).eval()
model.push_to_hub(repo)
tok.push_to_hub(repo)
HfApi().create_tag(repo, tag="v1")
model.push_to_hub(repo, revision="exp", commit_message="experiment branch")
inputs = tok(["the movie is very good", "a bad movie"], return_tensors="pt", padding=True)
with torch.no_grad():
    want = model(**inputs).logits
for rev in ("main", "v1", "exp"):
    loaded = AutoModelForSequenceClassification.from_pretrained(repo, revision=rev).eval()
    tok2 = AutoTokenizer.from_pretrained(repo, revision="main")
    with torch.no_grad():
        got = loaded(**tok2(["the movie is very good", "a bad movie"], return_tensors="pt", padding=True)).logits
    assert torch.allclose(got, want, atol=1e-6), rev
info = HfApi().model_info(repo)
assert info.pipeline_tag == "text-classification", info.pipeline_tag
clf = pipeline(model=repo)
assert clf.task == "text-classification", clf.task
out = clf("the movie is very good")
assert out[0]["label"] in ("NEGATIVE", "POSITIVE"), out
print("OK")
"""


@pytest.mark.slow
def test_transformers_push_and_load(hub, tmp_path):
    script = tmp_path / "flow.py"
    script.write_text(TRANSFORMERS_SCRIPT)
    r = subprocess.run(
        [sys.executable, str(script), "ada/tiny-bert", str(tmp_path)],
        capture_output=True,
        text=True,
        env=hub.env("ada", hf_home=tmp_path / "hf-home"),
        timeout=600,
    )
    assert r.returncode == 0 and r.stdout.strip().endswith("OK"), r.stdout[-3000:] + r.stderr[-5000:]


def test_refused_commit_leaves_no_objects(hub, repo_name):
    """A commit refused while being built (deleting a missing file) leaves no stray git objects behind."""
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    before = hub.snapshot()
    with pytest.raises(EntryNotFoundError):
        api.create_commit(
            repo,
            operations=[CommitOperationAdd("new.txt", b"brand new content"), CommitOperationDelete("missing.txt")],
            commit_message="x",
        )
    assert hub.snapshot() == before
    with pytest.raises(RevisionNotFoundError):
        api.upload_file(path_or_fileobj=b"x", path_in_repo="x.txt", repo_id=repo, revision="no-such-branch")
    assert hub.snapshot() == before
