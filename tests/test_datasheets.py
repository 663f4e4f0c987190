"""Datasheets (dcai_labs.datasheets), the WDBC data and its damaged copies, and the course's own datasheets.

The course asks learners to document their datasets with computed facts and a licence, so these tests hold
the course's datasets to the same rule: every public loader belongs to a registered dataset, every dataset
has a complete datasheet that names its licence, and the numbers in the WDBC datasheet are recomputed here.
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from huggingface_hub import DatasetCard, DatasetCardData

import dcai_labs.data as data_module
from dcai_labs.data import (
    DATASETS,
    WDBC_LABEL_NAMES,
    course_dataset,
    load_digits_data,
    load_wdbc,
    make_crowd,
    make_messy_wdbc,
    make_stream,
    wdbc_description,
)
from dcai_labs.data import crowd as crowdsim
from dcai_labs.datasheets import (
    COMPUTED_KEYS,
    PLACEHOLDER_WORDS,
    PLACEHOLDERS,
    SECTION_KEYS,
    SECTION_TITLES,
    SECTIONS,
    SENSITIVE_NAME_WORDS,
    SENSITIVE_VALUE_PATTERNS,
    SIZE_CATEGORY_LABELS,
    blank_answers,
    datasheet_markdown,
    facts_equal,
    filler_answers,
    format_fact,
    iter_questions,
    question_ids,
    questions_table,
    section,
)
from dcai_labs.datasheets.render import COMPUTED_MARK, NOT_ANSWERED
from localhub import cards

REPO = Path(__file__).resolve().parent.parent
GIVEN_ANSWERS = REPO / "source" / "04_datasheets" / "wdbc_answers.yaml"
SEVEN = (
    "Motivation",
    "Composition",
    "Collection process",
    "Preprocessing/cleaning/labelling",
    "Uses",
    "Distribution",
    "Maintenance",
)


def _blank(cell: object) -> bool:
    return (not cell.strip()) if isinstance(cell, str) else bool(pd.isna(cell))


def _headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)


def _section_text(markdown: str, title: str) -> str:
    parts = re.split(r"^## ", markdown, flags=re.MULTILINE)
    return next(p for p in parts if p.startswith(title + "\n"))


# --- the questions -----------------------------------------------------------------------------------


def test_seven_sections_and_about_fifty_questions() -> None:
    assert SECTION_TITLES == SEVEN and len(SECTIONS) == 7
    assert tuple(s.key for s in SECTIONS) == SECTION_KEYS and len(set(SECTION_KEYS)) == 7
    ids = question_ids()
    assert 45 <= len(ids) <= 60 and len(set(ids)) == len(ids)
    for sec in SECTIONS:
        assert sec.questions, sec.key
        assert len({q.key for q in sec.questions}) == len(sec.questions), sec.key
        for q in sec.questions:
            assert re.fullmatch(r"[a-z][a-z0-9_]*", q.key) and q.text.endswith("?"), q
    assert [(s.key, q.key) for s, q in iter_questions()] == [tuple(i.split(".")) for i in ids]


def test_computed_questions_are_the_nine_facts_of_composition() -> None:
    assert COMPUTED_KEYS == (
        "n_instances",
        "n_features",
        "feature_types",
        "label_distribution",
        "class_balance",
        "missing_values",
        "duplicate_rows",
        "value_ranges",
        "sensitive_columns",
    )
    assert question_ids(computed=True) == [f"composition.{k}" for k in COMPUTED_KEYS]
    assert len(question_ids(computed=False)) == len(question_ids()) - len(COMPUTED_KEYS)
    assert section("composition").question("n_instances").computed
    with pytest.raises(KeyError, match="no question"):
        section("motivation").question("n_instances")
    with pytest.raises(KeyError, match="no section"):
        section("summary")


def test_blank_and_filler_answers_cover_exactly_the_prose_questions() -> None:
    blank = blank_answers(["motivation", "uses"])
    assert list(blank) == ["motivation", "uses"]
    assert list(blank["motivation"]) == [q.key for q in section("motivation").questions]
    assert all(v is None for answers in blank.values() for v in answers.values())
    filler = filler_answers("x")
    assert list(filler) == list(SECTION_KEYS)
    assert "n_instances" not in filler["composition"] and filler["composition"]["sample"] == "x"
    assert sum(len(a) for a in filler.values()) == len(question_ids(computed=False))
    rows = questions_table(["uses"])
    assert [r["key"] for r in rows] == [q.key for q in section("uses").questions]
    assert len(questions_table()) == len(question_ids())


def test_given_answers_of_lab_04_fit_the_questions() -> None:
    given = yaml.safe_load(GIVEN_ANSWERS.read_text(encoding="utf-8"))
    assert set(given) == {"composition", "preprocessing", "distribution", "maintenance"}
    for key, answers in given.items():
        assert set(answers) == set(blank_answers([key])[key]), key  # every prose question, nothing computed
        assert all(isinstance(a, str) and len(a.split()) >= 2 for a in answers.values()), key
    assert "cc-by-4.0" in given["distribution"]["license"]


# --- shared definitions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (569, 569.0, True),
        (0.5938375, 212 / 357, True),
        (0.6, 212 / 357, False),
        (float("nan"), np.nan, True),
        ({0: 212, 1: 357}, {np.int64(0): 212, np.int64(1): 357}, True),
        ({0: 212}, {"0": 212}, False),
        ((6.981, 28.11), [6.981, 28.11], True),
        ([1, 2], [1, 2, 3], False),
        ({"a": (1, 2)}, {"a": (1, 2.0000001)}, True),
        ([], [], True),
        ({}, {"a": 0}, False),
        (None, None, True),
        (None, 0, False),
        (True, 1, False),
        ("text", "text", True),
        ("1", 1, False),
        ({"a": [1]}, {"a": 1}, False),
    ],
)
def test_facts_equal(a: object, b: object, equal: bool) -> None:
    assert facts_equal(a, b) is equal
    assert facts_equal(b, a) is equal


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("results sent to ana.moreau@example.org", "email address"),
        ("mail: dr.k@example.co.uk", "email address"),
        ("call back on +1 608 555 0134", "phone number"),
        ("family asked for a call: (608) 555-0179", "phone number"),
        ("ring 608-555-0147 today", "phone number"),
        ("+44 20 7946 0958", "phone number"),
        ("ssn 123-45-6789", "national id (US SSN format)"),
    ],
)
def test_sensitive_patterns_find_contacts(text: str, kind: str) -> None:
    assert re.search(SENSITIVE_VALUE_PATTERNS[kind], text)


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-15",
        "0.1184 0.2776 0.3001",
        "12.5 13.2 14.1",
        "repeat in 3 weeks",
        "size 20 x 30 mm",
        "ratio 3:2",
        "A@B",
        "North clinic",
    ],
)
def test_sensitive_patterns_leave_ordinary_text_alone(text: str) -> None:
    assert not any(re.search(p, text) for p in SENSITIVE_VALUE_PATTERNS.values())


def test_sensitive_words_placeholders_and_size_labels() -> None:
    assert {"age", "email", "zip", "name"} <= SENSITIVE_NAME_WORDS
    assert all(w == w.lower() and w.isalpha() for w in SENSITIVE_NAME_WORDS)
    assert set(PLACEHOLDER_WORDS) <= set(PLACEHOLDERS) and all(w.isupper() for w in PLACEHOLDER_WORDS)
    assert SIZE_CATEGORY_LABELS[0] == "n<1K" and SIZE_CATEGORY_LABELS[-1] == "n>1T" and len(SIZE_CATEGORY_LABELS) == 11
    assert set(SIZE_CATEGORY_LABELS) <= set(cards.SIZE_CATEGORIES), "the local Hub must accept every label"


# --- rendering ---------------------------------------------------------------------------------------


def _datasheet() -> dict:
    sheet = {
        "name": "Toy",
        "license": "mit",
        "language": ["en"],
        "task_categories": ["tabular-classification"],
        "label_column": "y",
        "label_names": ["no", "yes"],
        "sections": filler_answers("Written."),
    }
    sheet["sections"]["composition"].update(
        {
            "n_instances": 1234,
            "n_features": 2,
            "feature_types": {"size": "numeric", "colour": "text"},
            "label_distribution": {0: 1000, 1: 234},
            "class_balance": 0.234,
            "missing_values": {"size": 3, "colour": 0, "y": 0},
            "duplicate_rows": 0,
            "value_ranges": {"size": (1.5, 3.0)},
            "sensitive_columns": [],
        }
    )
    return sheet


def test_datasheet_markdown_has_every_section_and_question_in_order() -> None:
    markdown = datasheet_markdown(_datasheet())
    assert markdown.startswith("# Toy\n") and _headings(markdown) == list(SEVEN)
    positions = [markdown.index(f"**{q.text}**") for _, q in iter_questions()]
    assert positions == sorted(positions)
    assert markdown.count(COMPUTED_MARK) == len(COMPUTED_KEYS) + 1  # once per computed question, once in the intro
    assert NOT_ANSWERED not in markdown
    assert "- no (0): 1,000 (81.0%)" in markdown and "| `size` | 1.5 | 3 |" in markdown
    assert "`size`: 3" in markdown and "None found by name or by content." in markdown


def test_datasheet_markdown_shows_gaps_and_survives_malformed_answers() -> None:
    sheet = _datasheet()
    sheet["sections"]["motivation"]["purpose"] = "  "
    sheet["sections"]["composition"]["value_ranges"] = {"size": "wide"}
    sheet["sections"]["composition"]["label_distribution"] = "lots"
    del sheet["sections"]["uses"]
    sheet["sections"]["maintenance"] = None
    markdown = datasheet_markdown(sheet)
    expected_gaps = 1 + len(section("uses").questions) + len(section("maintenance").questions)
    assert markdown.count(NOT_ANSWERED) == expected_gaps
    assert "'lots'" in markdown and _headings(markdown) == list(SEVEN)
    assert datasheet_markdown({}).startswith("# Unnamed dataset")


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("n_instances", 569, "569"),
        ("n_instances", 12345, "12,345"),
        ("class_balance", 212 / 357, "0.5938"),
        ("duplicate_rows", 14, "14 rows repeat"),
        ("missing_values", {"a": 0, "b": 0}, "None: every cell"),
        ("feature_types", {"a": "numeric", "b": "text", "c": "numeric"}, "- numeric (2): `a`, `c`"),
        ("sensitive_columns", ["age", "notes"], "`age`, `notes`: check them"),
        ("value_ranges", {}, "No numeric"),
        ("n_features", "thirty", "thirty"),
        ("unknown_fact", {"x": 1}, "`{'x': 1}`"),
    ],
)
def test_format_fact(key: str, value: object, expected: str) -> None:
    assert expected in format_fact(key, value)


def test_a_rendered_card_passes_the_hubs_validation() -> None:
    """The lab's card layout (metadata from DatasetCardData, body from the datasheet) is valid Hub metadata."""
    sheet = _datasheet()
    card_data = DatasetCardData(
        pretty_name=sheet["name"],
        license=sheet["license"],
        language=sheet["language"],
        task_categories=sheet["task_categories"],
        size_categories=["1K<n<10K"],
        configs=[{"config_name": "default", "data_files": [{"split": "train", "path": "data/train.csv"}]}],
        dataset_info={
            "features": [
                {"name": "size", "dtype": "float64"},
                {"name": "colour", "dtype": "string"},
                {"name": "y", "dtype": {"class_label": {"names": {"0": "no", "1": "yes"}}}},
            ]
        },
    )
    card = DatasetCard(f"---\n{card_data.to_yaml()}\n---\n\n{datasheet_markdown(sheet)}")
    errors, warnings = cards.validate_yaml(str(card), "dataset")
    assert errors == [] and warnings == []
    assert DatasetCard(str(card)).data.to_dict() == card_data.to_dict()
    assert _headings(card.text) == list(SEVEN)


# --- WDBC and its damaged copies ---------------------------------------------------------------------


def test_load_wdbc_is_the_bundled_table_with_snake_case_columns() -> None:
    frame = load_wdbc()
    assert frame.shape == (569, 31) and frame.columns[-1] == "diagnosis"
    assert all(re.fullmatch(r"[a-z_]+", c) for c in frame.columns)
    assert (frame.dtypes.iloc[:-1] == np.float64).all() and frame["diagnosis"].dtype == np.int64
    assert frame["diagnosis"].value_counts().to_dict() == {1: 357, 0: 212}
    assert WDBC_LABEL_NAMES == ("malignant", "benign")
    frame.loc[0, "mean_radius"] = -1.0
    assert load_wdbc().loc[0, "mean_radius"] > 0, "every call returns a fresh copy"
    assert "Wolberg" in wdbc_description() and "569" in wdbc_description()


def test_make_messy_wdbc_is_deterministic_and_seeds_differ() -> None:
    first, again, other = make_messy_wdbc(3), make_messy_wdbc(3), make_messy_wdbc(4)
    pd.testing.assert_frame_equal(first.frame, again.frame)
    assert first.missing == again.missing and first.duplicate_rows == again.duplicate_rows
    assert not first.frame.iloc[:, 2:].equals(other.frame.iloc[:, 2:])
    names = {make_messy_wdbc(s).sensitive_columns for s in range(8)}
    assert len(names) > 1, "the extra columns get other names for other seeds"


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_make_messy_wdbc_records_every_planted_problem(seed: int) -> None:
    messy = make_messy_wdbc(seed)
    frame = messy.frame
    n_base = 569
    assert isinstance(frame.index, pd.RangeIndex) and frame.columns[-1] == "diagnosis"
    assert len(frame) == n_base + len(messy.duplicate_rows) + len(messy.conflicting_rows)
    assert messy.missing == {c: int(frame[c].map(_blank).sum()) for c in frame.columns}
    assert messy.missing["diagnosis"] == 0 and sum(messy.missing.values()) > 0
    assert frame.index[frame.duplicated()].tolist() == messy.duplicate_rows
    assert any(frame.iloc[r].isna().any() for r in messy.duplicate_rows), "some copies contain a NaN"
    features = [c for c in frame.columns if c != "diagnosis"]
    for copy_row, original in messy.conflicting_rows:
        assert copy_row > original
        assert frame.loc[copy_row, features].equals(frame.loc[original, features])
        assert frame.at[copy_row, "diagnosis"] != frame.at[original, "diagnosis"]
    text_number = frame[messy.text_number_column]
    assert text_number.dtype == object and text_number.map(lambda v: isinstance(v, str)).any()
    assert all(isinstance(v, float) for v in text_number if not isinstance(v, str))
    age, notes = messy.sensitive_columns
    assert re.findall(r"[a-z]+", age)[-1] == "age" or "age" in age.split("_")
    assert not set(re.findall(r"[a-z]+", notes)) & SENSITIVE_NAME_WORDS
    contacts = [v for v in frame[notes] if any(re.search(p, v) for p in SENSITIVE_VALUE_PATTERNS.values())]
    assert 2 <= len(set(contacts)) <= 4
    others = [c for c in frame.columns if c not in messy.sensitive_columns]
    for column in others:
        assert not set(re.findall(r"[a-z]+", column)) & SENSITIVE_NAME_WORDS, column
        assert (
            not frame[column]
            .map(lambda v: isinstance(v, str) and any(re.search(p, v) for p in SENSITIVE_VALUE_PATTERNS.values()))
            .any()
        ), column


def test_make_messy_wdbc_options_and_errors() -> None:
    small = make_messy_wdbc(2, n_rows=100, duplicate_rate=0.1, n_conflicts=0, missing_rate=0.0)
    assert len(small.frame) == 110 and small.conflicting_rows == [] and len(small.duplicate_rows) == 10
    feature_gaps = {c: n for c, n in small.missing.items() if c not in (*small.sensitive_columns, "clinic")}
    assert sum(1 for n in feature_gaps.values() if n) == 4, "each of the four damaged columns gets at least one blank"
    for kwargs in ({"n_rows": 5}, {"n_rows": 600}, {"missing_rate": 0.7}, {"n_conflicts": 100}):
        with pytest.raises(ValueError):
            make_messy_wdbc(0, **kwargs)


def test_make_messy_wdbc_is_fast() -> None:
    load_wdbc()  # the first call reads scikit-learn's file
    start = time.process_time()
    make_messy_wdbc(12)
    assert time.process_time() - start < 0.5


# --- the course's datasets: registry, licences, datasheets -------------------------------------------


def test_every_public_loader_belongs_to_exactly_one_dataset() -> None:
    loaders = {name for name in data_module.__all__ if name.startswith(("load_", "make_", "generate_"))}
    registered = [loader for entry in DATASETS.values() for loader in entry.loaders]
    assert sorted(registered) == sorted(loaders)
    assert all(callable(getattr(data_module, name)) for name in registered)
    assert course_dataset("wdbc").name == "wdbc"
    with pytest.raises(KeyError, match="known"):
        course_dataset("imagenet")


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_has_a_complete_datasheet_and_a_licence(name: str) -> None:
    entry = DATASETS[name]
    text = entry.datasheet.read_text(encoding="utf-8")
    assert _headings(text) == list(SEVEN), "the seven sections, in order"
    for title in SEVEN:
        body = _section_text(text, title)
        assert len(body.split()) >= 40, f"{name}: section {title} is too thin"
    assert entry.license in cards.KNOWN_LICENSES and entry.license != "unknown"
    distribution = _section_text(text, "Distribution")
    assert entry.license_name in distribution, f"{name}: the Distribution section must name the licence"
    assert entry.license_url.startswith("https://creativecommons.org/")


def test_the_wdbc_datasheet_states_facts_that_are_true_of_the_data() -> None:
    """Its numbers were typed by a person, so they are recomputed here: compute, don't trust."""
    text = course_dataset("wdbc").datasheet.read_text(encoding="utf-8")
    frame = load_wdbc()
    counts = frame["diagnosis"].value_counts()
    n = len(frame)
    facts = {
        "instances": n,
        "malignant": counts[0],
        "benign": counts[1],
        "features": frame.shape[1] - 1,
        "malignant share": f"{counts[0] / n:.1%}",
        "benign share": f"{counts[1] / n:.1%}",
        "balance": f"{counts[0] / counts[1]:.3f}",
    }
    composition = _section_text(text, "Composition")
    for what, value in facts.items():
        assert str(value) in composition, (what, value)
    assert "no cell is missing and no row repeats" in composition
    assert frame.map(_blank).to_numpy().sum() == 0 and frame.duplicated().sum() == 0
    assert "cc-by-4.0" in text and "CC BY 4.0" in text
    assert math.isclose(counts[0] / counts[1], 0.594, abs_tol=5e-4)


def test_the_digits_datasheet_states_facts_that_are_true_of_the_data() -> None:
    text = course_dataset("digits").datasheet.read_text(encoding="utf-8")
    composition = " ".join(_section_text(text, "Composition").split())  # facts may wrap across lines
    centred, scanned = load_digits_data("centred"), load_digits_data("scanned")
    labels = np.concatenate([centred.pool_labels, centred.test_labels])
    images = np.concatenate([centred.pool_images, centred.test_images])
    counts = np.bincount(labels)
    facts = {
        "instances": len(labels),
        "pool": len(centred.pool_labels),
        "test": len(centred.test_labels),
        "smallest class": f"{counts.min()} images (the digit {counts.argmin()})",
        "largest class": f"{counts.max()} (the digit {counts.argmax()})",
        "size": f"{images.shape[1]}x{images.shape[2]} pixels (`{images.dtype}`",
    }
    for what, value in facts.items():
        assert str(value) in composition, (what, value)
    assert "no two images are identical" in composition
    assert len(np.unique(images.reshape(len(images), -1), axis=0)) == len(images)
    assert scanned.pool_images.min() >= 0.0 and scanned.pool_images.max() <= 1.0
    assert np.array_equal(scanned.test_labels, centred.test_labels), "both versions list the same digits"


def test_the_crowd_datasheet_states_facts_that_are_true_of_the_data() -> None:
    raw = course_dataset("crowd").datasheet.read_text(encoding="utf-8")
    composition = " ".join(_section_text(raw, "Composition").split())  # facts may wrap across lines
    crowd = make_crowd()
    counts = dict(zip(crowdsim.DEPARTMENTS, np.bincount(crowd.true_labels, minlength=crowdsim.N_CLASSES)))
    gold_counts = dict(
        zip(crowdsim.DEPARTMENTS, np.bincount(crowd.true_labels[crowd.gold], minlength=crowdsim.N_CLASSES))
    )
    kitchen = int((crowd.true_labels == crowdsim.KITCHEN).sum())
    lengths = crowd.items["text"].str.len()
    mix = crowdsim.DEFAULT_MIX
    pilot = crowd.pilot()
    median = float(pilot["seconds"].median())
    facts = {
        "items": f"has {len(crowd.items):,} items: the first {len(crowd.gold)} are gold items",
        "pool": f"the other {len(crowd.pool):,} form the pool",
        "classes": ", ".join(f"{name} {n}" for name, n in counts.items()).replace(", beauty", " and beauty"),
        "gold classes": ", ".join(f"{name} {n}" for name, n in gold_counts.items()).replace(", beauty", " and beauty"),
        "lengths": f"{lengths.min()} to {lengths.max()} characters long and none is repeated",
        "pilot": f"has {len(pilot):,} labels",
        "workers": f"{len(crowd.workers)} fictional workers (`DEFAULT_MIX`): {mix['expert']} experts, "
        f"{mix['ordinary']} ordinary workers, {mix['random_spammer']} random spammers, {mix['constant_spammer']} "
        f"constant spammer, {mix['adversary']} adversary and {mix['misreader']} misreader",
        "difficulty": f"averages {crowd.difficulty.mean():.3f}, its median is {np.median(crowd.difficulty):.3f} and "
        f"its largest value {crowd.difficulty.max():.3f}",
        "ambiguous": f"{crowd.ambiguous.sum()} of the {len(crowd.items):,} items, "
        f"{crowd.ambiguous.sum() / kitchen:.1%} of the {kitchen} kitchen items, {crowd.ambiguous[crowd.gold].sum()} "
        f"of them gold and {crowd.ambiguous[crowd.pool].sum()} in the pool",
    }
    for what, value in facts.items():
        assert value in composition, (what, value)
    assert crowd.items["text"].duplicated().sum() == 0
    collection = " ".join(_section_text(raw, "Collection process").split())
    hourly = crowdsim.PAY_PER_LABEL * 3600 / median
    facts = {
        "literal readers": f"the default crowd has {sum(w.literal for w in crowd.workers)} literal readers",
        "piece rate": f"${crowdsim.PAY_PER_LABEL:.2f} per label (`PAY_PER_LABEL`)",
        "median": f"median of {median:.1f} seconds per label, that is ${hourly:.2f} an hour",
        "wage": f"${crowdsim.WAGE_PER_HOUR:.0f} hourly wage (`WAGE_PER_HOUR`)",
        "fair rate": f"${crowdsim.WAGE_PER_HOUR * median / 3600:.3f} a label",
        "onboarding": f"{crowdsim.ONBOARDING_HOURS:.0f} hours of paid onboarding (`ONBOARDING_HOURS`)",
    }
    for what, value in facts.items():
        assert value in collection, (what, value)
    assert 0.3 < hourly / crowdsim.WAGE_PER_HOUR < 0.37, "about a third of the staff wage"
    distribution = _section_text(raw, "Distribution")
    assert "CC0-1.0" in distribution and "`cc0-1.0`" in distribution and "MIT" in distribution


def test_the_stream_datasheet_states_facts_that_are_true_of_the_data() -> None:
    from dcai_labs.data import stream as streams

    raw = course_dataset("stream").datasheet.read_text(encoding="utf-8")
    composition = " ".join(_section_text(raw, "Composition").split())
    stream = make_stream()
    reference = stream.reference
    rows = sum(len(b) for b in stream.batches)
    counts = reference["category"].value_counts()
    texts = pd.concat([b["text"] for b in stream.batches])
    lengths = texts.str.len()
    beauty = sum(int((b["category"] == streams.NEW_CATEGORY).sum()) for b in stream.batches)
    accuracy = (streams.production_model().predict(reference["text"]) == stream.reference_labels).mean()
    facts = {
        "size": f"has {stream.n_days} days of {streams.ROWS_PER_DAY} orders, {rows:,} rows in all",
        "reference": f"days 0 to {stream.reference_days - 1}, has {len(reference):,} rows: "
        + ", ".join(f"{name} {n}" for name, n in counts.items()).rsplit(", ", 1)[0]
        + f" and {counts.index[-1]} {counts.iloc[-1]}, "
        f"with {int((stream.reference_labels == 0).sum()):,} negative labels",
        "beauty": f"has {beauty:,} rows over the whole stream",
        "lengths": f"Texts are {lengths.min()} to {lengths.max()} characters long; "
        f"{int(texts.duplicated().sum())} rows repeat",
        "prices": f"prices run from ${reference['price'].min():.2f} to ${reference['price'].max():.2f} "
        f"(median ${reference['price'].median():.2f})",
        "delivery": f"delivery from {reference['delivery_days'].min()} to {reference['delivery_days'].max()} days "
        f"(mean {reference['delivery_days'].mean():.2f}, "
        f"{int(reference['delivery_days'].isna().sum())} values missing)",
        "accuracy": f"it is right on {accuracy:.1%} of the reference window",
        "delay": f"(`LABEL_DELAY_DAYS`, {streams.LABEL_DELAY_DAYS})",
        "training": f"trained on {streams.TRAINING_REVIEWS:,} separate generated reviews",
    }
    for what, value in facts.items():
        assert value in composition, (what, value)
    for event in streams.EVENTS:
        assert f"day {event.start_day}" in composition or f"days {event.start_day}" in composition, event.name
