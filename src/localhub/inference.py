"""The Inference API of the local Hub: ``POST /models/{ns}/{name}`` and ``.../pipeline/{task}``.

``InferenceClient(model=f"{endpoint}/models/{repo_id}")`` (provider hf-inference, model given as a URL) posts
``{"inputs": str | list[str], "parameters": {...}}`` (feature-extraction sends its parameters at the root).
The repo is materialised at its commit sha into ``data_dir/inference-cache/<sha>`` (git blobs and LFS content,
built in a temp folder and renamed into place; at most MAX_SNAPSHOTS are kept, least recently used pruned
first), a transformers pipeline is chosen from the repo's pipeline_tag
(``cards.pipeline_tag`` from the card and config.json), loaded lazily into a small LRU cache, and run in a
worker thread. Answers have the shapes the client parses:

- text-classification: ``[[{"label", "score"}, ...]]`` (one inner list per input, all labels)
- feature-extraction: nested lists of floats (the pipeline's output)
- fill-mask: ``[{"sequence", "score", "token", "token_str"}, ...]`` (a list of such lists for several inputs)
- token-classification: ``[{"entity_group", "score", "word", "start", "end"}, ...]``
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import uuid
from collections import OrderedDict
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from . import cards, errors
from .hub import hub_of
from .web import param, read_json, repo_of

SUPPORTED_TASKS = ("text-classification", "feature-extraction", "fill-mask", "token-classification")
ALIASES = {"sentiment-analysis": "text-classification", "ner": "token-classification"}
MAX_MODELS = 2
MAX_SNAPSHOTS = 8  # materialised repo snapshots kept on disk (a new commit makes a new one)


class ModelUnavailable(errors.HubError):
    """The repo exists but its model cannot be loaded right now (weights missing or broken)."""

    status = 503


def _plain(value: Any) -> Any:
    """numpy / torch scalars and arrays -> JSON-ready Python values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    return value


class InferenceEngine:
    """Materialised snapshots + a bounded LRU cache of loaded pipelines, shared by all requests."""

    def __init__(self, hub: Any, max_models: int = MAX_MODELS) -> None:
        self.hub = hub
        self.cache_root = Path(hub.data_dir) / "inference-cache"
        self.max_models = max_models
        self._pipelines: OrderedDict[tuple[str, str], tuple[Any, threading.Lock]] = OrderedDict()
        self._lock = threading.Lock()  # guards the LRU dict
        self._load_locks: dict[tuple[str, str], threading.Lock] = {}
        self._build_lock = threading.Lock()

    # -- snapshot ---------------------------------------------------------------------------------------
    def materialise(self, repo_type: str, repo_id: str, sha: str) -> Path:
        """The repo's files at ``sha`` as a folder (built once; atomic rename of a temp folder)."""
        final = self.cache_root / sha
        if final.is_dir():
            os.utime(final)  # most recently used: pruned last
            return final
        with self._build_lock:
            if final.is_dir():
                return final
            self._prune()
            self.cache_root.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_root / f".tmp-{sha}-{uuid.uuid4().hex}"
            try:
                for entry in self.hub.store.tree(repo_type, repo_id, sha, recursive=True):
                    if entry.type != "file":
                        continue
                    target = tmp / entry.path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if entry.lfs is not None:
                        if not self.hub.lfs.exists(entry.lfs.oid):
                            raise ModelUnavailable(
                                f"{repo_id}: the LFS content of {entry.path} ({entry.lfs.oid}) was never uploaded "
                                "to this Hub; push the file again (e.g. model.push_to_hub or `hf upload`)"
                            )
                        shutil.copyfile(self.hub.lfs.path(entry.lfs.oid), target)
                    else:
                        target.write_bytes(self.hub.store.read_blob(repo_type, repo_id, sha, entry.path))
                tmp.mkdir(parents=True, exist_ok=True)
                os.rename(tmp, final)
            finally:
                if tmp.exists():
                    shutil.rmtree(tmp, ignore_errors=True)
        return final

    def _prune(self) -> None:
        """Keep the snapshot folder bounded: drop the least recently used ones beyond MAX_SNAPSHOTS that no
        loaded pipeline was built from, and temp folders left by a crash. Called before building a new one."""
        if not self.cache_root.is_dir():
            return
        with self._lock:
            in_use = {folder for folder, _task in self._pipelines}
        folders = sorted((p for p in self.cache_root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
        for stale in [p for p in folders if p.name.startswith(".tmp-")]:
            shutil.rmtree(stale, ignore_errors=True)
        snapshots = [p for p in folders if not p.name.startswith(".tmp-")]
        for old in snapshots[: max(0, len(snapshots) - (MAX_SNAPSHOTS - 1))]:
            if str(old) not in in_use:
                shutil.rmtree(old, ignore_errors=True)

    # -- task ---------------------------------------------------------------------------------------------
    def repo_task(self, repo_type: str, repo_id: str, sha: str) -> str:
        """The pipeline_tag of the repo at ``sha``; errors name what is missing and how to fix it."""
        files = [e.path for e in self.hub.store.tree(repo_type, repo_id, sha, recursive=True) if e.type == "file"]
        if "config.json" not in files:
            raise errors.BadRequest(
                f"{repo_id} has no config.json, so it holds no transformers model the Inference API can load. "
                "Push a model with model.push_to_hub(...) (or save_pretrained + `hf upload`) first."
            )
        card: dict = {}
        if "README.md" in files:
            try:
                card, _ = cards.split_front_matter(
                    self.hub.store.read_blob(repo_type, repo_id, sha, "README.md").decode("utf-8", "replace")
                )
            except Exception:
                card = {}
        try:
            config = json.loads(self.hub.store.read_blob(repo_type, repo_id, sha, "config.json"))
        except ValueError as e:
            raise errors.BadRequest(f"{repo_id}: config.json is not valid JSON ({e}); fix and push it again") from None
        tag = cards.pipeline_tag(card or {}, config if isinstance(config, dict) else None, files)
        if tag is None:
            raise errors.BadRequest(
                f"{repo_id}: cannot tell which task the model does (no pipeline_tag in the README card and no "
                "known architectures in config.json). Add `pipeline_tag: <task>` to the README front matter, or "
                "call POST /models/{repo}/pipeline/{task}."
            )
        return tag

    # -- pipelines ----------------------------------------------------------------------------------------
    def pipeline(self, folder: Path, task: str, repo_id: str) -> tuple[Any, threading.Lock]:
        key = (str(folder), task)
        with self._lock:
            if key in self._pipelines:
                self._pipelines.move_to_end(key)
                return self._pipelines[key]
            load_lock = self._load_locks.setdefault(key, threading.Lock())
        with load_lock:  # concurrent requests for the same model load it once
            with self._lock:
                if key in self._pipelines:
                    self._pipelines.move_to_end(key)
                    return self._pipelines[key]
            try:
                from transformers import pipeline as make_pipeline

                pipe = make_pipeline(task, model=str(folder), tokenizer=str(folder), device="cpu")  # type: ignore[call-overload]
            except Exception as e:
                raise ModelUnavailable(
                    f"{repo_id}: the model could not be loaded for {task}: {type(e).__name__}: {e}. Check that "
                    "the repo holds the weights (model.safetensors) and tokenizer files that match config.json."
                ) from None
            entry = (pipe, threading.Lock())
            with self._lock:
                self._pipelines[key] = entry
                self._pipelines.move_to_end(key)
                while len(self._pipelines) > self.max_models:
                    old, _ = self._pipelines.popitem(last=False)
                    self._load_locks.pop(old, None)
            return entry

    def run(self, repo_type: str, repo_id: str, sha: str, task: str | None, body: dict) -> Any:
        if task is None:
            task = self.repo_task(repo_type, repo_id, sha)
        else:
            self.repo_task(repo_type, repo_id, sha)  # still needs a config.json; an explicit task wins
        task = ALIASES.get(task, task)
        if task not in SUPPORTED_TASKS:
            raise errors.BadRequest(
                f"{repo_id}: task {task!r} is not supported by this local Inference API (supported: "
                f"{', '.join(SUPPORTED_TASKS)}). Set another pipeline_tag in the README, or run the model "
                "locally with transformers.pipeline."
            )
        inputs = body.get("inputs")
        if not (
            isinstance(inputs, str) or (isinstance(inputs, list) and inputs and all(isinstance(x, str) for x in inputs))
        ):
            raise errors.BadRequest('Send JSON {"inputs": "text" or ["text", ...], "parameters": {...}}')
        params = body.get("parameters") or {}
        if not isinstance(params, dict):
            raise errors.BadRequest('"parameters" must be a JSON object')
        folder = self.materialise(repo_type, repo_id, sha)
        pipe, run_lock = self.pipeline(folder, task, repo_id)
        kwargs: dict[str, Any] = {}
        if task == "text-classification":
            kwargs["top_k"] = params.get("top_k")  # None: every label
            if params.get("function_to_apply"):
                kwargs["function_to_apply"] = params["function_to_apply"]
        elif task == "fill-mask":
            if params.get("top_k"):
                kwargs["top_k"] = int(params["top_k"])
            if params.get("targets"):
                kwargs["targets"] = params["targets"]
        elif task == "token-classification":
            kwargs["aggregation_strategy"] = params.get("aggregation_strategy") or "simple"
            if params.get("ignore_labels") is not None:
                kwargs["ignore_labels"] = params["ignore_labels"]
        elif task == "feature-extraction":
            truncate = body.get("truncate", params.get("truncate"))
            if truncate is not None:
                kwargs["truncation"] = bool(truncate)
        with run_lock:
            try:
                out = pipe(inputs, **kwargs)
            except Exception as e:
                raise errors.BadRequest(f"{repo_id}: inference failed for {task}: {type(e).__name__}: {e}") from None
        out = _plain(out)
        if task == "text-classification" and isinstance(inputs, str):
            out = [out]  # the client reads [[{label, score}, ...]] and takes [0]
        if task == "token-classification":
            out = [
                [
                    {k: v for k, v in ent.items() if k in ("entity_group", "entity", "score", "word", "start", "end")}
                    for ent in group
                ]
                for group in (out if isinstance(inputs, list) else [out])
            ]
            out = out if isinstance(inputs, list) else out[0]
        return out


def preload() -> None:
    """Import the model stack (torch, transformers' pipelines) ahead of the first Inference API request.

    Those imports take about 5 s on two cores. A Hub that expects inference (a lab that calls the Inference
    API, ``localhub serve --preload-inference``) runs this in a background thread at start, so the import
    overlaps with whatever the client does first instead of delaying its first inference call.
    """
    import torch  # noqa: F401
    from transformers import pipeline  # noqa: F401


def engine(hub: Any) -> InferenceEngine:
    if hub._inference_engine is None:
        hub._inference_engine = InferenceEngine(hub)
    return hub._inference_engine


async def handle(request: Request) -> Response:
    """POST /models/{ns}/{name}[/pipeline/{task}]: read permission as everywhere else, then run the model."""
    hub = hub_of(request)
    _, repo_id = repo_of(request)
    meta = hub.access.readable(request, "model", repo_id)
    sha = hub.store.resolve("model", meta.repo_id, "main")
    body = await read_json(request, hub.max_request_bytes)
    if not isinstance(body, dict):
        raise errors.BadRequest('Send JSON {"inputs": ..., "parameters": {...}}')
    task = param(request, "task") or None
    out = await run_in_threadpool(engine(hub).run, "model", meta.repo_id, sha, task, body)
    return JSONResponse(out)
