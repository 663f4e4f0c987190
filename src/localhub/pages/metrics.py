"""Training metrics in a repo: scalars from TensorBoard event files, and one SVG chart per tag across runs.

transformers' ``Trainer`` (``report_to="tensorboard"``) and ``torch.utils.tensorboard.SummaryWriter`` write
``runs/<run>/events.out.tfevents.*`` files that learners push with their model, as huggingface.co shows them on a
"Training metrics" tab. ``SummaryWriter.add_scalar`` writes the old style by default: a ``simple_value`` (float32)
in the summary, which TensorBoard's ``EventAccumulator`` lists under ``scalars``. With ``new_style=True`` (and
``tf.summary.scalar`` in TF2) the value is a one-element tensor whose metadata names the ``scalars`` plugin,
listed under ``tensors``; both are read. The accumulator keeps every point (its default keeps a 10 000-point
sample) and reads from a file path only, so the bytes go to a temporary directory first.

Charts are drawn with ``matplotlib.figure.Figure`` and the SVG canvas, never pyplot, so that nothing touches the
process's global backend or figure registry; the output is deterministic (fixed ``svg.hashsalt``, no date) so
that a page renders the same bytes every time and can be cached. The heavy imports (tensorboard, matplotlib: one
second between them) happen on first use.
"""

from __future__ import annotations

import io
import logging
import math
import posixpath
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

Series = list[tuple[int, float]]

# About 480x300 CSS pixels: SVG sizes are in points, 72 to the inch, and CSS has 96 pixels to the inch.
CHART_INCHES = (5.0, 3.125)
SVG_HASHSALT = "localhub"

# rc_context changes matplotlib's global rcParams for its duration: one chart at a time in this process.
_CHART_LOCK = threading.Lock()


def is_event_file(path: str) -> bool:
    """True for a TensorBoard event file (``events.out.tfevents.<time>.<host>...``)."""
    return "tfevents" in posixpath.basename(path)


def run_of(path: str) -> str:
    """The run an event file belongs to: its folder in the repo ("." for the repo's root)."""
    return posixpath.dirname(path) or "."


def _scalar_from_tensor(tensor_event: Any) -> float | None:
    from tensorboard.util import tensor_util

    array = tensor_util.make_ndarray(tensor_event.tensor_proto)
    if array.size != 1 or array.dtype.kind not in "fiub":
        return None
    return float(array.reshape(()).item())


def _read_event_file(path: Path) -> dict[str, dict[int, float]]:
    """tag -> step -> value for one event file: ``simple_value`` scalars and tensors of the scalars plugin."""
    from tensorboard.backend.event_processing import event_accumulator as ea

    guidance = {ea.SCALARS: 0, ea.TENSORS: 0, ea.IMAGES: 1, ea.AUDIO: 1, ea.HISTOGRAMS: 1, ea.COMPRESSED_HISTOGRAMS: 1}
    accumulator = ea.EventAccumulator(str(path), size_guidance=guidance)
    accumulator.Reload()
    tags = accumulator.Tags()
    out: dict[str, dict[int, float]] = {}
    for tag in tags.get(ea.SCALARS, []):
        out[tag] = {int(event.step): float(event.value) for event in accumulator.Scalars(tag)}
    for tag in tags.get(ea.TENSORS, []):
        if accumulator.SummaryMetadata(tag).plugin_data.plugin_name != "scalars":
            continue
        points = out.setdefault(tag, {})
        for event in accumulator.Tensors(tag):
            value = _scalar_from_tensor(event)
            if value is not None:
                points[int(event.step)] = value
    return out


def read_runs(files: Mapping[str, bytes]) -> dict[str, dict[str, Series]]:
    """run -> tag -> [(step, value)], steps ascending, from event files given as repo path -> bytes.

    Several files of one run (a resumed training) are merged in file-name order, which is their creation order;
    a later value for the same step wins. A file TensorBoard cannot read is skipped (and logged), never raised.
    """
    merged: dict[str, dict[str, dict[int, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="localhub-metrics-") as tmp:
        for index, repo_path in enumerate(sorted(files, key=lambda p: (run_of(p), posixpath.basename(p)))):
            # One folder per file: two runs may hold files of the same name.
            local = Path(tmp) / str(index) / posixpath.basename(repo_path)
            local.parent.mkdir()
            local.write_bytes(files[repo_path])
            try:
                scalars = _read_event_file(local)
            except Exception:  # a truncated or foreign file must not break the page
                logger.warning("cannot read event file %s", repo_path, exc_info=True)
                continue
            run = merged.setdefault(run_of(repo_path), {})
            for tag, points in scalars.items():
                run.setdefault(tag, {}).update(points)
    return {
        run: {tag: sorted(points.items()) for tag, points in sorted(tags.items()) if points}
        for run, tags in sorted(merged.items())
    }


def read_scalars(files: Mapping[str, bytes]) -> dict[str, Series]:
    """``"<run>/<tag>"`` -> [(step, value)] (e.g. ``"runs/exp1/loss"``), from event files as repo path -> bytes."""
    return {f"{run}/{tag}": series for run, tags in read_runs(files).items() for tag, series in tags.items()}


def scalars_by_tag(files: Mapping[str, bytes]) -> dict[str, dict[str, Series]]:
    """tag -> run -> [(step, value)]: what a metrics page draws, one chart per tag with a curve per run.

    (Splitting ``read_scalars``' keys would be ambiguous: tags contain slashes too, as in ``train/loss``.)
    """
    out: dict[str, dict[str, Series]] = {}
    for run, tags in read_runs(files).items():
        for tag, series in tags.items():
            out.setdefault(tag, {})[run] = series
    return dict(sorted(out.items()))


def scalar_chart_svg(title: str, series: Mapping[str, Series]) -> str:
    """An SVG line chart (about 480x300 px) of one tag: x "step", y ``title``, a curve and legend entry per run.

    Returns the ``<svg>`` element itself (no XML prolog), ready to be inlined in a page; the same input gives the
    same bytes. Labels are plain text: a ``$`` in a tag or run name is not taken for mathtext.
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    buffer = io.StringIO()
    # fonttype "none": labels stay <text> (a few kB, selectable) instead of glyph outlines.
    rc = mpl.rc_context(
        {"svg.hashsalt": SVG_HASHSALT, "svg.fonttype": "none", "font.size": 8.0, "text.parse_math": False}
    )
    with _CHART_LOCK, rc:
        figure = Figure(figsize=CHART_INCHES, layout="constrained")
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        handles, labels = [], []
        for run, points in series.items():
            steps = [step for step, _ in points]
            values = [value if math.isfinite(value) else math.nan for _, value in points]
            marker = "o" if len(points) == 1 else None
            (line,) = axes.plot(steps, values, marker=marker, linewidth=1.2, markersize=3)
            handles.append(line)
            labels.append(run)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # steps are whole numbers
        axes.set_xlabel("step")
        axes.set_ylabel(title)
        axes.grid(True, linewidth=0.4, alpha=0.5)
        if handles:
            # Explicit labels: matplotlib would silently drop a run whose name starts with "_".
            axes.legend(handles, labels, fontsize=7, frameon=False)
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]
