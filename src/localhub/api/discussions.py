"""Discussions and pull requests: list, open, read, comment, retitle, close/reopen, merge.

``change`` is the one place a discussion changes; the API and the pages' forms both call it.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .. import discussions, errors, wire
from ..auth import User
from ..hub import Hub, hub_of
from ..storage import RepoMeta
from ..web import json_response, read_json, repo_of, repo_url

CHANGES = ("comment", "status", "title", "merge")


async def list_all(request: Request) -> Response:
    """HfApi.get_repo_discussions: pages of 50, newest first, filtered by type, status and author."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    meta = hub.access.readable(request, repo_type, repo_id)
    q = request.query_params
    kind, status = q.get("type", "all"), q.get("status", "all")
    if kind not in ("all", "discussion", "pull_request") or status not in ("all", "open", "closed"):
        raise errors.BadRequest("type must be all|discussion|pull_request and status all|open|closed")
    try:
        page = max(0, int(q.get("p", "0")))
    except ValueError:
        raise errors.BadRequest(f"p must be a page number, not {q.get('p')!r}") from None
    records = await run_in_threadpool(hub.store.list_discussions, repo_type, meta.repo_id)
    chosen = [r for r in records if discussions.matches(r, kind=kind, status=status, author=q.get("author"))]
    start = page * discussions.PAGE_SIZE
    return json_response(
        {
            "discussions": [
                wire.discussion_summary(r, repo_type, meta.repo_id)
                for r in chosen[start : start + discussions.PAGE_SIZE]
            ],
            "count": len(chosen),
            "start": start,
        }
    )


async def create(request: Request) -> Response:
    """HfApi.create_discussion / create_pull_request: anyone signed in who can read the repo."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    body = await read_json(request, hub.max_request_bytes)
    if not isinstance(body, dict) or not isinstance(body.get("title"), str) or not body["title"].strip():
        raise errors.BadRequest("Expected a JSON body with a non-empty 'title'")
    pull_request = bool(body.get("pullRequest"))
    meta = hub.access.readable(request, repo_type, repo_id)
    user = hub.access.signed_in(request, "open a discussion")
    num = await run_in_threadpool(
        hub.store.create_discussion,
        repo_type,
        meta.repo_id,
        title=body["title"],
        description=str(body.get("description") or ""),
        author=user.name,
        pull_request=pull_request,
    )
    url = f"{repo_url(request, repo_type, meta.repo_id)}/discussions/{num}"
    return json_response({"num": num, "url": url, "pullRequest": pull_request})


def details(hub: Hub, meta: RepoMeta, num: int, with_diff: bool) -> dict[str, Any]:
    """Discussion ``num`` as HfApi.get_discussion_details parses it: its events in order (comments, commits,
    status and title changes) and, for a pull request, its diff and, once merged, the merge commit."""
    repo_type = meta.repo_type
    record = hub.store.discussion(repo_type, meta.repo_id, num)
    out = {**wire.discussion_summary(record, repo_type, meta.repo_id), "filesWithConflicts": []}
    if record["is_pull_request"]:
        # the diff: what the PR brings to its base (for a merged PR: to the base as it was before the merge)
        base_sha = record.get("merged_base") or hub.store.head(repo_type, meta.repo_id, record["base"])
        out["changes"] = {"base": f"refs/heads/{record['base']}"}
        if record["merge_commit"]:
            out["changes"]["mergeCommitId"] = record["merge_commit"]
        out["headSha"] = record["head"]
        if with_diff and base_sha:
            out["diff"] = hub.store.pr_patch(repo_type, meta.repo_id, base_sha, record["head"])
    out["events"] = [wire.discussion_event(e) for e in record["events"]]
    return out


async def read(request: Request) -> Response:
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    meta = hub.access.readable(request, repo_type, repo_id)
    num = int(request.path_params["num"])
    with_diff = request.query_params.get("diff") == "1"
    return json_response(await run_in_threadpool(details, hub, meta, num, with_diff))


def change(hub: Hub, meta: RepoMeta, num: int, user: User, what: str, body: dict[str, Any]) -> dict[str, Any]:
    """Comment (any reader), retitle or close/reopen (its author or a writer), merge (a writer)."""
    repo_type = meta.repo_type
    record = hub.store.discussion(repo_type, meta.repo_id, num)
    if not hub.access.may_change_discussion(user, meta, record, what):
        hub.access.check_write(user, meta.namespace)
    comment = str(body.get("comment") or "").strip()
    if what == "merge":
        hub.store.merge_pull_request(
            repo_type, meta.repo_id, num, author=user.name, email=user.email or None, comment=comment
        )
        return {}
    if what == "comment":
        if not comment:
            raise errors.BadRequest("Expected a JSON body with a non-empty 'comment'")
        new = discussions.comment_event(user.name, comment)
        hub.store.add_discussion_events(repo_type, meta.repo_id, num, [new])
        return {"newMessage": wire.discussion_event(new)}
    if what == "title":
        title = str(body.get("title") or "").strip()
        if not title:
            raise errors.BadRequest("Expected a JSON body with a non-empty 'title'")
        new = discussions.title_event(user.name, record["title"], title)
        hub.store.add_discussion_events(repo_type, meta.repo_id, num, [new], title=title)
        return {"newTitle": wire.discussion_event(new)}
    status = body.get("status")
    if status not in ("open", "closed"):
        raise errors.BadRequest(f"status must be 'open' or 'closed', not {status!r}")
    if record["status"] == "merged":
        raise errors.Conflict(f"Discussion {num} is merged; its status cannot change")
    new = discussions.status_event(user.name, status)
    events = ([discussions.comment_event(user.name, comment)] if comment else []) + [new]
    hub.store.add_discussion_events(repo_type, meta.repo_id, num, events, status=status)
    return {"newStatus": wire.discussion_event(new)}


async def update(request: Request) -> Response:
    """POST /api/{type}s/{id}/discussions/{num}/{comment|status|title|merge}."""
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    what = str(request.path_params["what"])
    if what not in CHANGES:
        raise errors.HubError(f"Not found: POST {request.url.path}", status=404)
    body = await read_json(request, hub.max_request_bytes)
    meta = hub.access.readable(request, repo_type, repo_id)
    user = hub.access.signed_in(request, "take part in a discussion")
    num = int(request.path_params["num"])
    out = await run_in_threadpool(change, hub, meta, num, user, what, body if isinstance(body, dict) else {})
    return json_response(out)
