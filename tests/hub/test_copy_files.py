"""CommitOperationCopy with the real client: regular and LFS files, within a repo and from another revision."""

from __future__ import annotations

import os

from huggingface_hub import CommitOperationCopy, hf_hub_download


def test_copy_an_lfs_file_and_a_regular_file(hub, repo_name, cache_dir):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    weights = os.urandom(11 * 1024 * 1024)  # above the LFS threshold
    api.upload_file(path_or_fileobj=weights, path_in_repo="model.bin", repo_id=repo)
    first = api.upload_file(path_or_fileobj=b"hello", path_in_repo="notes.txt", repo_id=repo).oid
    api.create_commit(
        repo,
        operations=[
            CommitOperationCopy(src_path_in_repo="model.bin", path_in_repo="backup/model.bin"),
            CommitOperationCopy(src_path_in_repo="notes.txt", path_in_repo="backup/notes.txt", src_revision=first),
        ],
        commit_message="Copy the weights and the notes",
    )
    info = {e.path: e for e in api.get_paths_info(repo, ["model.bin", "backup/model.bin", "backup/notes.txt"])}
    copied, original = info["backup/model.bin"].lfs, info["model.bin"].lfs
    assert copied is not None and original is not None and copied.sha256 == original.sha256
    assert info["backup/model.bin"].size == len(weights)
    path = hf_hub_download(repo, "backup/model.bin", cache_dir=cache_dir, endpoint=hub.url, token=hub.tokens["ada"])
    with open(path, "rb") as f:
        assert f.read() == weights
    notes = hf_hub_download(repo, "backup/notes.txt", cache_dir=cache_dir, endpoint=hub.url, token=hub.tokens["ada"])
    with open(notes, "rb") as f:
        assert f.read() == b"hello"
