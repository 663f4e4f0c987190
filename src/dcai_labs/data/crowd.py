"""A crowdsourcing simulator with ground truth: the data of Lab 02 (labeling and crowdsourcing).

The task: put each of the course's generated product reviews in the shop department of its product
(``DEPARTMENTS``: electronics, kitchen, books, toys, clothing, beauty). Every item has a hidden true
department and a difficulty; every simulated annotator has a confusion matrix, a speed, and a skill that
grows with the hours worked on the task (faster with feedback). Because everything is simulated, every
quantity a learner measures (a worker's accuracy, the best possible aggregate, the gain of a clearer
guideline) has a known answer that the lab's hidden tests recompute with other seeds.

How one label is drawn, for item ``i`` (true department ``k``, difficulty ``d``) and worker ``w``::

    P(answer = j) = (1 - d) * C_w(h)[k', j] + d / K

- ``C_w(h)`` is the worker's confusion matrix after ``h`` hours on the task: ``s(h)`` on the diagonal and
  ``1 - s(h)`` spread over the other departments by a worker-specific error profile, where
  ``s(h) = s_max - (s_max - s_0) * exp(-h * rate / tau)`` and ``rate`` is 2 with feedback, 1 without;
- spammers ignore the item (uniformly random answers, or always the same department), the adversary
  deliberately answers a wrong department (a fixed derangement) most of the time;
- ``k'`` is the department the worker *believes* the guideline asks for: the true one, except for the
  ambiguous items (kitchen appliances that plug in) when the guideline leaves them open and the worker
  reads its "anything that needs a plug is electronics" rule literally. This is the systematic
  confusion between two classes that a clearer guideline removes.

Nothing here downloads: the texts come from :func:`dcai_labs.data.reviews.generate_reviews`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from dcai_labs.data.reviews import CATEGORIES, generate_reviews

#: The classes of the labelling task, in index order (label ``k`` means ``DEPARTMENTS[k]``).
DEPARTMENTS: tuple[str, ...] = CATEGORIES
N_CLASSES = len(DEPARTMENTS)
KITCHEN, ELECTRONICS = DEPARTMENTS.index("kitchen"), DEPARTMENTS.index("electronics")

#: Kitchen products that plug in: what the ambiguous rule of the first guideline is unclear about.
_APPLIANCE = re.compile(r"\b(blender|coffee maker|air fryer|kitchen scale|motor|coffee|brew\w*)\b", re.IGNORECASE)

#: The kinds of simulated annotators, in the order a crowd lists them.
WORKER_KINDS = ("expert", "ordinary", "random_spammer", "constant_spammer", "adversary", "misreader")

#: How a default crowd is made up (20 workers).
DEFAULT_MIX: dict[str, int] = {
    "expert": 2,
    "ordinary": 13,
    "random_spammer": 2,
    "constant_spammer": 1,
    "adversary": 1,
    "misreader": 1,
}

#: Piece rate of the crowd platform (US dollars per label) and the hourly wage of staff annotators.
PAY_PER_LABEL = 0.02
WAGE_PER_HOUR = 15.0
#: Paid training a staff annotator gets before labelling (hours).
ONBOARDING_HOURS = 2.0


@dataclass(frozen=True)
class Guideline:
    """The labelling instructions. ``appliances`` is how they settle the ambiguous case.

    ``None`` (the first version) leaves it open: a worker who reads "anything that needs a plug or
    batteries goes under electronics" literally files a blender under electronics, while the shop files it
    under kitchen. Build a clearer version with :meth:`clarify`.
    """

    rules: tuple[str, ...] = (
        "Choose the shop department of the product the review is about.",
        "Books include cookbooks and children's books.",
        "Anything that needs a plug or batteries goes under electronics.",
        "Toys are products made for children to play with.",
    )
    appliances: str | None = None

    def clarify(self, first: str, second: str, choose: str) -> Guideline:
        """A copy with one more rule: "when an item could be ``first`` or ``second``, choose ``choose``".

        Only a rule about the pair the instructions really leave open (kitchen and electronics, in either
        order) changes what workers do; any other rule is added to the text and changes nothing.
        """
        for name in (first, second, choose):
            if name not in DEPARTMENTS:
                raise ValueError(f"unknown department {name!r}; the departments are {', '.join(DEPARTMENTS)}")
        if choose not in (first, second):
            raise ValueError(f"choose one of the two departments the rule is about ({first!r} or {second!r})")
        rule = f"When a product could be {first} or {second}, choose {choose}."
        settles = {first, second} == {"kitchen", "electronics"}
        return replace(self, rules=(*self.rules, rule), appliances=choose if settles else self.appliances)

    def text(self) -> str:
        """The guideline as a worker reads it, one numbered rule per line."""
        return "\n".join(f"{i}. {rule}" for i, rule in enumerate(self.rules, 1))


GUIDELINE = Guideline()


@dataclass(frozen=True)
class Worker:
    """One simulated annotator. ``kind`` is what the simulator made it; the lab has to find that out."""

    worker_id: str
    kind: str
    skill: float  # s_0: probability of answering what it believes the truth is, on an easy item, when new
    skill_max: float  # what practice takes it to
    hours_to_learn: float  # tau: hours on the task for two thirds of the way (half as many with feedback)
    seconds_per_label: float  # median time it takes per label
    literal: bool  # reads the ambiguous rule literally (kitchen appliances under electronics)
    error_profile: np.ndarray = field(repr=False, compare=False)  # (K, K): where its wrong answers go; zero diagonal
    constant_label: int = -1  # what a constant spammer always answers
    hours_before: float = 0.0  # hours already worked on this task before the simulation starts

    def skill_after(self, hours: np.ndarray | float, feedback: bool = False) -> np.ndarray:
        """s(h): the skill after ``hours`` on the task."""
        rate = 2.0 if feedback else 1.0
        h = np.asarray(hours, dtype=float)
        return self.skill_max - (self.skill_max - self.skill) * np.exp(-h * rate / self.hours_to_learn)

    def confusion(self, hours: float = 0.0, feedback: bool = False) -> np.ndarray:
        """C_w(h): row k = distribution of its answer on an easy item it believes is department k."""
        K = N_CLASSES
        if self.kind == "random_spammer":
            return np.full((K, K), 1.0 / K)
        if self.kind == "constant_spammer":
            matrix = np.zeros((K, K))
            matrix[:, self.constant_label] = 1.0
            return matrix
        s = float(self.skill_after(hours, feedback))
        return s * np.eye(K) + (1.0 - s) * self.error_profile


def _error_profile(rng: np.random.Generator, kind: str) -> np.ndarray:
    K = N_CLASSES
    if kind == "adversary":  # a fixed derangement: always a wrong department, never at random
        shift = int(rng.integers(1, K))
        return np.roll(np.eye(K), shift, axis=1)
    profile = rng.dirichlet(np.full(K - 1, 2.0), size=K)
    matrix = np.zeros((K, K))
    for k in range(K):
        matrix[k, [j for j in range(K) if j != k]] = profile[k]
    return matrix


def _make_worker(rng: np.random.Generator, worker_id: str, kind: str, literal_share: float) -> Worker:
    skill = {"expert": rng.uniform(0.90, 0.95), "adversary": rng.uniform(0.05, 0.10)}.get(kind, rng.uniform(0.62, 0.82))
    skill_max = {"expert": 0.97, "adversary": skill}.get(kind, min(0.95, skill + rng.uniform(0.08, 0.15)))
    return Worker(
        worker_id=worker_id,
        kind=kind,
        skill=float(skill),
        skill_max=float(skill_max),
        hours_to_learn=float(rng.uniform(2.0, 4.0)),
        seconds_per_label=float({"random_spammer": 3.0, "constant_spammer": 2.0}.get(kind, rng.uniform(10.0, 20.0))),
        literal=kind == "misreader" or (kind == "ordinary" and bool(rng.random() < literal_share)),
        error_profile=_error_profile(rng, kind),
        constant_label=int(rng.integers(N_CLASSES)) if kind == "constant_spammer" else -1,
    )


def make_workers(
    mix: dict[str, int], seed: int | Sequence[int], prefix: str = "w", literal_share: float = 0.6
) -> tuple[Worker, ...]:
    """Workers of the given kinds (``{kind: count}``), ids ``f"{prefix}{n:02d}"`` in a seeded random order.

    ``seed`` may be a sequence (numpy's seed sequences): a hired team uses ``[crowd seed, hire seed, team kind]``
    so that its workers never repeat the random draws of the crowd's own workers.
    """
    unknown = set(mix) - set(WORKER_KINDS)
    if unknown:
        raise ValueError(f"unknown worker kind(s) {sorted(unknown)}; the kinds are {', '.join(WORKER_KINDS)}")
    negative = sorted(kind for kind, count in mix.items() if count < 0)
    if negative:
        raise ValueError(f"worker counts cannot be negative: {', '.join(f'{k}={mix[k]}' for k in negative)}")
    rng = np.random.default_rng([*np.atleast_1d(seed).tolist(), 7])
    kinds = [kind for kind in WORKER_KINDS for _ in range(mix.get(kind, 0))]
    kinds = [kinds[i] for i in rng.permutation(len(kinds))]
    return tuple(_make_worker(rng, f"{prefix}{n:02d}", kind, literal_share) for n, kind in enumerate(kinds))


@dataclass(frozen=True)
class Team:
    """Who labels and on what terms: occasional crowd workers paid per label, or trained staff paid hourly."""

    name: str
    workers: tuple[Worker, ...]
    feedback: bool  # workers see the correct answer of gold items they got wrong, and learn twice as fast
    pay_per_label: float  # dollars per label (0 for staff)
    wage_per_hour: float  # dollars per hour worked, onboarding included (0 for piece-rate workers)
    onboarding_hours: float  # paid training per worker before the first label

    def __post_init__(self) -> None:
        if not self.workers:
            raise ValueError("a team needs at least one worker")


@dataclass(eq=False)
class Crowd:
    """A labelling project: items with hidden truth, a crowd of workers, and a pilot set of gold items.

    - ``items``: DataFrame with ``item`` (0..n-1) and ``text``: what a worker sees;
    - ``gold``: the item ids of the pilot, whose true departments the requester knows (``gold_truth``);
    - ``true_labels``: the answer key of *every* item, for measuring only: an aggregation method that
      reads it is cheating (the lab's tests check that).
    """

    items: pd.DataFrame
    true_labels: np.ndarray
    difficulty: np.ndarray
    ambiguous: np.ndarray
    workers: tuple[Worker, ...]
    gold: np.ndarray
    seed: int

    @property
    def gold_truth(self) -> pd.Series:
        """True department (int) of each gold item, indexed by item id."""
        return pd.Series(self.true_labels[self.gold], index=pd.Index(self.gold, name="item"), name="truth")

    @property
    def pool(self) -> np.ndarray:
        """The item ids that are not gold: what the project has to label."""
        return np.setdiff1d(np.arange(len(self.items)), self.gold)

    def worker(self, worker_id: str) -> Worker:
        for w in self.workers:
            if w.worker_id == worker_id:
                return w
        raise KeyError(f"no worker {worker_id!r} in this crowd")

    def pilot(self, guideline: Guideline = GUIDELINE, seed: int = 0) -> pd.DataFrame:
        """Every worker labels every gold item once (in the order of their ids): the labels of a pilot round."""
        return self.collect(self.gold, len(self.workers), guideline=guideline, seed=seed)

    def collect(
        self,
        item_ids: Sequence[int] | np.ndarray,
        labels_per_item: int,
        *,
        guideline: Guideline = GUIDELINE,
        team: Team | None = None,
        seed: int = 0,
    ) -> pd.DataFrame:
        """Labels for ``item_ids``, each from ``labels_per_item`` different workers.

        Workers come from ``team`` (default: this crowd, no feedback) and share the items evenly: each item
        goes to the workers with the fewest labels so far (ties at random). Each worker labels its items in
        order and gains experience as it goes. Returns a DataFrame with one row per label: ``item``,
        ``worker`` (id), ``label`` (int department) and ``seconds`` it took, sorted by item then worker.
        """
        workers = team.workers if team is not None else self.workers
        feedback = team.feedback if team is not None else False
        items = np.asarray(item_ids, dtype=int)
        if not 1 <= labels_per_item <= len(workers):
            raise ValueError(f"labels_per_item must be between 1 and the number of workers ({len(workers)})")
        if len(items) and (items.min() < 0 or items.max() >= len(self.items)):
            raise ValueError(f"item ids must be between 0 and {len(self.items) - 1}")
        rng = np.random.default_rng([self.seed, seed, 11])
        done = np.zeros(len(workers))
        assigned: list[list[int]] = [[] for _ in workers]
        for item in items:
            order = np.lexsort((rng.random(len(workers)), done))[:labels_per_item]
            for w in order:
                assigned[w].append(int(item))
            done[order] += 1
        rows = [
            self._label(worker, np.array(its, dtype=int), guideline, feedback, rng)
            for worker, its in zip(workers, assigned)
        ]
        labels = pd.concat(rows, ignore_index=True)
        return labels.sort_values(["item", "worker"], kind="stable").reset_index(drop=True)

    def _label(
        self, worker: Worker, items: np.ndarray, guideline: Guideline, feedback: bool, rng: np.random.Generator
    ) -> pd.DataFrame:
        n = len(items)
        seconds = worker.seconds_per_label * rng.lognormal(0.0, 0.35, size=n)
        hours = worker.hours_before + (np.cumsum(seconds) - seconds) / 3600.0
        believed = self.true_labels[items].copy()
        if guideline.appliances is not None:
            believed[self.ambiguous[items]] = DEPARTMENTS.index(guideline.appliances)
        elif worker.literal:
            believed[self.ambiguous[items]] = ELECTRONICS
        K = N_CLASSES
        if worker.kind in ("random_spammer", "constant_spammer"):
            probs = np.repeat(worker.confusion()[None, 0, :], n, axis=0)
        else:
            s = worker.skill_after(hours, feedback)[:, None]
            probs = s * np.eye(K)[believed] + (1.0 - s) * worker.error_profile[believed]
            d = self.difficulty[items][:, None]
            probs = (1.0 - d) * probs + d / K
        answers = (rng.random(n)[:, None] > np.cumsum(probs, axis=1)).sum(axis=1).clip(max=K - 1)
        return pd.DataFrame({"item": items, "worker": worker.worker_id, "label": answers, "seconds": seconds.round(1)})

    def hire(self, kind: str, n: int, seed: int = 0, pay_per_label: float = PAY_PER_LABEL) -> Team:
        """A new team for the rest of the project.

        - ``"occasional"``: ``n`` crowd workers new to the task, paid ``pay_per_label`` per label, no
          training, no feedback; like any open crowd about one in ten is a spammer;
        - ``"staff"``: ``n`` annotators hired full time at ``WAGE_PER_HOUR``, with ``ONBOARDING_HOURS`` of
          paid training (which counts as hours on the task) and feedback on gold items as they work.
        """
        if n < 1:
            raise ValueError("hire at least one worker")
        if kind == "occasional":
            spammers = max(1, round(0.1 * n)) if n >= 5 else 0
            mix = {"ordinary": n - spammers, "random_spammer": spammers}
            workers = make_workers(mix, seed=[self.seed, seed, 1], prefix="c", literal_share=0.0)
            return Team("occasional", workers, False, pay_per_label, 0.0, 0.0)
        if kind == "staff":
            workers = make_workers({"ordinary": n}, seed=[self.seed, seed, 2], prefix="s", literal_share=0.0)
            workers = tuple(replace(w, hours_before=ONBOARDING_HOURS) for w in workers)
            return Team("staff", workers, True, 0.0, WAGE_PER_HOUR, ONBOARDING_HOURS)
        raise ValueError(f"unknown kind of team {kind!r}; choose 'occasional' or 'staff'")


def make_crowd(n_items: int = 1200, n_gold: int = 150, seed: int = 0, mix: dict[str, int] | None = None) -> Crowd:
    """A labelling project of ``n_items`` reviews (the first ``n_gold`` are the pilot's gold items).

    Depends only on its arguments. The default crowd has 20 workers (see ``DEFAULT_MIX``).
    """
    if not 0 < n_gold < n_items:
        raise ValueError("n_gold must be at least 1 and smaller than n_items")
    workers = make_workers(DEFAULT_MIX if mix is None else mix, seed=seed)
    if not workers:
        raise ValueError("a crowd needs at least one worker: mix counts none")
    reviews = generate_reviews(n_items, seed=1000 + seed)
    order = np.random.default_rng([seed, 3]).permutation(n_items)
    reviews = reviews.iloc[order].reset_index(drop=True)
    truth = reviews["category"].map(DEPARTMENTS.index).to_numpy()
    ambiguous = (truth == KITCHEN) & reviews["text"].map(lambda text: bool(_APPLIANCE.search(text))).to_numpy()
    difficulty = np.random.default_rng([seed, 5]).beta(1.0, 8.0, size=n_items)
    items = pd.DataFrame({"item": np.arange(n_items), "text": reviews["text"].to_numpy()})
    return Crowd(items, truth, difficulty, ambiguous, workers, np.arange(n_gold), seed)


__all__ = [
    "DEFAULT_MIX",
    "DEPARTMENTS",
    "ELECTRONICS",
    "GUIDELINE",
    "KITCHEN",
    "N_CLASSES",
    "ONBOARDING_HOURS",
    "PAY_PER_LABEL",
    "WAGE_PER_HOUR",
    "WORKER_KINDS",
    "Crowd",
    "Guideline",
    "Team",
    "Worker",
    "make_crowd",
    "make_workers",
]
