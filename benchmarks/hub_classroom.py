"""Classroom load test of the local Hub: 30 students at once create a repo, push a small model, pull it back.

One run, bounded by a global timeout. Any error (or a timeout) prints a FAIL line and exits non-zero.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

from rich.console import Console
from rich.table import Table

from . import hub_client_settings  # noqa: F401  (before huggingface_hub is imported)
from .hub_transfer import hub_server

STUDENTS = 30
MODEL_BYTES = 1_000_000
GLOBAL_TIMEOUT_SECONDS = 300.0
OPERATIONS = ("create", "push", "pull")


def student(i: int) -> tuple[str, str]:
    return f"student{i:02d}", f"hf_student{i:02d}_bench_token"


def write_roster(path: Path) -> None:
    lines = ["users:"]
    for i in range(STUDENTS):
        name, token = student(i)
        lines += [
            f"  - name: {name}",
            f"    token: {token}",
            f"    fullname: Student {i:02d}",
            "    orgs: [class-bench]",
        ]
    path.write_text("\n".join(lines) + "\n")


def make_model_folder(folder: Path, i: int) -> dict[str, bytes]:
    """config.json + a 1 MB random model.safetensors (LFS) + a README.md card; returns the expected bytes."""
    name, _ = student(i)
    files = {
        "config.json": json.dumps({"model_type": "bert", "hidden_size": 8, "student": name}, indent=2).encode(),
        "model.safetensors": random.Random(1000 + i).randbytes(MODEL_BYTES),
        "README.md": (
            f"---\nlicense: mit\nlibrary_name: transformers\ntags: [dcai-bench]\n---\n\n"
            f"# {name}/classroom-model\n\nA tiny model pushed by the classroom load test.\n"
        ).encode(),
    }
    folder.mkdir(parents=True)
    for rel, data in files.items():
        (folder / rel).write_bytes(data)
    return files


def run_student(i: int, endpoint: str, work: Path, deadline: float) -> dict:
    """One student's session: returns {'latency': {op: s}, 'errors': [...]}."""
    from huggingface_hub import HfApi, snapshot_download

    name, token = student(i)
    repo_id = f"{name}/classroom-model"
    result: dict = {"latency": {}, "errors": []}
    api = HfApi(endpoint=endpoint, token=token)
    folder = work / f"src-{name}"
    expected = make_model_folder(folder, i)
    out = work / f"pull-{name}"
    steps = [
        ("create", lambda: api.create_repo(repo_id)),
        ("push", lambda: api.upload_folder(repo_id=repo_id, folder_path=str(folder), commit_message="classroom push")),
        (
            "pull",
            lambda: snapshot_download(
                repo_id, local_dir=str(out), endpoint=endpoint, token=token, cache_dir=str(work / f"cache-{name}")
            ),
        ),
    ]
    for op, call in steps:
        if time.monotonic() > deadline:
            result["errors"].append(f"{name}: {op}: global timeout reached before it started")
            return result
        start = time.perf_counter()
        try:
            call()
        except Exception as e:
            result["errors"].append(f"{name}: {op}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
            if os.environ.get("DCAI_BENCH_VERBOSE"):
                traceback.print_exc()
            return result
        result["latency"][op] = time.perf_counter() - start
    for rel, data in expected.items():
        got = out / rel
        if not got.is_file() or got.read_bytes() != data:
            result["errors"].append(f"{name}: pull: {rel} differs from what was pushed")
    try:  # not timed: confirm the weights went through LFS, as on the real Hub
        if api.get_paths_info(repo_id, ["model.safetensors"])[0].lfs is None:
            result["errors"].append(f"{name}: push: model.safetensors was not stored via LFS")
    except Exception as e:
        result["errors"].append(f"{name}: paths-info: {type(e).__name__}: {e}")
    return result


def quantile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def main() -> int:
    import huggingface_hub  # noqa: F401 - import once in the main thread, before the workers race on it

    console = Console(width=max(Console().width, 100))
    errors: list[str] = []
    latencies: dict[str, list[float]] = {op: [] for op in OPERATIONS}
    with tempfile.TemporaryDirectory(prefix="hub-classroom-") as tmp:
        tmp = Path(tmp)
        roster = tmp / "roster.yaml"
        write_roster(roster)
        data_dir = tmp / "hub-data"
        data_dir.mkdir()
        work = tmp / "clients"
        work.mkdir()
        with hub_server(data_dir, roster=roster) as endpoint:
            start = time.perf_counter()
            deadline = time.monotonic() + GLOBAL_TIMEOUT_SECONDS
            pool = ThreadPoolExecutor(max_workers=STUDENTS, thread_name_prefix="student")
            futures = [pool.submit(run_student, i, endpoint, work, deadline) for i in range(STUDENTS)]
            done, not_done = wait(futures, timeout=GLOBAL_TIMEOUT_SECONDS)
            wall = time.perf_counter() - start
            for f in not_done:
                f.cancel()
            if not_done:
                errors.append(
                    f"{len(not_done)} of {STUDENTS} students did not finish within {GLOBAL_TIMEOUT_SECONDS:.0f} s"
                )
            for f in done:
                r = f.result()
                errors += r["errors"]
                for op, s in r["latency"].items():
                    latencies[op].append(s)
            pool.shutdown(wait=False, cancel_futures=True)

    table = Table(
        title=f"Local Hub classroom load: {STUDENTS} concurrent students, {os.cpu_count()} cores "
        f"(create repo, push 3 files incl. 1 MB LFS, pull + verify)"
    )
    for column in ("operation", "ok", "p50 s", "p95 s", "max s"):
        table.add_column(column)
    for op in OPERATIONS:
        v = latencies[op]
        if v:
            table.add_row(
                op, f"{len(v)}/{STUDENTS}", f"{quantile(v, 0.5):.2f}", f"{quantile(v, 0.95):.2f}", f"{max(v):.2f}"
            )
        else:
            table.add_row(op, f"0/{STUDENTS}", "-", "-", "-")
    table.add_section()
    table.add_row("total wall", "", "", "", f"{wall:.2f}")
    table.add_row("errors", "", "", "", str(len(errors)))
    console.print(table)
    if errors:
        for e in errors[:20]:
            console.print(f"  {e}", markup=False)
        console.print(f"[bold red]FAIL[/] hub_classroom: {len(errors)} error(s) (must be 0)")
        return 1
    console.print("[bold green]PASS[/] hub_classroom: 0 errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
