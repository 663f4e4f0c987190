"""Grader-validity variants of lab 01_data_centric_ai (see dcai_labs.grading.validity).

For every autograded exercise, keyed by the grade_id of its answer cell: plausible wrong implementations
(mistakes learners actually make) that the exercise's tests must reject, and differently written correct
implementations they must accept. Each source replaces the whole answer cell, so it defines every
function of that cell and imports what it uses. The notebook's state (numpy as np, pandas as pd, baseline,
ENGLISH_STOP_WORDS, OTHER_LANGUAGE_STOP_WORDS, the functions of earlier exercises) is available.
"""

# ----------------------------------------------------------------------------------------------- ex1

EX1_RIGHT_PANDAS = """
def find_exact_duplicates(texts):
    normalised = pd.Series(list(texts), dtype=object).str.split().str.join(" ").str.casefold()
    return [int(i) for i in np.flatnonzero(normalised.duplicated(keep="first").to_numpy())]
"""

EX1_RIGHT_REGEX = """
import re


def find_exact_duplicates(texts):
    first_row = {}
    rows = []
    for i, text in enumerate(texts):
        key = re.sub(r"\\s+", " ", text).strip().casefold()
        if key in first_row:
            rows.append(i)
        else:
            first_row[key] = i
    return sorted(rows)
"""

EX1_WRONG_FIRST_TOO = """
from collections import Counter


def find_exact_duplicates(texts):
    keys = [" ".join(t.split()).casefold() for t in texts]
    counts = Counter(keys)
    return [i for i, k in enumerate(keys) if counts[k] > 1]
"""

EX1_WRONG_LOWER = """
def find_exact_duplicates(texts):
    seen, rows = set(), []
    for i, t in enumerate(texts):
        key = " ".join(t.split()).lower()
        if key in seen:
            rows.append(i)
        seen.add(key)
    return rows
"""

EX1_WRONG_NO_COLLAPSE = """
def find_exact_duplicates(texts):
    seen, rows = set(), []
    for i, t in enumerate(texts):
        key = t.strip().casefold()
        if key in seen:
            rows.append(i)
        seen.add(key)
    return rows
"""

EX1_WRONG_DROPS_ALL_SPACES = """
def find_exact_duplicates(texts):
    seen, rows = set(), []
    for i, t in enumerate(texts):
        key = "".join(t.split()).casefold()
        if key in seen:
            rows.append(i)
        seen.add(key)
    return rows
"""

# ----------------------------------------------------------------------------------------------- ex2

EX2_RIGHT_SKLEARN = """
from sklearn.metrics.pairwise import cosine_similarity


def find_near_duplicates(embeddings, threshold=0.95):
    similarity = cosine_similarity(np.asarray(embeddings, dtype=np.float64))
    pairs = []
    for i in range(len(similarity)):
        for j in np.flatnonzero(similarity[i, i + 1:] >= threshold):
            pairs.append((i, i + 1 + int(j)))
    return pairs
"""

EX2_RIGHT_NORMALIZE = """
from sklearn.preprocessing import normalize


def find_near_duplicates(embeddings, threshold=0.95):
    unit = normalize(np.array(embeddings, dtype=np.float64, copy=True))
    similarity = unit @ unit.T
    i, j = np.triu_indices(len(unit), k=1)
    keep = similarity[i, j] >= threshold
    return sorted(zip(i[keep].tolist(), j[keep].tolist()))
"""

EX2_WRONG_NOT_NORMALISED = """
def find_near_duplicates(embeddings, threshold=0.95):
    X = np.asarray(embeddings, dtype=np.float64)
    similarity = X @ X.T
    i, j = np.nonzero(np.triu(similarity >= threshold, k=1))
    return [(int(a), int(b)) for a, b in zip(i, j)]
"""

EX2_WRONG_PEARSON = """
def find_near_duplicates(embeddings, threshold=0.95):
    similarity = np.corrcoef(np.asarray(embeddings, dtype=np.float64))
    i, j = np.nonzero(np.triu(similarity >= threshold, k=1))
    return [(int(a), int(b)) for a, b in zip(i, j)]
"""

EX2_WRONG_BOTH_ORDERS = """
def find_near_duplicates(embeddings, threshold=0.95):
    X = np.asarray(embeddings, dtype=np.float64)
    X = X / np.linalg.norm(X, axis=1, keepdims=True)
    similarity = X @ X.T
    np.fill_diagonal(similarity, 0.0)
    i, j = np.nonzero(similarity >= threshold)
    return [(int(a), int(b)) for a, b in zip(i, j)]
"""

# ----------------------------------------------------------------------------------------------- ex3

EX3_RIGHT_ASCII_FALLBACK = """
import re

_TAG = re.compile(r"<\\s*/?\\s*[A-Za-z][^>]*>|<!--.*?-->|&(?:[A-Za-z]+|#[0-9]+|#x[0-9a-fA-F]+);", re.S)


def find_junk(texts):
    out = []
    for text in texts:
        if text.isspace() or text == "" or _TAG.search(text):
            out.append(True)
            continue
        words = re.findall(r"[^\\W\\d_]+", text.lower())
        english = len([w for w in words if w in ENGLISH_STOP_WORDS])
        other = len([w for w in words if w in OTHER_LANGUAGE_STOP_WORDS])
        accented = any(ord(ch) > 127 and ch.isalpha() for ch in text)
        mostly_other = other > english or (other > 0 and other == english)
        out.append(mostly_other or (accented and english == 0 and len(words) >= 3))
    return np.array(out, dtype=bool)
"""

EX3_WRONG_ANY_ANGLE_BRACKET = """
import re


def find_junk(texts):
    flags = np.zeros(len(texts), dtype=bool)
    for row, text in enumerate(texts):
        words = re.findall(r"[^\\W\\d_]+", text.casefold())
        english = sum(w in ENGLISH_STOP_WORDS for w in words)
        other = sum(w in OTHER_LANGUAGE_STOP_WORDS for w in words)
        flags[row] = (not text.strip()) or "<" in text or "&" in text or (other > 0 and other >= english)
    return flags
"""

EX3_WRONG_STOP_WORD_SHARE = """
import re


def find_junk(texts):
    flags = np.zeros(len(texts), dtype=bool)
    for row, text in enumerate(texts):
        if not text.strip() or re.search(r"<[A-Za-z!/][^>]*>|&[A-Za-z]+;|&#\\d+;", text):
            flags[row] = True
            continue
        words = re.findall(r"[^\\W\\d_]+", text.casefold())
        flags[row] = sum(w in ENGLISH_STOP_WORDS for w in words) / len(words) < 0.1
    return flags
"""

EX3_WRONG_EMPTY_ONLY = """
import re


def find_junk(texts):
    flags = np.zeros(len(texts), dtype=bool)
    for row, text in enumerate(texts):
        if text == "" or re.search(r"<[A-Za-z!/][^>]*>|&[A-Za-z]+;|&#\\d+;", text):
            flags[row] = True
            continue
        words = re.findall(r"[^\\W\\d_]+", text.casefold())
        english = sum(w in ENGLISH_STOP_WORDS for w in words)
        other = sum(w in OTHER_LANGUAGE_STOP_WORDS for w in words)
        flags[row] = other > 0 and other >= english
    return flags
"""

EX3_WRONG_RETURNS_LIST = """
import re


def find_junk(texts):
    flags = []
    for text in texts:
        words = re.findall(r"[^\\W\\d_]+", text.casefold())
        english = sum(w in ENGLISH_STOP_WORDS for w in words)
        other = sum(w in OTHER_LANGUAGE_STOP_WORDS for w in words)
        flags.append(not text.strip() or bool(re.search(r"<[A-Za-z!/][^>]*>|&[A-Za-z]+;|&#\\d+;", text))
                     or (other > 0 and other >= english))
    return flags
"""

# ----------------------------------------------------------------------------------------------- ex4

EX4_RIGHT_CROSS_VAL_PREDICT = """
from sklearn.model_selection import StratifiedKFold, cross_val_predict


def out_of_sample_probs(features, labels, n_folds=5, seed=0):
    cv = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    return cross_val_predict(baseline.make_model(), features, np.asarray(labels), cv=cv, method="predict_proba")
"""

EX4_RIGHT_CLONE_LOOP = """
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold


def out_of_sample_probs(features, labels, n_folds=5, seed=0):
    labels = np.asarray(labels)
    template = baseline.make_model()
    result = np.empty((labels.shape[0], labels.max() + 1), dtype=float)
    splitter = StratifiedKFold(n_folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(features, labels):
        fitted = clone(template).fit(features[train_idx], labels[train_idx])
        result[test_idx, :] = fitted.predict_proba(features[test_idx])
    return result
"""

EX4_WRONG_IN_SAMPLE = """
def out_of_sample_probs(features, labels, n_folds=5, seed=0):
    model = baseline.make_model().fit(features, np.asarray(labels))
    return model.predict_proba(features)
"""

EX4_WRONG_STACKED_IN_FOLD_ORDER = """
from sklearn.model_selection import StratifiedKFold


def out_of_sample_probs(features, labels, n_folds=5, seed=0):
    labels = np.asarray(labels)
    parts = []
    for fit_rows, held_out in StratifiedKFold(n_folds, shuffle=True, random_state=seed).split(features, labels):
        parts.append(baseline.make_model().fit(features[fit_rows], labels[fit_rows]).predict_proba(features[held_out]))
    return np.vstack(parts)
"""

EX4_WRONG_NOT_SHUFFLED = """
from sklearn.model_selection import StratifiedKFold


def out_of_sample_probs(features, labels, n_folds=5, seed=0):
    labels = np.asarray(labels)
    probs = np.zeros((len(labels), labels.max() + 1))
    for fit_rows, held_out in StratifiedKFold(n_splits=n_folds).split(features, labels):
        fitted = baseline.make_model().fit(features[fit_rows], labels[fit_rows])
        probs[held_out] = fitted.predict_proba(features[held_out])
    return probs
"""

EX4_WRONG_IGNORES_SEED = """
from sklearn.model_selection import StratifiedKFold


def out_of_sample_probs(features, labels, n_folds=5, seed=0):
    labels = np.asarray(labels)
    probs = np.zeros((len(labels), labels.max() + 1))
    for fit_rows, held_out in StratifiedKFold(n_folds, shuffle=True, random_state=0).split(features, labels):
        fitted = baseline.make_model().fit(features[fit_rows], labels[fit_rows])
        probs[held_out] = fitted.predict_proba(features[held_out])
    return probs
"""

# ----------------------------------------------------------------------------------------------- ex5

EX5_RIGHT_LOOPS = """
def per_class_thresholds(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs, dtype=float)
    k = pred_probs.shape[1]
    sums, counts = np.zeros(k), np.zeros(k)
    for y, row in zip(labels, pred_probs):
        sums[y] += row[y]
        counts[y] += 1
    return sums / counts


def confident_guesses(pred_probs, thresholds):
    guesses = []
    for row in np.asarray(pred_probs):
        candidates = [j for j in range(len(row)) if row[j] >= thresholds[j]]
        guesses.append(max(candidates, key=lambda j: row[j]) if candidates else -1)
    return np.array(guesses, dtype=np.int64)


def confident_joint(labels, pred_probs):
    pred_probs = np.asarray(pred_probs)
    k = pred_probs.shape[1]
    guesses = confident_guesses(pred_probs, per_class_thresholds(labels, pred_probs))
    joint = np.zeros((k, k), dtype=np.int64)
    for given, guess in zip(np.asarray(labels), guesses):
        if guess != -1:
            joint[given, guess] += 1
    return joint
"""

_EX5_REFERENCE_REST = """

def confident_joint(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    k = pred_probs.shape[1]
    guesses = confident_guesses(pred_probs, per_class_thresholds(labels, pred_probs))
    counted = guesses >= 0
    joint = np.zeros((k, k), dtype=int)
    np.add.at(joint, (labels[counted], guesses[counted]), 1)
    return joint
"""

_EX5_GOOD_THRESHOLDS = """
def per_class_thresholds(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    return np.array([pred_probs[labels == j, j].mean() for j in range(pred_probs.shape[1])])
"""

_EX5_GOOD_GUESSES = """

def confident_guesses(pred_probs, thresholds):
    pred_probs = np.asarray(pred_probs)
    confident = pred_probs >= np.asarray(thresholds)
    best = np.where(confident, pred_probs, -np.inf).argmax(axis=1)
    return np.where(confident.any(axis=1), best, -1)
"""

EX5_WRONG_THRESHOLDS_OVER_ALL_ROWS = (
    """
def per_class_thresholds(labels, pred_probs):
    return np.asarray(pred_probs).mean(axis=0)
"""
    + _EX5_GOOD_GUESSES
    + _EX5_REFERENCE_REST
)

EX5_WRONG_ARGMAX_OVER_ALL_CLASSES = (
    _EX5_GOOD_THRESHOLDS
    + """

def confident_guesses(pred_probs, thresholds):
    pred_probs = np.asarray(pred_probs)
    confident = pred_probs >= np.asarray(thresholds)
    return np.where(confident.any(axis=1), pred_probs.argmax(axis=1), -1)
"""
    + _EX5_REFERENCE_REST
)

EX5_WRONG_TRANSPOSED = (
    _EX5_GOOD_THRESHOLDS
    + _EX5_GOOD_GUESSES
    + """

def confident_joint(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    k = pred_probs.shape[1]
    guesses = confident_guesses(pred_probs, per_class_thresholds(labels, pred_probs))
    joint = np.zeros((k, k), dtype=int)
    for given, guess in zip(labels, guesses):
        if guess >= 0:
            joint[guess, given] += 1
    return joint
"""
)

EX5_WRONG_COUNTS_UNCONFIDENT = (
    _EX5_GOOD_THRESHOLDS
    + _EX5_GOOD_GUESSES
    + """

def confident_joint(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    k = pred_probs.shape[1]
    guesses = confident_guesses(pred_probs, per_class_thresholds(labels, pred_probs))
    guesses = np.where(guesses >= 0, guesses, pred_probs.argmax(axis=1))
    joint = np.zeros((k, k), dtype=int)
    np.add.at(joint, (labels, guesses), 1)
    return joint
"""
)

# ----------------------------------------------------------------------------------------------- ex6

EX6_RIGHT_SORTED_KEY = """
def find_label_issues(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    guesses = confident_guesses(pred_probs, per_class_thresholds(labels, pred_probs))
    suspects = [i for i in range(len(labels)) if guesses[i] != -1 and guesses[i] != labels[i]]
    suspects.sort(key=lambda i: pred_probs[i, labels[i]])
    return np.array(suspects, dtype=np.int64)
"""

EX6_WRONG_HIGHEST_FIRST = """
def find_label_issues(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    guesses = confident_guesses(pred_probs, per_class_thresholds(labels, pred_probs))
    issues = np.flatnonzero((guesses >= 0) & (guesses != labels))
    return issues[np.argsort(-pred_probs[issues, labels[issues]], kind="stable")]
"""

EX6_WRONG_PREDICTED_NEQ_GIVEN = """
def find_label_issues(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    issues = np.flatnonzero(pred_probs.argmax(axis=1) != labels)
    return issues[np.argsort(pred_probs[issues, labels[issues]], kind="stable")]
"""

EX6_WRONG_COUNTS_NO_GUESS = """
def find_label_issues(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    guesses = confident_guesses(pred_probs, per_class_thresholds(labels, pred_probs))
    issues = np.flatnonzero(guesses != labels)
    return issues[np.argsort(pred_probs[issues, labels[issues]], kind="stable")]
"""

EX6_WRONG_RETURNS_MASK = """
def find_label_issues(labels, pred_probs):
    labels, pred_probs = np.asarray(labels), np.asarray(pred_probs)
    guesses = confident_guesses(pred_probs, per_class_thresholds(labels, pred_probs))
    return (guesses >= 0) & (guesses != labels)
"""

# ----------------------------------------------------------------------------------------------- ex7

EX7_RIGHT_MASKS = """
def clean_training_set(texts, labels, features, embeddings, near_threshold=0.95, n_folds=5, seed=0):
    labels = np.array(labels, copy=True)
    keep = ~np.asarray(find_junk(texts), dtype=bool)
    keep[np.asarray(find_exact_duplicates(texts), dtype=int)] = False
    candidates = np.flatnonzero(keep)
    for _, j in find_near_duplicates(embeddings[candidates], threshold=near_threshold):
        keep[candidates[j]] = False
    rows = np.flatnonzero(keep)
    given = labels[rows]
    probs = out_of_sample_probs(features[rows], given, n_folds=n_folds, seed=seed)
    guesses = confident_guesses(probs, per_class_thresholds(given, probs))
    is_issue = np.zeros(len(rows), dtype=bool)
    is_issue[find_label_issues(given, probs)] = True
    return rows, np.where(is_issue, guesses, given).astype(int)
"""

_EX7_TAIL = """
    kept = labels[rows]
    probs = out_of_sample_probs(features[rows], kept, n_folds, seed)
    guesses = confident_guesses(probs, per_class_thresholds(kept, probs))
    issues = find_label_issues(kept, probs)
    new_labels = kept.copy()
    new_labels[issues] = guesses[issues]
    return rows, new_labels
"""

_EX7_HEAD = """
def clean_training_set(texts, labels, features, embeddings, near_threshold=0.95, n_folds=5, seed=0):
    labels = np.asarray(labels)
    drop = np.array(find_junk(texts), dtype=bool)
    drop[find_exact_duplicates(texts)] = True
    rows = np.flatnonzero(~drop)
"""

EX7_WRONG_PROBS_BEFORE_DEDUP = """
def clean_training_set(texts, labels, features, embeddings, near_threshold=0.95, n_folds=5, seed=0):
    labels = np.asarray(labels)
    junk = np.array(find_junk(texts), dtype=bool)
    not_junk = np.flatnonzero(~junk)
    probs_all = np.zeros((len(labels), labels.max() + 1))
    probs_all[not_junk] = out_of_sample_probs(features[not_junk], labels[not_junk], n_folds, seed)
    drop = junk.copy()
    drop[find_exact_duplicates(texts)] = True
    rows = np.flatnonzero(~drop)
    later = sorted({j for _, j in find_near_duplicates(embeddings[rows], near_threshold)})
    rows = np.delete(rows, later)
    kept = labels[rows]
    probs = probs_all[rows]
    guesses = confident_guesses(probs, per_class_thresholds(kept, probs))
    issues = find_label_issues(kept, probs)
    new_labels = kept.copy()
    new_labels[issues] = guesses[issues]
    return rows, new_labels
"""

EX7_WRONG_DROPS_ISSUES = (
    _EX7_HEAD
    + """
    later = sorted({j for _, j in find_near_duplicates(embeddings[rows], near_threshold)})
    rows = np.delete(rows, later)
    kept = labels[rows]
    probs = out_of_sample_probs(features[rows], kept, n_folds, seed)
    issues = find_label_issues(kept, probs)
    keep = np.setdiff1d(np.arange(len(rows)), issues)
    return rows[keep], kept[keep]
"""
)

EX7_WRONG_POSITIONS_NOT_ROWS = (
    _EX7_HEAD
    + """
    later = sorted({j for _, j in find_near_duplicates(embeddings[rows], near_threshold)})
    rows = np.delete(rows, later)
    kept = labels[rows]
    probs = out_of_sample_probs(features[rows], kept, n_folds, seed)
    guesses = confident_guesses(probs, per_class_thresholds(kept, probs))
    issues = find_label_issues(kept, probs)
    new_labels = kept.copy()
    new_labels[issues] = guesses[issues]
    return np.arange(len(rows)), new_labels
"""
)

EX7_WRONG_NO_NEAR_DUPLICATES = _EX7_HEAD + _EX7_TAIL

EX7_WRONG_NO_RELABEL = (
    _EX7_HEAD
    + """
    later = sorted({j for _, j in find_near_duplicates(embeddings[rows], near_threshold)})
    rows = np.delete(rows, later)
    return rows, labels[rows].copy()
"""
)

EX7_WRONG_NEAR_PAIR_POSITIONS = (
    _EX7_HEAD
    + """
    later = sorted({j for _, j in find_near_duplicates(embeddings[rows], near_threshold)})
    rows = np.setdiff1d(rows, later)   # `later` are positions among the candidates, not row numbers
"""
    + _EX7_TAIL
)


VARIANTS = {
    "ex1_exact_duplicates": {
        "wrong": {
            "flags_first_occurrence_too": EX1_WRONG_FIRST_TOO,
            "lower_instead_of_casefold": EX1_WRONG_LOWER,
            "no_whitespace_collapse": EX1_WRONG_NO_COLLAPSE,
            "removes_all_whitespace": EX1_WRONG_DROPS_ALL_SPACES,
        },
        "right": {
            "with_pandas": EX1_RIGHT_PANDAS,
            "regex_and_dict": EX1_RIGHT_REGEX,
        },
    },
    "ex2_near_duplicates": {
        "wrong": {
            "forgets_to_normalise": EX2_WRONG_NOT_NORMALISED,
            "pearson_instead_of_cosine": EX2_WRONG_PEARSON,
            "both_orders_of_each_pair": EX2_WRONG_BOTH_ORDERS,
        },
        "right": {
            "sklearn_cosine_similarity_loop": EX2_RIGHT_SKLEARN,
            "normalize_and_triu_indices": EX2_RIGHT_NORMALIZE,
        },
    },
    "ex3_junk": {
        "wrong": {
            "any_angle_bracket_or_ampersand": EX3_WRONG_ANY_ANGLE_BRACKET,
            "english_stop_word_share_only": EX3_WRONG_STOP_WORD_SHARE,
            "whitespace_only_not_empty": EX3_WRONG_EMPTY_ONLY,
            "returns_a_list": EX3_WRONG_RETURNS_LIST,
        },
        "right": {
            "other_regex_and_accent_fallback": EX3_RIGHT_ASCII_FALLBACK,
        },
    },
    "ex4_out_of_sample_probs": {
        "wrong": {
            "in_sample": EX4_WRONG_IN_SAMPLE,
            "stacked_in_fold_order": EX4_WRONG_STACKED_IN_FOLD_ORDER,
            "folds_not_shuffled": EX4_WRONG_NOT_SHUFFLED,
            "ignores_seed": EX4_WRONG_IGNORES_SEED,
        },
        "right": {
            "cross_val_predict": EX4_RIGHT_CROSS_VAL_PREDICT,
            "clone_loop": EX4_RIGHT_CLONE_LOOP,
        },
    },
    "ex5_confident_joint": {
        "wrong": {
            "thresholds_over_all_rows": EX5_WRONG_THRESHOLDS_OVER_ALL_ROWS,
            "argmax_over_all_classes": EX5_WRONG_ARGMAX_OVER_ALL_CLASSES,
            "transposed_joint": EX5_WRONG_TRANSPOSED,
            "counts_rows_without_confident_class": EX5_WRONG_COUNTS_UNCONFIDENT,
        },
        "right": {
            "plain_loops": EX5_RIGHT_LOOPS,
        },
    },
    "ex6_label_issues": {
        "wrong": {
            "highest_self_confidence_first": EX6_WRONG_HIGHEST_FIRST,
            "predicted_differs_from_given": EX6_WRONG_PREDICTED_NEQ_GIVEN,
            "counts_rows_without_a_guess": EX6_WRONG_COUNTS_NO_GUESS,
            "returns_a_boolean_mask": EX6_WRONG_RETURNS_MASK,
        },
        "right": {
            "list_sorted_by_key": EX6_RIGHT_SORTED_KEY,
        },
    },
    "ex7_clean_and_retrain": {
        "wrong": {
            "probabilities_before_deduplication": EX7_WRONG_PROBS_BEFORE_DEDUP,
            "drops_label_issues": EX7_WRONG_DROPS_ISSUES,
            "returns_positions_not_row_numbers": EX7_WRONG_POSITIONS_NOT_ROWS,
            "forgets_near_duplicates": EX7_WRONG_NO_NEAR_DUPLICATES,
            "does_not_relabel": EX7_WRONG_NO_RELABEL,
            "near_pairs_as_row_numbers": EX7_WRONG_NEAR_PAIR_POSITIONS,
        },
        "right": {
            "boolean_masks": EX7_RIGHT_MASKS,
        },
    },
}
