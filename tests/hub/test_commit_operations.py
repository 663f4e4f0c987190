"""Commit semantics with the real client: many files at once, files replacing folders, deletes, in one commit."""

from __future__ import annotations

import pytest
from huggingface_hub import CommitOperationAdd, CommitOperationDelete
from huggingface_hub.errors import EntryNotFoundError


def test_a_commit_of_many_files_holds_every_file(hub, repo_name, tmp_path):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    folder = tmp_path / "many"
    for i in range(600):
        path = folder / f"part{i % 12}" / f"row{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"row {i}\n")
    api.upload_folder(repo_id=repo, folder_path=str(folder))
    files = set(api.list_repo_files(repo))
    assert len(files) == 601 and "part7/row127.txt" in files and "part7/row128.txt" not in files
    assert len(api.list_repo_commits(repo)) == 2  # one commit, on top of the initial one
    with open(api.hf_hub_download(repo, "part3/row123.txt")) as f:
        assert f.read() == "row 123\n"


def test_files_replace_folders_and_deletes_apply_in_order(hub, repo_name):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    api.create_commit(
        repo,
        operations=[
            CommitOperationAdd("docs/a.md", b"a"),
            CommitOperationAdd("docs/b.md", b"b"),
            CommitOperationAdd("notes", b"a file called notes"),
            CommitOperationAdd("tmp/x.txt", b"x"),
        ],
        commit_message="first",
    )
    api.create_commit(
        repo,
        operations=[
            CommitOperationAdd("docs", b"docs is a file now"),  # replaces the folder docs/
            CommitOperationAdd("notes/today.md", b"notes is a folder now"),  # replaces the file notes
            CommitOperationDelete("tmp/"),
            CommitOperationAdd("late.txt", b"added"),
            CommitOperationDelete("late.txt"),  # added and deleted in the same commit: gone
            CommitOperationAdd("again.txt", b"old"),
            CommitOperationAdd("again.txt", b"new"),  # the last add of a path wins
        ],
        commit_message="second",
    )
    assert set(api.list_repo_files(repo)) == {".gitattributes", "docs", "notes/today.md", "again.txt"}
    with open(api.hf_hub_download(repo, "again.txt")) as f:
        assert f.read() == "new"
    head = api.repo_info(repo).sha
    with pytest.raises(EntryNotFoundError):
        api.create_commit(repo, operations=[CommitOperationDelete("missing.txt")], commit_message="nothing")
    with pytest.raises(EntryNotFoundError):
        api.create_commit(repo, operations=[CommitOperationDelete("nowhere/")], commit_message="nothing")
    assert api.repo_info(repo).sha == head  # a refused commit changes nothing
