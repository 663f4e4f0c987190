"""What the grading sandbox costs per notebook: a kernel started and run in it vs. started as usual.

Each row runs the same notebook's reference solution (hidden tests included) in a fresh kernel, once with
jupyter_client's own kernel manager and once in the sandbox (bubblewrap, nobody, ZeroMQ over Unix sockets),
alternating, three times each; the overhead is the difference of the medians.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from rich.console import Console
from rich.table import Table

from dcai_labs.course import get_lab
from dcai_labs.grading.sandbox import notebook_sandbox, unavailable_reason
from dcai_labs.grading.sandboxed_kernel import SandboxedKernelManager

REPEATS = 3
NOTEBOOKS = {
    "empty notebook (kernel start and stop)": None,
    "lab 02 (labelling and crowdsourcing)": "02_labeling_crowdsourcing",
}


def run_once(nb: nbformat.NotebookNode, folder: Path | None, sandboxed: bool) -> float:
    with notebook_sandbox(folder, dict(os.environ)) as sandbox:
        assert sandbox.workdir is not None
        client = NotebookClient(
            nb,
            timeout=600,
            kernel_name="python3",
            kernel_manager_class=SandboxedKernelManager if sandboxed else AsyncKernelManager,
            resources={"metadata": {"path": str(sandbox.workdir)}},
        )
        if sandboxed:
            client.create_kernel_manager().use(sandbox, None)
        start = time.perf_counter()
        client.execute(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


def main() -> int:
    reason = unavailable_reason()
    if reason:
        print(f"FAIL grading_sandbox: {reason}")
        return 1
    table = Table(title=f"Grading sandbox overhead per notebook (median of {REPEATS}, {os.cpu_count()} cores)")
    for column in ("notebook", "plain kernel (s)", "sandboxed (s)", "overhead (s)"):
        table.add_column(column)
    for name, lab_id in NOTEBOOKS.items():
        if lab_id is None:
            nb, folder = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), None
        else:
            lab = get_lab(lab_id)
            nb, folder = nbformat.read(lab.source_notebook, 4), lab.source_notebook.parent
        plain, boxed = [], []
        for _ in range(REPEATS):
            plain.append(run_once(nbformat.from_dict(nb), folder, sandboxed=False))
            boxed.append(run_once(nbformat.from_dict(nb), folder, sandboxed=True))
        p, b = statistics.median(plain), statistics.median(boxed)
        table.add_row(name, f"{p:.2f}", f"{b:.2f}", f"{b - p:+.2f}")
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
