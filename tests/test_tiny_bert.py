"""Lab 06's tiny BERT: a real vocabulary, a standard architecture that pipeline() loads, and it learns."""

from __future__ import annotations

from pathlib import Path

from dcai_labs import tiny_bert
from dcai_labs.data import LABEL_NAMES, generate_reviews


def test_the_tokenizer_knows_the_reviews_words() -> None:
    tokenizer = tiny_bert.review_tokenizer(["A lovely kettle.", "A broken kettle!"], size=20)
    assert len(tokenizer) == len(tiny_bert.SPECIAL_TOKENS) + 6  # a, lovely, kettle, ., broken, !
    assert tokenizer.tokenize("Lovely KETTLE!") == ["lovely", "kettle", "!"]
    assert "[UNK]" in tokenizer.tokenize("a toaster")


def test_it_trains_deterministically_and_loads_as_a_pipeline(tmp_path: Path) -> None:
    from transformers import pipeline

    reviews = generate_reviews(600, seed=6)
    train, test = reviews.iloc[:400], reviews.iloc[400:]
    runs = []
    for _ in range(2):
        tokenizer = tiny_bert.review_tokenizer(train["text"])
        model = tiny_bert.tiny_classifier(tokenizer, seed=0)
        runs.append(tiny_bert.train(model, tokenizer, train["text"].tolist(), train["label"].tolist(), steps=40))
    assert runs[0] == runs[1], "the same seed must give the same losses"
    assert runs[0][-1] < runs[0][0] / 3
    assert tiny_bert.accuracy(model, tokenizer, test["text"].tolist(), test["label"].tolist()) > 0.8
    model.save_pretrained(tmp_path)
    tokenizer.save_pretrained(tmp_path)
    pipe = pipeline("text-classification", model=str(tmp_path), device="cpu")
    assert pipe("I love it.")[0]["label"] in LABEL_NAMES
    assert model.config.architectures == ["BertForSequenceClassification"]
