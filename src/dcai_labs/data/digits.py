"""Handwritten digits, as shipped and "as a scanner sees them" (used by lab 03).

The images are scikit-learn's bundled copy of the UCI "Optical Recognition of Handwritten Digits" test
set (1,797 images of 8x8 pixels, 10 classes; CC BY 4.0). Those images were *preprocessed*: each digit
was scaled and centred in its box before it was shrunk to 8x8. Preprocessing removed exactly the
variation that geometric augmentation re-creates, so on them shifting or rotating training images buys
nothing (lab 03 shows it). Real scans are not that tidy, so the course also derives **scanned digits**:
every digit pasted at a random place of a 10x10 box and tilted by a small random angle, as a form
scanner or a phone camera would deliver them. Both versions come as float32 arrays of shape
``(n, 10, 10)`` with values in [0, 1] (the centred version is the original image with a one-pixel empty
border), and share one fixed split into a labelled **pool** (1,197 images) and a **test set** (600
images). The datasheet is ``datasheets/digits.md``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import numpy as np
from scipy import ndimage
from sklearn.datasets import load_digits

#: Side of every image, in pixels (8x8 digits in a 10x10 box).
SIZE = 10
#: Images of the test split; the rest form the labelled pool.
N_TEST = 600
#: Seed of the split and of the scanner simulation: the same data in every run.
DATA_SEED = 0
#: How far a scanned digit may sit from the centre (pixels, each direction) and how much it may tilt.
SCAN_MAX_OFFSET = 1
SCAN_MAX_ANGLE = 10.0
CLASS_NAMES: tuple[str, ...] = tuple(str(d) for d in range(10))
KINDS: tuple[str, ...] = ("scanned", "centred")


@dataclass(frozen=True)
class Digits:
    """A labelled pool to draw small training sets from, and a fixed test set (images in [0, 1])."""

    pool_images: np.ndarray
    pool_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    kind: str


@functools.cache
def _both() -> dict[str, Digits]:
    raw = load_digits()
    images = (raw.images / 16.0).astype(np.float32)
    labels = raw.target.astype(np.int64)
    centred = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    rng = np.random.default_rng(DATA_SEED)
    order = rng.permutation(len(images))
    offsets = rng.integers(-SCAN_MAX_OFFSET, SCAN_MAX_OFFSET + 1, size=(len(images), 2))
    angles = rng.uniform(-SCAN_MAX_ANGLE, SCAN_MAX_ANGLE, size=len(images))
    scanned = np.empty_like(centred)
    for i, (image, (dy, dx), angle) in enumerate(zip(centred, offsets, angles)):
        moved = np.roll(image, (dy, dx), axis=(0, 1))  # the border is empty, so nothing wraps around
        scanned[i] = ndimage.rotate(moved, angle, reshape=False, order=1)
    np.clip(scanned, 0.0, 1.0, out=scanned)
    test, pool = order[:N_TEST], order[N_TEST:]
    return {
        kind: Digits(data[pool], labels[pool], data[test], labels[test], kind)
        for kind, data in (("scanned", scanned), ("centred", centred))
    }


def load_digits_data(kind: str = "scanned") -> Digits:
    """The course's digits: ``"scanned"`` (off-centre and tilted, the default) or ``"centred"`` (as shipped).

    Built once per process; every call returns fresh copies, so a notebook that edits an array in
    place cannot change what the next exercise sees. Both kinds list the same digits in the same order.
    """
    data = _both().get(kind)
    if data is None:
        raise ValueError(f"kind must be one of {', '.join(map(repr, KINDS))}, not {kind!r}")
    return replace(
        data,
        pool_images=data.pool_images.copy(),
        pool_labels=data.pool_labels.copy(),
        test_images=data.test_images.copy(),
        test_labels=data.test_labels.copy(),
    )
