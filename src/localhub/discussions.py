"""Discussions and pull requests of a repo: one JSON record per number, beside the repo's git data.

A pull request's commits live in git (``refs/pr/<num>``, see storage.RepoStore); everything else about a
discussion (title, author, status, comments, status changes) is a small JSON record in the bare repository's
``hub-prs`` folder, written to a temporary file and renamed into place so a crash never leaves half a record.
Discussions and pull requests share one numbering per repo, as on huggingface.co. Events are stored in the
shape the Hub's API returns them (huggingface_hub's ``deserialize_event`` reads them back), with unix times
that the HTTP layer turns into ISO dates.
"""

from __future__ import annotations

import html
import json
import os
import secrets
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FOLDER = "hub-prs"  # the first version stored pull requests only; the name stays so existing data keeps working
STATUSES = ("draft", "open", "closed", "merged")
#: statuses in which a discussion still takes comments, status changes and (for pull requests) commits
ACTIVE = ("draft", "open")
PAGE_SIZE = 50


def event(kind: str, author: str, data: dict[str, Any], when: float | None = None) -> dict[str, Any]:
    return {
        "id": secrets.token_hex(12),
        "type": kind,
        "createdAt": time.time() if when is None else when,
        "author": author,
        "data": data,
    }


def comment_event(author: str, text: str, when: float | None = None) -> dict[str, Any]:
    return event(
        "comment",
        author,
        {
            "edited": False,
            "hidden": False,
            "numEdits": 0,
            "latest": {"raw": text, "html": f"<p>{html.escape(text)}</p>"},
        },
        when,
    )


def status_event(author: str, status: str) -> dict[str, Any]:
    return event("status-change", author, {"status": status})


def commit_event(author: str, sha: str, summary: str) -> dict[str, Any]:
    return {
        **event(
            "commit", author, {"subject": summary.strip().splitlines()[0] if summary.strip() else "Update", "oid": sha}
        ),
        "id": sha,
    }


def title_event(author: str, old: str, new: str) -> dict[str, Any]:
    return event("title-change", author, {"from": old, "to": new})


def new_record(
    num: int, *, title: str, description: str, author: str, pull_request: bool, base: str | None, status: str
) -> dict[str, Any]:
    """A new discussion; its description is its first comment, as on the Hub."""
    now = time.time()
    return {
        "num": num,
        "title": title.strip() or "Update",
        "author": author,
        "created_at": now,
        "is_pull_request": pull_request,
        "base": base,
        "status": status,
        "merge_commit": None,
        "events": [comment_event(author, description, now)] if description.strip() else [],
    }


def add_events(gitdir: Path, num: int, events: list[dict[str, Any]]) -> None:
    """Append events to record ``num`` if it exists (the caller holds the repo's lock)."""
    record = read(gitdir, num)
    if record is not None:
        record["events"].extend(events)
        write(gitdir, record)


def upgrade(record: dict[str, Any]) -> dict[str, Any]:
    """Fill in fields that records written by the first version (pull requests only) did not have."""
    record.setdefault("is_pull_request", True)
    record.setdefault("merge_commit", None)
    if "events" not in record:
        text = str(record.get("description") or "")
        record["events"] = [comment_event(record["author"], text, record["created_at"])] if text.strip() else []
    return record


def read(gitdir: Path, num: int) -> dict[str, Any] | None:
    path = gitdir / FOLDER / f"{int(num)}.json"
    try:
        return upgrade(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


def write(gitdir: Path, record: dict[str, Any]) -> None:
    folder = gitdir / FOLDER
    folder.mkdir(exist_ok=True)
    tmp = folder / f".{record['num']}.json.tmp"
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, folder / f"{record['num']}.json")


def numbers(gitdir: Path) -> list[int]:
    folder = gitdir / FOLDER
    return sorted(int(f.stem) for f in folder.glob("*.json") if f.stem.isdigit()) if folder.is_dir() else []


def next_number(gitdir: Path, taken: Iterable[int] = ()) -> int:
    """One more than any number in use (records and ``taken``, e.g. existing refs/pr/<n>)."""
    return max([*numbers(gitdir), *taken], default=0) + 1


def matches(record: dict[str, Any], *, kind: str = "all", status: str = "all", author: str | None = None) -> bool:
    """The filters of HfApi.get_repo_discussions: type all|discussion|pull_request, status all|open|closed."""
    if (kind == "discussion" and record["is_pull_request"]) or (
        kind == "pull_request" and not record["is_pull_request"]
    ):
        return False
    if (status == "open" and record["status"] not in ACTIVE) or (status == "closed" and record["status"] in ACTIVE):
        return False
    return author is None or record["author"] == author
