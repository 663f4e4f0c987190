"""A simulated production stream for the review sentiment model, with planted events and their true days.

Lab 05 is about what happens to data after a model ships. Real production logs have no answer key: nobody
knows on which day an upstream team started sending prices in cents, so nobody can say whether a monitor
raised its alarm two days late or a week early. This stream has one. Every day a batch of orders arrives,
each with the customer's review text, the product's category and price, and how long delivery took; the
review's sentiment label arrives ``LABEL_DELAY_DAYS`` later (a support agent reads it). Into this stream the
simulator plants events of four kinds, each with a recorded start day:

* **quality** (the data is broken, the world is not): a schema change (``delivery_days`` arrives as text such
  as ``"4.2 days"``), a unit change (``price`` in cents), a burst of missing values;
* **covariate** (the inputs change, the meaning does not): a new category the model never saw, a gradual
  drift (deliveries slowly take longer), a sudden shift (a discount marketplace joins, prices drop);
* **prior**: the share of negative reviews jumps (a faulty product batch);
* **concept**: the same words start to mean something else (a wave of sarcastic praise): only the late
  labels show it.

The first ``REFERENCE_DAYS`` days are clean by construction: they are the data the team checked by hand and
compares everything after against. The model in production (:func:`production_model`) is the course's fixed
model (:mod:`dcai_labs.baseline`) trained on reviews of the five launch categories.

Everything depends only on the seed and the event schedule, so a hidden test can build a stream with another
seed, or with the events moved to other days (``dataclasses.replace`` on :data:`EVENTS`), and know the truth.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from dcai_labs import baseline
from dcai_labs.data.review_generator.vocabulary import CATEGORIES_SPEC
from dcai_labs.data.review_generator.writer import write_review

#: Days the stream lasts (day 0 to N_DAYS - 1).
N_DAYS = 84
#: The first days, clean by construction: the reference window every later batch is compared with.
REFERENCE_DAYS = 14
#: Orders (rows) per day.
ROWS_PER_DAY = 150
#: A review's label is known this many days after the review arrives.
LABEL_DELAY_DAYS = 7
#: The categories the shop launched with (and the model was trained on); the sixth arrives later.
LAUNCH_CATEGORIES: tuple[str, ...] = ("electronics", "kitchen", "books", "toys", "clothing")
NEW_CATEGORY = "beauty"
#: Median price in dollars per category (prices are log-normal around it).
MEDIAN_PRICE: dict[str, float] = {
    "electronics": 60.0,
    "kitchen": 35.0,
    "books": 14.0,
    "toys": 25.0,
    "clothing": 30.0,
    "beauty": 18.0,
}
PRICE_SIGMA = 0.5
#: Delivery time in days: Gamma(shape, scale), mean 3.6 days; about 1% of rows miss it on any day.
DELIVERY_SHAPE, DELIVERY_SCALE = 4.0, 0.9
BASE_NULL_RATE = 0.01
#: Share of negative reviews outside the prior-shift event.
BASE_NEGATIVE_SHARE = 0.5
#: Reviews the production model was trained on (launch categories only), and its seed.
TRAINING_REVIEWS = 2000
TRAINING_SEED = 505

#: What the columns of a batch hold and in which type they arrive on a normal day.
COLUMNS: dict[str, str] = {
    "review_id": "int64",
    "day": "int64",
    "category": "object",
    "price": "float64",
    "delivery_days": "float64",
    "text": "object",
}

EVENT_KINDS = ("quality", "covariate", "prior", "concept")

#: The review generator's category specifications by name.
_SPECS = {category.name: category for category in CATEGORIES_SPEC}


@dataclass(frozen=True)
class Event:
    """One planted event: what happens, to which column, from which day (inclusive) to which (exclusive)."""

    name: str
    kind: str  # one of EVENT_KINDS
    column: str
    start_day: int
    end_day: int | None  # the first day it is over; None: it lasts to the end of the stream
    size: float  # how strong: its meaning depends on the event (see _apply_* and the datasheet)
    description: str

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"event {self.name!r}: kind must be one of {EVENT_KINDS}, not {self.kind!r}")
        if self.start_day < REFERENCE_DAYS:
            raise ValueError(
                f"event {self.name!r} starts on day {self.start_day}, inside the reference window "
                f"(days 0 to {REFERENCE_DAYS - 1}), which must stay clean"
            )
        if self.end_day is not None and self.end_day <= self.start_day:
            raise ValueError(f"event {self.name!r}: end_day {self.end_day} must come after start_day {self.start_day}")

    def active(self, day: int) -> bool:
        """Whether the event affects the batch of ``day``."""
        return self.start_day <= day and (self.end_day is None or day < self.end_day)

    def days_active(self, day: int) -> int:
        """How many days the event has been going on by ``day`` (0 on its first day)."""
        return day - self.start_day


#: The default schedule. Quality events are short (an upstream team fixes them); drifts stay.
EVENTS: tuple[Event, ...] = (
    Event("schema_change", "quality", "delivery_days", 18, 20, 1.0,
          "an upstream release sends delivery_days as text ('4.2 days'); reverted two days later"),
    Event("unit_change", "quality", "price", 24, 27, 100.0,
          "the checkout service sends prices in cents instead of dollars for three days"),
    Event("null_burst", "quality", "delivery_days", 30, 31, 0.35,
          "a carrier's tracking API is down: 35% of delivery_days missing for a day"),
    Event("new_category", "covariate", "category", 35, None, 0.2,
          "the shop starts selling beauty products: 20% of orders, a category the model never saw"),
    Event("gradual_drift", "covariate", "delivery_days", 42, None, 0.12,
          "a warehouse moves: deliveries take 0.12 days longer every day"),
    Event("sudden_shift", "covariate", "price", 52, None, 0.4,
          "a discount marketplace joins: half the orders come from it, at 40% of the usual price"),
    Event("prior_shift", "prior", "label", 60, 68, 0.75,
          "a faulty product batch: 75% of reviews are negative for eight days"),
    Event("concept_drift", "concept", "label", 72, None, 0.3,
          "a sarcasm meme: 30% of unhappy customers write praise they do not mean"),
)  # fmt: skip


def events_named(*names: str, events: Sequence[Event] = EVENTS) -> tuple[Event, ...]:
    """The events of ``events`` with the given names (ValueError naming the valid ones for a wrong name)."""
    known = {event.name: event for event in events}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown event(s) {unknown}; the schedule has {sorted(known)}")
    return tuple(known[name] for name in names)


@dataclass(frozen=True)
class ProductionStream:
    """The batches as they arrived, the labels that arrive later, and the truth about what was planted."""

    batches: tuple[pd.DataFrame, ...]  # batches[day]: that day's rows, with the dtypes they arrived in
    labels_by_day: tuple[np.ndarray, ...]  # labels_by_day[day]: that day's true labels (0 negative, 1 positive)
    events: tuple[Event, ...]
    seed: int
    reference_days: int = REFERENCE_DAYS
    label_delay: int = LABEL_DELAY_DAYS
    _prior: tuple[float, ...] = field(default=(), repr=False)

    @property
    def n_days(self) -> int:
        return len(self.batches)

    @property
    def days(self) -> range:
        return range(self.n_days)

    @property
    def monitored_days(self) -> range:
        """The days after the reference window: the ones a monitor watches."""
        return range(self.reference_days, self.n_days)

    def batch(self, day: int) -> pd.DataFrame:
        """A copy of the rows that arrived on ``day`` (a copy, so a check that edits it changes nothing here)."""
        return self.batches[day].copy()

    @property
    def reference(self) -> pd.DataFrame:
        """The reference window's rows (days 0 to reference_days - 1), one frame."""
        return pd.concat(self.batches[: self.reference_days], ignore_index=True)

    @property
    def reference_labels(self) -> np.ndarray:
        return np.concatenate(self.labels_by_day[: self.reference_days])

    def labels(self, day: int, *, today: int | None = None) -> np.ndarray:
        """The true labels of ``day``'s rows, as known on ``today`` (default: the end of the stream).

        A label is known ``label_delay`` days after its review arrived; asking for labels not yet known on
        ``today`` raises ValueError rather than quietly answering from the future.
        """
        if today is not None and day + self.label_delay > today:
            raise ValueError(
                f"the labels of day {day} arrive on day {day + self.label_delay}; on day {today} they are not known"
            )
        return self.labels_by_day[day].copy()

    def truth(self) -> pd.DataFrame:
        """The planted events as a table: name, kind, column, start_day, end_day, description."""
        return pd.DataFrame(
            [
                {
                    "name": e.name,
                    "kind": e.kind,
                    "column": e.column,
                    "start_day": e.start_day,
                    "end_day": e.end_day,
                    "description": e.description,
                }
                for e in self.events
            ]
        )

    def active_events(self, day: int) -> tuple[Event, ...]:
        return tuple(event for event in self.events if event.active(day))

    def true_negative_share(self, day: int) -> float:
        """The probability of a negative review the simulator used on ``day`` (the prior a shift estimator seeks)."""
        return self._prior[day]


def _event(events: Sequence[Event], name: str, day: int) -> Event | None:
    for event in events:
        if event.name == name and event.active(day):
            return event
    return None


def _day_rows(
    day: int,
    rng: np.random.Generator,
    text_rng: random.Random | None,
    events: Sequence[Event],
    first_id: int,
) -> tuple[pd.DataFrame, np.ndarray, float]:
    """The batch of one day, its labels, and the negative share used, before quality events break it."""
    n = ROWS_PER_DAY
    new_category = _event(events, "new_category", day)
    names = list(LAUNCH_CATEGORIES)
    weights = np.full(len(names), 1.0 / len(names))
    if new_category is not None:
        names.append(NEW_CATEGORY)
        weights = np.append(weights * (1 - new_category.size), new_category.size)
    categories = rng.choice(names, size=n, p=weights)

    prior_shift = _event(events, "prior_shift", day)
    negative_share = prior_shift.size if prior_shift is not None else BASE_NEGATIVE_SHARE
    labels = (rng.random(n) >= negative_share).astype(np.int64)

    price = np.array([MEDIAN_PRICE[c] for c in categories]) * np.exp(rng.normal(0.0, PRICE_SIGMA, n))
    sudden = _event(events, "sudden_shift", day)
    if sudden is not None:
        price = np.where(rng.random(n) < 0.5, price * sudden.size, price)
    price = np.round(price, 2)

    delivery = rng.gamma(DELIVERY_SHAPE, DELIVERY_SCALE, n)
    gradual = _event(events, "gradual_drift", day)
    if gradual is not None:
        delivery = delivery + gradual.size * (gradual.days_active(day) + 1)
    delivery = np.round(delivery, 1)
    delivery[rng.random(n) < BASE_NULL_RATE] = np.nan

    # The concept drift changes what a text means, not which texts appear: some unhappy customers write
    # what reads as praise. Their label stays negative; the model, reading praise, says positive.
    concept = _event(events, "concept_drift", day)
    sarcastic = (labels == 0) & (rng.random(n) < (concept.size if concept is not None else 0.0))
    columns = {
        "review_id": np.arange(first_id, first_id + n, dtype=np.int64),
        "day": np.full(n, day, dtype=np.int64),
        "category": pd.Series(categories, dtype=object),
        "price": price,
        "delivery_days": delivery,
    }
    if text_rng is not None:
        texts = [
            write_review(text_rng, 1 if sarcastic[i] else int(labels[i]), _SPECS[str(categories[i])]) for i in range(n)
        ]
        columns["text"] = pd.Series(texts, dtype=object)
    return pd.DataFrame(columns), labels, float(negative_share)


def _break(frame: pd.DataFrame, day: int, rng: np.random.Generator, events: Sequence[Event]) -> pd.DataFrame:
    """The quality events of ``day`` applied to its batch: what an upstream mistake does to the data."""
    nulls = _event(events, "null_burst", day)
    if nulls is not None:
        frame.loc[rng.random(len(frame)) < nulls.size, "delivery_days"] = np.nan
    if _event(events, "unit_change", day) is not None:
        frame["price"] = np.round(frame["price"] * 100).astype(np.int64)
    if _event(events, "schema_change", day) is not None:
        frame["delivery_days"] = pd.Series(
            [None if pd.isna(v) else f"{v:.1f} days" for v in frame["delivery_days"]], dtype=object
        )
    return frame


def make_stream(
    seed: int = 0, events: Sequence[Event] = EVENTS, n_days: int = N_DAYS, *, with_text: bool = True
) -> ProductionStream:
    """The production stream of ``n_days`` days with the planted ``events`` (default: :data:`EVENTS`).

    Pass a subset of the events (``events_named(...)``) for a stream with only those, or events moved with
    ``dataclasses.replace`` for a stream whose truth a detector has not seen. Same arguments, same stream.
    ``with_text=False`` leaves out the review texts (the tabular columns and labels are the same): a
    monitor of the tabular columns does not need them, and writing 12,600 reviews is most of the cost.
    """
    if n_days <= REFERENCE_DAYS:
        raise ValueError(f"n_days must exceed the {REFERENCE_DAYS}-day reference window, not {n_days}")
    names = [event.name for event in events]
    if len(set(names)) != len(names):
        raise ValueError(f"each event may appear once; got {names}")
    rng = np.random.default_rng([seed, 505])
    text_rng = random.Random(f"stream-{seed}") if with_text else None
    batches, labels, priors = [], [], []
    for day in range(n_days):
        frame, day_labels, prior = _day_rows(day, rng, text_rng, events, first_id=day * ROWS_PER_DAY)
        batches.append(_break(frame, day, rng, events))
        labels.append(day_labels)
        priors.append(prior)
    return ProductionStream(
        batches=tuple(batches),
        labels_by_day=tuple(labels),
        events=tuple(events),
        seed=seed,
        _prior=tuple(priors),
    )


@dataclass(frozen=True)
class ProductionModel:
    """The sentiment model in production: the course's fixed model, trained on the launch categories."""

    classifier: LogisticRegression

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """(n, 2) probabilities of negative and positive."""
        return self.classifier.predict_proba(baseline.featurize(list(texts)))

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.predict_proba(texts).argmax(axis=1)


@functools.lru_cache(maxsize=1)
def production_model() -> ProductionModel:
    """The fixed model fitted on ``TRAINING_REVIEWS`` balanced reviews of the launch categories (cached)."""
    text_rng = random.Random(f"stream-training-{TRAINING_SEED}")
    labels = [i % 2 for i in range(TRAINING_REVIEWS)]
    text_rng.shuffle(labels)
    texts = [write_review(text_rng, y, _SPECS[text_rng.choice(LAUNCH_CATEGORIES)]) for y in labels]
    return ProductionModel(baseline.fit(baseline.featurize(texts), np.array(labels)))
