"""Reference-solution runtime of every lab, cold and warm, against the 60 s budget on 2 CPU cores.

Three runs per lab, each in a fresh kernel against a fresh Hub:

- "learner's first run": the notebook a learner runs, answered with the reference solution: the source
  notebook without its hidden tests (nbgrader's own ClearHiddenTests), with an empty embedding cache;
- "grading, cold": the whole source notebook, hidden tests included (what autograding runs), empty cache;
- "grading, warm": the same again, with the cache the cold run filled.

The 60 s budget holds for every column; the first column is the one a learner waits for.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbgrader.preprocessors import ClearHiddenTests
from rich.console import Console
from rich.table import Table

from dcai_labs.course import Lab, list_labs
from dcai_labs.grading.lab_hub import grading_hub, kernel_environment

BUDGET_SECONDS = 60.0


def run_notebook_seconds(lab: Lab, *, hidden_tests: bool = True) -> float:
    """Wall time of executing a lab's source notebook top to bottom in a fresh kernel, kernel start-up included.

    A lab that uses the Hub gets a fresh local Hub, as in grading; starting it is not counted. Without
    ``hidden_tests`` the notebook runs as a learner has it (the hidden tests removed, as in the release).
    """
    path = lab.source_notebook
    nb = nbformat.read(path, as_version=4)
    if not hidden_tests:
        nb, _ = ClearHiddenTests().preprocess(nb, {})
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
    for column in ("lab", "learner's first run (s)", "grading, cold (s)", "grading, warm (s)", "within budget"):
        table.add_column(column)
    for lab in list_labs():
        with tempfile.TemporaryDirectory() as learner_cache, tempfile.TemporaryDirectory() as grading_cache:
            os.environ["DCAI_CACHE_DIR"] = learner_cache
            first = run_notebook_seconds(lab, hidden_tests=False)
            os.environ["DCAI_CACHE_DIR"] = grading_cache
            cold = run_notebook_seconds(lab)
            warm = run_notebook_seconds(lab)
        runs = (first, cold, warm)
        table.add_row(lab.lab_id, *(f"{t:.1f}" for t in runs), "yes" if max(runs) < BUDGET_SECONDS else "NO")
    Console().print(table)


if __name__ == "__main__":
    main()
