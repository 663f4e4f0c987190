"""Self-supervised representations for lab 03: a rotation pretext network for images, word vectors for text.

Self-supervision invents a labelled task from unlabelled data, a *pretext* task whose labels come for
free, and keeps what a model learned on the way. Two small instances that run in a second or two on a
laptop:

* **rotation prediction** (Gidaris, Singh and Komodakis, ICLR 2018): rotate every unlabelled image by
  0, 90, 180 or 270 degrees and train a network to say which. To tell an upside-down 7 from an upright
  one it has to notice what a 7 looks like, so its hidden layer becomes a feature extractor. The lab's
  learner builds the pretext data set and reads the features out; :func:`train_rotation_model` fixes
  the network (one hidden layer of 128 ReLU units, scikit-learn's ``MLPClassifier``) and its training
  budget so that every run gets the same network.
* **word vectors from co-occurrence**: the pretext task of word2vec is "predict the words around a
  word". Levy and Goldberg (NeurIPS 2014) showed that what skip-gram with negative sampling learns is,
  in effect, a factorisation of the words' pointwise mutual information (PMI) with their neighbours.
  :func:`word_vectors` computes that factorisation directly (positive PMI, context distribution
  smoothed with exponent 0.75, truncated SVD), which is deterministic and takes well under a second on
  a few thousand reviews. No label is used anywhere: only which words occur near which.

Both are judged the way self-supervised features usually are, with a :func:`linear_probe`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.neural_network import MLPClassifier
from sklearn.utils.extmath import randomized_svd
from threadpoolctl import threadpool_limits

from dcai_labs.augment.images import flatten
from dcai_labs.augment.text import STOP_WORDS, tokenize

#: Hidden units of the rotation network: its hidden layer is the learned representation.
HIDDEN_UNITS = 128
#: Passes over the pretext data. Chosen so that training takes about a second on two cores; the
#: network is not fully converged then (which is why the warning is silenced), and does not need to be.
PRETEXT_EPOCHS = 60


def make_rotation_model(seed: int = 0) -> MLPClassifier:
    """The rotation-prediction network, unfitted: 128 ReLU units, Adam, light L2, fixed seed."""
    return MLPClassifier(
        hidden_layer_sizes=(HIDDEN_UNITS,), activation="relu", alpha=1e-3, max_iter=PRETEXT_EPOCHS, random_state=seed
    )


def train_rotation_model(images: ArrayLike, rotation_labels: ArrayLike, seed: int = 0) -> MLPClassifier:
    """Fit :func:`make_rotation_model` on pretext images ``(m, h, w)`` and their rotation labels 0-3.

    Deterministic for a given input and seed (single-threaded BLAS). The fitted weights are in
    ``model.coefs_`` and ``model.intercepts_``: index 0 is the input -> hidden layer.
    """
    model = make_rotation_model(seed)
    with threadpool_limits(1), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(flatten(images), np.asarray(rotation_labels))
    return model


@dataclass(frozen=True)
class WordVectors:
    """One dense vector per word of a vocabulary, learned from unlabelled text."""

    vocabulary: dict[str, int]
    vectors: np.ndarray

    def __contains__(self, word: str) -> bool:
        return word in self.vocabulary

    def __getitem__(self, word: str) -> np.ndarray:
        return self.vectors[self.vocabulary[word]]

    def most_similar(self, word: str, k: int = 5) -> list[tuple[str, float]]:
        """The ``k`` words whose vectors point most nearly in the same direction as ``word``'s."""
        unit = self.vectors / np.maximum(np.linalg.norm(self.vectors, axis=1, keepdims=True), 1e-12)
        scores = unit @ unit[self.vocabulary[word]]
        words = list(self.vocabulary)
        order = [i for i in np.argsort(-scores, kind="stable") if words[i] != word][:k]
        return [(words[i], float(scores[i])) for i in order]


def word_vectors(
    texts: Sequence[str], dim: int = 64, window: int = 3, min_count: int = 2, seed: int = 0
) -> WordVectors:
    """Word vectors from unlabelled ``texts``: truncated SVD of the positive PMI of words and neighbours.

    Every pair of words at most ``window`` positions apart counts as one co-occurrence. Words seen
    fewer than ``min_count`` times are left out. A word's vector is ``U * sqrt(S)`` of the SVD, so that
    dot products approximate its PMI with other words.
    """
    documents = [tokenize(t) for t in texts]
    counts: dict[str, int] = {}
    for words in documents:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    vocabulary = {w: i for i, w in enumerate(sorted(w for w, c in counts.items() if c >= min_count))}
    rows: list[int] = []
    cols: list[int] = []
    for words in documents:
        ids = [vocabulary[w] for w in words if w in vocabulary]
        for i, a in enumerate(ids):
            for b in ids[max(0, i - window) : i]:
                rows += [a, b]
                cols += [b, a]
    n = len(vocabulary)
    pairs = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    pairs.sum_duplicates()
    total = pairs.sum()
    word_totals = np.asarray(pairs.sum(axis=1)).ravel()
    context = np.asarray(pairs.sum(axis=0)).ravel() ** 0.75
    context = context / context.sum() * total
    coo = pairs.tocoo()
    pmi = np.log(coo.data * total / (word_totals[coo.row] * context[coo.col]))
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=(n, n))
    with threadpool_limits(1):
        u, s, _ = randomized_svd(ppmi, n_components=min(dim, n - 1), random_state=seed)
    return WordVectors(vocabulary, (u * np.sqrt(s)).astype(np.float32))


def document_vectors(texts: Sequence[str], vectors: WordVectors) -> np.ndarray:
    """One unit-length vector per text: the mean vector of its known non-stop words (zeros if none)."""
    out = np.zeros((len(texts), vectors.vectors.shape[1]), dtype=np.float32)
    for row, text in enumerate(texts):
        ids = [vectors.vocabulary[w] for w in tokenize(text) if w in vectors.vocabulary and w not in STOP_WORDS]
        if ids:
            mean = vectors.vectors[ids].mean(axis=0)
            norm = np.linalg.norm(mean)
            out[row] = mean / norm if norm > 0 else mean
    return out


def linear_probe(
    train_features: ArrayLike, train_labels: ArrayLike, test_features: ArrayLike, test_labels: ArrayLike
) -> float:
    """Test accuracy of a logistic regression on frozen features (rows = examples; images are flattened).

    The *linear probe* is how self-supervised representations are judged: the features are frozen and
    only a linear classifier is trained on the few labels, so the score measures what the
    representation makes easy, not what a flexible classifier could recover on its own. Fixed settings
    (C=1, lbfgs, no randomness); convergence warnings are silenced because a probe on a hundred examples
    may stop a little early without changing the comparison.
    """
    probe = LogisticRegression(C=1.0, max_iter=2000)
    with threadpool_limits(1), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        probe.fit(flatten(train_features), np.asarray(train_labels))
        return float(accuracy_score(np.asarray(test_labels), probe.predict(flatten(test_features))))
