"""The production stream of Lab 05: every planted event is in the data on its days and nowhere else."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from dcai_labs.data import stream as streams
from dcai_labs.data.stream import EVENTS, Event, events_named, make_stream, production_model


@pytest.fixture(scope="module")
def stream() -> streams.ProductionStream:
    return make_stream(seed=0)


def _event(name: str) -> Event:
    return events_named(name)[0]


def test_same_seed_same_stream_and_seeds_differ() -> None:
    a, b, c = make_stream(3, with_text=False), make_stream(3, with_text=False), make_stream(4, with_text=False)
    assert all(x.equals(y) for x, y in zip(a.batches, b.batches))
    assert not a.batch(20).equals(c.batch(20))
    assert all(np.array_equal(x, y) for x, y in zip(a.labels_by_day, b.labels_by_day))


def test_without_text_the_tabular_columns_and_labels_are_the_same(stream: streams.ProductionStream) -> None:
    bare = make_stream(0, with_text=False)
    for day in (0, 24, 50):
        assert "text" not in bare.batch(day).columns
        assert bare.batch(day).equals(stream.batch(day).drop(columns="text"))
        assert np.array_equal(bare.labels(day), stream.labels(day))


def test_shape_ids_and_reference_window(stream: streams.ProductionStream) -> None:
    assert stream.n_days == streams.N_DAYS and stream.monitored_days.start == streams.REFERENCE_DAYS
    ids = np.concatenate([b["review_id"].to_numpy() for b in stream.batches])
    assert len(ids) == streams.N_DAYS * streams.ROWS_PER_DAY and len(np.unique(ids)) == len(ids)
    reference = stream.reference
    assert len(reference) == streams.REFERENCE_DAYS * streams.ROWS_PER_DAY
    assert {str(t) for t in reference.dtypes} <= {"int64", "float64", "object", "str"}
    assert reference["delivery_days"].dtype == np.float64 and reference["price"].dtype == np.float64
    assert set(reference["category"]) == set(streams.LAUNCH_CATEGORIES)
    assert all(not stream.active_events(day) for day in range(streams.REFERENCE_DAYS))
    assert list(stream.batch(0).columns) == list(streams.COLUMNS)


def test_batch_is_a_copy(stream: streams.ProductionStream) -> None:
    batch = stream.batch(5)
    batch.loc[:, "price"] = -1.0
    assert (stream.batch(5)["price"] > 0).all()


def test_quality_events_break_exactly_their_days(stream: streams.ProductionStream) -> None:
    schema = _event("schema_change")
    units = _event("unit_change")
    nulls = _event("null_burst")
    assert schema.end_day is not None and units.end_day is not None and nulls.end_day is not None
    for day in stream.days:
        batch = stream.batch(day)
        as_text = schema.active(day)
        assert (batch["delivery_days"].dtype == object) == as_text, day
        if as_text:
            assert batch["delivery_days"].dropna().str.endswith(" days").all()
        in_cents = units.active(day)
        assert (batch["price"].dtype == np.int64) == in_cents, day
        missing = batch["delivery_days"].isna().mean()
        if nulls.active(day):
            assert 0.25 < missing < 0.45
        else:
            assert missing < 0.06, (day, missing)
    cents = stream.batch(units.start_day)["price"]
    assert cents.median() > 1000  # a few thousand cents, where dollars are tens


def test_new_category_arrives_on_its_day_and_stays(stream: streams.ProductionStream) -> None:
    start = _event("new_category").start_day
    shares = [float((stream.batch(d)["category"] == streams.NEW_CATEGORY).mean()) for d in stream.days]
    assert max(shares[:start]) == 0
    assert 0.1 < np.mean(shares[start:]) < 0.3


def test_drifts_move_their_column(stream: streams.ProductionStream) -> None:
    gradual, sudden = _event("gradual_drift"), _event("sudden_shift")
    delivery = [float(pd.to_numeric(stream.batch(d)["delivery_days"], errors="coerce").mean()) for d in stream.days]
    before = np.nanmean(delivery[streams.REFERENCE_DAYS : gradual.start_day])  # schema-change days are NaN
    assert abs(before - 3.6) < 0.3
    assert delivery[-1] - before > gradual.size * (streams.N_DAYS - gradual.start_day) * 0.8
    price = [float(stream.batch(d)["price"].median()) for d in range(30, streams.N_DAYS)]
    day = range(30, streams.N_DAYS)
    pre = np.median([p for d, p in zip(day, price) if 35 <= d < sudden.start_day])
    post = np.median([p for d, p in zip(day, price) if d >= sudden.start_day])
    assert post < 0.8 * pre


def test_prior_shift_and_concept_drift_change_labels_and_accuracy(stream: streams.ProductionStream) -> None:
    prior, concept = _event("prior_shift"), _event("concept_drift")
    model = production_model()
    negative = {d: float((stream.labels(d) == 0).mean()) for d in stream.days}
    assert np.mean([negative[d] for d in range(prior.start_day, prior.end_day or 0)]) > 0.7
    assert abs(np.mean([negative[d] for d in range(streams.REFERENCE_DAYS, prior.start_day)]) - 0.5) < 0.03
    assert stream.true_negative_share(prior.start_day) == prior.size and stream.true_negative_share(0) == 0.5

    def accuracy(days: range) -> float:
        return float(np.mean([(model.predict(stream.batch(d)["text"]) == stream.labels(d)).mean() for d in days]))

    def confidence(days: range) -> float:
        return float(np.mean([model.predict_proba(stream.batch(d)["text"]).max(axis=1).mean() for d in days]))

    before, after = range(streams.REFERENCE_DAYS, concept.start_day), range(concept.start_day, streams.N_DAYS)
    assert accuracy(before) > 0.97 and accuracy(after) < 0.9  # the labels show the concept drift...
    assert abs(confidence(before) - confidence(after)) < 0.02  # ...the model's confidence does not


def test_labels_are_refused_before_they_arrive(stream: streams.ProductionStream) -> None:
    assert len(stream.labels(10, today=10 + streams.LABEL_DELAY_DAYS)) == streams.ROWS_PER_DAY
    with pytest.raises(ValueError, match="arrive on day 17"):
        stream.labels(10, today=16)


def test_moved_and_chosen_events() -> None:
    moved = [dataclasses.replace(e, start_day=e.start_day + 5) for e in events_named("new_category")]
    s = make_stream(1, events=moved, with_text=False)
    assert (s.batch(39)["category"] != streams.NEW_CATEGORY).all()
    assert (s.batch(41)["category"] == streams.NEW_CATEGORY).any()
    truth = s.truth()
    assert list(truth["name"]) == ["new_category"] and int(truth["start_day"].iloc[0]) == 40
    quiet = make_stream(2, events=(), with_text=False)
    assert all(not quiet.active_events(d) for d in quiet.days)


def test_bad_arguments_name_the_problem() -> None:
    with pytest.raises(ValueError, match="reference window"):
        dataclasses.replace(EVENTS[0], start_day=3)
    with pytest.raises(ValueError, match="kind must be one of"):
        dataclasses.replace(EVENTS[0], kind="weather")
    with pytest.raises(ValueError, match="must come after"):
        dataclasses.replace(EVENTS[0], end_day=EVENTS[0].start_day)
    with pytest.raises(ValueError, match="unknown event"):
        events_named("earthquake")
    with pytest.raises(ValueError, match="once"):
        make_stream(events=EVENTS + EVENTS[:1])
    with pytest.raises(ValueError, match="reference window"):
        make_stream(n_days=10)


def test_production_model_is_cached_and_fit_on_launch_categories() -> None:
    assert production_model() is production_model()
    probabilities = production_model().predict_proba(["Worth every penny.", "Broke after a day, avoid."])
    assert probabilities.shape == (2, 2) and np.allclose(probabilities.sum(axis=1), 1)
    assert list(production_model().predict(["Worth every penny.", "Broke after a day, avoid."])) == [1, 0]
