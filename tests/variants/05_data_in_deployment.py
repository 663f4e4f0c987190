# The sources below are notebook code and are edited by exact string match against the reference answer,
# so their lines stay as long as the notebook's.
# ruff: noqa: E501
"""Grader-validity variants of lab 05_data_in_deployment (see dcai_labs.grading.validity).

For every autograded exercise, keyed by the grade_id of its answer cell: plausible wrong implementations
(mistakes learners actually make) that the exercise's tests must reject, and differently written correct
implementations they must accept. Each source replaces the whole answer cell. Most wrong variants are the
reference answer with one mistake edited in (``_edit`` checks that the edit applies, so a variant cannot
silently become the reference). The notebook's state (np, pd, pa, stats, multipletests, IsotonicRegression,
random, stress, generate_reviews, streams, stream, reference, DRIFT_FEATURES, category_psi, psi and the
functions of earlier exercises) is available.
"""


def _edit(source: str, old: str, new: str) -> str:
    if old not in source:
        raise ValueError(f"variant edit does not apply: {old!r}")
    return source.replace(old, new)


# ----------------------------------------------------------------------------------------------- ex1

EX1 = """
def build_schema(reference):
    price_max = float(reference["price"].max())
    delivery_max = float(reference["delivery_days"].max())
    categories = sorted(reference["category"].dropna().unique())
    at_most_10pct_missing = pa.Check(lambda s: s.isna().mean() <= 0.10, ignore_na=False, element_wise=False,
                                     name="at_most_10pct_missing")
    return pa.DataFrameSchema(
        {
            "review_id": pa.Column(int, unique=True),
            "day": pa.Column(int),
            "category": pa.Column(str, pa.Check.isin(categories)),
            "price": pa.Column(float, pa.Check.in_range(0, 5 * price_max, include_min=False)),
            "delivery_days": pa.Column(float, [pa.Check.in_range(0, 3 * delivery_max), at_most_10pct_missing],
                                       nullable=True),
            "text": pa.Column(str),
        },
        strict=True,
    )


def validate_batch(schema, batch):
    try:
        schema.validate(batch, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        return sorted({f"{column}: {check}" for column, check in zip(cases["column"].astype(str), cases["check"].astype(str))})
    return []
"""

EX1_RIGHT_DATAFRAME_CHECKS = """
def build_schema(reference):
    top_price = reference["price"].max()
    top_delivery = reference["delivery_days"].max()
    allowed = list(reference["category"].unique())
    few_missing = pa.Check(lambda s: s.isna().sum() <= 0.1 * len(s), ignore_na=False, element_wise=False,
                           name="missing_share")
    columns = {
        "review_id": pa.Column("int64", unique=True),
        "day": pa.Column("int64"),
        "category": pa.Column(str, checks=pa.Check.isin(allowed)),
        "price": pa.Column("float64", checks=[pa.Check.gt(0), pa.Check.le(5 * top_price)]),
        "delivery_days": pa.Column("float64", checks=[pa.Check.ge(0), pa.Check.le(3 * top_delivery), few_missing],
                                   nullable=True),
        "text": pa.Column(str),
    }
    return pa.DataFrameSchema(columns, strict=True)


def validate_batch(schema, batch):
    try:
        schema.validate(batch, lazy=True)
        return []
    except pa.errors.SchemaErrors as error:
        table = error.failure_cases[["column", "check"]].astype(object).fillna("").astype(str).drop_duplicates()
        return sorted(set(table["column"] + ": " + table["check"]))
"""

EX1_WRONG_NO_MARGIN = _edit(EX1, "5 * price_max", "price_max")
EX1_WRONG_MISSING_SHARE_OF_NON_MISSING = _edit(EX1, "ignore_na=False, element_wise=False", "element_wise=False")
EX1_WRONG_NOT_NULLABLE = _edit(EX1, "nullable=True", "nullable=False")
EX1_WRONG_NOT_STRICT = _edit(EX1, "strict=True", "strict=False")
EX1_WRONG_NO_UNIQUE = _edit(EX1, "pa.Column(int, unique=True)", "pa.Column(int)")
EX1_WRONG_ZERO_PRICE_ALLOWED = _edit(EX1, ", include_min=False", "")
EX1_WRONG_LAUNCH_CATEGORIES = _edit(EX1, "pa.Check.isin(categories)", "pa.Check.isin(list(streams.LAUNCH_CATEGORIES))")
EX1_WRONG_EVERY_FAILURE_ROW = _edit(
    EX1,
    'return sorted({f"{column}: {check}" for column, check in zip(cases["column"].astype(str), cases["check"].astype(str))})',
    'return [f"{column}: {check}" for column, check in zip(cases["column"].astype(str), cases["check"].astype(str))]',
)
EX1_WRONG_FIRST_ERROR_ONLY = _edit(
    EX1,
    """    try:
        schema.validate(batch, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        return sorted({f"{column}: {check}" for column, check in zip(cases["column"].astype(str), cases["check"].astype(str))})
    return []""",
    """    try:
        schema.validate(batch)
    except pa.errors.SchemaError as err:
        return [f"{err.schema.name}: {err.check}"]
    return []""",
)

# ----------------------------------------------------------------------------------------------- ex2

EX2 = """
def psi(reference_values, batch_values, bins=10, eps=1e-4):
    ref = np.asarray(reference_values, dtype=float)
    new = np.asarray(batch_values, dtype=float)
    ref, new = ref[~np.isnan(ref)], new[~np.isnan(new)]
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1]))
    p = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1) / len(ref)
    q = np.bincount(np.searchsorted(edges, new, side="right"), minlength=len(edges) + 1) / len(new)
    p, q = np.maximum(p, eps), np.maximum(q, eps)
    return float(np.sum((q - p) * np.log(q / p)))


def ks_drift(reference, batch, features, alpha=0.05):
    features = list(features)
    results = [stats.ks_2samp(reference[f].dropna(), batch[f].dropna()) for f in features]
    p_values = np.array([r.pvalue for r in results])
    adjusted = multipletests(p_values, alpha=alpha, method="holm")[1]
    return pd.DataFrame({"statistic": [r.statistic for r in results], "p_value": p_values,
                         "p_adjusted": adjusted, "drift": adjusted < alpha}, index=features)
"""

EX2_RIGHT_PANDAS_CUT_AND_HOLM_BY_HAND = """
def psi(reference_values, batch_values, bins=10, eps=1e-4):
    ref = pd.Series(reference_values, dtype=float).dropna()
    new = pd.Series(batch_values, dtype=float).dropna()
    inner = sorted(set(np.quantile(ref, [i / bins for i in range(1, bins)])))
    edges = [-np.inf, *inner, np.inf]
    p = pd.cut(ref, edges, right=False).value_counts(normalize=True, sort=False).to_numpy().clip(min=eps)
    q = pd.cut(new, edges, right=False).value_counts(normalize=True, sort=False).to_numpy().clip(min=eps)
    return float(((q - p) * np.log(q / p)).sum())


def ks_drift(reference, batch, features, alpha=0.05):
    rows = {}
    for feature in features:
        result = stats.ks_2samp(reference[feature].dropna().to_numpy(), batch[feature].dropna().to_numpy())
        rows[feature] = (result.statistic, result.pvalue)
    table = pd.DataFrame.from_dict(rows, orient="index", columns=["statistic", "p_value"])
    m = len(table)
    order = np.argsort(table["p_value"].to_numpy())
    adjusted = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * table["p_value"].iloc[i]))
        adjusted[i] = running
    table["p_adjusted"] = adjusted
    table["drift"] = table["p_adjusted"] < alpha
    return table
"""

EX2_WRONG_NO_EPS = _edit(EX2, "    p, q = np.maximum(p, eps), np.maximum(q, eps)\n", "")
EX2_WRONG_EDGES_FROM_BOTH = _edit(
    EX2, "np.quantile(ref, np.linspace", "np.quantile(np.concatenate([ref, new]), np.linspace"
)
EX2_WRONG_LEFT_SIDE = EX2.replace('side="right"', 'side="left"')
EX2_WRONG_TEN_BINS_ALWAYS = _edit(EX2, "np.linspace(0, 1, bins + 1)", "np.linspace(0, 1, 11)")
EX2_WRONG_NO_CORRECTION = _edit(
    EX2, 'adjusted = multipletests(p_values, alpha=alpha, method="holm")[1]', "adjusted = p_values"
)
EX2_WRONG_BONFERRONI = _edit(EX2, 'method="holm"', 'method="bonferroni"')
EX2_WRONG_KEEPS_MISSING = _edit(
    EX2, "stats.ks_2samp(reference[f].dropna(), batch[f].dropna())", "stats.ks_2samp(reference[f], batch[f])"
)
EX2_WRONG_SORTED_FEATURES = _edit(EX2, "    features = list(features)\n", "    features = sorted(features)\n")
EX2_WRONG_LOG_RATIO_UPSIDE_DOWN = _edit(EX2, "np.log(q / p)", "np.log(p / q)")

# ----------------------------------------------------------------------------------------------- ex3

EX3_RIGHT_KS_STATISTIC_AND_NEW_SHARE = """
def detect_drift(reference, batches):
    seen = set(reference["category"])
    alarms = {}
    for batch in batches:
        day = int(batch["day"].iloc[0])
        flags = {"category": bool((~batch["category"].isin(seen)).mean() > 0.05
                                  or category_psi(reference["category"], batch["category"]) > 0.2)}
        for feature in ("price", "delivery_days"):
            d = stats.ks_2samp(reference[feature].dropna(), batch[feature].dropna()).statistic
            flags[feature] = bool(d > 0.2)
        alarms[day] = flags
    return pd.DataFrame.from_dict(alarms, orient="index")[list(DRIFT_FEATURES)]
"""

EX3_WRONG_UNCORRECTED_P_VALUES = """
def detect_drift(reference, batches):
    rows, days = [], []
    for batch in batches:
        days.append(int(batch["day"].iloc[0]))
        table = pd.crosstab(pd.concat([reference["category"], batch["category"]]),
                            np.r_[np.zeros(len(reference)), np.ones(len(batch))])
        rows.append({
            "category": stats.chi2_contingency(table).pvalue < 0.05,
            "price": stats.ks_2samp(reference["price"], batch["price"]).pvalue < 0.05,
            "delivery_days": stats.ks_2samp(reference["delivery_days"].dropna(), batch["delivery_days"].dropna()).pvalue < 0.05,
        })
    return pd.DataFrame(rows, index=days, columns=list(DRIFT_FEATURES)).astype(bool)
"""

EX3_WRONG_CENTRED_SMOOTHING = """
def detect_drift(reference, batches):
    days = [int(b["day"].iloc[0]) for b in batches]
    scores = pd.DataFrame({
        "category": [category_psi(reference["category"], b["category"]) for b in batches],
        "price": [psi(reference["price"], b["price"]) for b in batches],
        "delivery_days": [psi(reference["delivery_days"], b["delivery_days"]) for b in batches],
    }, index=days)
    smooth = scores.rolling(3, center=True, min_periods=1).mean()   # uses tomorrow's batch
    return (smooth > 0.2)[list(DRIFT_FEATURES)]
"""

EX3_WRONG_THRESHOLD_FROM_THE_WHOLE_STREAM = """
def detect_drift(reference, batches):
    days = [int(b["day"].iloc[0]) for b in batches]
    scores = pd.DataFrame({
        "category": [category_psi(reference["category"], b["category"]) for b in batches],
        "price": [psi(reference["price"], b["price"]) for b in batches],
        "delivery_days": [psi(reference["delivery_days"], b["delivery_days"]) for b in batches],
    }, index=days)
    return (scores > scores.median() + 0.1)[list(DRIFT_FEATURES)]
"""

# The reference detector (PSI above a threshold, per feature) with one mistake edited in each time.
EX3 = """
def detect_drift(reference, batches):
    threshold = 0.25
    rows, days = [], []
    for batch in batches:
        days.append(int(batch["day"].iloc[0]))
        rows.append({
            "category": category_psi(reference["category"], batch["category"]) > threshold,
            "price": psi(reference["price"], batch["price"]) > threshold,
            "delivery_days": psi(reference["delivery_days"], batch["delivery_days"]) > threshold,
        })
    return pd.DataFrame(rows, index=days, columns=list(DRIFT_FEATURES)).astype(bool)
"""

EX3_WRONG_THRESHOLD_TOO_HIGH = _edit(EX3, "threshold = 0.25", "threshold = 1.0")
EX3_WRONG_THRESHOLD_TOO_LOW = _edit(EX3, "threshold = 0.25", "threshold = 0.05")
EX3_WRONG_NUMERIC_ONLY = _edit(
    EX3, '"category": category_psi(reference["category"], batch["category"]) > threshold', '"category": False'
)
EX3_WRONG_COMPARES_WITH_YESTERDAY = _edit(
    _edit(EX3, "    rows, days = [], []\n", "    rows, days = [], []\n    previous = reference\n"),
    "        })\n",
    "        })\n        previous = batch\n",
).replace("(reference[", "(previous[")

# ----------------------------------------------------------------------------------------------- ex4

EX4 = """
def estimate_prior(reference_labels, reference_predictions, batch_predictions, n_classes=2):
    joint = np.zeros((n_classes, n_classes))
    np.add.at(joint, (np.asarray(reference_predictions), np.asarray(reference_labels)), 1)
    joint /= joint.sum()
    mu = np.bincount(np.asarray(batch_predictions), minlength=n_classes) / len(batch_predictions)
    w = np.linalg.solve(joint, mu)
    q = np.clip(w * joint.sum(axis=0), 0, None)
    return q / q.sum()


def adjust_probabilities(probabilities, source_prior, target_prior):
    weighted = np.asarray(probabilities, dtype=float) * (np.asarray(target_prior, dtype=float) / np.asarray(source_prior, dtype=float))
    return weighted / weighted.sum(axis=1, keepdims=True)
"""

EX4_RIGHT_CONDITIONAL_CONFUSION = """
def estimate_prior(reference_labels, reference_predictions, batch_predictions, n_classes=2):
    y = np.asarray(reference_labels)
    yhat = np.asarray(reference_predictions)
    # M[i, j] = P(prediction i | label j); the batch's prediction shares are M @ q
    M = np.array([[np.mean(yhat[y == j] == i) for j in range(n_classes)] for i in range(n_classes)])
    mu = np.array([np.mean(np.asarray(batch_predictions) == i) for i in range(n_classes)])
    q = np.linalg.solve(M, mu)
    q[q < 0] = 0
    return q / q.sum()


def adjust_probabilities(probabilities, source_prior, target_prior):
    p = np.array(probabilities, dtype=float)
    ratio = np.array(target_prior, dtype=float) / np.array(source_prior, dtype=float)
    out = p * ratio[None, :]
    return out / out.sum(axis=1)[:, None]
"""

EX4_WRONG_NAIVE_SHARE = _edit(
    EX4,
    """    w = np.linalg.solve(joint, mu)
    q = np.clip(w * joint.sum(axis=0), 0, None)
    return q / q.sum()""",
    "    return mu",
)
EX4_WRONG_TRANSPOSED = _edit(EX4, "np.linalg.solve(joint, mu)", "np.linalg.solve(joint.T, mu)")
EX4_WRONG_ROWS_NORMALISED = _edit(
    EX4,
    """    joint /= joint.sum()
    mu""",
    """    joint /= joint.sum(axis=1, keepdims=True)
    mu""",
)
EX4_WRONG_NO_CLIP = _edit(EX4, "q = np.clip(w * joint.sum(axis=0), 0, None)", "q = w * joint.sum(axis=0)")
EX4_WRONG_W_IS_THE_PRIOR = _edit(EX4, "q = np.clip(w * joint.sum(axis=0), 0, None)", "q = np.clip(w, 0, None)")
EX4_WRONG_TARGET_ONLY = _edit(
    EX4,
    "(np.asarray(target_prior, dtype=float) / np.asarray(source_prior, dtype=float))",
    "np.asarray(target_prior, dtype=float)",
)
EX4_WRONG_NOT_RENORMALISED = _edit(
    EX4, "    return weighted / weighted.sum(axis=1, keepdims=True)", "    return weighted"
)

# ----------------------------------------------------------------------------------------------- ex5

EX5 = """
def estimate_accuracy(reference_probabilities, reference_labels, batch_probabilities):
    reference_probabilities = np.asarray(reference_probabilities)
    confidence = reference_probabilities.max(axis=1)
    correct = (reference_probabilities.argmax(axis=1) == np.asarray(reference_labels)).astype(float)
    calibration = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(confidence, correct)
    return float(calibration.predict(np.asarray(batch_probabilities).max(axis=1)).mean())
"""

EX5_RIGHT_FIT_TRANSFORM_STYLE = """
def estimate_accuracy(reference_probabilities, reference_labels, batch_probabilities):
    ref = np.array(reference_probabilities, dtype=float)
    hit = ref.argmax(1) == np.array(reference_labels)
    iso = IsotonicRegression(increasing=True, y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit(ref.max(1), hit.astype(float))
    return float(np.mean(iso.predict(np.array(batch_probabilities, dtype=float).max(1))))
"""

EX5_WRONG_MEAN_CONFIDENCE = """
def estimate_accuracy(reference_probabilities, reference_labels, batch_probabilities):
    return float(np.asarray(batch_probabilities).max(axis=1).mean())
"""

EX5_WRONG_REFERENCE_ACCURACY = """
def estimate_accuracy(reference_probabilities, reference_labels, batch_probabilities):
    return float((np.asarray(reference_probabilities).argmax(axis=1) == np.asarray(reference_labels)).mean())
"""

EX5_WRONG_PLATT = """
from sklearn.linear_model import LogisticRegression


def estimate_accuracy(reference_probabilities, reference_labels, batch_probabilities):
    reference_probabilities = np.asarray(reference_probabilities)
    confidence = reference_probabilities.max(axis=1).reshape(-1, 1)
    correct = reference_probabilities.argmax(axis=1) == np.asarray(reference_labels)
    calibration = LogisticRegression().fit(confidence, correct)
    return float(calibration.predict_proba(np.asarray(batch_probabilities).max(axis=1).reshape(-1, 1))[:, 1].mean())
"""

EX5_WRONG_NAN_OUT_OF_RANGE = _edit(EX5, 'out_of_bounds="clip"', 'out_of_bounds="nan"')
EX5_WRONG_CALIBRATES_POSITIVE_CLASS = """
def estimate_accuracy(reference_probabilities, reference_labels, batch_probabilities):
    reference_probabilities = np.asarray(reference_probabilities)
    calibration = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(
        reference_probabilities[:, 1], (np.asarray(reference_labels) == 1).astype(float))
    q = calibration.predict(np.asarray(batch_probabilities)[:, 1])
    return float(np.maximum(q, 1 - q).mean())
"""

# ----------------------------------------------------------------------------------------------- ex7

EX7 = """
def worst_slice(frame, correct, columns, min_size=50):
    correct = pd.Series(np.asarray(correct, dtype=float), index=frame.index)
    best = None
    for column in columns:
        groups = correct.groupby(frame[column], observed=True, sort=True)
        table = pd.DataFrame({"accuracy": groups.mean(), "size": groups.size()})
        for value, row in table[table["size"] >= min_size].iterrows():
            key = (row["accuracy"], -row["size"])
            if best is None or key < best[0]:
                best = (key, {"column": column, "value": value, "accuracy": float(row["accuracy"]), "size": int(row["size"])})
    return None if best is None else best[1]
"""

EX7_RIGHT_ONE_TABLE = """
def worst_slice(frame, correct, columns, min_size=50):
    hits = np.asarray(correct, dtype=float)
    tables = []
    for order, column in enumerate(columns):
        t = (pd.DataFrame({"value": frame[column].to_numpy(), "hit": hits}).dropna(subset=["value"])
             .groupby("value", sort=True)["hit"].agg(accuracy="mean", size="size").reset_index())
        t["column"], t["order"], t["rank"] = column, order, range(len(t))
        tables.append(t)
    table = pd.concat(tables, ignore_index=True)
    table = table[table["size"] >= min_size]
    if table.empty:
        return None
    best = table.sort_values(["accuracy", "size", "order", "rank"], ascending=[True, False, True, True]).iloc[0]
    return {"column": best["column"], "value": best["value"], "accuracy": float(best["accuracy"]), "size": int(best["size"])}
"""

EX7_WRONG_STRICTLY_LARGER = _edit(EX7, 'table["size"] >= min_size', 'table["size"] > min_size')
EX7_WRONG_TIE_TO_SMALLER = _edit(EX7, 'key = (row["accuracy"], -row["size"])', 'key = (row["accuracy"], row["size"])')
EX7_WRONG_MISSING_AS_A_SLICE = _edit(
    EX7,
    "groups = correct.groupby(frame[column], observed=True, sort=True)",
    'groups = correct.groupby(frame[column].fillna("(missing)"), observed=True, sort=True)',
)
EX7_WRONG_IGNORES_MIN_SIZE = _edit(EX7, 'table[table["size"] >= min_size]', "table")
EX7_WRONG_LAST_COLUMN_WINS_TIES = _edit(EX7, "if best is None or key < best[0]:", "if best is None or key <= best[0]:")


# ----------------------------------------------------------------------------------------------- ex6

EX6 = """
def stress_suite():
    reviews = generate_reviews(120, seed=55)["text"].tolist()

    def labels(predict_proba, texts):
        return np.asarray(predict_proba(list(texts))).argmax(axis=1)

    def negation(predict_proba):
        cases = [(template.format(thing=thing, word=word), label)
                 for template, label, words in stress.NEGATION_CASES for thing in stress.THINGS for word in words]
        texts, expected = zip(*cases)
        return float(np.mean(labels(predict_proba, texts) != np.array(expected)))

    def invariance(predict_proba, perturb):
        variants = [perturb(text) for text in reviews]
        after = labels(predict_proba, [v for vs in variants for v in vs]).reshape(len(reviews), -1)
        return float(np.mean((after != labels(predict_proba, reviews)[:, None]).any(axis=1)))

    def names(predict_proba):
        return invariance(predict_proba, lambda text: [f"{text} I bought it for {name}." for name in stress.NAMES])

    def places(predict_proba):
        return invariance(predict_proba, lambda text: [f"{text} I bought it in {place}." for place in stress.PLACES])

    def typos(predict_proba):
        rng = random.Random(0)
        return invariance(predict_proba, lambda text: [stress.add_typo(text, rng)])

    def intensifiers(predict_proba):
        words = stress.GOOD_WORDS + stress.BAD_WORDS
        plain = [f"The {thing} is {word}." for thing in stress.THINGS for word in words]
        strong = [f"The {thing} is {adverb} {word}." for thing in stress.THINGS for word in words for adverb in stress.INTENSIFIERS]
        before = np.asarray(predict_proba(plain))
        after = np.asarray(predict_proba(strong)).reshape(len(plain), len(stress.INTENSIFIERS), 2)
        label = before.argmax(axis=1)
        confidence_before = before[np.arange(len(plain)), label]
        confidence_after = after[np.arange(len(plain)), :, label]
        return float(np.mean((confidence_after < confidence_before[:, None] - stress.DIRECTION_MARGIN).any(axis=1)))

    return {"MFT negation": negation, "INV names": names, "INV places": places, "INV typos": typos,
            "DIR intensifiers": intensifiers}
"""

EX6_RIGHT_LOOPS_AND_OTHER_TEMPLATES = """
def stress_suite():
    texts = list(generate_reviews(150, seed=99)["text"])

    def predicted(model, batch):
        return np.argmax(model(batch), axis=1)

    def mft(model):
        wrong = total = 0
        for template, expected, words in stress.NEGATION_CASES:
            batch = [template.format(thing=t, word=w) for t in stress.THINGS for w in words]
            wrong += int(np.sum(predicted(model, batch) != expected))
            total += len(batch)
        return wrong / total

    def inv(model, edit):
        base = predicted(model, texts)
        failed = np.zeros(len(texts), dtype=bool)
        for option in edit:
            failed |= predicted(model, [option(t) for t in texts]) != base
        return float(failed.mean())

    def names(model):
        return inv(model, [lambda t, n=n: f"My friend {n} recommended it. {t}" for n in stress.NAMES])

    def places(model):
        return inv(model, [lambda t, p=p: f"{t} It was delivered to {p}." for p in stress.PLACES])

    def typos(model):
        rng = random.Random(42)
        edited = {t: stress.add_typo(t, rng) for t in texts}
        return inv(model, [lambda t: edited[t]])

    def intensity(model):
        failed = total = 0
        for word in stress.GOOD_WORDS + stress.BAD_WORDS:
            plain = model([f"The {thing} is {word}." for thing in stress.THINGS])
            k = plain.argmax(axis=1)
            worst = np.ones(len(stress.THINGS))
            for a in stress.INTENSIFIERS:
                stronger = model([f"The {thing} is {a} {word}." for thing in stress.THINGS])
                worst = np.minimum(worst, stronger[np.arange(len(k)), k] - plain[np.arange(len(k)), k])
            failed += int(np.sum(worst < -stress.DIRECTION_MARGIN))
            total += len(k)
        return failed / total

    return {"negation": mft, "names": names, "places": places, "typos": typos, "intensifiers": intensity}
"""

EX6_WRONG_COUNTS_PERTURBATIONS = _edit(
    EX6,
    "        return float(np.mean((after != labels(predict_proba, reviews)[:, None]).any(axis=1)))",
    "        return float(np.mean(after != labels(predict_proba, reviews)[:, None]))",
)
EX6_WRONG_ONLY_THE_EXAMPLE_WORDS = _edit(
    _edit(
        _edit(EX6, "for name in stress.NAMES]", 'for name in ["Maria"]]'),
        "for place in stress.PLACES]",
        'for place in ["Lagos"]]',
    ),
    "for adverb in stress.INTENSIFIERS]",
    'for adverb in ["very"]]',
).replace("len(stress.INTENSIFIERS)", "1")
EX6_WRONG_DIR_WITHOUT_MARGIN = _edit(
    EX6, "confidence_before[:, None] - stress.DIRECTION_MARGIN", "confidence_before[:, None]"
)
EX6_WRONG_PASS_RATE = _edit(
    EX6,
    "        return float(np.mean((after != labels(predict_proba, reviews)[:, None]).any(axis=1)))",
    "        return float(np.mean((after == labels(predict_proba, reviews)[:, None]).all(axis=1)))",
)
EX6_WRONG_NO_TYPO_TEST = _edit(EX6, '"INV typos": typos,', "")
EX6_WRONG_TRAINING_REVIEWS_AND_ONE_NAME_PER_REVIEW = _edit(
    _edit(EX6, "generate_reviews(120, seed=55)", "generate_reviews(120, seed=5)"),
    'lambda text: [f"{text} I bought it for {name}." for name in stress.NAMES]',
    'lambda text: [f"{text} I bought it for {stress.NAMES[len(text) % len(stress.NAMES)]}."]',
)

VARIANTS = {
    "ex1_validation": {
        "wrong": {
            "price_bound_at_the_reference_maximum": EX1_WRONG_NO_MARGIN,
            "missing_share_of_the_non_missing": EX1_WRONG_MISSING_SHARE_OF_NON_MISSING,
            "delivery_not_nullable": EX1_WRONG_NOT_NULLABLE,
            "not_strict": EX1_WRONG_NOT_STRICT,
            "ids_not_unique": EX1_WRONG_NO_UNIQUE,
            "zero_price_allowed": EX1_WRONG_ZERO_PRICE_ALLOWED,
            "launch_categories_hard_coded": EX1_WRONG_LAUNCH_CATEGORIES,
            "one_string_per_failure_row": EX1_WRONG_EVERY_FAILURE_ROW,
            "first_error_only": EX1_WRONG_FIRST_ERROR_ONLY,
        },
        "right": {"dataframe_level_missing_check": EX1_RIGHT_DATAFRAME_CHECKS},
    },
    "ex2_drift_statistics": {
        "wrong": {
            "no_eps_for_empty_bins": EX2_WRONG_NO_EPS,
            "edges_from_both_samples": EX2_WRONG_EDGES_FROM_BOTH,
            "edge_values_to_the_left": EX2_WRONG_LEFT_SIDE,
            "always_ten_bins": EX2_WRONG_TEN_BINS_ALWAYS,
            "no_multiple_testing_correction": EX2_WRONG_NO_CORRECTION,
            "bonferroni_not_holm": EX2_WRONG_BONFERRONI,
            "missing_values_kept": EX2_WRONG_KEEPS_MISSING,
            "features_sorted": EX2_WRONG_SORTED_FEATURES,
            "log_ratio_upside_down": EX2_WRONG_LOG_RATIO_UPSIDE_DOWN,
        },
        "right": {"pandas_cut_and_holm_by_hand": EX2_RIGHT_PANDAS_CUT_AND_HOLM_BY_HAND},
    },
    "ex3_detector": {
        "wrong": {
            "uncorrected_p_values": EX3_WRONG_UNCORRECTED_P_VALUES,
            "centred_smoothing_looks_ahead": EX3_WRONG_CENTRED_SMOOTHING,
            "threshold_from_the_whole_stream": EX3_WRONG_THRESHOLD_FROM_THE_WHOLE_STREAM,
            "compares_with_yesterday": EX3_WRONG_COMPARES_WITH_YESTERDAY,
            "threshold_too_high": EX3_WRONG_THRESHOLD_TOO_HIGH,
            "threshold_too_low": EX3_WRONG_THRESHOLD_TOO_LOW,
            "numeric_features_only": EX3_WRONG_NUMERIC_ONLY,
        },
        "right": {"ks_statistic_and_share_of_new_categories": EX3_RIGHT_KS_STATISTIC_AND_NEW_SHARE},
    },
    "ex4_label_shift": {
        "wrong": {
            "share_of_predictions": EX4_WRONG_NAIVE_SHARE,
            "confusion_transposed": EX4_WRONG_TRANSPOSED,
            "confusion_rows_normalised": EX4_WRONG_ROWS_NORMALISED,
            "negative_prior_not_clipped": EX4_WRONG_NO_CLIP,
            "weights_returned_as_prior": EX4_WRONG_W_IS_THE_PRIOR,
            "adjusts_by_the_target_prior_only": EX4_WRONG_TARGET_ONLY,
            "not_renormalised": EX4_WRONG_NOT_RENORMALISED,
        },
        "right": {"conditional_confusion_matrix": EX4_RIGHT_CONDITIONAL_CONFUSION},
    },
    "ex5_performance_estimation": {
        "wrong": {
            "mean_confidence_uncalibrated": EX5_WRONG_MEAN_CONFIDENCE,
            "reference_accuracy_every_day": EX5_WRONG_REFERENCE_ACCURACY,
            "platt_scaling": EX5_WRONG_PLATT,
            "nan_outside_the_reference_range": EX5_WRONG_NAN_OUT_OF_RANGE,
            "calibrates_the_positive_class": EX5_WRONG_CALIBRATES_POSITIVE_CLASS,
        },
        "right": {"explicit_arguments": EX5_RIGHT_FIT_TRANSFORM_STYLE},
    },
    "ex6_stress_suite": {
        "wrong": {
            "counts_perturbations_not_cases": EX6_WRONG_COUNTS_PERTURBATIONS,
            "only_the_words_of_the_example": EX6_WRONG_ONLY_THE_EXAMPLE_WORDS,
            "dir_without_margin": EX6_WRONG_DIR_WITHOUT_MARGIN,
            "invariance_returns_the_pass_rate": EX6_WRONG_PASS_RATE,
            "no_typo_test": EX6_WRONG_NO_TYPO_TEST,
            "one_name_per_review": EX6_WRONG_TRAINING_REVIEWS_AND_ONE_NAME_PER_REVIEW,
        },
        "right": {"loops_and_other_templates": EX6_RIGHT_LOOPS_AND_OTHER_TEMPLATES},
    },
    "ex7_slices": {
        "wrong": {
            "strictly_more_than_min_size": EX7_WRONG_STRICTLY_LARGER,
            "tie_to_the_smaller_slice": EX7_WRONG_TIE_TO_SMALLER,
            "missing_values_as_a_slice": EX7_WRONG_MISSING_AS_A_SLICE,
            "min_size_ignored": EX7_WRONG_IGNORES_MIN_SIZE,
            "last_tie_wins": EX7_WRONG_LAST_COLUMN_WINS_TIES,
        },
        "right": {"one_sorted_table": EX7_RIGHT_ONE_TABLE},
    },
}
