"""Values as plain data: what may cross between a learner's kernel and a trusted grader, and nothing else.

Trusted verdicts (docs/grading-security.md, issue 17's item 2) need the values a learner's functions return to
reach the grader as *data*: something the grader can read without running any code the learner chose. Pickle
is the opposite (unpickling runs code), so nothing here pickles or unpickles. A value is written into a
folder as a manifest (``value.json``, a tree of tagged JSON nodes) and files in formats whose readers execute
nothing:

| value | stored as |
|---|---|
| None, bool, int, float, str, and lists, tuples, dicts, sets, Paths of them | JSON |
| numpy arrays and scalars | ``.npy`` read with ``allow_pickle=False`` (object arrays are refused) |
| pandas DataFrames and Series | Parquet (pyarrow), index included |
| torch tensors | safetensors |
| transformers models | ``save_pretrained`` (config.json + model.safetensors); read back with
  ``trust_remote_code=False`` as the transformers class its config names, in the same train/eval mode |
| transformers tokenizers | ``save_pretrained`` (tokenizer.json and its config) |
| datasets ``Dataset`` | Arrow (``save_to_disk``) |

Anything else (a fitted scikit-learn estimator, a function, an open file) raises :class:`PlainDataError`
saying what it is: it has to stay in the process it lives in. Reading checks every file name the manifest
names against the folder, so a manifest cannot point outside it.
"""

from __future__ import annotations

import json
import math
from pathlib import Path, PurePath
from typing import Any

MANIFEST = "value.json"
_MAX_DEPTH = 64
# exactly these types: a subclass (a namedtuple, a defaultdict) carries behaviour plain data would lose
_CONTAINERS: dict[type, str] = {list: "list", tuple: "tuple", set: "set", frozenset: "frozenset"}


class PlainDataError(ValueError):
    """A value that cannot cross as plain data, or a folder that does not hold one."""


def write_value(value: Any, folder: Path) -> None:
    """Write ``value`` into ``folder`` (created; must be empty) as a manifest and data files."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise PlainDataError(f"{folder} is not empty: plain data is written into a folder of its own")
    writer = _Writer(folder)
    node = writer.node(value, 0)
    (folder / MANIFEST).write_text(json.dumps(node))


def read_value(folder: Path) -> Any:
    """The value :func:`write_value` wrote into ``folder``; raises PlainDataError for anything else."""
    try:
        node = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise PlainDataError(f"{folder} holds no readable {MANIFEST} ({type(exc).__name__})") from exc
    return _Reader(folder).value(node, 0)


class _Writer:
    def __init__(self, folder: Path) -> None:
        self.folder, self.count = folder, 0

    def _name(self, suffix: str) -> str:
        self.count += 1
        return f"v{self.count}{suffix}"

    def node(self, value: Any, depth: int) -> Any:  # one branch per kind of value, in one place
        if depth > _MAX_DEPTH:
            raise PlainDataError("the value is nested too deeply to be plain data")
        if value is None or isinstance(value, (bool, str)):
            return {"json": value}
        if isinstance(value, int):
            return {"int": str(value)}  # JSON readers lose big integers
        if isinstance(value, float):
            return {"float": repr(value)} if not math.isfinite(value) else {"json": value}
        kind = _CONTAINERS.get(type(value))
        if kind is not None:
            items = sorted(value, key=repr) if kind in ("set", "frozenset") else value
            return {kind: [self.node(item, depth + 1) for item in items]}
        if type(value) is dict:
            return {"dict": [[self.node(k, depth + 1), self.node(v, depth + 1)] for k, v in value.items()]}
        if isinstance(value, PurePath):
            return {"path": str(value)}
        module = type(value).__module__.split(".")[0]
        if module == "numpy":
            return self._numpy(value)
        if module == "pandas":
            return self._pandas(value)
        if module == "torch":
            return self._torch(value)
        if module == "transformers":
            return self._transformers(value)
        if module == "datasets":
            return self._datasets(value)
        raise PlainDataError(
            f"a {type(value).__module__}.{type(value).__qualname__} cannot cross as plain data: "
            "it has to stay in the process it lives in"
        )

    def _numpy(self, value: Any) -> Any:
        import numpy as np

        if isinstance(value, np.generic):
            return {"numpy_scalar": self._npy(np.asarray(value))}
        if isinstance(value, np.ndarray):
            return {"ndarray": self._npy(value)}
        raise PlainDataError(f"a numpy {type(value).__qualname__} is not plain data")

    def _npy(self, array: Any) -> str:
        import numpy as np

        if array.dtype.hasobject:
            raise PlainDataError("a numpy array of Python objects is not plain data (it would need pickle)")
        name = self._name(".npy")
        np.save(self.folder / name, array, allow_pickle=False)
        return name

    def _pandas(self, value: Any) -> Any:
        import pandas as pd

        if isinstance(value, pd.Series):
            name = self._name(".parquet")
            frame = value.to_frame(name="__series__" if value.name is None else str(value.name))
            frame.to_parquet(self.folder / name, engine="pyarrow")
            return {"series": name, "name": self.node(value.name, 1)}
        if isinstance(value, pd.DataFrame):
            if not all(isinstance(c, str) for c in value.columns):
                raise PlainDataError("a DataFrame whose column names are not all strings is not plain data here")
            name = self._name(".parquet")
            try:
                value.to_parquet(self.folder / name, engine="pyarrow")
            except Exception as exc:  # pyarrow refuses columns of mixed Python objects
                raise PlainDataError(f"this DataFrame cannot be written as Parquet ({exc})") from exc
            return {"dataframe": name}
        raise PlainDataError(f"a pandas {type(value).__qualname__} is not plain data")

    def _torch(self, value: Any) -> Any:
        import torch
        from safetensors.torch import save_file

        if not isinstance(value, torch.Tensor):
            raise PlainDataError(f"a torch {type(value).__qualname__} is not plain data")
        name = self._name(".safetensors")
        save_file({"tensor": value.detach().contiguous().cpu()}, str(self.folder / name))
        return {"tensor": name, "requires_grad": bool(value.requires_grad)}

    def _transformers(self, value: Any) -> Any:
        from transformers import PreTrainedModel, PreTrainedTokenizerBase

        name = self._name("")
        if isinstance(value, PreTrainedModel):
            value.save_pretrained(self.folder / name, safe_serialization=True)
            return {"model": name, "class": type(value).__name__, "training": bool(value.training)}
        if isinstance(value, PreTrainedTokenizerBase):
            value.save_pretrained(self.folder / name)
            return {"tokenizer": name}
        raise PlainDataError(f"a transformers {type(value).__qualname__} is not plain data (only models, tokenizers)")

    def _datasets(self, value: Any) -> Any:
        from datasets import Dataset

        if not isinstance(value, Dataset):
            raise PlainDataError(f"a datasets {type(value).__qualname__} is not plain data (only Dataset)")
        name = self._name("")
        value.save_to_disk(str(self.folder / name))
        return {"dataset": name}


class _Reader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def file(self, name: Any) -> Path:
        """A file the manifest names, which must be a plain name inside the folder."""
        if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
            raise PlainDataError(f"the manifest names a file outside its folder: {name!r}")
        path = self.folder / name
        if not path.exists() or path.is_symlink() or path.resolve().parent != self.folder:
            raise PlainDataError(f"the manifest names a file that is not in its folder: {name!r}")
        return path

    def value(self, node: Any, depth: int) -> Any:  # the mirror of _Writer.node
        if depth > _MAX_DEPTH or not isinstance(node, dict) or len(node) not in (1, 2, 3):
            raise PlainDataError("the manifest is not plain data written by write_value")
        kind = next(iter(node))
        body = node[kind]
        if kind == "json":
            if body is not None and not isinstance(body, (bool, str, int, float)):
                raise PlainDataError("a JSON node holds a container")
            return body
        if kind == "int":
            return int(body)
        if kind == "float":
            return float(body)
        if kind in ("list", "tuple", "set", "frozenset"):
            items = [self.value(item, depth + 1) for item in body]
            return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[kind](items)
        if kind == "dict":
            return {self.value(k, depth + 1): self.value(v, depth + 1) for k, v in body}
        if kind == "path":
            return Path(str(body))
        if kind in ("ndarray", "numpy_scalar"):
            import numpy as np

            array = np.load(self.file(body), allow_pickle=False)
            return array if kind == "ndarray" else array[()]
        if kind == "dataframe":
            import pandas as pd

            return pd.read_parquet(self.file(body), engine="pyarrow")
        if kind == "series":
            import pandas as pd

            frame = pd.read_parquet(self.file(body), engine="pyarrow")
            series = frame[frame.columns[0]]
            series.name = self.value(node.get("name", {"json": None}), depth + 1)
            return series
        if kind == "tensor":
            from safetensors.torch import load_file

            tensor = load_file(str(self.file(body)))["tensor"]
            return tensor.requires_grad_(bool(node.get("requires_grad")))
        if kind == "model":
            return self._model(self.file(body), str(node.get("class", "")), bool(node.get("training")))
        if kind == "tokenizer":
            from transformers import AutoTokenizer

            return AutoTokenizer.from_pretrained(str(self.file(body)), trust_remote_code=False)
        if kind == "dataset":
            from datasets import load_from_disk

            return load_from_disk(str(self.file(body)))
        raise PlainDataError(f"the manifest holds an unknown kind of value: {kind!r}")

    def _model(self, folder: Path, class_name: str, training: bool) -> Any:
        import transformers
        from transformers import PreTrainedModel

        model_class = getattr(transformers, class_name, None)
        if not (isinstance(model_class, type) and issubclass(model_class, PreTrainedModel)):
            raise PlainDataError(f"{class_name!r} is not a model class of transformers")
        config = json.loads((folder / "config.json").read_text())
        if "auto_map" in config:
            raise PlainDataError("the model's config asks for code of its own (auto_map): refused")
        model = model_class.from_pretrained(str(folder), trust_remote_code=False, use_safetensors=True)
        return model.train(training)
