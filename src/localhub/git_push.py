"""The rules a ``git push`` to the Hub must pass, run by ``git receive-pack`` as its pre-receive hook.

git_http.py serves pushes with ``git http-backend``. receive-pack keeps the pushed objects in a quarantine
(``GIT_QUARANTINE_PATH``; git's own object folder only sees them once the push is accepted) and runs this hook
with one ``<old> <new> <ref>`` line per ref update on stdin, before it moves any ref. Exit status 1 refuses the
whole push: the quarantine is deleted and no ref moves, so a refused push leaves the repository exactly as it
was. What the hook writes to stderr reaches the user as ``remote: ...`` lines.

The rules are those of an API commit (api/commits.py, storage.py, cards.py):

- only branches (``refs/heads/*``) and tags (``refs/tags/*``), named as storage names them; ``main`` stays;
- a branch only moves forward (no force-push over history); an existing tag is not moved (delete it first);
- a file of ``LFS_THRESHOLD`` bytes or more must be stored with git-lfs (in git: an LFS pointer);
- an LFS pointer must point to an object that is in the Hub's LFS store with that size (git-lfs uploads
  the objects before git pushes the commits);
- a new README.md must have valid metadata for the repo type (``cards.validate_yaml``; warnings pass).

Objects already in the repository were checked when they arrived, so only new ones are inspected
(``git rev-list --objects <new tips> --not --all``).

Run as ``python -m localhub.git_push`` (the hook script git_http.py writes) with ``LOCALHUB_REPO_TYPE`` and
``LOCALHUB_LFS_DIR`` in the environment; git sets ``GIT_DIR`` and the quarantine variables.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from . import cards, errors
from .lfs import LFS_THRESHOLD, MAX_POINTER_SIZE, object_path, parse_pointer
from .storage import parse_cat_file_batch, validate_branch_name

ZERO = "0" * 40
ENV_REPO_TYPE = "LOCALHUB_REPO_TYPE"
ENV_LFS_DIR = "LOCALHUB_LFS_DIR"
MAX_LISTED = 10  # offending files named per rule


@dataclass(frozen=True)
class RefUpdate:
    old: str
    new: str
    ref: str


def _git(*args: str, input: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """git in the hook's environment (GIT_DIR and the quarantine as receive-pack set them)."""
    proc = subprocess.run(["git", *args], input=input, capture_output=True)
    if check and proc.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {proc.stderr.decode(errors='replace').strip()}")
    return proc


def _is_ancestor(old: str, new: str) -> bool:
    return _git("merge-base", "--is-ancestor", old, new, check=False).returncode == 0


def _peeled_commit(sha: str) -> str | None:
    out = _git("rev-parse", "--verify", "--quiet", f"{sha}^{{commit}}", check=False).stdout.decode().strip()
    return out or None


def check_ref(update: RefUpdate) -> str | None:
    """Why this ref update is refused, or None."""
    ref, old, new = update.ref, update.old, update.new
    if ref.startswith("refs/heads/"):
        kind, name = "branch", ref[len("refs/heads/") :]
    elif ref.startswith("refs/tags/"):
        kind, name = "tag", ref[len("refs/tags/") :]
    elif ref.startswith("refs/pr/"):
        return f"{ref}: pull request refs change through the Hub's API (HfApi.create_commit(..., revision='{ref}'))"
    else:
        return f"{ref}: only branches (refs/heads/...) and tags (refs/tags/...) can be pushed"
    try:
        validate_branch_name(name)
    except errors.HubError:
        return f"{ref}: invalid {kind} name {name!r}"
    if new == ZERO:
        return "refs/heads/main: the default branch main cannot be deleted" if ref == "refs/heads/main" else None
    if _peeled_commit(new) is None:
        return f"{ref}: a {kind} must point to a commit"
    if old == ZERO:
        return None
    if kind == "tag":
        return f"{ref}: the tag {name} already exists; tags are not moved (delete it first: git push --delete)"
    if not _is_ancestor(old, new):
        return (
            f"{ref}: non-fast-forward update refused (it would rewrite the history of {name}; the Hub accepts "
            f"no force-push). Fetch and merge or rebase on {old[:12]} first (git pull --rebase), then push."
        )
    return None


def _new_objects(tips: list[str]) -> dict[str, str]:
    """oid -> path (empty for commits and trees' roots) of every object the push brings."""
    if not tips:
        return {}
    out = _git("rev-list", "--objects", *tips, "--not", "--all").stdout.decode("utf-8", "surrogateescape")
    objects: dict[str, str] = {}
    for line in out.splitlines():
        oid, _, path = line.partition(" ")
        if oid:
            objects.setdefault(oid, path)
    return objects


def _object_kinds(oids: list[str]) -> dict[str, tuple[str, int]]:
    if not oids:
        return {}
    fmt = "--batch-check=%(objectname) %(objecttype) %(objectsize)"
    out = _git("cat-file", fmt, input="".join(f"{o}\n" for o in oids).encode()).stdout.decode()
    kinds: dict[str, tuple[str, int]] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            kinds[parts[0]] = (parts[1], int(parts[2]))
    return kinds


def _read_blobs(oids: list[str]) -> dict[str, bytes]:
    if not oids:
        return {}
    out = _git("cat-file", "--batch", input="".join(f"{o}\n" for o in oids).encode()).stdout
    return parse_cat_file_batch(out, len(oids))


def _listed(items: list[str]) -> str:
    shown = [f"  - {item}" for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        shown.append(f"  ... and {len(items) - MAX_LISTED} more")
    return "\n".join(shown)


def check_push(updates: list[RefUpdate], repo_type: str, lfs_dir: Path, threshold: int = LFS_THRESHOLD) -> list[str]:
    """Every reason to refuse this push (empty: accept it)."""
    problems = [p for p in (check_ref(u) for u in updates) if p]
    if problems:
        return problems
    tips = [u for u in updates if u.new != ZERO]
    objects = _new_objects([u.new for u in tips])
    kinds = _object_kinds(list(objects))
    blobs = {oid: size for oid, (kind, size) in kinds.items() if kind == "blob"}
    large = sorted(f"{objects[o] or o} ({size / 2**20:.1f} MiB)" for o, size in blobs.items() if size >= threshold)
    if large:
        problems.append(
            f"Your push was rejected because it contains files of {threshold / 2**20:g} MiB or more that are not "
            f"stored with git-lfs:\n{_listed(large)}\n"
            'Track them with git-lfs (git lfs install; git lfs track "*.ext"; git add .gitattributes), then '
            "commit them again (git lfs migrate import --include='*.ext' rewrites commits not pushed yet)."
        )
    small = _read_blobs(sorted(o for o, size in blobs.items() if size <= MAX_POINTER_SIZE))
    missing = []
    for oid, data in small.items():
        parsed = parse_pointer(data)
        if parsed is None:
            continue
        lfs_oid, size = parsed
        path = object_path(lfs_dir, lfs_oid)
        if not path.is_file() or path.stat().st_size != size:
            missing.append(f"{objects[oid] or oid} (LFS object {lfs_oid[:12]}..., {size} bytes)")
    if missing:
        problems.append(
            "Your push was rejected because an LFS pointer points to a file that is not on the Hub:\n"
            f"{_listed(sorted(missing))}\n"
            "git-lfs uploads LFS files before git pushes (its pre-push hook): run git lfs install in this clone and "
            "git lfs push --all origin, and do not push with --no-verify."
        )
    for u in tips:
        commit = _peeled_commit(u.new)
        readme = _git("rev-parse", "--verify", "--quiet", f"{commit}:README.md", check=False).stdout.decode().strip()
        if not readme or readme not in objects:
            continue  # no README.md, or one the repository already had
        text = _read_blobs([readme]).get(readme, b"").decode("utf-8", "replace")
        errs, _warnings = cards.validate_yaml(text, repo_type)
        if errs:
            problems.append(f"{u.ref}: invalid metadata in README.md: " + "; ".join(errs))
    return problems


def parse_updates(text: str) -> list[RefUpdate]:
    updates = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3:
            updates.append(RefUpdate(*parts))
    return updates


def main() -> int:
    """The pre-receive hook: exit 0 to accept the push, 1 (with the reasons on stderr) to refuse it."""
    try:
        updates = parse_updates(sys.stdin.read())
        problems = check_push(updates, os.environ.get(ENV_REPO_TYPE, "model"), Path(os.environ[ENV_LFS_DIR]))
    except Exception as e:  # never accept a push that could not be checked
        problems = [f"the local Hub could not check this push: {type(e).__name__}: {e}"]
    if not problems:
        return 0
    rule = "-" * 72
    sys.stderr.write(f"{rule}\nThe local Hub refused this push:\n\n" + "\n\n".join(problems) + f"\n{rule}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
