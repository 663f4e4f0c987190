"""Which inference widget a model page shows, chosen by pipeline_tag as on huggingface.co, and with what.

The widget itself is static/widget.js: it calls the Hub's own Inference API (POST /models/{id}) from the page.
Here the page decides whether there is a widget at all and, if not, says why (the card turns inference off,
there is no config.json, no task can be told, the task is not one this Hub runs), using the Inference API's
own checks so that the page and the API never disagree. Examples come from the card's ``widget:`` list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .. import errors, inference
from ..hub import Hub
from ..views import RepoView

# pipeline_tag -> the widget that shows it; sentence-similarity runs feature-extraction and compares in the page
WIDGETS = {
    "text-classification": "text-classification",
    "sentiment-analysis": "text-classification",
    "fill-mask": "fill-mask",
    "token-classification": "token-classification",
    "ner": "token-classification",
    "feature-extraction": "feature-extraction",
    "sentence-similarity": "sentence-similarity",
}
DEFAULT_EXAMPLES = {
    "text-classification": "This works well and it arrived on time.",
    "fill-mask": "Paris is the {mask} of France.",
    "token-classification": "My name is Sarah and I live in London.",
    "feature-extraction": "Offline hubs make good classrooms.",
    "sentence-similarity": "That is a happy person",
}
SIMILARITY_SENTENCES = ["That is a happy dog", "That is a very happy person", "Today is a sunny day"]


@dataclass
class Widget:
    kind: str | None  # None: no widget, see reason
    reason: str | None = None
    examples: list[dict[str, Any]] = field(default_factory=list)
    mask_token: str = "[MASK]"

    @property
    def examples_json(self) -> str:
        return json.dumps(self.examples)


def _mask_token(hub: Hub, view: RepoView) -> str:
    if "tokenizer_config.json" not in view.paths:
        return "[MASK]"
    try:
        data = json.loads(
            hub.store.read_blob(view.meta.repo_type, view.meta.repo_id, view.sha, "tokenizer_config.json")
        )
        token = data.get("mask_token")
        token = token.get("content") if isinstance(token, dict) else token
        return token if isinstance(token, str) and token else "[MASK]"
    except Exception:
        return "[MASK]"


def _examples(card: dict[str, Any], kind: str, mask: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    items = card.get("widget")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        title = str(item.get("example_title") or "")
        if kind == "sentence-similarity" and isinstance(item.get("source_sentence"), str):
            sentences = [s for s in item.get("sentences") or [] if isinstance(s, str)]
            out.append({"title": title, "source_sentence": item["source_sentence"], "sentences": sentences})
        elif isinstance(item.get("text"), str):
            out.append({"title": title, "text": item["text"]})
    if not out:
        text = DEFAULT_EXAMPLES[kind].replace("{mask}", mask)
        if kind == "sentence-similarity":
            out.append({"title": "", "source_sentence": text, "sentences": SIMILARITY_SENTENCES})
        else:
            out.append({"title": "", "text": text})
    return out


def widget_for(hub: Hub, view: RepoView) -> Widget:
    """The widget for a model at ``view`` or, when there is none, the reason in words a learner can act on."""
    if view.card.get("inference") is False:
        return Widget(None, "Inference is turned off for this model: its card says `inference: false`.")
    try:
        task = inference.engine(hub).repo_task(view.meta.repo_type, view.meta.repo_id, view.sha)
    except errors.HubError as e:
        return Widget(None, e.message)
    kind = WIDGETS.get(task)
    if kind is None:
        supported = ", ".join(sorted(set(WIDGETS.values())))
        return Widget(None, f"This Hub has no widget for {task!r} models (it has widgets for {supported}).")
    if not any(p.endswith((".safetensors", ".bin")) for p in view.paths):
        return Widget(None, "The repo holds no weights (model.safetensors): push the model, then reload this page.")
    mask = _mask_token(hub, view)
    return Widget(kind, examples=_examples(view.card, kind, mask), mask_token=mask)
