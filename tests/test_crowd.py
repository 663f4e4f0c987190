"""The crowdsourcing simulator of Lab 02 (dcai_labs.data.crowd): its contracts and its response model.

The lab's answers are only as good as the simulator's promises, so these tests hold it to them: the same seeds
give the same labels, ``collect`` shares items the way it says, a clearer guideline removes exactly the confusion
it is about, spammers ignore the items, the adversary is worse than chance and practice makes workers better.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter

import numpy as np
import pandas as pd
import pytest

from dcai_labs.data import DEPARTMENTS, GUIDELINE, Crowd, Guideline, Team, make_crowd
from dcai_labs.data import crowd as crowdsim
from dcai_labs.data.crowd import (
    DEFAULT_MIX,
    ELECTRONICS,
    KITCHEN,
    N_CLASSES,
    ONBOARDING_HOURS,
    PAY_PER_LABEL,
    WAGE_PER_HOUR,
    WORKER_KINDS,
    Worker,
    make_workers,
)

K = N_CLASSES
SPAMMERS = ("random_spammer", "constant_spammer")
COLUMNS = ["item", "worker", "label", "seconds"]
CLEAR = GUIDELINE.clarify("kitchen", "electronics", "kitchen")
WRONG = GUIDELINE.clarify("kitchen", "electronics", "electronics")


@pytest.fixture(scope="module")
def crowd() -> Crowd:
    return make_crowd()


@pytest.fixture(scope="module")
def small() -> Crowd:
    return make_crowd(n_items=300, n_gold=40, seed=5)


def _kinds(crowd: Crowd) -> dict[str, str]:
    return {w.worker_id: w.kind for w in crowd.workers}


def _same_workers(a: tuple[Worker, ...], b: tuple[Worker, ...]) -> bool:
    """Worker holds an array, so == on two equal copies is ambiguous: compare field by field."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        fx, fy = dataclasses.asdict(x), dataclasses.asdict(y)
        if not np.array_equal(fx.pop("error_profile"), fy.pop("error_profile")) or fx != fy:
            return False
    return True


def _correct(crowd: Crowd, labels: pd.DataFrame) -> np.ndarray:
    return labels["label"].to_numpy() == crowd.true_labels[labels["item"].to_numpy()]


# --- the project -------------------------------------------------------------------------------------


def test_the_default_project(crowd: Crowd) -> None:
    assert list(crowd.items.columns) == ["item", "text"] and len(crowd.items) == 1200
    assert np.array_equal(crowd.items["item"], np.arange(1200))
    assert np.array_equal(crowd.gold, np.arange(150)) and np.array_equal(crowd.pool, np.arange(150, 1200))
    assert Counter(w.kind for w in crowd.workers) == Counter(DEFAULT_MIX) and sum(DEFAULT_MIX.values()) == 20
    assert [w.worker_id for w in crowd.workers] == [f"w{n:02d}" for n in range(20)]
    assert set(DEFAULT_MIX) == set(WORKER_KINDS)
    assert crowd.true_labels.shape == crowd.difficulty.shape == crowd.ambiguous.shape == (1200,)
    assert set(np.unique(crowd.true_labels)) == set(range(K)) and DEPARTMENTS[KITCHEN] == "kitchen"
    assert ((crowd.difficulty >= 0) & (crowd.difficulty < 1)).all()
    truth = crowd.gold_truth
    assert truth.index.name == "item" and np.array_equal(truth.index, crowd.gold)
    assert np.array_equal(truth.to_numpy(), crowd.true_labels[crowd.gold])
    assert crowd.worker("w07").worker_id == "w07"
    with pytest.raises(KeyError, match="no worker 'w99'"):
        crowd.worker("w99")


def test_ambiguous_items_are_kitchen_appliances(crowd: Crowd) -> None:
    assert (crowd.true_labels[crowd.ambiguous] == KITCHEN).all()
    kitchen = crowd.true_labels == KITCHEN
    mentions = crowd.items["text"].map(lambda text: bool(crowdsim._APPLIANCE.search(text))).to_numpy()
    assert np.array_equal(crowd.ambiguous, kitchen & mentions)
    assert 0 < crowd.ambiguous[crowd.gold].sum() < crowd.ambiguous.sum() < kitchen.sum()


def test_same_seed_same_project_and_labels_other_seed_other_ones() -> None:
    first, again, other = (make_crowd(n_items=200, n_gold=30, seed=s) for s in (3, 3, 4))
    pd.testing.assert_frame_equal(first.items, again.items)
    for name in ("true_labels", "difficulty", "ambiguous", "gold"):
        assert np.array_equal(getattr(first, name), getattr(again, name)), name
    assert _same_workers(first.workers, again.workers)
    pd.testing.assert_frame_equal(first.pilot(), again.pilot())
    pd.testing.assert_frame_equal(first.collect(first.pool, 3, seed=2), again.collect(again.pool, 3, seed=2))
    assert not first.collect(first.pool, 3, seed=2)["label"].equals(first.collect(first.pool, 3, seed=3)["label"])
    assert not first.items["text"].equals(other.items["text"])
    assert not _same_workers(first.workers, other.workers)
    assert not first.pilot()["label"].equals(other.pilot()["label"])


# --- collect and pilot -------------------------------------------------------------------------------


@pytest.mark.parametrize("labels_per_item", [1, 3, 7, 20])
def test_collect_gives_each_item_distinct_workers_shared_evenly(small: Crowd, labels_per_item: int) -> None:
    labels = small.collect(small.pool, labels_per_item, seed=2)
    assert list(labels.columns) == COLUMNS and isinstance(labels.index, pd.RangeIndex)
    assert len(labels) == labels_per_item * len(small.pool)
    per_item = labels.groupby("item")["worker"]
    assert (per_item.nunique() == labels_per_item).all() and (per_item.size() == labels_per_item).all()
    assert np.array_equal(per_item.size().index, small.pool)
    per_worker = labels["worker"].value_counts().reindex([w.worker_id for w in small.workers], fill_value=0)
    assert per_worker.max() - per_worker.min() <= 1, "the workers share the items evenly"
    expected = labels.sort_values(["item", "worker"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(labels, expected)
    assert labels["label"].between(0, K - 1).all() and np.issubdtype(labels["label"].dtype, np.integer)
    assert (labels["seconds"] > 0).all()


def test_collect_takes_any_items_and_a_team(small: Crowd) -> None:
    labels = small.collect([9, 3, 250], 2, seed=1)
    assert labels["item"].tolist() == [3, 3, 9, 9, 250, 250]
    team = small.hire("staff", 3)
    labels = small.collect(small.pool[:30], 3, team=team)
    assert set(labels["worker"]) == {w.worker_id for w in team.workers}
    assert (labels.groupby("worker").size() == 30).all()


@pytest.mark.parametrize("labels_per_item", [0, -1, 21])
def test_collect_rejects_labels_per_item_out_of_range(small: Crowd, labels_per_item: int) -> None:
    with pytest.raises(ValueError, match=r"labels_per_item must be between 1 and the number of workers \(20\)"):
        small.collect(small.pool, labels_per_item)
    with pytest.raises(ValueError, match=r"number of workers \(3\)"):
        small.collect(small.pool, 4, team=small.hire("staff", 3))


@pytest.mark.parametrize("items", [[0, -1], [5, 300], [1000]])
def test_collect_rejects_item_ids_outside_the_project(small: Crowd, items: list[int]) -> None:
    with pytest.raises(ValueError, match="item ids must be between 0 and 299"):
        small.collect(items, 2)


def test_pilot_is_every_worker_on_every_gold_item(crowd: Crowd) -> None:
    pilot = crowd.pilot()
    assert list(pilot.columns) == COLUMNS and len(pilot) == len(crowd.workers) * len(crowd.gold) == 3000
    grid = pilot.pivot(index="item", columns="worker", values="label")  # raises if a pair is repeated
    assert grid.shape == (150, 20) and not grid.isna().any().any()
    assert np.array_equal(grid.index, crowd.gold) and list(grid.columns) == [w.worker_id for w in crowd.workers]
    assert not pilot["label"].equals(crowd.pilot(seed=1)["label"])


def test_spammers_are_fast_and_readers_are_not(crowd: Crowd) -> None:
    medians = crowd.pilot().groupby("worker")["seconds"].median()
    for worker in crowd.workers:
        if worker.kind in SPAMMERS:
            assert medians[worker.worker_id] < 4, worker
        else:
            assert 8 < medians[worker.worker_id] < 25, worker


# --- the guideline -----------------------------------------------------------------------------------


def test_guideline_text_and_clarify() -> None:
    lines = GUIDELINE.text().splitlines()
    assert len(lines) == len(GUIDELINE.rules) == 4 and lines[2].startswith("3. Anything that needs a plug")
    assert GUIDELINE.appliances is None
    assert isinstance(CLEAR, Guideline) and CLEAR.appliances == "kitchen" and GUIDELINE.appliances is None
    assert CLEAR.rules == (*GUIDELINE.rules, "When a product could be kitchen or electronics, choose kitchen.")
    assert CLEAR.text().splitlines()[-1] == "5. When a product could be kitchen or electronics, choose kitchen."
    assert GUIDELINE.clarify("electronics", "kitchen", "kitchen").appliances == "kitchen", "either order"
    assert WRONG.appliances == "electronics"
    unrelated = CLEAR.clarify("books", "toys", "toys")
    assert unrelated.appliances == "kitchen" and len(unrelated.rules) == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("kitchen", "garden", "kitchen"), "unknown department 'garden'; the departments are electronics, kitchen"),
        (("Kitchen", "electronics", "Kitchen"), "unknown department 'Kitchen'"),
        (("kitchen", "electronics", "books"), "choose one of the two departments the rule is about"),
        (("toys", "books", "beauty"), r"\('toys' or 'books'\)"),
    ],
)
def test_clarify_rejects_unknown_departments_and_a_choice_outside_the_pair(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        GUIDELINE.clarify(*args)


def _electronics_share(crowd: Crowd, guideline: Guideline) -> dict[str, float]:
    """Share of "electronics" answers on the ambiguous items, every worker labelling every one of them."""
    labels = crowd.collect(np.flatnonzero(crowd.ambiguous), len(crowd.workers), guideline=guideline, seed=1)
    kinds, literal = _kinds(crowd), {w.worker_id: w.literal for w in crowd.workers}
    readers = labels[~labels["worker"].map(kinds).isin(SPAMMERS)]
    is_literal = readers["worker"].map(literal)
    return {
        "readers": float((readers["label"] == ELECTRONICS).mean()),
        "literal": float((readers.loc[is_literal, "label"] == ELECTRONICS).mean()),
        "others": float((readers.loc[~is_literal, "label"] == ELECTRONICS).mean()),
    }


def test_clarifying_kitchen_removes_the_kitchen_electronics_confusion(crowd: Crowd) -> None:
    assert any(w.literal for w in crowd.workers) and not all(w.literal for w in crowd.workers)
    before, after, wrong = (_electronics_share(crowd, g) for g in (GUIDELINE, CLEAR, WRONG))
    assert before["literal"] > 0.5 > before["others"], "literal readers file appliances under electronics"
    assert after["literal"] < 0.15 and after["readers"] < before["readers"] - 0.2
    assert after["others"] == before["others"], "a worker who read the rule as the shop meant it is unaffected"
    assert wrong["readers"] > before["readers"] + 0.2 and wrong["others"] > 0.5, "choosing electronics is worse"


def test_the_guideline_only_changes_labels_of_ambiguous_items(crowd: Crowd) -> None:
    before, after = crowd.pilot(GUIDELINE, seed=4), crowd.pilot(CLEAR, seed=4)
    pd.testing.assert_frame_equal(before[["item", "worker", "seconds"]], after[["item", "worker", "seconds"]])
    changed = before["label"] != after["label"]
    assert changed.any() and crowd.ambiguous[before.loc[changed, "item"]].all()
    kitchen = crowd.true_labels[before["item"]] == KITCHEN
    assert _correct(crowd, after)[kitchen].mean() > _correct(crowd, before)[kitchen].mean() + 0.05


def test_an_unrelated_rule_changes_nothing_but_the_text(crowd: Crowd) -> None:
    other = GUIDELINE.clarify("books", "toys", "books")
    assert other.appliances is None and "When a product could be books or toys, choose books." in other.text()
    pd.testing.assert_frame_equal(crowd.pilot(other, seed=2), crowd.pilot(GUIDELINE, seed=2))
    pool = crowd.pool[:200]
    pd.testing.assert_frame_equal(crowd.collect(pool, 3, guideline=other), crowd.collect(pool, 3))


# --- the kinds of workers ----------------------------------------------------------------------------


def test_spammers_answers_do_not_depend_on_the_truth(crowd: Crowd) -> None:
    rng = np.random.default_rng(0)
    shuffled = dataclasses.replace(
        crowd,
        true_labels=rng.permutation(crowd.true_labels),
        difficulty=rng.permutation(crowd.difficulty),
        ambiguous=rng.permutation(crowd.ambiguous),
    )
    real, fake = crowd.collect(crowd.pool, 5, seed=4), shuffled.collect(crowd.pool, 5, seed=4)
    spam = real["worker"].map(_kinds(crowd)).isin(SPAMMERS)
    pd.testing.assert_frame_equal(real[spam], fake[spam])
    assert not real.loc[~spam, "label"].equals(fake.loc[~spam, "label"]), "readers do depend on the items"


def test_random_and_constant_spammers() -> None:
    spammy = make_crowd(n_items=1200, n_gold=10, seed=2, mix={"random_spammer": 2, "constant_spammer": 1})
    labels = spammy.collect(np.arange(1200), 3)
    for worker in spammy.workers:
        mine = labels[labels["worker"] == worker.worker_id]
        if worker.kind == "constant_spammer":
            assert set(mine["label"]) == {worker.constant_label} and 0 <= worker.constant_label < K
            assert np.array_equal(worker.confusion()[:, worker.constant_label], np.ones(K))
        else:
            counts = np.bincount(mine["label"], minlength=K)
            assert (np.abs(counts - len(mine) / K) < 80).all(), counts  # 200 +- 80 is more than 5 sd
            assert np.allclose(worker.confusion(), 1 / K)
            truth = spammy.true_labels[mine["item"]]
            assert abs((mine["label"].to_numpy() == truth).mean() - 1 / K) < 0.04


def test_the_adversary_is_worse_than_chance_and_wrong_on_purpose() -> None:
    hostile = make_crowd(n_items=1200, n_gold=10, seed=3, mix={"adversary": 3})
    labels = hostile.collect(np.arange(1200), 3)
    for worker in hostile.workers:
        mine = labels[labels["worker"] == worker.worker_id]
        truth = hostile.true_labels[mine["item"]]
        assert (mine["label"].to_numpy() == truth).mean() < 1 / K, worker
        profile = worker.error_profile
        assert np.array_equal(profile.sum(axis=1), np.ones(K)) and np.all(np.diag(profile) == 0)
        assert set(np.unique(profile)) == {0.0, 1.0}, "a fixed derangement, not a random error"
        favourite = pd.crosstab(truth, mine["label"]).idxmax(axis=1)
        assert np.array_equal(favourite.to_numpy(), profile.argmax(axis=1)), "the same wrong answer for each class"
        assert worker.skill_after(10.0, feedback=True) == pytest.approx(worker.skill), "it does not learn"


def test_the_default_crowds_kinds_rank_as_intended(crowd: Crowd) -> None:
    pilot = crowd.pilot()
    accuracy = pd.Series(_correct(crowd, pilot)).groupby(pilot["worker"].map(_kinds(crowd))).mean()
    assert accuracy["expert"] > accuracy["ordinary"] > 0.5 > 1 / K > accuracy["adversary"]
    assert max(accuracy[kind] for kind in SPAMMERS) < 0.25


# --- learning ----------------------------------------------------------------------------------------


def test_skill_grows_with_hours_and_faster_with_feedback() -> None:
    hours = np.linspace(0.0, 30.0, 61)
    for worker in make_workers({"expert": 2, "ordinary": 6, "misreader": 1}, seed=8):
        alone, taught = worker.skill_after(hours), worker.skill_after(hours, feedback=True)
        assert alone[0] == pytest.approx(worker.skill) and taught[0] == pytest.approx(worker.skill)
        assert (np.diff(alone) > 0).all() and (np.diff(taught) > 0).all(), worker
        assert (taught[1:] > alone[1:]).all(), "feedback speeds learning up"
        assert np.allclose(taught, worker.skill_after(2 * hours)), "twice as fast"
        assert alone[-1] < worker.skill_max and alone[-1] == pytest.approx(worker.skill_max, abs=0.01)
        for h in (0.0, 1.5, 8.0):
            matrix = worker.confusion(h)
            assert np.allclose(matrix.sum(axis=1), 1) and np.allclose(np.diag(matrix), worker.skill_after(h))


def test_practice_and_feedback_make_the_same_labels_only_better(small: Crowd) -> None:
    """With the same seed the draws are the same, so a more skilled worker keeps every right answer."""
    staff = small.hire("staff", 4, seed=1)
    untaught = dataclasses.replace(staff, feedback=False)
    fresh = dataclasses.replace(
        untaught, workers=tuple(dataclasses.replace(w, hours_before=0.0) for w in staff.workers)
    )
    right = {
        name: _correct(small, small.collect(small.pool, 2, team=team, seed=6))
        for name, team in [("staff", staff), ("untaught", untaught), ("fresh", fresh)]
    }
    assert (right["staff"] >= right["untaught"]).all() and right["staff"].sum() > right["untaught"].sum()
    assert (right["untaught"] >= right["fresh"]).all() and right["untaught"].sum() > right["fresh"].sum()


# --- teams -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "spammers"), [(1, 0), (4, 0), (5, 1), (20, 2), (30, 3), (40, 4)])
def test_hire_occasional_includes_about_one_spammer_in_ten(crowd: Crowd, n: int, spammers: int) -> None:
    team = crowd.hire("occasional", n)
    assert isinstance(team, Team) and team.name == "occasional" and len(team.workers) == n
    assert Counter(w.kind for w in team.workers) == Counter({"ordinary": n - spammers, "random_spammer": spammers})
    assert [w.worker_id for w in team.workers] == [f"c{i:02d}" for i in range(n)]
    assert not team.feedback and team.pay_per_label == PAY_PER_LABEL and team.wage_per_hour == 0
    assert team.onboarding_hours == 0 and all(w.hours_before == 0 and not w.literal for w in team.workers)


def test_hire_staff_has_no_spammers_and_is_trained(crowd: Crowd) -> None:
    team = crowd.hire("staff", 6)
    assert team.name == "staff" and all(w.kind == "ordinary" and not w.literal for w in team.workers)
    assert [w.worker_id for w in team.workers] == [f"s{i:02d}" for i in range(6)]
    assert team.feedback and team.pay_per_label == 0 and team.wage_per_hour == WAGE_PER_HOUR == 15.0
    assert team.onboarding_hours == ONBOARDING_HOURS and all(w.hours_before == ONBOARDING_HOURS for w in team.workers)


def test_hire_is_seeded_and_checks_its_arguments(crowd: Crowd) -> None:
    assert _same_workers(crowd.hire("staff", 3, seed=1).workers, crowd.hire("staff", 3, seed=1).workers)
    assert not _same_workers(crowd.hire("staff", 3, seed=1).workers, crowd.hire("staff", 3, seed=2).workers)
    assert crowd.hire("occasional", 10, pay_per_label=0.05).pay_per_label == 0.05
    with pytest.raises(ValueError, match="hire at least one worker"):
        crowd.hire("staff", 0)
    with pytest.raises(ValueError, match="unknown kind of team 'interns'; choose 'occasional' or 'staff'"):
        crowd.hire("interns", 3)
    with pytest.raises(ValueError, match="at least one worker"):
        Team("empty", (), False, 0.02, 0.0, 0.0)


# --- construction ------------------------------------------------------------------------------------


def test_make_workers_kinds_ids_and_profiles() -> None:
    workers = make_workers({"expert": 2, "adversary": 1, "constant_spammer": 1}, seed=1, prefix="x")
    assert [w.worker_id for w in workers] == ["x00", "x01", "x02", "x03"]
    assert Counter(w.kind for w in workers) == {"expert": 2, "adversary": 1, "constant_spammer": 1}
    for worker in workers:
        assert np.allclose(worker.error_profile.sum(axis=1), 1) and np.all(np.diag(worker.error_profile) == 0)
        assert (worker.constant_label >= 0) == (worker.kind == "constant_spammer")
        if worker.kind == "expert":
            assert 0.90 <= worker.skill <= 0.95 and worker.skill_max == 0.97
    assert make_workers({}, seed=1) == ()
    with pytest.raises(ValueError, match=r"unknown worker kind\(s\) \['genius'\]"):
        make_workers({"genius": 1}, seed=0)
    with pytest.raises(ValueError, match="cannot be negative: expert=-1"):
        make_workers({"expert": -1, "ordinary": 3}, seed=0)


def test_make_crowd_with_its_own_mix() -> None:
    crowd = make_crowd(n_items=60, n_gold=10, seed=1, mix={"expert": 3})
    assert [w.kind for w in crowd.workers] == ["expert"] * 3 and len(crowd.items) == 60 and len(crowd.pool) == 50


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_items": 100, "n_gold": 0}, "n_gold must be at least 1 and smaller than n_items"),
        ({"n_items": 100, "n_gold": 100}, "n_gold must be at least 1 and smaller than n_items"),
        ({"n_items": 100, "n_gold": 150}, "n_gold must be at least 1 and smaller than n_items"),
        ({"n_items": 100, "n_gold": 10, "mix": {"spammer": 2}}, "unknown worker kind"),
        ({"n_items": 100, "n_gold": 10, "mix": {}}, "a crowd needs at least one worker"),
        ({"n_items": 100, "n_gold": 10, "mix": {"expert": 0}}, "a crowd needs at least one worker"),
        ({"n_items": 100, "n_gold": 10, "mix": {"expert": -2}}, "cannot be negative"),
    ],
)
def test_make_crowd_checks_its_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_crowd(**kwargs)


def test_the_simulator_is_fast() -> None:
    start = time.process_time()
    crowd = make_crowd()
    crowd.collect(crowd.pool, 5)
    crowd.pilot()
    assert time.process_time() - start < 2.0
