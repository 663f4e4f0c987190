"""Moving, duplicating and squashing repos with the real client (move_repo, duplicate_repo, super_squash_history)."""

from __future__ import annotations

import pytest
from huggingface_hub import hf_hub_download
from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError


def test_move_keeps_history_and_frees_the_old_id(hub, repo_name):
    api = hub.api("ada")
    old, new = f"ada/{repo_name}", f"class-2026/{repo_name}-moved"
    api.create_repo(old)
    sha = api.upload_file(path_or_fileobj=b"v1", path_in_repo="a.txt", repo_id=old).oid
    api.create_branch(old, branch="dev")
    api.move_repo(old, new)
    assert api.list_repo_commits(new)[0].commit_id == sha
    assert {b.name for b in api.list_repo_refs(new).branches} == {"main", "dev"}
    with pytest.raises(RepositoryNotFoundError):
        api.repo_info(old)
    api.create_repo(old)  # the old name is free again
    with pytest.raises(HfHubHTTPError) as foreign:
        api.move_repo(new, f"eve/{repo_name}")
    assert foreign.value.response.status_code == 403
    with pytest.raises(HfHubHTTPError) as taken:
        api.move_repo(new, old)
    assert taken.value.response.status_code == 409
    assert hub.api("eve").list_repo_files(new)  # public: still readable where it moved to
    with pytest.raises(HfHubHTTPError) as not_theirs:
        hub.api("eve").move_repo(new, f"eve/{repo_name}")
    assert not_theirs.value.response.status_code in (403, 404)


def test_duplicate_copies_main_into_a_fresh_history(hub, repo_name, cache_dir):
    ada, eve = hub.api("ada"), hub.api("eve")
    src = f"ada/{repo_name}"
    ada.create_repo(src, repo_type="dataset")
    ada.upload_file(path_or_fileobj=b"first", path_in_repo="data.csv", repo_id=src, repo_type="dataset")
    ada.upload_file(path_or_fileobj=b"x" * (11 * 1024 * 1024), path_in_repo="big.bin", repo_id=src, repo_type="dataset")
    url = eve.duplicate_repo(src, repo_type="dataset", private=True)
    copy = f"eve/{repo_name}"
    assert url.repo_id == copy
    assert eve.repo_info(copy, repo_type="dataset").private is True
    commits = eve.list_repo_commits(copy, repo_type="dataset")
    assert len(commits) == 1 and commits[0].title == f"Duplicate from {src}"
    assert set(eve.list_repo_files(copy, repo_type="dataset")) == set(ada.list_repo_files(src, repo_type="dataset"))
    big = hf_hub_download(copy, "big.bin", repo_type="dataset", cache_dir=cache_dir, endpoint=hub.url,
                          token=hub.tokens["eve"])  # fmt: skip
    with open(big, "rb") as f:
        assert f.read() == b"x" * (11 * 1024 * 1024)
    with pytest.raises(RepositoryNotFoundError):
        hub.api("ada").repo_info(copy, repo_type="dataset")  # private to eve
    with pytest.raises(HfHubHTTPError) as exists:
        eve.duplicate_repo(src, repo_type="dataset")
    assert exists.value.response.status_code == 409


def test_super_squash_keeps_the_files_and_drops_the_history(hub, repo_name):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    for i in range(3):
        api.upload_file(path_or_fileobj=f"v{i}".encode(), path_in_repo=f"f{i}.txt", repo_id=repo)
    before = api.list_repo_files(repo)
    with pytest.raises(HfHubHTTPError) as denied:
        hub.api("eve").super_squash_history(repo)
    assert denied.value.response.status_code == 403
    assert len(api.list_repo_commits(repo)) == 4
    api.super_squash_history(repo, commit_message="One commit")
    commits = api.list_repo_commits(repo)
    assert [c.title for c in commits] == ["One commit"]
    assert api.list_repo_files(repo) == before
    with pytest.raises(HfHubHTTPError) as missing:
        api.super_squash_history(repo, branch="no-such-branch")
    assert missing.value.response.status_code == 404


def test_gating_is_refused_rather_than_silently_ignored(hub, repo_name):
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    for gated in ("auto", "manual"):
        with pytest.raises(HfHubHTTPError, match="cannot gate a repo; make it private") as refused:
            api.update_repo_settings(repo, gated=gated)
        assert refused.value.response.status_code == 400
    api.update_repo_settings(repo, gated=False)  # "not gated" is what every repo here is
    api.update_repo_settings(repo, private=True)
    assert api.repo_info(repo).private is True and api.repo_info(repo).gated is False


def test_a_repo_created_again_under_its_old_name_forgets_the_old_commits(hub, repo_name, cache_dir):
    """The Hub keeps what it learnt about commits (files, types, that they exist) in memory; a new repo with
    the same id must not inherit any of it."""
    api = hub.api("ada")
    repo = f"ada/{repo_name}"
    api.create_repo(repo)
    old = api.upload_file(path_or_fileobj=b"old weights", path_in_repo="w.txt", repo_id=repo).oid
    assert api.file_exists(repo, "w.txt", revision=old)  # asked once, so it is remembered
    assert api.hf_hub_download(repo, "w.txt", revision=old, cache_dir=cache_dir)
    api.delete_repo(repo)
    api.create_repo(repo)
    assert not api.file_exists(repo, "w.txt", revision=old)
    with pytest.raises(HfHubHTTPError) as gone:
        api.list_repo_files(repo, revision=old)
    assert gone.value.response.status_code == 404
    new = api.upload_file(path_or_fileobj=b"new", path_in_repo="w.txt", repo_id=repo).oid
    assert api.hf_hub_download(repo, "w.txt", revision=new, cache_dir=cache_dir) and new != old
