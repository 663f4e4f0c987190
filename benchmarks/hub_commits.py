"""Local Hub commit speed with many small files: ``upload_folder`` of 1,500 files into a new and a full repo.

A commit's cost used to grow by about 18 ms a file (four git processes per file on the server, and one more
per file to answer the client's preupload); both are now a constant number of git calls per request.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from localhub.process import DEFAULT_USER_TOKEN, HubProcess

from . import hub_client_settings  # noqa: F401  (before huggingface_hub is imported)

N_FILES = 1500
TARGET_SECONDS = 5.0


def write_files(folder: Path, n: int) -> None:
    """``n`` small text files in 30 folders, the shape of a dataset of per-example files."""
    for i in range(n):
        path = folder / f"part{i % 30:02d}" / f"row{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"example {i}\n" * 5)


def main() -> int:
    from huggingface_hub import HfApi

    logging.getLogger("huggingface_hub").setLevel(logging.ERROR)  # the "large folder" hint is not news here
    table = Table(title=f"Local Hub: one commit of {N_FILES:,} small files (target under {TARGET_SECONDS:.0f} s)")
    for column in ("commit", "files", "seconds", "ms per file", "within target"):
        table.add_column(column)
    failures = []
    with tempfile.TemporaryDirectory(prefix="hub-commits-") as tmp:
        root = Path(tmp)
        folder = root / "files"
        write_files(folder, N_FILES)
        with HubProcess(root / "data", None, log=root / "hub.log") as hub:
            api = HfApi(endpoint=hub.url, token=DEFAULT_USER_TOKEN)
            api.create_repo("learner/many-files")
            for label, path_in_repo in (("into a new repo", None), ("beside 1,500 files", "copy")):
                start = time.perf_counter()
                api.upload_folder(repo_id="learner/many-files", folder_path=str(folder), path_in_repo=path_in_repo)
                seconds = time.perf_counter() - start
                ok = seconds < TARGET_SECONDS
                table.add_row(label, f"{N_FILES:,}", f"{seconds:.2f}", f"{1000 * seconds / N_FILES:.2f}",
                              "yes" if ok else "NO")  # fmt: skip
            if len(api.list_repo_files("learner/many-files")) != 2 * N_FILES + 1:
                failures.append("the repo does not hold every file")
    Console().print(table)
    for failure in failures:
        Console().print(f"[bold red]FAIL[/] {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
