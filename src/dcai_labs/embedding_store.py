"""MiniLM rows of the course's own corpora, shipped with the package, so a learner's first run is not the slow one.

Running all-MiniLM-L6-v2 over Lab 01's 2,600 reviews takes about half a minute on two cores, and a learner's
first run of the lab would pay it on top of the lab itself (54 s of a 60 s budget, measured). The texts are
fixed (the corpora are generated from fixed seeds), so the rows are too: they are computed once by
``python -m dcai_labs.embedding_store`` and stored in ``resources/minilm_rows.npz``.

The store is only a head start for :func:`dcai_labs.embeddings.cached_rows`, never a substitute for the model:

- a row is found by the sha256 of what is computed (the cache ``version``) and the exact text, so a changed
  generator, another seed or a learner's own texts simply miss and are computed by the model as before;
- ``embed(texts, cache=False)`` and ``head_features(texts, cache=False)`` always run the model;
- tests/test_embedding_store.py recomputes rows with the model and compares them with the stored ones, and
  checks that the store holds exactly the corpora :func:`shipped_corpora` names.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from dcai_labs.embeddings import DIMENSION, MODEL_NAME

#: The shipped rows (inside the installed package).
STORE_FILE = "minilm_rows.npz"


def store_path() -> Path:
    return Path(str(resources.files("dcai_labs") / "resources" / STORE_FILE))


def row_key(version: str, text: str) -> bytes:
    """The 32-byte identity of one row: the model, what is computed, and the text."""
    return hashlib.sha256(f"{MODEL_NAME}|{version}|".encode() + text.encode("utf-8")).digest()


@functools.cache
def _index(path: Path) -> tuple[dict[bytes, int], np.ndarray]:
    """Row number of every stored key, and the rows; empty if the file is missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, rows = data["keys"], data["rows"]
    except (OSError, KeyError, ValueError):
        return {}, np.zeros((0, DIMENSION), dtype=np.float32)
    if keys.ndim != 2 or keys.shape[1] != 32 or rows.shape != (len(keys), DIMENSION) or rows.dtype != np.float32:
        return {}, np.zeros((0, DIMENSION), dtype=np.float32)
    return {key.tobytes(): i for i, key in enumerate(keys)}, rows


def lookup(texts: Sequence[str], version: str, path: Path | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The stored rows of ``texts`` (float32 ``(n, 384)``, zeros where absent) and a mask of which were found."""
    index, stored = _index(path or store_path())
    rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
    found = np.zeros(len(texts), dtype=bool)
    for i, text in enumerate(texts):
        j = index.get(row_key(version, text))
        if j is not None:
            rows[i], found[i] = stored[j], True
    return rows, found


def shipped_corpora() -> dict[str, list[str]]:
    """What the store holds, by cache version: every text the labs' reference runs give the model.

    Lab 01 embeds its noisy corpus (train and test); Lab 07 trains its classifier head on 600 generated reviews
    and checks a model on 100 more (its hidden split).
    """
    from dcai_labs.classifier_head import HEAD_FEATURES_VERSION
    from dcai_labs.data import generate_reviews, load_reviews
    from dcai_labs.embeddings import EMBEDDING_VERSION

    lab01 = load_reviews()
    lab07 = [*generate_reviews(600, seed=7)["text"], *generate_reviews(100, seed=2024)["text"]]
    return {
        EMBEDDING_VERSION: _distinct([*lab01.train["text"], *lab01.test["text"]]),
        HEAD_FEATURES_VERSION: _distinct(lab07),
    }


def _distinct(texts: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(str(t) for t in texts))


def compute(version: str, texts: Sequence[str]) -> np.ndarray:
    """The rows of ``texts`` for ``version``, computed by the model (no cache, no store)."""
    from dcai_labs import classifier_head, embeddings

    if version == embeddings.EMBEDDING_VERSION:
        return embeddings.embed(texts, cache=False)
    if version == classifier_head.HEAD_FEATURES_VERSION:
        return classifier_head.head_features(texts, cache=False)
    raise ValueError(f"unknown cache version {version!r}")


def build(path: Path | None = None) -> dict[str, int]:
    """Recompute every row of :func:`shipped_corpora` with the model and write the store atomically."""
    path = path or store_path()
    keys: list[bytes] = []
    blocks: list[np.ndarray] = []
    counts = {}
    for version, texts in shipped_corpora().items():
        keys += [row_key(version, t) for t in texts]
        blocks.append(compute(version, texts))
        counts[version] = len(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".npz")
    try:
        with os.fdopen(fd, "wb") as handle:
            key_array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, 32)
            np.savez_compressed(handle, keys=key_array, rows=np.concatenate(blocks).astype(np.float32))
        os.chmod(tmp, 0o644)  # a file of the package: readable by everyone, like the rest of it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _index.cache_clear()
    return counts


if __name__ == "__main__":
    for version, n in build().items():
        print(f"{version}: {n} rows")
    print(f"wrote {store_path()}")
