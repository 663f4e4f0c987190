"""Plain data between a learner's kernel and a trusted grader: values round-trip, nothing runs code on reading."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from dcai_labs.grading.plain_data import MANIFEST, PlainDataError, read_value, write_value


def _round_trip(value, folder: Path):
    write_value(value, folder)
    return read_value(folder)


def test_python_values_come_back_equal_and_of_their_type(tmp_path: Path) -> None:
    value = {
        "none": None,
        "flag": True,
        "big": 2**80,
        "inf": float("inf"),
        "text": "é",
        3: (1, 2.5),
        "labels": ["a", "b"],
        "set": {3, 1},
        "frozen": frozenset({"x"}),
        "path": Path("data/x.csv"),
    }
    back = _round_trip(value, tmp_path / "v")
    assert back == value
    assert type(back[3]) is tuple and type(back["set"]) is set and isinstance(back["path"], Path)


def test_arrays_frames_and_tensors_keep_dtype_shape_and_index(tmp_path: Path) -> None:
    frame = pd.DataFrame({"x": [1.5, 2.5], "label": pd.Categorical(["a", "b"])}, index=[10, 20])
    series = pd.Series([1, 2, 3], name="counts")
    value = [np.arange(6, dtype=np.float32).reshape(2, 3), np.int64(7), frame, series, torch.ones(2, 2).double()]
    array, scalar, frame_back, series_back, tensor = _round_trip(value, tmp_path / "v")
    assert array.dtype == np.float32 and array.shape == (2, 3) and np.array_equal(array, value[0])
    assert scalar == 7 and isinstance(scalar, np.int64)
    pd.testing.assert_frame_equal(frame_back, frame)
    pd.testing.assert_series_equal(series_back, series)
    assert tensor.dtype == torch.float64 and torch.equal(tensor, value[4])


def test_models_tokenizers_and_datasets_cross_whole(tmp_path: Path) -> None:
    from datasets import Dataset

    from dcai_labs.tiny_bert import review_tokenizer, tiny_classifier

    tokenizer = review_tokenizer(["a great kettle", "the lid cracked"] * 10)
    model = tiny_classifier(tokenizer).eval()
    data = Dataset.from_dict({"text": ["a", "b"], "label": [0, 1]})
    model_back, tokenizer_back, data_back = _round_trip([model, tokenizer, data], tmp_path / "v")
    assert type(model_back) is type(model) and not model_back.training
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), model_back.state_dict().values()))
    assert tokenizer_back("a great kettle")["input_ids"] == tokenizer("a great kettle")["input_ids"]
    assert data_back.to_dict() == data.to_dict()


@pytest.mark.parametrize(
    "value, needle",
    [
        (lambda x: x, "function cannot cross as plain data"),
        (np.array([object()], dtype=object), "would need pickle"),
        (pd.DataFrame({1: [1]}), "column names are not all strings"),
        (__import__("collections").OrderedDict(a=1), "OrderedDict cannot cross"),
    ],
)
def test_what_is_not_plain_data_is_refused_by_name(value, needle: str, tmp_path: Path) -> None:
    with pytest.raises(PlainDataError, match=needle):
        write_value(value, tmp_path / "v")


def test_reading_runs_no_code_and_stays_in_its_folder(tmp_path: Path) -> None:
    ran = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (ran,))

    folder = tmp_path / "pickled"
    folder.mkdir()
    np.save(folder / "v1.npy", np.array([Payload()], dtype=object), allow_pickle=True)
    (folder / MANIFEST).write_text(json.dumps({"ndarray": "v1.npy"}))
    with pytest.raises(ValueError):
        read_value(folder)
    (folder / "v2.npy").write_bytes(pickle.dumps(Payload()))
    (folder / MANIFEST).write_text(json.dumps({"ndarray": "v2.npy"}))
    with pytest.raises(ValueError):
        read_value(folder)
    assert not ran.exists()

    (tmp_path / "secret.npy").write_bytes(b"")
    for name in ("../secret.npy", "/etc/passwd", ".hidden"):
        (folder / MANIFEST).write_text(json.dumps({"ndarray": name}))
        with pytest.raises(PlainDataError, match="outside its folder"):
            read_value(folder)
    (folder / MANIFEST).write_text(json.dumps({"model": "m", "class": "os"}))
    (folder / "m").mkdir()
    with pytest.raises(PlainDataError, match="not a model class"):
        read_value(folder)
    (folder / MANIFEST).write_text(json.dumps({"pickle": "x"}))
    with pytest.raises(PlainDataError, match="unknown kind"):
        read_value(folder)
