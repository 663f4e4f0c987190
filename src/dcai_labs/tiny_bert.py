"""Lab 06: a tiny BERT review classifier that trains in a second, so the lab is about the repository, not the model.

Lab 06 pushes a model many times (versions, branches, a git push, a card, training logs); a 90 MB encoder would
make every push slow and teach nothing more. This one has a word-level vocabulary built from the course's reviews,
two layers of width 32 (about 40k parameters, a 160 kB safetensors file) and the standard architecture
``BertForSequenceClassification``, so ``pipeline("text-classification", model=repo)`` and the Hub's Inference API
load it like any other model. Trained for a few dozen steps it gets most generated reviews right.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .data import LABEL_NAMES

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
WORD_RE = re.compile(r"[a-z]+|[^\sa-z]")


def review_tokenizer(texts: Sequence[str], size: int = 600):
    """A BertTokenizerFast whose vocabulary is the ``size`` most frequent words (and punctuation) of ``texts``."""
    from transformers import BertTokenizerFast  # type: ignore[attr-defined]  # exported lazily

    counts = Counter(token for text in texts for token in WORD_RE.findall(text.lower()))
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))][: size - len(SPECIAL_TOKENS)]
    with tempfile.TemporaryDirectory() as folder:
        vocab = Path(folder) / "vocab.txt"
        vocab.write_text("\n".join([*SPECIAL_TOKENS, *words]) + "\n")
        # (transformers 5 reads the vocabulary only as the first positional argument: vocab_file= is ignored)
        return BertTokenizerFast(str(vocab), do_lower_case=True, model_max_length=64)


def tiny_classifier(tokenizer, seed: int = 0):
    """An untrained BertForSequenceClassification for ``tokenizer``, labels negative/positive, seeded."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification

    torch.manual_seed(seed)
    labels: dict[str, Any] = {  # PretrainedConfig's keywords, which BertConfig's signature does not list
        "num_labels": len(LABEL_NAMES),
        "id2label": dict(enumerate(LABEL_NAMES)),
        "label2id": {name: i for i, name in enumerate(LABEL_NAMES)},
    }
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
        **labels,
    )
    return BertForSequenceClassification(config).eval()


def train(
    model,
    tokenizer,
    texts: Sequence[str],
    labels: Sequence[int],
    steps: int = 60,
    batch_size: int = 32,
    lr: float = 3e-3,
    seed: int = 0,
    on_step: Callable[[int, float], None] | None = None,
) -> list[float]:
    """Train ``model`` in place for ``steps`` steps of AdamW on shuffled batches; the loss of each step.

    ``on_step(step, loss)`` is called after each step (steps count from 1), e.g. to log the loss.
    """
    import torch

    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    encoded = tokenizer(list(texts), padding=True, truncation=True, max_length=64, return_tensors="pt")
    y = torch.tensor(list(labels))
    losses = []
    model.train()
    for step in range(1, steps + 1):
        batch = torch.randint(0, len(y), (batch_size,), generator=generator)
        ids, mask = encoded["input_ids"][batch], encoded["attention_mask"][batch]
        out = model(input_ids=ids, attention_mask=mask, labels=y[batch])
        optimizer.zero_grad()
        out.loss.backward()
        optimizer.step()
        losses.append(float(out.loss.detach()))
        if on_step is not None:
            on_step(step, losses[-1])
    model.eval()
    return losses


def accuracy(model, tokenizer, texts: Sequence[str], labels: Sequence[int]) -> float:
    """The share of ``texts`` whose predicted label is ``labels``."""
    import torch

    encoded = tokenizer(list(texts), padding=True, truncation=True, max_length=64, return_tensors="pt")
    with torch.no_grad():
        predicted = model(**encoded).logits.argmax(dim=1)
    return float((predicted == torch.tensor(list(labels))).float().mean())


__all__ = ["accuracy", "review_tokenizer", "tiny_classifier", "train"]
