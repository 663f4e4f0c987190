"""Digit images for lab 03: the fixed model, small training sets and an image grid.

The data are the course's handwritten digits (:mod:`dcai_labs.data.digits`, with its datasheet): mostly
the **scanned** version, every digit off-centre and slightly tilted in a 10x10 box as a real scanner would
deliver it, because on the shipped, centred images geometric augmentation has nothing to add (the lab
shows it). Both versions share one fixed split into a labelled pool and a test set that is never
augmented and never used to choose anything.

The fixed model is a **1-nearest-neighbour classifier on raw pixels**: it predicts the label of the
most similar training image. It has no hyperparameters and fits instantly, so a notebook can afford
dozens of fits (one per seed and setting), and how it uses extra examples is easy to picture: an
augmented image is one more template to match against.

Learned representations are judged with a linear probe instead (see :mod:`dcai_labs.augment.selfsup`).
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike
from sklearn.base import ClassifierMixin, clone
from sklearn.metrics import accuracy_score
from sklearn.neighbors import KNeighborsClassifier

# The lab reads the data through this module (``img.load_digits_data()``), beside the model that uses it.
from dcai_labs.data.digits import CLASS_NAMES, N_TEST, SIZE, Digits, load_digits_data  # noqa: F401
from dcai_labs.threads import one_thread


def labelled_subset(labels: ArrayLike, n: int, seed: int) -> np.ndarray:
    """Row numbers of a small stratified training set: ``n // k`` random rows of each of the k classes.

    Stratified so that every seed gets every digit equally often: differences between seeds then come
    from *which* examples were drawn, not from how many of each class. Sorted; ``n`` must be a positive
    multiple of the number of classes.
    """
    labels = np.asarray(labels)
    classes = np.unique(labels)
    if n <= 0 or n % len(classes):
        raise ValueError(f"n must be a positive multiple of the {len(classes)} classes, got {n}")
    rng = np.random.default_rng(seed)
    rows = [rng.choice(np.flatnonzero(labels == c), n // len(classes), replace=False) for c in classes]
    return np.sort(np.concatenate(rows))


def flatten(images: ArrayLike) -> np.ndarray:
    """``(n, h, w)`` images as ``(n, h*w)`` rows of pixels, the input of the models below."""
    images = np.asarray(images)
    return images.reshape(len(images), -1)


def make_model() -> KNeighborsClassifier:
    """A new copy of the fixed image model: 1-nearest neighbour on raw pixels (Euclidean distance)."""
    return KNeighborsClassifier(n_neighbors=1)


def fit(images: ArrayLike, labels: ArrayLike, model: ClassifierMixin | None = None) -> ClassifierMixin:
    """A fresh copy of ``model`` (default: the fixed model) fitted on ``images`` (any shape ``(n, ...)``)."""
    with one_thread():
        return clone(model if model is not None else make_model()).fit(flatten(images), np.asarray(labels))


def predict(model: ClassifierMixin, images: ArrayLike) -> np.ndarray:
    """Predicted labels of ``images`` (flattened the way :func:`fit` flattened the training images)."""
    with one_thread():
        return model.predict(flatten(images))


def evaluate(
    train_images: ArrayLike,
    train_labels: ArrayLike,
    test_images: ArrayLike,
    test_labels: ArrayLike,
    model: ClassifierMixin | None = None,
) -> float:
    """Test accuracy of a fresh copy of ``model`` (default: the fixed model) trained on the training set."""
    fitted = fit(train_images, train_labels, model)
    return float(accuracy_score(np.asarray(test_labels), predict(fitted, test_images)))


def imbalanced_subset(
    labels: ArrayLike, minority: Sequence[int], seed: int, n_major: int = 20, n_minor: int = 2
) -> np.ndarray:
    """Row numbers of a skewed training set: ``n_minor`` random rows of each ``minority`` class and
    ``n_major`` of every other class (sorted).

    It mimics the usual way rare classes arise: nobody removed them, they were simply collected less
    often. The same seed always gives the same rows.
    """
    labels = np.asarray(labels)
    rng = np.random.default_rng(seed)
    rare = {int(c) for c in minority}
    rows = [
        rng.choice(np.flatnonzero(labels == c), n_minor if int(c) in rare else n_major, replace=False)
        for c in np.unique(labels)
    ]
    return np.sort(np.concatenate(rows))


def plot_grid(
    rows: Sequence[ArrayLike],
    *,
    row_titles: Sequence[str] = (),
    col_titles: Sequence[str] = (),
    cell: float = 0.9,
    title: str | None = None,
) -> Figure:
    """A grid of images: one row per array of images (all rows the same length), grey on white.

    Meant for "original vs augmented" pictures: row 0 the originals, each later row one augmentation.
    Pixel values are shown on a fixed 0..1 scale so that a faded or noisy image looks faded or noisy.
    """
    arrays = [np.asarray(r) for r in rows]
    n_rows, n_cols = len(arrays), max(len(r) for r in arrays)
    fig, axes = plt.subplots(n_rows, n_cols, figsize=(cell * n_cols + 1.2, cell * n_rows + 0.3), squeeze=False)
    for i, images in enumerate(arrays):
        for j in range(n_cols):
            ax = axes[i, j]
            ax.set_xticks([])
            ax.set_yticks([])
            if j < len(images):
                ax.imshow(images[j], cmap="gray_r", vmin=0.0, vmax=1.0)
            else:
                ax.axis("off")
            if i == 0 and j < len(col_titles):
                ax.set_title(col_titles[j], fontsize=9)
        if i < len(row_titles):
            axes[i, 0].set_ylabel(row_titles[i], rotation=0, ha="right", va="center", fontsize=9)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
