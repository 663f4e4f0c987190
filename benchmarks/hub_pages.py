"""Local Hub page rendering: how long a model page, a dataset viewer and the history pages take to answer.

Timed from a client on loopback (the whole request: routing, access, git reads, rendering), first request
(cold: the server imports what the page needs, e.g. datasets for the viewer) and the median of the next ones.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

import requests
from rich.console import Console
from rich.table import Table

from localhub.process import DEFAULT_USER_TOKEN, HubProcess

from . import hub_client_settings  # noqa: F401  (before huggingface_hub is imported)

REPEATS = 15
ROWS = 5000
TARGET_WARM_MS = 250.0  # a page should feel instant once the server is warm
CARD = """---
license: apache-2.0
language: en
pipeline_tag: text-classification
library_name: transformers
base_model: sentence-transformers/all-MiniLM-L6-v2
datasets: [learner/bench-data]
model-index:
- name: bench-model
  results:
  - task: {type: text-classification}
    dataset: {type: learner/bench-data, name: reviews, split: test}
    metrics:
    - {type: accuracy, value: 0.91}
---
# A review classifier

""" + "\n\n".join(f"## Section {i}\n\nSome **text** with a [link](https://example.org) and `code`.\n\n"
                    "```python\nfrom transformers import pipeline\npipe = pipeline('text-classification')\n```"
                    for i in range(20))  # fmt: skip


def _parquet(rows: int) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"text": [f"review number {i}, a few words long" for i in range(rows)],
                      "label": [i % 2 for i in range(rows)]})  # fmt: skip
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def _populate(api) -> str:
    from huggingface_hub import CommitOperationAdd

    api.create_repo("learner/bench-model")
    config = b'{"architectures": ["BertForSequenceClassification"], "model_type": "bert"}'
    api.create_commit(
        "learner/bench-model",
        [CommitOperationAdd("README.md", CARD.encode()), CommitOperationAdd("config.json", config)]
        + [CommitOperationAdd(f"src/module_{i}.py", b"def f(x):\n    return x + 1\n" * 50) for i in range(30)],
        commit_message="Add the card, the config and the code",
    )
    for i in range(20):
        api.upload_file(path_or_fileobj=f"step: {i}\n".encode(), path_in_repo="settings.yaml",
                        repo_id="learner/bench-model", commit_message=f"Step {i}")  # fmt: skip
    api.create_repo("learner/bench-data", repo_type="dataset")
    card = "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/train.parquet\n---\n"
    api.create_commit(
        "learner/bench-data",
        [CommitOperationAdd("README.md", card.encode()), CommitOperationAdd("data/train.parquet", _parquet(ROWS))],
        commit_message="Add the data",
        repo_type="dataset",
    )
    return api.list_repo_commits("learner/bench-model")[0].commit_id


def _time(url: str) -> tuple[float, float]:
    """(first request, median of the next REPEATS) in ms; every answer must be a 200."""
    times = []
    with requests.Session() as session:
        for _ in range(REPEATS + 1):
            start = time.perf_counter()
            response = session.get(url, timeout=120)
            times.append(1000 * (time.perf_counter() - start))
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
    return times[0], statistics.median(times[1:])


def main() -> int:
    from huggingface_hub import HfApi

    table = Table(title=f"Local Hub pages: time to answer (median of {REPEATS}; target under {TARGET_WARM_MS:.0f} ms)")
    for column in ("page", "first (ms)", "median (ms)", "within target"):
        table.add_column(column)
    failures = []
    with tempfile.TemporaryDirectory(prefix="hub-pages-") as tmp:
        root = Path(tmp)
        with HubProcess(root / "data", None, log=root / "hub.log") as hub:
            sha = _populate(HfApi(endpoint=hub.url, token=DEFAULT_USER_TOKEN))
            pages = {
                "model page (card, chips, widget)": "/learner/bench-model",
                f"dataset viewer ({ROWS:,} rows, first 100 shown)": "/datasets/learner/bench-data/viewer",
                "files (33 entries)": "/learner/bench-model/tree/main",
                "file view (highlighted, 100 lines)": "/learner/bench-model/blob/main/src/module_1.py",
                "commit history (22 commits)": "/learner/bench-model/commits/main",
                "commit with its diff": f"/learner/bench-model/commit/{sha}",
                "model listing": "/models",
            }
            for label, path in pages.items():
                first, median = _time(hub.url + path)
                ok = median < TARGET_WARM_MS
                if not ok:
                    failures.append(f"{label}: {median:.0f} ms")
                table.add_row(label, f"{first:.0f}", f"{median:.0f}", "yes" if ok else "NO")
    Console().print(table)
    for failure in failures:
        Console().print(f"[bold red]FAIL[/] {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
