"""What the classification head of the course's MiniLM classifier sees (Lab 07: loading and pushing models).

Lab 07 builds a sentiment classifier the way the Hub expects one: a standard ``BertForSequenceClassification``
whose encoder is the course's all-MiniLM-L6-v2, left unchanged, and whose small classification head is
trained. Such a model loads with ``from_pretrained``, ``pipeline(model=repo_id)`` and the Hub's Inference
API with no custom code. Its head does not see the sentence embedding of :mod:`dcai_labs.embeddings` (the
attention-masked mean of the token vectors): it sees BERT's *pooler output*, ``tanh(W h_[CLS] + b)``. This
module computes exactly that, once per list of texts and cached on disk, so that the notebook and its tests
can train and evaluate heads without running the encoder again and again.

It also answers a question the notebook should not hard-code: whether the encoder of a model is still the
original one (a frozen encoder, or a model that came back from the Hub intact).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from dcai_labs import embeddings

#: part of the cache key: bump it when the way head features are computed changes.
HEAD_FEATURES_VERSION = "pooler-output/v1"


def _pooler(batch: Any, outputs: Any) -> Any:
    return outputs.pooler_output


def _pooler_outputs(texts: Sequence[str], batch_size: int) -> np.ndarray:
    """Pooler outputs of the original MiniLM (the course's one loaded copy, a BertModel with its pooler)."""
    return embeddings.run_model(texts, batch_size, _pooler)


def head_features(texts: Sequence[str], *, batch_size: int = 64, cache: bool = True) -> np.ndarray:
    """What the classification head of a MiniLM ``BertForSequenceClassification`` receives for each text.

    That is BERT's pooler output (``tanh`` of a dense layer applied to the last hidden state of ``[CLS]``),
    computed by the original, unchanged encoder with inputs truncated to 256 tokens, as float32 of shape
    ``(len(texts), 384)``. Training a head on these features and copying it into the model gives a model that
    makes the same predictions on its own. Results are cached like sentence embeddings (same folder, their own
    files; see :mod:`dcai_labs.embeddings`).
    """
    return embeddings.cached_rows(
        texts,
        lambda todo: _pooler_outputs(todo, batch_size),
        version=HEAD_FEATURES_VERSION,
        cache=cache,
        caller="head_features",
    )


def head_probabilities(model: Any, features: np.ndarray) -> np.ndarray:
    """Class probabilities that ``model``'s classification head gives for precomputed head ``features``.

    ``softmax(model.classifier(features))`` in float64, shape ``(n, num_labels)``: what the whole model
    predicts for the texts the features came from, provided its encoder is the original one (see
    :func:`encoder_differences`). Evaluating a head this way costs microseconds instead of a forward pass.
    """
    import torch

    x = torch.as_tensor(np.asarray(features, dtype=np.float32))
    with torch.no_grad():
        logits = model.classifier(x).double()
    return torch.softmax(logits, dim=-1).numpy()


@functools.lru_cache(maxsize=1)
def _original_encoder() -> dict[str, Any]:
    """The tensors of the bundled MiniLM checkpoint, read once (about 90 MB)."""
    from safetensors.torch import load_file

    return load_file(str(embeddings.model_path() / "model.safetensors"))


def encoder_differences(model: Any) -> list[str]:
    """Names of the encoder tensors of ``model`` that differ from (or are missing against) the original MiniLM.

    ``model`` is a BERT model with or without a task head (``model.base_model`` is the encoder). An empty list
    means the encoder is exactly the bundled all-MiniLM-L6-v2: it was frozen while the head was trained, and
    it survived ``save_pretrained``, a push and a load from the Hub unchanged.
    """
    import torch

    state = model.base_model.state_dict()
    differences = []
    for name, original in _original_encoder().items():
        if name.endswith("position_ids"):
            continue  # a constant buffer some transformers versions do not store
        mine = state.get(name)
        if mine is None or mine.shape != original.shape or not torch.equal(mine.detach().cpu(), original):
            differences.append(name)
    return differences


__all__ = ["HEAD_FEATURES_VERSION", "encoder_differences", "head_features", "head_probabilities"]
