"""Grader-validity variants of lab 07_hub_models_datasets (see dcai_labs.grading.validity).

For every autograded exercise, keyed by the grade_id of its answer cell: plausible wrong implementations
(mistakes learners actually make) that the exercise's tests must reject, and differently written correct
implementations they must accept. Each source replaces the whole answer cell, so it defines every function
of that cell. The notebook's state is available: numpy as np, pandas as pd, torch, the transformers,
huggingface_hub and datasets names imported by the setup cell, api, me, MINILM, MODEL_NAME, LABEL_NAMES,
CATEGORIES, tokenizer, encoder and the functions of earlier exercises. The harness runs against a live
local Hub, so mistakes that only the Hub exposes (a missing file, a lost branch, a card without metadata)
count too.
"""

# ----------------------------------------------------------------------------------------------- ex1

EX1_RIGHT = """
def mean_pool(last_hidden_state, attention_mask):
    weights = attention_mask.to(last_hidden_state.dtype)
    totals = torch.einsum("bth,bt->bh", last_hidden_state, weights)
    return totals / weights.sum(dim=1, keepdim=True)


def sentence_embeddings(texts, tokenizer, model, max_length=256):
    # one text at a time: no padding at all, so a plain mean over the tokens is the masked mean
    rows = []
    for text in texts:
        encoded = tokenizer(text, truncation=True, max_length=max_length, return_tensors="pt")
        with torch.no_grad():
            hidden = model(**encoded).last_hidden_state
        vector = mean_pool(hidden, encoded["attention_mask"])[0].numpy()
        rows.append(vector / np.linalg.norm(vector))
    return np.array(rows, dtype=np.float32)
"""

_EX1_EMBED = """

def sentence_embeddings(texts, tokenizer, model, max_length=256):
    batch = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    pooled = mean_pool(hidden, batch["attention_mask"])
    return torch.nn.functional.normalize(pooled, dim=1).numpy().astype(np.float32)
"""

EX1_WRONG_NO_MASK = (
    """
def mean_pool(last_hidden_state, attention_mask):
    return last_hidden_state.mean(dim=1)
"""
    + _EX1_EMBED
)

EX1_WRONG_DIVIDE_BY_ALL_TOKENS = (
    """
def mean_pool(last_hidden_state, attention_mask):
    mask = attention_mask.unsqueeze(-1).float()
    return (last_hidden_state * mask).sum(dim=1) / last_hidden_state.shape[1]
"""
    + _EX1_EMBED
)

EX1_WRONG_NOT_NORMALISED = """
def mean_pool(last_hidden_state, attention_mask):
    mask = attention_mask.unsqueeze(-1).float()
    return (last_hidden_state * mask).sum(dim=1) / mask.sum(dim=1)


def sentence_embeddings(texts, tokenizer, model, max_length=256):
    batch = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    return mean_pool(hidden, batch["attention_mask"]).numpy().astype(np.float32)
"""

EX1_WRONG_NO_TRUNCATION = """
def mean_pool(last_hidden_state, attention_mask):
    mask = attention_mask.unsqueeze(-1).float()
    return (last_hidden_state * mask).sum(dim=1) / mask.sum(dim=1)


def sentence_embeddings(texts, tokenizer, model, max_length=256):
    batch = tokenizer(list(texts), padding=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    pooled = mean_pool(hidden, batch["attention_mask"])
    return torch.nn.functional.normalize(pooled, dim=1).numpy().astype(np.float32)
"""

EX1_WRONG_NO_SPECIAL_TOKENS = """
def mean_pool(last_hidden_state, attention_mask):
    mask = attention_mask.unsqueeze(-1).float()
    return (last_hidden_state * mask).sum(dim=1) / mask.sum(dim=1)


def sentence_embeddings(texts, tokenizer, model, max_length=256):
    batch = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length,
                      add_special_tokens=False, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    pooled = mean_pool(hidden, batch["attention_mask"])
    return torch.nn.functional.normalize(pooled, dim=1).numpy().astype(np.float32)
"""

# ----------------------------------------------------------------------------------------------- ex2

_EX2_HEAD_INPUTS = """
def head_inputs(model, tokenizer, texts, max_length=256):
    batch = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.no_grad():
        return model.bert(**batch).pooler_output.numpy()
"""

_EX2_BUILD = """

def build_classifier(features, labels, C=1.0):
    model = AutoModelForSequenceClassification.from_pretrained(
        MINILM, num_labels=2, id2label={0: "negative", 1: "positive"}, label2id={"negative": 0, "positive": 1})
    fitted = LogisticRegression(C=C, max_iter=5000).fit(features, labels)
    w, b = torch.tensor(fitted.coef_[0], dtype=torch.float32), float(fitted.intercept_[0])
    with torch.no_grad():
        model.classifier.weight.copy_(torch.stack([-w / 2, w / 2]))
        model.classifier.bias.copy_(torch.tensor([-b / 2, b / 2]))
    return model.eval()
"""

EX2_RIGHT = """
from transformers import AutoConfig, BertForSequenceClassification


def head_inputs(model, tokenizer, texts, max_length=256):
    # the pooler applied by hand to the encoder's token vectors
    batch = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    model.eval()
    with torch.no_grad():
        hidden = model.bert(**batch).last_hidden_state
        return model.bert.pooler(hidden).numpy().astype(np.float32)


def build_classifier(features, labels, C=1.0):
    config = AutoConfig.from_pretrained(MINILM, num_labels=2, id2label={0: "negative", 1: "positive"},
                                        label2id={"negative": 0, "positive": 1})
    model = BertForSequenceClassification.from_pretrained(MINILM, config=config)
    fitted = LogisticRegression(C=C, max_iter=5000).fit(np.asarray(features), np.asarray(labels))
    # logit 0 fixed at zero, logit 1 = w.x + b: the same softmax
    weight = np.vstack([np.zeros_like(fitted.coef_[0]), fitted.coef_[0]])
    model.classifier.weight.data = torch.tensor(weight, dtype=torch.float32)
    model.classifier.bias.data = torch.tensor([0.0, fitted.intercept_[0]], dtype=torch.float32)
    model.eval()
    return model
"""

EX2_WRONG_MEAN_POOLING = (
    """
def head_inputs(model, tokenizer, texts, max_length=256):
    batch = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.no_grad():
        hidden = model.bert(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    return ((hidden * mask).sum(1) / mask.sum(1)).numpy()
"""
    + _EX2_BUILD
)

EX2_WRONG_CLS_HIDDEN_STATE = (
    """
def head_inputs(model, tokenizer, texts, max_length=256):
    batch = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.no_grad():
        return model.bert(**batch).last_hidden_state[:, 0].numpy()
"""
    + _EX2_BUILD
)

EX2_WRONG_NO_ATTENTION_MASK = (
    """
def head_inputs(model, tokenizer, texts, max_length=256):
    batch = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.no_grad():
        return model.bert(input_ids=batch["input_ids"]).pooler_output.numpy()
"""
    + _EX2_BUILD
)

EX2_WRONG_FULL_WEIGHTS = (
    _EX2_HEAD_INPUTS
    + """

def build_classifier(features, labels, C=1.0):
    model = AutoModelForSequenceClassification.from_pretrained(
        MINILM, num_labels=2, id2label={0: "negative", 1: "positive"}, label2id={"negative": 0, "positive": 1})
    fitted = LogisticRegression(C=C, max_iter=5000).fit(features, labels)
    w, b = torch.tensor(fitted.coef_[0], dtype=torch.float32), float(fitted.intercept_[0])
    with torch.no_grad():
        model.classifier.weight.copy_(torch.stack([-w, w]))     # the logit gap is now 2(w.x + b)
        model.classifier.bias.copy_(torch.tensor([-b, b]))
    return model.eval()
"""
)

EX2_WRONG_SWAPPED_ROWS = (
    _EX2_HEAD_INPUTS
    + """

def build_classifier(features, labels, C=1.0):
    model = AutoModelForSequenceClassification.from_pretrained(
        MINILM, num_labels=2, id2label={0: "negative", 1: "positive"}, label2id={"negative": 0, "positive": 1})
    fitted = LogisticRegression(C=C, max_iter=5000).fit(features, labels)
    w, b = torch.tensor(fitted.coef_[0], dtype=torch.float32), float(fitted.intercept_[0])
    with torch.no_grad():
        model.classifier.weight.copy_(torch.stack([w / 2, -w / 2]))
        model.classifier.bias.copy_(torch.tensor([b / 2, -b / 2]))
    return model.eval()
"""
)

EX2_WRONG_DEFAULT_LABEL_NAMES = (
    _EX2_HEAD_INPUTS
    + """

def build_classifier(features, labels, C=1.0):
    model = AutoModelForSequenceClassification.from_pretrained(MINILM, num_labels=2)
    fitted = LogisticRegression(C=C, max_iter=5000).fit(features, labels)
    w, b = torch.tensor(fitted.coef_[0], dtype=torch.float32), float(fitted.intercept_[0])
    with torch.no_grad():
        model.classifier.weight.copy_(torch.stack([-w / 2, w / 2]))
        model.classifier.bias.copy_(torch.tensor([-b / 2, b / 2]))
    return model.eval()
"""
)

EX2_WRONG_IGNORES_C = (
    _EX2_HEAD_INPUTS
    + """

def build_classifier(features, labels, C=1.0):
    model = AutoModelForSequenceClassification.from_pretrained(
        MINILM, num_labels=2, id2label={0: "negative", 1: "positive"}, label2id={"negative": 0, "positive": 1})
    fitted = LogisticRegression(max_iter=5000).fit(features, labels)
    w, b = torch.tensor(fitted.coef_[0], dtype=torch.float32), float(fitted.intercept_[0])
    with torch.no_grad():
        model.classifier.weight.copy_(torch.stack([-w / 2, w / 2]))
        model.classifier.bias.copy_(torch.tensor([-b / 2, b / 2]))
    return model.eval()
"""
)

# ----------------------------------------------------------------------------------------------- ex3

_EX3_CARD = """
def model_card(repo_id, accuracy, dataset_id):
    name = repo_id.split("/")[-1]
    data = ModelCardData(
        license="apache-2.0", language="en", pipeline_tag="text-classification", library_name="transformers",
        base_model=MODEL_NAME, datasets=[dataset_id], metrics=["accuracy"], model_name=name,
        eval_results=[EvalResult(task_type="text-classification", dataset_type=dataset_id, dataset_name="Reviews",
                                 dataset_split="test", metric_type="accuracy", metric_value=float(accuracy))])
    text = (f"# {name}\\n\\nSentiment of English product reviews. Built from {MODEL_NAME} with a frozen encoder "
            f"and a logistic-regression head, trained on {dataset_id}; test accuracy {accuracy:.1%}. "
            "Generated training data: expect less on real reviews.\\n")
    return ModelCard(f"---\\n{data.to_yaml()}\\n---\\n\\n{text}")
"""

_EX3_PUBLISH = """

def publish_model(model, tokenizer, card, repo_id, revision="main"):
    api.create_repo(repo_id, exist_ok=True)
    if revision != "main":
        api.create_branch(repo_id, branch=revision, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        card.save(Path(folder) / "README.md")
        api.upload_folder(repo_id=repo_id, folder_path=folder, revision=revision)
    return api.repo_info(repo_id, revision=revision).sha
"""

EX3_RIGHT = """
import yaml


def model_card(repo_id, accuracy, dataset_id):
    # the YAML written by hand, model-index and all
    name = repo_id.rsplit("/", 1)[1]
    metadata = {
        "license": "apache-2.0", "language": ["en"], "pipeline_tag": "text-classification",
        "library_name": "transformers", "base_model": MODEL_NAME, "datasets": [dataset_id], "metrics": ["accuracy"],
        "model-index": [{"name": name, "results": [{
            "task": {"type": "text-classification", "name": "Sentiment classification"},
            "dataset": {"name": "Generated reviews", "type": dataset_id, "split": "test"},
            "metrics": [{"type": "accuracy", "value": float(accuracy), "name": "Accuracy"}]}]}],
    }
    body = (f"# {name}\\n\\nA negative/positive classifier for English product reviews: the encoder of "
            f"{MODEL_NAME}, frozen, with a trained linear head. Training data: {dataset_id} (generated). "
            f"Test accuracy: {accuracy:.3f}. It has never seen real reviews, so treat that number as optimistic.\\n")
    return ModelCard("---\\n" + yaml.safe_dump(metadata, sort_keys=False) + "---\\n\\n" + body)


def publish_model(model, tokenizer, card, repo_id, revision="main"):
    # three pushes instead of one folder upload
    repo_id = api.create_repo(repo_id, exist_ok=True).repo_id
    if revision != "main":
        api.create_branch(repo_id, branch=revision, exist_ok=True)
    model.push_to_hub(repo_id, revision=revision)
    tokenizer.push_to_hub(repo_id, revision=revision)
    card.push_to_hub(repo_id, revision=revision)
    return api.list_repo_commits(repo_id, revision=revision)[0].commit_id
"""

EX3_WRONG_NO_TOKENIZER = (
    _EX3_CARD
    + """

def publish_model(model, tokenizer, card, repo_id, revision="main"):
    api.create_repo(repo_id, exist_ok=True)
    if revision != "main":
        api.create_branch(repo_id, branch=revision, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        card.save(Path(folder) / "README.md")
        api.upload_folder(repo_id=repo_id, folder_path=folder, revision=revision)
    return api.repo_info(repo_id, revision=revision).sha
"""
)

EX3_WRONG_NO_MODEL_INDEX = (
    """
def model_card(repo_id, accuracy, dataset_id):
    data = ModelCardData(license="apache-2.0", language="en", pipeline_tag="text-classification",
                         library_name="transformers", base_model=MODEL_NAME, datasets=[dataset_id],
                         metrics=["accuracy"])
    text = (f"# {repo_id}\\n\\nSentiment of English product reviews, built from {MODEL_NAME}. "
            f"Accuracy on the test split of {dataset_id}: {accuracy:.1%}. Trained on generated reviews only, "
            "so expect less on real ones.\\n")
    return ModelCard(f"---\\n{data.to_yaml()}\\n---\\n\\n{text}")
"""
    + _EX3_PUBLISH
)

EX3_WRONG_ACCURACY_IN_PERCENT = (
    """
def model_card(repo_id, accuracy, dataset_id):
    name = repo_id.split("/")[-1]
    data = ModelCardData(
        license="apache-2.0", language="en", pipeline_tag="text-classification", library_name="transformers",
        base_model=MODEL_NAME, datasets=[dataset_id], metrics=["accuracy"], model_name=name,
        eval_results=[EvalResult(task_type="text-classification", dataset_type=dataset_id, dataset_name="Reviews",
                                 dataset_split="test", metric_type="accuracy", metric_value=round(100 * accuracy, 1))])
    text = (f"# {name}\\n\\nSentiment of English product reviews. Built from {MODEL_NAME} with a frozen encoder "
            f"and a logistic-regression head, trained on {dataset_id}; test accuracy {accuracy:.1%}. "
            "Generated training data: expect less on real reviews.\\n")
    return ModelCard(f"---\\n{data.to_yaml()}\\n---\\n\\n{text}")
"""
    + _EX3_PUBLISH
)

EX3_WRONG_IGNORES_REVISION = (
    _EX3_CARD
    + """

def publish_model(model, tokenizer, card, repo_id, revision="main"):
    api.create_repo(repo_id, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        card.save(Path(folder) / "README.md")
        api.upload_folder(repo_id=repo_id, folder_path=folder)
    return api.repo_info(repo_id).sha
"""
)

EX3_WRONG_NO_EXIST_OK = (
    _EX3_CARD
    + """

def publish_model(model, tokenizer, card, repo_id, revision="main"):
    api.create_repo(repo_id)
    if revision != "main":
        api.create_branch(repo_id, branch=revision)
    with tempfile.TemporaryDirectory() as folder:
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        card.save(Path(folder) / "README.md")
        api.upload_folder(repo_id=repo_id, folder_path=folder, revision=revision)
    return api.repo_info(repo_id, revision=revision).sha
"""
)

# ----------------------------------------------------------------------------------------------- ex4

EX4_RIGHT = """
def load_classifier(repo_id, revision=None):
    kwargs = {} if revision is None else {"revision": revision}
    return (AutoModelForSequenceClassification.from_pretrained(repo_id, **kwargs),
            AutoTokenizer.from_pretrained(repo_id, **kwargs))


def predict_labels(repo_id, texts, revision=None):
    # the model and tokenizer loaded by revision, then the labels by hand from the logits
    model, tok = load_classifier(repo_id, revision)
    batch = tok(list(texts), padding=True, return_tensors="pt")
    with torch.no_grad():
        ids = model(**batch).logits.argmax(dim=-1).tolist()
    return [model.config.id2label[i] for i in ids]
"""

EX4_WRONG_PIPELINE_IGNORES_REVISION = """
def load_classifier(repo_id, revision=None):
    return (AutoModelForSequenceClassification.from_pretrained(repo_id, revision=revision),
            AutoTokenizer.from_pretrained(repo_id, revision=revision))


def predict_labels(repo_id, texts, revision=None):
    classify = pipeline("text-classification", model=repo_id)
    return [p["label"] for p in classify(list(texts))]
"""

EX4_WRONG_MODEL_WITHOUT_REVISION = """
def load_classifier(repo_id, revision=None):
    return (AutoModelForSequenceClassification.from_pretrained(repo_id),
            AutoTokenizer.from_pretrained(repo_id, revision=revision))


def predict_labels(repo_id, texts, revision=None):
    classify = pipeline("text-classification", model=repo_id, revision=revision)
    return [p["label"] for p in classify(list(texts))]
"""

EX4_WRONG_LOCAL_BASE_MODEL = """
def load_classifier(repo_id, revision=None):
    # the base model from disk: its head is new and random, whatever the revision
    return (AutoModelForSequenceClassification.from_pretrained(MINILM, num_labels=2),
            AutoTokenizer.from_pretrained(MINILM))


def predict_labels(repo_id, texts, revision=None):
    model, tok = load_classifier(repo_id, revision)
    classify = pipeline("text-classification", model=model, tokenizer=tok)
    return [p["label"] for p in classify(list(texts))]
"""

EX4_WRONG_LABEL_IDS = """
def load_classifier(repo_id, revision=None):
    return (AutoModelForSequenceClassification.from_pretrained(repo_id, revision=revision),
            AutoTokenizer.from_pretrained(repo_id, revision=revision))


def predict_labels(repo_id, texts, revision=None):
    model, tok = load_classifier(repo_id, revision)
    with torch.no_grad():
        return model(**tok(list(texts), padding=True, return_tensors="pt")).logits.argmax(-1).tolist()
"""

# ----------------------------------------------------------------------------------------------- ex5

_EX5_DATASET = """
def reviews_dataset(train_df, test_df):
    features = Features({"text": Value("string"), "label": ClassLabel(names=list(LABEL_NAMES)),
                         "category": ClassLabel(names=list(CATEGORIES))})
    return DatasetDict({name: Dataset.from_pandas(df[["text", "label", "category"]], features=features,
                                                  preserve_index=False)
                        for name, df in (("train", train_df), ("test", test_df))})
"""

EX5_RIGHT = """
def reviews_dataset(train_df, test_df):
    # from plain Python lists, then class_encode-free casting with the exact features
    features = Features({"text": Value("string"), "label": ClassLabel(names=list(LABEL_NAMES)),
                         "category": ClassLabel(names=list(CATEGORIES))})
    def one(df):
        return Dataset.from_dict({
            "text": df["text"].tolist(),
            "label": [int(v) for v in df["label"]],
            "category": [CATEGORIES.index(c) for c in df["category"]],
        }, features=features)
    return DatasetDict(train=one(train_df), test=one(test_df))


def publish_dataset(dataset, repo_id, card, config_name="default", revision="main"):
    from huggingface_hub import CommitOperationAdd
    api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
    if revision != "main":
        api.create_branch(repo_id, repo_type="dataset", branch=revision, exist_ok=True)
    # the card as a plain file commit, then the data, which merges its metadata into that README
    api.create_commit(repo_id, [CommitOperationAdd("README.md", str(card).encode())], repo_type="dataset",
                      revision=revision, commit_message="Dataset card")
    dataset.push_to_hub(repo_id, config_name=config_name, revision=revision)
    return api.list_repo_commits(repo_id, repo_type="dataset", revision=revision)[0].commit_id
"""

EX5_WRONG_INTEGER_LABELS = """
def reviews_dataset(train_df, test_df):
    return DatasetDict({name: Dataset.from_pandas(df[["text", "label", "category"]], preserve_index=False)
                        for name, df in (("train", train_df), ("test", test_df))})


def publish_dataset(dataset, repo_id, card, config_name="default", revision="main"):
    api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
    if revision != "main":
        api.create_branch(repo_id, repo_type="dataset", branch=revision, exist_ok=True)
    card.push_to_hub(repo_id, repo_type="dataset", revision=revision)
    dataset.push_to_hub(repo_id, config_name=config_name, revision=revision)
    return api.repo_info(repo_id, repo_type="dataset", revision=revision).sha
"""

EX5_WRONG_KEEPS_INDEX = """
def reviews_dataset(train_df, test_df):
    features = Features({"text": Value("string"), "label": ClassLabel(names=list(LABEL_NAMES)),
                         "category": ClassLabel(names=list(CATEGORIES))})
    return DatasetDict({name: Dataset.from_pandas(df[["text", "label", "category"]]).cast(features)
                        for name, df in (("train", train_df), ("test", test_df))})


def publish_dataset(dataset, repo_id, card, config_name="default", revision="main"):
    api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
    if revision != "main":
        api.create_branch(repo_id, repo_type="dataset", branch=revision, exist_ok=True)
    card.push_to_hub(repo_id, repo_type="dataset", revision=revision)
    dataset.push_to_hub(repo_id, config_name=config_name, revision=revision)
    return api.repo_info(repo_id, repo_type="dataset", revision=revision).sha
"""

EX5_WRONG_CARD_AFTER_DATA = (
    _EX5_DATASET
    + """

def publish_dataset(dataset, repo_id, card, config_name="default", revision="main"):
    dataset.push_to_hub(repo_id, config_name=config_name, revision=revision)
    card.push_to_hub(repo_id, repo_type="dataset", revision=revision)     # replaces the README push_to_hub wrote
    return api.repo_info(repo_id, repo_type="dataset", revision=revision).sha
"""
)

EX5_WRONG_CONFIG_ON_MAIN = (
    _EX5_DATASET
    + """

def publish_dataset(dataset, repo_id, card, config_name="default", revision="main"):
    api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
    card.push_to_hub(repo_id, repo_type="dataset")
    dataset.push_to_hub(repo_id, config_name=config_name)
    return api.repo_info(repo_id, repo_type="dataset").sha
"""
)

# ----------------------------------------------------------------------------------------------- ex6

EX6_RIGHT = """
def remote_probabilities(client, texts, label_names=LABEL_NAMES):
    column = {name: j for j, name in enumerate(label_names)}
    out = np.zeros((len(texts), len(label_names)))
    for i, text in enumerate(texts):
        for element in client.text_classification(text, top_k=len(label_names)):
            out[i, column[element.label]] = element.score
    return out
"""

EX6_WRONG_API_ORDER = """
def remote_probabilities(client, texts, label_names=LABEL_NAMES):
    return np.array([[element.score for element in client.text_classification(text)] for text in texts])
"""

EX6_WRONG_TOP_LABEL_ONLY = """
def remote_probabilities(client, texts, label_names=LABEL_NAMES):
    rows = []
    for text in texts:
        best = client.text_classification(text)[0]
        rows.append([1.0 if name == best.label else 0.0 for name in label_names])
    return np.array(rows)
"""

# ----------------------------------------------------------------------------------------------- ex7

EX7_RIGHT = """
def commit_sha(repo_id, revision="main", repo_type="model"):
    return api.list_repo_commits(repo_id, revision=revision, repo_type=repo_type)[0].commit_id
"""

EX7_WRONG_OLDEST_COMMIT = """
def commit_sha(repo_id, revision="main", repo_type="model"):
    return api.list_repo_commits(repo_id, revision=revision, repo_type=repo_type)[-1].commit_id
"""

EX7_WRONG_IGNORES_REVISION = """
def commit_sha(repo_id, revision="main", repo_type="model"):
    return api.repo_info(repo_id, repo_type=repo_type).sha
"""

EX7_WRONG_FILE_HASH = """
def commit_sha(repo_id, revision="main", repo_type="model"):
    # the sha256 of the weights names a file, not a state of the repository
    info = api.repo_info(repo_id, revision=revision, repo_type=repo_type, files_metadata=True)
    return next(s.lfs.sha256 for s in info.siblings if s.lfs)
"""

VARIANTS = {
    "ex1_mean_pooling": {
        "wrong": {
            "no_mask": EX1_WRONG_NO_MASK,
            "divide_by_all_tokens": EX1_WRONG_DIVIDE_BY_ALL_TOKENS,
            "not_normalised": EX1_WRONG_NOT_NORMALISED,
            "no_truncation": EX1_WRONG_NO_TRUNCATION,
            "no_special_tokens": EX1_WRONG_NO_SPECIAL_TOKENS,
        },
        "right": {"einsum_one_text_at_a_time": EX1_RIGHT},
    },
    "ex2_frozen_encoder_head": {
        "wrong": {
            "mean_pooling_features": EX2_WRONG_MEAN_POOLING,
            "cls_hidden_state": EX2_WRONG_CLS_HIDDEN_STATE,
            "no_attention_mask": EX2_WRONG_NO_ATTENTION_MASK,
            "full_weights": EX2_WRONG_FULL_WEIGHTS,
            "swapped_rows": EX2_WRONG_SWAPPED_ROWS,
            "default_label_names": EX2_WRONG_DEFAULT_LABEL_NAMES,
            "ignores_C": EX2_WRONG_IGNORES_C,
        },
        "right": {"pooler_by_hand_zero_row": EX2_RIGHT},
    },
    "ex3_publish_model": {
        "wrong": {
            "no_tokenizer": EX3_WRONG_NO_TOKENIZER,
            "no_model_index": EX3_WRONG_NO_MODEL_INDEX,
            "accuracy_in_percent": EX3_WRONG_ACCURACY_IN_PERCENT,
            "ignores_revision": EX3_WRONG_IGNORES_REVISION,
            "no_exist_ok": EX3_WRONG_NO_EXIST_OK,
        },
        "right": {"yaml_by_hand_three_pushes": EX3_RIGHT},
    },
    "ex4_load_by_revision": {
        "wrong": {
            "pipeline_ignores_revision": EX4_WRONG_PIPELINE_IGNORES_REVISION,
            "model_without_revision": EX4_WRONG_MODEL_WITHOUT_REVISION,
            "local_base_model": EX4_WRONG_LOCAL_BASE_MODEL,
            "label_ids": EX4_WRONG_LABEL_IDS,
        },
        "right": {"logits_by_hand": EX4_RIGHT},
    },
    "ex5_publish_dataset": {
        "wrong": {
            "integer_labels": EX5_WRONG_INTEGER_LABELS,
            "keeps_index": EX5_WRONG_KEEPS_INDEX,
            "card_after_data": EX5_WRONG_CARD_AFTER_DATA,
            "config_on_main": EX5_WRONG_CONFIG_ON_MAIN,
        },
        "right": {"from_dict_and_commit": EX5_RIGHT},
    },
    "ex6_inference_api": {
        "wrong": {"api_order": EX6_WRONG_API_ORDER, "top_label_only": EX6_WRONG_TOP_LABEL_ONLY},
        "right": {"column_lookup": EX6_RIGHT},
    },
    "ex7_pin_commit": {
        "wrong": {
            "oldest_commit": EX7_WRONG_OLDEST_COMMIT,
            "ignores_revision": EX7_WRONG_IGNORES_REVISION,
            "file_hash": EX7_WRONG_FILE_HASH,
        },
        "right": {"list_repo_commits": EX7_RIGHT},
    },
}
