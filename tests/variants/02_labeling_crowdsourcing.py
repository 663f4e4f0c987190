"""Grader-validity variants of lab 02_labeling_crowdsourcing (see dcai_labs.grading.validity).

For every autograded exercise, keyed by the grade_id of its answer cell: plausible wrong implementations
(mistakes learners actually make) that the exercise's tests must reject, and differently written correct
implementations they must accept. Each source replaces the whole answer cell, so it defines every function
of that cell (and ``clear_guideline`` for exercise 6) and imports what it uses. The notebook's state (math,
numpy as np, pandas as pd, proportion_confint, K, N_CLASSES, DEPARTMENTS, GUIDELINE, crowd, pilot,
gold_truth, kept_pilot, kept_workers, the functions of earlier exercises) is available.
"""

# ----------------------------------------------------------------------------------------------- ex1

_EX1_GOOD_WILSON = """
def wilson_interval(correct, n, z=1.96):
    if n == 0:
        return (0.0, 1.0)
    p = correct / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return (max(0.0, centre - half), min(1.0, centre + half))
"""

_EX1_GOOD_GOLD_ACCURACY = """

def gold_accuracy(labels, gold_truth, z=1.96):
    on_gold = labels[labels["item"].isin(gold_truth.index)]
    right = on_gold["label"].to_numpy() == gold_truth.loc[on_gold["item"]].to_numpy()
    table = (pd.DataFrame({"worker": on_gold["worker"].to_numpy(), "right": right})
             .groupby("worker")["right"].agg(n="size", correct="sum").sort_index())
    table["accuracy"] = table["correct"] / table["n"]
    bounds = [wilson_interval(c, n, z) for c, n in zip(table["correct"], table["n"])]
    table["low"] = [low for low, _ in bounds]
    table["high"] = [high for _, high in bounds]
    return table
"""

_EX1_GOOD_ITEMS_NEEDED = """

def gold_items_needed(p_good, p_bad, z=1.96):
    n = 1
    while wilson_interval(p_good * n, n, z)[0] <= wilson_interval(p_bad * n, n, z)[1]:
        n += 1
    return n
"""

EX1_RIGHT_CLOSED_FORM_AND_MERGE = """
import itertools


def wilson_interval(correct, n, z=1.96):
    if not n:
        return 0.0, 1.0
    z2 = z * z
    p = correct / n
    denominator = n + z2
    centre = (correct + z2 / 2) / denominator
    spread = z * math.sqrt(n) / denominator * math.sqrt(p * (1 - p) + z2 / (4 * n))
    return float(min(max(centre - spread, 0.0), 1.0)), float(max(min(centre + spread, 1.0), 0.0))


def gold_accuracy(labels, gold_truth, z=1.96):
    truth = gold_truth.rename("truth").rename_axis("item").reset_index()
    merged = labels.merge(truth, on="item", how="inner")
    merged["correct"] = (merged["label"] == merged["truth"]).astype(int)
    table = merged.groupby("worker").agg(n=("correct", "count"), correct=("correct", "sum"))
    table = table.sort_index()
    table["accuracy"] = table["correct"] / table["n"]
    bounds = np.array([wilson_interval(c, n, z) for c, n in table[["correct", "n"]].itertuples(index=False)])
    table["low"], table["high"] = bounds[:, 0], bounds[:, 1]
    return table


def gold_items_needed(p_good, p_bad, z=1.96):
    for n in itertools.count(1):
        low_good, _ = wilson_interval(p_good * n, n, z)
        _, high_bad = wilson_interval(p_bad * n, n, z)
        if low_good > high_bad:
            return n
"""

EX1_RIGHT_STATSMODELS = (
    """
from scipy.stats import norm


def wilson_interval(correct, n, z=1.96):
    if n == 0:
        return (0.0, 1.0)
    low, high = proportion_confint(correct, n, alpha=2 * norm.sf(z), method="wilson")
    return (float(max(0.0, low)), float(min(1.0, high)))
"""
    + _EX1_GOOD_GOLD_ACCURACY
    + _EX1_GOOD_ITEMS_NEEDED
)

EX1_WRONG_WALD = (
    """
def wilson_interval(correct, n, z=1.96):
    if n == 0:
        return (0.0, 1.0)
    p = correct / n
    half = z * math.sqrt(p * (1 - p) / n)
    return (max(0.0, p - half), min(1.0, p + half))
"""
    + _EX1_GOOD_GOLD_ACCURACY
    + _EX1_GOOD_ITEMS_NEEDED
)

EX1_WRONG_IGNORES_Z = (
    """
def wilson_interval(correct, n, z=1.96):
    if n == 0:
        return (0.0, 1.0)
    p = correct / n
    centre = (p + 1.96**2 / (2 * n)) / (1 + 1.96**2 / n)
    half = 1.96 / (1 + 1.96**2 / n) * math.sqrt(p * (1 - p) / n + 1.96**2 / (4 * n**2))
    return (max(0.0, centre - half), min(1.0, centre + half))
"""
    + _EX1_GOOD_GOLD_ACCURACY
    + _EX1_GOOD_ITEMS_NEEDED
)

EX1_WRONG_ALL_ITEMS = (
    _EX1_GOOD_WILSON
    + """

def gold_accuracy(labels, gold_truth, z=1.96):
    truth = gold_truth.reindex(labels["item"]).to_numpy()      # NaN for items without a known truth
    right = labels["label"].to_numpy() == truth
    table = (pd.DataFrame({"worker": labels["worker"].to_numpy(), "right": right})
             .groupby("worker")["right"].agg(n="size", correct="sum").sort_index())
    table["accuracy"] = table["correct"] / table["n"]
    bounds = [wilson_interval(c, n, z) for c, n in zip(table["correct"], table["n"])]
    table["low"] = [low for low, _ in bounds]
    table["high"] = [high for _, high in bounds]
    return table
"""
    + _EX1_GOOD_ITEMS_NEEDED
)

EX1_WRONG_UNSORTED_WORKERS = (
    _EX1_GOOD_WILSON
    + """

def gold_accuracy(labels, gold_truth, z=1.96):
    on_gold = labels[labels["item"].isin(gold_truth.index)]
    right = on_gold["label"].to_numpy() == gold_truth.loc[on_gold["item"]].to_numpy()
    table = (pd.DataFrame({"worker": on_gold["worker"].to_numpy(), "right": right})
             .groupby("worker", sort=False)["right"].agg(n="size", correct="sum"))
    table["accuracy"] = table["correct"] / table["n"]
    bounds = [wilson_interval(c, n, z) for c, n in zip(table["correct"], table["n"])]
    table["low"] = [low for low, _ in bounds]
    table["high"] = [high for _, high in bounds]
    return table
"""
    + _EX1_GOOD_ITEMS_NEEDED
)

EX1_WRONG_GREATER_OR_EQUAL = (
    _EX1_GOOD_WILSON
    + _EX1_GOOD_GOLD_ACCURACY
    + """

def gold_items_needed(p_good, p_bad, z=1.96):
    n = 1
    while wilson_interval(p_good * n, n, z)[0] < wilson_interval(p_bad * n, n, z)[1]:   # stops at low >= high
        n += 1
    return n
"""
)

EX1_WRONG_LAST_OVERLAPPING = (
    _EX1_GOOD_WILSON
    + _EX1_GOOD_GOLD_ACCURACY
    + """

def gold_items_needed(p_good, p_bad, z=1.96):
    n = 1
    while wilson_interval(p_good * (n + 1), n + 1, z)[0] <= wilson_interval(p_bad * (n + 1), n + 1, z)[1]:
        n += 1
    return n
"""
)

EX1_WRONG_ROUNDED_COUNTS = (
    _EX1_GOOD_WILSON
    + _EX1_GOOD_GOLD_ACCURACY
    + """

def gold_items_needed(p_good, p_bad, z=1.96):
    n = 1
    while wilson_interval(round(p_good * n), n, z)[0] <= wilson_interval(round(p_bad * n), n, z)[1]:
        n += 1
    return n
"""
)

# ----------------------------------------------------------------------------------------------- ex2

EX2_RIGHT_GROUPBY_LOOP = """
from collections import Counter


def majority_vote(labels, n_classes):
    overall = Counter(int(v) for v in labels["label"])
    winners = {}
    for item, answers in labels.groupby("item")["label"]:
        votes = Counter(int(v) for v in answers)
        top = max(votes.values())
        tied = [k for k in range(n_classes) if votes.get(k, 0) == top]
        winners[item] = min(tied, key=lambda k: (-overall.get(k, 0), k))
    return pd.Series(winners, dtype=int).sort_index().rename_axis("item")
"""

EX2_RIGHT_SCORE_TRICK = """
def majority_vote(labels, n_classes):
    items, rows = np.unique(labels["item"].to_numpy(), return_inverse=True)
    answers = labels["label"].to_numpy().astype(int)
    votes = np.zeros((len(items), n_classes))
    np.add.at(votes, (rows, answers), 1)
    overall = np.bincount(answers, minlength=n_classes).astype(float)
    # rank 0 for the crowd's favourite; a vote outweighs any tie-break bonus (which stays below 1)
    order = sorted(range(n_classes), key=lambda k: (-overall[k], k))
    bonus = np.empty(n_classes)
    bonus[order] = (n_classes - np.arange(n_classes)) / (n_classes + 1)
    return pd.Series((votes + bonus).argmax(axis=1), index=pd.Index(items, name="item"))
"""

EX2_WRONG_PLAIN_ARGMAX = """
def majority_vote(labels, n_classes):
    counts = pd.crosstab(labels["item"], labels["label"]).reindex(columns=range(n_classes), fill_value=0)
    return pd.Series(counts.to_numpy().argmax(axis=1), index=counts.index)
"""

EX2_WRONG_LARGER_INDEX_ON_TIES = """
def majority_vote(labels, n_classes):
    overall = np.bincount(labels["label"].to_numpy(), minlength=n_classes)
    out = {}
    for item, group in labels.groupby("item"):
        c = np.bincount(group["label"].to_numpy(), minlength=n_classes)
        tied = [k for k in range(n_classes) if c[k] == c.max()]
        out[item] = max(tied, key=lambda k: (overall[k], k))
    return pd.Series(out)
"""

EX2_WRONG_FAVOURITE_EVEN_IF_NOT_TIED = """
def majority_vote(labels, n_classes):
    overall = np.bincount(labels["label"].to_numpy(), minlength=n_classes)
    favourite = int(overall.argmax())
    out = {}
    for item, group in labels.groupby("item"):
        c = np.bincount(group["label"].to_numpy(), minlength=n_classes)
        out[item] = int(c.argmax()) if (c == c.max()).sum() == 1 else favourite
    return pd.Series(out)
"""

EX2_WRONG_COLUMN_POSITIONS = """
def majority_vote(labels, n_classes):
    counts = pd.crosstab(labels["item"], labels["label"])          # only the classes that occur
    overall = counts.sum(axis=0).to_numpy()
    votes = counts.to_numpy()
    tied = votes == votes.max(axis=1, keepdims=True)
    order = np.lexsort((np.arange(votes.shape[1]), -overall))
    rank = np.empty(votes.shape[1], dtype=int)
    rank[order] = np.arange(votes.shape[1])
    return pd.Series(np.where(tied, rank, votes.shape[1]).argmin(axis=1), index=counts.index)
"""

# ----------------------------------------------------------------------------------------------- ex3

_EX3_GOOD_COHEN = """
def cohen_kappa(a, b, n_classes):
    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    observed = float(np.mean(a == b))
    p_a = np.bincount(a, minlength=n_classes) / len(a)
    p_b = np.bincount(b, minlength=n_classes) / len(b)
    expected = float(p_a @ p_b)
    if expected == 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)
"""

_EX3_GOOD_FLEISS = """

def fleiss_kappa(counts):
    counts = np.asarray(counts, dtype=float)
    n = counts[0].sum()
    p_item = (np.sum(counts**2, axis=1) - n) / (n * (n - 1))
    p_class = counts.sum(axis=0) / counts.sum()
    chance = float(np.sum(p_class**2))
    return float((p_item.mean() - chance) / (1.0 - chance))
"""

EX3_RIGHT_CONFUSION_MATRIX = """
def cohen_kappa(a, b, n_classes):
    table = np.zeros((n_classes, n_classes))
    np.add.at(table, (np.asarray(a, dtype=int), np.asarray(b, dtype=int)), 1)
    table /= table.sum()
    p_o = np.trace(table)
    p_e = table.sum(axis=1) @ table.sum(axis=0)
    if np.isclose(p_e, 1.0):
        return 1.0
    return float((p_o - p_e) / (1 - p_e))


def fleiss_kappa(counts):
    rows = [list(map(float, row)) for row in counts]
    n = sum(rows[0])
    n_items = len(rows)
    agreement = sum(sum(c * (c - 1) for c in row) / (n * (n - 1)) for row in rows) / n_items
    shares = [sum(row[j] for row in rows) / (n_items * n) for j in range(len(rows[0]))]
    chance = sum(s * s for s in shares)
    return float((agreement - chance) / (1 - chance))
"""

EX3_WRONG_ONE_MARGINAL = (
    """
def cohen_kappa(a, b, n_classes):
    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    observed = float(np.mean(a == b))
    p_a = np.bincount(a, minlength=n_classes) / len(a)
    expected = float(np.sum(p_a**2))          # chance agreement from worker a's frequencies only
    if expected == 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)
"""
    + _EX3_GOOD_FLEISS
)

EX3_WRONG_UNIFORM_CHANCE = (
    """
def cohen_kappa(a, b, n_classes):
    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    observed = float(np.mean(a == b))
    expected = 1.0 / n_classes
    return (observed - expected) / (1.0 - expected)
"""
    + _EX3_GOOD_FLEISS
)

EX3_WRONG_NO_DEGENERATE_CASE = (
    """
def cohen_kappa(a, b, n_classes):
    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    observed = float(np.mean(a == b))
    p_a = np.bincount(a, minlength=n_classes) / len(a)
    p_b = np.bincount(b, minlength=n_classes) / len(b)
    expected = float(p_a @ p_b)
    return (observed - expected) / (1.0 - expected)
"""
    + _EX3_GOOD_FLEISS
)

EX3_WRONG_FLEISS_N_SQUARED = (
    _EX3_GOOD_COHEN
    + """

def fleiss_kappa(counts):
    counts = np.asarray(counts, dtype=float)
    n = counts[0].sum()
    p_item = (np.sum(counts**2, axis=1) - n) / (n * n)
    p_class = counts.sum(axis=0) / counts.sum()
    chance = float(np.sum(p_class**2))
    return float((p_item.mean() - chance) / (1.0 - chance))
"""
)

EX3_WRONG_FLEISS_CHANCE_PER_ITEM = (
    _EX3_GOOD_COHEN
    + """

def fleiss_kappa(counts):
    counts = np.asarray(counts, dtype=float)
    n = counts[0].sum()
    p_item = (np.sum(counts**2, axis=1) - n) / (n * (n - 1))
    chance = float(np.mean(np.sum((counts / n) ** 2, axis=1)))     # averages each item's own shares
    return float((p_item.mean() - chance) / (1.0 - chance))
"""
)

EX3_WRONG_FLEISS_LIST_INPUT = (
    _EX3_GOOD_COHEN
    + """

def fleiss_kappa(counts):
    n = counts[0].sum()
    p_item = (np.sum(counts**2, axis=1) - n) / (n * (n - 1))
    p_class = counts.sum(axis=0) / counts.sum()
    chance = float(np.sum(p_class**2))
    return float((p_item.mean() - chance) / (1.0 - chance))
"""
)

# ----------------------------------------------------------------------------------------------- ex4

EX4_RIGHT_BINCOUNT_PER_CLASS = """
def dawid_skene(labels, n_classes, max_iter=200, tol=1e-6):
    item_ids = np.sort(labels["item"].unique())
    worker_ids = sorted(labels["worker"].unique())
    i = pd.Index(item_ids).get_indexer(labels["item"])
    w = pd.Index(worker_ids).get_indexer(labels["worker"])
    j = labels["label"].to_numpy().astype(int)
    n_items, n_workers = len(item_ids), len(worker_ids)
    one_hot = np.eye(n_classes)[j]                                   # (labels, K)
    T = np.stack([np.bincount(i, weights=one_hot[:, k], minlength=n_items) for k in range(n_classes)], axis=1)
    T = T / T.sum(axis=1, keepdims=True)
    for _ in range(max_iter):
        priors = T.sum(axis=0) / n_items
        cell = w * n_classes * n_classes                             # flat index of theta[w, k, j]
        counts = np.zeros(n_workers * n_classes * n_classes)
        for k in range(n_classes):
            counts += np.bincount(cell + k * n_classes + j, weights=T[i, k], minlength=counts.size)
        theta = counts.reshape(n_workers, n_classes, n_classes) + 0.01
        theta = theta / theta.sum(axis=2, keepdims=True)
        log_theta = np.log(theta)
        log_T = np.log(priors)[None, :] + np.stack(
            [np.bincount(i, weights=log_theta[w, k, j], minlength=n_items) for k in range(n_classes)], axis=1)
        log_T -= log_T.max(axis=1, keepdims=True)
        new_T = np.exp(log_T)
        new_T /= new_T.sum(axis=1, keepdims=True)
        converged = np.max(np.abs(new_T - T)) <= tol
        T = new_T
        if converged:
            break
    posteriors = pd.DataFrame(T, index=pd.Index(item_ids, name="item"), columns=list(range(n_classes)))
    return posteriors, {worker: theta[r].copy() for r, worker in enumerate(worker_ids)}, priors
"""

EX4_RIGHT_EINSUM_LOGSUMEXP = """
from scipy import sparse
from scipy.special import logsumexp


def dawid_skene(labels, n_classes, max_iter=200, tol=1e-6):
    items, item_row = np.unique(labels["item"].to_numpy(), return_inverse=True)
    workers, worker_row = np.unique(labels["worker"].to_numpy(), return_inverse=True)
    Y = np.eye(n_classes)[labels["label"].to_numpy().astype(int)]          # (labels, K) answers
    W = np.eye(len(workers))[worker_row]                                    # (labels, workers)
    I = sparse.csr_matrix((np.ones(len(labels)), (item_row, np.arange(len(labels)))),
                          shape=(len(items), len(labels)))                  # (items, labels)
    T = np.asarray(I @ Y)
    T /= T.sum(axis=1, keepdims=True)
    for _ in range(max_iter):
        priors = T.mean(axis=0)
        weighted = np.einsum("lw,lk->lwk", W, T[item_row]).reshape(len(labels), -1)   # (labels, workers * K)
        theta = (weighted.T @ Y).reshape(len(workers), n_classes, n_classes) + 0.01
        theta /= theta.sum(axis=2, keepdims=True)
        per_label = np.einsum("lkj,lj->lk", np.log(theta)[worker_row], Y)   # log theta[w, k, answer]
        log_t = np.log(priors) + np.asarray(I @ per_label)
        new_t = np.exp(log_t - logsumexp(log_t, axis=1, keepdims=True))
        done = np.abs(new_t - T).max() <= tol
        T = new_t
        if done:
            break
    posteriors = pd.DataFrame(T, index=pd.Index(items, name="item"), columns=range(n_classes))
    return posteriors, dict(zip(workers, theta)), priors
"""

# the reference algorithm with one thing changed, marked by the names of the slots
_EX4_TEMPLATE = """
def dawid_skene(labels, n_classes, max_iter=200, tol=1e-6):
    items, item_row = np.unique(labels["item"].to_numpy(), return_inverse=True)
    workers, worker_row = np.unique(labels["worker"].to_numpy(), return_inverse=True)
    answer = labels["label"].to_numpy().astype(int)
{start}
    for _ in range(max_iter):
{priors}
        theta = np.full((len(workers), n_classes, n_classes), {smoothing})
        np.add.at(theta, (worker_row, slice(None), answer), {weights})
        theta /= theta.sum(axis=2, keepdims=True)
        log_t = np.tile(np.log(priors), (len(items), 1))
        np.add.at(log_t, item_row, np.log(theta[worker_row, :, answer]))
        new_t = np.exp(log_t - log_t.max(axis=1, keepdims=True))
        new_t /= new_t.sum(axis=1, keepdims=True)
        change = np.abs(new_t - T).max()
        T = new_t
{stop}
    posteriors = pd.DataFrame(T, index=pd.Index(items, name="item"), columns=range(n_classes))
    return posteriors, {{w: theta[r] for r, w in enumerate(workers)}}, priors
"""

_EX4_SOFT_MV_START = """    T = np.zeros((len(items), n_classes))
    np.add.at(T, (item_row, answer), 1.0)
    T /= T.sum(axis=1, keepdims=True)"""

_EX4_SLOTS = dict(
    start=_EX4_SOFT_MV_START,
    priors="        priors = T.mean(axis=0)",
    smoothing="0.01",
    weights="T[item_row]",
    stop="        if change <= tol:\n            break",
)


def _ex4(**changed: str) -> str:
    return _EX4_TEMPLATE.format(**{**_EX4_SLOTS, **changed})


EX4_WRONG_PRIORS_NEVER_UPDATED = _ex4(priors="        priors = np.full(n_classes, 1.0 / n_classes)")

EX4_WRONG_PRIORS_FROM_START_ONLY = _ex4(
    start=_EX4_SOFT_MV_START + "\n    priors = T.mean(axis=0)",
    priors="        pass",
)

EX4_WRONG_STARTS_FROM_TRUE_LABELS = _ex4(
    start='    T = np.eye(n_classes)[crowd.true_labels[items]]      # "a better start": reads the answer key'
)

EX4_WRONG_CONFUSIONS_FROM_TRUE_LABELS = _ex4(weights="np.eye(n_classes)[crowd.true_labels[items]][item_row]")

EX4_WRONG_NO_SMOOTHING = _ex4(smoothing="0.0")

EX4_WRONG_ADD_ONE_SMOOTHING = _ex4(smoothing="1.0")

EX4_WRONG_IGNORES_TOL = _ex4(stop="        pass")

EX4_WRONG_HARD_EM = _ex4(weights="np.eye(n_classes)[T.argmax(axis=1)][item_row]")

EX4_WRONG_TRANSPOSED_CONFUSIONS = """
def dawid_skene(labels, n_classes, max_iter=200, tol=1e-6):
    items, item_row = np.unique(labels["item"].to_numpy(), return_inverse=True)
    workers, worker_row = np.unique(labels["worker"].to_numpy(), return_inverse=True)
    answer = labels["label"].to_numpy().astype(int)
    T = np.zeros((len(items), n_classes))
    np.add.at(T, (item_row, answer), 1.0)
    T /= T.sum(axis=1, keepdims=True)
    for _ in range(max_iter):
        priors = T.mean(axis=0)
        theta = np.full((len(workers), n_classes, n_classes), 0.01)
        np.add.at(theta, (worker_row, slice(None), answer), T[item_row])
        theta /= theta.sum(axis=1, keepdims=True)          # normalises columns (per answer), not rows
        log_t = np.tile(np.log(priors), (len(items), 1))
        np.add.at(log_t, item_row, np.log(theta[worker_row, :, answer]))
        new_t = np.exp(log_t - log_t.max(axis=1, keepdims=True))
        new_t /= new_t.sum(axis=1, keepdims=True)
        change = np.abs(new_t - T).max()
        T = new_t
        if change <= tol:
            break
    posteriors = pd.DataFrame(T, index=pd.Index(items, name="item"), columns=range(n_classes))
    return posteriors, {w: theta[r] for r, w in enumerate(workers)}, priors
"""

# ----------------------------------------------------------------------------------------------- ex5

EX5_RIGHT_BROADCASTING = """
def flag_workers(confusions, priors, min_informativeness=0.35):
    priors = np.asarray(priors, dtype=float)
    k = priors.size
    upper = np.triu_indices(k, 1)

    def verdict(theta):
        theta = np.asarray(theta, dtype=float)
        distance = 0.5 * np.abs(theta[:, None, :] - theta[None, :, :]).sum(axis=-1)
        if distance[upper].mean() < min_informativeness:
            return "spammer"
        return "adversary" if priors @ np.diag(theta) < 1 / k else "ok"

    return {worker: verdict(theta) for worker, theta in confusions.items()}
"""

_EX5_TEMPLATE = """
def flag_workers(confusions, priors, min_informativeness=0.35):
    priors = np.asarray(priors, dtype=float)
    k = len(priors)
    verdicts = {{}}
    for worker, theta in confusions.items():
        theta = np.asarray(theta, dtype=float)
        informativeness = {informativeness}
        expected_accuracy = {accuracy}
{decide}
    return verdicts
"""

_EX5_SLOTS = dict(
    informativeness=(
        "float(np.mean([0.5 * np.abs(theta[a] - theta[b]).sum() for a in range(k) for b in range(a + 1, k)]))"
    ),
    accuracy="float(np.sum(priors * np.diag(theta)))",
    decide="""        if informativeness < min_informativeness:
            verdicts[worker] = "spammer"
        elif expected_accuracy < 1 / k:
            verdicts[worker] = "adversary"
        else:
            verdicts[worker] = "ok\"""",
)


def _ex5(**changed: str) -> str:
    return _EX5_TEMPLATE.format(**{**_EX5_SLOTS, **changed})


EX5_WRONG_AT_MOST_INFORMATIVENESS = _ex5(
    decide=_EX5_SLOTS["decide"].replace("informativeness < min_inf", "informativeness <= min_inf")
)

EX5_WRONG_AT_MOST_CHANCE = _ex5(
    decide=_EX5_SLOTS["decide"].replace("expected_accuracy < 1 / k", "expected_accuracy <= 1 / k")
)

EX5_WRONG_UNWEIGHTED_DIAGONAL = _ex5(accuracy="float(np.mean(np.diag(theta)))")

EX5_WRONG_PAIRS_INCLUDE_SELF = _ex5(
    informativeness="float(np.mean([0.5 * np.abs(theta[a] - theta[b]).sum() for a in range(k) for b in range(k)]))"
)

EX5_WRONG_NO_HALF = _ex5(
    informativeness="float(np.mean([np.abs(theta[a] - theta[b]).sum() for a in range(k) for b in range(a + 1, k)]))"
)

EX5_WRONG_ADVERSARY_FIRST = _ex5(
    decide="""        if expected_accuracy < 1 / k:
            verdicts[worker] = "adversary"
        elif informativeness < min_informativeness:
            verdicts[worker] = "spammer"
        else:
            verdicts[worker] = "ok\""""
)

# ----------------------------------------------------------------------------------------------- ex6

_EX6_GOOD_GUIDELINE = """

confused = most_confused_pair(kept_pilot, gold_truth, K)
clear_guideline = GUIDELINE.clarify(DEPARTMENTS[confused[0]], DEPARTMENTS[confused[1]], choose=DEPARTMENTS[confused[0]])
"""

_EX6_GOOD_PAIR = """
def most_confused_pair(labels, gold_truth, n_classes):
    on_gold = labels[labels["item"].isin(gold_truth.index)]
    truth = gold_truth.loc[on_gold["item"]].to_numpy().astype(int)
    counts = np.zeros((n_classes, n_classes))
    np.add.at(counts, (truth, on_gold["label"].to_numpy().astype(int)), 1.0)
    rates = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1.0)
    np.fill_diagonal(rates, -1.0)
    true_class, answered = np.unravel_index(np.argmax(rates), rates.shape)
    return int(true_class), int(answered)
"""

EX6_RIGHT_CROSSTAB_NAMED_RULE = """
def most_confused_pair(labels, gold_truth, n_classes):
    gold = labels.merge(gold_truth.rename("truth").rename_axis("item").reset_index(), on="item")
    rates = (pd.crosstab(gold["truth"], gold["label"], normalize="index")
             .reindex(index=range(n_classes), columns=range(n_classes), fill_value=0.0)
             .to_numpy())
    rates = np.where(np.eye(n_classes, dtype=bool), -np.inf, rates)
    flat = int(np.argmax(rates))
    return flat // n_classes, flat % n_classes


# the shop files kitchen appliances under kitchen, whatever the plug says
clear_guideline = GUIDELINE.clarify("electronics", "kitchen", choose="kitchen")
"""

EX6_WRONG_COUNTS_NOT_RATES = (
    """
def most_confused_pair(labels, gold_truth, n_classes):
    on_gold = labels[labels["item"].isin(gold_truth.index)]
    truth = gold_truth.loc[on_gold["item"]].to_numpy().astype(int)
    counts = np.zeros((n_classes, n_classes))
    np.add.at(counts, (truth, on_gold["label"].to_numpy().astype(int)), 1.0)
    np.fill_diagonal(counts, -1.0)
    true_class, answered = np.unravel_index(np.argmax(counts), counts.shape)
    return int(true_class), int(answered)
"""
    + _EX6_GOOD_GUIDELINE
)

EX6_WRONG_NO_GOLD_FILTER = (
    """
def most_confused_pair(labels, gold_truth, n_classes):
    truth = gold_truth.loc[labels["item"]].to_numpy().astype(int)
    counts = np.zeros((n_classes, n_classes))
    np.add.at(counts, (truth, labels["label"].to_numpy().astype(int)), 1.0)
    rates = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1.0)
    np.fill_diagonal(rates, -1.0)
    true_class, answered = np.unravel_index(np.argmax(rates), rates.shape)
    return int(true_class), int(answered)
"""
    + _EX6_GOOD_GUIDELINE
)

EX6_WRONG_TRUTH_OF_EVERY_ITEM = (
    """
def most_confused_pair(labels, gold_truth, n_classes):
    truth = crowd.true_labels[labels["item"].to_numpy()]       # every item, not just the gold ones
    counts = np.zeros((n_classes, n_classes))
    np.add.at(counts, (truth, labels["label"].to_numpy().astype(int)), 1.0)
    rates = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1.0)
    np.fill_diagonal(rates, -1.0)
    true_class, answered = np.unravel_index(np.argmax(rates), rates.shape)
    return int(true_class), int(answered)
"""
    + _EX6_GOOD_GUIDELINE
)

EX6_WRONG_COLUMN_RATES = (
    """
def most_confused_pair(labels, gold_truth, n_classes):
    on_gold = labels[labels["item"].isin(gold_truth.index)]
    truth = gold_truth.loc[on_gold["item"]].to_numpy().astype(int)
    counts = np.zeros((n_classes, n_classes))
    np.add.at(counts, (truth, on_gold["label"].to_numpy().astype(int)), 1.0)
    rates = counts / np.maximum(counts.sum(axis=0, keepdims=True), 1.0)      # per answer, not per truth
    np.fill_diagonal(rates, -1.0)
    true_class, answered = np.unravel_index(np.argmax(rates), rates.shape)
    return int(true_class), int(answered)
"""
    + _EX6_GOOD_GUIDELINE
)

EX6_WRONG_CHOOSES_ELECTRONICS = (
    _EX6_GOOD_PAIR
    + """

confused = most_confused_pair(kept_pilot, gold_truth, K)
clear_guideline = GUIDELINE.clarify(DEPARTMENTS[confused[0]], DEPARTMENTS[confused[1]], choose=DEPARTMENTS[confused[1]])
"""
)

EX6_WRONG_RULE_ABOUT_ANOTHER_PAIR = (
    _EX6_GOOD_PAIR
    + """

confused = most_confused_pair(kept_pilot, gold_truth, K)
clear_guideline = GUIDELINE.clarify("books", "toys", choose="books")        # the "children's books" rule
"""
)

# ----------------------------------------------------------------------------------------------- ex7

_EX7_GOOD_COST = """
def labelling_cost(team, n_labels, seconds_per_label):
    if team.pay_per_label > 0:
        return float(n_labels * team.pay_per_label)
    hours = len(team.workers) * team.onboarding_hours + n_labels * seconds_per_label / 3600
    return float(team.wage_per_hour * hours)
"""

_EX7_GOOD_OUTCOME = """

def plan_outcome(crowd, team, labels_per_item, seconds_per_label, seed=0):
    labels = crowd.collect(crowd.pool, labels_per_item, team=team, seed=seed)
    aggregated = majority_vote(labels, N_CLASSES)
    right = aggregated.to_numpy() == crowd.true_labels[aggregated.index]
    return {"labels": len(labels), "cost": labelling_cost(team, len(labels), seconds_per_label),
            "accuracy": float(right.mean())}
"""

EX7_RIGHT_BOTH_TERMS = """
def labelling_cost(team, n_labels, seconds_per_label):
    piece_rate = n_labels * team.pay_per_label
    hours_paid = team.onboarding_hours * len(team.workers) + n_labels * seconds_per_label / 3600.0
    return float(piece_rate + team.wage_per_hour * hours_paid)      # one of the two terms is always 0


def plan_outcome(crowd, team, labels_per_item, seconds_per_label, seed=0):
    labels = crowd.collect(crowd.pool, labels_per_item, team=team, seed=seed)
    votes = majority_vote(labels, N_CLASSES)
    truth = pd.Series(crowd.true_labels).loc[votes.index]
    return dict(labels=int(labels.shape[0]),
                cost=labelling_cost(team, labels.shape[0], seconds_per_label),
                accuracy=float((votes.to_numpy() == truth.to_numpy()).mean()))
"""

EX7_WRONG_NO_ONBOARDING = (
    """
def labelling_cost(team, n_labels, seconds_per_label):
    if team.pay_per_label > 0:
        return float(n_labels * team.pay_per_label)
    return float(team.wage_per_hour * n_labels * seconds_per_label / 3600)
"""
    + _EX7_GOOD_OUTCOME
)

EX7_WRONG_ONBOARDING_ONCE = (
    """
def labelling_cost(team, n_labels, seconds_per_label):
    if team.pay_per_label > 0:
        return float(n_labels * team.pay_per_label)
    return float(team.wage_per_hour * (team.onboarding_hours + n_labels * seconds_per_label / 3600))
"""
    + _EX7_GOOD_OUTCOME
)

EX7_WRONG_EVERY_WORKER_EVERY_LABEL = (
    """
def labelling_cost(team, n_labels, seconds_per_label):
    if team.pay_per_label > 0:
        return float(n_labels * team.pay_per_label)
    per_worker = team.onboarding_hours + n_labels * seconds_per_label / 3600
    return float(team.wage_per_hour * len(team.workers) * per_worker)
"""
    + _EX7_GOOD_OUTCOME
)

EX7_WRONG_GLOBAL_CROWD = (
    _EX7_GOOD_COST
    + """

def plan_outcome(project, team, labels_per_item, seconds_per_label, seed=0):
    labels = project.collect(project.pool, labels_per_item, team=team, seed=seed)
    aggregated = majority_vote(labels, N_CLASSES)
    right = aggregated.to_numpy() == crowd.true_labels[aggregated.index]      # the notebook's crowd
    return {"labels": len(labels), "cost": labelling_cost(team, len(labels), seconds_per_label),
            "accuracy": float(right.mean())}
"""
)

EX7_WRONG_COLLECTS_FROM_GLOBAL_CROWD = (
    _EX7_GOOD_COST
    + """

def plan_outcome(project, team, labels_per_item, seconds_per_label, seed=0):
    labels = crowd.collect(crowd.pool, labels_per_item, team=team, seed=seed)
    aggregated = majority_vote(labels, N_CLASSES)
    right = aggregated.to_numpy() == crowd.true_labels[aggregated.index]
    return {"labels": len(labels), "cost": labelling_cost(team, len(labels), seconds_per_label),
            "accuracy": float(right.mean())}
"""
)

EX7_WRONG_IGNORES_SEED = (
    _EX7_GOOD_COST
    + """

def plan_outcome(crowd, team, labels_per_item, seconds_per_label, seed=0):
    labels = crowd.collect(crowd.pool, labels_per_item, team=team)
    aggregated = majority_vote(labels, N_CLASSES)
    right = aggregated.to_numpy() == crowd.true_labels[aggregated.index]
    return {"labels": len(labels), "cost": labelling_cost(team, len(labels), seconds_per_label),
            "accuracy": float(right.mean())}
"""
)

EX7_WRONG_MISALIGNED_TRUTH = (
    _EX7_GOOD_COST
    + """

def plan_outcome(crowd, team, labels_per_item, seconds_per_label, seed=0):
    labels = crowd.collect(crowd.pool, labels_per_item, team=team, seed=seed)
    aggregated = majority_vote(labels, N_CLASSES)
    right = aggregated.to_numpy() == crowd.true_labels[: len(aggregated)]      # the first items, not the pool
    return {"labels": len(labels), "cost": labelling_cost(team, len(labels), seconds_per_label),
            "accuracy": float(right.mean())}
"""
)


VARIANTS = {
    "ex1_gold_accuracy": {
        "wrong": {
            "wald_interval": EX1_WRONG_WALD,
            "wilson_ignores_z": EX1_WRONG_IGNORES_Z,
            "accuracy_on_all_items": EX1_WRONG_ALL_ITEMS,
            "workers_not_sorted": EX1_WRONG_UNSORTED_WORKERS,
            "needed_stops_at_greater_or_equal": EX1_WRONG_GREATER_OR_EQUAL,
            "needed_returns_last_overlapping_n": EX1_WRONG_LAST_OVERLAPPING,
            "needed_rounds_the_counts": EX1_WRONG_ROUNDED_COUNTS,
        },
        "right": {
            "closed_form_merge_and_count": EX1_RIGHT_CLOSED_FORM_AND_MERGE,
            "statsmodels_proportion_confint": EX1_RIGHT_STATSMODELS,
        },
    },
    "ex2_majority_vote": {
        "wrong": {
            "plain_argmax_ties_to_class_0": EX2_WRONG_PLAIN_ARGMAX,
            "ties_to_larger_index": EX2_WRONG_LARGER_INDEX_ON_TIES,
            "ties_to_favourite_even_if_not_tied": EX2_WRONG_FAVOURITE_EVEN_IF_NOT_TIED,
            "column_positions_not_classes": EX2_WRONG_COLUMN_POSITIONS,
        },
        "right": {
            "groupby_and_counters": EX2_RIGHT_GROUPBY_LOOP,
            "votes_plus_tie_break_bonus": EX2_RIGHT_SCORE_TRICK,
        },
    },
    "ex3_kappa": {
        "wrong": {
            "cohen_chance_from_one_worker": EX3_WRONG_ONE_MARGINAL,
            "cohen_uniform_chance": EX3_WRONG_UNIFORM_CHANCE,
            "cohen_no_degenerate_case": EX3_WRONG_NO_DEGENERATE_CASE,
            "fleiss_divides_by_n_squared": EX3_WRONG_FLEISS_N_SQUARED,
            "fleiss_chance_per_item": EX3_WRONG_FLEISS_CHANCE_PER_ITEM,
            "fleiss_needs_an_array": EX3_WRONG_FLEISS_LIST_INPUT,
        },
        "right": {
            "confusion_matrix_and_pure_python": EX3_RIGHT_CONFUSION_MATRIX,
        },
    },
    "ex4_dawid_skene": {
        "wrong": {
            "priors_never_updated": EX4_WRONG_PRIORS_NEVER_UPDATED,
            "priors_from_the_start_only": EX4_WRONG_PRIORS_FROM_START_ONLY,
            "starts_from_the_true_labels": EX4_WRONG_STARTS_FROM_TRUE_LABELS,
            "confusions_from_the_true_labels": EX4_WRONG_CONFUSIONS_FROM_TRUE_LABELS,
            "no_smoothing": EX4_WRONG_NO_SMOOTHING,
            "add_one_smoothing": EX4_WRONG_ADD_ONE_SMOOTHING,
            "ignores_tol": EX4_WRONG_IGNORES_TOL,
            "hard_em": EX4_WRONG_HARD_EM,
            "normalises_columns": EX4_WRONG_TRANSPOSED_CONFUSIONS,
        },
        "right": {
            "bincount_per_class": EX4_RIGHT_BINCOUNT_PER_CLASS,
            "einsum_and_logsumexp": EX4_RIGHT_EINSUM_LOGSUMEXP,
        },
    },
    "ex5_flag_workers": {
        "wrong": {
            "at_most_min_informativeness": EX5_WRONG_AT_MOST_INFORMATIVENESS,
            "at_most_chance": EX5_WRONG_AT_MOST_CHANCE,
            "unweighted_diagonal_mean": EX5_WRONG_UNWEIGHTED_DIAGONAL,
            "pairs_include_self": EX5_WRONG_PAIRS_INCLUDE_SELF,
            "total_variation_without_half": EX5_WRONG_NO_HALF,
            "adversary_checked_first": EX5_WRONG_ADVERSARY_FIRST,
        },
        "right": {
            "broadcast_distances": EX5_RIGHT_BROADCASTING,
        },
    },
    "ex6_guideline": {
        "wrong": {
            "counts_not_rates": EX6_WRONG_COUNTS_NOT_RATES,
            "no_gold_filter": EX6_WRONG_NO_GOLD_FILTER,
            "truth_of_every_item": EX6_WRONG_TRUTH_OF_EVERY_ITEM,
            "rates_per_answer": EX6_WRONG_COLUMN_RATES,
            "chooses_electronics": EX6_WRONG_CHOOSES_ELECTRONICS,
            "rule_about_another_pair": EX6_WRONG_RULE_ABOUT_ANOTHER_PAIR,
        },
        "right": {
            "crosstab_and_named_rule": EX6_RIGHT_CROSSTAB_NAMED_RULE,
        },
    },
    "ex7_staffing": {
        "wrong": {
            "forgets_onboarding": EX7_WRONG_NO_ONBOARDING,
            "onboarding_once_for_the_team": EX7_WRONG_ONBOARDING_ONCE,
            "every_worker_paid_for_every_label": EX7_WRONG_EVERY_WORKER_EVERY_LABEL,
            "truth_of_the_global_crowd": EX7_WRONG_GLOBAL_CROWD,
            "labels_from_the_global_crowd": EX7_WRONG_COLLECTS_FROM_GLOBAL_CROWD,
            "ignores_seed": EX7_WRONG_IGNORES_SEED,
            "truth_misaligned": EX7_WRONG_MISALIGNED_TRUTH,
        },
        "right": {
            "both_terms_always": EX7_RIGHT_BOTH_TERMS,
        },
    },
}
