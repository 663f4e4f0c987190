"""Small plotting helpers shared by the labs.

Every lab draws the same handful of pictures (a confusion matrix, accuracies side by side, how a score is
distributed in two groups, how a metric moves with a threshold). Drawing them in one place keeps their
look consistent across notebooks and keeps plotting code, which learners do not need to read, out of
the narrative. Each helper draws on an ``ax`` you pass (or a new figure), returns that Axes so you can
adjust it, never calls ``plt.show()`` and never writes to disk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

#: One colour per role, used by every lab: a baseline, the highlighted result, everything else.
BASELINE_COLOR = "#9e9e9e"
HIGHLIGHT_COLOR = "#2a9d8f"
OTHER_COLOR = "#8ab6d6"
GROUP_COLORS = ("#2a9d8f", "#e76f51", "#264653", "#e9c46a", "#8ab6d6")


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_matrix(
    matrix: ArrayLike,
    row_labels: Sequence[str],
    col_labels: Sequence[str],
    *,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str = "",
    ylabel: str = "",
    fmt: str = "d",
    cmap: str = "Blues",
) -> Axes:
    """A small matrix as a heatmap with each cell's value written in it.

    Used for confusion matrices and for the confident joint of confident learning: with two to five
    classes the numbers themselves matter more than the colours, so both are shown.
    """
    m = np.asarray(matrix)
    ax = _axes(ax, (1.2 + 0.9 * len(col_labels), 1.0 + 0.8 * len(row_labels)))
    ax.imshow(m, cmap=cmap, vmin=0)
    ax.set_xticks(range(len(col_labels)), labels=list(col_labels))
    ax.set_yticks(range(len(row_labels)), labels=list(row_labels))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    threshold = m.max() / 2 if m.size and m.max() > 0 else 0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            value = m[i, j]
            text = format(int(value), fmt) if fmt == "d" else format(float(value), fmt)
            ax.text(j, i, text, ha="center", va="center", color="white" if value > threshold else "black")
    if title:
        ax.set_title(title)
    return ax


def plot_confusion_matrix(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    label_names: Sequence[str],
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Confusion matrix of integer labels ``0..k-1``: rows are true classes, columns predictions."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    k = len(label_names)
    counts = np.zeros((k, k), dtype=int)
    np.add.at(counts, (y_true, y_pred), 1)
    return plot_matrix(
        counts, label_names, label_names, ax=ax, title=title, xlabel="predicted label", ylabel="true label"
    )


def plot_accuracy_bars(
    accuracies: Mapping[str, float],
    *,
    ax: Axes | None = None,
    title: str | None = None,
    baseline: str | None = None,
    highlight: Sequence[str] = (),
    xlim: tuple[float, float] | None = None,
) -> Axes:
    """Horizontal bars of accuracies (fractions in [0, 1]) with each value written as a percentage.

    ``baseline`` names the bar to draw in grey with a dashed line through it (the reference every other
    bar is compared with); names in ``highlight`` are drawn in the highlight colour. Bars keep the
    mapping's order, top to bottom. The x-axis is zoomed to the range of the values (or ``xlim``),
    because the differences that matter here are a few points wide.
    """
    names = list(accuracies)
    values = np.array([accuracies[n] for n in names], dtype=float)
    ax = _axes(ax, (7.5, 0.45 * len(names) + 1.2))
    colors = [BASELINE_COLOR if n == baseline else HIGHLIGHT_COLOR if n in highlight else OTHER_COLOR for n in names]
    y = np.arange(len(names))[::-1]
    ax.barh(y, values, color=colors)
    ax.set_yticks(y, labels=names)
    if xlim is None:
        low = max(0.0, float(values.min()) - 0.05)
        high = min(1.0, float(values.max()) + 0.03)
        xlim = (low, high)
    ax.set_xlim(*xlim)
    for yi, v in zip(y, values):
        ax.text(v, yi, f" {100 * v:.1f}%", va="center", ha="left", fontsize=9)
    if baseline is not None and baseline in accuracies:
        ax.axvline(accuracies[baseline], color=BASELINE_COLOR, linestyle="--", linewidth=1)
    ax.set_xlabel("accuracy on the clean test set")
    if title:
        ax.set_title(title)
    return ax


def plot_score_histograms(
    groups: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    bins: int = 30,
    range_: tuple[float, float] | None = (0.0, 1.0),
    xlabel: str = "score",
    title: str | None = None,
    threshold: float | None = None,
    density: bool = True,
) -> Axes:
    """Overlaid histograms of one score in several groups (e.g. self-confidence of flipped vs intact labels).

    Densities by default, because the groups usually differ in size by an order of magnitude and raw
    counts would hide the small group. ``threshold`` draws a vertical line (a cut-off being discussed).
    """
    ax = _axes(ax, (7.0, 3.5))
    for color, (name, values) in zip(GROUP_COLORS, groups.items()):
        values = np.asarray(values, dtype=float)
        ax.hist(
            values, bins=bins, range=range_, alpha=0.55, color=color, density=density, label=f"{name} (n={len(values)})"
        )
    if threshold is not None:
        ax.axvline(threshold, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("density" if density else "count")
    ax.legend()
    if title:
        ax.set_title(title)
    return ax


def plot_curves(
    x: ArrayLike,
    curves: Mapping[str, ArrayLike],
    *,
    ax: Axes | None = None,
    xlabel: str = "",
    ylabel: str = "",
    title: str | None = None,
    vline: float | None = None,
) -> Axes:
    """Several metrics against one parameter (e.g. precision and recall against a similarity threshold)."""
    ax = _axes(ax, (6.5, 3.5))
    x = np.asarray(x, dtype=float)
    for color, (name, values) in zip(GROUP_COLORS, curves.items()):
        ax.plot(x, np.asarray(values, dtype=float), marker="o", markersize=3, color=color, label=name)
    if vline is not None:
        ax.axvline(vline, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend()
    if title:
        ax.set_title(title)
    return ax


def plot_timeline(
    days: ArrayLike,
    curves: Mapping[str, ArrayLike],
    *,
    events: Sequence[tuple[str, int, int | None]] = (),
    alarms: Mapping[str, ArrayLike] | None = None,
    threshold: float | None = None,
    ax: Axes | None = None,
    ylabel: str = "",
    title: str | None = None,
) -> Axes:
    """Daily monitoring values with the true events shaded and the days a monitor alarmed marked.

    ``events`` holds (name, start_day, end_day or None) as in a stream's truth table; ``alarms`` maps a
    curve's name to a boolean array over ``days`` (a filled marker on each alarm day). Putting the truth
    on the same axes as the monitor is what turns a chart of numbers into a judgement of the monitor:
    how late it rang, and what it rang for that was not there.
    """
    ax = _axes(ax, (10, 3.2))
    x = np.asarray(days, dtype=float)
    for i, (name, start, end) in enumerate(events):
        stop = x.max() + 1 if end is None else end
        ax.axvspan(start, stop, color=GROUP_COLORS[(i + 1) % len(GROUP_COLORS)], alpha=0.10, linewidth=0)
        ax.axvline(start, color="black", linewidth=0.7, linestyle=":")
        ax.annotate(name, (start, 1.0), xycoords=("data", "axes fraction"), rotation=90, fontsize=7,
                    va="top", ha="right")  # fmt: skip
    for color, (name, values) in zip(GROUP_COLORS, curves.items()):
        y = np.asarray(values, dtype=float)
        ax.plot(x, y, color=color, linewidth=1.3, label=name)
        if alarms is not None and name in alarms:
            hit = np.asarray(alarms[name], dtype=bool)
            ax.plot(x[hit], y[hit], linestyle="none", marker="o", markersize=4, color=color)
    if threshold is not None:
        ax.axhline(threshold, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel("day")
    ax.set_ylabel(ylabel)
    ax.legend(loc="upper left", fontsize=8)
    if title:
        ax.set_title(title)
    return ax
