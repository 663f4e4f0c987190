"""What a repository looks like at one revision, computed once for both the API and the pages.

``RepoView`` gathers what /api/{type}s/{id} and a repo's page both show: its files, its card's metadata, its
config.json, and what the Hub derives from them (tags, pipeline_tag, library_name). A card or config the Hub
cannot parse makes those empty rather than failing the request: the commit that brought it in was already
accepted (or came through git), and a listing must not break on one bad repo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import cards
from .storage import RepoMeta, RepoStore, TreeEntry


@dataclass
class RepoView:
    meta: RepoMeta
    sha: str
    files: list[TreeEntry]  # every file (not folder), recursively
    card: dict[str, Any]  # the README's YAML front matter ({} when absent or unparsable)
    readme: str | None  # the README's markdown body, without front matter
    config: dict[str, Any] | None
    tags: list[str]
    pipeline_tag: str | None
    library_name: str | None
    last_modified: float

    @property
    def paths(self) -> list[str]:
        return [e.path for e in self.files]


def view(store: RepoStore, meta: RepoMeta, revision: str) -> RepoView:
    """The repo at ``revision`` (a branch, tag or commit id; RevisionNotFound otherwise)."""
    sha = store.resolve(meta.repo_type, meta.repo_id, revision)
    files = [e for e in store.tree(meta.repo_type, meta.repo_id, sha, recursive=True) if e.type == "file"]
    paths = [e.path for e in files]
    card: dict[str, Any] = {}
    readme = config = None
    if "README.md" in paths:
        text = store.read_blob(meta.repo_type, meta.repo_id, sha, "README.md").decode("utf-8", "replace")
        try:
            card, readme = cards.split_front_matter(text)
        except Exception:
            card, readme = {}, text
    if "config.json" in paths:
        try:
            config = json.loads(store.read_blob(meta.repo_type, meta.repo_id, sha, "config.json"))
        except Exception:
            config = None
    card = card if isinstance(card, dict) else {}
    config = config if isinstance(config, dict) else None
    try:
        tags = cards.tags(card, repo_type=meta.repo_type, files=paths, config_json=config)
    except Exception:
        tags = []
    ptag = lib = None
    if meta.repo_type == "model":
        try:
            ptag = cards.pipeline_tag(card, config, paths)
            lib = cards.library_name(card, paths)
        except Exception:
            ptag = lib = None
    modified = store.last_modified(meta.repo_type, meta.repo_id, sha)
    return RepoView(meta, sha, files, card, readme, config, tags, ptag, lib, modified)
