"""The Hub's web pages, server-rendered from the same stores and the same access policy as the API.

URLs are huggingface.co's where it has them (``/{repo}``, ``/{repo}/tree/{rev}/{path}``, ``/blob/``,
``/commits/``, ``/commit/{sha}``, ``/discussions/{num}``, ``/datasets/{repo}/viewer``, ``/{repo}/tensorboard``),
so the links the clients print (repo_url, commit_url, pull-request URLs) open a page. Private repos appear
only to those who may read them, exactly as in the API (access.py); a browser signs in with a token
(``/login``) and then carries a session cookie.

Pages hold no secrets and run no script from a repo: cards and comments are sanitised (markdown.py), a static
Space runs in a sandboxed frame with its own opaque origin, raw files are served with ``CSP: sandbox``, and
every page has a Content-Security-Policy that allows only the Hub's own scripts.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from .. import errors, views
from ..access import CALLER
from ..api import discussions as discussion_api
from ..api.commits import split_spec
from ..api.repos import readable_views, select
from ..hub import Hub, hub_of
from ..sessions import COOKIE, SessionStore
from ..storage import REPO_TYPES, RepoMeta, TreeEntry
from ..web import PLURAL, PREFIX, param, read_body, repo_of
from . import cards_view, diffs, files, markdown, metrics, viewer, widgets

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters["timestamp"] = lambda ts: time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(float(ts)))
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: http: https:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)
SANDBOX_CSP = "sandbox allow-scripts allow-forms allow-popups"  # raw files and static Spaces: an opaque origin
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree: the "parent" of a first commit
COMMITS_PER_PAGE = 50
MAX_METRIC_BYTES = 64 * 1024 * 1024
MAX_FORM_BYTES = 64 * 1024  # a comment posted from a page
TYPE_TITLES = {"model": "Models", "dataset": "Datasets", "space": "Spaces"}


# ----------------------------------------------------------------------------------------------- helpers
def href(repo_type: str, repo_id: str, *parts: str) -> str:
    """A page URL of a repo; each part is one quoted segment."""
    return f"/{PREFIX[repo_type]}{repo_id}" + "".join("/" + quote(p, safe="") for p in parts)


def rev_href(repo_type: str, repo_id: str, action: str, revision: str, path: str = "") -> str:
    out = f"/{PREFIX[repo_type]}{repo_id}/{action}/{quote(revision, safe='')}"
    return out + ("/" + quote(path, safe="/") if path else "")


TEMPLATES.env.globals.update(
    href=href, rev_href=rev_href, human_size=files.human_size, type_titles=TYPE_TITLES, prefix=PREFIX
)


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    hub = hub_of(request)
    user = hub.access.caller(request)
    session = hub.sessions.get(request.cookies.get(COOKIE, ""))
    context.update(user=user, csrf=session.csrf if session else "", path_now=request.url.path)
    response = TEMPLATES.TemplateResponse(request, template, context, status_code=status)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def error_page(request: Request, e: errors.HubError) -> Response:
    """The Hub's error page: the status, the message the API would give, and a way back."""
    titles = {400: "Bad request", 401: "Sign in needed", 403: "Forbidden", 404: "Not found", 405: "Not allowed"}
    try:
        return render(request, "error.html", e.status, error=e, title=titles.get(e.status, "Error"))
    except errors.HubError:  # e.g. an unknown token while rendering the header: render anonymously
        request.scope[CALLER] = (None,)
        return render(request, "error.html", e.status, error=e, title=titles.get(e.status, "Error"))


def _readable_repo(request: Request) -> tuple[Hub, RepoMeta]:
    hub = hub_of(request)
    repo_type, repo_id = repo_of(request)
    return hub, hub.access.readable(request, repo_type, repo_id)


def file_bytes(hub: Hub, meta: RepoMeta, sha: str, entry: TreeEntry) -> bytes:
    """A file's content, LFS resolved (EntryNotFound when its LFS object was never uploaded)."""
    if entry.lfs is None:
        return hub.store.read_blob(meta.repo_type, meta.repo_id, sha, entry.path)
    if not hub.lfs.exists(entry.lfs.oid):
        raise errors.EntryNotFound(f"The LFS content of {entry.path} was never uploaded")
    with hub.lfs.open(entry.lfs.oid) as f:
        return f.read()


def _tabs(view: views.RepoView, hub: Hub) -> list[tuple[str, str, str]]:
    """(key, label, url) of a repo's tabs, as huggingface.co names them."""
    meta = view.meta
    t, rid = meta.repo_type, meta.repo_id
    first = {"model": "Model card", "dataset": "Dataset card", "space": "App"}[t]
    tabs = [("card", first, href(t, rid))]
    if t == "dataset":
        tabs.append(("viewer", "Viewer", href(t, rid, "viewer")))
    tabs.append(("files", "Files and versions", rev_href(t, rid, "tree", "main")))
    if any(metrics.is_event_file(p) for p in view.paths):
        tabs.append(("metrics", "Training metrics", href(t, rid, "tensorboard")))
    opened = sum(1 for r in hub.store.list_discussions(t, rid) if r["status"] == "open")
    tabs.append(("community", f"Community {opened}" if opened else "Community", href(t, rid, "discussions")))
    return tabs


def _repo_context(hub: Hub, meta: RepoMeta, revision: str = "main", tab: str = "card") -> dict[str, Any]:
    view = hub.view(meta, revision)
    return dict(view=view, meta=meta, tabs=_tabs(view, hub), tab=tab, chips=cards_view.chips(view))


def _refs(hub: Hub, meta: RepoMeta) -> dict[str, Any]:
    return {
        "branches": hub.store.branches(meta.repo_type, meta.repo_id),
        "tags": hub.store.tags(meta.repo_type, meta.repo_id),
    }


async def pygments_stylesheet(request: Request) -> Response:
    """/front/pygments.css: the colours of highlighted code (files, snippets, code blocks in cards)."""
    return Response(files.pygments_css(), media_type="text/css", headers={"Cache-Control": "max-age=3600"})


# ----------------------------------------------------------------------------------------------- home, lists, users
async def home(request: Request) -> Response:
    def build() -> dict[str, list[views.RepoView]]:
        newest = {t: sorted(readable_views(request, t), key=lambda v: -v.last_modified) for t in REPO_TYPES}
        return {t: repos[:8] for t, repos in newest.items()}

    return render(request, "home.html", recent=await run_in_threadpool(build))


async def listing(request: Request) -> Response:
    """/models, /datasets, /spaces with search, filters (pipeline_tag, library, licence, language) and sort."""
    repo_type = PLURAL[param(request, "plural")]

    def build() -> tuple[list[views.RepoView], dict[str, list[tuple[str, int]]]]:
        everything = readable_views(request, repo_type)
        return select(everything, request.query_params, repo_type), cards_view.facets(everything)

    shown, facets = await run_in_threadpool(build)
    q = request.query_params
    active = {k: q.get(k, "") for k in ("search", "pipeline_tag", "library", "license", "language", "sort")}

    def toggle(key: str, value: str) -> str:
        args = {k: v for k, v in active.items() if v}
        if args.get(key) == value:
            args.pop(key)
        else:
            args[key] = value
        return f"{request.url.path}?{urlencode(args)}" if args else request.url.path

    return render(
        request, "listing.html", repo_type=repo_type, repos=shown, facets=facets, active=active, toggle=toggle
    )


async def user(request: Request) -> Response:
    """/{name}: a user's or an organisation's repos (those the caller may read) and, for an org, its members."""
    hub = hub_of(request)
    name = param(request, "user")
    person = hub.auth.get(name)
    is_org = name in hub.auth.organizations
    members = [u.name for u in hub.auth.users if name in u.orgs] if is_org else []

    def build() -> dict[str, list[views.RepoView]]:
        return {t: readable_views(request, t, author=name) for t in ("model", "dataset", "space")}

    repos = await run_in_threadpool(build)
    if person is None and not is_org and not any(repos.values()):
        raise errors.HubError(f"There is no user or organisation called {name!r} on this Hub", status=404)
    return render(request, "user.html", name=name, person=person, is_org=is_org, members=members, repos=repos)


# ----------------------------------------------------------------------------------------------- sign in
def _safe_next(target: str | None) -> str:
    """Only a path on this Hub (no scheme, no host, no //host) may be a redirect target."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target if not urlsplit(target).netloc else "/"


def _same_origin(request: Request) -> bool:
    """A form post must come from one of the Hub's own pages (Origin, or else Referer, names this Hub)."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin:
        return False
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" == str(request.base_url).rstrip("/")


async def _form(request: Request) -> dict[str, str]:
    body = await read_body(request, MAX_FORM_BYTES)
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}


async def login(request: Request) -> Response:
    return render(request, "login.html", next=_safe_next(request.query_params.get("next")), error=None)


async def sign_in(request: Request) -> Response:
    """POST /login token=...: a known token starts a session (HttpOnly, SameSite=Strict cookie)."""
    hub = hub_of(request)
    form = await _form(request)
    target = _safe_next(form.get("next"))
    if not _same_origin(request):
        raise errors.Forbidden("Sign in from the Hub's own sign-in page")
    token = form.get("token", "").strip()
    try:
        found = hub.auth.user_for(f"Bearer {token}") if token else None
    except errors.Unauthorized:
        found = None
    if found is None:
        return render(request, "login.html", 401, next=target, error="That token is not known to this Hub.")
    sid, _session = hub.sessions.create(found.name)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, sid, max_age=int(hub.sessions.ttl), httponly=True, samesite="strict", path="/")
    return response


async def sign_out(request: Request) -> Response:
    hub = hub_of(request)
    form = await _form(request)
    sid = request.cookies.get(COOKIE, "")
    if SessionStore.csrf_ok(hub.sessions.get(sid), form.get("csrf", "")) and _same_origin(request):
        hub.sessions.drop(sid)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


# ----------------------------------------------------------------------------------------------- a repo
async def repo(request: Request) -> Response:
    """A repo's main page: the card rendered, its metadata, and (models) the widget and a code snippet."""
    hub, meta = _readable_repo(request)

    def build() -> dict[str, Any]:
        ctx = _repo_context(hub, meta)
        view = ctx["view"]
        base = href(meta.repo_type, meta.repo_id)
        ctx["card_html"] = markdown.render_markdown(view.readme, base) if view.readme and view.readme.strip() else None
        ctx["results"] = cards_view.model_index_rows(view.card)
        ctx["snippet"] = cards_view.highlight_python(cards_view.usage_snippet(view))
        if meta.repo_type == "model":
            ctx["widget"] = widgets.widget_for(hub, view)
        if meta.repo_type == "space":
            ctx["space"] = cards_view.space_info(view)
        return ctx

    return render(request, "repo.html", **await run_in_threadpool(build))


async def tree(request: Request) -> Response:
    hub, meta = _readable_repo(request)
    revision, path = param(request, "revision"), param(request, "path").strip("/")

    def build() -> dict[str, Any]:
        ctx = _repo_context(hub, meta, revision, tab="files")
        sha = ctx["view"].sha
        entries = hub.store.tree(meta.repo_type, meta.repo_id, sha, path)
        entries.sort(key=lambda e: (e.type != "directory", e.path.lower()))
        count = len(hub.store.log(meta.repo_type, meta.repo_id, sha))
        return dict(ctx, entries=entries, revision=revision, path=path, commit_count=count, **_refs(hub, meta))

    return render(request, "tree.html", **await run_in_threadpool(build))


async def blob(request: Request) -> Response:
    """One file: highlighted when it is text and small enough; its size and a download link otherwise."""
    hub, meta = _readable_repo(request)
    revision, path = param(request, "revision"), param(request, "path")

    def build() -> dict[str, Any]:
        ctx = _repo_context(hub, meta, revision, tab="files")
        sha = ctx["view"].sha
        entry = hub.store.entry(meta.repo_type, meta.repo_id, sha, path)
        if entry.type != "file":
            raise errors.EntryNotFound(f"{path} is a folder, not a file")
        size = entry.lfs.size if entry.lfs else entry.size
        shown = note = None
        if size > files.MAX_INLINE_BYTES:
            note = f"This file is too large to display here ({files.human_size(size)}); download it instead."
        elif entry.lfs is not None and not hub.lfs.exists(entry.lfs.oid):
            note = "This file is stored with Git LFS, but its content was never uploaded to this Hub."
        else:
            data = file_bytes(hub, meta, sha, entry)
            if files.is_binary(data):
                note = f"This is a binary file of {files.human_size(size)}; it cannot be shown as text."
            else:
                shown = files.highlight_file(path, data.decode("utf-8"))
        return dict(ctx, entry=entry, size=size, shown=shown, note=note, revision=revision, path=path)

    return render(request, "blob.html", **await run_in_threadpool(build))


async def raw(request: Request) -> Response:
    """The file as stored in git (an LFS file: its pointer), as text that never runs in the Hub's origin."""
    hub, meta = _readable_repo(request)
    sha = hub.store.resolve(meta.repo_type, meta.repo_id, param(request, "revision"))
    data = await run_in_threadpool(hub.store.read_blob, meta.repo_type, meta.repo_id, sha, param(request, "path"))
    media = "application/octet-stream" if files.is_binary(data) else "text/plain; charset=utf-8"
    return Response(
        data, media_type=media, headers={"Content-Security-Policy": SANDBOX_CSP, "X-Content-Type-Options": "nosniff"}
    )


# ----------------------------------------------------------------------------------------------- history
async def commits(request: Request) -> Response:
    hub, meta = _readable_repo(request)
    revision = param(request, "revision")
    page_number = int(request.query_params.get("p", "0") or 0) if request.query_params.get("p", "0").isdigit() else 0

    def build() -> dict[str, Any]:
        ctx = _repo_context(hub, meta, revision, tab="files")
        log = hub.store.log(meta.repo_type, meta.repo_id, ctx["view"].sha)
        start = page_number * COMMITS_PER_PAGE
        return dict(
            ctx,
            commits=log[start : start + COMMITS_PER_PAGE],
            revision=revision,
            page=page_number,
            more=len(log) > start + COMMITS_PER_PAGE,
            total=len(log),
            **_refs(hub, meta),
        )

    return render(request, "commits.html", **await run_in_threadpool(build))


def split_patch(patch: str) -> list[tuple[str, str]]:
    """A multi-file ``git diff`` as (path, that file's patch) pairs."""
    out: list[tuple[str, str]] = []
    for chunk in ("\n" + patch).split("\ndiff --git ")[1:]:
        first = chunk.split("\n", 1)[0]  # "a/path b/path"
        name = first.split(" b/", 1)[-1] if " b/" in first else first
        out.append((name, "diff --git " + chunk))
    return out


def _file_diffs(hub: Hub, meta: RepoMeta, a: str, b: str) -> list[dict[str, Any]]:
    out = []
    for d in hub.store.diff(meta.repo_type, meta.repo_id, a, b):
        stats = diffs.patch_stats(d.patch) if d.patch else None
        out.append({"diff": d, "stats": stats, "html": diffs.render_patch(d.patch) if d.patch else None})
    return out


async def commit(request: Request) -> Response:
    """One commit: its message, author, parents, and the diff against its first parent."""
    hub, meta = _readable_repo(request)
    wanted = param(request, "sha")

    def build() -> dict[str, Any]:
        sha = hub.store.resolve(meta.repo_type, meta.repo_id, wanted)
        info = hub.store.log(meta.repo_type, meta.repo_id, sha, limit=1)[0]
        ctx = _repo_context(hub, meta, sha, tab="files")
        parent = info.parents[0] if info.parents else EMPTY_TREE
        return dict(ctx, commit=info, files_changed=_file_diffs(hub, meta, parent, sha))

    return render(request, "commit.html", **await run_in_threadpool(build))


async def compare(request: Request) -> Response:
    """/{repo}/compare/{a}..{b}: the course's compare endpoint as a page."""
    hub, meta = _readable_repo(request)
    a, b = split_spec(param(request, "spec"))

    def build() -> dict[str, Any]:
        sa = hub.store.resolve(meta.repo_type, meta.repo_id, a)
        sb = hub.store.resolve(meta.repo_type, meta.repo_id, b)
        return dict(
            _repo_context(hub, meta, tab="files"), a=a, b=b, sa=sa, sb=sb, files_changed=_file_diffs(hub, meta, sa, sb)
        )

    return render(request, "compare.html", **await run_in_threadpool(build))


# ----------------------------------------------------------------------------------------------- community
async def discussions(request: Request) -> Response:
    hub, meta = _readable_repo(request)
    records = await run_in_threadpool(hub.store.list_discussions, meta.repo_type, meta.repo_id)
    kind = request.query_params.get("type", "all")
    chosen = [r for r in records if kind == "all" or r["is_pull_request"] == (kind == "pull_request")]
    ctx = await run_in_threadpool(_repo_context, hub, meta, "main", "community")
    return render(request, "discussions.html", records=chosen, kind=kind, **ctx)


def _thread(hub: Hub, meta: RepoMeta, num: int, with_diff: bool) -> dict[str, Any]:
    details = discussion_api.details(hub, meta, num, with_diff)
    for event in details["events"]:
        if event.get("type") == "comment":
            event["html"] = markdown.render_markdown(str(event.get("data", {}).get("latest", {}).get("raw", "")))
    return details


async def discussion(request: Request) -> Response:
    hub, meta = _readable_repo(request)
    num = int(request.path_params["num"])
    user = hub.access.caller(request)

    def build() -> dict[str, Any]:
        thread = _thread(hub, meta, num, with_diff=False)
        ctx = _repo_context(hub, meta, "main", "community")
        can_write = hub.access.may_write(user, meta.namespace)
        return dict(ctx, thread=thread, num=num, can_write=can_write, subtab="conversation")

    return render(request, "discussion.html", **await run_in_threadpool(build))


async def discussion_files(request: Request) -> Response:
    """A pull request's "Files changed": its diff against its base, file by file."""
    hub, meta = _readable_repo(request)
    num = int(request.path_params["num"])

    def build() -> dict[str, Any]:
        thread = _thread(hub, meta, num, with_diff=True)
        if not thread["isPullRequest"]:
            raise errors.HubError(f"Discussion #{num} is not a pull request: it has no files", status=404)
        ctx = _repo_context(hub, meta, "main", "community")
        chunks = split_patch(thread.get("diff") or "")
        rendered = [(name, diffs.patch_stats(text), diffs.render_patch(text)) for name, text in chunks]
        return dict(ctx, thread=thread, num=num, rendered=rendered, subtab="files", can_write=False)

    return render(request, "discussion.html", **await run_in_threadpool(build))


async def discussion_action(request: Request) -> Response:
    """A form on a discussion page: comment, close/reopen, merge. Signed in, CSRF token, same origin."""
    hub, meta = _readable_repo(request)
    num = int(request.path_params["num"])
    what = str(request.path_params["what"])
    if what not in ("comment", "status", "merge"):
        raise errors.HubError(f"Not found: POST {request.url.path}", status=404)
    form = await _form(request)
    session = hub.sessions.get(request.cookies.get(COOKIE, ""))
    if not (SessionStore.csrf_ok(session, form.get("csrf", "")) and _same_origin(request)):
        raise errors.Forbidden("This form has expired or did not come from this Hub: reload the page and try again")
    user = hub.access.signed_in(request, "take part in a discussion")
    await run_in_threadpool(discussion_api.change, hub, meta, num, user, what, dict(form))
    return RedirectResponse(href(meta.repo_type, meta.repo_id, "discussions", str(num)), status_code=303)


# ------------------------------------------------------------------------------------ metrics, viewer, Spaces
async def _metrics_context(hub: Hub, meta: RepoMeta) -> dict[str, Any]:
    def build() -> dict[str, Any]:
        ctx = _repo_context(hub, meta, "main", "metrics")
        view = ctx["view"]
        event_files, total = {}, 0
        for entry in view.files:
            if metrics.is_event_file(entry.path):
                total += entry.lfs.size if entry.lfs else entry.size
                if total > MAX_METRIC_BYTES:
                    break
                event_files[entry.path] = file_bytes(hub, meta, view.sha, entry)
        by_tag = metrics.scalars_by_tag(event_files)
        # as images: a chart's SVG styles itself with style attributes, which the pages' CSP (no inline style)
        # would strip if it were inlined; an <img> is a document of its own, and can run no script
        charts = [
            (tag, base64.b64encode(metrics.scalar_chart_svg(tag, runs).encode()).decode("ascii"))
            for tag, runs in by_tag.items()
        ]
        return dict(ctx, charts=charts, event_files=sorted(event_files), truncated=total > MAX_METRIC_BYTES)

    return await run_in_threadpool(build)


async def metrics_view(request: Request) -> Response:
    hub, meta = _readable_repo(request)
    return render(request, "metrics.html", **await _metrics_context(hub, meta))


async def viewer_view(request: Request) -> Response:
    """The dataset viewer: each config and split, its features' types and first rows."""
    hub, meta = _readable_repo(request)
    if meta.repo_type != "dataset":
        raise errors.HubError("Only datasets have a viewer", status=404)
    wanted_config, wanted_split = param(request, "config"), param(request, "split")

    def build() -> dict[str, Any]:
        ctx = _repo_context(hub, meta, "main", "viewer")
        view = ctx["view"]
        by_path = {e.path: e for e in view.files}
        sizes = {e.path: (e.lfs.size if e.lfs else e.size) for e in view.files}
        splits = viewer.preview_dataset(sizes, lambda p: file_bytes(hub, meta, view.sha, by_path[p]), view.card)
        chosen = next(
            (s for s in splits if (s.config, s.split) == (wanted_config, wanted_split)),
            splits[0] if splits and not wanted_config else None,
        )
        if wanted_config and chosen is None:
            raise errors.HubError(f"This dataset has no split {wanted_config}/{wanted_split}", status=404)
        return dict(ctx, splits=splits, chosen=chosen)

    return render(request, "viewer.html", **await run_in_threadpool(build))


async def space_app(request: Request) -> Response:
    """A static Space's files, served for its frame with ``CSP: sandbox`` (an opaque origin: no cookies, no
    access to the Hub's pages) and the type its name says."""
    hub = hub_of(request)
    repo_id = f"{param(request, 'ns')}/{param(request, 'name')}"
    meta = hub.access.readable(request, "space", repo_id)
    if meta.sdk != "static":
        raise errors.HubError(f"{repo_id} is a {meta.sdk} Space: only static Spaces run on this Hub", status=404)
    path = param(request, "path").strip("/") or "index.html"
    sha = hub.store.resolve("space", meta.repo_id, "main")

    def read() -> bytes:
        entry = hub.store.entry("space", meta.repo_id, sha, path)
        if entry.type == "directory":
            entry = hub.store.entry("space", meta.repo_id, sha, posixpath.join(path, "index.html"))
        return file_bytes(hub, meta, sha, entry)

    data = await run_in_threadpool(read)
    media = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return Response(data, media_type=media, headers={"Content-Security-Policy": SANDBOX_CSP})
