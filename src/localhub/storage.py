"""Repositories of the local Hub: one bare git repository per repo, built with git plumbing.

Every commit is built in a throw-away index file (read-tree of the parent, update-index, write-tree,
commit-tree) and published with a compare-and-swap ``git update-ref <ref> <new> <old>``: a crash leaves at
most unreferenced objects, and a concurrent commit is detected (Conflict, 409) instead of lost.
LFS files are committed as LFS pointers; their content lives in the LfsStore (hub/lfs.py).

Repo ids and file paths are validated here, in one place, so nothing can leave the data folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from . import discussions, errors
from .lfs import parse_pointer, pointer

T = TypeVar("T")

REPO_TYPES = ("model", "dataset", "space")
ZERO = "0" * 40
SHA_RE = re.compile(r"^[0-9a-f]{40}$")
PART_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_NAME = 96
MAX_PATH = 1024

# The real Hub's default .gitattributes for a new repo (LFS patterns).
DEFAULT_LFS_PATTERNS = [
    "*.7z",
    "*.arrow",
    "*.bin",
    "*.bz2",
    "*.ckpt",
    "*.ftz",
    "*.gz",
    "*.h5",
    "*.joblib",
    "*.lfs.*",
    "*.mlmodel",
    "*.model",
    "*.msgpack",
    "*.npy",
    "*.npz",
    "*.onnx",
    "*.ot",
    "*.parquet",
    "*.pb",
    "*.pickle",
    "*.pkl",
    "*.pt",
    "*.pth",
    "*.rar",
    "*.safetensors",
    "saved_model/**/*",
    "*.tar.*",
    "*.tar",
    "*.tflite",
    "*.tgz",
    "*.wasm",
    "*.xz",
    "*.zip",
    "*.zst",
    "*tfevents*",
]
DEFAULT_GITATTRIBUTES = "".join(f"{p} filter=lfs diff=lfs merge=lfs -text\n" for p in DEFAULT_LFS_PATTERNS).encode()

HUB_NAME = "Local Hub"
HUB_EMAIL = "hub@localhost"


# ----------------------------------------------------------------------------------------------- data types
@dataclass
class RepoMeta:
    repo_type: str
    repo_id: str
    private: bool
    created_at: float  # unix time
    sdk: str | None = None

    @property
    def namespace(self) -> str:
        return self.repo_id.split("/", 1)[0]


@dataclass
class Operation:
    kind: str  # "add" | "add_lfs" | "delete_file" | "delete_folder"
    path: str
    content: bytes | None = None
    oid: str | None = None  # sha256 for add_lfs
    size: int | None = None


@dataclass
class LfsInfo:
    oid: str
    size: int
    pointer_size: int


@dataclass
class TreeEntry:
    type: str  # "file" | "directory"
    path: str
    oid: str  # git sha1 (blob or tree)
    size: int
    lfs: LfsInfo | None = None


@dataclass
class CommitInfo:
    id: str
    title: str
    message: str
    author: str
    email: str
    date: float  # unix time
    parents: list[str] = field(default_factory=list)


@dataclass
class FileDiff:
    path: str
    status: str  # "added" | "modified" | "deleted"
    old_oid: str | None
    new_oid: str | None
    old_lfs: LfsInfo | None = None
    new_lfs: LfsInfo | None = None
    binary: bool = False
    patch: str | None = None  # unified diff for text files

    def to_json(self) -> dict:
        def lfs(info: LfsInfo | None):
            return None if info is None else {"oid": info.oid, "size": info.size, "pointerSize": info.pointer_size}

        return {
            "path": self.path,
            "status": self.status,
            "oldOid": self.old_oid,
            "newOid": self.new_oid,
            "oldLfs": lfs(self.old_lfs),
            "newLfs": lfs(self.new_lfs),
            "binary": self.binary,
            "patch": self.patch,
        }


@dataclass
class Ref:
    name: str
    ref: str
    target_commit: str


# ----------------------------------------------------------------------------------------------- validation
def validate_repo_type(repo_type: str) -> str:
    if repo_type not in REPO_TYPES:
        raise errors.BadRequest(f"Invalid repo type {repo_type!r}: expected one of {', '.join(REPO_TYPES)}")
    return repo_type


def validate_repo_id(repo_id: str) -> str:
    parts = repo_id.split("/") if isinstance(repo_id, str) else []
    if (
        len(parts) != 2
        or not all(PART_RE.match(p) and len(p) <= MAX_NAME for p in parts)
        or any(".." in p or p.endswith(".git") or p.endswith(".") for p in parts)
    ):
        raise errors.BadRequest(
            f"Invalid repo id {repo_id!r}: expected namespace/name with letters, digits, '-', '_', '.' "
            "(no '..', not ending in '.git')"
        )
    return repo_id


def validate_path(path: str) -> str:
    """A file path inside a repo: relative, '/'-separated, no '.', '..', empty or '.git' segments."""
    bad = (
        not isinstance(path, str)
        or not path
        or len(path) > MAX_PATH
        or path.startswith("/")
        or "\\" in path
        or "\x00" in path
        or any(ord(c) < 32 for c in path)
    )
    if not bad:
        segments = path.split("/")
        bad = any(s in ("", ".", "..") or s == ".git" for s in segments)
    if bad:
        raise errors.BadRequest(
            f"Invalid path {path!r}: paths must be relative, without '..', '.', empty or '.git' segments"
        )
    return path


def validate_branch_name(name: str) -> str:
    ok = bool(name) and len(name) <= 200 and not name.startswith("refs/") and not SHA_RE.match(name)
    if ok:
        ok = (
            subprocess.run(
                ["git", "check-ref-format", f"refs/heads/{name}"], capture_output=True, env=_base_env()
            ).returncode
            == 0
        )
    if not ok:
        raise errors.BadRequest(f"Invalid reference name {name!r}")
    return name


def iso(ts: float) -> str:
    """2026-01-01T00:00:00.000Z: the only date form the clients parse everywhere."""
    dt = datetime.fromtimestamp(ts, tz=UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


# ----------------------------------------------------------------------------------------------- git helpers
def _base_env() -> dict[str, str]:
    """git with no system or user configuration (a learner's ~/.gitconfig must not change how the Hub stores)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"})
    return env


class GitError(RuntimeError):
    pass


def _git(gitdir: Path, *args: str, input: bytes | None = None, env: dict | None = None, check: bool = True) -> bytes:
    e = _base_env()
    e["GIT_DIR"] = str(gitdir)
    if env:
        e.update(env)
    proc = subprocess.run(["git", *args], input=input, capture_output=True, env=e)
    if check and proc.returncode != 0:
        raise GitError(f"git {' '.join(args)} failed: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def _git_ok(gitdir: Path, *args: str) -> bool:
    e = _base_env()
    e["GIT_DIR"] = str(gitdir)
    return subprocess.run(["git", *args], capture_output=True, env=e).returncode == 0


def _discussion_record(gitdir: Path, repo_id: str, num: int) -> dict:
    record = discussions.read(gitdir, num)
    if record is None:
        raise errors.HubError(f"Discussion {num} not found in {repo_id}", status=404)
    return record


def _identity_env(author: str, email: str | None = None, when: float | None = None) -> dict[str, str]:
    ts = int(when if when is not None else time.time())
    date = f"{ts} +0000"
    email = email or f"{author}@users.noreply.localhost"
    return {
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_COMMITTER_DATE": date,
    }


def _migrate_objects(src: Path, dst: Path) -> None:
    """Move quarantined loose objects into the repository (objects already present are kept)."""
    for fan in src.iterdir():
        if not fan.is_dir() or len(fan.name) != 2:
            continue
        target = dst / fan.name
        target.mkdir(exist_ok=True)
        for obj in fan.iterdir():
            if not (target / obj.name).exists():
                os.replace(obj, target / obj.name)


# ----------------------------------------------------------------------------------------------- the store
def _swap_ref(gitdir: Path, ref: str, new: str, old: str, reason: str, branch: str) -> None:
    """Move ``ref`` from ``old`` (empty: it must not exist) to ``new``, or raise Conflict if it moved meanwhile."""
    env = {**_base_env(), "GIT_DIR": str(gitdir)}
    proc = subprocess.run(["git", "update-ref", "-m", reason, ref, new, old or ZERO], capture_output=True, env=env)
    if proc.returncode != 0:
        raise errors.Conflict(f"A concurrent commit updated {branch}; please retry")


def parse_cat_file_batch(out: bytes, count: int) -> dict[str, bytes]:
    """The contents by object id in the output of ``git cat-file --batch`` for ``count`` requested objects.

    Each object is a header line ``<oid> <type> <size>`` and its bytes; a missing one is a ``<oid> missing`` line.
    """
    result: dict[str, bytes] = {}
    pos = 0
    for _ in range(count):
        nl = out.index(b"\n", pos)
        header = out[pos:nl].decode().split()
        pos = nl + 1
        if len(header) == 3:
            size = int(header[2])
            result[header[0]] = out[pos : pos + size]
            pos += size + 1
    return result


class CommitFacts:
    """What git says about a commit, kept in memory: it never changes, and asking git costs a process each time.

    A commit sha names its trees exactly, so the entries under a path at a commit, the type of an object at a
    commit and the fact that a commit exists are the same on every later request. transformers and
    hf_hub_download ask for them again and again (a HEAD per file and per load, each costing a rev-parse, an
    ls-tree and a cat-file; about 300 requests in one run of Lab 07). Facts are keyed by the repo's git folder
    *and* that folder's inode and ctime, so a repo deleted and created again under the same name (by this
    process or another one on the same data folder) never sees the facts of the old one. Bounded (LRU).
    """

    def __init__(self, size: int = 4096) -> None:
        self._size = size
        self._facts: OrderedDict[tuple, object] = OrderedDict()
        self._guard = threading.Lock()

    @staticmethod
    def incarnation(gitdir: Path) -> tuple[str, int, int]:
        st = os.stat(gitdir)
        return str(gitdir), st.st_ino, st.st_ctime_ns

    def get(self, gitdir: Path, key: tuple) -> object | None:
        """The fact, or None if this process has not learnt it (or the repo is not the one it learnt it from)."""
        full = (self.incarnation(gitdir), *key)
        with self._guard:
            value = self._facts.get(full)
            if value is not None:
                self._facts.move_to_end(full)
            return value

    def put(self, gitdir: Path, key: tuple, value: object) -> None:
        full = (self.incarnation(gitdir), *key)
        with self._guard:
            self._facts[full] = value
            while len(self._facts) > self._size:
                self._facts.popitem(last=False)

    def recall(self, gitdir: Path, sha: str, key: tuple, compute: Callable[[], T]) -> T:
        """The fact ``key`` about commit ``sha``, from memory or from ``compute()``. Only facts about a full
        commit sha are kept (a branch name moves), and only positive ones (a commit may arrive later)."""
        if not SHA_RE.match(sha):
            return compute()
        known = self.get(gitdir, (sha, *key))
        if known is None:
            known = compute()
            if known:
                self.put(gitdir, (sha, *key), known)
        return known  # type: ignore[return-value]


class RepoStore:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._facts = CommitFacts()

    # -- paths and locks
    def _dir(self, repo_type: str, repo_id: str) -> Path:
        validate_repo_type(repo_type)
        validate_repo_id(repo_id)
        ns, name = repo_id.split("/")
        return self.root / f"{repo_type}s" / ns / f"{name}.git"

    def _meta_path(self, repo_type: str, repo_id: str) -> Path:
        d = self._dir(repo_type, repo_id)
        return d.with_name(d.name[: -len(".git")] + ".json")

    def _lock(self, repo_type: str, repo_id: str) -> threading.Lock:
        key = f"{repo_type}:{repo_id.lower()}"
        with self._locks_guard:
            return self._locks.setdefault(key, threading.Lock())

    def _gitdir(self, repo_type: str, repo_id: str) -> Path:
        d = self._dir(repo_type, repo_id)
        if not (d / "HEAD").is_file() or not self._meta_path(repo_type, repo_id).is_file():
            raise errors.RepoNotFound(f"Repository {repo_id} not found")
        return d

    def git_dir(self, repo_type: str, repo_id: str) -> Path:
        """The bare repository of an existing repo, for git's own tools (git_http.py); RepoNotFound if absent."""
        return self._gitdir(repo_type, self._canonical(repo_type, repo_id))

    def _find_existing(self, repo_type: str, repo_id: str) -> str | None:
        """Repo ids are case-insensitive on the Hub: the stored spelling of an existing repo, if any."""
        ns, name = repo_id.split("/")
        base = self.root / f"{repo_type}s"
        if not base.is_dir():
            return None
        for nsdir in base.iterdir():
            if nsdir.name.lower() != ns.lower():
                continue
            for f in nsdir.glob("*.json"):
                if f.stem.lower() == name.lower() and (nsdir / f"{f.stem}.git" / "HEAD").is_file():
                    return f"{nsdir.name}/{f.stem}"
        return None

    # -- repos
    def create(
        self, repo_type: str, repo_id: str, *, private: bool, sdk: str | None = None, author: str = HUB_NAME
    ) -> RepoMeta:
        gitdir = self._dir(repo_type, repo_id)
        with self._lock(repo_type, repo_id):
            existing = self._find_existing(repo_type, repo_id)
            if existing is not None:
                raise errors.RepoExists(f"You already created this {repo_type} repo: {existing}")
            gitdir.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{gitdir.name}.", dir=gitdir.parent))
            try:
                _git(tmp, "init", "--bare", "--quiet", "--initial-branch=main", str(tmp))
                blob = _git(tmp, "hash-object", "-w", "--stdin", input=DEFAULT_GITATTRIBUTES).decode().strip()
                tree = _git(tmp, "mktree", input=f"100644 blob {blob}\t.gitattributes\n".encode()).decode().strip()
                now = time.time()
                sha = (
                    _git(
                        tmp,
                        "commit-tree",
                        tree,
                        "-m",
                        "initial commit",
                        env=_identity_env(author, HUB_EMAIL if author == HUB_NAME else None, when=now),
                    )
                    .decode()
                    .strip()
                )
                _git(tmp, "update-ref", "refs/heads/main", sha, ZERO)
                meta = RepoMeta(repo_type, repo_id, bool(private), now, sdk)
                self._write_meta(meta)
                os.rename(tmp, gitdir)
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                self._meta_path(repo_type, repo_id).unlink(missing_ok=True)
                raise
            return meta

    def _write_meta(self, meta: RepoMeta) -> None:
        path = self._meta_path(meta.repo_type, meta.repo_id)
        data = {"private": meta.private, "created_at": meta.created_at, "sdk": meta.sdk}
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1))
        os.replace(tmp, path)

    def _canonical(self, repo_type: str, repo_id: str) -> str:
        validate_repo_type(repo_type)
        validate_repo_id(repo_id)
        existing = self._find_existing(repo_type, repo_id)
        if existing is None:
            raise errors.RepoNotFound(f"Repository {repo_id} not found")
        return existing

    def get(self, repo_type: str, repo_id: str) -> RepoMeta:
        repo_id = self._canonical(repo_type, repo_id)
        data = json.loads(self._meta_path(repo_type, repo_id).read_text())
        return RepoMeta(
            repo_type, repo_id, bool(data.get("private")), float(data.get("created_at", 0)), data.get("sdk")
        )

    def set_private(self, repo_type: str, repo_id: str, private: bool) -> RepoMeta:
        meta = self.get(repo_type, repo_id)
        meta.private = bool(private)
        self._write_meta(meta)
        return meta

    def delete(self, repo_type: str, repo_id: str) -> None:
        repo_id = self._canonical(repo_type, repo_id)
        with self._lock(repo_type, repo_id):
            gitdir = self._dir(repo_type, repo_id)
            trash = gitdir.with_name(f".deleted-{gitdir.name}-{os.getpid()}-{time.time_ns()}")
            os.rename(gitdir, trash)
            self._meta_path(repo_type, repo_id).unlink(missing_ok=True)
            shutil.rmtree(trash, ignore_errors=True)

    def list_repos(self, repo_type: str, author: str | None = None) -> list[RepoMeta]:
        validate_repo_type(repo_type)
        base = self.root / f"{repo_type}s"
        out: list[RepoMeta] = []
        if not base.is_dir():
            return out
        for nsdir in sorted(base.iterdir()):
            if not nsdir.is_dir() or (author and nsdir.name.lower() != author.lower()):
                continue
            for f in sorted(nsdir.glob("*.json")):
                if (nsdir / f"{f.stem}.git" / "HEAD").is_file() and PART_RE.match(f.stem):
                    try:
                        out.append(self.get(repo_type, f"{nsdir.name}/{f.stem}"))
                    except errors.HubError:
                        pass
        return out

    def move(self, repo_type: str, from_id: str, to_id: str) -> RepoMeta:
        """Rename or transfer a repo (``HfApi.move_repo``): its git folder and metadata move together.

        Everything travels with it (history, branches, tags, discussions); the old id is free afterwards.
        """
        from_id = self._canonical(repo_type, from_id)
        validate_repo_id(to_id)
        keys = sorted({from_id.lower(), to_id.lower()})  # one lock per repo id, always taken in the same order
        with contextlib.ExitStack() as held:
            for key in keys:
                held.enter_context(self._lock(repo_type, key))
            existing = self._find_existing(repo_type, to_id)
            if existing is not None and existing.lower() != from_id.lower():
                raise errors.RepoExists(f"A {repo_type} repo {existing} already exists")
            src_git, dst_git = self._dir(repo_type, from_id), self._dir(repo_type, to_id)
            src_meta, dst_meta = self._meta_path(repo_type, from_id), self._meta_path(repo_type, to_id)
            dst_git.parent.mkdir(parents=True, exist_ok=True)
            os.rename(src_git, dst_git)
            try:
                os.rename(src_meta, dst_meta)
            except BaseException:
                os.rename(dst_git, src_git)
                raise
        return self.get(repo_type, to_id)

    def duplicate(
        self, repo_type: str, from_id: str, to_id: str, *, private: bool, author: str, email: str | None = None
    ) -> RepoMeta:
        """A new repo ``to_id`` holding the files of ``from_id``'s main in one commit (``HfApi.duplicate_repo``).

        As on huggingface.co, the copy starts its own history: branches, tags and discussions stay behind.
        """
        from_id = self._canonical(repo_type, from_id)
        src = self._gitdir(repo_type, from_id)
        tree = _git(src, "rev-parse", "refs/heads/main^{tree}").decode().strip()
        sdk = self.get(repo_type, from_id).sdk
        meta = self.create(repo_type, to_id, private=private, sdk=sdk)
        dst = self._gitdir(repo_type, to_id)
        with self._lock(repo_type, to_id):
            # the source's objects reach the copy through a fetch (git copies only what the tree needs)
            _git(dst, "fetch", "--quiet", "--no-tags", str(src), "refs/heads/main:refs/duplicate-source")
            when = time.time()
            new = (
                _git(dst, "commit-tree", tree, input=f"Duplicate from {from_id}\n".encode(),
                     env=_identity_env(author, email, when=when))
                .decode()
                .strip()
            )  # fmt: skip
            _git(dst, "update-ref", "refs/heads/main", new)
            _git(dst, "update-ref", "-d", "refs/duplicate-source")
        return meta

    def squash(self, repo_type: str, repo_id: str, branch: str, message: str, author: str) -> str:
        """Replace ``branch``'s history by one commit with its current files (``HfApi.super_squash_history``)."""
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        ref = self._branch_ref(branch)
        with self._lock(repo_type, repo_id):
            old = _git(gitdir, "rev-parse", "--verify", "--quiet", ref, check=False).decode().strip()
            if not SHA_RE.match(old):
                raise errors.RevisionNotFound(f"Invalid rev id: {branch}")
            tree = _git(gitdir, "rev-parse", f"{old}^{{tree}}").decode().strip()
            new = (
                _git(gitdir, "commit-tree", tree, input=(message.strip() or "Squash") .encode() + b"\n",
                     env=_identity_env(author))
                .decode()
                .strip()
            )  # fmt: skip
            _swap_ref(gitdir, ref, new, old, "squash", branch)
            return new

    # -- revisions
    def resolve(self, repo_type: str, repo_id: str, revision: str) -> str:
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        rev = revision or "main"
        if SHA_RE.match(rev.lower()) and self._facts.get(gitdir, (rev.lower(), "commit")):
            return rev.lower()  # a commit this process has seen: no branch or tag lookup (a 40-hex branch name loses)
        candidates: list[str] = []
        if rev.startswith("refs/"):
            if re.fullmatch(r"refs/(heads|tags|pr|convert)/[^\s~^:?*\[\\]+", rev) and ".." not in rev:
                candidates.append(rev)
        elif not rev.startswith("-") and ".." not in rev and not re.search(r"[\s~^:?*\[\\]", rev):
            candidates += [f"refs/heads/{rev}", f"refs/tags/{rev}"]
        for ref in candidates:
            out = _git(gitdir, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False).decode().strip()
            if SHA_RE.match(out):
                self._facts.put(gitdir, (out, "commit"), True)
                return out
        sha = rev.lower()
        if SHA_RE.match(sha) and self._facts.recall(
            gitdir, sha, ("commit",), lambda: _git_ok(gitdir, "cat-file", "-e", f"{sha}^{{commit}}")
        ):
            return sha
        raise errors.RevisionNotFound(f"Invalid rev id: {revision}")

    def head(self, repo_type: str, repo_id: str, branch: str) -> str | None:
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        out = _git(gitdir, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", check=False).decode().strip()
        return out if SHA_RE.match(out) else None

    def _branch_ref(self, branch: str) -> str:
        if branch.startswith("refs/pr/") and re.fullmatch(r"refs/pr/\d+", branch):
            return branch
        if branch.startswith("refs/heads/"):
            branch = branch[len("refs/heads/") :]
        return f"refs/heads/{branch}"

    # -- commits
    def commit(
        self,
        repo_type: str,
        repo_id: str,
        branch: str,
        operations: list[Operation],
        *,
        summary: str,
        description: str = "",
        author: str,
        email: str | None = None,
        parent_commit: str | None = None,
    ) -> str:
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        ref = self._branch_ref(branch)
        self._check_ops(operations)
        with self._lock(repo_type, repo_id):
            old = _git(gitdir, "rev-parse", "--verify", "--quiet", ref, check=False).decode().strip()
            if not SHA_RE.match(old):
                if ref.startswith("refs/heads/"):
                    raise errors.RevisionNotFound(f"Invalid rev id: {branch}")
                old = ""
            sha = self._commit_locked(
                gitdir, ref, branch, old, old, operations, summary, description, author, email, parent_commit
            )
            if ref.startswith("refs/pr/"):  # a commit onto a pull request shows in its discussion
                discussions.add_events(
                    gitdir, int(ref.rsplit("/", 1)[1]), [discussions.commit_event(author, sha, summary)]
                )
            return sha

    @staticmethod
    def _check_ops(operations: list[Operation]) -> None:
        for op in operations:
            validate_path(op.path)
            if op.kind == "add_lfs" and not (
                op.oid and re.fullmatch(r"[0-9a-f]{64}", op.oid) and op.size is not None and op.size >= 0
            ):
                raise errors.BadRequest(f"Invalid LFS file {op.path!r}: oid must be a sha256 and size >= 0")
            if op.kind not in ("add", "add_lfs", "delete_file", "delete_folder"):
                raise errors.BadRequest(f"Unknown operation {op.kind!r}")

    def _commit_locked(
        self,
        gitdir: Path,
        ref: str,
        branch: str,
        old: str,
        ref_old: str,
        operations: list[Operation],
        summary: str,
        description: str,
        author: str,
        email: str | None,
        parent_commit: str | None,
    ) -> str:
        """Build a commit on top of ``old`` and move ``ref`` from ``ref_old`` to it (caller holds the lock)."""
        if parent_commit is not None and parent_commit != old:
            raise errors.PreconditionFailed(
                f"A commit has happened since. Please refresh and try again. "
                f"(parent commit {parent_commit} is not the head of {branch}: {old})"
            )
        # Quarantine, as git does for pushes: new objects go to a temp object folder and are moved into the
        # repository only once the whole commit is built, so a refused commit leaves nothing behind.
        quarantine = Path(tempfile.mkdtemp(prefix=".incoming-", dir=gitdir))
        index = str(quarantine / "index")
        ienv = {
            "GIT_INDEX_FILE": index,
            "GIT_OBJECT_DIRECTORY": str(quarantine / "objects"),
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": str(gitdir / "objects"),
        }
        (quarantine / "objects").mkdir()
        try:
            if old:
                _git(gitdir, "read-tree", old, env=ienv)
            self._apply_all(gitdir, ienv, quarantine, operations)
            tree = _git(gitdir, "write-tree", env=ienv).decode().strip()
            message = summary.strip() or "Update"
            if description.strip():
                message += "\n\n" + description.strip()
            args = ["commit-tree", tree] + (["-p", old] if old else [])
            new = (
                _git(gitdir, *args, input=message.encode() + b"\n", env={**ienv, **_identity_env(author, email)})
                .decode()
                .strip()
            )
            _migrate_objects(quarantine / "objects", gitdir / "objects")
            _swap_ref(gitdir, ref, new, ref_old, summary[:200], branch)
            return new
        finally:
            shutil.rmtree(quarantine, ignore_errors=True)

    # -- discussions and pull requests (records: hub/discussions.py; commits: refs/pr/<num>)
    def commit_pr(
        self,
        repo_type: str,
        repo_id: str,
        base: str,
        operations: list[Operation],
        *,
        summary: str,
        description: str = "",
        author: str,
        email: str | None = None,
        parent_commit: str | None = None,
    ) -> tuple[int, str]:
        """Open pull request N (next free number in this repo): refs/pr/N = a commit on top of branch ``base``."""
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        base = base[len("refs/heads/") :] if base.startswith("refs/heads/") else base
        self._check_ops(operations)
        with self._lock(repo_type, repo_id):
            head = self.head(repo_type, repo_id, base)
            if head is None:
                raise errors.RevisionNotFound(f"Invalid rev id: {base}")
            num = self._next_discussion_number(gitdir, repo_type, repo_id)
            sha = self._commit_locked(
                gitdir, f"refs/pr/{num}", base, head, "", operations, summary, description, author, email, parent_commit
            )
            record = discussions.new_record(
                num, title=summary, description=description, author=author, pull_request=True, base=base, status="open"
            )
            record["events"].append(discussions.commit_event(author, sha, summary))
            discussions.write(gitdir, record)
            return num, sha

    def _next_discussion_number(self, gitdir: Path, repo_type: str, repo_id: str) -> int:
        return discussions.next_number(
            gitdir, (int(r.name) for r in self.pull_requests(repo_type, repo_id) if r.name.isdigit())
        )

    def create_discussion(
        self,
        repo_type: str,
        repo_id: str,
        *,
        title: str,
        description: str,
        author: str,
        pull_request: bool,
        base: str = "main",
    ) -> int:
        """Open discussion N; a pull request starts as a draft whose refs/pr/N is the head of ``base``."""
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        with self._lock(repo_type, repo_id):
            num = self._next_discussion_number(gitdir, repo_type, repo_id)
            if pull_request:
                head = self.head(repo_type, repo_id, base)
                if head is None:
                    raise errors.RevisionNotFound(f"Invalid rev id: {base}")
                _git(gitdir, "update-ref", f"refs/pr/{num}", head, ZERO)
            discussions.write(
                gitdir,
                discussions.new_record(
                    num,
                    title=title,
                    description=description,
                    author=author,
                    pull_request=pull_request,
                    base=base if pull_request else None,
                    status="draft" if pull_request else "open",
                ),
            )
            return num

    def discussion(self, repo_type: str, repo_id: str, num: int) -> dict:
        """Discussion ``num`` (with ``head``, the sha of refs/pr/N, for a pull request); 404 if there is none."""
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        record = _discussion_record(gitdir, repo_id, num)
        if record["is_pull_request"]:
            head = _git(gitdir, "rev-parse", "--verify", "--quiet", f"refs/pr/{int(num)}", check=False).decode().strip()
            if not SHA_RE.match(head):
                raise errors.HubError(f"Discussion {num} not found in {repo_id}", status=404)
            record["head"] = head
        return record

    def list_discussions(self, repo_type: str, repo_id: str) -> list[dict]:
        """Every discussion and pull request of the repo, newest first."""
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        return [r for r in (discussions.read(gitdir, n) for n in reversed(discussions.numbers(gitdir))) if r]

    def add_discussion_events(
        self,
        repo_type: str,
        repo_id: str,
        num: int,
        events: list[dict],
        *,
        status: str | None = None,
        title: str | None = None,
    ) -> dict:
        """Append events to discussion ``num`` (and set its status or title) in one atomic write."""
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        with self._lock(repo_type, repo_id):
            record = _discussion_record(gitdir, repo_id, num)
            record["events"].extend(events)
            if status is not None:
                record["status"] = status
            if title is not None:
                record["title"] = title
            discussions.write(gitdir, record)
            return record

    def merge_pull_request(
        self, repo_type: str, repo_id: str, num: int, *, author: str, email: str | None = None, comment: str = ""
    ) -> str:
        """Merge pull request ``num`` into its base branch; returns the base's new head.

        A fast-forward when the base has not moved since the PR was opened; otherwise a merge commit of the
        three-way merge (``git merge-tree``). Conflicting files get a 409 that names them, and nothing changes.
        The base moves by compare-and-swap, like every commit.
        """
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        with self._lock(repo_type, repo_id):
            record = _discussion_record(gitdir, repo_id, num)
            if not record["is_pull_request"]:
                raise errors.BadRequest(f"Discussion {num} is not a pull request")
            if record["status"] not in discussions.ACTIVE:
                raise errors.Conflict(f"Pull request {num} is {record['status']}; only an open one can be merged")
            head = _git(gitdir, "rev-parse", "--verify", "--quiet", f"refs/pr/{int(num)}", check=False).decode().strip()
            base_sha = self.head(repo_type, repo_id, record["base"])
            if base_sha is None:
                raise errors.RevisionNotFound(
                    f"The base branch {record['base']} of pull request {num} no longer exists"
                )
            if _git_ok(gitdir, "merge-base", "--is-ancestor", base_sha, head):
                new = head
            elif _git_ok(gitdir, "merge-base", "--is-ancestor", head, base_sha):
                new = base_sha  # everything in the PR is already on the base
            else:
                new = self._merge_commit(gitdir, base_sha, head, record, author, email)
            if new != base_sha:
                e = _base_env()
                e["GIT_DIR"] = str(gitdir)
                proc = subprocess.run(
                    [
                        "git",
                        "update-ref",
                        "-m",
                        f"merge pull request {num}",
                        f"refs/heads/{record['base']}",
                        new,
                        base_sha,
                    ],
                    capture_output=True,
                    env=e,
                )
                if proc.returncode != 0:
                    raise errors.Conflict(f"A concurrent commit updated {record['base']}; please retry")
            events = [discussions.comment_event(author, comment)] if comment.strip() else []
            record["events"].extend([*events, discussions.status_event(author, "merged")])
            record["status"], record["merge_commit"], record["merged_base"] = "merged", new, base_sha
            discussions.write(gitdir, record)
            return new

    def _merge_commit(
        self, gitdir: Path, base_sha: str, head: str, record: dict, author: str, email: str | None
    ) -> str:
        """A merge commit of ``base_sha`` and ``head``; its objects are quarantined until it exists (see commits)."""
        quarantine = Path(tempfile.mkdtemp(prefix=".incoming-", dir=gitdir))
        qenv = {
            "GIT_OBJECT_DIRECTORY": str(quarantine / "objects"),
            "GIT_ALTERNATE_OBJECT_DIRECTORIES": str(gitdir / "objects"),
        }
        (quarantine / "objects").mkdir()
        try:
            proc = subprocess.run(
                ["git", "merge-tree", "--write-tree", "--name-only", "--no-messages", base_sha, head],
                capture_output=True,
                env={**_base_env(), "GIT_DIR": str(gitdir), **qenv},
            )
            lines = proc.stdout.decode(errors="replace").splitlines()
            if proc.returncode == 1:
                files = ", ".join(sorted(set(lines[1:]))) or "unknown files"
                raise errors.Conflict(
                    f"Pull request {record['num']} conflicts with {record['base']} in: {files} "
                    f"({record['base']} changed them too since the PR was opened). Close it and "
                    f"open a new pull request on top of the current {record['base']}."
                )
            if proc.returncode != 0 or not lines or not SHA_RE.match(lines[0]):
                raise GitError(f"git merge-tree failed: {proc.stderr.decode(errors='replace').strip()}")
            message = f"Merge pull request #{record['num']}: {record['title']}\n"
            sha = (
                _git(
                    gitdir,
                    "commit-tree",
                    lines[0],
                    "-p",
                    base_sha,
                    "-p",
                    head,
                    input=message.encode(),
                    env={**qenv, **_identity_env(author, email)},
                )
                .decode()
                .strip()
            )
            _migrate_objects(quarantine / "objects", gitdir / "objects")
            return sha
        finally:
            shutil.rmtree(quarantine, ignore_errors=True)

    def pr_patch(self, repo_type: str, repo_id: str, base: str, head: str) -> str:
        """The changes of a pull request as a unified diff: from where it left ``base`` to its head."""
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        return _git(gitdir, "diff", "--no-color", "--no-ext-diff", f"{base}...{head}").decode(errors="replace")

    def _index_paths(self, gitdir: Path, ienv: dict, prefix: str = "") -> list[str]:
        args = ["ls-files", "-z"] + (["--", prefix] if prefix else [])
        return [p for p in _git(gitdir, *args, env=ienv).decode().split("\x00") if p]

    def _apply_all(self, gitdir: Path, ienv: dict, quarantine: Path, operations: list[Operation]) -> None:
        """Apply the operations, in order, to the index of ``ienv`` with a constant number of git calls.

        A commit of 1,500 files used to run four git processes per file (about 18 ms each file): the blobs
        are now written by one ``hash-object --stdin-paths``, the index is read once and edited in memory,
        and the result goes back in one ``update-index``. The rules are the Hub's: a file replaces a folder
        of the same name and vice versa, and deleting what is not there is an error.
        """
        before = set(self._index_paths(gitdir, ienv))
        paths = set(before)
        blobs = self._write_blobs(gitdir, ienv, quarantine, operations)
        added: dict[str, str] = {}
        for op, blob in zip(operations, blobs):
            if op.kind in ("add", "add_lfs"):
                parts = op.path.split("/")
                stale = [p for p in paths if p.startswith(op.path + "/")]
                stale += [p for p in ("/".join(parts[:i]) for i in range(1, len(parts))) if p in paths]
                for p in stale:
                    paths.discard(p)
                    added.pop(p, None)
                paths.add(op.path)
                added[op.path] = blob or ""
            elif op.kind == "delete_file":
                if op.path not in paths:
                    raise errors.EntryNotFound(f"File to delete not found: {op.path}")
                paths.discard(op.path)
                added.pop(op.path, None)
            elif op.kind == "delete_folder":
                folder = op.path.rstrip("/")
                inside = [p for p in paths if p.startswith(folder + "/")]
                if not inside:
                    raise errors.EntryNotFound(f"Folder to delete not found: {folder}")
                for p in inside:
                    paths.discard(p)
                    added.pop(p, None)
        lines = "".join(f"0 {ZERO}\t{p}\x00" for p in sorted(before - paths))
        lines += "".join(f"100644 {blob}\t{p}\x00" for p, blob in added.items())
        if lines:
            _git(gitdir, "update-index", "-z", "--index-info", input=lines.encode(), env=ienv)

    def _write_blobs(self, gitdir: Path, ienv: dict, quarantine: Path, operations: list[Operation]) -> list[str | None]:
        """The blob id of each add (None for a delete), all written by one git process into the quarantine."""
        contents: list[bytes | None] = []
        for op in operations:
            if op.kind == "add":
                contents.append(op.content or b"")
            elif op.kind == "add_lfs":
                assert op.oid is not None and op.size is not None, "an LFS operation always has an oid and a size"
                contents.append(pointer(op.oid, op.size))
            else:
                contents.append(None)
        staged = quarantine / "blobs"
        staged.mkdir(exist_ok=True)
        files = []
        for i, data in enumerate(contents):
            if data is not None:
                path = staged / str(i)
                path.write_bytes(data)
                files.append(str(path))
        oids = iter(
            _git(
                gitdir,
                "hash-object",
                "-w",
                "--no-filters",
                "--stdin-paths",
                input="\n".join(files).encode() + b"\n",
                env=ienv,
            )
            .decode()
            .split()
            if files
            else []
        )
        return [next(oids) if data is not None else None for data in contents]

    # -- reading
    def _read_blobs(self, gitdir: Path, oids: list[str]) -> dict[str, bytes]:
        if not oids:
            return {}
        out = _git(gitdir, "cat-file", "--batch", input="".join(f"{o}\n" for o in oids).encode())
        return parse_cat_file_batch(out, len(oids))

    def _entries(self, gitdir: Path, sha: str, args: list[str]) -> list[TreeEntry]:
        """What ``git ls-tree args`` lists at commit ``sha``, LFS pointers decoded; copies, so callers may keep them."""
        known = self._facts.recall(gitdir, sha, ("ls-tree", *args), lambda: self._list_entries(gitdir, args))
        return [replace(e) for e in known]

    def _list_entries(self, gitdir: Path, args: list[str]) -> list[TreeEntry]:
        raw = _git(gitdir, "ls-tree", "-l", "-z", *args).decode()
        entries: list[TreeEntry] = []
        small: list[str] = []
        for rec in raw.split("\x00"):
            if not rec:
                continue
            meta, path = rec.split("\t", 1)
            _mode, typ, oid, size = meta.split()
            if typ == "tree":
                entries.append(TreeEntry("directory", path, oid, 0))
            elif typ == "blob":
                entries.append(TreeEntry("file", path, oid, int(size)))
                if int(size) < 1024:
                    small.append(oid)
        blobs = self._read_blobs(gitdir, sorted(set(small)))
        for e in entries:
            if e.type == "file" and e.oid in blobs:
                parsed = parse_pointer(blobs[e.oid])
                if parsed:
                    e.lfs = LfsInfo(parsed[0], parsed[1], e.size)
        return entries

    def _object_type(self, gitdir: Path, sha: str, path: str) -> str | None:
        def ask_git() -> str:
            return _git(gitdir, "cat-file", "-t", f"{sha}:{path}", check=False).decode().strip()

        return self._facts.recall(gitdir, sha, ("type", path), ask_git) or None

    def tree(self, repo_type: str, repo_id: str, sha: str, path: str = "", recursive: bool = False) -> list[TreeEntry]:
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        path = path.strip("/")
        if path:
            validate_path(path)
            if self._object_type(gitdir, sha, path) != "tree":
                raise errors.EntryNotFound(f"Folder {path} not found at {sha}")
        args = (["-r", "-t"] if recursive else []) + [sha] + (["--", path + "/"] if path else [])
        return self._entries(gitdir, sha, args)

    def entry(self, repo_type: str, repo_id: str, sha: str, path: str) -> TreeEntry:
        """One file or folder at a commit; EntryNotFound if absent."""
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        validate_path(path)
        found = [e for e in self._entries(gitdir, sha, [sha, "--", path]) if e.path == path]
        if not found:
            raise errors.EntryNotFound(f"{path} does not exist at {sha}")
        return found[0]

    def read_blob(self, repo_type: str, repo_id: str, sha: str, path: str) -> bytes:
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        validate_path(path)
        if self._object_type(gitdir, sha, path) != "blob":
            raise errors.EntryNotFound(f"{path} does not exist at {sha}")
        return _git(gitdir, "cat-file", "blob", f"{sha}:{path}")

    # -- refs
    def _refs(self, repo_type: str, repo_id: str, prefix: str) -> list[Ref]:
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        out = _git(gitdir, "for-each-ref", "--format=%(refname)%00%(objectname)%00%(*objectname)", prefix).decode()
        refs = []
        for line in out.splitlines():
            ref, obj, peeled = line.split("\x00")
            name = ref[len(prefix) :].lstrip("/") if prefix != "refs/pr/" else ref
            refs.append(Ref(name if prefix != "refs/pr/" else ref[len("refs/pr/") :], ref, peeled or obj))
        return refs

    def branches(self, repo_type: str, repo_id: str) -> list[Ref]:
        return self._refs(repo_type, repo_id, "refs/heads/")

    def tags(self, repo_type: str, repo_id: str) -> list[Ref]:
        return self._refs(repo_type, repo_id, "refs/tags/")

    def pull_requests(self, repo_type: str, repo_id: str) -> list[Ref]:
        return self._refs(repo_type, repo_id, "refs/pr/")

    def create_branch(self, repo_type: str, repo_id: str, branch: str, starting_point: str | None = None) -> str:
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        validate_branch_name(branch)
        sha = self.resolve(repo_type, repo_id, starting_point or "main")
        e = _base_env()
        e["GIT_DIR"] = str(gitdir)
        proc = subprocess.run(["git", "update-ref", f"refs/heads/{branch}", sha, ZERO], capture_output=True, env=e)
        if proc.returncode != 0:
            raise errors.Conflict(f"Reference already exists: refs/heads/{branch}")
        return sha

    def delete_branch(self, repo_type: str, repo_id: str, branch: str) -> None:
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        if branch == "main":
            raise errors.Forbidden("Cannot delete the default branch 'main'")
        old = self.head(repo_type, repo_id, branch) if re.fullmatch(r"[^\s~^:?*\[\\]+", branch) else None
        if old is None:
            raise errors.RevisionNotFound(f"Invalid rev id: {branch}")
        _git(gitdir, "update-ref", "-d", f"refs/heads/{branch}", old)

    def create_tag(
        self,
        repo_type: str,
        repo_id: str,
        tag: str,
        revision: str = "main",
        message: str | None = None,
        author: str = HUB_NAME,
    ) -> str:
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        validate_branch_name(tag)
        sha = self.resolve(repo_type, repo_id, revision)
        target = sha
        if message:
            body = (
                f"object {sha}\ntype commit\ntag {tag}\ntagger {author} <{author}@users.noreply.localhost> "
                f"{int(time.time())} +0000\n\n{message.strip()}\n"
            )
            target = _git(gitdir, "mktag", input=body.encode()).decode().strip()
        e = _base_env()
        e["GIT_DIR"] = str(gitdir)
        proc = subprocess.run(["git", "update-ref", f"refs/tags/{tag}", target, ZERO], capture_output=True, env=e)
        if proc.returncode != 0:
            raise errors.Conflict(f"Tag already exists: {tag}")
        return sha

    def delete_tag(self, repo_type: str, repo_id: str, tag: str) -> None:
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        if not re.fullmatch(r"[^\s~^:?*\[\\]+", tag) or ".." in tag:
            raise errors.RevisionNotFound(f"Invalid rev id: {tag}")
        old = _git(gitdir, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}", check=False).decode().strip()
        if not SHA_RE.match(old):
            raise errors.RevisionNotFound(f"Invalid rev id: {tag}")
        _git(gitdir, "update-ref", "-d", f"refs/tags/{tag}", old)

    # -- history
    def log(self, repo_type: str, repo_id: str, sha: str, limit: int | None = None) -> list[CommitInfo]:
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        args = ["log", "--format=%H%x00%P%x00%an%x00%ae%x00%ct%x00%s%x00%B%x1e"]
        if limit:
            args.append(f"-n{int(limit)}")
        out = _git(gitdir, *args, sha).decode(errors="replace")
        commits = []
        for rec in out.split("\x1e"):
            rec = rec.strip("\n")
            if not rec:
                continue
            h, parents, an, ae, ct, subject, body = rec.split("\x00")
            commits.append(CommitInfo(h, subject, body.strip(), an, ae, float(ct), parents.split()))
        return commits

    def last_modified(self, repo_type: str, repo_id: str, sha: str) -> float:
        gitdir = self._gitdir(repo_type, self._canonical(repo_type, repo_id))
        return float(_git(gitdir, "log", "-1", "--format=%ct", sha).decode().strip() or 0)

    def diff(self, repo_type: str, repo_id: str, a: str, b: str) -> list[FileDiff]:
        """Files that differ between commits a and b (both already resolved), with unified patches for text."""
        repo_id = self._canonical(repo_type, repo_id)
        gitdir = self._gitdir(repo_type, repo_id)
        raw = _git(gitdir, "diff-tree", "-r", "-z", "--no-renames", "--raw", a, b).decode()
        fields = raw.split("\x00")
        diffs: list[FileDiff] = []
        i = 0
        while i < len(fields) - 1:
            meta = fields[i]
            if not meta.startswith(":"):
                i += 1
                continue
            path = fields[i + 1]
            i += 2
            _, _, old_oid, new_oid, status = meta[1:].split()
            st = {"A": "added", "D": "deleted"}.get(status[0], "modified")
            d = FileDiff(path, st, None if old_oid == ZERO else old_oid, None if new_oid == ZERO else new_oid)
            blobs = self._read_blobs(gitdir, [o for o in (d.old_oid, d.new_oid) if o])
            for attr, oid in (("old_lfs", d.old_oid), ("new_lfs", d.new_oid)):
                if oid and len(blobs.get(oid, b"")) < 1024:
                    parsed = parse_pointer(blobs.get(oid, b""))
                    if parsed:
                        setattr(d, attr, LfsInfo(parsed[0], parsed[1], len(blobs[oid])))
            if d.old_lfs or d.new_lfs or any(b"\x00" in blobs.get(o, b"")[:8000] for o in (d.old_oid, d.new_oid) if o):
                d.binary = True
            else:
                d.patch = _git(gitdir, "diff", "--no-color", "--no-ext-diff", "--no-renames", a, b, "--", path).decode(
                    errors="replace"
                )
            diffs.append(d)
        return diffs
