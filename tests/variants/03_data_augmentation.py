"""Grader-validity variants of lab 03_data_augmentation (see dcai_labs.grading.validity).

For every autograded exercise, keyed by the grade_id of its answer cell: plausible wrong implementations
(mistakes learners actually make) that the exercise's tests must reject, and differently written correct
implementations they must accept. Each source replaces the whole answer cell, so it defines every function
of that cell (and ``POLICY`` for exercise 4) and imports what it uses. The notebook's state (numpy as np,
pandas as pd, ndimage, partial, img, selfsup, weak, baseline, has_synonyms, synonyms, tokenize, STOP_WORDS,
the functions of earlier exercises) is available.
"""

# ----------------------------------------------------------------------------------------------- ex1

_EX1_GOOD_ROTATE = """
def rotate(images, angles):
    images = np.asarray(images)
    out = np.empty_like(images)
    for i, (image, angle) in enumerate(zip(images, np.asarray(angles, dtype=float))):
        out[i] = ndimage.rotate(image, angle, reshape=False, order=1)
    return out
"""

_EX1_GOOD_SHIFT = """

def shift(images, dy, dx):
    images = np.asarray(images)
    out = np.zeros_like(images)
    h, w = images.shape[1:]
    for i, (a, b) in enumerate(zip(np.asarray(dy, dtype=int), np.asarray(dx, dtype=int))):
        if abs(a) < h and abs(b) < w:
            out[i, max(a, 0):h + min(a, 0), max(b, 0):w + min(b, 0)] = \\
                images[i, max(-a, 0):h + min(-a, 0), max(-b, 0):w + min(-b, 0)]
    return out
"""

_EX1_GOOD_CROP = """

def crop_resize(images, top, left, size):
    images = np.asarray(images)
    h, w = images.shape[1:]
    out = np.empty_like(images)
    corners = zip(np.asarray(top, dtype=int), np.asarray(left, dtype=int), np.asarray(size, dtype=int))
    for i, (t, l, s) in enumerate(corners):
        out[i] = ndimage.zoom(images[i, t:t + s, l:l + s], (h / s, w / s), order=1)
    return out
"""

_EX1_GOOD_NOISE = """

def add_noise(images, sigma, seed):
    images = np.asarray(images)
    rng = np.random.default_rng(seed)
    return np.clip(images + rng.normal(0.0, sigma, size=images.shape), 0.0, 1.0).astype(images.dtype)
"""

EX1_RIGHT_VECTORISED = """
def rotate(images, angles):
    # The whole batch in one call: each output pixel samples the input at its rotated position.
    images = np.asarray(images)
    n, h, w = images.shape
    theta = np.deg2rad(np.asarray(angles, dtype=float))[:, None, None]
    rows, cols = np.meshgrid(np.arange(h) - (h - 1) / 2, np.arange(w) - (w - 1) / 2, indexing="ij")
    source_rows = np.cos(theta) * rows + np.sin(theta) * cols + (h - 1) / 2
    source_cols = -np.sin(theta) * rows + np.cos(theta) * cols + (w - 1) / 2
    batch = np.broadcast_to(np.arange(n)[:, None, None], source_rows.shape)
    return ndimage.map_coordinates(images, [batch, source_rows, source_cols], order=1, mode="constant",
                                   cval=0.0).astype(images.dtype)


def shift(images, dy, dx):
    images = np.asarray(images)
    return np.stack([ndimage.shift(image, (int(a), int(b)), order=0, mode="constant", cval=0.0)
                     for image, a, b in zip(images, dy, dx)]).astype(images.dtype).reshape(images.shape)


def crop_resize(images, top, left, size):
    images = np.asarray(images)
    n, h, w = images.shape
    out = np.empty_like(images)
    for i in range(n):
        t, l, s = int(top[i]), int(left[i]), int(size[i])
        grid = np.meshgrid(np.linspace(t, t + s - 1, h), np.linspace(l, l + s - 1, w), indexing="ij")
        out[i] = ndimage.map_coordinates(images[i], grid, order=1)
    return out


def add_noise(images, sigma, seed):
    images = np.asarray(images)
    noise = sigma * np.random.default_rng(seed).standard_normal(images.shape)
    return np.clip(images + noise, 0, 1).astype(images.dtype)
"""

EX1_WRONG_SPLINE_DEFAULTS = (
    """
def rotate(images, angles):
    images = np.asarray(images)
    out = np.empty_like(images)
    for i, (image, angle) in enumerate(zip(images, angles)):
        out[i] = ndimage.rotate(image, angle, reshape=False)
    return out
"""
    + _EX1_GOOD_SHIFT
    + _EX1_GOOD_CROP
    + _EX1_GOOD_NOISE
)

EX1_WRONG_ONE_ANGLE_FOR_ALL = (
    """
def rotate(images, angles):
    return ndimage.rotate(np.asarray(images), float(np.asarray(angles)[0]), axes=(1, 2), reshape=False, order=1)
"""
    + _EX1_GOOD_SHIFT
    + _EX1_GOOD_CROP
    + _EX1_GOOD_NOISE
)

EX1_WRONG_SHIFT_WRAPS_AROUND = (
    _EX1_GOOD_ROTATE
    + """

def shift(images, dy, dx):
    images = np.asarray(images)
    return np.stack([np.roll(image, (int(a), int(b)), axis=(0, 1)) for image, a, b in zip(images, dy, dx)])
"""
    + _EX1_GOOD_CROP
    + _EX1_GOOD_NOISE
)

EX1_WRONG_CROP_WITHOUT_RESIZE = (
    _EX1_GOOD_ROTATE
    + _EX1_GOOD_SHIFT
    + """

def crop_resize(images, top, left, size):
    images = np.asarray(images)
    return np.stack([images[i, t:t + s, l:l + s] for i, (t, l, s) in enumerate(zip(top, left, size))])
"""
    + _EX1_GOOD_NOISE
)

EX1_WRONG_NOISE_UNCLIPPED = (
    _EX1_GOOD_ROTATE
    + _EX1_GOOD_SHIFT
    + _EX1_GOOD_CROP
    + """

def add_noise(images, sigma, seed):
    return images + np.random.default_rng(seed).normal(0.0, sigma, size=np.shape(images))
"""
)

# ----------------------------------------------------------------------------------------------- ex2

EX2_RIGHT_PER_IMAGE_LOOP = """
def random_augment(images, seed, max_angle=10.0, max_shift=1, min_crop=10, noise=0.0):
    images = np.asarray(images)
    n, h, w = images.shape
    rng = np.random.default_rng(seed)
    params = []
    for _ in range(n):
        s = int(rng.integers(min_crop, h + 1))
        params.append((int(rng.integers(0, h - s + 1)), int(rng.integers(0, w - s + 1)), s,
                       float(rng.uniform(-max_angle, max_angle)),
                       int(rng.integers(-max_shift, max_shift + 1)), int(rng.integers(-max_shift, max_shift + 1))))
    top, left, size, angle, dy, dx = (np.array(column) for column in zip(*params)) if n else ([],) * 6
    out = shift(rotate(crop_resize(images, top, left, size), angle), dy, dx)
    return add_noise(out, noise, seed=int(rng.integers(2**31)))
"""

EX2_WRONG_ONE_DRAW_FOR_THE_BATCH = """
def random_augment(images, seed, max_angle=10.0, max_shift=1, min_crop=10, noise=0.0):
    images = np.asarray(images)
    n, h, w = images.shape
    rng = np.random.default_rng(seed)
    s = int(rng.integers(min_crop, h + 1))
    t, l = int(rng.integers(0, h - s + 1)), int(rng.integers(0, w - s + 1))
    angle = float(rng.uniform(-max_angle, max_angle))
    dy, dx = int(rng.integers(-max_shift, max_shift + 1)), int(rng.integers(-max_shift, max_shift + 1))
    out = crop_resize(images, [t] * n, [l] * n, [s] * n)
    out = shift(rotate(out, [angle] * n), [dy] * n, [dx] * n)
    return add_noise(out, noise, seed=int(rng.integers(2**31)))
"""

EX2_WRONG_EXCLUSIVE_UPPER_BOUNDS = """
def random_augment(images, seed, max_angle=10.0, max_shift=1, min_crop=10, noise=0.0):
    images = np.asarray(images)
    n, h, w = images.shape
    rng = np.random.default_rng(seed)
    size = rng.integers(min_crop, h, size=n) if min_crop < h else np.full(n, h)
    top, left = rng.integers(0, h - size + 1), rng.integers(0, w - size + 1)
    angles = rng.uniform(-max_angle, max_angle, size=n)
    dy = rng.integers(-max_shift, max_shift, size=n) if max_shift else np.zeros(n, int)
    dx = rng.integers(-max_shift, max_shift, size=n) if max_shift else np.zeros(n, int)
    out = shift(rotate(crop_resize(images, top, left, size), angles), dy, dx)
    return add_noise(out, noise, seed=int(rng.integers(2**31)))
"""

EX2_WRONG_GLOBAL_RANDOM_STATE = """
def random_augment(images, seed, max_angle=10.0, max_shift=1, min_crop=10, noise=0.0):
    images = np.asarray(images)
    n, h, w = images.shape
    size = np.random.randint(min_crop, h + 1, size=n)
    top = np.array([np.random.randint(0, h - s + 1) for s in size])
    left = np.array([np.random.randint(0, w - s + 1) for s in size])
    angles = np.random.uniform(-max_angle, max_angle, size=n)
    dy = np.random.randint(-max_shift, max_shift + 1, size=n)
    dx = np.random.randint(-max_shift, max_shift + 1, size=n)
    out = shift(rotate(crop_resize(images, top, left, size), angles), dy, dx)
    return add_noise(out, noise, seed=seed)
"""

EX2_WRONG_POSITIVE_ANGLES_ONLY = """
def random_augment(images, seed, max_angle=10.0, max_shift=1, min_crop=10, noise=0.0):
    images = np.asarray(images)
    n, h, w = images.shape
    rng = np.random.default_rng(seed)
    size = rng.integers(min_crop, h + 1, size=n)
    top, left = rng.integers(0, h - size + 1), rng.integers(0, w - size + 1)
    angles = rng.uniform(0, max_angle, size=n)
    dy, dx = rng.integers(-max_shift, max_shift + 1, size=n), rng.integers(-max_shift, max_shift + 1, size=n)
    out = shift(rotate(crop_resize(images, top, left, size), angles), dy, dx)
    return add_noise(out, noise, seed=int(rng.integers(2**31)))
"""

# ----------------------------------------------------------------------------------------------- ex3

EX3_RIGHT_CONFUSION_COUNTS = """
def _confusion_after_rotation(model, images, labels, angle):
    predicted = img.predict(model, rotate(images, [float(angle)] * len(images)))
    counts = np.zeros((10, 10), dtype=int)
    np.add.at(counts, (np.asarray(labels), predicted), 1)
    return counts


def accuracy_by_angle(model, images, labels, angles):
    rows = []
    for angle in angles:
        counts = _confusion_after_rotation(model, images, labels, angle)
        totals = counts.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            rows.append(np.where(totals > 0, np.diag(counts) / totals, np.nan))
    return np.array(rows, dtype=float).reshape(len(angles), 10)


def most_common_prediction(model, images, labels, angle):
    counts = _confusion_after_rotation(model, images, labels, angle)
    return np.where(counts.sum(axis=1) > 0, counts.argmax(axis=1), -1)
"""

_EX3_GOOD_MOST_COMMON = """

def most_common_prediction(model, images, labels, angle):
    labels = np.asarray(labels)
    predicted = img.predict(model, rotate(images, np.full(len(images), float(angle))))
    return np.array([np.bincount(predicted[labels == d], minlength=10).argmax() if (labels == d).any() else -1
                     for d in range(10)])
"""

_EX3_GOOD_TABLE = """
def accuracy_by_angle(model, images, labels, angles):
    labels = np.asarray(labels)
    table = np.full((len(angles), 10), np.nan)
    for a, angle in enumerate(angles):
        predicted = img.predict(model, rotate(images, np.full(len(images), float(angle))))
        for d in range(10):
            if (labels == d).any():
                table[a, d] = (predicted[labels == d] == d).mean()
    return table
"""

EX3_WRONG_OVERALL_ACCURACY = (
    """
def accuracy_by_angle(model, images, labels, angles):
    labels = np.asarray(labels)
    table = np.zeros((len(angles), 10))
    for a, angle in enumerate(angles):
        predicted = img.predict(model, rotate(images, np.full(len(images), float(angle))))
        table[a, :] = (predicted == labels).mean()
    return table
"""
    + _EX3_GOOD_MOST_COMMON
)

EX3_WRONG_CLOCKWISE = """
def accuracy_by_angle(model, images, labels, angles):
    labels = np.asarray(labels)
    table = np.full((len(angles), 10), np.nan)
    for a, angle in enumerate(angles):
        predicted = img.predict(model, rotate(images, np.full(len(images), -float(angle))))
        for d in range(10):
            if (labels == d).any():
                table[a, d] = (predicted[labels == d] == d).mean()
    return table


def most_common_prediction(model, images, labels, angle):
    labels = np.asarray(labels)
    predicted = img.predict(model, rotate(images, np.full(len(images), -float(angle))))
    return np.array([np.bincount(predicted[labels == d], minlength=10).argmax() if (labels == d).any() else -1
                     for d in range(10)])
"""

EX3_WRONG_MOST_COMMON_MISTAKE = (
    _EX3_GOOD_TABLE
    + """

def most_common_prediction(model, images, labels, angle):
    labels = np.asarray(labels)
    predicted = img.predict(model, rotate(images, np.full(len(images), float(angle))))
    result = np.full(10, -1)
    for d in range(10):
        wrong = predicted[(labels == d) & (predicted != d)]
        if len(wrong):
            result[d] = np.bincount(wrong, minlength=10).argmax()
    return result
"""
)

# ----------------------------------------------------------------------------------------------- ex4

_EX4_GOOD_REAL = """

def is_real_gain(table):
    gains = table["gain"]
    return bool(gains.mean() > 0 and gains.mean() > gains.std())
"""

_EX4_GOOD_POLICY = """

POLICY = dict(max_angle=10, max_shift=1)
"""

_EX4_GOOD_GAIN = """
def augmentation_gain(augment, pool_images, pool_labels, test_images, test_labels, n_labelled, seeds, n_copies=4):
    rows = []
    for s in seeds:
        sub = img.labelled_subset(pool_labels, n_labelled, seed=s)
        X, y = pool_images[sub], pool_labels[sub]
        without = img.evaluate(X, y, test_images, test_labels)
        Xa = np.concatenate([X] + [augment(X, seed=1000 * s + k) for k in range(n_copies)])
        with_ = img.evaluate(Xa, np.tile(y, n_copies + 1), test_images, test_labels)
        rows.append((s, without, with_, with_ - without))
    return pd.DataFrame(rows, columns=["seed", "without", "with", "gain"])
"""

EX4_RIGHT_COLUMNS_FIRST = """
def augmentation_gain(augment, pool_images, pool_labels, test_images, test_labels, n_labelled, seeds, n_copies=4):
    columns = {"seed": [], "without": [], "with": []}
    for s in seeds:
        rows = img.labelled_subset(pool_labels, n_labelled, seed=s)
        images, labels = pool_images[rows], pool_labels[rows]
        training = [images]
        for k in range(n_copies):
            training.append(augment(images, seed=1000 * s + k))
        columns["seed"].append(s)
        columns["without"].append(img.evaluate(images, labels, test_images, test_labels))
        columns["with"].append(img.evaluate(np.vstack(training), np.concatenate([labels] * (n_copies + 1)),
                                            test_images, test_labels))
    table = pd.DataFrame(columns)
    table["gain"] = table["with"] - table["without"]
    return table


def is_real_gain(table):
    gains = np.asarray(table["gain"], dtype=float)
    return bool(gains.mean() > max(0.0, gains.std(ddof=1)))


POLICY = {"max_angle": 8, "max_shift": 1, "min_crop": 10}
"""

EX4_WRONG_AUGMENTS_THE_TEST_SET = (
    """
def augmentation_gain(augment, pool_images, pool_labels, test_images, test_labels, n_labelled, seeds, n_copies=4):
    rows = []
    for s in seeds:
        sub = img.labelled_subset(pool_labels, n_labelled, seed=s)
        X, y = pool_images[sub], pool_labels[sub]
        without = img.evaluate(X, y, test_images, test_labels)
        Xa = np.concatenate([X] + [augment(X, seed=1000 * s + k) for k in range(n_copies)])
        Ta = np.concatenate([test_images, augment(test_images, seed=s)])
        with_ = img.evaluate(Xa, np.tile(y, n_copies + 1), Ta, np.tile(test_labels, 2))
        rows.append((s, without, with_, with_ - without))
    return pd.DataFrame(rows, columns=["seed", "without", "with", "gain"])
"""
    + _EX4_GOOD_REAL
    + _EX4_GOOD_POLICY
)

EX4_WRONG_ONE_SEED_ONLY = (
    """
def augmentation_gain(augment, pool_images, pool_labels, test_images, test_labels, n_labelled, seeds, n_copies=4):
    s = list(seeds)[0]
    sub = img.labelled_subset(pool_labels, n_labelled, seed=s)
    X, y = pool_images[sub], pool_labels[sub]
    without = img.evaluate(X, y, test_images, test_labels)
    Xa = np.concatenate([X] + [augment(X, seed=1000 * s + k) for k in range(n_copies)])
    with_ = img.evaluate(Xa, np.tile(y, n_copies + 1), test_images, test_labels)
    return pd.DataFrame([(s, without, with_, with_ - without)], columns=["seed", "without", "with", "gain"])
"""
    + _EX4_GOOD_REAL
    + _EX4_GOOD_POLICY
)

EX4_WRONG_SAME_SEED_FOR_EVERY_COPY = (
    """
def augmentation_gain(augment, pool_images, pool_labels, test_images, test_labels, n_labelled, seeds, n_copies=4):
    rows = []
    for s in seeds:
        sub = img.labelled_subset(pool_labels, n_labelled, seed=s)
        X, y = pool_images[sub], pool_labels[sub]
        without = img.evaluate(X, y, test_images, test_labels)
        Xa = np.concatenate([X] + [augment(X, seed=s) for k in range(n_copies)])
        with_ = img.evaluate(Xa, np.tile(y, n_copies + 1), test_images, test_labels)
        rows.append((s, without, with_, with_ - without))
    return pd.DataFrame(rows, columns=["seed", "without", "with", "gain"])
"""
    + _EX4_GOOD_REAL
    + _EX4_GOOD_POLICY
)

EX4_WRONG_COPIES_REPLACE_ORIGINALS = (
    """
def augmentation_gain(augment, pool_images, pool_labels, test_images, test_labels, n_labelled, seeds, n_copies=4):
    rows = []
    for s in seeds:
        sub = img.labelled_subset(pool_labels, n_labelled, seed=s)
        X, y = pool_images[sub], pool_labels[sub]
        without = img.evaluate(X, y, test_images, test_labels)
        Xa = np.concatenate([augment(X, seed=1000 * s + k) for k in range(n_copies)])
        with_ = img.evaluate(Xa, np.tile(y, n_copies), test_images, test_labels)
        rows.append((s, without, with_, with_ - without))
    return pd.DataFrame(rows, columns=["seed", "without", "with", "gain"])
"""
    + _EX4_GOOD_REAL
    + _EX4_GOOD_POLICY
)

EX4_WRONG_POSITIVE_MEAN_IS_ENOUGH = (
    _EX4_GOOD_GAIN
    + """

def is_real_gain(table):
    return bool(table["gain"].mean() > 0)
"""
    + _EX4_GOOD_POLICY
)

EX4_WRONG_NOISE_POLICY = (
    _EX4_GOOD_GAIN
    + _EX4_GOOD_REAL
    + """

POLICY = dict(max_angle=0, max_shift=0, noise=0.1)
"""
)

# ----------------------------------------------------------------------------------------------- ex5

_EX5_GOOD_SR = """
def synonym_replacement(words, n, rng):
    words = list(words)
    eligible = [i for i, w in enumerate(words) if has_synonyms(w)]
    for i in (rng.permutation(eligible)[:n] if eligible else []):
        options = synonyms(words[i])
        words[i] = options[rng.integers(len(options))]
    return words
"""

_EX5_GOOD_RI = """

def random_insertion(words, n, rng):
    sources = [w for w in words if has_synonyms(w)]
    words = list(words)
    if not sources:
        return words
    for _ in range(n):
        options = synonyms(sources[rng.integers(len(sources))])
        words.insert(int(rng.integers(len(words) + 1)), options[rng.integers(len(options))])
    return words
"""

_EX5_GOOD_RS = """

def random_swap(words, n, rng):
    words = list(words)
    if len(words) < 2:
        return words
    for _ in range(n):
        i, j = rng.choice(len(words), size=2, replace=False)
        words[i], words[j] = words[j], words[i]
    return words
"""

_EX5_GOOD_RD = """

def random_deletion(words, p, rng):
    words = list(words)
    if not words:
        return []
    kept = [w for w, r in zip(words, rng.random(len(words))) if r >= p]
    return kept if kept else [words[rng.integers(len(words))]]
"""

_EX5_GOOD_EDA = """

def eda(text, seed, n_aug=4, alpha_sr=0.1, alpha_ri=0.1, alpha_rs=0.1, p_rd=0.1):
    rng = np.random.default_rng(seed)
    words = tokenize(text)
    count = lambda alpha: max(1, int(alpha * len(words))) if alpha > 0 else 0
    out = []
    for k in range(n_aug):
        op = k % 4
        if op == 0:
            new = synonym_replacement(words, count(alpha_sr), rng)
        elif op == 1:
            new = random_insertion(words, count(alpha_ri), rng)
        elif op == 2:
            new = random_swap(words, count(alpha_rs), rng)
        else:
            new = random_deletion(words, p_rd, rng)
        out.append(" ".join(new))
    return out
"""

EX5_RIGHT_DISPATCH_TABLE = """
def synonym_replacement(words, n, rng):
    out = list(words)
    positions = [i for i in range(len(out)) if has_synonyms(out[i])]
    if positions and n > 0:
        for i in rng.choice(positions, size=min(n, len(positions)), replace=False):
            out[i] = str(rng.choice(synonyms(out[i])))
    return out


def random_insertion(words, n, rng):
    out = list(words)
    pool = [w for w in words if has_synonyms(w)]
    for _ in range(n if pool else 0):
        word = pool[int(rng.integers(len(pool)))]
        out.insert(int(rng.integers(0, len(out) + 1)), str(rng.choice(synonyms(word))))
    return out


def random_swap(words, n, rng):
    out = list(words)
    for _ in range(n if len(out) > 1 else 0):
        i = int(rng.integers(len(out)))
        j = (i + 1 + int(rng.integers(len(out) - 1))) % len(out)
        out[i], out[j] = out[j], out[i]
    return out


def random_deletion(words, p, rng):
    out = []
    for w in words:
        if rng.random() >= p:
            out.append(w)
    if words and not out:
        out = [words[int(rng.integers(len(words)))]]
    return out


def eda(text, seed, n_aug=4, alpha_sr=0.1, alpha_ri=0.1, alpha_rs=0.1, p_rd=0.1):
    rng = np.random.default_rng(seed)
    words = tokenize(text)
    n = {name: (max(1, int(a * len(words))) if a > 0 else 0)
         for name, a in (("sr", alpha_sr), ("ri", alpha_ri), ("rs", alpha_rs))}
    operations = [lambda: synonym_replacement(words, n["sr"], rng), lambda: random_insertion(words, n["ri"], rng),
                  lambda: random_swap(words, n["rs"], rng), lambda: random_deletion(words, p_rd, rng)]
    return [" ".join(operations[k % 4]()) for k in range(n_aug)]
"""

EX5_WRONG_DELETION_CAN_EMPTY = (
    _EX5_GOOD_SR
    + _EX5_GOOD_RI
    + _EX5_GOOD_RS
    + """

def random_deletion(words, p, rng):
    return [w for w in words if rng.random() >= p]
"""
    + _EX5_GOOD_EDA
)

EX5_WRONG_REPLACES_STOP_WORDS = (
    """
def synonym_replacement(words, n, rng):
    words = list(words)
    eligible = [i for i, w in enumerate(words) if synonyms(w)]
    for i in (rng.permutation(eligible)[:n] if eligible else []):
        options = synonyms(words[i])
        words[i] = options[rng.integers(len(options))]
    return words
"""
    + _EX5_GOOD_RI
    + _EX5_GOOD_RS
    + _EX5_GOOD_RD
    + _EX5_GOOD_EDA
)

EX5_WRONG_INSERTS_AT_THE_END = (
    _EX5_GOOD_SR
    + """

def random_insertion(words, n, rng):
    sources = [w for w in words if has_synonyms(w)]
    words = list(words)
    for _ in range(n if sources else 0):
        options = synonyms(sources[rng.integers(len(sources))])
        words.append(options[rng.integers(len(options))])
    return words
"""
    + _EX5_GOOD_RS
    + _EX5_GOOD_RD
    + _EX5_GOOD_EDA
)

EX5_WRONG_SWAP_MAY_PICK_ONE_POSITION = (
    _EX5_GOOD_SR
    + _EX5_GOOD_RI
    + """

def random_swap(words, n, rng):
    words = list(words)
    for _ in range(n if len(words) > 1 else 0):
        i, j = rng.integers(len(words), size=2)
        words[i], words[j] = words[j], words[i]
    return words
"""
    + _EX5_GOOD_RD
    + _EX5_GOOD_EDA
)

EX5_WRONG_NO_MINIMUM_OF_ONE_EDIT = (
    _EX5_GOOD_SR
    + _EX5_GOOD_RI
    + _EX5_GOOD_RS
    + _EX5_GOOD_RD
    + """

def eda(text, seed, n_aug=4, alpha_sr=0.1, alpha_ri=0.1, alpha_rs=0.1, p_rd=0.1):
    rng = np.random.default_rng(seed)
    words = tokenize(text)
    ops = [lambda: synonym_replacement(words, int(alpha_sr * len(words)), rng),
           lambda: random_insertion(words, int(alpha_ri * len(words)), rng),
           lambda: random_swap(words, int(alpha_rs * len(words)), rng),
           lambda: random_deletion(words, p_rd, rng)]
    return [" ".join(ops[k % 4]()) for k in range(n_aug)]
"""
)

# ----------------------------------------------------------------------------------------------- ex6

EX6_RIGHT_ONE_AUGMENT_CALL = """
def rebalance(images, labels, seed, augment=None):
    images, labels = np.asarray(images), np.asarray(labels)
    rng = np.random.default_rng(seed)
    counts = {c: int((labels == c).sum()) for c in np.unique(labels)}
    target = max(counts.values())
    picked = []
    for c in sorted(counts):
        picked.extend(rng.choice(np.flatnonzero(labels == c), size=target - counts[c], replace=True).tolist())
    picked = np.array(picked, dtype=int)
    extra = images[picked]
    if augment is not None and len(picked):
        extra = augment(extra, seed=int(rng.integers(2**31)))
    return np.concatenate([images, extra]), np.concatenate([labels, labels[picked]])
"""

EX6_WRONG_UNDERSAMPLES_THE_MAJORITY = """
def rebalance(images, labels, seed, augment=None):
    images, labels = np.asarray(images), np.asarray(labels)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(labels, return_counts=True)
    per_class = [rng.choice(np.flatnonzero(labels == c), counts.min(), replace=False) for c in classes]
    keep = np.sort(np.concatenate(per_class))
    return images[keep], labels[keep]
"""

EX6_WRONG_AUGMENTS_THE_ORIGINALS_TOO = """
def rebalance(images, labels, seed, augment=None):
    images, labels = np.asarray(images), np.asarray(labels)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(labels, return_counts=True)
    parts, part_labels = [images], [labels]
    for c, count in zip(classes, counts):
        missing = counts.max() - count
        if missing:
            parts.append(images[rng.choice(np.flatnonzero(labels == c), size=missing, replace=True)])
            part_labels.append(np.full(missing, c, dtype=labels.dtype))
    out = np.concatenate(parts)
    if augment is not None:
        out = augment(out, seed=int(rng.integers(2**31)))
    return out, np.concatenate(part_labels)
"""

EX6_WRONG_REPEATS_IN_ORDER = """
def rebalance(images, labels, seed, augment=None):
    images, labels = np.asarray(images), np.asarray(labels)
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(labels, return_counts=True)
    parts, part_labels = [images], [labels]
    for c, count in zip(classes, counts):
        missing = counts.max() - count
        if missing:
            rows = np.resize(np.flatnonzero(labels == c), missing)
            extra = images[rows]
            if augment is not None:
                extra = augment(extra, seed=int(rng.integers(2**31)))
            parts.append(extra)
            part_labels.append(np.full(missing, c, dtype=labels.dtype))
    return np.concatenate(parts), np.concatenate(part_labels)
"""

# ----------------------------------------------------------------------------------------------- ex7

EX7_RIGHT_PER_IMAGE = """
def rotation_task(images):
    images = np.asarray(images)
    blocks, labels = [], []
    for k in range(4):
        blocks.append(np.stack([np.rot90(image, k) for image in images]))
        labels.append(np.full(len(images), k))
    return np.concatenate(blocks), np.concatenate(labels)


def pretext_features(model, images):
    x = np.asarray(images).reshape(len(images), -1)
    return np.clip(x @ model.coefs_[0] + model.intercepts_[0], 0, None)
"""

_EX7_GOOD_TASK = """
def rotation_task(images):
    images = np.asarray(images)
    return (np.concatenate([np.rot90(images, k, axes=(1, 2)) for k in range(4)]),
            np.repeat(np.arange(4), len(images)))
"""

_EX7_GOOD_FEATURES = """

def pretext_features(model, images):
    return np.maximum(img.flatten(images) @ model.coefs_[0] + model.intercepts_[0], 0.0)
"""

EX7_WRONG_ROT90_DEFAULT_AXES = (
    """
def rotation_task(images):
    images = np.asarray(images)
    return np.concatenate([np.rot90(images, k) for k in range(4)]), np.repeat(np.arange(4), len(images))
"""
    + _EX7_GOOD_FEATURES
)

EX7_WRONG_INTERLEAVED_LABELS = (
    """
def rotation_task(images):
    images = np.asarray(images)
    return (np.concatenate([np.rot90(images, k, axes=(1, 2)) for k in range(4)]),
            np.tile(np.arange(4), len(images)))
"""
    + _EX7_GOOD_FEATURES
)

EX7_WRONG_NO_RELU = (
    _EX7_GOOD_TASK
    + """

def pretext_features(model, images):
    return img.flatten(images) @ model.coefs_[0] + model.intercepts_[0]
"""
)

EX7_WRONG_OUTPUT_PROBABILITIES = (
    _EX7_GOOD_TASK
    + """

def pretext_features(model, images):
    return model.predict_proba(img.flatten(images))
"""
)

# ----------------------------------------------------------------------------------------------- ex7b

EX7B_RIGHT_EXPLICIT_LOOPS = """
def crop_task(images, size=6, stride=2):
    images = np.asarray(images)
    n, h, w = images.shape
    crops, labels, position = [], [], 0
    for top in range(0, h - size + 1, stride):
        for left in range(0, w - size + 1, stride):
            for i in range(n):
                crops.append(images[i, top:top + size, left:left + size])
                labels.append(position)
            position += 1
    return np.array(crops, dtype=images.dtype).reshape(-1, size, size), np.array(labels)


def crop_features(model, images, size=6, stride=2):
    crops, positions = crop_task(images, size, stride)
    hidden = np.clip(crops.reshape(len(crops), -1) @ model.coefs_[0] + model.intercepts_[0], 0, None)
    best = np.full((len(images), hidden.shape[1]), -np.inf)
    for k in np.unique(positions):
        best = np.maximum(best, hidden[positions == k])
    return best
"""

_EX7B_GOOD_TASK = """
def crop_task(images, size=6, stride=2):
    images = np.asarray(images)
    h, w = images.shape[1:]
    corners = [(t, l) for t in range(0, h - size + 1, stride) for l in range(0, w - size + 1, stride)]
    return (np.concatenate([images[:, t:t + size, l:l + size] for t, l in corners]),
            np.repeat(np.arange(len(corners)), len(images)))
"""

_EX7B_GOOD_FEATURES = """

def crop_features(model, images, size=6, stride=2):
    hidden = pretext_features(model, crop_task(images, size, stride)[0])
    return hidden.reshape(-1, len(images), hidden.shape[1]).max(axis=0)
"""

EX7B_WRONG_INTERLEAVED_LABELS = (
    """
def crop_task(images, size=6, stride=2):
    images = np.asarray(images)
    h, w = images.shape[1:]
    corners = [(t, l) for t in range(0, h - size + 1, stride) for l in range(0, w - size + 1, stride)]
    return (np.concatenate([images[:, t:t + size, l:l + size] for t, l in corners]),
            np.tile(np.arange(len(corners)), len(images)))
"""
    + _EX7B_GOOD_FEATURES
)

EX7B_WRONG_COLUMN_BY_COLUMN = (
    """
def crop_task(images, size=6, stride=2):
    images = np.asarray(images)
    h, w = images.shape[1:]
    corners = [(t, l) for l in range(0, w - size + 1, stride) for t in range(0, h - size + 1, stride)]
    return (np.concatenate([images[:, t:t + size, l:l + size] for t, l in corners]),
            np.repeat(np.arange(len(corners)), len(images)))
"""
    + _EX7B_GOOD_FEATURES
)

EX7B_WRONG_MISSES_THE_LAST_POSITION = (
    """
def crop_task(images, size=6, stride=2):
    images = np.asarray(images)
    h, w = images.shape[1:]
    corners = [(t, l) for t in range(0, h - size, stride) for l in range(0, w - size, stride)]
    return (np.concatenate([images[:, t:t + size, l:l + size] for t, l in corners]),
            np.repeat(np.arange(len(corners)), len(images)))
"""
    + _EX7B_GOOD_FEATURES
)

EX7B_WRONG_SQUARE_IMAGES_ONLY = (
    """
def crop_task(images, size=6, stride=2):
    images = np.asarray(images)
    side = images.shape[1]
    corners = [(t, l) for t in range(0, side - size + 1, stride) for l in range(0, side - size + 1, stride)]
    return (np.concatenate([images[:, t:t + size, l:l + size] for t, l in corners]),
            np.repeat(np.arange(len(corners)), len(images)))
"""
    + _EX7B_GOOD_FEATURES
)

EX7B_WRONG_MEAN_OVER_CROPS = (
    _EX7B_GOOD_TASK
    + """

def crop_features(model, images, size=6, stride=2):
    hidden = pretext_features(model, crop_task(images, size, stride)[0])
    return hidden.reshape(-1, len(images), hidden.shape[1]).mean(axis=0)
"""
)

EX7B_WRONG_MAX_OVER_THE_WRONG_AXIS = (
    _EX7B_GOOD_TASK
    + """

def crop_features(model, images, size=6, stride=2):
    hidden = pretext_features(model, crop_task(images, size, stride)[0])
    return hidden.reshape(len(images), -1, hidden.shape[1]).max(axis=1)
"""
)

EX7B_WRONG_DEFAULT_CROPS_ONLY = (
    _EX7B_GOOD_TASK
    + """

def crop_features(model, images, size=6, stride=2):
    hidden = pretext_features(model, crop_task(images)[0])
    return hidden.reshape(-1, len(images), hidden.shape[1]).max(axis=0)
"""
)

# ----------------------------------------------------------------------------------------------- ex8

EX8_RIGHT_SIGNED_VOTES = """
def _signed(L):
    L = np.asarray(L)
    return (L == 1).astype(float) - (L == 0).astype(float)


def majority_vote(L):
    total = _signed(L).sum(axis=1)
    return np.select([total > 0, total < 0], [1, 0], default=-1).astype(int)


def lf_weights(L_dev, y_dev):
    L_dev, y_dev = np.asarray(L_dev), np.asarray(y_dev)
    weights = []
    for j in range(L_dev.shape[1]):
        voted = L_dev[:, j] != -1
        right = int((L_dev[voted, j] == y_dev[voted]).sum())
        acc = (right + 1) / (int(voted.sum()) + 2)
        weights.append(np.log(acc) - np.log(1 - acc))
    return np.array(weights)


def weighted_vote(L, weights):
    total = _signed(L) @ np.asarray(weights, dtype=float)
    return np.select([total > 0, total < 0], [1, 0], default=-1).astype(int)
"""

_EX8_GOOD_WEIGHTS = """

def lf_weights(L_dev, y_dev):
    L_dev, y_dev = np.asarray(L_dev), np.asarray(y_dev)
    fired = L_dev != -1
    acc = ((fired & (L_dev == y_dev[:, None])).sum(0) + 1) / (fired.sum(0) + 2)
    return np.log(acc / (1 - acc))
"""

_EX8_GOOD_WEIGHTED = """

def weighted_vote(L, weights):
    L = np.asarray(L)
    score = ((L == 1) * weights).sum(1) - ((L == 0) * weights).sum(1)
    return np.where(score > 0, 1, np.where(score < 0, 0, -1))
"""

_EX8_GOOD_MAJORITY = """
def majority_vote(L):
    L = np.asarray(L)
    pos, neg = (L == 1).sum(1), (L == 0).sum(1)
    return np.where(pos > neg, 1, np.where(neg > pos, 0, -1))
"""

EX8_WRONG_ABSTAIN_COUNTS_AS_NEGATIVE = (
    """
def majority_vote(L):
    L = np.asarray(L)
    pos, neg = (L == 1).sum(1), (L <= 0).sum(1)
    return np.where(pos > neg, 1, np.where(neg > pos, 0, -1))
"""
    + _EX8_GOOD_WEIGHTS
    + _EX8_GOOD_WEIGHTED
)

EX8_WRONG_TIES_GO_POSITIVE = (
    """
def majority_vote(L):
    L = np.asarray(L)
    pos, neg = (L == 1).sum(1), (L == 0).sum(1)
    return np.where((pos == 0) & (neg == 0), -1, np.where(pos >= neg, 1, 0))
"""
    + _EX8_GOOD_WEIGHTS
    + _EX8_GOOD_WEIGHTED
)

EX8_WRONG_UNSMOOTHED_ACCURACY = (
    _EX8_GOOD_MAJORITY
    + """

def lf_weights(L_dev, y_dev):
    L_dev, y_dev = np.asarray(L_dev), np.asarray(y_dev)
    fired = L_dev != -1
    with np.errstate(divide="ignore", invalid="ignore"):
        acc = (fired & (L_dev == y_dev[:, None])).sum(0) / fired.sum(0)
        return np.log(acc / (1 - acc))
"""
    + _EX8_GOOD_WEIGHTED
)

EX8_WRONG_WEIGHTS_ARE_ACCURACIES = (
    _EX8_GOOD_MAJORITY
    + """

def lf_weights(L_dev, y_dev):
    L_dev, y_dev = np.asarray(L_dev), np.asarray(y_dev)
    fired = L_dev != -1
    return ((fired & (L_dev == y_dev[:, None])).sum(0) + 1) / (fired.sum(0) + 2)
"""
    + _EX8_GOOD_WEIGHTED
)

EX8_WRONG_WEIGHTED_TIE_IS_NEGATIVE = (
    _EX8_GOOD_MAJORITY
    + _EX8_GOOD_WEIGHTS
    + """

def weighted_vote(L, weights):
    L = np.asarray(L)
    score = ((L == 1) * weights).sum(1) - ((L == 0) * weights).sum(1)
    return np.where(score > 0, 1, np.where((L == -1).all(1), -1, 0))
"""
)

VARIANTS = {
    "ex1_image_ops": {
        "wrong": {
            "spline_defaults_order3": EX1_WRONG_SPLINE_DEFAULTS,
            "one_angle_for_the_batch": EX1_WRONG_ONE_ANGLE_FOR_ALL,
            "shift_wraps_around_np_roll": EX1_WRONG_SHIFT_WRAPS_AROUND,
            "crop_changes_the_shape": EX1_WRONG_CROP_WITHOUT_RESIZE,
            "noise_unclipped_float64": EX1_WRONG_NOISE_UNCLIPPED,
        },
        "right": {"vectorised_map_coordinates": EX1_RIGHT_VECTORISED},
    },
    "ex2_random_augment": {
        "wrong": {
            "one_draw_for_the_batch": EX2_WRONG_ONE_DRAW_FOR_THE_BATCH,
            "exclusive_upper_bounds": EX2_WRONG_EXCLUSIVE_UPPER_BOUNDS,
            "global_random_state": EX2_WRONG_GLOBAL_RANDOM_STATE,
            "positive_angles_only": EX2_WRONG_POSITIVE_ANGLES_ONLY,
        },
        "right": {"per_image_loop": EX2_RIGHT_PER_IMAGE_LOOP},
    },
    "ex3_rotation_breaks": {
        "wrong": {
            "overall_accuracy_per_row": EX3_WRONG_OVERALL_ACCURACY,
            "rotates_clockwise": EX3_WRONG_CLOCKWISE,
            "most_common_mistake_not_prediction": EX3_WRONG_MOST_COMMON_MISTAKE,
        },
        "right": {"confusion_counts": EX3_RIGHT_CONFUSION_COUNTS},
    },
    "ex4_measured_gain": {
        "wrong": {
            "augments_the_test_set": EX4_WRONG_AUGMENTS_THE_TEST_SET,
            "one_seed_only": EX4_WRONG_ONE_SEED_ONLY,
            "same_seed_for_every_copy": EX4_WRONG_SAME_SEED_FOR_EVERY_COPY,
            "copies_replace_originals": EX4_WRONG_COPIES_REPLACE_ORIGINALS,
            "positive_mean_is_enough": EX4_WRONG_POSITIVE_MEAN_IS_ENOUGH,
            "noise_policy": EX4_WRONG_NOISE_POLICY,
        },
        "right": {"columns_first": EX4_RIGHT_COLUMNS_FIRST},
    },
    "ex5_eda": {
        "wrong": {
            "deletion_can_empty_a_sentence": EX5_WRONG_DELETION_CAN_EMPTY,
            "replaces_stop_words": EX5_WRONG_REPLACES_STOP_WORDS,
            "inserts_at_the_end": EX5_WRONG_INSERTS_AT_THE_END,
            "swap_may_pick_one_position": EX5_WRONG_SWAP_MAY_PICK_ONE_POSITION,
            "no_minimum_of_one_edit": EX5_WRONG_NO_MINIMUM_OF_ONE_EDIT,
        },
        "right": {"dispatch_table": EX5_RIGHT_DISPATCH_TABLE},
    },
    "ex6_rebalance": {
        "wrong": {
            "undersamples_the_majority": EX6_WRONG_UNDERSAMPLES_THE_MAJORITY,
            "augments_the_originals_too": EX6_WRONG_AUGMENTS_THE_ORIGINALS_TOO,
            "repeats_rows_in_order": EX6_WRONG_REPEATS_IN_ORDER,
        },
        "right": {"one_augment_call": EX6_RIGHT_ONE_AUGMENT_CALL},
    },
    "ex7_rotation_pretext": {
        "wrong": {
            "rot90_default_axes": EX7_WRONG_ROT90_DEFAULT_AXES,
            "interleaved_labels": EX7_WRONG_INTERLEAVED_LABELS,
            "no_relu": EX7_WRONG_NO_RELU,
            "output_probabilities": EX7_WRONG_OUTPUT_PROBABILITIES,
        },
        "right": {"per_image": EX7_RIGHT_PER_IMAGE},
    },
    "ex7b_crop_pretext": {
        "wrong": {
            "interleaved_labels": EX7B_WRONG_INTERLEAVED_LABELS,
            "positions_column_by_column": EX7B_WRONG_COLUMN_BY_COLUMN,
            "misses_the_last_position": EX7B_WRONG_MISSES_THE_LAST_POSITION,
            "square_images_only": EX7B_WRONG_SQUARE_IMAGES_ONLY,
            "mean_over_crops": EX7B_WRONG_MEAN_OVER_CROPS,
            "max_over_the_wrong_axis": EX7B_WRONG_MAX_OVER_THE_WRONG_AXIS,
            "default_crops_only": EX7B_WRONG_DEFAULT_CROPS_ONLY,
        },
        "right": {"explicit_loops": EX7B_RIGHT_EXPLICIT_LOOPS},
    },
    "ex8_weak_labels": {
        "wrong": {
            "abstain_counts_as_negative": EX8_WRONG_ABSTAIN_COUNTS_AS_NEGATIVE,
            "ties_go_positive": EX8_WRONG_TIES_GO_POSITIVE,
            "unsmoothed_accuracy": EX8_WRONG_UNSMOOTHED_ACCURACY,
            "weights_are_accuracies": EX8_WRONG_WEIGHTS_ARE_ACCURACIES,
            "weighted_tie_is_negative": EX8_WRONG_WEIGHTED_TIE_IS_NEGATIVE,
        },
        "right": {"signed_votes": EX8_RIGHT_SIGNED_VOTES},
    },
}
