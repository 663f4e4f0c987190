"""Unit tests of the local Hub's support modules: errors, lfs, auth, cards (fast, no server)."""

from __future__ import annotations

import asyncio
import hashlib
import stat
from pathlib import Path

import httpx2
import pytest
from huggingface_hub import DatasetCard, DatasetCardData, EvalResult, ModelCard, ModelCardData
from huggingface_hub.errors import (
    BadRequestError,
    EntryNotFoundError,
    HfHubHTTPError,
    RepositoryNotFoundError,
    RevisionNotFoundError,
)
from huggingface_hub.hf_api import Organization
from huggingface_hub.hf_api import User as HfUser
from huggingface_hub.utils import _http

from localhub import errors
from localhub.auth import Authenticator, RosterError, User, parse_roster, whoami_payload
from localhub.cards import (
    CardError,
    library_name,
    pipeline_tag,
    split_front_matter,
    tags,
    validate_yaml,
    validation_payload,
)
from localhub.lfs import LfsStore, parse_pointer, pointer

REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------------------------- errors
def _raise_via_client(exc: errors.HubError, url: str = "http://127.0.0.1/api/models/a/b") -> None:
    """Feed the error's response to huggingface_hub's own hf_raise_for_status."""
    request = httpx2.Request("GET", url)
    response = httpx2.Response(exc.status, headers=exc.headers(), json=exc.body(), request=request)
    _http.hf_raise_for_status(response)


@pytest.mark.parametrize(
    "exc, client_class",
    [
        (errors.RepoNotFound("Repository a/b not found"), RepositoryNotFoundError),
        (errors.RevisionNotFound("Revision nope not found"), RevisionNotFoundError),
        (errors.EntryNotFound("x.json not found"), EntryNotFoundError),
        (errors.BadRequest("bad"), BadRequestError),
    ],
)
def test_errors_are_parsed_by_the_client_as_the_right_class(exc, client_class):
    with pytest.raises(client_class) as info:
        _raise_via_client(exc)
    assert info.value.server_message == exc.message or exc.message in str(info.value)


def test_unauthorized_is_not_read_as_repo_not_found():
    exc = errors.Unauthorized()
    assert (exc.status, exc.message) == (401, "Invalid credentials in Authorization header")
    assert exc.headers()["X-Error-Message"] == "Invalid credentials in Authorization header"
    with pytest.raises(HfHubHTTPError) as info:
        _raise_via_client(exc)
    assert not isinstance(info.value, RepositoryNotFoundError)


@pytest.mark.parametrize(
    "cls, status",
    [
        (errors.Forbidden, 403),
        (errors.Conflict, 409),
        (errors.PreconditionFailed, 412),
        (errors.PayloadTooLarge, 413),
        (errors.RepoExists, 409),
        (errors.BadRequest, 400),
    ],
)
def test_statuses_and_body(cls, status):
    exc = cls("nope")
    assert exc.status == status and exc.code is None and isinstance(exc, errors.HubError)
    assert exc.body() == {"error": "nope"}
    assert "X-Error-Code" not in exc.headers()


def test_codes_and_repo_exists_url_and_header_safety():
    assert errors.RepoNotFound("x").headers()["X-Error-Code"] == "RepoNotFound"
    exists = errors.RepoExists("You already created this model repo", url="http://h/ada/m")
    assert exists.body() == {"error": "You already created this model repo", "url": "http://h/ada/m"}
    header = errors.HubError("line one\nline two — é", status=500).headers()["X-Error-Message"]
    assert "\n" not in header
    header.encode("latin-1")


# ---------------------------------------------------------------------------------------------- lfs
def _oid(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture()
def store(tmp_path: Path) -> LfsStore:
    return LfsStore(tmp_path / "lfs")


def _leftovers(store: LfsStore) -> list[Path]:
    return [p for p in store.root.rglob("*") if p.is_file()]


def test_put_stream_stores_verified_content_at_the_sharded_path(store):
    data = b"hello " * 1000
    oid = _oid(data)
    store.put_stream(oid, len(data), [data[:7], data[7:100], data[100:]])
    assert store.exists(oid)
    assert store.path(oid) == store.root / "objects" / oid[:2] / oid[2:4] / oid
    with store.open(oid) as handle:
        assert handle.read() == data
    assert store.size(oid) == len(data)
    assert list(store.tmp_dir.iterdir()) == []


@pytest.mark.parametrize("durable, syncs", [(True, 1), (False, 0)])
def test_objects_are_synced_to_disk_unless_the_hub_is_ephemeral(tmp_path, monkeypatch, durable, syncs):
    """A durable store fsyncs each object before it becomes visible; a throwaway Hub's store skips that."""
    calls: list[int] = []
    real_fsync = __import__("os").fsync
    monkeypatch.setattr("localhub.lfs.os.fsync", lambda fd: (calls.append(fd), real_fsync(fd)))
    lfs = LfsStore(tmp_path / "lfs", durable=durable)
    calls.clear()  # creating the signing key syncs once, whatever the mode
    data = b"weights" * 100
    lfs.put_bytes(_oid(data), data)
    assert len(calls) == syncs and lfs.exists(_oid(data))


def test_throwaway_hubs_are_started_ephemeral():
    from localhub.process import ThrowawayHub

    with ThrowawayHub(["ana"]) as hub:
        assert hub.hub is not None and "--ephemeral" in hub.hub.command()


def test_zero_length_object_and_idempotent_reupload(store):
    oid = _oid(b"")
    store.put_bytes(oid, b"")
    store.put_bytes(oid, b"")
    assert store.exists(oid) and store.size(oid) == 0


@pytest.mark.parametrize(
    "declared_size, chunks, expected",
    [
        (5, [b"abcd"], "expected 5 bytes, received 4"),
        (3, [b"ab", b"cd"], "expected 3 bytes"),
    ],
)
def test_wrong_size_leaves_nothing(store, declared_size, chunks, expected):
    oid = _oid(b"".join(chunks))
    with pytest.raises(errors.BadRequest, match=expected):
        store.put_stream(oid, declared_size, chunks)
    assert not store.exists(oid)
    assert _leftovers(store) == []


def test_wrong_sha_leaves_nothing_and_names_both_hashes(store):
    claimed = _oid(b"something else")
    with pytest.raises(errors.BadRequest) as info:
        store.put_stream(claimed, 4, [b"abcd"])
    assert claimed in info.value.message and _oid(b"abcd") in info.value.message
    assert info.value.status == 400
    assert not store.exists(claimed) and _leftovers(store) == []


def test_failing_stream_leaves_no_temp_file(store):
    def chunks():
        yield b"partial"
        raise ConnectionError("client went away")

    with pytest.raises(ConnectionError):
        store.put_stream(_oid(b"partial data"), 12, chunks())
    assert _leftovers(store) == []


def test_async_put_stream(store):
    data = b"async bytes"

    async def chunks():
        yield data[:5]
        yield data[5:]

    asyncio.run(store.aput_stream(_oid(data), len(data), chunks()))
    assert store.path(_oid(data)).read_bytes() == data

    async def bad():
        yield b"zzz"

    with pytest.raises(errors.BadRequest):
        asyncio.run(store.aput_stream(_oid(b"other"), 3, bad()))
    assert list(store.tmp_dir.iterdir()) == []


@pytest.mark.parametrize(
    "oid",
    [
        "../../etc/passwd",
        "a" * 63,
        "A" * 64,
        "g" * 64,
        "a" * 65,
        "../" + "a" * 61,
        "",
        "a" * 62 + "/.",
        "a" * 64 + "\n",
        None,
        123,
    ],
)
def test_malformed_oids_are_rejected_everywhere(store, oid):
    for call in (
        lambda: store.path(oid),
        lambda: store.open(oid),
        lambda: store.put_bytes(oid, b"x"),
        lambda: store.sign(oid, 1),
        lambda: pointer(oid, 1),
    ):
        with pytest.raises(errors.BadRequest):
            call()
    assert store.exists(oid) is False
    assert store.verify_signature(oid, 1, "9999999999.abc") is False
    assert _leftovers(store) == []


def test_open_missing_object_is_entry_not_found(store):
    with pytest.raises(errors.EntryNotFound):
        store.open("a" * 64)


def test_signatures(store):
    oid, size = _oid(b"x"), 1
    token = store.sign(oid, size, ttl=60, now=1000)
    assert store.verify_signature(oid, size, token, now=1000)
    assert store.verify_signature(oid, size, token, now=1060)
    assert not store.verify_signature(oid, size, token, now=1061)  # expired
    assert not store.verify_signature(_oid(b"y"), size, token, now=1000)  # other object
    assert not store.verify_signature(oid, size + 1, token, now=1000)  # other size
    expires, mac = token.split(".")
    assert not store.verify_signature(oid, size, f"{int(expires) + 3600}.{mac}", now=1000)  # extended expiry
    flipped = mac[:-1] + ("0" if mac[-1] != "0" else "1")
    assert not store.verify_signature(oid, size, f"{expires}.{flipped}", now=1000)
    for junk in ("", "nodot", ".", "abc.def", "-5.x", "１２.x", None):
        assert not store.verify_signature(oid, size, junk, now=1000)  # type: ignore[arg-type]
    assert store.verify_signature(oid, size, store.sign(oid, size))  # real clock


def test_secret_is_created_once_with_private_permissions(tmp_path):
    first = LfsStore(tmp_path / "lfs")
    secret = tmp_path / "secret"
    assert secret.exists()
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    token = first.sign("a" * 64, 5)
    second = LfsStore(tmp_path / "lfs")  # a restarted server keeps accepting its URLs
    assert second.verify_signature("a" * 64, 5, token)
    other = LfsStore(tmp_path / "elsewhere" / "lfs")  # another data dir: another key
    assert not other.verify_signature("a" * 64, 5, token)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".secret")] == []


def test_pointer_round_trip():
    oid = _oid(b"weights")
    text = pointer(oid, 7)
    assert text == f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 7\n".encode()
    assert parse_pointer(text) == (oid, 7)
    assert parse_pointer(b"just a normal file\n") is None
    assert parse_pointer(text.replace(b"size 7", b"size x")) is None
    assert parse_pointer(text[:-1]) is None
    assert parse_pointer(text.replace(b"sha256:", b"sha1:")) is None
    assert parse_pointer(b"\xff\xfe binary") is None
    assert parse_pointer(text + b"x" * 2000) is None
    with_ext = text.replace(b"oid", b"ext-0-foo sha256:" + oid.encode() + b"\noid")
    assert parse_pointer(with_ext) == (oid, 7)
    with pytest.raises(errors.BadRequest):
        pointer(oid, -1)


# ---------------------------------------------------------------------------------------------- auth
def test_example_roster_parses():
    auth = Authenticator.from_roster(REPO / "grading" / "hub_roster.example.yaml")
    assert len(auth.users) == 3
    assert auth.organizations == ("class-2026",)
    assert all("class-2026" in user.orgs and not user.is_default for user in auth.users)
    assert len({user.token for user in auth.users}) == 3


def test_yaml_and_csv_rosters(tmp_path):
    yml = tmp_path / "r.yaml"
    yml.write_text("- name: ada\n  token: tok_ada_123\n  orgs: [lab, class-2026]\n- name: bob\n  token: tok_bob_123\n")
    auth = Authenticator.from_roster(yml)
    assert auth.get("ada").orgs == ("lab", "class-2026") and auth.get("ada").fullname == "ada"
    csv_file = tmp_path / "r.csv"
    csv_file.write_text(
        "name,token,fullname,email,orgs,student_id\n"
        "ada,tok_ada_123,Ada L,ada@x.org,class-2026;lab,17\n\nbob,tok_bob_123,,,,18\n"
    )
    auth = Authenticator.from_roster(csv_file)
    ada = auth.get("ada")
    assert (ada.fullname, ada.email, ada.orgs) == ("Ada L", "ada@x.org", ("class-2026", "lab"))
    assert auth.get("bob").orgs == () and auth.get("bob").email == ""


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "users:\n  - name: ada\n    token: tok_ada_123\n  - name: ada\n    token: tok_other_1\n",
            r"line 4 \(entry 2\): duplicate user name 'ada'",
        ),
        (
            "users:\n  - name: ada\n    token: tok_same_123\n  - name: bob\n    token: tok_same_123\n",
            r"line 4 \(entry 2\): token of 'bob' is already used by 'ada'",
        ),
        ("users:\n  - name: ada\n", r"line 2 \(entry 1\): missing required field 'token'"),
        ("users:\n  - token: tok_ada_123\n", r"missing required field 'name'"),
        ("users:\n  - name: ../x\n    token: tok_ada_123\n", r"invalid user name"),
        ("users:\n  - name: ada\n    token: short\n", r"at least 8 characters"),
        ("users:\n  - name: ada\n    token: api_org_12345\n", r"api_org"),
        ("users:\n  - name: ada\n    token: tok_ada_123\n    role: admin\n", r"unknown field\(s\) role"),
        (
            "users:\n  - name: ada\n    token: tok_ada_123\n    orgs: [bob]\n  - name: bob\n    token: tok_bob_123\n",
            r"also user names",
        ),
        ("users: [\n", r"not valid YAML"),
        ("people: []\n", r"'users:'"),
        ("users: []\n", r"non-empty list"),
        ("users:\n  - just-a-string\n", r"entry 1\): each user must be a mapping"),
    ],
)
def test_malformed_yaml_rosters(text, message):
    with pytest.raises(RosterError, match=message):
        parse_roster(text, "roster.yaml")


def test_malformed_csv_rosters():
    with pytest.raises(RosterError, match="lacks column"):
        parse_roster("name,email\nada,a@x\n", "r.csv")
    with pytest.raises(RosterError, match=r"r.csv, line 3 \(entry 2\): duplicate"):
        parse_roster("name,token\nada,tok_ada_123\nada,tok_ada_456\n", "r.csv")
    with pytest.raises(RosterError, match="no users"):
        parse_roster("name,token\n", "r.csv")
    with pytest.raises(RosterError, match="not found"):
        Authenticator.from_roster("/nonexistent/roster.yaml")


def test_user_for_and_tokens_never_in_repr():
    auth = Authenticator.default()
    learner = auth.user_for("Bearer hf_dcai_learner_token")
    assert learner is not None and learner.name == "learner" and learner.is_default
    assert "hf_dcai_learner_token" not in repr(learner)
    assert auth.user_for(None) is None and auth.user_for("") is None
    for bad in ("Bearer wrong_token", "Bearer ", "Basic abc", "hf_dcai_learner_token"):
        with pytest.raises(errors.Unauthorized) as info:
            auth.user_for(bad)
        assert info.value.message == "Invalid credentials in Authorization header"


def test_permissions():
    ada = User("ada", "Ada", "", ("class-2026",), "tok_ada_123")
    assert Authenticator.can_write(ada, "ada") and Authenticator.can_write(ada, "class-2026")
    assert not Authenticator.can_write(ada, "bob") and not Authenticator.can_write(None, "ada")
    assert Authenticator.can_read(None, "bob", private=False)
    assert not Authenticator.can_read(None, "bob", private=True)
    assert not Authenticator.can_read(ada, "bob", private=True)
    assert Authenticator.can_read(ada, "class-2026", private=True)


def test_whoami_payload_through_the_real_client():
    """huggingface_hub's whoami(), its User/Organization parsing and login()'s token-name logic accept it."""
    user = User("ada", "Ada Lovelace", "ada@x.org", ("class-2026",), "tok_ada_123")
    payload = whoami_payload(user)

    def handler(request: httpx2.Request) -> httpx2.Response:
        assert request.url.path == "/api/whoami-v2"
        assert request.headers["authorization"] == "Bearer tok_ada_123"
        return httpx2.Response(200, json=payload)

    from huggingface_hub import HfApi

    _http.set_client_factory(lambda: httpx2.Client(transport=httpx2.MockTransport(handler)))
    try:
        info = HfApi(endpoint="http://127.0.0.1:9").whoami(token="tok_ada_123")
    finally:
        _http.set_client_factory(_http.default_client_factory)
    assert info["name"] == "ada" and [org["name"] for org in info["orgs"]] == ["class-2026"]
    access = (info.get("auth") or {}).get("accessToken") or {}
    assert access["displayName"] and access["role"] == "write"
    parsed = HfUser(**{**payload, "user": payload["name"]})
    assert isinstance(parsed.orgs[0], Organization) and parsed.orgs[0].name == "class-2026"


# ---------------------------------------------------------------------------------------------- cards
def _model_card() -> str:
    data = ModelCardData(
        language="en",
        license="mit",
        library_name="transformers",
        tags=["dcai"],
        datasets=["imdb"],
        metrics=["accuracy"],
        base_model="bert-base-uncased",
        pipeline_tag="text-classification",
        model_name="m",
        eval_results=[
            EvalResult(
                task_type="text-classification",
                dataset_type="imdb",
                dataset_name="IMDB",
                metric_type="accuracy",
                metric_value=0.9,
                dataset_split="test",
            ),
            EvalResult(
                task_type="text-classification",
                dataset_type="imdb",
                dataset_name="IMDB",
                metric_type="f1",
                metric_value=0.88,
                dataset_split="test",
            ),
        ],
    )
    return str(ModelCard.from_template(data))


def test_real_model_card_validates_cleanly():
    errs, warns = validate_yaml(_model_card(), "model")
    assert errs == [] and warns == []
    data, body = split_front_matter(_model_card())
    assert data["model-index"][0]["results"][0]["metrics"][1]["value"] == 0.88
    assert body.lstrip().startswith("# Model Card")


def test_real_dataset_card_validates_cleanly():
    data = DatasetCardData(
        language="en",
        license="cc-by-4.0",
        task_categories=["text-classification"],
        size_categories=["1K<n<10K"],
        pretty_name="Reviews",
        configs=[{"config_name": "default", "data_files": [{"split": "train", "path": "data/train-*"}]}],
        dataset_info={
            "features": [{"name": "text", "dtype": "string"}],
            "splits": [{"name": "train", "num_bytes": 10, "num_examples": 3}],
        },
    )
    errs, warns = validate_yaml(str(DatasetCard.from_template(data)), "dataset")
    assert (errs, warns) == ([], [])


def test_split_front_matter():
    assert split_front_matter("# no metadata\n") == ({}, "# no metadata\n")
    assert split_front_matter("---\n\n---\nbody") == ({}, "body")  # an empty block, as the client splits it
    data, body = split_front_matter("---\r\nlicense: mit\r\ndate: 2024-05-01\r\n---\r\n# Title\r\n")
    assert data == {"license": "mit", "date": "2024-05-01"} and body == "# Title\r\n"  # dates stay strings
    with pytest.raises(CardError, match="line 3") as info:
        split_front_matter("---\nlicense: mit\ntags: [a, b\n---\n")
    assert isinstance(info.value, ValueError) and info.value.line == 3
    with pytest.raises(ValueError, match="mapping"):
        split_front_matter("---\n- a\n- b\n---\n")


def test_missing_metadata_is_a_warning_only():
    errs, warns = validate_yaml("# Just a title\n", "model")
    assert errs == [] and len(warns) == 1 and "metadata" in warns[0]


MODEL_INDEX = """---
model-index:
- name: m
  results:
  - task:
      type: text-classification
    dataset:
      name: IMDB
    metrics:
    - type: accuracy
    - value: 3
  - task: text-classification
    dataset: {name: a, type: b}
    metrics: []
- results: []
---
"""


def test_model_index_messages_are_precise():
    errs, _ = validate_yaml(MODEL_INDEX, "model")
    assert "model-index[0].results[0].dataset: 'type' is missing" in errs
    assert "model-index[0].results[0].metrics[0]: 'value' is missing" in errs
    assert "model-index[0].results[0].metrics[1]: 'type' is missing" in errs
    assert any(e.startswith("model-index[0].results[1].task: expected a mapping") for e in errs)
    assert any(e.startswith("model-index[0].results[1].metrics: expected a non-empty list") for e in errs)
    assert "model-index[1]: 'name' is missing" in errs
    assert len(errs) == 6, errs  # model-index[1]'s `results: []` is valid (Trainer writes it)


@pytest.mark.parametrize(
    "yaml_text, repo_type, needle",
    [
        ("license: 42", "model", "license: expected a string or a list of strings"),
        ("tags: {a: 1}", "model", "tags: expected a list of strings"),
        ("pipeline_tag: text-clasification", "model", "pipeline_tag: 'text-clasification' is not a known task"),
        ("library_name: [a]", "model", "library_name: expected a string"),
        ("datasets: 3", "model", "datasets: expected"),
        ("model-index: {name: m}", "model", "model-index: expected a non-empty list"),
        ("size_categories: [1K-10K]", "dataset", "size_categories: '1K-10K' is not one of"),
        ("configs: [{data_files: x.csv}]", "dataset", "configs[0]: 'config_name' is missing"),
        ("configs: [{config_name: a}]", "dataset", "configs[0]: 'data_files' is missing"),
        (
            "configs: [{config_name: a, data_files: [{split: train}]}]",
            "dataset",
            "configs[0].data_files[0]: 'path' is missing",
        ),
        ("configs: [{config_name: a, data_files: x}, {config_name: a, data_files: y}]", "dataset", "used twice"),
        ("dataset_info: {splits: [{num_examples: 3}]}", "dataset", "dataset_info.splits[0]: 'name' is missing"),
        ("sdk: flask", "space", "sdk: 'flask' is not one of"),
        ("- a list", "model", "must be a mapping"),
        ("key: [unclosed", "model", "line 2"),
    ],
)
def test_bad_metadata_errors(yaml_text, repo_type, needle):
    errs, _ = validate_yaml(f"---\n{yaml_text}\n---\n# body\n", repo_type)
    assert any(needle in e for e in errs), errs


@pytest.mark.parametrize(
    "yaml_text, needle",
    [
        ("license: other", "license_name"),
        ("language: English", "ISO 639"),
        ("tags: single", "write `tags: [single]`"),
    ],
)
def test_warnings_do_not_block(yaml_text, needle):
    errs, warns = validate_yaml(f"---\n{yaml_text}\n---\n", "model")
    assert errs == [] and any(needle in w for w in warns), warns


def test_an_unknown_license_is_refused_as_on_huggingface_co():
    errs, _ = validate_yaml("---\nlicense: my-own-license\n---\n", "model")
    assert any("'my-own-license' is not a known license id" in e and "use 'other'" in e for e in errs), errs
    errs, _ = validate_yaml("---\nlicense: other\nlicense_name: my-own-license\n---\n", "model")
    assert errs == []


def test_a_model_index_with_no_results_yet_is_valid():
    # what transformers' Trainer writes before any evaluation: huggingface.co accepts it
    errs, _ = validate_yaml("---\nmodel-index:\n- name: tiny\n  results: []\n---\n", "model")
    assert errs == [], errs
    errs, _ = validate_yaml("---\nmodel-index:\n- name: tiny\n---\n", "model")
    assert any("'results' is missing" in e for e in errs), errs
    errs, _ = validate_yaml("---\nmodel-index:\n- name: tiny\n  results: {}\n---\n", "model")
    assert any("expected a list" in e for e in errs), errs


def test_good_dataset_variants_and_unknown_keys():
    text = """---
license: [mit, cc-by-4.0]
language: [en, fr]
task_categories: text-classification
size_categories: n<1K
my_custom_key: {anything: [1, 2]}
configs:
- config_name: default
  default: true
  data_files:
  - split: train
    path: [a.csv, b.csv]
- config_name: plain
  data_files: data/*.parquet
dataset_info:
- config_name: default
  splits: [{name: train}]
- config_name: plain
---
"""
    assert validate_yaml(text, "dataset") == ([], [])


def test_validation_payload_shape():
    assert validation_payload(["e"], ["w"]) == {"errors": [{"message": "e"}], "warnings": [{"message": "w"}]}


@pytest.mark.parametrize(
    "architectures, expected",
    [
        (["BertForSequenceClassification"], "text-classification"),
        (["DistilBertForTokenClassification"], "token-classification"),
        (["RobertaForMaskedLM"], "fill-mask"),
        (["BertForQuestionAnswering"], "question-answering"),
        (["LlamaForCausalLM"], "text-generation"),
        (["GPT2LMHeadModel"], "text-generation"),
        (["BertModel"], "feature-extraction"),
        (["MPNetModel"], "feature-extraction"),
        (["ViTForImageClassification"], "image-classification"),
        (["T5ForConditionalGeneration"], None),
        ([], None),
    ],
)
def test_pipeline_tag_from_architectures(architectures, expected):
    assert pipeline_tag({}, {"architectures": architectures}) == expected


def test_pipeline_tag_precedence_and_sentence_transformers():
    config = {"architectures": ["BertModel"]}
    assert pipeline_tag({"pipeline_tag": "fill-mask"}, config) == "fill-mask"
    assert pipeline_tag({}, config, files=["config.json", "modules.json"]) == "sentence-similarity"
    assert pipeline_tag(None, None) is None


def test_library_name_and_tags():
    assert library_name({"library_name": "sklearn"}, ["config.json"]) == "sklearn"
    st_files = ["config.json", "config_sentence_transformers.json", "modules.json", "model.safetensors"]
    assert library_name({}, st_files) == "sentence-transformers"
    assert library_name(None, ["config.json"]) == "transformers"
    assert library_name({}, ["1_Pooling/config.json", "README.md"]) is None
    model_tags = tags(
        {"tags": ["dcai"], "license": "mit", "datasets": ["imdb"], "language": "en"},
        files=["config.json", "model.safetensors"],
        config_json={"model_type": "bert", "architectures": ["BertForSequenceClassification"]},
    )
    assert model_tags == [
        "dcai",
        "transformers",
        "safetensors",
        "bert",
        "text-classification",
        "en",
        "dataset:imdb",
        "license:mit",
    ]
    ds_tags = tags(
        {"task_categories": ["text-classification"], "license": "mit"},
        repo_type="dataset",
        files=["data/train-00000-of-00001.parquet"],
    )
    assert ds_tags == ["task_categories:text-classification", "format:parquet", "license:mit"]
