"""The dataset viewer: a dataset repo's configs and splits, with their first rows, as ``datasets`` would load them.

Which files make up which split follows the ``datasets`` library's rules for a Hub repo without a loading script,
so that what a learner sees here is what ``load_dataset("user/name")`` gives them:

1. the card's ``configs:`` (each with ``data_files``: a pattern, a list of patterns, or ``{split, path}`` items,
   and an optional ``data_dir``), normalised by ``datasets.data_files.sanitize_patterns``;
2. otherwise the default patterns, found by the very function ``datasets`` uses
   (``datasets.data_files._get_data_files_patterns``, which takes a pattern resolver: ours resolves over the given
   list of paths instead of a file system): ``data/{split}-00000-of-00001.*`` shards first, then folders, then file
   names containing train/training, validation/valid/dev/val, test/testing/eval/evaluation, and finally every file
   as ``train``.

Patterns are matched as ``datasets`` matches them through fsspec: ``fsspec.utils.glob_translate`` (``*`` stays within
one folder, ``**`` is a whole path component), README.md and other metadata files are ignored, and so are hidden
(``.x``) and ``__special__`` paths unless the pattern names them. The format of a split is its most common data
extension (``datasets.load.infer_module_for_data_files_list``). Unlike ``datasets``, a split whose format differs
from its sibling splits is still previewed, since a preview is for looking, not for loading.

Rows are read with pyarrow from the bytes the caller hands over (it resolves LFS); types are the arrow schema as
``datasets.Features`` (a parquet file from ``push_to_hub`` carries its features, ClassLabel names included, in
the schema metadata; a card's ``features`` for the config take precedence when they name the same columns).
Nothing here raises for a bad repo: a broken or too large file becomes the split's ``error``.

``datasets`` (2 s to import) is imported on first use, so importing this module costs the server nothing.
"""

from __future__ import annotations

import io
import json
import math
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from glob import has_magic  # what datasets.data_files uses to tell a path from a pattern
from typing import Any

import pyarrow as pa

MAX_CELL_CHARS = 300
ELLIPSIS = "…"
PREVIEWED_FORMATS = ("parquet", "csv", "json", "arrow")
DEFAULT_CONFIG = "default"


@dataclass
class SplitPreview:
    """One split of one config: its files, column types, first rows and size, or why it cannot be shown."""

    config: str
    split: str
    files: list[str]
    features: dict[str, str] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    num_rows: int | None = None
    error: str | None = None


class PreviewError(Exception):
    """A message for the page, not a bug: the repo's layout, card or file is not something we can preview."""


# --- which files: the datasets library's conventions over a plain list of paths ---------------------------------


def _strip_dot(path: str) -> str:
    return path[2:] if path.startswith("./") else path


def _hidden_or_special_unrequested(path: str, pattern: str) -> bool:
    """As ``datasets.data_files``: a ``.hidden`` or ``__special__`` part of the path must be named in the pattern."""

    def hidden(parts: tuple[str, ...]) -> int:
        return sum(1 for part in parts if part.startswith(".") and set(part) != {"."})

    def special(parts: tuple[str, ...]) -> int:
        return sum(1 for part in parts if part.startswith("__"))

    path_parts, pattern_parts = tuple(path.split("/")), tuple(pattern.split("/"))
    return hidden(path_parts) != hidden(pattern_parts) or special(path_parts[:-1]) != special(pattern_parts[:-1])


def resolve_pattern(pattern: str, paths: Iterable[str], allowed_extensions: list[str] | None = None) -> list[str]:
    """The paths ``pattern`` matches, as ``datasets.data_files.resolve_pattern`` would on a repo holding ``paths``.

    Raises FileNotFoundError when nothing matches (the resolver contract ``datasets`` relies on) and ValueError
    for a pattern fsspec rejects (``**`` inside a name, as in ``**.csv``).
    """
    from datasets.data_files import FILES_TO_IGNORE
    from fsspec.utils import glob_translate

    pattern = _strip_dot(pattern)
    regex = re.compile(glob_translate(pattern))
    ignored = set(FILES_TO_IGNORE) - {posixpath.basename(pattern)}
    matched = [
        path
        for path in sorted(paths)
        if regex.match(path)
        and posixpath.basename(path) not in ignored
        and not _hidden_or_special_unrequested(path, pattern)
    ]
    if allowed_extensions is not None:
        matched = [
            path
            for path in matched
            if any("." + suffix in allowed_extensions for suffix in posixpath.basename(path).split(".")[1:])
        ]
    if not matched:
        raise FileNotFoundError(f"Unable to find '{pattern}'")
    return matched


def default_patterns(paths: list[str]) -> dict[str, list[str]]:
    """The split -> patterns ``datasets`` infers for a repo without ``configs:`` (its own function, our resolver)."""
    from datasets.data_files import _get_data_files_patterns

    patterns = _get_data_files_patterns(lambda pattern: resolve_pattern(pattern, paths))
    return {str(split): list(split_patterns) for split, split_patterns in patterns.items()}


def _split_files(patterns: list[str], paths: list[str], base: str) -> list[str]:
    """Every data file of one split, in pattern order, each once; a missing exact path is an error, as in datasets."""
    from datasets.packaged_modules import _ALL_ALLOWED_EXTENSIONS

    files: list[str] = []
    for pattern in patterns:
        full = posixpath.join(base, _strip_dot(pattern)) if base else pattern
        try:
            found = resolve_pattern(full, paths, allowed_extensions=_ALL_ALLOWED_EXTENSIONS)
        except FileNotFoundError:
            if not has_magic(full):
                raise PreviewError(f"file not found: {full}") from None
            continue
        except ValueError as exc:
            raise PreviewError(f"invalid pattern {full!r}: {exc}") from None
        files += [path for path in found if path not in files]
    return files


def _format_of(files: list[str]) -> tuple[str | None, dict[str, Any]]:
    """The ``datasets`` builder for these files (most common extension wins) and its default keyword arguments.

    Archives are left out: inferring what a zip holds would mean opening it, which ``datasets`` does and a preview
    does not.
    """
    from datasets.load import infer_module_for_data_files_list

    data_files = [path for path in files if not path.lower().endswith(".zip")]
    module, kwargs = infer_module_for_data_files_list(data_files)  # a plain list is all it reads
    return module, dict(kwargs)


def _files_of_format(files: list[str], module: str) -> list[str]:
    """The files the builder reads (``DataFilesList.filter(extensions=...)`` with the module's extensions)."""
    from datasets.packaged_modules import _MODULE_TO_EXTENSIONS

    extensions = [ext for ext in _MODULE_TO_EXTENSIONS[module] if ext != ".zip"]
    pattern = re.compile(".*({})(\\..+)?$".format("|".join(re.escape(ext) for ext in extensions)))
    return [path for path in files if pattern.match(path)]


@dataclass
class _Config:
    name: str
    base: str
    patterns: dict[str, list[str]] | None  # None: the default patterns
    params: dict[str, Any]


def _configs(card_data: Mapping[str, Any]) -> list[_Config]:
    """The card's ``configs:`` (default config first), or the single implicit ``default`` config."""
    from datasets.data_files import sanitize_patterns
    from datasets.utils.metadata import MetadataConfigs

    try:
        metadata = MetadataConfigs.from_dataset_card_data(dict(card_data))
        default_name = metadata.get_default_config_name()
    except Exception as exc:  # ValueError for a bad layout, anything from a bad features list
        raise PreviewError(f"invalid configs in the dataset card: {exc}") from None
    if not metadata:
        return [_Config(DEFAULT_CONFIG, "", None, {})]
    configs = []
    for name, params in metadata.items():
        data_files = params.get("data_files")
        try:
            patterns = sanitize_patterns(data_files) if data_files is not None else None
        except ValueError as exc:
            raise PreviewError(f"invalid data_files for config {name!r}: {exc}") from None
        base = str(params.get("data_dir") or "").strip("/")
        configs.append(_Config(str(name), base, patterns, dict(params)))
    configs.sort(key=lambda config: config.name != default_name)
    return configs


# --- reading rows ------------------------------------------------------------------------------------------------


def _read_json(data: bytes, field_name: str | None) -> pa.Table:
    """JSON Lines, a JSON array of objects (or of strings: a ``text`` column), or one object (``field`` or columns)."""
    import pyarrow.json as pajson

    data = data.removeprefix(b"\xef\xbb\xbf")
    head = data.lstrip()[:1]
    if field_name is None and head != b"[":
        try:
            # One block for the whole file: pyarrow refuses a record that straddles two blocks (a long line).
            options = pajson.ReadOptions(block_size=max(1 << 20, len(data) + 1))
            return pajson.read_json(io.BytesIO(data), read_options=options)
        except pa.ArrowInvalid:
            if head != b"{":
                raise
    value = json.loads(data)
    if field_name is not None:
        value = value[field_name]
    if isinstance(value, list):
        rows = [item if isinstance(item, dict) else {"text": item} for item in value]
        return pa.Table.from_pylist(rows)
    if isinstance(value, dict) and value and all(isinstance(column, list) for column in value.values()):
        return pa.Table.from_pydict(value)
    return pa.Table.from_pylist([value])


def _read_arrow(data: bytes) -> pa.Table:
    """An Arrow IPC stream (``save_to_disk`` shards) or file."""
    try:
        return pa.ipc.open_stream(pa.BufferReader(data)).read_all()
    except pa.ArrowInvalid:
        return pa.ipc.open_file(pa.BufferReader(data)).read_all()


def read_table(module: str, data: bytes, params: Mapping[str, Any], max_rows: int) -> tuple[pa.Table, int]:
    """The first ``max_rows`` rows of one file as an arrow table, and the file's total number of rows."""
    if module == "parquet":
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(pa.BufferReader(data))
        total = parquet.metadata.num_rows
        batches: list[pa.RecordBatch] = []
        remaining = max_rows
        # Only the row groups the preview needs are decoded; the total comes from the footer.
        for batch in parquet.iter_batches(batch_size=min(max_rows, 10_000)) if max_rows > 0 else ():
            batches.append(batch.slice(0, remaining))
            remaining -= batches[-1].num_rows
            if remaining <= 0:
                break
        table = pa.Table.from_batches(batches, schema=parquet.schema_arrow)
        return table, total
    if module == "csv":
        import pyarrow.csv as pacsv

        delimiter = params.get("sep") or params.get("delimiter") or ","
        table = pacsv.read_csv(io.BytesIO(data), parse_options=pacsv.ParseOptions(delimiter=str(delimiter)))
    elif module == "json":
        field_name = params.get("field")
        table = _read_json(data, str(field_name) if field_name is not None else None)
    elif module == "arrow":
        table = _read_arrow(data)
    else:
        raise PreviewError(f"the viewer does not preview {module} files")
    return table.slice(0, max_rows), table.num_rows


# --- display -----------------------------------------------------------------------------------------------------


def _truncate(text: str) -> str:
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + ELLIPSIS


def _jsonable(value: Any) -> Any:
    """Nested values for JSON: bytes as a size, dates and decimals as text."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<binary {len(value)} bytes>"
    if isinstance(value, dict):
        if isinstance(value.get("bytes"), (bytes, bytearray)):
            return f"<binary {len(value['bytes'])} bytes>"
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, (datetime, date, time, timedelta, Decimal)):
        return str(value)
    return value


def display_value(value: Any) -> Any:
    """A cell as the page can show it: scalars as they are, long text cut, binary as its size, nesting as JSON.

    An image or audio cell (``{"bytes": ..., "path": ...}``) shows as its size too.
    """
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return _truncate(value)
    plain = _jsonable(value)
    if isinstance(plain, str):
        return _truncate(plain)
    return _truncate(json.dumps(plain, ensure_ascii=False, separators=(",", ":"), default=str))


def feature_type(feature: Any) -> str:
    """A ``datasets`` feature as a short type name: ``string``, ``int64``, ``List(string)``, ``ClassLabel(...)``."""
    from datasets import ClassLabel, LargeList, List, Value

    if isinstance(feature, Value):
        return str(feature.dtype)
    if isinstance(feature, ClassLabel):
        return repr(feature)
    if isinstance(feature, (List, LargeList)):
        inner = feature_type(feature.feature)
        length = getattr(feature, "length", -1)
        name = type(feature).__name__
        return f"{name}({inner}, length={length})" if length not in (-1, None) else f"{name}({inner})"
    if isinstance(feature, dict):
        return "{" + ", ".join(f"{key}: {feature_type(value)}" for key, value in feature.items()) + "}"
    if isinstance(feature, list) and len(feature) == 1:
        return f"List({feature_type(feature[0])})"
    return type(feature).__name__


def _features(schema: pa.Schema, declared: Any) -> dict[str, str]:
    """Column -> type: the card's features when they name exactly these columns, else the file's arrow schema."""
    from datasets import Features

    if declared is not None and set(declared) == set(schema.names):
        return {name: feature_type(declared[name]) for name in schema.names}
    features = Features.from_arrow_schema(schema)
    return {name: feature_type(feature) for name, feature in features.items()}


def _card_infos(card_data: Mapping[str, Any]) -> dict[str, tuple[Any, dict[str, int]]]:
    """config -> the card's ``dataset_info`` features and each split's ``num_examples`` (either may be absent)."""
    from datasets.info import DatasetInfosDict

    try:
        infos = DatasetInfosDict.from_dataset_card_data(dict(card_data))
    except Exception:  # a malformed dataset_info only costs the fallback
        return {}
    out = {}
    for config, info in infos.items():
        counts = {
            str(name): int(split.num_examples) for name, split in (info.splits or {}).items() if split.num_examples
        }
        out[str(config)] = (info.features, counts)
    return out


# --- the preview -------------------------------------------------------------------------------------------------


def _preview_split(
    preview: SplitPreview,
    module: str,
    params: Mapping[str, Any],
    open_file: Callable[[str], bytes],
    sizes: Mapping[str, int | None],
    declared: Any,
    max_rows: int,
    max_bytes: int,
) -> None:
    """Fill ``preview`` from its files: rows until ``max_rows``, then keep counting rows while within ``max_bytes``."""
    schema: pa.Schema | None = None
    total: int | None = 0
    spent = 0
    for path in preview.files:
        full = len(preview.rows) >= max_rows
        size = sizes.get(path)
        if size is not None and (size > max_bytes or (full and spent + size > max_bytes)):
            if not preview.rows:
                preview.error = f"{path} is too large to preview ({size} bytes)"
            total = None
            break
        try:
            data = open_file(path)
        except Exception as exc:
            preview.error = f"{path}: cannot be read ({exc})"
            total = None
            break
        if len(data) > max_bytes or (full and spent + len(data) > max_bytes):
            if not preview.rows:
                preview.error = f"{path} is too large to preview ({len(data)} bytes)"
            total = None
            break
        spent += len(data)
        try:
            table, count = read_table(module, data, params, max_rows - len(preview.rows))
            if schema is None:
                schema = table.schema
                preview.columns = list(schema.names)
                preview.features = _features(schema, declared)
        except PreviewError as exc:
            preview.error = str(exc)
            total = None
            break
        except Exception as exc:  # pyarrow's errors, bad JSON, a wrong field: the file is broken, the page is not
            preview.error = f"{path}: {type(exc).__name__}: {exc}"
            total = None
            break
        preview.rows += [
            {column: display_value(row.get(column)) for column in preview.columns} for row in table.to_pylist()
        ]
        total = None if total is None else total + count
    preview.num_rows = total if preview.error is None else None


def preview_dataset(
    paths: Iterable[str] | Mapping[str, int],
    open_file: Callable[[str], bytes],
    card_data: Mapping[str, Any] | None,
    max_rows: int = 100,
    max_bytes: int = 50_000_000,
) -> list[SplitPreview]:
    """Every config and split of a dataset repo with its first ``max_rows`` rows; empty if it has no data files.

    ``paths`` lists the repo's files at the commit; a mapping path -> size lets a too large file be skipped without
    opening it. ``open_file`` returns a file's bytes. ``card_data`` is the README's parsed YAML (may be empty).
    A file above ``max_bytes`` is never parsed. ``num_rows`` is the split's total when every file could be counted
    within ``max_bytes`` (else the card's ``num_examples``, else None).
    """
    listed: dict[str, Any] = dict(paths) if isinstance(paths, Mapping) else dict.fromkeys(paths)
    sizes = {_strip_dot(path): size if isinstance(size, int) else None for path, size in listed.items()}
    all_paths = list(sizes)
    card = card_data or {}
    try:
        configs = _configs(card)
    except PreviewError as exc:
        return [SplitPreview(DEFAULT_CONFIG, "", [], error=str(exc))]
    infos = _card_infos(card)
    previews: list[SplitPreview] = []
    for config in configs:
        declared, counts = infos.get(config.name, (None, {}))
        declared = config.params.get("features") or declared
        previews += _preview_config(config, all_paths, open_file, sizes, declared, counts, max_rows, max_bytes)
    return previews


def _preview_config(
    config: _Config,
    paths: list[str],
    open_file: Callable[[str], bytes],
    sizes: Mapping[str, int | None],
    declared: Any,
    counts: Mapping[str, int],
    max_rows: int,
    max_bytes: int,
) -> list[SplitPreview]:
    """The splits of one config; ``declared`` are the card's features for it, ``counts`` its splits' sizes."""
    patterns = config.patterns
    base = config.base
    if patterns is None:
        under = [path[len(base) + 1 :] for path in paths if path.startswith(base + "/")] if base else paths
        try:
            patterns = default_patterns(under)
        except FileNotFoundError:
            if config.name == DEFAULT_CONFIG and not base and config.params == {}:
                return []  # no data files at all: nothing to view
            return [SplitPreview(config.name, "", [], error="no data files found")]
        except ValueError as exc:
            return [SplitPreview(config.name, "", [], error=str(exc))]
    previews = []
    for split, split_patterns in patterns.items():
        preview = SplitPreview(config.name, split, [])
        previews.append(preview)
        try:
            files = _split_files(split_patterns, paths, base)
        except PreviewError as exc:
            preview.error = str(exc)
            continue
        module, kwargs = _format_of(files)
        if module is None:
            preview.files = files
            preview.error = "no supported data files"
            continue
        preview.files = _files_of_format(files, module)
        if module not in PREVIEWED_FORMATS:
            preview.error = f"the viewer does not preview {module} files"
            continue
        params = {**kwargs, **config.params}
        _preview_split(preview, module, params, open_file, sizes, declared, max_rows, max_bytes)
        if preview.num_rows is None and preview.error is None:
            preview.num_rows = counts.get(split)
    return previews
