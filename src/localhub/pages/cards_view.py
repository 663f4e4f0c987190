"""What a repo page shows of a card's metadata: chips, the model-index table, a usage snippet, listing facets.

The card's YAML has already been parsed (views.RepoView.card); these functions only pick and arrange what
huggingface.co shows, and never fail on a card whose values have the wrong types (they are skipped).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from ..views import RepoView


def _strings(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [v for v in items if isinstance(v, str) and v]


def chips(view: RepoView) -> list[tuple[str, str, str]]:
    """(kind, label, link) of each metadata chip: task, library, languages, licence, datasets, base model, tags."""
    card, t = view.card, view.meta.repo_type
    plural = {"model": "models", "dataset": "datasets", "space": "spaces"}[t]
    out: list[tuple[str, str, str]] = []
    if view.pipeline_tag:
        out.append(("task", view.pipeline_tag, f"/{plural}?pipeline_tag={view.pipeline_tag}"))
    for task in _strings(card.get("task_categories")):
        out.append(("task", task, f"/{plural}?filter=task_categories:{task}"))
    if view.library_name:
        out.append(("library", view.library_name, f"/{plural}?library={view.library_name}"))
    for lang in _strings(card.get("language")):
        out.append(("language", lang, f"/{plural}?language={lang}"))
    for lic in _strings(card.get("license")):
        out.append(("license", f"license: {lic}", f"/{plural}?license=license:{lic}"))
    for ds in _strings(card.get("datasets")):
        out.append(("dataset", f"dataset: {ds}", f"/datasets/{ds}"))
    for base in _strings(card.get("base_model")):
        out.append(("base_model", f"base model: {base}", f"/{base}"))
    for tag in _strings(card.get("tags")):
        out.append(("tag", tag, f"/{plural}?filter={tag}"))
    return out


def model_index_rows(card: dict[str, Any]) -> list[dict[str, Any]]:
    """The model-index results as rows: task, dataset, metric, value (what huggingface.co's "Evaluation results"
    box lists)."""
    rows: list[dict[str, Any]] = []
    index = card.get("model-index")
    for model in index if isinstance(index, list) else []:
        if not isinstance(model, dict):
            continue
        for result in model.get("results") or []:
            if not isinstance(result, dict):
                continue
            task: dict[str, Any] = result["task"] if isinstance(result.get("task"), dict) else {}
            dataset: dict[str, Any] = result["dataset"] if isinstance(result.get("dataset"), dict) else {}
            for metric in result.get("metrics") or []:
                if isinstance(metric, dict):
                    rows.append(
                        {
                            "model": model.get("name", ""),
                            "task": task.get("name") or task.get("type", ""),
                            "dataset": dataset.get("name") or dataset.get("type", ""),
                            "split": dataset.get("split", ""),
                            "metric": metric.get("name") or metric.get("type", ""),
                            "value": metric.get("value", ""),
                        }
                    )
    return rows


def usage_snippet(view: RepoView) -> str:
    """The "Use this model / dataset" code for the repo, with the library its files say it needs."""
    rid = view.meta.repo_id
    if view.meta.repo_type == "dataset":
        return f'from datasets import load_dataset\n\nds = load_dataset("{rid}")'
    if view.meta.repo_type == "space":
        return f'from huggingface_hub import snapshot_download\n\nsnapshot_download("{rid}", repo_type="space")'
    if view.library_name == "sentence-transformers":
        return (
            "from sentence_transformers import SentenceTransformer\n\n"
            f'model = SentenceTransformer("{rid}")\nembeddings = model.encode(["Hello world"])'
        )
    if view.library_name == "transformers" and view.pipeline_tag:
        return f'from transformers import pipeline\n\npipe = pipeline("{view.pipeline_tag}", model="{rid}")'
    if view.library_name == "transformers":
        return f'from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained("{rid}")'
    return f'from huggingface_hub import snapshot_download\n\nfolder = snapshot_download("{rid}")'


def highlight_python(code: str) -> str:
    return highlight(code, PythonLexer(), HtmlFormatter(cssclass="highlight"))


def space_info(view: RepoView) -> dict[str, Any]:
    """How the Space page shows the app: a static Space runs in a sandboxed frame; others cannot run offline."""
    sdk = view.meta.sdk or view.card.get("sdk")
    entry = "index.html" if "index.html" in view.paths else None
    return {"sdk": sdk, "runs": sdk == "static" and entry is not None, "entry": entry}


def facets(views: list[RepoView]) -> dict[str, list[tuple[str, int]]]:
    """Counts of each task, library, licence and language over ``views``: the listing page's filters."""
    counters: dict[str, Counter[str]] = {k: Counter() for k in ("pipeline_tag", "library", "license", "language")}
    for v in views:
        if v.pipeline_tag:
            counters["pipeline_tag"][v.pipeline_tag] += 1
        if v.library_name:
            counters["library"][v.library_name] += 1
        for lic in _strings(v.card.get("license")):
            counters["license"][f"license:{lic}"] += 1
        for lang in _strings(v.card.get("language")):
            counters["language"][lang] += 1
    return {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for k, c in counters.items()}
