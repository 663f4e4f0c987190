"""Repo cards: README front matter -> cardData, metadata validation, pipeline_tag / library_name / tags.

Why here and not in the client: huggingface_hub posts every README it commits to ``/api/validate-yaml`` and
refuses to commit on a 400, so this is where a learner learns that ``model-index[0].results[0].metrics[0]``
lacks a ``value``. Messages therefore name the exact place and what was expected. Only metadata the Hub
knows is checked; unknown keys are allowed (cards carry free-form metadata).

The front matter is split with the same regular expression as huggingface_hub's ``RepoCard`` so the server
and the client agree on where the YAML block ends. YAML timestamps are kept as strings so cardData stays
JSON-serialisable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

# Same as huggingface_hub.repocard.REGEX_YAML_BLOCK.
YAML_BLOCK_RE = re.compile(r"^(\s*---(?:\r\n|\r|\n))([\S\s]*?)((?:\r\n|\r|\n)---[ \t]*(\r\n|\n|$))")

MISSING_METADATA_WARNING = (
    "Empty or missing yaml metadata in repo card (https://huggingface.co/docs/hub/model-cards#model-card-metadata)"
)

# Pipeline tags of the Hub (huggingface_hub 2.4 ships no list of them). "text2text-generation" stays valid
# metadata even though transformers 5 removed that pipeline.
KNOWN_TASKS: frozenset[str] = frozenset(
    [
        "text-classification",
        "token-classification",
        "table-question-answering",
        "question-answering",
        "zero-shot-classification",
        "translation",
        "summarization",
        "feature-extraction",
        "text-generation",
        "text2text-generation",
        "fill-mask",
        "sentence-similarity",
        "text-ranking",
        "text-retrieval",
        "text-to-speech",
        "text-to-audio",
        "automatic-speech-recognition",
        "audio-to-audio",
        "audio-classification",
        "audio-text-to-text",
        "voice-activity-detection",
        "depth-estimation",
        "image-classification",
        "object-detection",
        "image-segmentation",
        "text-to-image",
        "image-to-text",
        "image-to-image",
        "image-to-video",
        "unconditional-image-generation",
        "video-classification",
        "reinforcement-learning",
        "robotics",
        "tabular-classification",
        "tabular-regression",
        "tabular-to-text",
        "table-to-text",
        "multiple-choice",
        "time-series-forecasting",
        "text-to-video",
        "image-text-to-text",
        "image-text-to-image",
        "image-text-to-video",
        "visual-question-answering",
        "document-question-answering",
        "zero-shot-image-classification",
        "zero-shot-audio-classification",
        "graph-ml",
        "mask-generation",
        "zero-shot-object-detection",
        "text-to-3d",
        "image-to-3d",
        "image-feature-extraction",
        "video-text-to-text",
        "keypoint-detection",
        "keypoint-matching",
        "visual-document-retrieval",
        "any-to-any",
        "video-to-video",
        "other",
    ]
)

KNOWN_LICENSES: frozenset[str] = frozenset(
    [
        "apache-2.0",
        "mit",
        "openrail",
        "openrail++",
        "bigscience-openrail-m",
        "creativeml-openrail-m",
        "bigscience-bloom-rail-1.0",
        "bigcode-openrail-m",
        "afl-3.0",
        "artistic-2.0",
        "bsl-1.0",
        "bsd",
        "bsd-2-clause",
        "bsd-3-clause",
        "bsd-3-clause-clear",
        "c-uda",
        "cc",
        "cc0-1.0",
        "cc-by-2.0",
        "cc-by-2.5",
        "cc-by-3.0",
        "cc-by-4.0",
        "cc-by-sa-3.0",
        "cc-by-sa-4.0",
        "cc-by-nc-2.0",
        "cc-by-nc-3.0",
        "cc-by-nc-4.0",
        "cc-by-nd-4.0",
        "cc-by-nc-nd-3.0",
        "cc-by-nc-nd-4.0",
        "cc-by-nc-sa-2.0",
        "cc-by-nc-sa-3.0",
        "cc-by-nc-sa-4.0",
        "cdla-sharing-1.0",
        "cdla-permissive-1.0",
        "cdla-permissive-2.0",
        "wtfpl",
        "ecl-2.0",
        "epl-1.0",
        "epl-2.0",
        "etalab-2.0",
        "eupl-1.1",
        "eupl-1.2",
        "agpl-3.0",
        "gfdl",
        "gpl",
        "gpl-2.0",
        "gpl-3.0",
        "lgpl",
        "lgpl-2.1",
        "lgpl-3.0",
        "isc",
        "lppl-1.3c",
        "ms-pl",
        "mpl-2.0",
        "odc-by",
        "odbl",
        "osl-3.0",
        "postgresql",
        "ofl-1.1",
        "ncsa",
        "unlicense",
        "zlib",
        "pddl",
        "llama2",
        "llama3",
        "llama3.1",
        "llama3.2",
        "llama3.3",
        "llama4",
        "gemma",
        "unknown",
        "other",
    ]
)

SIZE_CATEGORIES: tuple[str, ...] = (
    "n<1K",
    "1K<n<10K",
    "10K<n<100K",
    "100K<n<1M",
    "1M<n<10M",
    "10M<n<100M",
    "100M<n<1B",
    "1B<n<10B",
    "10B<n<100B",
    "100B<n<1T",
    "n>1T",
    "unknown",
)
SPACE_SDKS: tuple[str, ...] = ("gradio", "streamlit", "docker", "static")
LANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*|code|multilingual")
SENTENCE_TRANSFORMERS_FILES = ("config_sentence_transformers.json", "modules.json")

# architecture-name suffix -> pipeline tag, checked in order (longest, most specific first)
ARCHITECTURE_TASKS: tuple[tuple[str, str], ...] = (
    ("ForSequenceClassification", "text-classification"),
    ("ForTokenClassification", "token-classification"),
    ("ForMaskedLM", "fill-mask"),
    ("ForQuestionAnswering", "question-answering"),
    ("ForCausalLM", "text-generation"),
    ("LMHeadModel", "text-generation"),
    ("ForMultipleChoice", "multiple-choice"),
    ("ForImageClassification", "image-classification"),
    ("ForAudioClassification", "audio-classification"),
    ("ForObjectDetection", "object-detection"),
    ("ForSemanticSegmentation", "image-segmentation"),
    ("ForCTC", "automatic-speech-recognition"),
    ("ForSpeechSeq2Seq", "automatic-speech-recognition"),
    ("WhisperForConditionalGeneration", "automatic-speech-recognition"),
)


class CardError(ValueError):
    """Front matter that cannot be read; ``line`` is the 1-based README line of the problem, if known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (cardData goes out as JSON)."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# -- front matter ------------------------------------------------------------------------------------------------
def _front_matter(text: str) -> tuple[str | None, int, str]:
    """(YAML block or None, README line where the block starts, body)."""
    match = YAML_BLOCK_RE.search(text)
    if not match:
        return None, 0, text
    first_line = len(re.findall(r"\r\n|\r|\n", match.group(1))) + 1
    return match.group(2), first_line, text[match.end() :]


def _load_yaml(block: str, first_line: int) -> Any:
    try:
        return yaml.load(block, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            raise CardError(f"Invalid YAML in the README front matter: {problem}") from None
        line = first_line + mark.line
        raise CardError(
            f"Invalid YAML in the README front matter at line {line}, column {mark.column + 1}: {problem}", line=line
        ) from None


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a README. No front matter: ({}, text).

    Raises CardError (a ValueError) naming the README line for invalid YAML, or if the YAML is not a mapping.
    """
    block, first_line, body = _front_matter(text)
    if block is None:
        return {}, text
    data = _load_yaml(block, first_line)
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        raise CardError(
            f"The README front matter must be a mapping of keys to values, got a {_type_name(data)}", line=first_line
        )
    return data, body


# -- validation helpers ------------------------------------------------------------------------------------------
def _type_name(value: Any) -> str:
    return {
        dict: "mapping",
        list: "list",
        str: "string",
        bool: "boolean",
        int: "integer",
        float: "number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


class _Checker:
    """Collects errors and warnings while walking the metadata."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def str_or_str_list(self, data: dict[str, Any], key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str) or _is_str_list(value):
            return _as_list(value)
        self.errors.append(f"{key}: expected a string or a list of strings, got {_type_name(value)} ({value!r})")
        return []

    def str_list(self, data: dict[str, Any], key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            self.warnings.append(f"{key}: expected a list of strings; write `{key}: [{value}]`")
            return [value]
        if _is_str_list(value):
            return value
        self.errors.append(f"{key}: expected a list of strings, got {_type_name(value)} ({value!r})")
        return []

    def string(self, data: dict[str, Any], key: str, where: str = "") -> str | None:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return value
        self.errors.append(f"{where}{key}: expected a string, got {_type_name(value)} ({value!r})")
        return None

    def required_str(self, data: dict[str, Any], key: str, where: str) -> None:
        if data.get(key) is None:
            self.errors.append(f"{where}: '{key}' is missing")
        elif not isinstance(data[key], str):
            self.errors.append(f"{where}.{key}: expected a string, got {_type_name(data[key])} ({data[key]!r})")

    def mapping(self, value: Any, where: str) -> bool:
        if isinstance(value, dict):
            return True
        self.errors.append(f"{where}: expected a mapping, got {_type_name(value)} ({value!r})")
        return False

    def list_value(self, data: dict[str, Any], key: str, where: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            self.errors.append(f"{where}: '{key}' is missing")
        elif not isinstance(value, list):
            self.errors.append(f"{where}.{key}: expected a list, got {_type_name(value)} ({value!r})")
        else:
            return value
        return []

    def non_empty_list(self, data: dict[str, Any], key: str, where: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            self.errors.append(f"{where}: '{key}' is missing")
        elif not isinstance(value, list) or not value:
            self.errors.append(f"{where}.{key}: expected a non-empty list, got {_type_name(value)} ({value!r})")
        else:
            return value
        return []


def _check_common(c: _Checker, data: dict[str, Any]) -> None:
    for license_id in c.str_or_str_list(data, "license"):
        if license_id not in KNOWN_LICENSES:  # huggingface.co refuses the commit, so does this Hub
            c.errors.append(
                f"license: {license_id!r} is not a known license id (e.g. 'apache-2.0', 'mit', "
                f"'cc-by-4.0'); use 'other' with license_name and license_link"
            )
    if "other" in _as_list(data.get("license")) and not data.get("license_name"):
        c.warnings.append("license: 'other' should come with license_name (and license_link)")
    for language in c.str_or_str_list(data, "language"):
        if not LANGUAGE_RE.fullmatch(language):
            c.warnings.append(f"language: {language!r} does not look like an ISO 639 code (e.g. 'en', 'fr')")
    c.str_list(data, "tags")
    c.string(data, "pretty_name")
    c.string(data, "thumbnail")


def _check_model_index(c: _Checker, model_index: Any) -> None:
    """model-index: [{name, results: [{task: {type}, dataset: {name, type}, metrics: [{type, value}]}]}]."""
    if not isinstance(model_index, list) or not model_index:
        c.errors.append(f"model-index: expected a non-empty list, got {_type_name(model_index)}")
        return
    for i, entry in enumerate(model_index):
        where = f"model-index[{i}]"
        if not c.mapping(entry, where):
            continue
        c.required_str(entry, "name", where)
        # An empty list is valid: transformers' Trainer writes `results: []` before any evaluation, and
        # huggingface.co accepts that card.
        for j, result in enumerate(c.list_value(entry, "results", where)):
            _check_result(c, result, f"{where}.results[{j}]")


def _check_result(c: _Checker, result: Any, where: str) -> None:
    if not c.mapping(result, where):
        return
    task = result.get("task")
    if task is None:
        c.errors.append(f"{where}: 'task' is missing")
    elif c.mapping(task, f"{where}.task"):
        c.required_str(task, "type", f"{where}.task")
    dataset = result.get("dataset")
    if dataset is None:
        c.errors.append(f"{where}: 'dataset' is missing")
    elif c.mapping(dataset, f"{where}.dataset"):
        c.required_str(dataset, "name", f"{where}.dataset")
        c.required_str(dataset, "type", f"{where}.dataset")
    for k, metric in enumerate(c.non_empty_list(result, "metrics", where)):
        mwhere = f"{where}.metrics[{k}]"
        if not c.mapping(metric, mwhere):
            continue
        c.required_str(metric, "type", mwhere)
        if metric.get("value") is None:
            c.errors.append(f"{mwhere}: 'value' is missing")
        elif isinstance(metric["value"], (dict, list)):
            c.errors.append(f"{mwhere}.value: expected a number or a string, got {_type_name(metric['value'])}")


def _check_model(c: _Checker, data: dict[str, Any]) -> None:
    c.str_or_str_list(data, "datasets")
    c.str_or_str_list(data, "metrics")
    c.str_or_str_list(data, "base_model")
    c.string(data, "library_name")
    tag = data.get("pipeline_tag")
    if tag is not None and (not isinstance(tag, str) or tag not in KNOWN_TASKS):
        c.errors.append(
            f"pipeline_tag: {tag!r} is not a known task (e.g. 'text-classification', "
            f"'token-classification', 'feature-extraction', 'text-generation')"
        )
    if data.get("model-index") is not None:
        _check_model_index(c, data["model-index"])


def _check_data_files(c: _Checker, files: Any, where: str) -> None:
    """data_files: a path, a list of paths, or a list of {split, path (str or list of str)}."""
    if isinstance(files, str) or _is_str_list(files):
        return
    if not isinstance(files, list):
        c.errors.append(
            f"{where}: expected a path, a list of paths or a list of {{split, path}}, got {_type_name(files)}"
        )
        return
    for n, item in enumerate(files):
        iwhere = f"{where}[{n}]"
        if not c.mapping(item, iwhere):
            continue
        c.required_str(item, "split", iwhere)
        path = item.get("path")
        if path is None:
            c.errors.append(f"{iwhere}: 'path' is missing")
        elif not (isinstance(path, str) or _is_str_list(path)):
            c.errors.append(f"{iwhere}.path: expected a path or a list of paths, got {_type_name(path)}")


def _check_configs(c: _Checker, configs: Any) -> None:
    if not isinstance(configs, list):
        c.errors.append(f"configs: expected a list of {{config_name, data_files}}, got {_type_name(configs)}")
        return
    seen: set[str] = set()
    for i, config in enumerate(configs):
        where = f"configs[{i}]"
        if not c.mapping(config, where):
            continue
        c.required_str(config, "config_name", where)
        name = config.get("config_name")
        if isinstance(name, str):
            if name in seen:
                c.errors.append(f"{where}: config_name {name!r} is used twice")
            seen.add(name)
        if config.get("data_files") is None and config.get("data_dir") is None:
            c.errors.append(f"{where}: 'data_files' is missing")
        elif config.get("data_files") is not None:
            _check_data_files(c, config["data_files"], f"{where}.data_files")
        if "default" in config and not isinstance(config["default"], bool):
            c.errors.append(f"{where}.default: expected true or false, got {config['default']!r}")


def _check_dataset_info(c: _Checker, info: Any) -> None:
    """dataset_info: a mapping (one config) or a list of mappings with config_name; splits need a name."""
    infos = info if isinstance(info, list) else [info]
    for i, item in enumerate(infos):
        where = f"dataset_info[{i}]" if isinstance(info, list) else "dataset_info"
        if not c.mapping(item, where):
            continue
        if isinstance(info, list) and len(info) > 1:
            c.required_str(item, "config_name", where)
        features = item.get("features")
        if features is not None and not isinstance(features, (list, dict)):
            c.errors.append(f"{where}.features: expected a list of features, got {_type_name(features)}")
        splits = item.get("splits")
        if splits is None:
            continue
        if not isinstance(splits, list):
            c.errors.append(f"{where}.splits: expected a list, got {_type_name(splits)}")
            continue
        for j, split in enumerate(splits):
            if c.mapping(split, f"{where}.splits[{j}]"):
                c.required_str(split, "name", f"{where}.splits[{j}]")


def _check_dataset(c: _Checker, data: dict[str, Any]) -> None:
    for task in c.str_or_str_list(data, "task_categories"):
        if task not in KNOWN_TASKS:
            c.warnings.append(f"task_categories: {task!r} is not a known task category")
    c.str_or_str_list(data, "task_ids")
    for key in ("annotations_creators", "language_creators", "multilinguality", "source_datasets"):
        c.str_or_str_list(data, key)
    for size in c.str_or_str_list(data, "size_categories"):
        if size not in SIZE_CATEGORIES:
            c.errors.append(f"size_categories: {size!r} is not one of {', '.join(SIZE_CATEGORIES)}")
    if data.get("configs") is not None:
        _check_configs(c, data["configs"])
    if data.get("dataset_info") is not None:
        _check_dataset_info(c, data["dataset_info"])


def _check_space(c: _Checker, data: dict[str, Any]) -> None:
    sdk = data.get("sdk")
    if sdk is not None and sdk not in SPACE_SDKS:
        c.errors.append(f"sdk: {sdk!r} is not one of {', '.join(SPACE_SDKS)}")
    c.string(data, "title")
    c.string(data, "app_file")


def validate_yaml(content: str, repo_type: str = "model") -> tuple[list[str], list[str]]:
    """(errors, warnings) for a README's metadata, as /api/validate-yaml reports them.

    ``content`` is the whole README (that is what the clients send). Errors make the commit fail (400);
    warnings are shown by the client and the commit goes on.
    """
    c = _Checker()
    block, first_line, _ = _front_matter(content)
    if block is None:
        return [], [MISSING_METADATA_WARNING]
    try:
        data = _load_yaml(block, first_line)
    except CardError as exc:
        return [str(exc)], []
    if data is None:
        return [], [MISSING_METADATA_WARNING]
    if not isinstance(data, dict):
        return [
            f"The README front matter must be a mapping of keys to values (key: value), got a {_type_name(data)}"
        ], []
    _check_common(c, data)
    {"model": _check_model, "dataset": _check_dataset, "space": _check_space}.get(repo_type or "model", _check_model)(
        c, data
    )
    return c.errors, c.warnings


def validation_payload(errors: list[str], warnings: list[str]) -> dict[str, list[dict[str, str]]]:
    """The /api/validate-yaml JSON body: huggingface_hub reads ``errors[].message`` and ``warnings[].message``."""
    return {"errors": [{"message": e} for e in errors], "warnings": [{"message": w} for w in warnings]}


# -- inference of pipeline_tag, library_name, tags ---------------------------------------------------------------
def _is_sentence_transformers(files: Iterable[str]) -> bool:
    return any(name in SENTENCE_TRANSFORMERS_FILES for name in files)


def _architecture_task(architecture: str) -> str | None:
    for suffix, task in ARCHITECTURE_TASKS:
        if architecture.endswith(suffix):
            return task
    if architecture.endswith("Model") and "For" not in architecture:
        return "feature-extraction"  # a plain encoder (BertModel, MPNetModel...): embeddings
    return None


def pipeline_tag(
    card_data: dict[str, Any] | None, config_json: dict[str, Any] | None, files: Iterable[str] = ()
) -> str | None:
    """The task the Hub shows (and ``pipeline(model=id)`` uses): the card's pipeline_tag, else inferred.

    Inference, as the real Hub does: a sentence-transformers model (modules.json or
    config_sentence_transformers.json in ``files``) -> sentence-similarity; otherwise from config.json's
    first ``architectures`` entry (``*ForSequenceClassification`` -> text-classification, ...; plain encoders
    such as ``BertModel`` -> feature-extraction). None when nothing is known.
    """
    tag = (card_data or {}).get("pipeline_tag")
    if isinstance(tag, str) and tag:
        return tag
    if _is_sentence_transformers(files):
        return "sentence-similarity"
    architectures = (config_json or {}).get("architectures")
    if isinstance(architectures, list) and architectures and isinstance(architectures[0], str):
        return _architecture_task(architectures[0])
    return None


def library_name(card_data: dict[str, Any] | None, files: Iterable[str]) -> str | None:
    """The card's library_name, else sentence-transformers / transformers from the files present."""
    name = (card_data or {}).get("library_name")
    if isinstance(name, str) and name:
        return name
    names = set(files)  # repo-root paths: a sub-module's 1_Pooling/config.json is not the model's config
    if "config_sentence_transformers.json" in names:
        return "sentence-transformers"
    if "config.json" in names:
        return "transformers"
    return None


def tags(
    card_data: dict[str, Any] | None,
    *,
    repo_type: str = "model",
    files: Iterable[str] = (),
    config_json: dict[str, Any] | None = None,
) -> list[str]:
    """The repo's ``tags`` list as the Hub derives it: card tags plus library, task, format, language,
    datasets, license and base model, each once, in a stable order."""
    data = card_data or {}
    files = list(files)
    out: list[str] = [t for t in _as_list(data.get("tags") or []) if isinstance(t, str)]

    def strings(key: str) -> list[str]:
        return [v for v in _as_list(data.get(key) or []) if isinstance(v, str)]

    if repo_type == "dataset":
        out += [f"task_categories:{t}" for t in strings("task_categories")]
        out += [f"size_categories:{s}" for s in strings("size_categories")]
        if any(f.endswith(".parquet") for f in files):
            out.append("format:parquet")
        out += [f"language:{lang}" for lang in strings("language")]
        out += [f"license:{lic}" for lic in strings("license")]
        return list(dict.fromkeys(out))
    library = library_name(data, files)
    if library:
        out.append(library)
    if any(f.endswith(".safetensors") for f in files):
        out.append("safetensors")
    model_type = (config_json or {}).get("model_type")
    if isinstance(model_type, str):
        out.append(model_type)
    task = pipeline_tag(data, config_json, files)
    if task:
        out.append(task)
    out += strings("language")
    out += [f"dataset:{d}" for d in strings("datasets")]
    out += [f"base_model:{b}" for b in strings("base_model")]
    out += [f"license:{lic}" for lic in strings("license")]
    return list(dict.fromkeys(out))


__all__ = [
    "KNOWN_LICENSES",
    "KNOWN_TASKS",
    "SIZE_CATEGORIES",
    "CardError",
    "library_name",
    "pipeline_tag",
    "split_front_matter",
    "tags",
    "validate_yaml",
    "validation_payload",
]
