"""Reference-solution runtime of every lab, cold and warm, against the 60 s budget on 2 CPU cores.

"Cold" runs with an empty embedding cache (what a learner's first run costs), "warm" with the cache filled
by the cold run (every later run, and grading).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from rich.console import Console
from rich.table import Table

from dcai_labs.course import Lab, list_labs
from dcai_labs.grading.lab_hub import grading_hub, kernel_environment

BUDGET_SECONDS = 60.0


def run_notebook_seconds(lab: Lab) -> float:
    """Wall time of executing a lab's source notebook top to bottom in a fresh kernel, kernel start-up included.

    A lab that uses the Hub gets a fresh local Hub, as in grading; starting it is not counted.
    """
    path = lab.source_notebook
    nb = nbformat.read(path, as_version=4)
    with grading_hub(lab, "bench") as hub_env:
        client = NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        start = time.perf_counter()
        # The kernel process's own log (a start-up notice about TCP transport) is noise in a table; what the
        # notebook prints reaches the client through the kernel's messages, not through this stream.
        client.execute(env=kernel_environment(hub_env), stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


def main() -> None:
    table = Table(title=f"Reference solution runtime per lab (budget {BUDGET_SECONDS:.0f} s, {os.cpu_count()} cores)")
    for column in ("lab", "cold cache (s)", "warm cache (s)", "within budget"):
        table.add_column(column)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["DCAI_CACHE_DIR"] = cache
        for lab in list_labs():
            cold = run_notebook_seconds(lab)
            warm = run_notebook_seconds(lab)
            table.add_row(lab.lab_id, f"{cold:.1f}", f"{warm:.1f}", "yes" if max(cold, warm) < BUDGET_SECONDS else "NO")
    Console().print(table)


if __name__ == "__main__":
    main()
